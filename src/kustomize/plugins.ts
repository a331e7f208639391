/**
 * kustomize's built-in plugins configured by hand: the `generators:` and `transformers:` fields list
 * plugin configs (inline YAML, files, or kustomizations of them) whose kind names a built-in
 * (api/internal/plugins/builtinhelpers/builtinplugintype.go): ConfigMapGenerator, SecretGenerator,
 * NamespaceTransformer, PrefixSuffixTransformer, PrefixTransformer, SuffixTransformer, LabelTransformer,
 * AnnotationsTransformer, ImageTagTransformer, ReplicaCountTransformer, PatchTransformer,
 * PatchStrategicMergeTransformer, PatchJson6902Transformer and ReplacementTransformer. Unlike the
 * kustomization fields, a config gets no default field specs: it touches the fields it lists.
 * Anything else (exec and container plugins, KRM functions) would run a program: podlint does not.
 */
import { posix } from 'node:path';
import type { K8sObject } from '../types.js';
import { originOf, selfOrigin, type FieldOrigin, type Origin } from './origin.js';
import { KustomizeError, type Resource } from './resource.js';
import { fieldSpecFrom, type FieldSpec } from './fieldspecs.js';
import { listField, stringField, stringMap, type Entry, type Kustomization } from './kustomization.js';
import { transformImages, transformMapEntries, transformNamespace, transformPrefixSuffix, transformReplicas } from './transformers.js';
import { applyPatches, applyReplacementsStep, inlineText, parsePatch, type PatchStep } from './patches.js';
import type { FileCache } from './files.js';
import { isRecord } from '../k8s/podspec.js';

export interface PluginConfig {
  object: K8sObject;
  origin: Origin;
}

export interface PluginContext {
  files: FileCache;
  /** The objects of a directory entry (a kustomization of plugin configs). */
  directory(abs: string, at: Origin): Resource[];
  /** A plugin podlint does not run. */
  notRun(message: string, origin: Origin): void;
}


/** The plugin configs a `generators:` or `transformers:` field lists (api/internal/target/kusttarget.go configureExternalTransformers). */
export function pluginConfigs(pc: PluginContext, k: Kustomization, field: 'generators' | 'transformers'): PluginConfig[] {
  const out: PluginConfig[] = [];
  for (const e of listField(k, field)) {
    if (typeof e.value !== 'string') throw new KustomizeError(`invalid Kustomization: a ${field} entry must be a string`, e.origin);
    let inline: unknown[] = [];
    try {
      inline = parsePatch(inlineText(pc.files, k, e.value, e.fieldOrigin), e.origin);
    } catch {
      inline = [];
    }
    if (inline.length > 0 && inline.every((d) => isRecord(d) && typeof d.kind === 'string')) {
      for (const d of inline) out.push({ object: d as K8sObject, origin: selfOrigin(d as object)?.value ?? e.origin });
      continue;
    }
    const abs = posix.resolve(k.dir, e.value);
    if (pc.files.host.isDirectory(abs)) {
      for (const r of pc.directory(abs, e.origin)) out.push({ object: r.object, origin: selfOrigin(r.object)?.value ?? e.origin });
      continue;
    }
    const got = pc.files.values(abs);
    if (!got) throw new KustomizeError(`accumulating resources from '${e.value}': evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`, e.origin);
    for (const v of got.values) if (isRecord(v)) out.push({ object: v as K8sObject, origin: selfOrigin(v)?.value ?? e.origin });
  }
  return out;
}

function specsOf(c: Record<string, unknown>): FieldSpec[] {
  return Array.isArray(c.fieldSpecs) ? (c.fieldSpecs as unknown[]).map(fieldSpecFrom).filter((s): s is FieldSpec => s !== undefined) : [];
}

function fo(parent: unknown, key: string, fallback: Origin): FieldOrigin {
  return (isRecord(parent) && originOf(parent, key)) || { value: fallback };
}

/** A generator config as a configMapGenerator / secretGenerator entry (name and namespace from its metadata). */
export function generatorEntry(c: PluginConfig): { kind: 'ConfigMap' | 'Secret'; entry: Record<string, unknown> } | undefined {
  const kind = c.object.kind === 'ConfigMapGenerator' ? 'ConfigMap' : c.object.kind === 'SecretGenerator' ? 'Secret' : undefined;
  if (!kind) return undefined;
  const entry: Record<string, unknown> = { ...(c.object as Record<string, unknown>) };
  delete entry.apiVersion;
  delete entry.kind;
  delete entry.metadata;
  const md = isRecord(c.object.metadata) ? (c.object.metadata as Record<string, unknown>) : {};
  if (md.name !== undefined) entry.name = md.name;
  if (md.namespace !== undefined) entry.namespace = md.namespace;
  return { kind, entry };
}

