/**
 * Strategic merge patches, applied the way kustomize v5 applies them: kyaml's merge2 walk
 * (kyaml/yaml/merge2/merge2.go, kyaml/yaml/walk/*.go, kyaml/yaml/merge2/smpdirective.go) with the list
 * direction kustomize asks for (api/filters/patchstrategicmerge: MergeOptionsListPrepend), then the
 * resource's kind, name and namespace put back (api/resource/resource.go ApplySMPatch).
 *
 * What that means, field by field:
 * - a scalar in the patch replaces the target's; `null` removes the field (and a null is never added);
 * - maps merge key by key; `$patch: delete` removes the map, `$patch: replace` takes the patch's map,
 *   `$patch: merge` merges; any other `$patch` value is an error;
 * - a list merges by key only when the kind's OpenAPI says so (x-kubernetes-patch-strategy includes
 *   "merge"): items are identified by x-kubernetes-list-map-keys, or x-kubernetes-patch-merge-key, or by
 *   value for lists of scalars; the patch's items come first (in the patch's order), then the target's
 *   items the patch did not name; an item with `$patch: delete` removes the target's; a list item
 *   `{$patch: replace}` makes the patch's list replace the target's, `{$patch: delete}` removes the list.
 *   Every other list, and every list of a kind without a schema (custom resources), is replaced whole;
 * - kyaml does not implement apimachinery's `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>` and
 *   `$retainKeys` directives: kustomize copies them into the output as ordinary fields, and so does this.
 *
 * Origins: every value taken from the patch keeps the patch's origin (its file and line), every value the
 * patch did not touch keeps the target's.
 */
import { stringify } from 'yaml';
import type { K8sObject } from '../types.js';
import { cloneTracked, originOf, reindexSequence, selfOrigin, setOrigin, setSelfOrigin, type FieldOrigin } from './origin.js';
import { KustomizeError } from './resource.js';
import { isRecord } from '../k8s/podspec.js';
import { kindDefinition, mergeField, mergesByKey, type MergeField } from './merge-schema.js';

type JsonMap = Record<string, unknown>;

/** kyaml/yaml/merge2/smpdirective.go: the strategic-merge-patch directive key and its values. */
const PATCH_DIRECTIVE = '$patch';
const DIRECTIVE_DELETE = 'delete';
const DIRECTIVE_REPLACE = 'replace';
const DIRECTIVE_MERGE = 'merge';

export interface StrategicMergeOptions {
  /** A patch's `options.allowNameChange`: the patch may rename the resource. */
  allowNameChange?: boolean;
  /** A patch's `options.allowKindChange`: the patch may change the resource's kind. */
  allowKindChange?: boolean;
}


function has(m: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** A scalar as kyaml compares it: the YAML scalar's text. */
function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return '';
  return String(v);
}

/** kyaml's yaml.Kind names for its "wrong node kind" error. */
function nodeKind(v: unknown): string {
  if (Array.isArray(v)) return 'SequenceNode';
  if (isRecord(v)) return 'MappingNode';
  return 'ScalarNode';
}

/** A value as kyaml's "node contents" print it (in block style: the written style is not kept). */
function render(v: unknown): string {
  return stringify(v).replace(/\n$/, '');
}

/** Set `parent[key] = value`, recording `origin` for it (a collection keeps its own). */
function put(parent: object, key: string | number, value: unknown, origin: FieldOrigin | undefined): void {
  (parent as Record<string, unknown>)[key as string] = value;
  if (origin && (value === null || typeof value !== 'object')) setOrigin(parent, key, origin);
}

class Merger {
  /** The patch's `$patch` value on a map, removed from the map (kyaml elides the directive once read). */
  private mapDirective(patch: JsonMap, strict: boolean): string {
    if (!has(patch, PATCH_DIRECTIVE)) return DIRECTIVE_MERGE;
    const raw = patch[PATCH_DIRECTIVE];
    const v = scalarText(raw);
    if (v === DIRECTIVE_DELETE || v === DIRECTIVE_REPLACE || v === DIRECTIVE_MERGE) {
      delete patch[PATCH_DIRECTIVE];
      return v;
    }
    if (strict) throw new KustomizeError(`unknown patch strategy '${v}'`, originOf(patch, PATCH_DIRECTIVE)?.value);
    return DIRECTIVE_MERGE;
  }

