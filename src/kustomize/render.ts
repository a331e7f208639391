/**
 * The output of a build: kustomize's default order (api/builtins/LegacyOrderTransformer.go with the kind
 * order of api/resid/gvk.go) or the kustomization's sortOptions, printed as `kubectl kustomize` prints it
 * (keys sorted, documents separated by `---`, sequences not indented under their key).
 */
import { Document, Scalar, isScalar, visit } from 'yaml';
import { resIdOf, type ResId, type Resource } from './resource.js';
import type { Kustomization } from './kustomization.js';

/** api/resid/gvk.go orderFirst */
export const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
/** api/resid/gvk.go orderLast */
export const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function gvkString(id: ResId): string {
  return [id.group || '~G', id.version || '~V', id.kind || '~K'].join('_');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function legacyCompare(first: string[], last: string[]): (a: ResId, b: ResId) => number {
  const order = new Map<string, number>();
  first.forEach((k, i) => order.set(k, i - first.length));
  last.forEach((k, i) => order.set(k, i + 1));
  return (a, b) => {
    const ga = gvkString(a);
    const gb = gvkString(b);
    if (ga !== gb) {
      const ia = order.get(a.kind) ?? 0;
      const ib = order.get(b.kind) ?? 0;
      if (ia !== ib) return ia - ib;
      return cmp(ga, gb);
    }
    // api/resid/resid.go LegacySortString: namespace, then name.
    return cmp(`${a.namespace || '~X'}|${a.name || '~N'}`, `${b.namespace || '~X'}|${b.name || '~N'}`);
  };
}

/** kustomize's output order: legacy by default, FIFO when sortOptions says so. */
export function sortResources(resources: Resource[], k: Kustomization): Resource[] {
  const so = k.raw.sortOptions as Record<string, unknown> | undefined;
  if (so && so.order === 'fifo') return resources;
  const legacy = so && typeof so.legacySortOptions === 'object' && so.legacySortOptions ? (so.legacySortOptions as Record<string, unknown>) : undefined;
  const first = Array.isArray(legacy?.orderFirst) ? (legacy!.orderFirst as string[]) : ORDER_FIRST;
  const last = Array.isArray(legacy?.orderLast) ? (legacy!.orderLast as string[]) : ORDER_LAST;
  const compare = legacyCompare(first, last);
  return resources
    .map((r) => ({ r, id: resIdOf(r.object) }))
    .sort((x, y) => compare(x.id, y.id))
    .map((x) => x.r);
}

function sortKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(sortKeys);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort()) out[key] = sortKeys((v as Record<string, unknown>)[key]);
  return out;
}

/** One object as kubectl kustomize prints it. */
export function renderObject(value: unknown): string {
  const doc = new Document(sortKeys(value), { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    },
  });
  void isScalar;
  return doc.toString({ indentSeq: false, lineWidth: 0, minContentWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', doubleQuotedMinMultiLineLength: 1e9, nullStr: 'null' });
}

export function renderResources(resources: Resource[]): string {
  return resources.map((r) => renderObject(r.object)).join('---\n');
}
