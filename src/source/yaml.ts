/**
 * Fast YAML/JSON reading with source positions.
 *
 * js-yaml's event parser gives every node's source offsets without building a node tree; this module
 * builds the plain JSON values Kubernetes would decode (scalars resolved as go-yaml v2 does, see
 * scalars.ts) and, beside them, a compact position table per mapping and sequence. A JSON pointer is
 * turned into a line and column only when a finding needs one (see locate()).
 */
import { parseEvents, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import { resolvePlainScalar, resolveTaggedScalar } from './scalars.js';
import { LineIndex } from './lines.js';
import { fastEventsInto } from './fast-events.js';

const EV_DOCUMENT = 1, EV_SEQUENCE = 2, EV_MAPPING = 3, EV_SCALAR = 4, EV_ALIAS = 5, EV_POP = 6;
const STYLE_PLAIN = 1;
/** js-yaml's scalar styles from here on are block scalars: 4 literal (`|`), 5 folded (`>`). */
const STYLE_LITERAL = 4;

/**
 * go-yaml v2 `decode.go` (allowedAliasRatio): a document whose alias expansions dominate its size is
 * rejected with this message ("billion laughs" protection).
 */
export const EXCESSIVE_ALIASING_MESSAGE = 'document contains excessive aliasing';
/** go-yaml v2 `decode.go` (failWantMap): a `<<` merge whose value is not a map or a sequence of maps. */
export const MERGE_WANTS_MAP = 'map merge requires map or sequence of maps as the value';
/**
 * k8s.io/apiserver `pkg/server/config.go` (MaxRequestBodyBytes): the API server reads at most 3 MiB of
 * a request body; kubectl sends each object as JSON, its YAML aliases expanded.
 */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;
/**
 * The API server's refusal of a larger body: k8s.io/apiserver `pkg/endpoints/handlers/rest.go`
 * (limitedReadBody: "limit is %d") through k8s.io/apimachinery `pkg/api/errors/errors.go`
 * (NewRequestEntityTooLargeError: "Request entity too large: %s").
 */
export const REQUEST_TOO_LARGE_MESSAGE = `Request entity too large: limit is ${MAX_REQUEST_BODY_BYTES}`;
/** The message for one object (a document, or an item of a List) whose JSON is over the limit. */
export function objectTooLargeMessage(bytes: number): string {
  return `${REQUEST_TOO_LARGE_MESSAGE} (this object is at least ${bytes} bytes as JSON, as kubectl sends it)`;
}
/** What podlint adds to that message for a document whose aliases alone expand beyond the limit. */
export const ALIASES_TOO_LARGE_MESSAGE = `${REQUEST_TOO_LARGE_MESSAGE} (this document's YAML aliases expand to more than ${MAX_REQUEST_BODY_BYTES} bytes of JSON; it was not read further)`;
const ALIAS_RATIO_RANGE_LOW = 400_000;
const ALIAS_RATIO_RANGE_HIGH = 4_000_000;
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

/** Source offsets of one node: [start, end). */
export type Span = [start: number, end: number];

/**
 * Positions live in a per-document "tape" of int32, not on the values (which stay plain JSON):
 * each mapping or sequence is one record, written when the collection ends —
 *   [kind (1 mapping, 2 sequence), start, end, count, namesBase, then per entry: keyStart, keyEnd, valueStart, valueEnd, child]
 * where child is the tape offset of the entry's value when that is a collection, else -1, and
 * names[namesBase + i] is the key of mapping entry i. About 20 bytes per entry.
 */
export const TAPE_MAP = 1;
export const TAPE_SEQ = 2;
const RECORD_HEADER = 5;
const ENTRY = 5;

export interface YamlProblem {
  /**
   * 'syntax': the document does not parse; 'duplicate-key': a repeated mapping key; 'too-large': the
   * document is refused for its size (see MAX_REQUEST_BODY_BYTES).
   */
  kind: 'syntax' | 'duplicate-key' | 'alias' | 'too-large';
  message: string;
  offset: number;
  endOffset: number;
}

export interface YamlDocument {
  /** 0-based index of the document in its file. */
  index: number;
  /** Offset where the document's content starts (for empty documents: where the document starts). */
  offset: number;
  /** The JSON value; undefined for an empty or comment-only document, or one that does not parse. */
  value: unknown;
  /** Problems that do not stop reading the document (duplicate keys). */
  problems: YamlProblem[];
  /** A syntax error: the document could not be read. */
  fatal?: YamlProblem;
  /** Span of the root node. */
  span: Span;
  /** Position tape (see TAPE_MAP); empty for a scalar or empty document. */
  tape: Int32Array;
  names: string[];
  /** Tape offset of the root collection's record; -1 when the root is not a collection. */
  root: number;
  /**
   * Size of the document's value as JSON (aliases expanded), in bytes, counted as it is built. Exact for
   * ASCII text without escapes; otherwise low (strings count one byte per UTF-16 unit), except that a
   * key given twice (a duplicate, or a `<<` merge key set again explicitly) counts twice. 0 when not read.
   */
  jsonBytes: number;
  /** True when the document uses an alias (or a merge key, through one): one text node may stand for several places. */
  aliased?: boolean;
  /**
   * For each alias of a scalar (by the offset where the alias is written): the span of the anchored
   * scalar it repeats. (An alias of a collection has the collection's record, which holds its span.)
   */
  scalarAnchors?: Map<number, Span>;
}

export interface ParsedYaml {
  text: string;
  lines: LineIndex;
  documents: YamlDocument[];
}

/** An open collection while its document is read (a frame is used again for the next collection at its depth). */
class Frame {
  value: Record<string, unknown> | unknown[] = [];
  isMap = false;
  start = 0;
  /** Where this collection's entries (ENTRY numbers each, see the tape layout) and key names start on the shared stacks. */
  entriesStart = 0;
  namesStart = 0;
  pendingKey: string | undefined = undefined;
  pendingKeyStart = -1;
  pendingKeyEnd = -1;
  pendingKeyIsMerge = false;
  anchor: string | undefined = undefined;
  size = 1;
  /** Its JSON size so far (see YamlDocument.jsonBytes). */
  bytes = 2;
  /** Alias nodes inside, counted as go-yaml counts them: once per expansion. */
  aliases = 0;
  /** Keys that came from a `<<` merge: an explicit key may override them. */
  merged: Set<string> | undefined = undefined;

  /** The frame of a collection that starts now. */
  open(value: Record<string, unknown> | unknown[], isMap: boolean, start: number, entriesStart: number, namesStart: number, anchor: string | undefined): void {
    this.value = value;
    this.isMap = isMap;
    this.start = start;
    this.entriesStart = entriesStart;
    this.namesStart = namesStart;
    this.pendingKey = undefined;
    this.pendingKeyStart = -1;
    this.pendingKeyEnd = -1;
    this.pendingKeyIsMerge = false;
    this.anchor = anchor;
    this.size = 1;
    this.bytes = 2;
    this.aliases = 0;
    this.merged = undefined;
  }
}

const DOC_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/** Documents parsed per js-yaml call: bounds memory (events are short-lived) and call overhead. */
const BATCH_DOCUMENTS = 64;

/** Parse a whole file; a syntax error fails only the document it is in. */
export function parseYaml(text: string): ParsedYaml {
  return { text, lines: new LineIndex(text), documents: parseDocuments(text, 0) };
}

/**
 * The documents of `text`, with every offset shifted by `base` (for a slice of a larger file that is
 * parsed on its own). `text` must start at a document boundary.
 */
export function parseDocuments(text: string, base: number): YamlDocument[] {
  const documents: YamlDocument[] = [];
  for (const batch of documentBatches(text, base)) for (const d of batch) documents.push(d);
  return documents;
}

/**
 * The documents of `text` (offsets shifted by `base`, as parseDocuments), a batch of at most
 * BATCH_DOCUMENTS at a time, so that a caller can drop each batch before the next is read.
 */
export function* documentBatches(text: string, base: number): Generator<YamlDocument[]> {
  const starts = documentStarts(text);
  let count = 0;
  for (let b = 0; b < starts.length; b += BATCH_DOCUMENTS) {
    const start = starts[b]!;
    const end = b + BATCH_DOCUMENTS < starts.length ? starts[b + BATCH_DOCUMENTS]! : text.length;
    let docs: YamlDocument[];
    try {
      const chunk = start === 0 && end === text.length ? text : text.slice(start, end);
      // The fast path's events go straight into the documents (none is kept); if it leaves the chunk to
      // js-yaml, what it built so far is dropped.
      const fast = documentBuilder(chunk, start + base);
      docs = fastEventsInto(chunk, fast.event) ? fast.finish() : construct(chunk, parseEvents(chunk, { maxDepth: 1000 }), start + base);
    } catch {
      docs = parseChunked(text, starts.slice(b, b + BATCH_DOCUMENTS), end, base);
    }
    const batch: YamlDocument[] = [];
    for (const d of docs) {
      // Text before the first `---` that holds nothing is not a document.
      if (d.value === undefined && !d.fatal && count === 0 && starts.length > 1 && d.offset === base && isBlank(text.slice(0, starts[1]))) continue;
      d.index = count++;
      batch.push(d);
    }
    yield batch;
  }
}

/** Offsets where documents start: 0 and every `---` line. */
export function documentStarts(text: string): number[] {
  const starts = [0];
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m; m = DOC_MARKER.exec(text)) {
    if (m[0] === '---' && m.index !== 0) starts.push(m.index);
  }
  return starts;
}