  /**
   * The patch's list directive: an item that is a map with `$patch` as its only key (kyaml
   * determineSequenceNodePatchStrategy). The item is removed from the list.
   */
  private listDirective(patch: unknown[]): string {
    const i = patch.findIndex((item) => isRecord(item) && has(item, PATCH_DIRECTIVE));
    if (i < 0) return DIRECTIVE_MERGE;
    const item = patch[i] as JsonMap;
    if (Object.keys(item).length > 1) return DIRECTIVE_MERGE;
    const v = scalarText(item[PATCH_DIRECTIVE]);
    if (v === DIRECTIVE_DELETE || v === DIRECTIVE_REPLACE || v === DIRECTIVE_MERGE) {
      const before = patch.map((value, j) => ({ value, origin: originOf(patch, j) }));
      patch.splice(i, 1);
      reindexSequence(patch, before);
      return v;
    }
    throw new KustomizeError(`unknown patch strategy '${v}'`, originOf(item, PATCH_DIRECTIVE)?.value);
  }

  /**
   * Merge `patch` into `dest` (both maps); undefined when the map is deleted. Returns `dest` itself
   * (changed in place) or, for `$patch: replace`, the patch's map.
   */
  mergeMap(dest: JsonMap, patch: JsonMap, definition: string | undefined): JsonMap | undefined {
    const directive = this.mapDirective(patch, true);
    if (directive === DIRECTIVE_DELETE) return undefined;
    if (directive === DIRECTIVE_REPLACE) return this.normalizeMap(patch, definition, false);
    // kyaml walks the fields of both: the target's fields the patch does not name are walked too.
    for (const key of Object.keys(dest)) if (!has(patch, key)) this.walkTargetChild(dest, key, definition);
    for (const key of Object.keys(patch)) this.mergeChild(dest, patch, key, definition);
    return dest;
  }

  /**
   * A target field the patch does not name, walked alone as kyaml does: a null written as an empty value
   * is dropped (an explicit `null` or `~` stays), and lists merged by key lose their duplicate and empty
   * items (the last of equal items wins).
   */
  private walkTargetChild(dest: JsonMap, key: string, definition: string | undefined): void {
    const v = dest[key];
    if (v === null) {
      if (writtenEmpty(originOf(dest, key))) delete dest[key];
      return;
    }
    const field = mergeField(definition, key);
    if (isRecord(v)) this.walkTargetMap(v, field?.ref);
    else if (Array.isArray(v) && mergesByKey(field)) put(dest, key, this.mergeItems(v, [], field!), undefined);
  }

  private walkTargetMap(m: JsonMap, definition: string | undefined): void {
    for (const key of Object.keys(m)) this.walkTargetChild(m, key, definition);
  }

  /** Merge `patch[key]` into `dest[key]`. */
  private mergeChild(dest: JsonMap, patch: JsonMap, key: string, definition: string | undefined): void {
    const pv = patch[key];
    const field = mergeField(definition, key);
    const origin = originOf(patch, key);
    if (pv === null || pv === undefined) {
      delete dest[key];
      return;
    }
    const dv = has(dest, key) ? dest[key] : undefined;
    if (dv === null || dv === undefined) {
      const added = this.normalize(pv, field, true);
      if (added === undefined) delete dest[key];
      else put(dest, key, added, origin);
      return;
    }
    if (nodeKind(dv) !== nodeKind(pv)) {
      throw new KustomizeError(`wrong node kind: expected ${nodeKind(dv)} but got ${nodeKind(pv)}: node contents:\n${render(pv)}`, (origin?.value));
    }
    let merged: unknown;
    if (isRecord(dv)) merged = this.mergeMap(dv, pv as JsonMap, field?.ref);
    else if (Array.isArray(dv)) merged = this.mergeList(dv, pv as unknown[], field);
    else {
      put(dest, key, pv, origin);
      return;
    }
    if (merged === undefined) delete dest[key];
    else if (merged !== dv) put(dest, key, merged, origin);
  }

