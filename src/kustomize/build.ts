/**
 * A kustomize build, in-process (kustomize v5's api/krusty and api/internal/target/kusttarget.go): a
 * kustomization's resources, bases and components are accumulated, its generators and transformers run,
 * and at the top the hash suffixes are added, name references fixed, vars resolved and the result sorted.
 * Every field of a built object keeps the file, line and column its value came from (origin.ts).
 *
 * Nothing here opens a network connection or runs a program: remote resources and helmCharts are left
 * out with an info problem, and the rest of the build goes on.
 */
import { posix } from 'node:path';
import type { K8sObject } from '../types.js';
import { originOf, selfOrigin, setOrigin, setSelfOrigin, type FieldOrigin, type Origin } from './origin.js';
import { KustomizeError, resIdOf, type ResId, type Resource } from './resource.js';
import { FileCache, fileOrigin, nodeHost, type BuildHost } from './files.js';
import { findKustomizationFile, listField, loadKustomization, stringField, stringList, stringMap, type Kustomization, COMPONENT_KIND } from './kustomization.js';
import { defaultTransformerConfig, fieldSpecFrom, idsEqual, idString, mergeConfig, mergeSpecs, type FieldSpec, type NameBackReference, type TransformerConfig } from './fieldspecs.js';
import { transformImages, transformMapEntries, transformNamespace, transformPrefixSuffix, transformReplicas, storePreviousId, type Pair } from './transformers.js';
import { contentHash, generate } from './generators.js';
import { fixNameReferences } from './nameref.js';
import { applyPatches, applyReplacementsStep, resolveVars, type PatchStep } from './patches.js';
import { sortResources, renderResources } from './render.js';
import { generatorEntry, pluginConfigs, runTransformerConfig, type PluginContext } from './plugins.js';

export type { BuildHost } from './files.js';

export interface BuildProblem {
  severity: 'error' | 'info';
  /** 'kustomize' = kustomize would refuse the build; 'not-fetched' = a remote resource or helmCharts entry was not fetched */
  kind: 'kustomize' | 'not-fetched';
  message: string;
  origin: Origin;
}

export interface BuildResult {
  /** Absolute directory of the kustomization. */
  root: string;
  /** Absolute path of its kustomization file. */
  kustomizationFile: string;
  /** The built objects, in kustomize's output order. */
  resources: Resource[];
  problems: BuildProblem[];
  /** Absolute paths of every file the build read (kustomization files, resources, patches, generator inputs). */
  filesRead: string[];
  /** Absolute directories of every other kustomization this one uses (resources, bases, components), transitively. */
  kustomizationsUsed: string[];
}

/** The kustomization file of a directory (kustomization.yaml, kustomization.yml or Kustomization), if it is a kustomize root. */
export function isKustomizationRoot(dir: string, host: BuildHost = nodeHost): string | undefined {
  try {
    return findKustomizationFile(posix.resolve(dir), new FileCache(host));
  } catch {
    return posix.join(posix.resolve(dir), 'kustomization.yaml');
  }
}

/** What accumulating a kustomization gathers (kustomize's ResAccumulator). */
interface Accumulator {
  resources: Resource[];
  config: TransformerConfig;
  vars: unknown[];
}

interface Context {
  files: FileCache;
  problems: BuildProblem[];
  used: Set<string>;
  /** Kustomizations being built, to stop a cycle. */
  stack: string[];
  /** Remote resources left out so far: the build is incomplete. */
  notFetched: number;
}

/** A remote resource kustomize would fetch (a URL or a git repository spec, api/internal/git/repospec.go). */
export function isRemote(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || /^git@/.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)[/:]/.test(path) || /\?(ref|version|timeout|submodules)=/.test(path) || /\/\/_git\//.test(path);
}

/** kustomize's LoadRestrictionsRootOnly: a file a kustomization reads must be inside its directory. */
function checkRestriction(k: Kustomization, abs: string, at: Origin): void {
  const rel = posix.relative(k.dir, abs);
  if (rel.startsWith('..') || posix.isAbsolute(rel)) throw new KustomizeError(`security; file '${abs}' is not in or below '${k.dir}'`, at);
}