/** Slow path for a batch with a syntax error: read each `---`-separated chunk on its own. */
function parseChunked(text: string, starts: number[], batchEnd: number, base: number): YamlDocument[] {
  const documents: YamlDocument[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : batchEnd;
    const chunk = text.slice(start, end);
    try {
      documents.push(...construct(chunk, parseEvents(chunk, { maxDepth: 1000 }), start + base));
    } catch (err) {
      const e = err as { reason?: string; message?: string; mark?: { position: number } };
      let offset = start + (e.mark?.position ?? 0);
      // An error found at the end of a chunk belongs to its last non-blank character.
      while (offset > start && offset >= end - 1 && /\s/.test(text[offset - 1] ?? '')) offset--;
      if (offset >= end) offset = Math.max(start, end - 1);
      documents.push({
        index: 0,
        offset: start + base,
        value: undefined,
        problems: [],
        fatal: { kind: 'syntax', message: e.reason ?? String(e.message), offset: offset + base, endOffset: offset + base + 1 },
        span: [start + base, end + base],
        tape: EMPTY_TAPE,
        names: [],
        root: -1,
        jsonBytes: 0,
      });
    }
  }
  return documents;
}

function isBlank(chunk: string): boolean {
  return /^\s*(#[^\n]*\s*)*$/.test(chunk);
}

function scalarValue(text: string, ev: ScalarEvent): unknown {
  if (ev.valueStart < 0) return null; // empty node
  let raw = ev.fast ? text.slice(ev.valueStart, ev.valueEnd) : getScalarValue(text, ev);
  if (ev.style >= STYLE_LITERAL && ev.valueEnd === text.length) raw = endOfStreamBlockScalar(text, raw);
  if (ev.tagStart >= 0) return resolveTaggedScalar(raw, text.slice(ev.tagStart, ev.tagEnd));
  if (ev.style !== STYLE_PLAIN) return raw;
  return resolvePlainScalar(raw);
}

/**
 * A literal or folded block scalar whose last line ends the text with no line break. go-yaml keeps a
 * line break in a block scalar only where the text has one: at the end of the stream its scanner's
 * read_line finds none to copy, so neither clip nor keep chomping adds one (gopkg.in/yaml.v2 and
 * yaml.v3 `scannerc.go`, yaml_parser_scan_block_scalar and read_line). js-yaml ends that last line with
 * a line break all the same: one "\n" too many, dropped here. (A text that does end with a line break,
 * and so every document before a `---` line, is left alone.)
 */
function endOfStreamBlockScalar(text: string, raw: string): string {
  const last = text.charCodeAt(text.length - 1);
  if (last === 10 || last === 13 || raw.charCodeAt(raw.length - 1) !== 10) return raw;
  return raw.slice(0, -1);
}

const EMPTY_TAPE = new Int32Array(0);

function construct(text: string, events: Event[], base: number): YamlDocument[] {
  const c = documentBuilder(text, base);
  for (let i = 0; i < events.length; i++) c.event(events[i]!);
  return c.finish();
}

/** Builds documents from events as they come (construct() hands it an array; the fast path, each event as it reads it). */
function documentBuilder(text: string, base: number): { event(ev: Event): void; finish(): YamlDocument[] } {
  const documents: YamlDocument[] = [];
  let doc: YamlDocument | undefined;
  // The open collections: frames[0 … depth - 1]. A frame object is used again by the next collection
  // at its depth (a document has thousands of collections, and few levels).
  const frames: Frame[] = [];
  let depth = 0;
  // An anchored node as its aliases repeat it: value, span in the text, go-yaml's counts and JSON size.
  // (made when a document has its first anchor: most have none)
  let anchors: Map<string, { value: unknown; start: number; end: number; size: number; bytes: number; aliases: number; child: number }> | undefined;
  // The tape is written into one growing buffer and copied out at the end of each document; the
  // entries and key names of open collections wait on two stacks (a child is finished, and its
  // entries moved to the tape, before its parent's next entry is pushed).
  const tape = new IntBuffer();
  const entries = new IntBuffer();
  let names: string[] = [];
  const pendingNames: string[] = [];
  let lastEnd = 0;
  let aliasCount = 0;
  let decodeCount = 0;
  /** JSON bytes the document's aliases add (each alias: its anchored node's JSON size). */
  let aliasBytes = 0;
  // Errors are thrown with offsets relative to this chunk (parseChunked adds the chunk's start).
  const fail = (message: string, offset: number): never => throwAt(message, offset - base);

  const finishDocument = () => {
    if (doc && aliasBytes > MAX_REQUEST_BODY_BYTES) {
      // Refused at its first line; nothing of it is linted.
      const at = doc.span[0];
      doc.fatal = { kind: 'too-large', message: ALIASES_TOO_LARGE_MESSAGE, offset: at, endOffset: at + 1 };
      doc.value = undefined;
      doc.problems = [];
      doc.root = -1;
      doc.scalarAnchors = undefined;
      tape.length = 0;
      names = [];
    }
    if (doc) {
      doc.tape = tape.length ? tape.buffer.slice(0, tape.length) : EMPTY_TAPE;
      doc.names = names;
    }
  };

  /** Hand a finished node to its parent (or make it the document's root). */
  const add = (value: unknown, start: number, end: number, size: number, bytes: number, aliases: number, plainText: string | undefined, child: number) => {
    decodeCount += size;
    const top = depth > 0 ? frames[depth - 1] : undefined;
    if (!top) {
      doc!.value = value;
      doc!.span = [start, end];
      doc!.offset = start;
      doc!.root = child;
      doc!.jsonBytes = bytes;
      return;
    }
    top.size += size;
    top.aliases += aliases;
    if (!top.isMap) {
      top.bytes += bytes + (top.bytes > 2 ? 1 : 0);
      (top.value as unknown[]).push(value);
      entries.push5(-1, -1, start, end, child);
      return;
    }
    if (top.pendingKey === undefined) {
      top.pendingKey = keyString(value);
      top.pendingKeyStart = start;
      top.pendingKeyEnd = end;
      top.pendingKeyIsMerge = plainText === '<<';
      return;
    }
    const key = top.pendingKey;
    top.pendingKey = undefined;
    const obj = top.value as Record<string, unknown>;
    if (top.pendingKeyIsMerge) {
      top.merged ??= new Set();
      merge(top, value, child, tape.buffer, names, entries, pendingNames, base);
      // The merged entries, without the source's braces (an explicit key that overrides one is counted twice).
      if (bytes > 2) top.bytes += bytes - 2 + (top.bytes > 2 ? 1 : 0);
      return;
    }
    top.bytes += key.length + 3 + bytes + (top.bytes > 2 ? 1 : 0);
    if (top.merged?.has(key)) top.merged.delete(key);
    else if (Object.prototype.hasOwnProperty.call(obj, key)) {
      doc!.problems.push({
        kind: 'duplicate-key',
        // go-yaml v2 UnmarshalStrict (sigs.k8s.io/yaml YAMLToJSONStrict), as the API server decodes.
        message: `key ${JSON.stringify(key)} already set in map`,
        offset: top.pendingKeyStart,
        endOffset: top.pendingKeyEnd,
      });
    }
    setKey(obj, key, value);
    pendingNames.push(key);
    entries.push5(top.pendingKeyStart, top.pendingKeyEnd, start, end, child);
  };

  const event = (ev: Event) => {
    switch (ev.type) {
      case EV_DOCUMENT: {
        finishDocument();
        anchors = undefined;
        tape.length = 0;
        entries.length = 0;
        pendingNames.length = 0;
        names = [];
        aliasCount = 0;
        decodeCount = 0;
        aliasBytes = 0;
        doc = { index: documents.length, offset: base, value: undefined, problems: [], span: [base, base], tape: EMPTY_TAPE, names: [], root: -1, jsonBytes: 0 };
        documents.push(doc);
        break;
      }
      case EV_MAPPING:
      case EV_SEQUENCE: {
        const isMap = ev.type === EV_MAPPING;
        const start = ev.start + base;
        const value = isMap ? {} : [];
        const anchor = ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;
        (frames[depth] ??= new Frame()).open(value, isMap, start, entries.length, pendingNames.length, anchor);
        depth++;
        lastEnd = start;
        break;
      }
      case EV_SCALAR: {
        if (depth === 0 && ev.valueStart < 0 && ev.tagStart < 0 && ev.anchorStart < 0) break; // empty document
        const value = scalarValue(text, ev);
        let start = ev.valueStart >= 0 ? ev.valueStart + base : lastEnd;
        let end = ev.valueStart >= 0 ? ev.valueEnd + base : lastEnd;
        // A quoted scalar's span includes its quotes.
        if (ev.style === 2 || ev.style === 3) {
          start--;
          end++;
        }
        const bytes = jsonScalarBytes(value);
        if (ev.anchorStart >= 0) (anchors ??= new Map()).set(text.slice(ev.anchorStart, ev.anchorEnd), { value, start, end, size: 1, bytes, aliases: 0, child: -1 });
        lastEnd = end;
        add(value, start, end, 1, bytes, 0, ev.style === STYLE_PLAIN && ev.tagStart < 0 && typeof value === 'string' ? value : undefined, -1);
        break;
      }
      case EV_ALIAS: {
        const name = text.slice(ev.anchorStart, ev.anchorEnd);
        const target = anchors?.get(name);
        const start = ev.anchorStart - 1 + base;
        const end = ev.anchorEnd + base;
        if (!target) return fail(`unknown anchor '${name}' referenced`, start);
        aliasCount += 1 + target.aliases;
        const decoded = decodeCount + target.size;
        if (aliasCount > 100 && decoded > 1000 && aliasCount / decoded > allowedAliasRatio(decoded)) {
          fail(EXCESSIVE_ALIASING_MESSAGE, start);
        }
        // What kubectl would send grows by the anchored node's JSON, however small the alias (the value
        // shares the anchored node: nothing is copied). Past one request's limit the document is refused
        // when it ends (go-yaml's own refusal, above, comes first if the rest of the document earns it).
        aliasBytes += target.bytes;
        doc!.aliased = true;
        lastEnd = end;
        const top = depth > 0 ? frames[depth - 1] : undefined;
        if (top?.pendingKeyIsMerge && top.pendingKey !== undefined && Array.isArray(target.value)) fail(MERGE_WANTS_MAP, start);
        // The tape keeps where the alias is written (fixes edit there); locate() reports at the anchored
        // text it stands for: one place for all its uses.
        if (target.child < 0) (doc!.scalarAnchors ??= new Map()).set(start, [target.start, target.end]);
        add(target.value, start, end, target.size, target.bytes, 1 + target.aliases, undefined, target.child);
        break;
      }
      case EV_POP: {
        if (depth === 0) break; // end of document
        const frame = frames[--depth]!;
        const off = tape.length;
        const count = (entries.length - frame.entriesStart) / ENTRY;
        tape.push5(frame.isMap ? TAPE_MAP : TAPE_SEQ, frame.start, lastEnd, count, names.length);
        tape.append(entries.buffer, frame.entriesStart, entries.length);
        entries.length = frame.entriesStart;
        for (let k = frame.namesStart; k < pendingNames.length; k++) names.push(pendingNames[k]!);
        pendingNames.length = frame.namesStart;
        if (frame.anchor !== undefined) (anchors ??= new Map()).set(frame.anchor, { value: frame.value, start: frame.start, end: lastEnd, size: frame.size, bytes: frame.bytes, aliases: frame.aliases, child: off });
        add(frame.value, frame.start, lastEnd, frame.size, frame.bytes, frame.aliases, undefined, off);
        // The frame's children were counted into decodeCount as they arrived: count the frame once.
        decodeCount -= frame.size - 1;
        break;
      }
    }
  };
  return {
    event,
    finish() {
      finishDocument();
      return documents;
    },
  };
}

/** A growable int32 array (the tape and the entry stack of construct()). */
class IntBuffer {
  buffer = new Int32Array(1024);
  length = 0;

  private grow(need: number): void {
    let size = this.buffer.length * 2;
    while (size < need) size *= 2;
    const next = new Int32Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  push5(a: number, b: number, c: number, d: number, e: number): void {
    const n = this.length;
    if (n + 5 > this.buffer.length) this.grow(n + 5);
    const buf = this.buffer;
    buf[n] = a;
    buf[n + 1] = b;
    buf[n + 2] = c;
    buf[n + 3] = d;
    buf[n + 4] = e;
    this.length = n + 5;
  }

  /** Append source[from, to). */
  append(source: Int32Array, from: number, to: number): void {
    const n = this.length;
    if (n + (to - from) > this.buffer.length) this.grow(n + (to - from));
    const buf = this.buffer;
    for (let k = from; k < to; k++) buf[n + k - from] = source[k]!;
    this.length = n + (to - from);
  }
}

function throwAt(message: string, offset: number): never {
  const err = new Error(message) as Error & { reason: string; mark: { position: number } };
  err.reason = message;
  err.mark = { position: offset };
  throw err;
}

/** Size of a value as JSON, counted as the document builder counts it (shared nodes counted at each use). */
export function jsonBytes(value: unknown): number {
  if (value === null || typeof value !== 'object') return jsonScalarBytes(value);
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (const v of value) n += jsonBytes(v);
    return n;
  }
  const keys = Object.keys(value);
  let n = 2 + Math.max(0, keys.length - 1);
  for (const k of keys) n += k.length + 3 + jsonBytes((value as Record<string, unknown>)[k]);
  return n;
}

/**
 * A scalar's size in JSON, as a lower bound: a string counts its UTF-16 units and quotes (UTF-8 and
 * escapes can only add to it).
 */
function jsonScalarBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return Number.isInteger(value) && value >= 0 && value < 1e9 ? (value < 10 ? 1 : Math.floor(Math.log10(value)) + 1) : String(value).length;
    case 'boolean':
      return value ? 4 : 5;
    default:
      return value === null ? 4 : String(value).length;
  }
}

