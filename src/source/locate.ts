/** JSON pointer → source span, through the position tables that yaml.ts keeps beside each collection. */
import { entrySpans, itemSpan, positionsOf, type Span } from './yaml.js';

/** Decode one JSON-pointer token (RFC 6901). */
export function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

export function joinPointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + escapeToken(String(t))).join('');
}

/** Read the value at a pointer (undefined when absent). */
export function getAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const t of pointerTokens(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(t)] : Object.prototype.hasOwnProperty.call(cur, t) ? (cur as Record<string, unknown>)[t] : undefined;
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
 * A missing field is located at its nearest existing parent (its key when it has one).
 */
export function locate(root: unknown, rootSpan: Span, pointer: string, target: 'key' | 'value' | 'auto' = 'auto'): Located {
  let cur: unknown = root;
  let keySpan: Span | undefined;
  let valueSpan: Span = rootSpan;
  for (const t of pointerTokens(pointer)) {
    const pos = positionsOf(cur);
    if (!pos) return { span: keySpan ?? valueSpan, exact: false };
    if (pos.n) {
      const e = entrySpans(pos, t);
      if (!e) return { span: keySpan ?? valueSpan, exact: false };
      keySpan = [e[0], e[1]];
      valueSpan = [e[2], e[3]];
      cur = (cur as Record<string, unknown>)[t];
    } else {
      const s = itemSpan(pos, Number(t));
      if (!s) return { span: keySpan ?? valueSpan, exact: false };
      keySpan = undefined;
      valueSpan = s;
      cur = (cur as unknown[])[Number(t)];
    }
  }
  if (target === 'key' && keySpan) return { span: keySpan, exact: true };
  if (target === 'auto' && keySpan && cur !== null && typeof cur === 'object') return { span: keySpan, exact: true };
  return { span: valueSpan, exact: true };
}