/** kustomize's error for a path that is neither a file nor a kustomization directory (api/internal/target/kusttarget.go accumulateResources). */
function missingPathMessage(entry: string, abs: string): string {
  const lstat = `evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`;
  return `accumulating resources: accumulation err='accumulating resources from '${entry}': ${lstat}': must build at directory: not a valid directory: ${lstat}`;
}

/** The resources a file holds (api/resource/factory.go SliceFromBytes: documents, `kind: List` items expanded). */
function resourcesFromFile(ctx: Context, abs: string, entry: string, at: Origin): Resource[] {
  const got = ctx.files.values(abs)!;
  const out: Resource[] = [];
  got.file.documents.forEach((doc, i) => {
    if (doc.fatal) throw new KustomizeError(`accumulating resources from '${entry}': ${abs}: ${doc.fatal.message}`, { filePath: abs, ...got.file.source.rangeOf([doc.fatal.offset, doc.fatal.endOffset]) });
    const v = got.values[i];
    if (v === undefined || v === null) return;
    const push = (o: unknown, where: Origin) => {
      if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new KustomizeError(`accumulating resources from '${entry}': ${abs}: the document is not a mapping`, where);
      const obj = o as K8sObject;
      if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
        (obj.items as unknown[]).forEach((item, j) => push(item, originOf(obj.items as unknown[], j)?.value ?? where));
        return;
      }
      if (Object.keys(obj).length === 0) return;
      if (typeof obj.kind !== 'string' || obj.kind === '') throw new KustomizeError(`accumulating resources from '${entry}': missing Resource metadata`, where);
      if (obj.kind === 'Kustomization' || obj.kind === COMPONENT_KIND) throw new KustomizeError(`accumulating resources from '${entry}': '${abs}' is a kustomization file, not a resource: list its directory instead`, where);
      out.push({ object: obj, previousIds: [] });
    };
    push(v, { filePath: abs, ...got.file.source.rangeOf(doc.span) });
  });
  return out;
}

function append(acc: Accumulator, more: Resource[], at: Origin): void {
  for (const r of more) {
    const id = resIdOf(r.object);
    if (acc.resources.some((o) => idsEqual(resIdOf(o.object), id))) throw new KustomizeError(`may not add resource with an already registered id: ${idString(id)}`, at);
    acc.resources.push(r);
  }
}

function emptyAccumulator(): Accumulator {
  return { resources: [], config: defaultTransformerConfig(), vars: [] };
}

/** A directory entry (resources, bases, components): the kustomization there, built into `acc` (a component) or into a new accumulator merged into it. */
function accumulateDirectory(ctx: Context, acc: Accumulator, dir: string, component: boolean, at: Origin, entry = dir): void {
  if (ctx.stack.includes(dir)) throw new KustomizeError(`cycle detected: kustomization '${dir}' includes itself`, at);
  const sub = loadKustomization(dir, ctx.files, at);
  ctx.used.add(dir);
  if (component && sub.kind !== COMPONENT_KIND) throw new KustomizeError(`expected kind '${COMPONENT_KIND}' for path '${dir}' but got '${sub.kind}'`, at);
  if (!component && sub.kind === COMPONENT_KIND) throw new KustomizeError(`expected kind != '${COMPONENT_KIND}' for path '${dir}'`, at);
  ctx.stack.push(dir);
  try {
    if (component) {
      try {
        accumulateTarget(ctx, sub, acc);
      } catch (err) {
        // kusttarget.go accumulateComponents / accumulateDirectory wrap what went wrong inside; it stays located where it happened.
        if (!(err instanceof KustomizeError)) throw err;
        throw new KustomizeError(`accumulating components: accumulateDirectory: ${JSON.stringify(`recursed accumulation of path '${dir}': ${err.message}`)}`, err.origin);
      }
    } else {
      let subAcc: Accumulator;
      try {
        subAcc = accumulateTarget(ctx, sub, emptyAccumulator());
      } catch (err) {
        if (!(err instanceof KustomizeError)) throw err;
        throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': '${dir}' must resolve to a file': recursed accumulation of path '${dir}': ${err.message}`, err.origin);
      }
      append(acc, subAcc.resources, at);
      acc.config = mergeConfig(acc.config, subAcc.config);
      mergeVars(acc, subAcc.vars, at);
    }
  } finally {
    ctx.stack.pop();
  }
}

function mergeVars(acc: Accumulator, vars: unknown[], at: Origin): void {
  for (const v of vars) {
    const name = v && typeof v === 'object' ? (v as Record<string, unknown>).name : undefined;
    if (acc.vars.some((o) => o && typeof o === 'object' && (o as Record<string, unknown>).name === name)) throw new KustomizeError(`var '${String(name)}' already encountered`, at);
    acc.vars.push(v);
  }
}

function accumulateResources(ctx: Context, k: Kustomization, acc: Accumulator, entries: Array<{ value: string; origin: Origin }>): void {
  for (const e of entries) {
    const abs = posix.resolve(k.dir, e.value);
    if (ctx.files.host.isDirectory(abs)) {
      accumulateDirectory(ctx, acc, abs, false, e.origin, e.value);
      continue;
    }
    if (ctx.files.text(abs) !== undefined) {
      try {
        checkRestriction(k, abs, e.origin);
      } catch (err) {
        if (!(err instanceof KustomizeError)) throw err;
        throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${e.value}': ${err.message}': must build at directory: '${abs}': file is not directory`, err.origin);
      }
      const more = resourcesFromFile(ctx, abs, e.value, e.origin);
      try {
        append(acc, more, e.origin);
      } catch (err) {
        if (!(err instanceof KustomizeError)) throw err;
        throw new KustomizeError(`accumulating resources: accumulation err='merging resources from '${e.value}': ${err.message}': must build at directory: '${abs}': file is not directory`, err.origin);
      }
      continue;
    }
    if (isRemote(e.value)) {
      ctx.notFetched++;
      ctx.problems.push({ severity: 'info', kind: 'not-fetched', message: `remote resource '${e.value}' was not fetched: podlint reads local files only, so its objects are not in this build`, origin: e.origin });
      continue;
    }
    throw new KustomizeError(missingPathMessage(e.value, abs), e.origin);
  }
}