  /**
   * A patch value added where the target has none: kyaml walks it against itself, which applies its
   * nested directives and drops its nulls. `top` is the value the walk starts at, whose unknown `$patch`
   * kyaml ignores (and keeps as a field).
   */
  private normalize(v: unknown, field: MergeField | undefined, top: boolean): unknown {
    if (isRecord(v)) return this.normalizeMap(v, field?.ref, top);
    if (Array.isArray(v)) return this.normalizeList(v, field);
    return v;
  }

  private normalizeMap(m: JsonMap, definition: string | undefined, top: boolean): JsonMap | undefined {
    if (this.mapDirective(m, !top) === DIRECTIVE_DELETE) return undefined;
    for (const key of Object.keys(m)) {
      const v = m[key];
      if (v === null) {
        delete m[key];
        continue;
      }
      if (isRecord(v) || Array.isArray(v)) {
        const n = this.normalize(v, mergeField(definition, key), false);
        if (n === undefined) delete m[key];
        else if (n !== v) put(m, key, n, originOf(m, key));
      }
    }
    return m;
  }

  private normalizeList(list: unknown[], field: MergeField | undefined): unknown[] | undefined {
    if (!mergesByKey(field)) return list;
    const directive = this.listDirective(list);
    if (directive === DIRECTIVE_DELETE) return undefined;
    return this.mergeItems(undefined, list, field!);
  }

  /** Merge two lists: by key where the schema says so, else the patch's list replaces the target's. */
  private mergeList(dest: unknown[], patch: unknown[], field: MergeField | undefined): unknown[] | undefined {
    if (!mergesByKey(field)) return patch;
    const directive = this.listDirective(patch);
    if (directive === DIRECTIVE_DELETE) return undefined;
    if (directive === DIRECTIVE_REPLACE) return this.mergeItems(undefined, patch, field!);
    return this.mergeItems(dest, patch, field!);
  }

  /**
   * kyaml walk.setAssociativeSequenceElements with the Prepend direction: `dest` undefined merges the
   * patch's list with itself (an added list, or `$patch: replace`).
   */
  private mergeItems(dest: unknown[] | undefined, patch: unknown[], field: MergeField): unknown[] {
    const keys = field.keys ?? [''];
    if (keys[0] === '') return this.mergeScalars(dest, patch);
    const self = dest === undefined;
    const target = self ? patch.slice() : dest;
    const originsOf = (list: unknown[]) => list.map((item, i) => ({ item, origin: originOf(list, i) }));
    let work = originsOf(target);
    const patchItems = originsOf(patch);

    const tuple = (item: unknown) => keys.map((k) => (isRecord(item) && has(item, k) && item[k] !== null ? scalarText(item[k]) : ''));
    const seen = new Set<string>();
    let valuesList: string[][] = [];
    for (const item of [...patchItems.map((p) => p.item), ...work.map((w) => w.item)]) {
      const t = tuple(item);
      const id = JSON.stringify(t);
      if (seen.has(id)) continue;
      seen.add(id);
      valuesList.push(t);
    }
    if (keys.length > 1) valuesList = mergeValues(valuesList);

    let validKeys = keys;
    let items: Array<{ item: unknown; origin?: FieldOrigin }> = [];
    for (const values of valuesList) {
      const [vk, vv] = validateKeys(valuesList, values, keys);
      validKeys = vk;
      const [lk, lv] = validateKeys([values], values, keys);
      const d = work.find((w) => matchesExactly(w.item, lk, lv));
      const p = patchItems.find((w) => matchesExactly(w.item, lk, lv));
      let val: unknown;
      let origin: FieldOrigin | undefined;
      if (!d && !p) val = undefined;
      else if (!p || (self && d!.item === p.item)) {
        val = d!.item;
        origin = d!.origin;
        if (self && isRecord(val)) val = this.normalizeMap(val, field.ref, false);
        else if (isRecord(val)) this.walkTargetMap(val, field.ref);
      } else if (!d) {
        val = this.normalize(p.item, { ref: field.ref }, true);
        origin = p.origin;
      } else {
        if (nodeKind(d.item) !== nodeKind(p.item)) {
          throw new KustomizeError(`wrong node kind: expected ${nodeKind(d.item)} but got ${nodeKind(p.item)}: node contents:\n${render(p.item)}`, p.origin?.value);
        }
        if (isRecord(d.item)) {
          const merged = this.mergeMap(d.item, p.item as JsonMap, field.ref);
          // A replaced item is put back from the target when the list is rebuilt (kyaml appendListNode).
          val = merged;
          origin = merged === d.item ? d.origin : p.origin;
        } else {
          val = p.item;
          origin = p.origin;
        }
      }
      if (val === undefined || val === null || (isRecord(val) && Object.keys(val).length === 0)) {
        work = elementSetter(work, vk, vv, undefined);
        continue;
      }
      if (isRecord(val)) {
        vk.forEach((k, i) => {
          if (!has(val as JsonMap, k) && vv[i] !== '') (val as JsonMap)[k] = vv[i];
        });
      }
      items = elementSetter(items, vk, vv, { item: val, origin });
    }

    // kyaml appendListNode(itemsToBeAdded, dest, keys): the target's items, as they now are, go back in.
    for (const w of work) {
      const found: string[] = [];
      for (const k of validKeys) {
        if (isRecord(w.item) && has(w.item, k) && w.item[k] !== null) found.push(scalarText(w.item[k]));
        else items.push(w);
      }
      if (validKeys.length > 1) items = elementSetter(items, validKeys, found, undefined);
      items = elementSetter(items, validKeys, found, w);
    }

    const out = items.map((i) => i.item);
    items.forEach((b, i) => {
      if (b.origin && (b.item === null || typeof b.item !== 'object')) setOrigin(out, i, b.origin);
    });
    copySelf(out, self ? patch : dest);
    return out;
  }

