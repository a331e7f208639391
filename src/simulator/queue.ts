/** A binary min-heap of events ordered by (time, sequence number): FIFO among events at the same time. */
import type { Ms } from './time.js';

export interface Queued<T> {
  time: Ms;
  seq: number;
  item: T;
}

export class EventQueue<T> {
  private heap: Queued<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: Ms, item: T): void {
    const node = { time, seq: this.seq++, item };
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!less(node, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = node;
  }

  peekTime(): Ms | undefined {
    return this.heap[0]?.time;
  }

  pop(): Queued<T> | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && less(h[r]!, h[l]!) ? r : l;
        if (!less(h[m]!, last)) break;
        h[i] = h[m]!;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}

function less<T>(a: Queued<T>, b: Queued<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
