/**
 * kustomize's built-in transformers that a kustomization configures with one field (api/builtins,
 * api/filters/*): namespace, namePrefix/nameSuffix, labels/commonLabels, commonAnnotations, images and
 * replicas. Each one records, for every value it writes, the kustomization.yaml entry that set it.
 */
import type { K8sObject } from '../types.js';
import { setOrigin, stampOrigin, originOf, type FieldOrigin } from './origin.js';
import { KustomizeError, resIdOf, type ResId, type Resource } from './resource.js';
import { gvkSelected, idsEqual, idString, isClusterScoped, walkFieldSpec, type FieldSpec } from './fieldspecs.js';

/** The id a resource had first (kustomize's OrgId). */
export function orgId(r: Resource): ResId {
  return r.previousIds[0] ?? resIdOf(r.object);
}

/** Remember the current id before a transformer changes it (kustomize's StorePreviousId). */
export function storePreviousId(r: Resource): void {
  r.previousIds.push(resIdOf(r.object));
}

function metadata(obj: K8sObject, origin: FieldOrigin): Record<string, unknown> {
  if (!obj.metadata || typeof obj.metadata !== 'object') {
    (obj as Record<string, unknown>).metadata = {};
    stampOrigin(obj.metadata, origin);
  }
  return obj.metadata as Record<string, unknown>;
}

/** Set `parent[key]` to a value written by a transformer at `origin`. */
function writeValue(parent: Record<string, unknown>, key: string, value: unknown, origin: FieldOrigin): void {
  parent[key] = value;
  if (value !== null && typeof value === 'object') stampOrigin(value, origin);
  else setOrigin(parent, key, origin);
}

/** A leaf created by a walk gets the transformer's origin. */
function created(origin: FieldOrigin): () => unknown {
  return () => {
    const m = {};
    stampOrigin(m, origin);
    return m;
  };
}

/** api/builtins/NamespaceTransformer.go with api/filters/namespace. */
export interface NamespaceOptions {
  /** Only empty namespace fields are set (the plugin's unsetOnly). */
  unsetOnly?: boolean;
  /** Which role binding subjects get the namespace (the plugin's setRoleBindingSubjects; kustomization: defaultOnly). */
  subjects?: 'defaultOnly' | 'allServiceAccounts' | 'none';
}

export function transformNamespace(resources: Resource[], namespace: string, specs: FieldSpec[], origin: FieldOrigin, options: NamespaceOptions = {}): void {
  if (!namespace) return;
  const mode = options.subjects ?? 'defaultOnly';
  if (!['defaultOnly', 'allServiceAccounts', 'none'].includes(mode)) throw new KustomizeError(`invalid value "${mode}" for setRoleBindingSubjects: must be one of "defaultOnly", "none" or "allServiceAccounts"`, origin.value);
  const write = (parent: Record<string, unknown>, key: string, value: unknown, o: FieldOrigin) => {
    if (options.unsetOnly && typeof parent[key] === 'string' && parent[key] !== '') return;
    writeValue(parent, key, value, o);
  };
  for (const r of resources) {
    if (!r.object || Object.keys(r.object).length === 0) continue;
    storePreviousId(r);
    const id = resIdOf(r.object);
    const obj = r.object;
    if (!isClusterScoped(id)) write(metadata(obj, origin), 'namespace', namespace, origin);
    const isRb = id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding';
    if (isRb && Array.isArray(obj.subjects)) {
      for (const s of obj.subjects as unknown[]) {
        if (!s || typeof s !== 'object') continue;
        const subject = s as Record<string, unknown>;
        if ((mode === 'defaultOnly' && subject.name === 'default') || (mode === 'allServiceAccounts' && subject.kind === 'ServiceAccount')) write(subject, 'namespace', namespace, origin);
      }
    }
    for (const spec of specs) {
      if (spec.path === 'metadata/namespace') continue;
      if (spec.path === 'metadata/name' && obj.apiVersion !== 'v1') continue;
      if (isRb && (spec.kind === 'RoleBinding' || spec.kind === 'ClusterRoleBinding') && /^subjects(\[\])?\/namespace$/.test(spec.path)) continue;
      if (!gvkSelected(id, spec)) continue;
      walkFieldSpec(obj, spec, () => '', (parent, key) => {
        const v = parent[key];
        if (v !== null && typeof v === 'object') throw new KustomizeError(`namespace field specs must target scalar nodes`);
        write(parent, key, namespace, origin);
      });
    }
  }
  for (const r of resources) {
    const cur = resIdOf(r.object);
    if (resources.filter((o) => idsEqual(resIdOf(o.object), cur)).length !== 1) throw new KustomizeError(`namespace transformation produces ID conflict: ${idString(cur)}`, origin.value);
  }
}

/** Kinds whose names kustomize never prefixes or suffixes (api/builtins/PrefixTransformer.go prefixFieldSpecsToSkip). */
const SKIP_RENAME = [{ kind: 'CustomResourceDefinition' }, { group: 'apiregistration.k8s.io', kind: 'APIService' }, { kind: 'Namespace' }];

