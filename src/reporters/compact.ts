/**
 * `compact`: ESLint's compact layout, one line per finding —
 * `path: line L, col C, Error - message (rule-id)` — then a blank line and `N problems`. Severity words
 * are Error, Warning and Info. Paths are relative to cwd when the file is inside it. Nothing is printed
 * when there are no findings.
 */
import type { LintResult } from '../types.js';
import { displayPath, effectiveSeverity, oneLine, Pieces, plural, type ReporterOptions } from './common.js';

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

export function formatCompact(result: LintResult, options: ReporterOptions): string {
  return [...formatCompactChunks(result, options)].join('');
}

/** formatCompact's text in pieces (see Pieces in common.ts). */
export function* formatCompactChunks(result: LintResult, options: ReporterOptions): Generator<string> {
  const pieces = new Pieces();
  let total = 0;
  for (const file of result.files) {
    if (file.findings.length === 0) continue;
    const shown = oneLine(displayPath(file.filePath, options.cwd));
    for (const f of file.findings) {
      total++;
      const rule = f.ruleId ? ` (${oneLine(f.ruleId)})` : '';
      pieces.add(`${shown}: line ${f.line}, col ${f.column}, ${SEVERITY_WORD[effectiveSeverity(f)]} - ${oneLine(f.message)}${rule}\n`);
      const piece = pieces.full();
      if (piece) yield piece;
    }
  }
  if (total > 0) yield pieces.rest() + `\n${plural(total, 'problem')}\n`;
}
