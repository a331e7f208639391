/**
 * `json`: the shape of ESLint's `json` formatter (one line, `JSON.stringify` of the results array), so
 * tools that read ESLint's JSON read podlint's:
 *
 *   [{ filePath, messages: [...], suppressedMessages: [], errorCount, fatalErrorCount, warningCount,
 *      fixableErrorCount, fixableWarningCount, usedDeprecatedRules: [] }]
 *
 * One entry per linted file, in the order given, files without findings included (messages: []).
 * `filePath` is absolute (as ESLint's), or `<stdin>`. Each message has ESLint's fields in ESLint's
 * order — ruleId, fatal (only when true), severity (2 error, 1 warning), message, line, column,
 * messageId, endLine, endColumn, fix — then podlint's own: `level: "info"` for info findings, `path`
 * (JSON pointer of the offending field inside its object) and `object` ({apiVersion, kind, name,
 * namespace, documentIndex, listIndex}; absent for findings that concern no object, like a file that
 * does not parse).
 *
 * Differences from ESLint, on purpose:
 * - An info finding has severity 1 (ESLint knows no lower visible severity) and `level: "info"`; it is
 *   counted in neither warningCount nor fixableWarningCount, so `--max-warnings` and tools summing
 *   warningCount agree with podlint's exit code.
 * - `fix` is podlint's fix ({path, op: "set"|"remove", value}: a JSON pointer edit), not ESLint's
 *   {range, text}.
 * - No `nodeType` (deprecated in ESLint, meaningless for YAML) and no `source` (the manifest text).
 * - The output ends with a newline.
 * - A file a directory walk found that holds no Kubernetes object (values.yaml, a CI configuration) was
 *   not linted: it is listed, in path order, with no messages and `"skipped": "no Kubernetes object"`.
 */
import path from 'node:path';
import type { FileResult, Finding, LintResult, ObjectRef } from '../types.js';
import { countFile, effectiveSeverity, orderedObjectRef, Pieces, STDIN_FILE_PATH, type ReporterOptions } from './common.js';

export interface JsonMessage {
  ruleId: string | null;
  fatal?: true;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  messageId?: string;
  endLine: number;
  endColumn: number;
  fix?: Finding['fix'];
  level?: 'info';
  path: string;
  object?: ObjectRef;
}

/** Why a listed file was not linted. */
export const SKIPPED_NOT_MANIFEST = 'no Kubernetes object';

export interface JsonFileResult {
  filePath: string;
  skipped?: string;
  messages: JsonMessage[];
  suppressedMessages: never[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
}

export function jsonMessage(f: Finding): JsonMessage {
  const sev = effectiveSeverity(f);
  return {
    ruleId: f.ruleId,
    fatal: f.fatal ? true : undefined,
    severity: sev === 'error' ? 2 : 1,
    message: f.message,
    line: f.line,
    column: f.column,
    messageId: f.messageId,
    endLine: f.endLine,
    endColumn: f.endColumn,
    fix: f.fix ? { path: f.fix.path, op: f.fix.op, value: f.fix.value } : undefined,
    level: sev === 'info' ? 'info' : undefined,
    path: f.path,
    object: f.object ? orderedObjectRef(f.object) : undefined,
  };
}

export function jsonFileResult(file: FileResult, cwd: string, messages: JsonMessage[] = file.findings.map(jsonMessage)): JsonFileResult {
  const c = countFile(file);
  return {
    filePath: file.filePath === STDIN_FILE_PATH ? file.filePath : path.resolve(cwd, file.filePath),
    messages,
    suppressedMessages: [],
    errorCount: c.errorCount,
    fatalErrorCount: c.fatalErrorCount,
    warningCount: c.warningCount,
    fixableErrorCount: c.fixableErrorCount,
    fixableWarningCount: c.fixableWarningCount,
    usedDeprecatedRules: [],
  };
}

export function formatJson(result: LintResult, options: ReporterOptions): string {
  return [...formatJsonChunks(result, options)].join('');
}

/**
 * formatJson's text a piece at a time — each file's fields, then its messages a thousand (or 256 Ki
 * characters, see Pieces in common.ts) at a time — so that a large report is written without ever
 * being one string.
 */
export function* formatJsonChunks(result: LintResult, options: ReporterOptions): Generator<string> {
  const writer = new MessageWriter();
  yield '[';
  const files = listedFiles(result);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const [head, tail] = shell(file, options.cwd);
    yield (i ? ',' : '') + head;
    const pieces = new Pieces();
    for (let j = 0; j < file.findings.length; j++) {
      pieces.add((j ? ',' : '') + writer.message(file.findings[j]!));
      const piece = pieces.full();
      if (piece) yield piece;
    }
    const rest = pieces.rest();
    if (rest) yield rest;
    yield tail;
  }
  yield ']\n';
}