/** Run one transformer config. */
export function runTransformerConfig(step: PatchStep, c: PluginConfig, notRun: PluginContext['notRun']): void {
  const k = step.k;
  const cfg = c.object as Record<string, unknown>;
  const at = c.origin;
  const str = (parent: Record<string, unknown>, f: string) => stringField(k, parent, f)?.value ?? '';
  switch (c.object.kind) {
    case 'NamespaceTransformer': {
      const md = isRecord(cfg.metadata) ? cfg.metadata : {};
      const subjects = (str(cfg, 'setRoleBindingSubjects') || 'defaultOnly') as 'defaultOnly';
      transformNamespace(step.resources, str(md, 'namespace'), specsOf(cfg), fo(md, 'namespace', at), { unsetOnly: cfg.unsetOnly === true, subjects });
      return;
    }
    case 'PrefixSuffixTransformer':
    case 'PrefixTransformer':
    case 'SuffixTransformer': {
      if (c.object.kind !== 'SuffixTransformer') transformPrefixSuffix(step.resources, 'prefix', str(cfg, 'prefix'), specsOf(cfg), fo(cfg, 'prefix', at));
      if (c.object.kind !== 'PrefixTransformer') transformPrefixSuffix(step.resources, 'suffix', str(cfg, 'suffix'), specsOf(cfg), fo(cfg, 'suffix', at));
      return;
    }
    case 'LabelTransformer':
    case 'AnnotationsTransformer': {
      const field = c.object.kind === 'LabelTransformer' ? 'labels' : 'annotations';
      transformMapEntries(step.resources, stringMap(k, cfg, field), specsOf(cfg));
      return;
    }
    case 'ImageTagTransformer': {
      const im = isRecord(cfg.imageTag) ? cfg.imageTag : {};
      const setBy = originOf(im, 'newTag') ?? originOf(im, 'digest') ?? originOf(im, 'newName') ?? { value: at };
      transformImages(step.resources, { name: str(im, 'name'), newName: str(im, 'newName') || undefined, newTag: str(im, 'newTag') || undefined, digest: str(im, 'digest') || undefined, origin: setBy }, specsOf(cfg));
      return;
    }
    case 'ReplicaCountTransformer': {
      const r = isRecord(cfg.replica) ? cfg.replica : {};
      if (typeof r.count !== 'number') throw new KustomizeError(`ReplicaCountTransformer: replica.count must be a number`, at);
      transformReplicas(step.resources, str(r, 'name'), r.count, specsOf(cfg), fo(r, 'count', at));
      return;
    }
    case 'PatchTransformer':
      applyPatches(step, 'patches', [{ value: cfg, origin: at }]);
      return;
    case 'PatchJson6902Transformer': {
      const entry: Record<string, unknown> = { target: cfg.target };
      if (cfg.path !== undefined) entry.path = cfg.path;
      if (cfg.jsonOp !== undefined) entry.patch = cfg.jsonOp;
      applyPatches(step, 'patchesJson6902', [{ value: entry, origin: at }]);
      return;
    }
    case 'PatchStrategicMergeTransformer': {
      const entries: Entry[] = [];
      if (Array.isArray(cfg.paths)) (cfg.paths as unknown[]).forEach((p, i) => entries.push({ value: p, origin: fo(cfg.paths, String(i), at).value, fieldOrigin: originOf(cfg.paths as unknown[], i) }));
      if (typeof cfg.patches === 'string') entries.push({ value: cfg.patches, origin: fo(cfg, 'patches', at).value, fieldOrigin: originOf(cfg, 'patches') });
      applyPatches(step, 'patchesStrategicMerge', entries);
      return;
    }
    case 'ReplacementTransformer': {
      const list = Array.isArray(cfg.replacements) ? (cfg.replacements as unknown[]) : [];
      applyReplacementsStep(step, list.map((value, i) => ({ value, origin: fo(list, String(i), at).value })));
      return;
    }
    default:
      notRun(`${c.object.kind ?? 'a plugin'} ${c.object.metadata?.name ?? ''} was not run: podlint runs only kustomize's built-in plugins, never a program, so the build leaves it out`.replace('  ', ' '), at);
  }
}