/** sigs.k8s.io/yaml converts non-string keys to strings (ints as decimal, bools as true/false). */
function keyString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** YAML merge key `<<`: copy entries not set explicitly (later explicit keys override), with their positions. */
function merge(frame: Frame, source: unknown, child: number, tape: ArrayLike<number>, names: string[], entries: IntBuffer, pendingNames: string[], base: number): void {
  const obj = frame.value as Record<string, unknown>;
  const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!(isMap(source) || (Array.isArray(source) && source.every(isMap)))) throwAt(MERGE_WANTS_MAP, frame.pendingKeyStart - base);
  const sources = Array.isArray(source) ? (source as unknown[]).map((s, i) => [s, childOf(tape, child, i)] as const) : [[source, child] as const];
  for (const [src, off] of sources) {
    if (!src || typeof src !== 'object' || Array.isArray(src)) continue;
    for (const [k, v] of Object.entries(src)) {
      if (Object.prototype.hasOwnProperty.call(obj, k)) continue;
      setKey(obj, k, v);
      frame.merged!.add(k);
      const e = off >= 0 ? findEntry(tape, names, off, k) : -1;
      if (e >= 0) {
        pendingNames.push(k);
        entries.push5(tape[e]!, tape[e + 1]!, tape[e + 2]!, tape[e + 3]!, tape[e + 4]!);
      }
    }
  }
}

