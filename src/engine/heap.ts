/**
 * Keeping a long lint's heap small. V8 sizes its heap for throughput: on a machine with gigabytes
 * free it lets the old generation grow to a large first limit before it collects it at all, so a
 * streaming lint — which keeps little alive but allocates about a hundred bytes per byte of YAML —
 * would grow to several times its live data. While a large file is read, podlint collects when the
 * heap has grown by HEAP_SLACK_BYTES (8 MiB in a lint worker, plus half its live data) since the last collection: a few
 * collections of a small heap per file, tens of milliseconds in all.
 *
 * The collector is reached through V8's own `gc` function, which Node exposes only with --expose-gc:
 * the flag is set at run time and `gc` taken from a new context. Where that is not possible, nothing
 * happens (V8 collects on its own, later).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** How much the heap may grow past its live data before podlint collects: the main thread, and a lint worker (which keeps nothing). */
export const HEAP_SLACK_BYTES = 16 * 1024 * 1024;
export const WORKER_HEAP_SLACK_BYTES = 8 * 1024 * 1024;

let collect: (() => void) | null | undefined;
let liveAfterLast = 0;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Collect when the heap has grown by more than `slack` (and half its live data) since the last collection; call between batches. */
export function collectIfGrown(slack = HEAP_SLACK_BYTES): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used < liveAfterLast * 1.5 + slack) return;
  const gc = collector();
  if (!gc) return;
  gc();
  liveAfterLast = v8.getHeapStatistics().used_heap_size;
}
