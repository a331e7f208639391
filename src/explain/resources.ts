/**
 * Which resource a name given to `podlint explain` means, as kubectl's RESTMapper decides: a plural
 * resource name, a singular one (the kind in lower case, so a kind matches case-insensitively) or a
 * short name, optionally followed by `.group`; among several matches the preferred group and version.
 */
import type { OpenApiModel, ResourceInfo } from './openapi-data.js';

/**
 * Short names of the built-in resources: the ShortNames() of each resource's REST storage in
 * kube-apiserver (pkg/registry/<group>/<resource>/storage/storage.go). They are not in the OpenAPI.
 * Keyed by `group/resource` ('' for the core group).
 */
export const SHORT_NAMES: Readonly<Record<string, readonly string[]>> = {
  '/componentstatuses': ['cs'],
  '/configmaps': ['cm'],
  '/endpoints': ['ep'],
  '/events': ['ev'],
  '/limitranges': ['limits'],
  '/namespaces': ['ns'],
  '/nodes': ['no'],
  '/persistentvolumeclaims': ['pvc'],
  '/persistentvolumes': ['pv'],
  '/pods': ['po'],
  '/replicationcontrollers': ['rc'],
  '/resourcequotas': ['quota'],
  '/serviceaccounts': ['sa'],
  '/services': ['svc'],
  'apps/daemonsets': ['ds'],
  'apps/deployments': ['deploy'],
  'apps/replicasets': ['rs'],
  'apps/statefulsets': ['sts'],
  'autoscaling/horizontalpodautoscalers': ['hpa'],
  'batch/cronjobs': ['cj'],
  'certificates.k8s.io/certificatesigningrequests': ['csr'],
  'events.k8s.io/events': ['ev'],
  'networking.k8s.io/ingresses': ['ing'],
  'networking.k8s.io/networkpolicies': ['netpol'],
  'networking.k8s.io/ipaddresses': ['ip'],
  'policy/poddisruptionbudgets': ['pdb'],
  'scheduling.k8s.io/priorityclasses': ['pc'],
  'storage.k8s.io/storageclasses': ['sc'],
  'storage.k8s.io/volumeattributesclasses': ['vac'],
  'apiextensions.k8s.io/customresourcedefinitions': ['crd', 'crds'],
};

export function shortNamesOf(r: ResourceInfo): readonly string[] {
  return r.shortNames ?? SHORT_NAMES[`${r.group}/${r.resource}`] ?? [];
}

/** Every name that selects the resource: plural, singular (lower-case kind), short names. */
export function namesOf(r: ResourceInfo): string[] {
  return [r.resource, r.kind.toLowerCase(), ...shortNamesOf(r)];
}

export class UnknownResourceError extends Error {
  constructor(
    readonly input: string,
    readonly suggestions: readonly string[],
    message?: string,
  ) {
    super(message ?? `the server doesn't have a resource type "${input}"`);
    this.name = 'UnknownResourceError';
  }
}

export interface ResolvedRequest {
  resource: ResourceInfo;
  fieldPath: string[];
}

/** Split `pods.spec.containers` (or `deployments.apps.spec`) into a resource and a field path. */
export function resolveExplainRequest(model: OpenApiModel, input: string, apiVersion?: string): ResolvedRequest {
  const parts = input.split('.');
  const name = parts[0]!.toLowerCase();
  const candidates = model.resources.filter((r) => namesOf(r).includes(name));
  if (candidates.length === 0) {
    throw new UnknownResourceError(parts[0]!, suggest(parts[0]!.toLowerCase(), allResourceNames(model)));
  }
  let chosen = candidates[0]!;
  let fieldPath = parts.slice(1);
  // `resource.group.field…`: the longest group that prefixes the rest wins, as kubectl's
  // SplitAndParseResourceRequestWithMatchingPrefix does.
  let best = -1;
  for (const c of candidates) {
    if (!c.group) continue;
    const g = c.group.split('.');
    if (g.length > best && g.every((seg, i) => parts[i + 1] === seg)) {
      best = g.length;
      chosen = c;
      fieldPath = parts.slice(1 + g.length);
    }
  }
  if (apiVersion !== undefined) {
    const slash = apiVersion.indexOf('/');
    const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
    const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
    const match = model.resources.find((r) => r.resource === chosen.resource && r.group === group && r.version === version);
    if (!match) {
      const served = model.resources
        .filter((r) => r.resource === chosen.resource)
        .map((r) => (r.group ? `${r.group}/${r.version}` : r.version));
      throw new UnknownResourceError(input, served, `${chosen.resource} is not served in ${apiVersion} by Kubernetes ${model.kubernetesVersion}; it is served in: ${served.join(', ')}`);
    }
    chosen = match;
  }
  return { resource: chosen, fieldPath };
}

export function allResourceNames(model: OpenApiModel): string[] {
  const names = new Set<string>();
  for (const r of model.resources) for (const n of namesOf(r)) names.add(n);
  return [...names].sort();
}

/** Levenshtein distance (insert, delete, substitute, each 1). */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest names (at most `max`), best first; ties by name. Case-insensitive. */
export function suggest(input: string, names: readonly string[], max = 3): string[] {
  const lower = input.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  const scored = names
    .map((n) => {
      const l = n.toLowerCase();
      let d = editDistance(lower, l);
      if (l.startsWith(lower) || lower.startsWith(l)) d = Math.min(d, 1);
      return { n, d };
    })
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
  return scored.slice(0, max).map((x) => x.n);
}
