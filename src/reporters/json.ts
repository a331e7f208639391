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

/**
 * `JSON.stringify(jsonMessage(f))`, written field by field: a large run's report has tens of thousands of
 * messages, and the objects they name, their rule ids and paths repeat (each is quoted once).
 */
export class MessageWriter {
  private readonly quoted = new Map<string, string>();
  private readonly refs = new WeakMap<ObjectRef, string>();

  /** A short string that repeats (rule id, message id, path), quoted once. */
  private q(s: string): string {
    let out = this.quoted.get(s);
    if (out === undefined) {
      out = JSON.stringify(s);
      if (this.quoted.size < MAX_QUOTED) this.quoted.set(s, out);
    }
    return out;
  }

  /** A message, quoted once: the engine keeps one string per distinct message, and most repeat. */
  private text(s: string): string {
    let out = this.texts.get(s);
    if (out === undefined) {
      out = JSON.stringify(s);
      if (this.texts.size < MAX_QUOTED_MESSAGES) this.texts.set(s, out);
    }
    return out;
  }
  private readonly texts = new Map<string, string>();

  message(f: Finding): string {
    const sev = effectiveSeverity(f);
    let s = '{"ruleId":' + (f.ruleId === null || f.ruleId === undefined ? 'null' : this.q(f.ruleId));
    if (f.fatal) s += ',"fatal":true';
    s += (sev === 'error' ? ',"severity":2,"message":' : ',"severity":1,"message":') + this.text(f.message) + ',"line":' + num(f.line) + ',"column":' + num(f.column);
    if (f.messageId !== undefined) s += ',"messageId":' + this.q(f.messageId);
    s += ',"endLine":' + num(f.endLine) + ',"endColumn":' + num(f.endColumn);
    if (f.fix) s += ',"fix":' + JSON.stringify({ path: f.fix.path, op: f.fix.op, value: f.fix.value });
    if (sev === 'info') s += ',"level":"info"';
    if (f.path !== undefined) s += ',"path":' + this.q(f.path);
    if (f.object) {
      let ref = this.refs.get(f.object);
      if (ref === undefined) this.refs.set(f.object, (ref = JSON.stringify(orderedObjectRef(f.object))));
      s += ',"object":' + ref;
    }
    return s + '}';
  }
}

/** Distinct short strings MessageWriter keeps quoted. */
const MAX_QUOTED = 10_000;
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
  const writer = new MessageBytes();
  out.text('[');
  const files = listedFiles(result);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const [head, tail] = shell(file, options.cwd);
    out.text((i ? ',' : '') + head);
    for (let j = 0; j < file.findings.length; j++) {
      if (j) out.byte(COMMA);
      writer.write(file.findings[j]!, out);
      const piece = out.full();
      if (piece) yield piece;
    }
    out.text(tail);
  }
  out.text(']\n');
  yield* out.rest();
}

const COMMA = 0x2c;
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

/** MessageWriter's text as UTF-8: the same fields, each repeated string encoded once. */
class MessageBytes {
  private readonly quoted = new Map<string, Uint8Array>();
  private readonly messages = new Map<string, Uint8Array | null>();
  private readonly refs = new WeakMap<ObjectRef, Uint8Array>();
  private static readonly parts = Object.fromEntries(
    Object.entries({
      ruleId: '{"ruleId":',
      nullRule: '{"ruleId":null',
      fatal: ',"fatal":true',
      error: ',"severity":2,"message":',
      other: ',"severity":1,"message":',
      line: ',"line":',
      column: ',"column":',
      messageId: ',"messageId":',
      endLine: ',"endLine":',
      endColumn: ',"endColumn":',
      fix: ',"fix":',
      info: ',"level":"info"',
      path: ',"path":',
      object: ',"object":',
      close: '}',
    }).map(([k, v]) => [k, Buffer.from(v, 'latin1')]),
  ) as unknown as Record<'ruleId' | 'nullRule' | 'fatal' | 'error' | 'other' | 'line' | 'column' | 'messageId' | 'endLine' | 'endColumn' | 'fix' | 'info' | 'path' | 'object' | 'close', Uint8Array>;

  private cached(map: Map<string, Uint8Array>, limit: number, s: string): Uint8Array {
    let b = map.get(s);
    if (b === undefined) {
      b = Buffer.from(JSON.stringify(s), 'utf8');
      if (map.size < limit) map.set(s, b);
    }
    return b;
  }

  /** A message: encoded once when it is seen a second time (most repeat; those naming one object do not). */
  private message(s: string, out: ByteSink): void {
    const known = this.messages.get(s);
    if (known) return out.bytes(known);
    const quoted = JSON.stringify(s);
    if (known === null) this.messages.set(s, Buffer.from(quoted, 'utf8'));
    else if (this.messages.size < MAX_QUOTED_MESSAGES) this.messages.set(s, null);
    out.text(quoted);
  }

  write(f: Finding, out: ByteSink): void {
    const p = MessageBytes.parts;
    const sev = effectiveSeverity(f);
    if (f.ruleId === null || f.ruleId === undefined) out.bytes(p.nullRule);
    else {
      out.bytes(p.ruleId);
      out.bytes(this.cached(this.quoted, MAX_QUOTED, f.ruleId));
    }
    if (f.fatal) out.bytes(p.fatal);
    out.bytes(sev === 'error' ? p.error : p.other);
    this.message(f.message, out);
    out.bytes(p.line);
    out.number(f.line);
    out.bytes(p.column);
    out.number(f.column);
    if (f.messageId !== undefined) {
      out.bytes(p.messageId);
      out.bytes(this.cached(this.quoted, MAX_QUOTED, f.messageId));
    }
    out.bytes(p.endLine);
    out.number(f.endLine);
    out.bytes(p.endColumn);
    out.number(f.endColumn);
    if (f.fix) {
      out.bytes(p.fix);
      out.text(JSON.stringify({ path: f.fix.path, op: f.fix.op, value: f.fix.value }));
    }
    if (sev === 'info') out.bytes(p.info);
    if (f.path !== undefined) {
      out.bytes(p.path);
      out.bytes(this.cached(this.quoted, MAX_QUOTED, f.path));
    }
    if (f.object) {
      let ref = this.refs.get(f.object);
      if (ref === undefined) this.refs.set(f.object, (ref = Buffer.from(JSON.stringify(orderedObjectRef(f.object)), 'utf8')));
      out.bytes(p.object);
      out.bytes(ref);
    }
    out.bytes(p.close);
  }
}

function withoutPath(r: JsonFileResult): Omit<JsonFileResult, 'filePath'> {
  const { filePath: _path, ...rest } = r;
  return rest;
}
