/**
 * Patches, replacements and vars in a build: loading them as kustomize does (patch files, inline patches
 * whose fields keep their real lines inside kustomization.yaml, the deprecated patchesStrategicMerge and
 * patchesJson6902 forms), choosing their targets, and applying them (strategic-merge.ts, json6902.ts,
 * targets.ts, replacements.ts, vars.ts).
 */
import { posix } from 'node:path';
import type { K8sObject, SourceRange } from '../types.js';
import { parseYaml } from '../source/yaml.js';
import { LineIndex } from '../source/lines.js';
import { locateBuilt, originOf, trackDocumentValue, type FieldOrigin, type Origin } from './origin.js';
import { KustomizeError, resIdOf, type Resource } from './resource.js';
import { isRecord } from '../k8s/podspec.js';
import { idsEqual, idString, type FieldSpec } from './fieldspecs.js';
import { listField, stringField, type Entry, type Kustomization } from './kustomization.js';
import { storePreviousId } from './transformers.js';
import { strategicMerge, isDeletedByPatch } from './strategic-merge.js';
import { applyJson6902 } from './json6902.js';
import { selectTargets, type PatchTarget } from './targets.js';
import { applyReplacements } from './replacements.js';
import { applyVars } from './vars.js';
import { asKyamlReadsIt, type FileCache } from './files.js';

export interface PatchStep {
  k: Kustomization;
  files: FileCache;
  resources: Resource[];
  /**
   * A target that is not in the build when a remote resource was left out: records an info problem and
   * answers true (the patch is skipped, the build goes on); answers false when the build is complete.
   */
  missingTarget(message: string, origin: Origin): boolean;
}

/** A patch's text and where each of its lines and columns really is. */
interface PatchText {
  text: string;
  filePath: string;
  /** Patch text range → range in `filePath`. */
  map(range: SourceRange): SourceRange;
}