  /** A list of scalars merged by value: the patch's values first, then the target's others, each once. */
  private mergeScalars(dest: unknown[] | undefined, patch: unknown[]): unknown[] {
    const out: unknown[] = [];
    const origins: Array<FieldOrigin | undefined> = [];
    const index = new Map<string, number>();
    const add = (list: unknown[], preferOrigin: boolean) => {
      list.forEach((v, i) => {
        if (v === null) return;
        const text = isRecord(v) || Array.isArray(v) ? JSON.stringify(v) : scalarText(v);
        const at = index.get(text);
        if (at === undefined) {
          index.set(text, out.length);
          out.push(v);
          origins.push(originOf(list, i));
        } else if (preferOrigin) {
          // The target's item stays in place of the patch's equal one (kyaml ElementSetter replaces it).
          out[at] = v;
          origins[at] = originOf(list, i);
        }
      });
    };
    add(patch, false);
    if (dest) add(dest, true);
    origins.forEach((o, i) => {
      if (o && (out[i] === null || typeof out[i] !== 'object')) setOrigin(out, i, o);
    });
    copySelf(out, dest ?? patch);
    return out;
  }
}

/** A null written as an empty value (`key:`), which kyaml drops, unlike an explicit `null` or `~`. */
function writtenEmpty(origin: FieldOrigin | undefined): boolean {
  const v = origin?.value;
  return v !== undefined && v.line === v.endLine && v.column === v.endColumn;
}

/** Give a rebuilt list the origin its predecessor had (its key and value in the parent). */
function copySelf(out: unknown[], from: unknown[]): void {
  const self = selfOrigin(from);
  if (self) setSelfOrigin(out, self);
}

/** kyaml validateKeys: the keys some item has a value for (all keys when none has). */
function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const valid = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => v !== '' && valid.add(keys[i]!));
  if (valid.size === 0) return [keys, values];
  return [keys.filter((k) => valid.has(k)), values.filter((v, i) => v !== '' || valid.has(keys[i]!))];
}

/** kyaml mergeValues: two key tuples that share a value and differ only where one is empty are one item. */
function mergeValues(valuesList: string[][]): string[][] {
  for (let i = 0; i < valuesList.length; i++) {
    for (let j = 0; j < valuesList.length; j++) {
      const m = matchTuples(valuesList[i]!, valuesList[j]!);
      if (m) {
        valuesList[i] = m;
        valuesList[j] = m;
      }
    }
  }
  return valuesList;
}