/** `configurations:` files: field specs added to the transformers' defaults (api/internal/plugins/builtinconfig). */
function loadConfigurations(ctx: Context, k: Kustomization): Partial<TransformerConfig> {
  const out: Partial<TransformerConfig> = {};
  for (const e of stringList(k, 'configurations')) {
    const abs = posix.resolve(k.dir, e.value);
    checkRestriction(k, abs, e.origin);
    const got = ctx.files.values(abs);
    if (!got) throw new KustomizeError(`evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`, e.origin);
    for (const v of got.values) {
      if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
      const cfg = v as Record<string, unknown>;
      const specs = (field: string): FieldSpec[] => (Array.isArray(cfg[field]) ? (cfg[field] as unknown[]).map(fieldSpecFrom).filter((s): s is FieldSpec => s !== undefined) : []);
      for (const key of ['namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'templateLabels', 'commonAnnotations', 'images', 'replicas', 'varReference'] as const) {
        const s = specs(key);
        if (s.length) out[key] = mergeSpecs(out[key] ?? [], s);
      }
      if (Array.isArray(cfg.nameReference)) {
        const refs: NameBackReference[] = [];
        for (const r of cfg.nameReference as Array<Record<string, unknown>>) {
          if (!r || typeof r !== 'object' || typeof r.kind !== 'string') continue;
          const target = { kind: r.kind, ...(typeof r.group === 'string' ? { group: r.group } : {}), ...(typeof r.version === 'string' ? { version: r.version } : {}) };
          refs.push({ target, referrers: Array.isArray(r.fieldSpecs) ? (r.fieldSpecs as unknown[]).map(fieldSpecFrom).filter((s): s is FieldSpec => s !== undefined) : [] });
        }
        out.nameReference = [...(out.nameReference ?? []), ...refs];
      }
    }
  }
  return out;
}

/** A map holding `older`'s entries and then `newer`'s (newer wins), each keeping the origin it had. */
function mergeMaps(older: unknown, newer: unknown): Record<string, unknown> | undefined {
  const maps = [older, newer].filter((m): m is Record<string, unknown> => m !== null && typeof m === 'object' && !Array.isArray(m));
  if (maps.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  const self = selfOrigin(maps[maps.length - 1]!);
  if (self) setSelfOrigin(out, self);
  for (const m of maps) {
    for (const [key, v] of Object.entries(m)) {
      out[key] = v;
      const o = originOf(m, key);
      if (o) setOriginSafe(out, key, o);
    }
  }
  return out;
}

/**
 * A generated object joins the accumulated ones (api/resmap/reswrangler.go appendReplaceOrMerge): `create`
 * adds it, `merge` and `replace` take the place of the one object with its id (current or earlier), keeping
 * that object's name, namespace, labels and annotations under the generated ones, and for `merge` its data.
 */
function absorb(acc: Accumulator, res: Resource, at: Origin): void {
  const id = resIdOf(res.object);
  const matches = acc.resources.filter((r) => [resIdOf(r.object), ...r.previousIds].some((x) => idsEqual(x, id)));
  const behavior = res.generated!.behavior;
  if (matches.length === 0) {
    if (behavior !== 'create') throw new KustomizeError(`id ${goResId(id)} does not exist; cannot merge or replace`, at);
    acc.resources.push(res);
    return;
  }
  if (matches.length > 1) throw new KustomizeError(`found multiple objects ${matches.map((m) => idString(resIdOf(m.object))).join(' ')} that could accept merge of ${idString(id)}`, at);
  const old = matches[0]!;
  if (behavior === 'create') throw new KustomizeError(`id ${goResId(id)} exists; behavior must be merge or replace`, at);
  const nmd = res.object.metadata as Record<string, unknown>;
  const omd = (old.object.metadata ?? {}) as Record<string, unknown>;
  for (const f of ['labels', 'annotations'] as const) {
    const m = mergeMaps(omd[f], nmd[f]);
    if (m && Object.keys(m).length) nmd[f] = m;
  }
  for (const f of ['name', 'namespace'] as const) {
    if (omd[f] === undefined) delete nmd[f];
    else {
      nmd[f] = omd[f];
      const o = originOf(omd, f);
      if (o) setOriginSafe(nmd, f, o);
    }
  }
  if (behavior === 'merge') {
    for (const f of ['data', 'binaryData'] as const) {
      const m = mergeMaps(old.object[f], res.object[f]);
      if (m && Object.keys(m).length) res.object[f] = m;
    }
  }
  old.object = res.object;
  old.generated = { behavior: 'create', hashSuffix: res.generated!.hashSuffix || (behavior === 'merge' && old.generated?.hashSuffix === true) };
}

/** Go's %#v of a resid.ResId, as kustomize's generator messages print it. */
function goResId(id: ResId): string {
  return `resid.ResId{Gvk:resid.Gvk{Group:${JSON.stringify(id.group)}, Version:${JSON.stringify(id.version)}, Kind:${JSON.stringify(id.kind)}, isClusterScoped:false}, Name:${JSON.stringify(id.name)}, Namespace:${JSON.stringify(id.namespace ?? '')}}`;
}

/** configMapGenerator / secretGenerator: new objects, or merged into / replacing existing ones (ResAccumulator.AbsorbAll). */
function runGenerators(ctx: Context, k: Kustomization, acc: Accumulator): void {
  for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    for (const e of listField(k, field)) {
      const fo = e.fieldOrigin ?? { value: e.origin };
      const res = generate(k, ctx.files, kind, e.value, fo);
      absorb(acc, res, e.origin);
    }
  }
  for (const e of listField(k, 'helmCharts')) {
    const name = e.value && typeof e.value === 'object' ? (e.value as Record<string, unknown>).name : undefined;
    ctx.problems.push({ severity: 'info', kind: 'not-fetched', message: `helmCharts entry${typeof name === 'string' ? ` '${name}'` : ''} was not inflated: podlint fetches no charts and runs no helm, so its objects are not in this build`, origin: e.origin });
  }
  for (const e of listField(k, 'helmChartInflationGenerator')) {
    ctx.problems.push({ severity: 'info', kind: 'not-fetched', message: `helmChartInflationGenerator entry was not inflated: podlint fetches no charts and runs no helm, so its objects are not in this build`, origin: e.origin });
  }
  for (const c of pluginConfigs(pluginContext(ctx), k, 'generators')) {
    const g = generatorEntry(c);
    if (!g) {
      notRun(ctx, `${c.object.kind ?? 'a plugin'} was not run: podlint runs only kustomize's built-in plugins, never a program, so the build leaves it out`, c.origin);
      continue;
    }
    absorb(acc, generate(k, ctx.files, g.kind, g.entry, selfOrigin(c.object) ?? { value: c.origin }), c.origin);
  }
  for (const e of listField(k, 'validators')) {
    notRun(ctx, `validator was not run: podlint runs no kustomize validators (they only check, the build is the same)`, e.origin);
  }
}

function notRun(ctx: Context, message: string, origin: Origin): void {
  ctx.problems.push({ severity: 'info', kind: 'not-fetched', message, origin });
}

function pluginContext(ctx: Context): PluginContext {
  return {
    files: ctx.files,
    directory(abs, at) {
      const acc = emptyAccumulator();
      accumulateDirectory(ctx, acc, abs, false, at);
      return acc.resources;
    },
    notRun: (message, origin) => notRun(ctx, message, origin),
  };
}

function setOriginSafe(parent: object, key: string, fo: FieldOrigin): void {
  // A scalar's origin lives in its parent's record; a collection carries its own.
  const value = (parent as Record<string, unknown>)[key];
  if (value !== null && typeof value === 'object') return;
  setOrigin(parent, key, fo);
}

function runTransformers(ctx: Context, k: Kustomization, acc: Accumulator): void {
  const cfg = acc.config;
  const steps: PatchStep = {
    k,
    files: ctx.files,
    resources: acc.resources,
    missingTarget(message, origin) {
      if (ctx.notFetched === 0) return false;
      ctx.problems.push({ severity: 'info', kind: 'not-fetched', message, origin });
      return true;
    },
  };
  // api/internal/target/kusttarget_configplugin.go: the order of the built-in transformers.
  applyPatches(steps, 'patchesStrategicMerge');
  acc.resources = steps.resources;
  applyPatches(steps, 'patches');
  acc.resources = steps.resources;
  const ns = stringField(k, k.raw, 'namespace');
  if (ns && ns.value) transformNamespace(acc.resources, ns.value, cfg.namespace, ns.fieldOrigin ?? { value: ns.origin });
  const prefix = stringField(k, k.raw, 'namePrefix');
  transformPrefixSuffix(acc.resources, 'prefix', prefix?.value ?? '', cfg.namePrefix, prefix?.fieldOrigin);
  const suffix = stringField(k, k.raw, 'nameSuffix');
  transformPrefixSuffix(acc.resources, 'suffix', suffix?.value ?? '', cfg.nameSuffix, suffix?.fieldOrigin);
  for (const e of listField(k, 'labels')) {
    const l = e.value as Record<string, unknown>;
    if (!l || typeof l !== 'object' || Array.isArray(l)) throw new KustomizeError(`invalid Kustomization: a labels entry must be a mapping`, e.origin);
    const pairs: Pair[] = stringMap(k, l, 'pairs');
    let specs: FieldSpec[] = Array.isArray(l.fields) ? (l.fields as unknown[]).map(fieldSpecFrom).filter((s): s is FieldSpec => s !== undefined) : [];
    if (l.includeSelectors === true) specs = mergeSpecs(specs, cfg.commonLabels);
    else {
      specs = mergeSpecs(specs, [{ path: 'metadata/labels', create: true }]);
      if (l.includeTemplates === true) specs = mergeSpecs(specs, cfg.templateLabels);
    }
    transformMapEntries(acc.resources, pairs, specs);
  }
  transformMapEntries(acc.resources, stringMap(k, k.raw, 'commonLabels'), cfg.commonLabels);
  transformMapEntries(acc.resources, stringMap(k, k.raw, 'commonAnnotations'), cfg.commonAnnotations);
  applyPatches(steps, 'patchesJson6902');
  acc.resources = steps.resources;
  for (const e of listField(k, 'replicas')) {
    const r = e.value as Record<string, unknown>;
    const name = r && typeof r === 'object' ? stringField(k, r, 'name') : undefined;
    const count = r && typeof r === 'object' ? r.count : undefined;
    if (!name || typeof count !== 'number') throw new KustomizeError(`invalid Kustomization: a replicas entry needs a name and a count`, e.origin);
    transformReplicas(acc.resources, name.value, count, cfg.replicas, originOf(r, 'count') ?? { value: e.origin });
  }
  for (const field of ['images', 'imageTags'] as const) {
    for (const e of listField(k, field)) {
      const im = e.value as Record<string, unknown>;
      if (!im || typeof im !== 'object' || Array.isArray(im)) throw new KustomizeError(`invalid Kustomization: an images entry must be a mapping`, e.origin);
      const get = (f: string) => stringField(k, im, f);
      const setBy = originOf(im, 'newTag') ?? originOf(im, 'digest') ?? originOf(im, 'newName') ?? e.fieldOrigin ?? { value: e.origin };
      transformImages(acc.resources, { name: get('name')?.value ?? '', newName: get('newName')?.value, newTag: get('newTag')?.value, digest: get('digest')?.value, origin: setBy }, cfg.images);
    }
  }
  applyReplacementsStep(steps);
  acc.resources = steps.resources;
  const pc = pluginContext(ctx);
  for (const c of pluginConfigs(pc, k, 'transformers')) {
    runTransformerConfig(steps, c, pc.notRun);
    acc.resources = steps.resources;
  }
}

/** kustomize's IgnoreLocal: objects annotated `config.kubernetes.io/local-config: "true"` are not output. */
function dropLocal(acc: Accumulator): void {
  acc.resources = acc.resources.filter((r) => r.object.metadata?.annotations?.['config.kubernetes.io/local-config'] !== 'true');
}

function accumulateTarget(ctx: Context, k: Kustomization, acc: Accumulator): Accumulator {
  accumulateResources(ctx, k, acc, [...stringList(k, 'resources'), ...stringList(k, 'bases')]);
  for (const e of stringList(k, 'components')) {
    const abs = posix.resolve(k.dir, e.value);
    if (isRemote(e.value) && !ctx.files.host.isDirectory(abs)) {
      ctx.notFetched++;
      ctx.problems.push({ severity: 'info', kind: 'not-fetched', message: `remote component '${e.value}' was not fetched: podlint reads local files only, so it is not applied`, origin: e.origin });
      continue;
    }
    accumulateDirectory(ctx, acc, abs, true, e.origin);
  }
  acc.config = mergeConfig(acc.config, loadConfigurations(ctx, k));
  runGenerators(ctx, k, acc);
  runTransformers(ctx, k, acc);
  mergeVars(acc, listField(k, 'vars').map((e) => e.value), fileOrigin(k.file.path));
  dropLocal(acc);
  return acc;
}

/** Build the kustomization in `dir` as `kubectl kustomize dir` would. Never throws for a bad kustomization: that is a problem. */
export function buildKustomization(dir: string, host: BuildHost = nodeHost): BuildResult {
  const root = posix.resolve(dir);
  const ctx: Context = { files: new FileCache(host), problems: [], used: new Set(), stack: [root], notFetched: 0 };
  let kustomizationFile = posix.join(root, 'kustomization.yaml');
  let resources: Resource[] = [];
  try {
    const found = findKustomizationFile(root, ctx.files);
    if (found) kustomizationFile = found;
    const k = loadKustomization(root, ctx.files, fileOrigin(kustomizationFile));
    const acc = accumulateTarget(ctx, k, emptyAccumulator());
    // api/internal/target/kusttarget.go makeCustomizedResMap: the steps done once, at the top.
    for (const r of acc.resources) {
      if (!r.generated?.hashSuffix) continue;
      const h = contentHash(r.object);
      storePreviousId(r);
      (r.object.metadata as Record<string, unknown>).name = `${String(r.object.metadata?.name ?? '')}-${h}`;
    }
    fixNameReferences(acc.resources, acc.config.nameReference);
    resolveVars(acc.resources, acc.vars, acc.config.varReference);
    resources = sortResources(acc.resources, k);
  } catch (err) {
    if (!(err instanceof KustomizeError)) throw err;
    ctx.problems.push({ severity: 'error', kind: 'kustomize', message: err.message, origin: err.origin ?? fileOrigin(kustomizationFile) });
    resources = [];
  }
  ctx.used.delete(root);
  return {
    root,
    kustomizationFile,
    resources,
    problems: ctx.problems,
    filesRead: [...ctx.files.read].sort(),
    kustomizationsUsed: [...ctx.used].sort(),
  };
}

/** The build as YAML, exactly as `kubectl kustomize` prints it. */
export function renderBuild(result: BuildResult): string {
  return renderResources(result.resources);
}

