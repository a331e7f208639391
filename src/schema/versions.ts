/** The Kubernetes versions whose schemas podlint bundles (schemas/validation-v1.NN.jsonl.gz). */
import type { KubernetesVersion } from '../engine/rule.js';

/** Oldest and newest bundled minor versions; scripts/gen-schemas.mjs generates the same range. */
const FIRST_MINOR = 28;
const LAST_MINOR = 36;

export const KUBERNETES_VERSIONS: readonly string[] = Array.from(
  { length: LAST_MINOR - FIRST_MINOR + 1 },
  (_, i) => `1.${FIRST_MINOR + i}`,
);

export const DEFAULT_KUBERNETES_VERSION = `1.${LAST_MINOR}`;

const VERSION_SYNTAX = /^v?1\.(0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))?$/;

/** '1.30', 'v1.30' or '1.30.2' → the bundled version 1.30; undefined when it is malformed or not bundled. */
export function parseKubernetesVersion(input: string): KubernetesVersion | undefined {
  const m = VERSION_SYNTAX.exec(input.trim());
  if (!m) return undefined;
  const minor = Number(m[1]);
  if (minor < FIRST_MINOR || minor > LAST_MINOR) return undefined;
  return kubernetesVersion(minor);
}

const instances = new Map<number, KubernetesVersion>();

/** One shared instance per minor version, so two parses of the same version compare equal. */
function kubernetesVersion(minor: number): KubernetesVersion {
  let v = instances.get(minor);
  if (!v) {
    v = { name: `1.${minor}`, minor, atLeast: (other: number) => minor >= other };
    instances.set(minor, v);
  }
  return v;
}
