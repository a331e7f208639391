/**
 * A file's text into a lint run, a batch of documents at a time, so that only the batch being linted
 * is in memory (the run keeps findings and, for the cross-object rules, the few fields they read).
 * A large file is split at a document boundary near its middle: a worker thread (lint-worker.ts)
 * reads and lints the second half while this thread does the first, and sends back its part, which
 * the run merges as if this thread had read it. Any failure of the worker falls back to reading the
 * second half here. Synchronous: the main thread waits with Atomics.wait.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { manifestSource, readDocuments, type FileProblem, type ManifestObject, type ManifestSource } from '../source/manifests.js';
import { documentBatches, documentStarts } from '../source/yaml.js';
import type { FilePiece, FileRun, RuleSetting, SliceSummary } from './run.js';
import { collectIfGrown, HEAP_SLACK_BYTES } from './heap.js';

/** Below this size a second thread costs more (its start-up, loading the rules) than it saves. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

/** From this size on, feedText keeps the heap small as it reads (heap.ts). */
const LARGE_TEXT = 1024 * 1024;

/** V8's young generation of a lint worker (its default grows to 48 MB: dead weight for a thread that streams). */
const WORKER_YOUNG_GENERATION_MB = 4;

/** What a worker needs to lint as this thread does: the run's Kubernetes version and rule settings (the rules are the registry's). */
export interface WorkerSettings {
  kubernetesVersion: string;
  settings: Array<[string, RuleSetting]>;
  /** Smallest file worth a worker (default PARALLEL_MIN_BYTES). */
  minBytes?: number;
}

/** The job a lint worker gets (structured clone). */
export interface WorkerJob extends WorkerSettings {
  filePath: string;
  /** The second half of the file, from a document boundary. */
  text: string;
  /** Characters and lines of the file before `text`. */
  offsetBase: number;
  lineBase: number;
  port: import('node:worker_threads').MessagePort;
  flag: Int32Array;
}

/**
 * Read `text` batch by batch into `file`; offsets start at `base`, document indexes at file.documents.
 * `afterBatch` runs after each batch (the worker sends what it read; the main thread takes it in).
 * A large text is read with the heap kept small (heap.ts).
 */
export function feedText(file: FileRun, source: ManifestSource, text: string, base: number, afterBatch?: () => void, heapSlack = HEAP_SLACK_BYTES): void {
  const large = text.length >= LARGE_TEXT;
  // documentBatches counts from the start of `text`; the file's count goes on from the documents before it.
  const shift = file.documents;
  for (const batch of documentBatches(text, base)) {
    if (shift) for (const d of batch) d.index += shift;
    const objects: ManifestObject[] = [];
    const problems: FileProblem[] = [];
    readDocuments(batch, source.rangeOf, objects, problems);
    file.problems(problems);
    file.objects(objects);
    file.countDocuments(batch.length);
    afterBatch?.();
    if (large) collectIfGrown(heapSlack);
  }
}

/** Lint one file's text in `run`; with `parallel`, a large file is shared with a worker thread. */
export function lintFileText(run: { file(source: ManifestSource): FileRun }, filePath: string, text: string, parallel?: WorkerSettings): void {
  const source = manifestSource(filePath, text);
  const file = run.file(source);
  const yaml = source.yamlText;
  const split = parallel && yaml.length >= (parallel.minBytes ?? PARALLEL_MIN_BYTES) && availableParallelism() >= 2 ? splitPoint(yaml) : 0;
  const worker = split > 0 ? startWorker({ ...parallel!, filePath, text: yaml.slice(split), offsetBase: split, lineBase: source.rangeOf([split, split]).line - 1 }) : undefined;
  if (!worker) {
    feedText(file, source, yaml, 0);
    return;
  }
  const t0 = performance.now();
  // Take in what the worker has sent so far after each batch, so that it does not pile up in the port.
  feedText(file, source, yaml.slice(0, split), 0, () => worker.poll(file));
  const summary = worker.wait(file, Math.max(10_000, 4 * (performance.now() - t0)));
  if (summary) file.settle(summary);
  else {
    file.dropReceived();
    feedText(file, source, yaml.slice(split), split);
  }
}

/** The document boundary nearest the middle, or 0 when there is none past the start. */
function splitPoint(text: string): number {
  const starts = documentStarts(text);
  if (starts.length < 2) return 0;
  const middle = text.length >> 1;
  let split = starts[1]!;
  for (const s of starts) if (Math.abs(s - middle) < Math.abs(split - middle)) split = s;
  return split;
}

/** The worker script: lint-worker.js beside this module (dist), or lint-worker.mjs (the bundle's chunks/). */
function workerUrl(): URL | undefined {
  for (const name of ['./lint-worker.js', './lint-worker.mjs', './chunks/lint-worker.mjs']) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === 'file:' && fs.existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Messages of a lint worker, in order: pieces, then a summary or an error. */
export type WorkerMessage = { piece: FilePiece } | { summary: SliceSummary } | { error: string };

interface LintWorker {
  /** Take in the pieces that have arrived. */
  poll(file: FileRun): void;
  /** Wait (at most `ms`) for the worker to finish; its summary, or undefined when it failed. */
  wait(file: FileRun, ms: number): SliceSummary | undefined;
}

function startWorker(job: Omit<WorkerJob, 'port' | 'flag'>): LintWorker | undefined {
  const url = workerUrl();
  if (!url) return undefined;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    // A worker keeps nothing from one batch to the next: a small young generation is enough.
    worker = new Worker(url, { workerData: { ...job, port: port2, flag }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    // The worker is a helper: it must not keep the process alive.
    worker.unref();
  } catch {
    return undefined;
  }
  let summary: SliceSummary | undefined;
  let failed = false;
  const poll = (file: FileRun) => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
      const msg = m.message as WorkerMessage;
      if ('piece' in msg) file.receive(msg.piece);
      else if ('summary' in msg) summary = msg.summary;
      else failed = true;
    }
  };
  return {
    poll,
    wait(file, ms) {
      // The worker sets the flag after posting its summary; one that takes far longer than this thread
      // took for its half (or died first) is given up on.
      const deadline = performance.now() + ms;
      while (Atomics.load(flag, 0) === 0 && performance.now() < deadline) {
        poll(file);
        Atomics.wait(flag, 0, 0, 20);
      }
      poll(file);
      port1.close();
      void worker.terminate();
      return failed ? undefined : summary;
    },
  };
}
