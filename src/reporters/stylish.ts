/**
 * `stylish`: ESLint's default layout. Per file with findings: the path underlined, then one row per
 * finding with aligned columns `line:column  severity  object  message  rule-id`; then the summary
 * `✖ N problems (E errors, W warnings[, I info])` and, when some findings carry a fix, the
 * `potentially fixable with the --fix option` line. Prints nothing when there is nothing to say.
 *
 * The object column (`Pod/web`, see objectLabel) sits before the message so that the rule id stays the
 * last column, where ESLint problem matchers expect it. It is left out of a file's table when no
 * finding of that file concerns an object (e.g. a file that does not parse).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, LintResult, Severity } from '../types.js';
import {
  countResult,
  displayPath,
  displayWidth,
  effectiveSeverity,
  objectLabel,
  oneLine,
  plural,
  totalOf,
  type Counts,
  type ReporterOptions,
} from './common.js';

const SUMMARY_SYMBOL = '\u2716'; // ✖, as ESLint

interface Cell {
  text: string;
  paint: (s: string) => string;
}

function severityPaint(c: ChalkInstance, sev: Severity): (s: string) => string {
  return sev === 'error' ? c.red : sev === 'warning' ? c.yellow : c.cyan;
}

/** ESLint drops a message's final period in this layout: the rule id follows it. */
function tableMessage(message: string): string {
  return oneLine(message).replace(/([^ ])\.$/u, '$1');
}

function renderTable(c: ChalkInstance, findings: readonly Finding[]): string {
  let lineWidth = 0;
  let colWidth = 0;
  for (const f of findings) {
    lineWidth = Math.max(lineWidth, String(f.line).length);
    colWidth = Math.max(colWidth, String(f.column).length);
  }
  const withObject = findings.some((f) => f.object !== undefined);
  const rows: Cell[][] = findings.map((f) => {
    const sev = effectiveSeverity(f);
    const loc = `${String(f.line).padStart(lineWidth)}:${String(f.column).padEnd(colWidth)}`;
    const cells: Cell[] = [
      { text: loc, paint: (s) => c.dim(s) },
      { text: sev, paint: severityPaint(c, sev) },
    ];
    if (withObject) cells.push({ text: oneLine(objectLabel(f.object)), paint: (s) => s });
    cells.push({ text: tableMessage(f.message), paint: (s) => s });
    cells.push({ text: oneLine(f.ruleId ?? ''), paint: (s) => c.dim(s) });
    return cells;
  });
  // Loops, not Math.max(...rows): a file may have more findings than a call can take arguments.
  const widths = rows[0]!.map(() => 0);
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i]!, displayWidth(cell.text))));
  return rows
    .map((r) => {
      const parts = r.map((cell, i) => {
        // Colour the text, not the padding; the last column is not padded.
        const pad = i === r.length - 1 ? '' : ' '.repeat(widths[i]! - displayWidth(cell.text));
        return (cell.text === '' ? '' : cell.paint(cell.text)) + pad;
      });
      return `  ${parts.join('  ')}`.replace(/\s+$/u, '');
    })
    .join('\n');
}

function summaryLines(c: ChalkInstance, counts: Counts): string {
  const total = totalOf(counts);
  const paint = counts.errorCount > 0 ? c.red.bold : counts.warningCount > 0 ? c.yellow.bold : c.cyan.bold;
  const parts = [plural(counts.errorCount, 'error'), plural(counts.warningCount, 'warning')];
  if (counts.infoCount > 0) parts.push(`${counts.infoCount} info`);
  let out = paint(`${SUMMARY_SYMBOL} ${plural(total, 'problem')} (${parts.join(', ')})`) + '\n';
  const fixable = counts.fixableErrorCount + counts.fixableWarningCount + counts.fixableInfoCount;
  if (fixable > 0) {
    const what =
      counts.fixableInfoCount > 0
        ? `${plural(counts.fixableErrorCount, 'error')}, ${plural(counts.fixableWarningCount, 'warning')} and ${counts.fixableInfoCount} info`
        : `${plural(counts.fixableErrorCount, 'error')} and ${plural(counts.fixableWarningCount, 'warning')}`;
    out += paint(`  ${what} potentially fixable with the \`--fix\` option.`) + '\n';
  }
  return out;
}

/** `Skipped 2 kinds with no bundled schema (not validated): example.com/v1 Widget, …` */
export function skippedKindsNote(kinds: readonly string[]): string {
  return `Skipped ${plural(kinds.length, 'kind')} with no bundled schema (not validated): ${kinds.map(oneLine).join(', ')}`;
}

export function formatStylish(result: LintResult, options: ReporterOptions): string {
  const c = new Chalk({ level: options.color ? (options.colorLevel ?? 1) : 0 });
  const counts = countResult(result);
  let out = '';
  if (totalOf(counts) > 0) {
    out += '\n';
    for (const file of result.files) {
      if (file.findings.length === 0) continue;
      out += `${c.underline(oneLine(displayPath(file.filePath, options.cwd)))}\n`;
      out += `${renderTable(c, file.findings)}\n\n`;
    }
    out += summaryLines(c, counts);
  }
  if (options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings) {
    out += c.red(`podlint found too many warnings (maximum: ${options.maxWarnings}).`) + '\n';
  }
  if (result.skippedKinds.length > 0) {
    out += (out === '' ? '' : '\n') + c.dim(skippedKindsNote(result.skippedKinds)) + '\n';
  }
  return out;
}
