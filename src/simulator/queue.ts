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
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
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
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

function less<T>(a: Queued<T>, b: Queued<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
