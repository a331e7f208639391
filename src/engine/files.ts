/**
 * A file's text into a lint run, a batch of documents at a time, so that only the batch being linted
 * is in memory: the run keeps findings and, for the cross-object rules, the few fields they read.
 */
import { manifestSource, readDocuments, type FileProblem, type ManifestObject, type ManifestSource } from '../source/manifests.js';
import { documentBatches } from '../source/yaml.js';
import type { FileOptions, FileRun } from './run.js';

/** Lint one file's text in `run`, batch by batch. */
export function lintFileText(run: { file(source: ManifestSource, options?: FileOptions): FileRun }, filePath: string, text: string, options?: FileOptions): void {
  const source = manifestSource(filePath, text);
  const file = run.file(source, options);
  for (const batch of documentBatches(source.yamlText, 0)) {
    const objects: ManifestObject[] = [];
    const problems: FileProblem[] = [];
    readDocuments(batch, source.rangeOf, objects, problems);
    file.problems(problems);
    file.objects(objects);
  }
}