function matchTuples(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const res: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      res.push(a[i]!);
      continue;
    }
    if (a[i] !== '' && b[i] !== '') return undefined;
    res.push(a[i] !== '' ? a[i]! : b[i]!);
  }
  return common ? res : undefined;
}

/** kyaml ElementMatcher (MatchElementList): a map item whose every key has exactly this value. */
function matchesExactly(item: unknown, keys: string[], values: string[]): boolean {
  if (!isRecord(item)) return false;
  return keys.every((k, i) => has(item, k) && item[k] !== null && !isRecord(item[k]) && !Array.isArray(item[k]) && scalarText(item[k]) === values[i]);
}

/**
 * kyaml ElementSetter on a list of items: drops empty items, then replaces every item matching the keys
 * (an empty value matches any value of a present field) with `element`, or removes them when there is no
 * element; appends `element` when nothing matched.
 */
function elementSetter<T extends { item: unknown }>(list: T[], keys: string[], values: string[], element: T | undefined): T[] {
  const out: T[] = [];
  let matched = false;
  for (const entry of list) {
    const item = entry.item;
    if (item === null || item === undefined || (isRecord(item) && Object.keys(item).length === 0)) continue;
    if (!isRecord(item) && keys[0] !== '') {
      out.push(entry);
      continue;
    }
    let found = values.length > 0;
    for (let j = 0; j < keys.length && j < values.length; j++) {
      const k = keys[j]!;
      const ok = isRecord(item) && has(item, k) && item[k] !== null && (values[j] === '' || scalarText(item[k]) === values[j]);
      if (!ok) {
        found = false;
        break;
      }
    }
    if (!found) {
      if (values.length > 0) out.push(entry);
      continue;
    }
    matched = true;
    if (element) out.push(element);
  }
  if (element && !matched) out.push(element);
  return out;
}

/**
 * Apply a strategic merge patch to a resource, as kustomize does. The result is a new tracked object;
 * `target` and `patch` are not changed. A patch whose top-level `$patch` is `delete` yields an empty
 * object: kustomize then drops the resource (see isDeletedByPatch).
 */
export function strategicMerge(target: K8sObject, patch: K8sObject, options: StrategicMergeOptions = {}): K8sObject {
  const dest = cloneTracked(target) as JsonMap;
  const p = cloneTracked(patch) as JsonMap;
  const definition = kindDefinition(dest.apiVersion, dest.kind) ?? kindDefinition(p.apiVersion, p.kind);
  const keep = {
    kind: { value: dest.kind, origin: originOf(dest, 'kind') },
    name: isRecord(dest.metadata) ? { value: dest.metadata.name, origin: originOf(dest.metadata, 'name') } : undefined,
    namespace: isRecord(dest.metadata) ? { value: dest.metadata.namespace, origin: originOf(dest.metadata, 'namespace') } : undefined,
  };
  // The patch is applied with the target's apiVersion (api/resmap/reswrangler.go ApplySmPatch: SetGvk).
  if (typeof dest.apiVersion === 'string') delete p.apiVersion;
  const merger = new Merger();
  const merged = merger.mergeMap(dest, p, definition);
  if (merged === undefined || Object.keys(merged).length === 0) return {} as K8sObject;
  // api/resource/resource.go ApplySMPatch: the patch does not rename, re-kind or move the resource.
  if (!options.allowKindChange && typeof keep.kind.value === 'string') put(merged, 'kind', keep.kind.value, keep.kind.origin);
  const md = merged.metadata;
  if (!options.allowNameChange && keep.name && typeof keep.name.value === 'string') {
    if (isRecord(md)) put(md, 'name', keep.name.value, keep.name.origin);
  }
  if (isRecord(md)) {
    if (keep.namespace && typeof keep.namespace.value === 'string' && keep.namespace.value !== '') put(md, 'namespace', keep.namespace.value, keep.namespace.origin);
    else delete md.namespace;
  }
  return merged as K8sObject;
}

/** Whether a strategicMerge result is a resource the patch deleted (`$patch: delete` at its top). */
export function isDeletedByPatch(object: K8sObject): boolean {
  return Object.keys(object).length === 0;
}