/** api/builtins/PrefixTransformer.go and SuffixTransformer.go. */
export function transformPrefixSuffix(resources: Resource[], which: 'prefix' | 'suffix', affix: string, specs: FieldSpec[], origin: FieldOrigin | undefined): void {
  for (const r of resources) {
    const id = orgId(r);
    if (SKIP_RENAME.some((s) => gvkSelected(id, s))) continue;
    for (const spec of specs) {
      if (!gvkSelected(id, spec)) continue;
      if (spec.path === 'metadata/name') {
        if (affix !== '') {
          const list = which === 'prefix' ? (r.prefixes ??= []) : (r.suffixes ??= []);
          list.push(affix);
          storePreviousId(r);
        }
      }
      if (!affix) continue;
      const cur = resIdOf(r.object);
      if (!gvkSelected(cur, spec)) continue;
      walkFieldSpec(r.object, spec, undefined, (parent, key) => {
        const v = parent[key];
        if (typeof v !== 'string') return;
        parent[key] = which === 'prefix' ? affix + v : v + affix;
        // The name keeps pointing where it was written; the prefix is the kustomization's.
        if (origin && !originOf(parent, key)) setOrigin(parent, key, origin);
      });
    }
  }
}

export interface Pair {
  key: string;
  value: string;
  origin: FieldOrigin;
}

/** api/builtins/LabelTransformer.go and AnnotationsTransformer.go with api/filters/labels, annotations. */
export function transformMapEntries(resources: Resource[], pairs: Pair[], specs: FieldSpec[]): void {
  if (pairs.length === 0) return;
  for (const r of resources) {
    const id = resIdOf(r.object);
    for (const spec of specs) {
      if (!gvkSelected(id, spec)) continue;
      walkFieldSpec(r.object, spec, created(pairs[0]!.origin), (parent, key) => {
        const m = parent[key];
        if (m === null || typeof m !== 'object' || Array.isArray(m)) return;
        for (const p of pairs) writeValue(m as Record<string, unknown>, p.key, p.value, p.origin);
      });
    }
  }
}

export interface ImageSetting {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  origin: FieldOrigin;
}

/** api/image/image.go IsImageMatched. */
export function imageMatches(image: string, name: string): boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
  } catch {
    return false;
  }
  return re.test(image);
}

/** api/image/image.go Split: name, tag and digest of an image reference. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let search = image;
  let slash = image.indexOf('/');
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: image, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: '', digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: '' };
}

function newImage(value: string, s: ImageSetting): string | undefined {
  if (!imageMatches(value, s.name)) return undefined;
  let { name, tag, digest } = splitImage(value);
  if (s.newName) name = s.newName;
  if (s.newTag && s.digest) {
    tag = s.newTag;
    digest = s.digest;
  } else if (s.newTag) {
    tag = s.newTag;
    digest = '';
  } else if (s.digest) {
    tag = '';
    digest = s.digest;
  }
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

/** api/builtins/ImageTagTransformer.go: every `containers`/`initContainers` item anywhere (the legacy filter), then the field specs. */
export function transformImages(resources: Resource[], setting: ImageSetting, specs: FieldSpec[]): void {
  const update = (parent: Record<string, unknown>, key: string) => {
    const v = parent[key];
    if (typeof v !== 'string') return;
    const next = newImage(v, setting);
    if (next !== undefined) writeValue(parent, key, next, setting.origin);
  };
  const legacy = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) legacy(n);
      return;
    }
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
        for (const c of v) if (c && typeof c === 'object' && !Array.isArray(c) && typeof (c as Record<string, unknown>).image === 'string') update(c as Record<string, unknown>, 'image');
      } else legacy(v);
    }
  };
  for (const r of resources) {
    legacy(r.object);
    const id = resIdOf(r.object);
    for (const spec of specs) {
      if (!gvkSelected(id, spec)) continue;
      walkFieldSpec(r.object, spec, undefined, update);
    }
  }
}

/** api/builtins/ReplicaCountTransformer.go */
export function transformReplicas(resources: Resource[], name: string, count: number, specs: FieldSpec[], origin: FieldOrigin): void {
  let found = false;
  for (const spec of specs) {
    const matched = resources.filter((r) => [resIdOf(r.object), ...r.previousIds].some((id) => id.name === name && gvkSelected(id, spec)));
    if (matched.length === 0) continue;
    found = true;
    for (const r of matched) {
      if (!gvkSelected(resIdOf(r.object), spec)) continue;
      walkFieldSpec(r.object, spec, () => 0, (parent, key) => writeValue(parent, key, count, origin));
    }
  }
  if (!found) {
    const gvks = specs.map((s) => [s.group || '~G', s.version || '~V', s.kind || '~K'].join('_'));
    throw new KustomizeError(`resource with name ${name} does not match a config with the following GVK [${gvks.join(' ')}]`, origin.value);
  }
}
