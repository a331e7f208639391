/**
 * Large files are parsed on two threads: a worker parses the second half (from a document boundary)
 * while this thread parses the first; the worker's documents come back by structured clone. The
 * result is identical to parseYaml's (tested); any failure of the worker falls back to parsing here.
 * Synchronous: the main thread waits with Atomics.wait and takes the message with receiveMessageOnPort.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { LineIndex } from './lines.js';
import { documentStarts, parseDocuments, parseYaml, type ParsedYaml, type YamlDocument } from './yaml.js';

/** Below this size a second thread costs more (its start-up, the copy back) than it saves. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

/** The worker script: parse-worker.js beside this module (dist), or parse-worker.mjs (the bundle). */
function workerUrl(): URL | undefined {
  for (const name of ['./parse-worker.js', './parse-worker.mjs']) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === 'file:' && fs.existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

export function parseYamlParallel(text: string, options: { minBytes?: number } = {}): ParsedYaml {
  if (text.length < (options.minBytes ?? PARALLEL_MIN_BYTES) || availableParallelism() < 2) return parseYaml(text);
  const url = workerUrl();
  if (!url) return parseYaml(text);
  const starts = documentStarts(text);
  if (starts.length < 2) return parseYaml(text);
  // The document boundary nearest the middle.
  const middle = text.length >> 1;
  let split = starts[1]!;
  for (const s of starts) if (Math.abs(s - middle) < Math.abs(split - middle)) split = s;
  if (split <= 0) return parseYaml(text);

  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    // The worker is a helper: it must not keep the process alive.
    worker = new Worker(url, { workerData: { text: text.slice(split), base: split, port: port2, flag }, transferList: [port2] });
    worker.unref();
  } catch {
    return parseYaml(text);
  }
  const t0 = performance.now();
  const first = parseDocuments(text.slice(0, split), 0);
  let second: YamlDocument[] | undefined;
  // Wait for the worker, which sets the flag after posting. Its half is about the size of ours: a
  // worker that takes far longer than we did (or died before setting the flag) is given up on.
  const deadline = performance.now() + Math.max(10_000, 4 * (performance.now() - t0));
  while (Atomics.load(flag, 0) === 0 && performance.now() < deadline) Atomics.wait(flag, 0, 0, 100);
  const msg = receiveMessageOnPort(port1)?.message as { documents?: YamlDocument[]; error?: string } | undefined;
  port1.close();
  void worker.terminate();
  second = msg?.documents;
  const threads = second ? 2 : 1;
  if (!second) second = parseDocuments(text.slice(split), split);
  const documents = first.concat(second);
  for (let i = 0; i < documents.length; i++) documents[i]!.index = i;
  return { text, lines: new LineIndex(text), documents, threads };
}
