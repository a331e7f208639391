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

const EV_DOCUMENT = 1, EV_SEQUENCE = 2, EV_MAPPING = 3, EV_SCALAR = 4, EV_ALIAS = 5, EV_POP = 6;
const STYLE_PLAIN = 1;

/**
 * go-yaml v2 `decode.go` (allowedAliasRatio): a document whose alias expansions dominate its size is
 * rejected with this message ("billion laughs" protection).
 */
export const EXCESSIVE_ALIASING_MESSAGE = 'document contains excessive aliasing';
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
 * Positions of a mapping's entries or a sequence's items, stored flat to keep allocation low:
 * a mapping entry i has key span [s[4i], s[4i+1]) and value span [s[4i+2], s[4i+3]) and name n[i];
 * a sequence item i has span [s[2i], s[2i+1]).
 */
export interface CollectionPos {
  start: number;
  end: number;
  /** Mapping keys in source order; undefined for a sequence. */
  n: string[] | undefined;
  s: number[];
}

/** Where a collection's positions live: a symbol-keyed property that JSON and Object.keys ignore. */
export const POS: unique symbol = Symbol('podlint.pos');

export function positionsOf(value: unknown): CollectionPos | undefined {
  return value !== null && typeof value === 'object' ? (value as { [POS]?: CollectionPos })[POS] : undefined;
}

/** Span of a mapping entry: [keyStart, keyEnd, valueStart, valueEnd], or undefined. */
export function entrySpans(pos: CollectionPos, key: string): [number, number, number, number] | undefined {
  const n = pos.n;
  if (!n) return undefined;
  // The last occurrence wins, as for the value itself.
  for (let i = n.length - 1; i >= 0; i--) {
    if (n[i] === key) return [pos.s[4 * i]!, pos.s[4 * i + 1]!, pos.s[4 * i + 2]!, pos.s[4 * i + 3]!];
  }
  return undefined;
}

export function itemSpan(pos: CollectionPos, index: number): Span | undefined {
  if (pos.n || 2 * index + 1 >= pos.s.length) return undefined;
  return [pos.s[2 * index]!, pos.s[2 * index + 1]!];
}

export interface YamlProblem {
  /** 'syntax': the document does not parse; 'duplicate-key': a repeated mapping key. */
  kind: 'syntax' | 'duplicate-key' | 'alias';
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
}

export interface ParsedYaml {
  text: string;
  lines: LineIndex;
  documents: YamlDocument[];
}

interface Frame {
  value: Record<string, unknown> | unknown[];
  pos: CollectionPos;
  isMap: boolean;
  pendingKey: string | undefined;
  pendingKeySpan: Span | undefined;
  pendingKeyIsMerge: boolean;
  anchor: string | undefined;
  size: number;
  /** Alias nodes inside, counted as go-yaml counts them: once per expansion. */
  aliases: number;
  /** Keys that came from a `<<` merge: an explicit key may override them. */
  merged: Set<string> | undefined;
}

const DOC_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/** Documents parsed per js-yaml call: bounds memory (events are short-lived) and call overhead. */
const BATCH_DOCUMENTS = 64;

/** Parse a whole file; a syntax error fails only the document it is in. */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineIndex(text);
  const starts = documentStarts(text);
  const documents: YamlDocument[] = [];
  for (let b = 0; b < starts.length; b += BATCH_DOCUMENTS) {
    const start = starts[b]!;
    const end = b + BATCH_DOCUMENTS < starts.length ? starts[b + BATCH_DOCUMENTS]! : text.length;
    let docs: YamlDocument[];
    try {
      const chunk = start === 0 && end === text.length ? text : text.slice(start, end);
      docs = construct(chunk, parseEvents(chunk, { maxDepth: 1000 }), start);
    } catch {
      docs = parseChunked(text, starts.slice(b, b + BATCH_DOCUMENTS), end);
    }
    for (const d of docs) {
      // Text before the first `---` that holds nothing is not a document.
      if (d.value === undefined && !d.fatal && documents.length === 0 && starts.length > 1 && d.offset === 0 && isBlank(text.slice(0, starts[1]))) continue;
      d.index = documents.length;
      documents.push(d);
    }
  }
  return { text, lines, documents };
}

