/** JSON pointer → source span, through the position tape that yaml.ts keeps per document. */
import { findEntry, findEntryIn, findItem, TAPE_MAP, type Span, type YamlDocument } from './yaml.js';

/** Decode one JSON-pointer token (RFC 6901). */
export function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  const parts = pointer.slice(1).split('/');
  if (pointer.includes('~')) for (let i = 0; i < parts.length; i++) parts[i] = unescapeToken(parts[i]!);
  return parts;
}

export function joinPointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + escapeToken(String(t))).join('');
}

/** Read the value at a pointer (undefined when absent). */
export function getAt(root: unknown, pointer: string): unknown {
  const tokens = tokensOf(pointer);
  let cur: unknown = root;
  for (let i = 0; i < tokens.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const t = tokens[i]!;
    cur = Array.isArray(cur) ? cur[Number(t)] : Object.prototype.hasOwnProperty.call(cur, t) ? (cur as Record<string, unknown>)[t] : undefined;
  }
  return cur;
}

/**
 * A pointer's tokens, remembered: rules read the same few pointers (`/spec/template/spec`, a pod spec's
 * `/metadata/labels`) of every object. (Text that is not a pointer, without its leading '/', reads the
 * empty key, as it always has here.)
 */
function tokensOf(pointer: string): readonly string[] {
  let tokens = pointerTokenCache.get(pointer);
  if (tokens === undefined) {
    tokens = pointer === '' ? [] : pointer.charCodeAt(0) === 47 /* / */ ? pointer.slice(1).split('/').map(unescapeToken) : [''];
    if (pointerTokenCache.size >= MAX_CACHED_POINTERS) pointerTokenCache.clear();
    pointerTokenCache.set(pointer, tokens);
  }
  return tokens;
}
const pointerTokenCache = new Map<string, readonly string[]>();
/** Pointers getAt keeps split (rules ask about a few; a pointer made per object would fill it: then it starts again). */
const MAX_CACHED_POINTERS = 1000;

export interface Located {
  span: Span;
  /** False when the pointer's last part is absent and the span is that of the nearest existing parent. */
  exact: boolean;
}

/** Where locateSpan leaves the span it found (a caller may reuse one for every call). */
export interface SpanOut {
  start: number;
  end: number;
}

/**
 * Locate a pointer inside a document. `target` 'key' gives the span of a mapping key (the field's
 * name); 'value' the span of the value; 'auto' the value for scalars and the key for collections.
 * A missing field is located at its nearest existing parent (its key when it has one). A value written
 * as an alias is located at the anchored text it repeats.
 */
export function locate(doc: Pick<YamlDocument, 'tape' | 'names' | 'root' | 'span' | 'scalarAnchors'>, pointer: string, target: 'key' | 'value' | 'auto' = 'auto'): Located {
  const out: SpanOut = { start: 0, end: 0 };
  const exact = locateSpan(doc, pointer, target, out);
  return { span: [out.start, out.end], exact };
}

/**
 * locate(), writing the span into `out` and returning whether it is exact. It walks the pointer without
 * splitting it and keeps spans in locals: every finding is located through here.
 */
export function locateSpan(doc: Pick<YamlDocument, 'tape' | 'names' | 'root' | 'span' | 'scalarAnchors'>, pointer: string, target: 'key' | 'value' | 'auto', out: SpanOut): boolean {
  const { tape, names } = doc;
  let off = doc.root;
  // The last step's key span (none for a sequence item or at the root) and value span.
  let keyStart = -1;
  let keyEnd = -1;
  let valueStart = doc.span[0];
  let valueEnd = doc.span[1];
  const escaped = pointer.includes('~');
  let exact = true;
  for (let i = 1; i <= pointer.length && pointer !== '/'; ) {
    let j = pointer.indexOf('/', i);
    if (j < 0) j = pointer.length;
    let e = -1;
    if (off >= 0) {
      if (tape[off] === TAPE_MAP) e = escaped ? findEntry(tape, names, off, unescapeToken(pointer.slice(i, j))) : findEntryIn(tape, names, off, pointer, i, j);
      else {
        const index = arrayIndex(pointer, i, j);
        if (index >= 0) e = findItem(tape, off, index);
      }
    }
    if (e < 0) {
      exact = false;
      break;
    }
    keyStart = tape[e]!;
    keyEnd = keyStart >= 0 ? tape[e + 1]! : -1;
    off = tape[e + 4]!;
    // A collection's record holds its own span (the anchored one, for an alias); a scalar alias has its anchor's.
    if (off >= 0) {
      valueStart = tape[off + 1]!;
      valueEnd = tape[off + 2]!;
    } else {
      const anchored = doc.scalarAnchors?.get(tape[e + 2]!);
      valueStart = anchored ? anchored[0] : tape[e + 2]!;
      valueEnd = anchored ? anchored[1] : tape[e + 3]!;
    }
    i = j + 1;
  }
  // A missing field: its nearest parent's key (or value); else the key or the value, as asked.
  const useKey = keyStart >= 0 && (!exact || target === 'key' || (target === 'auto' && off >= 0));
  out.start = useKey ? keyStart : valueStart;
  out.end = useKey ? keyEnd : valueEnd;
  return exact;
}

/** The decimal array index written at pointer[i, j) (no sign, no leading zero), or -1. */
function arrayIndex(pointer: string, i: number, j: number): number {
  if (j <= i || j - i > 15) return -1;
  if (pointer.charCodeAt(i) === 48 /* 0 */) return j - i === 1 ? 0 : -1;
  let n = 0;
  for (let k = i; k < j; k++) {
    const d = pointer.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
