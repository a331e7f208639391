/**
 * The job summary the GitHub Action appends to `$GITHUB_STEP_SUMMARY`: a headline with the counts and a
 * Markdown table of findings (at most SUMMARY_ROW_LIMIT rows; the log and the SARIF file have them all).
 * Pure: the caller passes the links' base (repository URL at the commit) when the runner provides one.
 * Rows: errors first, then warnings, then info.
 */
import type { LintResult } from '../types.js';
import { countResult, displayPath, effectiveSeverity, plural, ruleLabel, STDIN_FILE_PATH } from '../reporters/common.js';

/** Rows of the findings table; a summary must stay well under the runner's 1 MiB limit per step. */
export const SUMMARY_ROW_LIMIT = 200;

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

export interface SummaryOptions {
  cwd: string;
  /** `https://github.com/OWNER/REPO/blob/SHA`: file cells link to the line. */
  blobUrl?: string;
  /** Text after the counts, e.g. `(Kubernetes 1.36)`. */
  note?: string;
}

/** Text for a table cell: no line breaks, `|` escaped, HTML neutralised. */
export function cell(text: string): string {
  return text
    .replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, "'");
}

export function formatSummary(result: LintResult, options: SummaryOptions): string {
  const c = countResult(result);
  const files = result.files.length;
  const note = options.note ? ` ${options.note}` : '';
  let out = '## podlint\n\n';
  if (c.errorCount + c.warningCount + c.infoCount === 0) {
    return `${out}✅ No problems in ${plural(files, 'file')}${note}.\n`;
  }
  const head = c.errorCount > 0 ? '❌' : c.warningCount > 0 ? '⚠️' : 'ℹ️';
  out += `${head} **${plural(c.errorCount, 'error')}**, ${plural(c.warningCount, 'warning')}, ${c.infoCount} info in ${plural(files, 'file')}${note}.\n\n`;
  out += '| | File | Line | Rule | Message |\n|---|---|---:|---|---|\n';
  // Errors first, then warnings, then info; files and lines in the engine's order within each.
  const rowsOf = result.files.flatMap((file) => file.findings.map((f) => ({ file, f, sev: effectiveSeverity(f) })));
  const ordered = (['error', 'warning', 'info'] as const).flatMap((sev) => rowsOf.filter((r) => r.sev === sev));
  const total = ordered.length;
  let rows = 0;
  for (const { file, f, sev } of ordered) {
    if (rows >= SUMMARY_ROW_LIMIT) break;
    rows++;
    const shown = displayPath(file.filePath, options.cwd);
    const where = f.line >= 1 ? `${f.line}:${f.column}` : '';
    const name = `\`${cell(shown)}\``;
    const linked = options.blobUrl && file.filePath !== STDIN_FILE_PATH && !shown.startsWith('/') && f.line >= 1 ? `[${name}](${options.blobUrl}/${shown.split('/').map(encodeURIComponent).join('/')}#L${f.line})` : name;
    out += `| ${ICON[sev]} ${sev} | ${linked} | ${where} | \`${cell(ruleLabel(f))}\` | ${cell(f.message)} |\n`;
  }
  if (total > rows) out += `\n… and ${total - rows} more: see the step's log or the SARIF file.\n`;
  return out;
}
