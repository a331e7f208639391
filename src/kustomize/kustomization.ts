/**
 * A kustomization file as kustomize reads it (api/types/kustomization.go, api/internal/target/kusttarget.go
 * Load): found by its recognised names, decoded strictly (an unknown field is an error), deprecated forms
 * folded into the current ones (FixKustomization), kind and apiVersion checked (EnforceFields).
 */
import { posix } from 'node:path';
import { originOf, type FieldOrigin, type Origin } from './origin.js';
import { KustomizeError } from './resource.js';
import { fileOrigin, writtenText, type FileCache, type ParsedFile } from './files.js';

/** api/konfig/general.go RecognizedKustomizationFileNames */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** api/types/kustomization.go */
export const KUSTOMIZATION_KIND = 'Kustomization';
export const COMPONENT_KIND = 'Component';
export const KUSTOMIZATION_VERSION = 'kustomize.config.k8s.io/v1beta1';
export const COMPONENT_VERSION = 'kustomize.config.k8s.io/v1alpha1';

/** The fields of api/types/kustomization.go (json names). */
const KNOWN_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'commonAnnotations',
  'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements', 'replicas', 'vars', 'sortOptions',
  'resources', 'components', 'crds', 'bases', 'configMapGenerator', 'secretGenerator', 'helmGlobals', 'helmCharts',
  'helmChartInflationGenerator', 'generatorOptions', 'configurations', 'generators', 'transformers', 'validators', 'buildMetadata',
]);

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
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key)) throw new KustomizeError(`invalid Kustomization: json: unknown field "${key}"`, originOf(raw, key)?.key ?? fileOrigin(path));
  }
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
