/**
 * `stylish`: ESLint's default layout. Per file with findings: the path underlined, then one row per
 * finding with aligned columns `line:column  severity  object  message  rule-id`; then the summary
 * `✖ N problems (E errors, W warnings[, I info])` and, when some findings carry a fix, the
 * `potentially fixable with the --fix option` line. Prints nothing when there is nothing to say.
 *
 * The object column (`Pod/web`, see objectLabel) sits before the message so that the rule id stays the
 * last column, where ESLint problem matchers expect it. It is left out of a file's table when no
 * finding of that file concerns an object (e.g. a file that does not parse).
 *
 * When the findings span more than one file, a tally comes before the summary: `Problems by rule:`
 * and one line per rule and severity (`  12  warning  resource-limits-missing`), the most frequent
 * first, then by severity (errors first), then by rule id.
 *
 * `options.width` (a terminal's columns; the CLI gives it only when stdout is a terminal) fits every
 * line to that width. Each file's table is laid out in the first of these that fits:
 *   - one line per finding, exactly as without a width;
 *   - the table with its message column wrapped under itself (hanging indent), the rule id on the
 *     row's first line, when that column keeps at least TABLE_MIN_MESSAGE cells;
 *   - stacked: `line:column  severity  object  rule-id` on one line, the message wrapped below it,
 *     indented to the object's column (4 spaces when that leaves under STACKED_MIN_MESSAGE cells).
 * Paths, the tally, the summary and the notes wrap too (a word wider than the line is broken).
 * Without a width (piped output, --output-file), one line per finding, as ESLint prints it.
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
  ruleLabel,
  type Counts,
  type ReporterOptions,
} from './common.js';
import { fitLine, MIN_WRAP_WIDTH, wrapWords } from './wrap.js';

const SUMMARY_SYMBOL = '\u2716'; // ✖, as ESLint
/** The message column of a wrapped table keeps at least this many cells, else the rows are stacked. */
export const TABLE_MIN_MESSAGE = 40;
/** A stacked row's message is indented to the object column when that leaves it this many cells. */
export const STACKED_MIN_MESSAGE = 30;
/** Heading of the tally of findings per rule. */
export const TALLY_HEADING = 'Problems by rule:';
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

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

/** Cells side by side, each padded to its column's width (the last is not padded); colour the text, not the padding. */
function joinCells(cells: readonly Cell[], widths: readonly number[]): string {
  const parts = cells.map((cell, i) => {
    const pad = i === cells.length - 1 ? '' : ' '.repeat(widths[i]! - displayWidth(cell.text));
    return (cell.text === '' ? '' : cell.paint(cell.text)) + pad;
  });
  return `  ${parts.join('  ')}`.replace(/\s+$/u, '');
}

/** One row of a file's table on one line, without its line break. */
function renderRow(c: ChalkInstance, f: Finding, t: Table): string {
  return joinCells(rowCells(c, f, t), t.widths);
}

/** How a file's rows are laid out at a width (see the module comment). */
type Layout = { kind: 'line' } | { kind: 'table'; message: number } | { kind: 'stacked'; indent: number; width: number };

/** Cells of the columns before the message: line:column, severity and (when present) object. */
function leadColumns(t: Table): number {
  return t.withObject ? 3 : 2;
}

function chooseLayout(t: Table, width: number | undefined): Layout {
  const total = 2 + t.widths.reduce((a, b) => a + b, 0) + 2 * (t.widths.length - 1);
  if (width === undefined || total <= width) return { kind: 'line' };
  const w = Math.max(width, MIN_WRAP_WIDTH);
  const m = leadColumns(t);
  const message = w - (total - t.widths[m]!);
  if (message >= TABLE_MIN_MESSAGE) return { kind: 'table', message };
  const afterSeverity = 2 + t.widths[0]! + 2 + t.widths[1]! + 2;
  return { kind: 'stacked', indent: w - afterSeverity >= STACKED_MIN_MESSAGE ? afterSeverity : 4, width: w };
}

