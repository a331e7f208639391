/**
 * A kustomization file as kustomize reads it (api/types/kustomization.go, api/internal/target/kusttarget.go
 * Load): found by its recognised names, decoded strictly (an unknown field is an error), deprecated forms
 * folded into the current ones (FixKustomization), kind and apiVersion checked (EnforceFields).
 */
import { posix } from 'node:path';
import { originOf, setOrigin, type FieldOrigin, type Origin } from './origin.js';
import { KustomizeError } from './resource.js';
import { fileOrigin, writtenText, type FileCache, type ParsedFile } from './files.js';
import { KUSTOMIZATION_FILE_NAMES } from './names.js';

/** api/types/kustomization.go */
export const KUSTOMIZATION_KIND = 'Kustomization';
export const COMPONENT_KIND = 'Component';
export const KUSTOMIZATION_VERSION = 'kustomize.config.k8s.io/v1beta1';
export const COMPONENT_VERSION = 'kustomize.config.k8s.io/v1alpha1';


/** One list entry of a kustomization, with where it was written. */
export interface Entry<T = unknown> {
  value: T;
  origin: Origin;
  fieldOrigin?: FieldOrigin;
}

export interface Kustomization {
  dir: string;
  file: ParsedFile;
  /** The decoded kustomization, values tracked (origin.ts). */
  raw: Record<string, unknown>;
  kind: 'Kustomization' | 'Component';
}

/** The kustomization file of a directory, if it has exactly one (several: kustomize's error). */
export function findKustomizationFile(dir: string, files: FileCache): string | undefined {
  const found = KUSTOMIZATION_FILE_NAMES.map((n) => posix.join(dir, n)).filter((p) => !files.host.isDirectory(p) && files.host.readFile(p) !== undefined);
  if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${dir}`, fileOrigin(found[0]!));
  return found[0];
}

/** api/internal/target/errmissingkustomization.go */
export function missingKustomizationMessage(dir: string): string {
  return `unable to find one of ${KUSTOMIZATION_FILE_NAMES.map((n) => `'${n}'`).join(', ').replace(/, ([^,]*)$/, ' or $1')} in directory '${dir}'`;
}

export function loadKustomization(dir: string, files: FileCache, at?: Origin): Kustomization {
  const path = findKustomizationFile(dir, files);
  if (!path) throw new KustomizeError(missingKustomizationMessage(dir), at);
  const got = files.values(path)!;
  const file = got.file;
  const doc = file.documents.find((d) => d.fatal || (d.value !== undefined && d.value !== null));
  if (doc?.fatal) throw new KustomizeError(`invalid Kustomization: ${doc.fatal.message}`, { filePath: path, ...file.source.rangeOf([doc.fatal.offset, doc.fatal.endOffset]) });
  const idx = doc ? file.documents.indexOf(doc) : -1;
  const value = idx >= 0 ? got.values[idx] : {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new KustomizeError(`invalid Kustomization: the file is not a mapping`, fileOrigin(path));
  const raw = value as Record<string, unknown>;
  // api/internal/target/kusttarget.go Load: nothing but apiVersion and kind is no kustomization.
  if (Object.keys(raw).every((key) => key === 'apiVersion' || key === 'kind')) throw new KustomizeError(`${posix.basename(path)} is empty`, fileOrigin(path));
  const decodeError = firstDecodeError(raw, KUSTOMIZATION_TYPE, [], 'Kustomization', path);
  if (decodeError) throw new KustomizeError(`invalid Kustomization: ${decodeError.message}`, decodeError.origin);
  const kind = raw.kind === undefined || raw.kind === '' ? KUSTOMIZATION_KIND : raw.kind;
  const errs: string[] = [];
  if (kind !== KUSTOMIZATION_KIND && kind !== COMPONENT_KIND) errs.push(`kind should be ${KUSTOMIZATION_KIND} or ${COMPONENT_KIND}`);
  const required = kind === COMPONENT_KIND ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (raw.apiVersion !== undefined && raw.apiVersion !== '' && raw.apiVersion !== required) errs.push(`apiVersion for ${String(kind)} should be ${required}`);
  if (errs.length) throw new KustomizeError(`Failed to read kustomization file under ${dir}:\n${errs.join('\n')}`, originOf(raw, raw.kind !== undefined && kind !== KUSTOMIZATION_KIND && kind !== COMPONENT_KIND ? 'kind' : 'apiVersion')?.value ?? fileOrigin(path));
  return { dir, file, raw, kind: kind as 'Kustomization' | 'Component' };
}

/** Where `parent[key]` was written (its value, or the key, or the file). */
export function where(k: Kustomization, parent: unknown, key: string | number): Origin {
  if (parent && typeof parent === 'object') {
    const fo = originOf(parent as object, key);
    if (fo) return fo.value;
  }
  return fileOrigin(k.file.path);
}

/** The items of a list field (a missing or null field is empty; anything else is kustomize's decoding error). */
export function listField(k: Kustomization, field: string): Array<Entry> {
  const v = k.raw[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonType(v)} into Go struct field Kustomization.${field} of type []`, where(k, k.raw, field));
  return v.map((value, i) => ({ value, origin: where(k, v, i), fieldOrigin: originOf(v, i) }));
}