/** The documents of a patch text, tracked to their real place. */
export function parsePatch(p: PatchText, at: Origin): unknown[] {
  const lines = new LineIndex(p.text);
  const rangeOf = (span: [number, number]): SourceRange => {
    const s = lines.position(span[0]);
    const e = lines.position(Math.max(span[0], span[1]));
    return p.map({ line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
  };
  const out: unknown[] = [];
  for (const doc of parseYaml(p.text).documents) {
    if (doc.fatal) throw new KustomizeError(`unable to parse SM or JSON patch from ${p.text.trim()}: ${doc.fatal.message}`, at);
    if (doc.value === undefined || doc.value === null) continue;
    asKyamlReadsIt(doc, p.text);
    out.push(trackDocumentValue(doc, '', p.filePath, rangeOf));
  }
  return out;
}

/** An inline patch written in kustomization.yaml: a block scalar's lines map one to one, shifted by its indentation. */
export function inlineText(files: FileCache, k: Kustomization, text: string, fo: FieldOrigin | undefined): PatchText {
  const written = (fo && files.parse(fo.value.filePath)) || k.file;
  const file = written.path;
  if (!fo) return { text, filePath: file, map: (r) => r };
  const o = fo.value;
  const src = written.source.yamlText;
  const lines = written.lines;
  const offsetOf = (line: number, column: number) => lines.lineStart(line) + column - 1;
  const startOffset = offsetOf(o.line, o.column);
  const first = src[startOffset];
  // A block scalar (a `|` or `>` header before the value): its text starts on the line after the header.
  const header = /[|>][-+0-9]*[ \t]*(?:#[^\n]*)?\r?\n[ \t\r\n]*$/.exec(src.slice(Math.max(0, startOffset - 400), startOffset));
  if (header) {
    const headerOffset = startOffset - (header[0].length);
    const base = lines.position(headerOffset).line + 1;
    let indent = 0;
    for (let line = base; line <= lines.lineCount; line++) {
      const ls = lines.lineStart(line);
      const le = line < lines.lineCount ? lines.lineStart(line + 1) : src.length;
      const content = src.slice(ls, le).replace(/\r?\n$/, '');
      if (content.trim() === '') continue;
      indent = content.length - content.trimStart().length;
      break;
    }
    return { text, filePath: file, map: (r) => ({ line: r.line + base - 1, column: r.column + indent, endLine: r.endLine + base - 1, endColumn: r.endColumn + indent }) };
  }
  const shift = first === '"' || first === "'" ? 1 : 0;
  return {
    text,
    filePath: file,
    map: (r) => ({ line: o.line + r.line - 1, column: (r.line === 1 ? o.column + shift : 1) + r.column - 1, endLine: o.line + r.endLine - 1, endColumn: (r.endLine === 1 ? o.column + shift : 1) + r.endColumn - 1 }),
  };
}

function fileText(step: PatchStep, rel: string, at: Origin): PatchText {
  const abs = posix.resolve(step.k.dir, rel);
  const r = posix.relative(step.k.dir, abs);
  if (r.startsWith('..') || posix.isAbsolute(r)) throw new KustomizeError(`security; file '${abs}' is not in or below '${step.k.dir}'`, at);
  const text = step.files.text(abs);
  if (text === undefined) throw new KustomizeError(`evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`, at);
  const parsed = step.files.parse(abs)!;
  return { text: parsed.source.yamlText, filePath: abs, map: (x) => x };
}


/** The resource a target-less strategic merge patch names: by its id, current or earlier (ResMap.GetById). */
function byId(step: PatchStep, patch: K8sObject, entryAt: Origin): Resource[] {
  const id = resIdOf(patch);
  // A patch that matches nothing is located at the name it gives.
  const at = locateBuilt(patch, '/metadata/name')?.origin ?? entryAt;
  const matches = step.resources.filter((r) => [resIdOf(r.object), ...r.previousIds].some((x) => idsEqual(x, id)));
  if (matches.length === 1) return matches;
  if (matches.length === 0 && step.missingTarget(`the target of this patch, ${idString(id)}, is not in the build (it may be among the remote resources that were not fetched): the patch was not applied`, at)) return [];
  if (matches.length === 0) throw new KustomizeError(`no resource matches strategic merge patch "${idString(id)}": no matches for Id ${idString(id)}; failed to find unique target for patch ${idString(id)}`, at);
  throw new KustomizeError(`multiple matches for Id ${idString(id)}; failed to find unique target for patch ${idString(id)}`, at);
}

function applySm(step: PatchStep, targets: Resource[], patch: K8sObject, options: { allowNameChange?: boolean; allowKindChange?: boolean }): void {
  const dropped = new Set<Resource>();
  for (const r of targets) {
    if (options.allowNameChange || options.allowKindChange) storePreviousId(r);
    const merged = strategicMerge(r.object, patch, options);
    if (isDeletedByPatch(merged)) dropped.add(r);
    else r.object = merged;
  }
  if (dropped.size) step.resources = step.resources.filter((r) => !dropped.has(r));
}

/** Run one of the patch fields of a kustomization: patchesStrategicMerge, patches or patchesJson6902. */
export function applyPatches(step: PatchStep, field: 'patchesStrategicMerge' | 'patches' | 'patchesJson6902', entries: Array<Entry> = listField(step.k, field)): void {
  const k = step.k;
  for (const e of entries) {
    if (field === 'patchesStrategicMerge') {
      if (typeof e.value !== 'string') throw new KustomizeError(`invalid Kustomization: a patchesStrategicMerge entry must be a string`, e.origin);
      // An entry that reads as YAML objects is an inline patch; anything else is a file (api/builtins/PatchStrategicMergeTransformer.go).
      let docs: unknown[] = [];
      try {
        docs = parsePatch(inlineText(step.files, k, e.value, e.fieldOrigin), e.origin);
      } catch {
        docs = [];
      }
      if (!(docs.length > 0 && docs.every(isRecord))) docs = parsePatch(fileText(step, e.value, e.origin), e.origin);
      for (const d of docs) {
        if (!isRecord(d)) throw new KustomizeError(`patch in ${e.value} is not a mapping`, e.origin);
        applySm(step, byId(step, d as K8sObject, e.origin), d as K8sObject, {});
      }
      continue;
    }
    if (!isRecord(e.value)) throw new KustomizeError(`invalid Kustomization: a ${field} entry must be a mapping`, e.origin);
    const entry = e.value;
    const pathE = stringField(k, entry, 'path');
    const patchE = stringField(k, entry, 'patch');
    const targetV = entry.target;
    if (field === 'patchesJson6902') {
      if (!isRecord(targetV)) throw new KustomizeError(`must specify a target for patch ${patchE?.value ?? ''}`, e.origin);
      if (pathE && patchE) throw new KustomizeError(`must specify a file path or JSON patch but not both`, e.origin);
    } else {
      if (!pathE?.value && !patchE?.value?.trim()) throw new KustomizeError(`must specify one of patch and path in\n${JSON.stringify(entry)}`, e.origin);
      if (pathE?.value && patchE?.value?.trim()) throw new KustomizeError(`patch and path can't be set at the same time\n${JSON.stringify(entry)}`, e.origin);
    }
    const text = pathE?.value ? fileText(step, pathE.value, pathE.origin) : inlineText(step.files, k, patchE!.value, patchE!.fieldOrigin);
    const at = pathE?.origin ?? patchE?.origin ?? e.origin;
    const docs = parsePatch(text, at);
    const options = isRecord(entry.options) ? { allowNameChange: entry.options.allowNameChange === true, allowKindChange: entry.options.allowKindChange === true } : {};
    const isJson = docs.length === 1 && Array.isArray(docs[0]);
    if (!isJson && !(docs.length > 0 && docs.every(isRecord))) throw new KustomizeError(`unable to parse SM or JSON patch from ${text.text.trim()}`, at);
    const target = isRecord(targetV) ? readTarget(k, targetV) : undefined;
    if (isJson) {
      if (!target) throw new KustomizeError(`must specify a target for JSON patch ${text.text.trim()}`, at);
      for (const r of selectTargets(step.resources, target)) {
        storePreviousId(r);
        r.object = applyJson6902(r.object, docs[0] as unknown[]);
      }
      continue;
    }
    if (field === 'patchesJson6902') throw new KustomizeError(`unable to parse JSON patch from ${text.text.trim()}`, at);
    for (const d of docs as K8sObject[]) {
      if (!target) applySm(step, byId(step, d, at), d, options);
      else applySm(step, selectTargets(step.resources, target), d, options);
    }
  }
}

function readTarget(k: Kustomization, t: Record<string, unknown>): PatchTarget {
  const out: PatchTarget = {};
  for (const f of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = stringField(k, t, f);
    if (v) out[f] = v.value;
  }
  return out;
}

/** `replacements:` entries, inline or from files (`path:`), applied in order. */
export function applyReplacementsStep(step: PatchStep, entries: Array<Entry> = listField(step.k, 'replacements')): void {
  const list: unknown[] = [];
  for (const e of entries) {
    if (isRecord(e.value) && typeof e.value.path === 'string') {
      const text = fileText(step, e.value.path, originOf(e.value, 'path')?.value ?? e.origin);
      for (const d of parsePatch(text, e.origin)) {
        if (Array.isArray(d)) list.push(...d);
        else list.push(d);
      }
    } else list.push(e.value);
  }
  if (list.length) applyReplacements(step.resources, list);
}

/** Vars, resolved once at the top of the build with every var of every kustomization. */
export function resolveVars(resources: Resource[], vars: unknown[], varReference: FieldSpec[]): void {
  if (vars.length) applyVars(resources, vars, varReference);
}

