/** podlint's in-process kustomize (src/kustomize/build.ts) as the project planner uses it. */
import { buildKustomization, isKustomizationRoot } from '../kustomize/build.js';
import type { Kustomize } from './plan.js';

export const kustomize: Kustomize = {
  build: (dir, host) => buildKustomization(dir, host),
  isRoot: (dir, host) => isKustomizationRoot(dir, host),
};