/** The files a report lists: the linted ones, and those a walk found that hold no Kubernetes object, in path order. */
function listedFiles(result: LintResult): Array<FileResult & { skipped?: string }> {
  const files: Array<FileResult & { skipped?: string }> = [...result.files];
  if (result.skippedFiles?.length) {
    for (const filePath of result.skippedFiles) files.push({ filePath, findings: [], objectCount: 0, skipped: SKIPPED_NOT_MANIFEST });
    files.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  }
  return files;
}

/** A file's object with no messages, cut where they go: the text before them and the text after. */
function shell(file: FileResult & { skipped?: string }, cwd: string): [head: string, tail: string] {
  const open = '"messages":[';
  const text = JSON.stringify(file.skipped ? { filePath: jsonFileResult(file, cwd, []).filePath, skipped: file.skipped, ...withoutPath(jsonFileResult(file, cwd, [])) } : jsonFileResult(file, cwd, []));
  const at = text.indexOf(`${open}]`) + open.length;
  return [text.slice(0, at), text.slice(at)];
}

/** Constant JSON text of a message's layout, with its UTF-8 bytes (encoded once, at load). */
class Lit {
  readonly bytes: Uint8Array;
  constructor(readonly text: string) {
    this.bytes = Buffer.from(text, 'utf8');
  }
}

const RULE_ID = new Lit('{"ruleId":');
const RULE_ID_NULL = new Lit('{"ruleId":null');
const FATAL = new Lit(',"fatal":true');
const SEVERITY_ERROR = new Lit(',"severity":2,"message":');
const SEVERITY_OTHER = new Lit(',"severity":1,"message":');
const LINE = new Lit(',"line":');
const COLUMN = new Lit(',"column":');
const MESSAGE_ID = new Lit(',"messageId":');
const END_LINE = new Lit(',"endLine":');
const END_COLUMN = new Lit(',"endColumn":');
const FIX = new Lit(',"fix":');
const LEVEL_INFO = new Lit(',"level":"info"');
const PATH = new Lit(',"path":');
const OBJECT = new Lit(',"object":');
const CLOSE = new Lit('}');

/**
 * Where writeMessage writes a message's text: constant field text, a field name with a string a message
 * repeats (rule id, message id, path: quoted once per name), the message, numbers, a fix and the closing
 * object reference.
 */
interface MessageSink {
  lit(l: Lit): void;
  /** `name` then `s` as a JSON string. */
  field(name: Lit, s: string): void;
  /** The message of a finding of rule `ruleId` (null for none) and message id `messageId`. */
  msg(s: string, ruleId: string | null | undefined, messageId: string | undefined): void;
  num(n: number): void;
  /** `a`, the number `x`, `b`, the number `y` (a line and a column). */
  pair(a: Lit, x: number, b: Lit, y: number): void;
  json(value: unknown): void;
  /** `,"object":` and the reference, then the message's closing brace. */
  refEnd(o: ObjectRef): void;
}

/** `JSON.stringify(jsonMessage(f))`, field by field, in ESLint's order then podlint's (see JsonMessage). */
function writeMessage(f: Finding, out: MessageSink): void {
  const sev = effectiveSeverity(f);
  if (f.ruleId === null || f.ruleId === undefined) out.lit(RULE_ID_NULL);
  else out.field(RULE_ID, f.ruleId);
  if (f.fatal) out.lit(FATAL);
  out.lit(sev === 'error' ? SEVERITY_ERROR : SEVERITY_OTHER);
  out.msg(f.message, f.ruleId, f.messageId);
  out.pair(LINE, f.line, COLUMN, f.column);
  if (f.messageId !== undefined) out.field(MESSAGE_ID, f.messageId);
  out.pair(END_LINE, f.endLine, END_COLUMN, f.endColumn);
  if (f.fix) {
    out.lit(FIX);
    out.json({ path: f.fix.path, op: f.fix.op, value: f.fix.value });
  }
  if (sev === 'info') out.lit(LEVEL_INFO);
  if (f.path !== undefined) out.field(PATH, f.path);
  if (f.object) out.refEnd(f.object);
  else out.lit(CLOSE);
}

