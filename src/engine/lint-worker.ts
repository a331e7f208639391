/**
 * Worker thread of files.ts: reads and lints the second half of a large file (from a document
 * boundary) with the run's version and settings, sends back its part, then wakes the main thread.
 */
import { workerData } from 'node:worker_threads';
import { createLintRun } from './run.js';
import { allRules } from './registry.js';
import { feedText, type WorkerJob, type WorkerMessage } from './files.js';
import { WORKER_HEAP_SLACK_BYTES } from './heap.js';
import { manifestSource } from '../source/manifests.js';
import { LineIndex } from '../source/lines.js';
import { validateObject, kindStatus } from '../schema/validate.js';
import { parseKubernetesVersion } from '../schema/versions.js';

const job = workerData as WorkerJob | null;
if (job?.port) {
  try {
    const version = parseKubernetesVersion(job.kubernetesVersion);
    if (!version) throw new Error(`unsupported Kubernetes version ${job.kubernetesVersion}`);
    const run = createLintRun({ kubernetesVersion: version, rules: allRules(), settings: new Map(job.settings), validate: validateObject, kindStatus });
    const source = manifestSource(job.filePath, job.text, new LineIndex(job.text), { offset: job.offsetBase, line: job.lineBase });
    const file = run.file(source);
    const post = (m: WorkerMessage) => job.port.postMessage(m);
    feedText(file, source, job.text, job.offsetBase, () => post({ piece: file.take() }), WORKER_HEAP_SLACK_BYTES);
    post({ summary: file.summary() });
  } catch (err) {
    job.port.postMessage({ error: (err as Error)?.message ?? String(err) } satisfies WorkerMessage);
  }
  Atomics.store(job.flag, 0, 1);
  Atomics.notify(job.flag, 0);
  job.port.close();
}