/** One finding's lines (without line breaks) in a layout that wraps. */
function renderWrapped(c: ChalkInstance, f: Finding, t: Table, layout: Exclude<Layout, { kind: 'line' }>): string[] {
  const cells = rowCells(c, f, t);
  const m = leadColumns(t);
  const msg = cells[m]!;
  if (layout.kind === 'table') {
    const lines = wrapWords(msg.text, layout.message);
    const widths = [...t.widths];
    widths[m] = layout.message;
    const first = joinCells([...cells.slice(0, m), { text: lines[0]!, paint: msg.paint }, cells[m + 1]!], widths);
    const start = 2 + widths.slice(0, m).reduce((a, b) => a + b + 2, 0);
    return [first, ...lines.slice(1).map((l) => ' '.repeat(start) + msg.paint(l))];
  }
  // Stacked: line:column, severity, object and rule id, then the message under them.
  const { indent, width } = layout;
  const out: string[] = [];
  const head = [...cells.slice(0, m), cells[m + 1]!];
  const headWidths = [...t.widths.slice(0, m), 0];
  if (displayWidth(plainCells(head, headWidths)) <= width) out.push(joinCells(head, headWidths));
  else {
    // line:column and severity padded to their columns, then the object and rule id as they fit.
    const sevPad = ' '.repeat(t.widths[1]! - displayWidth(cells[1]!.text) + 2);
    const lead = joinCells(cells.slice(0, 2), t.widths) + sevPad;
    out.push(...flowCells(head.slice(2), plainCells(cells.slice(0, 2), t.widths) + sevPad, lead, width, indent));
  }
  if (msg.text !== '') for (const l of wrapWords(msg.text, width - indent)) out.push(' '.repeat(indent) + msg.paint(l));
  return out;
}

/**
 * Cells placed one after another (two spaces apart) after a line's start (`lead`, and `leadPainted`
 * as written), within `width`: a cell that does not fit on the line goes to the next, `indent` in; a
 * cell wider than a line is wrapped.
 */
function flowCells(cells: readonly Cell[], lead: string, leadPainted: string, width: number, indent: number): string[] {
  const out: string[] = [];
  let line = leadPainted;
  let used = displayWidth(lead);
  let fresh = true;
  for (const cell of cells) {
    if (cell.text === '') continue;
    const w = displayWidth(cell.text);
    const sep = fresh ? 0 : 2;
    if (used + sep + w <= width) {
      line += ' '.repeat(sep) + cell.paint(cell.text);
      used += sep + w;
      fresh = false;
      continue;
    }
    // Too long for the rest of this line: on the next line when it fits there, else broken (starting
    // here when a fair part of the line is left).
    const room = width - used - sep;
    const here = w > width - indent && room >= 10;
    const parts = here ? wrapWords(cell.text, width - indent, room) : wrapWords(cell.text, width - indent);
    if (!here) {
      out.push(line.replace(/\s+$/u, ''));
      line = ' '.repeat(indent);
      used = indent;
    } else line += ' '.repeat(sep);
    parts.forEach((p, i) => {
      if (i > 0) {
        out.push(line);
        line = ' '.repeat(indent);
        used = indent;
      }
      line += cell.paint(p);
      used += displayWidth(p);
    });
    fresh = false;
  }
  out.push(line.replace(/\s+$/u, ''));
  return out;
}

/** joinCells without colour: what the line measures. */
function plainCells(cells: readonly Cell[], widths: readonly number[]): string {
  return joinCells(
    cells.map((cell) => ({ text: cell.text, paint: (s) => s })),
    widths,
  );
}

