/**
 * `podlint explain -f`: lint a manifest text, then tell what each object will do (explain/narrative.ts
 * turns the objects and their findings into facts and words). Part of the API layer: explain does not
 * call lint itself.
 */
import { lintText } from './lint.js';
import { narrateManifest, type ManifestNarrative, type NarrativeOptions } from './explain/narrative.js';

/** The facts about every object of a manifest text, with the lint findings. Deterministic. */
export async function explainManifest(text: string, filePath: string, options: NarrativeOptions): Promise<ManifestNarrative> {
  const result = await lintText(text, filePath, { kubernetesVersion: options.kubernetesVersion });
  return narrateManifest(text, filePath, result);
}
