/**
 * `compact`: ESLint's compact layout, one line per finding —
 * `path: line L, col C, Error - message (rule-id)` — then a blank line and `N problems`. Severity words
 * are Error, Warning and Info. Paths are relative to cwd when the file is inside it. Nothing is printed
 * when there are no findings.
 */
import type { LintResult } from '../types.js';
import { displayPath, effectiveSeverity, oneLine, plural, type ReporterOptions } from './common.js';

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

export function formatCompact(result: LintResult, options: ReporterOptions): string {
  let out = '';
  let total = 0;
  for (const file of result.files) {
    const shown = oneLine(displayPath(file.filePath, options.cwd));
    for (const f of file.findings) {
      total++;
      const rule = f.ruleId ? ` (${oneLine(f.ruleId)})` : '';
      out += `${shown}: line ${f.line}, col ${f.column}, ${SEVERITY_WORD[effectiveSeverity(f)]} - ${oneLine(f.message)}${rule}\n`;
    }
  }
  return total > 0 ? `${out}\n${plural(total, 'problem')}\n` : '';
}