/**
 * `JSON.stringify(jsonMessage(f))` as a string: a large run's report has tens of thousands of messages,
 * and the objects they name, their rule ids, paths and most messages repeat (each is quoted once).
 */
export class MessageWriter implements MessageSink {
  private readonly quoted = new Map<string, string>();
  private readonly texts = new Map<string, string>();
  private readonly refs = new Map<ObjectRef, string>();
  private s = '';

  message(f: Finding): string {
    this.s = '';
    writeMessage(f, this);
    return this.s;
  }

  lit(l: Lit): void {
    this.s += l.text;
  }

  field(name: Lit, s: string): void {
    this.s += name.text + cachedText(this.quoted, MAX_QUOTED, s);
  }

  msg(s: string): void {
    this.s += cachedText(this.texts, MAX_QUOTED_MESSAGES, s);
  }

  num(n: number): void {
    this.s += num(n);
  }

  pair(a: Lit, x: number, b: Lit, y: number): void {
    this.s += a.text + num(x) + b.text + num(y);
  }

  json(value: unknown): void {
    this.s += JSON.stringify(value);
  }

  refEnd(o: ObjectRef): void {
    let ref = this.refs.get(o);
    if (ref === undefined) this.refs.set(o, (ref = OBJECT.text + JSON.stringify(orderedObjectRef(o)) + CLOSE.text));
    this.s += ref;
  }
}

/** `JSON.stringify(s)`, remembered while the table is not full. */
function cachedText(map: Map<string, string>, limit: number, s: string): string {
  let out = map.get(s);
  if (out === undefined) {
    out = JSON.stringify(s);
    if (map.size < limit) map.set(s, out);
  }
  return out;
}

/** Distinct short strings MessageWriter keeps quoted. */
const MAX_QUOTED = 10_000;
/** Messages MessageBytes keeps encoded per rule and message id, and how many it writes before judging whether they repeat. */
const MAX_MESSAGES_PER_SITE = 10_000;
const MESSAGE_TRIAL = 256;
/** Distinct messages MessageWriter keeps quoted. */
const MAX_QUOTED_MESSAGES = 50_000;

/** A number as JSON.stringify writes it (null for NaN and infinities). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * formatJson's text as UTF-8, in pieces of about a mebibyte (what the CLI writes to a file): each
 * distinct string a message repeats (rule id, message, path, object) is encoded once, numbers are written
 * digit by digit, and no text of the report is ever a JavaScript string.
 */
export function* formatJsonBytes(result: LintResult, options: ReporterOptions): Generator<Uint8Array> {
  const out = new ByteSink();
  const writer = new MessageBytes(out);
  out.text('[');
  const files = listedFiles(result);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const [head, tail] = shell(file, options.cwd);
    out.text((i ? ',' : '') + head);
    for (let j = 0; j < file.findings.length; j++) {
      if (j) out.byte(COMMA);
      writeMessage(file.findings[j]!, writer);
      const piece = out.full();
      if (piece) yield piece;
    }
    out.text(tail);
  }
  out.text(']\n');
  yield* out.rest();
}

const COMMA = 0x2c;
const QUOTE = 0x22;
/** What JSON.stringify escapes in a string: quotes, backslashes, control characters; and surrogates (a lone one is escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** The size of the pieces formatJsonBytes yields (a message longer than that gets a piece of its own size). */
const BYTE_PIECE = 1 << 20;

/** A growing run of bytes, handed out a piece at a time. */
class ByteSink {
  private buf = Buffer.allocUnsafe(BYTE_PIECE);
  private pos = 0;
  private readonly done: Uint8Array[] = [];