/** Offsets where documents start: 0 and every `---` line. */
function documentStarts(text: string): number[] {
  const starts = [0];
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m; m = DOC_MARKER.exec(text)) {
    if (m[0] === '---' && m.index !== 0) starts.push(m.index);
  }
  return starts;
}

/** Slow path for a batch with a syntax error: read each `---`-separated chunk on its own. */
function parseChunked(text: string, starts: number[], batchEnd: number): YamlDocument[] {
  const documents: YamlDocument[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : batchEnd;
    const chunk = text.slice(start, end);
    try {
      documents.push(...construct(chunk, parseEvents(chunk, { maxDepth: 1000 }), start));
    } catch (err) {
      const e = err as { reason?: string; message?: string; mark?: { position: number } };
      let offset = start + (e.mark?.position ?? 0);
      // An error found at the end of a chunk belongs to its last non-blank character.
      while (offset > start && offset >= end - 1 && /\s/.test(text[offset - 1] ?? '')) offset--;
      if (offset >= end) offset = Math.max(start, end - 1);
      documents.push({
        index: 0,
        offset: start,
        value: undefined,
        problems: [],
        fatal: { kind: 'syntax', message: e.reason ?? String(e.message), offset, endOffset: offset + 1 },
        span: [start, end],
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
  const raw = ev.fast ? text.slice(ev.valueStart, ev.valueEnd) : getScalarValue(text, ev);
  if (ev.tagStart >= 0) return resolveTaggedScalar(raw, text.slice(ev.tagStart, ev.tagEnd));
  if (ev.style !== STYLE_PLAIN) return raw;
  return resolvePlainScalar(raw);
}

function construct(text: string, events: Event[], base: number): YamlDocument[] {
  const documents: YamlDocument[] = [];
  let doc: YamlDocument | undefined;
  const stack: Frame[] = [];
  let anchors = new Map<string, { value: unknown; size: number; aliases: number }>();
  let lastEnd = 0;
  let aliasCount = 0;
  let decodeCount = 0;

  const add = (value: unknown, span: Span, size: number, aliases: number, plainText: string | undefined) => {
    decodeCount += size;
    const top = stack[stack.length - 1];
    if (!top) {
      doc!.value = value;
      doc!.span = span;
      doc!.offset = span[0];
      return;
    }
    top.size += size;
    top.aliases += aliases;
    if (!top.isMap) {
      (top.value as unknown[]).push(value);
      top.pos.s.push(span[0], span[1]);
      return;
    }
    if (top.pendingKey === undefined) {
      top.pendingKey = keyString(value);
      top.pendingKeySpan = span;
      top.pendingKeyIsMerge = plainText === '<<';
      return;
    }
    const key = top.pendingKey;
    const keySpan = top.pendingKeySpan!;
    top.pendingKey = undefined;
    const obj = top.value as Record<string, unknown>;
    if (top.pendingKeyIsMerge) {
      top.merged ??= new Set();
      merge(obj, top.pos, value, top.merged);
      return;
    }
    if (top.merged?.has(key)) top.merged.delete(key);
    else if (Object.prototype.hasOwnProperty.call(obj, key)) {
      doc!.problems.push({
        kind: 'duplicate-key',
        // go-yaml v2 UnmarshalStrict (sigs.k8s.io/yaml YAMLToJSONStrict), as the API server decodes.
        message: `key ${JSON.stringify(key)} already set in map`,
        offset: keySpan[0],
        endOffset: keySpan[1],
      });
    }
    setKey(obj, key, value);
    top.pos.n!.push(key);
    top.pos.s.push(keySpan[0], keySpan[1], span[0], span[1]);
  };

  for (let i = 0; i < events.length; i++) {
    const ev = events[i]!;
    switch (ev.type) {
      case EV_DOCUMENT: {
        anchors = new Map();
        aliasCount = 0;
        decodeCount = 0;
        doc = { index: documents.length, offset: base, value: undefined, problems: [], span: [base, base] };
        documents.push(doc);
        break;
      }
      case EV_MAPPING:
      case EV_SEQUENCE: {
        const isMap = ev.type === EV_MAPPING;
        const start = ev.start + base;
        const pos: CollectionPos = { start, end: start, n: isMap ? [] : undefined, s: [] };
        const value: Record<string, unknown> | unknown[] = isMap ? {} : [];
        Object.defineProperty(value, POS, { value: pos });
        stack.push({
          value, pos, isMap, pendingKey: undefined, pendingKeySpan: undefined, pendingKeyIsMerge: false,
          anchor: ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined, size: 1, aliases: 0, merged: undefined,
        });
        lastEnd = start;
        break;
      }
      case EV_SCALAR: {
        if (stack.length === 0 && ev.valueStart < 0 && ev.tagStart < 0 && ev.anchorStart < 0) break; // empty document
        const value = scalarValue(text, ev);
        const start = ev.valueStart >= 0 ? ev.valueStart + base : lastEnd;
        const end = ev.valueStart >= 0 ? ev.valueEnd + base : lastEnd;
        const raw = ev.valueStart >= 0 && ev.fast ? text.slice(ev.valueStart, ev.valueEnd) : undefined;
        // A quoted scalar's span includes its quotes.
        const span: Span = ev.style === 2 || ev.style === 3 ? [start - 1, end + 1] : [start, end];
        if (ev.anchorStart >= 0) anchors.set(text.slice(ev.anchorStart, ev.anchorEnd), { value, size: 1, aliases: 0 });
        lastEnd = span[1];
        add(value, span, 1, 0, ev.style === STYLE_PLAIN && ev.tagStart < 0 && typeof value === 'string' ? value : undefined);
        break;
      }
      case EV_ALIAS: {
        const name = text.slice(ev.anchorStart, ev.anchorEnd);
        const target = anchors.get(name);
        const span: Span = [ev.anchorStart - 1 + base, ev.anchorEnd + base];
        if (!target) {
          throwAt(`unknown anchor '${name}' referenced`, span[0]);
        }
        aliasCount += 1 + target.aliases;
        const decoded = decodeCount + target.size;
        if (aliasCount > 100 && decoded > 1000 && aliasCount / decoded > allowedAliasRatio(decoded)) {
          throwAt(EXCESSIVE_ALIASING_MESSAGE, span[0]);
        }
        lastEnd = span[1];
        add(target.value, span, target.size, 1 + target.aliases, undefined);
        break;
      }
      case EV_POP: {
        const frame = stack.pop();
        if (!frame) break; // end of document
        frame.pos.end = lastEnd;
        if (frame.anchor !== undefined) anchors.set(frame.anchor, { value: frame.value, size: frame.size, aliases: frame.aliases });
        add(frame.value, [frame.pos.start, frame.pos.end], frame.size, frame.aliases, undefined);
        // The frame's children were counted into decodeCount as they arrived: count the frame once.
        decodeCount -= frame.size - 1;
        break;
      }
    }
  }
  return documents;
}

function throwAt(message: string, offset: number): never {
  const err = new Error(message) as Error & { reason: string; mark: { position: number } };
  err.reason = message;
  err.mark = { position: offset };
  throw err;
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

/** YAML merge key `<<`: copy entries not set explicitly (later explicit keys override). */
function merge(obj: Record<string, unknown>, pos: CollectionPos, source: unknown, merged: Set<string>): void {
  const sources = Array.isArray(source) ? source : [source];
  for (const src of sources) {
    if (!src || typeof src !== 'object' || Array.isArray(src)) continue;
    const spos = positionsOf(src);
    for (const [k, v] of Object.entries(src)) {
      if (Object.prototype.hasOwnProperty.call(obj, k)) continue;
      setKey(obj, k, v);
      merged.add(k);
      const e = spos && entrySpans(spos, k);
      if (e) {
        pos.n!.push(k);
        pos.s.push(e[0], e[1], e[2], e[3]);
      }
    }
  }
}
