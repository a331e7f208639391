/** JSON pointer → source span, through the position tape that yaml.ts keeps per document. */
import { findEntry, findItem, TAPE_MAP, type Span, type YamlDocument } from './yaml.js';

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
  let cur: unknown = root;
  const escaped = pointer.includes('~');
  // Walk the pointer without splitting it: rules call this on every object.
  let i = pointer.charCodeAt(0) === 47 /* / */ ? 1 : pointer.length;
  while (i <= pointer.length && pointer.length > 0) {
    let j = pointer.indexOf('/', i);
    if (j < 0) j = pointer.length;
    const raw = pointer.slice(i, j);
    const t = escaped ? unescapeToken(raw) : raw;
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(t)] : Object.prototype.hasOwnProperty.call(cur, t) ? (cur as Record<string, unknown>)[t] : undefined;
    i = j + 1;
  }
  return cur;
}

export interface Located {
  span: Span;
  /** False when the pointer's last part is absent and the span is that of the nearest existing parent. */
  exact: boolean;
}

/**
 * Locate a pointer inside a document. `target` 'key' gives the span of a mapping key (the field's
 * name); 'value' the span of the value; 'auto' the value for scalars and the key for collections.
 * A missing field is located at its nearest existing parent (its key when it has one). A value written
 * as an alias is located at the anchored text it repeats.
 */
export function locate(doc: Pick<YamlDocument, 'tape' | 'names' | 'root' | 'span' | 'scalarAnchors'>, pointer: string, target: 'key' | 'value' | 'auto' = 'auto'): Located {
  const { tape, names } = doc;
  let off = doc.root;
  let keySpan: Span | undefined;
  let valueSpan: Span = doc.span;
  for (const t of pointerTokens(pointer)) {
    if (off < 0) return { span: keySpan ?? valueSpan, exact: false };
    const e = tape[off] === TAPE_MAP ? findEntry(tape, names, off, t) : /^(0|[1-9][0-9]*)$/.test(t) ? findItem(tape, off, Number(t)) : -1;
    if (e < 0) return { span: keySpan ?? valueSpan, exact: false };
    keySpan = tape[e]! >= 0 ? [tape[e]!, tape[e + 1]!] : undefined;
    off = tape[e + 4]!;
    // A collection's record holds its own span (the anchored one, for an alias); a scalar alias has its anchor's.
    valueSpan = off >= 0 ? [tape[off + 1]!, tape[off + 2]!] : (doc.scalarAnchors?.get(tape[e + 2]!) ?? [tape[e + 2]!, tape[e + 3]!]);
  }
  if (target === 'key' && keySpan) return { span: keySpan, exact: true };
  if (target === 'auto' && keySpan && off >= 0) return { span: keySpan, exact: true };
  return { span: valueSpan, exact: true };
}
