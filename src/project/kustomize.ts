/**
 * podlint's in-process kustomize (src/kustomize/build.ts) as the project planner uses it, loaded on
 * demand: the build is half of a lint's code, and most runs (one file, a pre-commit hook, a folder of
 * rendered manifests) meet no kustomization. prepareLintInputs (src/lint.ts) loads it when the inputs may
 * meet one; a kustomization directory is recognised without it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileHost } from './host.js';
import type { Kustomize } from './plan.js';
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/names.js';

let engine: typeof import('../kustomize/build.js') | undefined;

/** Load the build (once) when a run over these files may build a kustomization (see mayMeetKustomization). */
export async function loadKustomizeFor(files: readonly string[]): Promise<void> {
  if (!engine && mayMeetKustomization(files)) engine = await import('../kustomize/build.js');
}

export const kustomize: Kustomize = {
  build(dir, host) {
    if (!engine) throw new Error('the kustomize build is not loaded: await prepareLintInputs() before lintInputs()');
    return engine.buildKustomization(dir, host);
  },
  isRoot(dir, host) {
    if (engine) return engine.isKustomizationRoot(dir, host);
    // The build's own test (kustomization.ts findKustomizationFile, over the same names) without loading it.
    return KUSTOMIZATION_FILE_NAMES.map((n) => path.join(path.resolve(dir), n)).find((p) => !host.isDirectory(p) && host.readFile(p) !== undefined);
  },
};

/**
 * Whether a run over these files may build a kustomization: one of them is a kustomization file, or one
 * sits in or below a directory that holds one (a file named on its own is linted through the
 * kustomization above it). Checks each directory once, from the files up to the file-system root.
 */
export function mayMeetKustomization(files: readonly string[]): boolean {
  const checked = new Set<string>();
  for (const f of files) {
    if (KUSTOMIZATION_FILE_NAMES.includes(path.basename(f))) return true;
    for (let d = path.dirname(path.resolve(f)); !checked.has(d); d = path.dirname(d)) {
      checked.add(d);
      if (KUSTOMIZATION_FILE_NAMES.some((n) => isFile(path.join(d, n)))) return true;
      if (path.dirname(d) === d) break;
    }
  }
  return false;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export type { FileHost };