/** The entries of a string list field (resources, components, …), as kustomize decodes them. */
export function stringList(k: Kustomization, field: string): Array<Entry<string>> {
  return listField(k, field).map((e, i) => {
    const arr = k.raw[field] as unknown[];
    if (e.value !== null && typeof e.value === 'object') throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonType(e.value)} into Go struct field Kustomization.${field} of type string`, e.origin);
    return { ...e, value: writtenText(k.file, originOf(arr, i), e.value) };
  });
}

/** A string field (namespace, namePrefix …) as written. */
export function stringField(k: Kustomization, parent: Record<string, unknown>, field: string): Entry<string> | undefined {
  const v = parent[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonType(v)} into Go struct field of type string`, where(k, parent, field));
  return { value: writtenText(k.file, originOf(parent, field), v), origin: where(k, parent, field), fieldOrigin: originOf(parent, field) };
}

/** A map of strings (commonLabels, commonAnnotations, label pairs …) with each entry's origin. */
export function stringMap(k: Kustomization, parent: Record<string, unknown>, field: string): Array<{ key: string; value: string; origin: FieldOrigin }> {
  const v = parent[field];
  if (v === undefined || v === null) return [];
  if (typeof v !== 'object' || Array.isArray(v)) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonType(v)} into Go struct field of type map[string]string`, where(k, parent, field));
  return Object.entries(v as Record<string, unknown>).map(([key, val]) => {
    const fo = originOf(v, key) ?? { value: where(k, parent, field) };
    if (val !== null && typeof val === 'object') throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonType(val)} into Go value of type string`, fo.key ?? fo.value);
    return { key, value: val === null ? '' : writtenText(k.file, fo, val), origin: fo };
  });
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * The Go types kustomize decodes a kustomization into (api/types/*.go), for the errors of its strict JSON
 * decoding (encoding/json with DisallowUnknownFields). Only the shape matters here: the build reads values.
 */
type GoType =
  | { t: 'string' | 'bool' | 'int64' | 'any' }
  | { t: 'list'; of: GoType; go: string }
  | { t: 'map'; of: GoType; go: string }
  | { t: 'struct'; name: string; fields: Record<string, GoType> };

const STRING: GoType = { t: 'string' };
const BOOL: GoType = { t: 'bool' };
const ANY: GoType = { t: 'any' };
const STRINGS: GoType = { t: 'list', of: STRING, go: '[]string' };
const STRING_MAP: GoType = { t: 'map', of: STRING, go: 'map[string]string' };
const struct = (name: string, fields: Record<string, GoType>): GoType => ({ t: 'struct', name, fields });
const list = (of: GoType & { t: 'struct' }): GoType => ({ t: 'list', of, go: `[]types.${of.name}` });

const FIELD_SPEC = struct('FieldSpec', { group: STRING, version: STRING, kind: STRING, path: STRING, create: BOOL });
const SELECTOR = struct('Selector', { group: STRING, version: STRING, kind: STRING, name: STRING, namespace: STRING, labelSelector: STRING, annotationSelector: STRING });
const PATCH = struct('Patch', { path: STRING, patch: STRING, target: SELECTOR, options: { t: 'map', of: BOOL, go: 'map[string]bool' } });
const IMAGE = struct('Image', { name: STRING, newName: STRING, tagSuffix: STRING, newTag: STRING, digest: STRING });
const GENERATOR_OPTIONS = struct('GeneratorOptions', { labels: STRING_MAP, annotations: STRING_MAP, disableNameSuffixHash: BOOL, immutable: BOOL });
const KV_SOURCES = { literals: STRINGS, files: STRINGS, envs: STRINGS, env: STRING };
const CONFIG_MAP_ARGS = struct('ConfigMapArgs', { namespace: STRING, name: STRING, behavior: STRING, ...KV_SOURCES, options: GENERATOR_OPTIONS });
const SECRET_ARGS = struct('SecretArgs', { namespace: STRING, name: STRING, behavior: STRING, ...KV_SOURCES, options: GENERATOR_OPTIONS, type: STRING });
const TARGET = struct('Target', { group: STRING, version: STRING, kind: STRING, name: STRING, namespace: STRING, apiVersion: STRING });
const VAR = struct('Var', { name: STRING, objref: TARGET, fieldref: struct('FieldSelector', { fieldPath: STRING }) });
const LABEL = struct('Label', { pairs: STRING_MAP, includeSelectors: BOOL, includeTemplates: BOOL, fields: list(FIELD_SPEC as GoType & { t: 'struct' }) });

/** api/types/kustomization.go */
const KUSTOMIZATION_TYPE = struct('Kustomization', {
  apiVersion: STRING, kind: STRING,
  metadata: struct('ObjectMeta', { name: STRING, namespace: STRING, labels: STRING_MAP, annotations: STRING_MAP }),
  openapi: STRING_MAP, namePrefix: STRING, nameSuffix: STRING, namespace: STRING, commonLabels: STRING_MAP,
  labels: list(LABEL as GoType & { t: 'struct' }), commonAnnotations: STRING_MAP,
  patchesStrategicMerge: { t: 'list', of: STRING, go: '[]types.PatchStrategicMerge' },
  patchesJson6902: list(PATCH as GoType & { t: 'struct' }), patches: list(PATCH as GoType & { t: 'struct' }),
  images: list(IMAGE as GoType & { t: 'struct' }), imageTags: list(IMAGE as GoType & { t: 'struct' }),
  replacements: { t: 'list', of: ANY, go: '[]types.ReplacementField' },
  replicas: list(struct('Replica', { name: STRING, count: { t: 'int64' } }) as GoType & { t: 'struct' }),
  vars: list(VAR as GoType & { t: 'struct' }),
  sortOptions: struct('SortOptions', { order: STRING, legacySortOptions: struct('LegacySortOptions', { orderFirst: STRINGS, orderLast: STRINGS }) }),
  resources: STRINGS, components: STRINGS, crds: STRINGS, bases: STRINGS,
  configMapGenerator: list(CONFIG_MAP_ARGS as GoType & { t: 'struct' }), secretGenerator: list(SECRET_ARGS as GoType & { t: 'struct' }),
  helmGlobals: ANY, helmCharts: { t: 'list', of: ANY, go: '[]types.HelmChart' }, helmChartInflationGenerator: { t: 'list', of: ANY, go: '[]types.HelmChartArgs' },
  generatorOptions: GENERATOR_OPTIONS, configurations: STRINGS, generators: STRINGS, transformers: STRINGS, validators: STRINGS, buildMetadata: STRINGS,
});

function goTypeName(t: GoType): string {
  if (t.t === 'list' || t.t === 'map') return t.go;
  if (t.t === 'struct') return `types.${t.name}`;
  return t.t;
}

/**
 * The first error Go's encoding/json reports for `v` decoded into `type`: kustomize turns the YAML into JSON
 * first (keys sorted), so the first in that order. A null decodes into anything.
 */
function firstDecodeError(v: unknown, type: GoType, path: string[], structName: string, file: string, at?: FieldOrigin): { message: string; origin: Origin } | undefined {
  if (v === null || v === undefined || type.t === 'any') return undefined;
  const where = at?.value ?? fileOrigin(file);
  const mismatch = (): { message: string; origin: Origin } => {
    const kind = jsonType(v);
    const shown = kind === 'number' && type.t === 'int64' ? `number ${String(v)}` : kind === 'boolean' ? 'bool' : kind;
    return { message: `json: cannot unmarshal ${shown} into Go struct field ${structName}.${path.join('.')} of type ${goTypeName(type)}`, origin: where };
  };
  switch (type.t) {
    case 'string':
      return typeof v === 'string' ? undefined : mismatch();
    case 'bool':
      return typeof v === 'boolean' ? undefined : mismatch();
    case 'int64':
      return typeof v === 'number' && Number.isInteger(v) ? undefined : mismatch();
    case 'list': {
      if (!Array.isArray(v)) return mismatch();
      for (let i = 0; i < v.length; i++) {
        const e = firstDecodeError(v[i], type.of, path, structName, file, originOf(v, i) ?? at);
        if (e) return e;
      }
      return undefined;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return mismatch();
      for (const key of Object.keys(v).sort()) {
        const e = firstDecodeError((v as Record<string, unknown>)[key], type.of, path, structName, file, originOf(v, key) ?? at);
        if (e) return e;
      }
      return undefined;
    }
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v)) return mismatch();
      for (const written of Object.keys(v).sort()) {
        // encoding/json matches field names without regard to case: `newtag` is newTag.
        const key = type.fields[written] ? written : (Object.keys(type.fields).find((f) => f.toLowerCase() === written.toLowerCase()) ?? written);
        const m = v as Record<string, unknown>;
        if (key !== written && !(key in m)) {
          const fo = originOf(m, written);
          m[key] = m[written];
          delete m[written];
          if (fo) setOrigin(m, key, fo);
        }
        const fo = originOf(v, key);
        const ft = type.fields[key];
        if (!ft) return { message: `json: unknown field "${written}"`, origin: fo?.key ?? fo?.value ?? where };
        const e = firstDecodeError((v as Record<string, unknown>)[key], ft, [...path, key], type.name, file, fo);
        if (e) return e;
      }
      return undefined;
    }
  }
}