/** The tally: per rule id and severity, the number of findings, most first (then errors first, then by id). */
export function ruleTally(result: LintResult): Array<{ ruleId: string; severity: Severity; count: number }> {
  const byKey = new Map<string, { ruleId: string; severity: Severity; count: number }>();
  for (const file of result.files) {
    for (const f of file.findings) {
      const ruleId = ruleLabel(f);
      const severity = effectiveSeverity(f);
      const key = `${severity}\u0000${ruleId}`;
      const entry = byKey.get(key);
      if (entry) entry.count++;
      else byKey.set(key, { ruleId, severity, count: 1 });
    }
  }
  return [...byKey.values()].sort(
    (a, b) => b.count - a.count || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

function tallyLines(c: ChalkInstance, result: LintResult, width: number | undefined): string {
  const rows = ruleTally(result);
  const countWidth = String(rows[0]?.count ?? 0).length;
  const sevWidth = Math.max(...rows.map((r) => r.severity.length));
  let out = fitLine(TALLY_HEADING, width, 2).map((l) => c.bold(l) + '\n').join('');
  for (const r of rows) {
    const count = String(r.count).padStart(countWidth);
    const pad = ' '.repeat(sevWidth - r.severity.length);
    const id: Cell = { text: oneLine(r.ruleId), paint: (s) => s };
    const lead = `  ${count}  ${r.severity}${pad}  `;
    const leadPainted = `  ${count}  ${severityPaint(c, r.severity)(r.severity)}${pad}  `;
    const lines = width === undefined || displayWidth(lead + id.text) <= width ? [leadPainted + id.text] : flowCells([id], lead, leadPainted, Math.max(width, MIN_WRAP_WIDTH), 4);
    out += lines.map((l) => l + '\n').join('');
  }
  return out;
}

function summaryLines(c: ChalkInstance, counts: Counts, width: number | undefined): string {
  const total = totalOf(counts);
  const paint = counts.errorCount > 0 ? c.red.bold : counts.warningCount > 0 ? c.yellow.bold : c.cyan.bold;
  const parts = [plural(counts.errorCount, 'error'), plural(counts.warningCount, 'warning')];
  if (counts.infoCount > 0) parts.push(`${counts.infoCount} info`);
  const fit = (text: string, indent: number) => fitLine(text, width, indent).map((l) => paint(l) + '\n').join('');
  let out = fit(`${SUMMARY_SYMBOL} ${plural(total, 'problem')} (${parts.join(', ')})`, 2);
  const fixable = counts.fixableErrorCount + counts.fixableWarningCount + counts.fixableInfoCount;
  if (fixable > 0) {
    const what =
      counts.fixableInfoCount > 0
        ? `${plural(counts.fixableErrorCount, 'error')}, ${plural(counts.fixableWarningCount, 'warning')} and ${counts.fixableInfoCount} info`
        : `${plural(counts.fixableErrorCount, 'error')} and ${plural(counts.fixableWarningCount, 'warning')}`;
    out += fit(`  ${what} potentially fixable with the \`--fix\` option.`, 2);
  }
  return out;
}

/** `Skipped 2 kinds with no bundled schema (not validated): example.com/v1 Widget, …` */
export function skippedKindsNote(kinds: readonly string[]): string {
  return `Skipped ${plural(kinds.length, 'kind')} with no bundled schema (not validated): ${kinds.map(oneLine).join(', ')}`;
}

/** `Skipped 3 files with no Kubernetes object (values.yaml, CI and tool configuration …); --format json lists them.` */
export function skippedFilesNote(count: number): string {
  return `Skipped ${plural(count, 'file')} with no Kubernetes object found by the directory walk (values.yaml, Chart.yaml, CI and tool configuration …); --format json lists them`;
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
  const width = options.width;
  const fit = (text: string, indent: number, paint: (s: string) => string) => fitLine(text, width, indent).map((l) => paint(l) + '\n').join('');
  const counts = countResult(result);
  const pieces = new Pieces();
  let any = false;
  if (totalOf(counts) > 0) {
    any = true;
    pieces.add('\n');
    let filesWithFindings = 0;
    for (const file of result.files) {
      if (file.findings.length === 0) continue;
      filesWithFindings++;
      pieces.add(fit(oneLine(displayPath(file.filePath, options.cwd)), 0, (s) => c.underline(s)));
      const table = tableLayout(c, file.findings);
      const layout = chooseLayout(table, width);
      for (const f of file.findings) {
        pieces.add(layout.kind === 'line' ? `${renderRow(c, f, table)}\n` : renderWrapped(c, f, table, layout).map((l) => l + '\n').join(''));
        const piece = pieces.full();
        if (piece) yield piece;
      }
      pieces.add('\n');
    }
    if (filesWithFindings > 1) pieces.add(tallyLines(c, result, width) + '\n');
    pieces.add(summaryLines(c, counts, width));
  }
  if (options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings) {
    any = true;
    pieces.add(fit(`podlint found too many warnings (maximum: ${options.maxWarnings}).`, 0, (s) => c.red(s)));
  }
  if (result.skippedKinds.length > 0) {
    pieces.add((any ? '\n' : '') + fit(skippedKindsNote(result.skippedKinds), 2, (s) => c.dim(s)));
    any = true;
  }
  if (result.skippedFiles?.length) {
    pieces.add((any ? '\n' : '') + fit(skippedFilesNote(result.skippedFiles.length), 2, (s) => c.dim(s)));
  }
  const rest = pieces.rest();
  if (rest) yield rest;
}
