/** Helpers shared by the reporters: counting, paths, object labels, text hygiene. Pure functions. */
import path from 'node:path';
import type { RuleMeta } from '../engine/rule.js';
import type { FileResult, Finding, LintResult, ObjectRef, Severity } from '../types.js';

/** What every reporter receives besides the result. */
export interface ReporterOptions {
  /** Colour the output (stylish only). The CLI decides from NO_COLOR / FORCE_COLOR / the TTY. */
  color: boolean;
  /** Chalk level when colouring: 1 = 16 colours (default), 2 = 256, 3 = truecolor; 0 = none. */
  colorLevel?: 0 | 1 | 2 | 3;
  /** Directory that relative paths are computed from (stylish, compact, github, junit, sarif). */
  cwd: string;
  /** `--max-warnings N`: stylish prints `podlint found too many warnings (maximum: N).` when exceeded. */
  maxWarnings?: number;
  /**
   * Terminal width in columns (stylish only): every line is fitted to it, messages wrapping under
   * themselves. Undefined (piped output, files): one line per finding, as ESLint prints it.
   */
  width?: number;
  /** podlint's version, written to SARIF's `tool.driver.version` when given. */
  version?: string;
  /** Where rule documentation comes from (default: the rule registry). Tests pass a fixed table. */
  ruleMeta?: (id: string) => RuleMeta<string, unknown> | undefined;
}

/** Path shown for input read from standard input (src/source/read.ts uses the same spelling). */
export const STDIN_FILE_PATH = '<stdin>';

/** Label for a finding whose ruleId is null, in formats that need an id (sarif, github, junit). */
export const FATAL_RULE_LABEL = 'fatal';
export const UNNAMED_RULE_LABEL = 'podlint';

export function ruleLabel(f: Finding): string {
  return f.ruleId ?? (f.fatal ? FATAL_RULE_LABEL : UNNAMED_RULE_LABEL);
}

/** A fatal finding is an error whatever severity it carries (as in ESLint). */
export function effectiveSeverity(f: Finding): Severity {
  return f.fatal ? 'error' : f.severity;
}

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fixableInfoCount: number;
}

export function emptyCounts(): Counts {
  return { errorCount: 0, warningCount: 0, infoCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, fixableInfoCount: 0 };
}

export function addCounts(into: Counts, findings: readonly Finding[]): Counts {
  for (const f of findings) {
    const sev = effectiveSeverity(f);
    const fixable = f.fix !== undefined;
    if (sev === 'error') {
      into.errorCount++;
      if (f.fatal) into.fatalErrorCount++;
      if (fixable) into.fixableErrorCount++;
    } else if (sev === 'warning') {
      into.warningCount++;
      if (fixable) into.fixableWarningCount++;
    } else {
      into.infoCount++;
      if (fixable) into.fixableInfoCount++;
    }
  }
  return into;
}

export function countFile(file: FileResult): Counts {
  return addCounts(emptyCounts(), file.findings);
}

export function countResult(result: LintResult): Counts {
  const c = emptyCounts();
  for (const file of result.files) addCounts(c, file.findings);
  return c;
}

export function totalOf(c: Counts): number {
  return c.errorCount + c.warningCount + c.infoCount;
}

/** `1 error`, `2 errors` (ESLint's pluralisation: add an s). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function toForwardSlashes(p: string): string {
  return path.sep === '\\' ? p.split('\\').join('/') : p;
}

/**
 * The path a person reads: relative to cwd (forward slashes) when the file is inside it, the path as
 * given otherwise; `<stdin>` stays as it is.
 */
export function displayPath(filePath: string, cwd: string): string {
  if (filePath === STDIN_FILE_PATH || !path.isAbsolute(filePath)) return toForwardSlashes(filePath);
  const rel = path.relative(cwd, filePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return toForwardSlashes(filePath);
  return toForwardSlashes(rel);
}

/** True when `displayPath` gave a path relative to cwd (not stdin, not outside cwd). */
export function isRelativeDisplayPath(shown: string): boolean {
  return shown !== STDIN_FILE_PATH && !path.isAbsolute(shown) && !/^[A-Za-z]:\//.test(shown);
}

/**
 * A compact name for the object a finding concerns: `Kind/name`, `Kind/namespace/name`;
 * `Kind (document N)` when it has no name, `document N` when it has no kind (1-based numbers,
 * `, item M` inside a `kind: List`).
 */
export function objectLabel(o: ObjectRef | undefined): string {
  if (!o) return '';
  if (o.kind && o.name) return o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`;
  const where = `document ${o.documentIndex + 1}${o.listIndex !== undefined ? `, item ${o.listIndex + 1}` : ''}`;
  return o.kind ? `${o.kind} (${where})` : where;
}

/** The object reference with a fixed key order, whatever order it was built in (undefined keys vanish in JSON). */
export function orderedObjectRef(o: ObjectRef): ObjectRef {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.name,
    namespace: o.namespace,
    documentIndex: o.documentIndex,
    listIndex: o.listIndex,
  };
}

/**
 * One line of terminal-safe text: line breaks become spaces and other control characters (which could
 * drive the terminal, e.g. ESC from a field name in a manifest) become visible `\u001b` escapes.
 */
export function oneLine(text: string): string {
  return text
    .replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\t/g, ' ');
}

const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufe00-\ufe0f]/u;
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6\p{Extended_Pictographic}]/u;

/** Terminal columns a (colourless) string takes: wide East Asian characters and emoji count two. */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let w = 0;
  for (const ch of text) {
    // Below U+0300 (combining marks start there) every printable character is one cell.
    if (ch.codePointAt(0)! < 0x300) w++;
    else if (!ZERO_WIDTH.test(ch)) w += WIDE.test(ch) ? 2 : 1;
  }
  return w;
}

/** Rule ids of the findings, each once, sorted. */
export function usedRuleIds(result: LintResult): string[] {
  const ids = new Set<string>();
  for (const file of result.files) for (const f of file.findings) ids.add(ruleLabel(f));
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Size of the pieces that the reporters' `format…Chunks` generators yield: a piece ends once it holds
 * PIECE_FINDINGS findings' text or PIECE_CHARS characters (under 1 MB of UTF-8 even if every character
 * took three bytes), so a large report is written without ever being one string.
 */
export const PIECE_FINDINGS = 1000;
export const PIECE_CHARS = 256 * 1024;

/**
 * Gathers a reporter's text into pieces: `add` the text of each finding (or any other part), then
 * yield what `full()` gives when it gives something; at the end yield `rest()` when it is not empty.
 * Joined, the pieces are the texts added, in order.
 */
export class Pieces {
  private parts: string[] = [];
  private chars = 0;

  add(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
  }

  /** The text gathered since the last piece when it fills a piece (and a fresh start), else undefined. */
  full(): string | undefined {
    return this.parts.length >= PIECE_FINDINGS || this.chars >= PIECE_CHARS ? this.rest() : undefined;
  }

  /** The text gathered since the last piece ('' if none), and a fresh start. */
  rest(): string {
    const piece = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    return piece;
  }
}