  /** Room for `n` more bytes (a new piece when this one is full). */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos) this.done.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(BYTE_PIECE, n));
    this.pos = 0;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    if (n > 32) this.buf.set(b, this.pos);
    else {
      // (a loop is cheaper than set() for the few bytes of a field name)
      const buf = this.buf;
      const at = this.pos;
      for (let i = 0; i < n; i++) buf[at + i] = b[i]!;
    }
    this.pos += n;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** text(s), and a copy of its bytes. */
  textCopy(s: string): Uint8Array {
    this.room(s.length * 3);
    const at = this.pos;
    this.pos += this.buf.write(s, at, 'utf8');
    return this.copySince(at);
  }

  /** `JSON.stringify(s)`, written without making that string when `s` needs no escape. */
  quoted(s: string): void {
    if (NEEDS_ESCAPE.test(s)) return this.text(JSON.stringify(s));
    this.room(s.length * 3 + 2);
    this.plainQuoted(s);
  }

  /** quoted(s), and a copy of its bytes. */
  quotedCopy(s: string): Uint8Array {
    if (NEEDS_ESCAPE.test(s)) return this.textCopy(JSON.stringify(s));
    this.room(s.length * 3 + 2);
    const at = this.pos;
    this.plainQuoted(s);
    return this.copySince(at);
  }

  /** `s` (which needs no escape) in quotes, where room() was made for it. */
  private plainQuoted(s: string): void {
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    this.pos += buf.write(s, this.pos, 'utf8');
    buf[this.pos++] = QUOTE;
  }

  /** A copy of what was written since `at` (in this piece: the caller made room before it wrote). */
  private copySince(at: number): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, at, this.pos);
  }

  /** A non-negative integer below 2^31 in decimal, else as JSON.stringify writes the number. */
  number(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n < 0x80000000)) return this.text(num(n));
    this.room(10);
    const buf = this.buf;
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    let x = n;
    do {
      buf[--at] = 0x30 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
  }

  /** The first finished piece, if one is. */
  full(): Uint8Array | undefined {
    return this.done.shift();
  }

  /** Every piece left, the last one included. */
  *rest(): Generator<Uint8Array> {
    yield* this.done.splice(0);
    if (this.pos) yield this.buf.subarray(0, this.pos);
    this.pos = 0;
  }
}

/** MessageWriter's text as UTF-8, into a ByteSink: each constant and repeated string encoded once. */
class MessageBytes implements MessageSink {
  /** Per field name: its strings, encoded with the name before them. */
  private readonly fields = new Map<Lit, Map<string, Uint8Array>>();
  /** By rule id, then message id: the messages written, encoded, and whether they repeat (see msg()). */
  private readonly sites = new Map<string, Map<string, { known: Map<string, Uint8Array>; hits: number; misses: number; off: boolean }>>();
  private readonly refs = new Map<ObjectRef, Uint8Array>();

  constructor(private readonly out: ByteSink) {}

  lit(l: Lit): void {
    this.out.bytes(l.bytes);
  }

  field(name: Lit, s: string): void {
    let known = this.fields.get(name);
    if (!known) this.fields.set(name, (known = new Map()));
    let b = known.get(s);
    if (b === undefined) {
      b = Buffer.from(name.text + JSON.stringify(s), 'utf8');
      if (known.size < MAX_QUOTED) known.set(s, b);
    }
    this.out.bytes(b);
  }

  /**
   * A message: kept encoded per rule and message id, as a run repeats the same messages object after
   * object. A rule's message id whose messages name their object (a trial shows they do not repeat) is
   * no longer kept: each is encoded, written and forgotten.
   */
  msg(s: string, ruleId: string | null | undefined, messageId: string | undefined): void {
    let byId = this.sites.get(ruleId ?? '');
    if (!byId) this.sites.set(ruleId ?? '', (byId = new Map()));
    let site = byId.get(messageId ?? '');
    if (!site) byId.set(messageId ?? '', (site = { known: new Map(), hits: 0, misses: 0, off: false }));
    if (!site.off) {
      const known = site.known.get(s);
      if (known) {
        site.hits++;
        return this.out.bytes(known);
      }
      site.misses++;
      if (site.misses >= MESSAGE_TRIAL && site.hits * 4 < site.misses) {
        site.off = true;
        site.known.clear();
      } else if (site.known.size < MAX_MESSAGES_PER_SITE) {
        site.known.set(s, this.out.quotedCopy(s));
        return;
      }
    }
    this.out.quoted(s);
  }

  num(n: number): void {
    this.out.number(n);
  }

  pair(a: Lit, x: number, b: Lit, y: number): void {
    const out = this.out;
    out.bytes(a.bytes);
    out.number(x);
    out.bytes(b.bytes);
    out.number(y);
  }

  json(value: unknown): void {
    this.out.text(JSON.stringify(value));
  }

  refEnd(o: ObjectRef): void {
    const b = this.refs.get(o);
    if (b !== undefined) return this.out.bytes(b);
    // Encoded where it is first written, and that text kept (a copy) for the object's other messages.
    this.refs.set(o, this.out.textCopy(OBJECT.text + JSON.stringify(orderedObjectRef(o)) + CLOSE.text));
  }
}

function withoutPath(r: JsonFileResult): Omit<JsonFileResult, 'filePath'> {
  const { filePath: _path, ...rest } = r;
  return rest;
}