/** For a sequence record at `off`, the child offset of item i (or -1). */
function childOf(tape: ArrayLike<number>, off: number, i: number): number {
  if (off < 0 || tape[off] !== TAPE_SEQ || i >= tape[off + 3]!) return -1;
  return tape[off + RECORD_HEADER + ENTRY * i + 4]!;
}

/** Tape index of the entry for `key` in the mapping record at `off` (the last occurrence), or -1. */
export function findEntry(tape: ArrayLike<number>, names: readonly string[], off: number, key: string): number {
  if (tape[off] !== TAPE_MAP) return -1;
  const count = tape[off + 3]!;
  const base = tape[off + 4]!;
  for (let i = count - 1; i >= 0; i--) {
    if (names[base + i] === key) return off + RECORD_HEADER + ENTRY * i;
  }
  return -1;
}

/** findEntry for the key written at `text[from, to)` (compared in place, not cut out). */
export function findEntryIn(tape: ArrayLike<number>, names: readonly string[], off: number, text: string, from: number, to: number): number {
  if (tape[off] !== TAPE_MAP) return -1;
  const count = tape[off + 3]!;
  const base = tape[off + 4]!;
  const length = to - from;
  for (let i = count - 1; i >= 0; i--) {
    const name = names[base + i]!;
    if (name.length === length && text.startsWith(name, from)) return off + RECORD_HEADER + ENTRY * i;
  }
  return -1;
}

/** Tape index of item `index` in the sequence record at `off`, or -1. */
export function findItem(tape: ArrayLike<number>, off: number, index: number): number {
  if (tape[off] !== TAPE_SEQ || !(index >= 0 && index < tape[off + 3]!)) return -1;
  return off + RECORD_HEADER + ENTRY * index;
}
