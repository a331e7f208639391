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
  Pieces,
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

interface Table {
  lineWidth: number;
  colWidth: number;
  /** Whether the table has the object column: some finding of the file concerns an object. */
  withObject: boolean;
  /** Display width of each column: the widest cell. */
  widths: number[];
}

function rowCells(c: ChalkInstance, f: Finding, t: Omit<Table, 'widths'>): Cell[] {
  const sev = effectiveSeverity(f);
  const loc = `${String(f.line).padStart(t.lineWidth)}:${String(f.column).padEnd(t.colWidth)}`;
  const cells: Cell[] = [
    { text: loc, paint: (s) => c.dim(s) },
    { text: sev, paint: severityPaint(c, sev) },
  ];
  if (t.withObject) cells.push({ text: oneLine(objectLabel(f.object)), paint: (s) => s });
  cells.push({ text: tableMessage(f.message), paint: (s) => s });
  cells.push({ text: oneLine(f.ruleId ?? ''), paint: (s) => c.dim(s) });
  return cells;
}

/** The column widths of a file's table, measured before any row is written. */
function tableLayout(c: ChalkInstance, findings: readonly Finding[]): Table {
  let lineWidth = 0;
  let colWidth = 0;
  for (const f of findings) {
    lineWidth = Math.max(lineWidth, String(f.line).length);
    colWidth = Math.max(colWidth, String(f.column).length);
  }
  const t = { lineWidth, colWidth, withObject: findings.some((f) => f.object !== undefined) };
  // Loops, not Math.max(...rows): a file may have more findings than a call can take arguments.
  const widths: number[] = [];
  for (const f of findings) rowCells(c, f, t).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell.text))));
  return { ...t, widths };
}

/** One row of a file's table, without its line break. */
function renderRow(c: ChalkInstance, f: Finding, t: Table): string {
  const r = rowCells(c, f, t);
  const parts = r.map((cell, i) => {
    // Colour the text, not the padding; the last column is not padded.
    const pad = i === r.length - 1 ? '' : ' '.repeat(t.widths[i]! - displayWidth(cell.text));
    return (cell.text === '' ? '' : cell.paint(cell.text)) + pad;
  });
  return `  ${parts.join('  ')}`.replace(/\s+$/u, '');
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
  return [...formatStylishChunks(result, options)].join('');
}

/**
 * formatStylish's text in pieces (see Pieces in common.ts). The counts of the summary and each file's
 * column widths are worked out before the rows are written.
 */
export function* formatStylishChunks(result: LintResult, options: ReporterOptions): Generator<string> {
  const c = new Chalk({ level: options.color ? (options.colorLevel ?? 1) : 0 });
  const counts = countResult(result);
  const pieces = new Pieces();
  let any = false;
  if (totalOf(counts) > 0) {
    any = true;
    pieces.add('\n');
    for (const file of result.files) {
      if (file.findings.length === 0) continue;
      pieces.add(`${c.underline(oneLine(displayPath(file.filePath, options.cwd)))}\n`);
      const table = tableLayout(c, file.findings);
      for (const f of file.findings) {
        pieces.add(`${renderRow(c, f, table)}\n`);
        const piece = pieces.full();
        if (piece) yield piece;
      }
      pieces.add('\n');
    }
    pieces.add(summaryLines(c, counts));
  }
  if (options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings) {
    any = true;
    pieces.add(c.red(`podlint found too many warnings (maximum: ${options.maxWarnings}).`) + '\n');
  }
  if (result.skippedKinds.length > 0) {
    pieces.add((any ? '\n' : '') + c.dim(skippedKindsNote(result.skippedKinds)) + '\n');
  }
  const rest = pieces.rest();
  if (rest) yield rest;
}
