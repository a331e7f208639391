/**
 * Worker thread of parallel.ts: parses a slice of a large file (which starts at a document boundary)
 * and sends back its documents, then wakes the main thread that waits for them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDocuments } from './yaml.js';

interface Job {
  text: string;
  base: number;
  port: import('node:worker_threads').MessagePort;
  flag: Int32Array;
}

const job = workerData as Job | null;
if (job?.port) {
  try {
    job.port.postMessage({ documents: parseDocuments(job.text, job.base) });
  } catch (err) {
    job.port.postMessage({ error: (err as Error)?.message ?? String(err) });
  }
  Atomics.store(job.flag, 0, 1);
  Atomics.notify(job.flag, 0);
  parentPort?.close();
}
