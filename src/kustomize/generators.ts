/**
 * configMapGenerator and secretGenerator (api/kv, api/internal/generators, api/builtins/ConfigMapGenerator.go,
 * SecretGenerator.go) and the content hash kustomize appends to generated names (api/hasher/hasher.go).
 */
import { nodeCrypto } from '../source/builtins.js';
import { posix } from 'node:path';
import type { K8sObject } from '../types.js';
import { stampOrigin, setOrigin, originOf, type FieldOrigin } from './origin.js';
import { KustomizeError, type Resource } from './resource.js';
import { stringField, stringMap, where, type Kustomization } from './kustomization.js';
import { writtenText, type FileCache } from './files.js';

interface Options {
  labels: Array<{ key: string; value: string; origin: FieldOrigin }>;
  annotations: Array<{ key: string; value: string; origin: FieldOrigin }>;
  disableNameSuffixHash: boolean;
  immutable: boolean;
}

function readOptions(k: Kustomization, v: unknown): Options | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  return { labels: stringMap(k, o, 'labels'), annotations: stringMap(k, o, 'annotations'), disableNameSuffixHash: o.disableNameSuffixHash === true, immutable: o.immutable === true };
}

/** api/types/generatoroptions.go MergeGlobalOptionsIntoLocal */
function mergeOptions(local: Options | undefined, global: Options | undefined): Options {
  const out: Options = local ? { ...local, labels: [...local.labels], annotations: [...local.annotations] } : { labels: [], annotations: [], disableNameSuffixHash: false, immutable: false };
  if (!global) return out;
  for (const l of global.labels) if (!out.labels.some((x) => x.key === l.key)) out.labels.push(l);
  for (const a of global.annotations) if (!out.annotations.some((x) => x.key === a.key)) out.annotations.push(a);
  if (global.disableNameSuffixHash) out.disableNameSuffixHash = true;
  if (global.immutable) out.immutable = true;
  return out;
}

/** api/kv/kv.go removeQuotes: surrounding quotes of the same kind are dropped. */
function removeQuotes(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1]) return s;
  return s[0] === '"' || s[0] === "'" ? s.slice(1, -1) : s;
}

interface KV {
  key: string;
  value: string;
  origin: FieldOrigin;
  binary?: boolean;
}

/** Valid UTF-8 text survives a decode/encode round trip; kustomize puts anything else in binaryData. */
function decodeFile(bytes: string): { text: string; binary: boolean } {
  return { text: bytes, binary: bytes.includes('\uFFFD') };
}

function collect(k: Kustomization, files: FileCache, gen: Record<string, unknown>, name: string): KV[] {
  const out: KV[] = [];
  const list = (field: string): Array<{ value: string; origin: FieldOrigin }> => {
    const v = gen[field];
    if (v === undefined || v === null) return [];
    const arr = Array.isArray(v) ? v : [v];
    return arr.map((item, i) => {
      const fo = (Array.isArray(v) ? originOf(v, i) : originOf(gen, field)) ?? { value: where(k, gen, field) };
      return { value: writtenText(k.file, fo, item), origin: fo };
    });
  };
  for (const lit of list('literals')) {
    const s = lit.value;
    const eq = s.indexOf('=');
    if (eq <= 0) throw new KustomizeError(`invalid literal source ${s}, expected key=value`, lit.origin.value);
    out.push({ key: s.slice(0, eq), value: removeQuotes(s.slice(eq + 1)), origin: lit.origin });
  }
  for (const f of list('files')) {
    let key: string;
    let path: string;
    const eq = f.value.indexOf('=');
    if (eq >= 0) {
      key = f.value.slice(0, eq);
      path = f.value.slice(eq + 1);
      if (key === '') throw new KustomizeError(`key name for file path ${path} missing`, f.origin.value);
    } else {
      path = f.value;
      key = posix.basename(path);
    }
    const abs = posix.resolve(k.dir, path);
    const text = files.text(abs);
    if (text === undefined) throw new KustomizeError(`evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`, f.origin.value);
    const d = decodeFile(text);
    out.push({ key, value: d.text, origin: f.origin, binary: d.binary });
  }
  const envs = [...list('envs'), ...list('env')];
  for (const e of envs) {
    const abs = posix.resolve(k.dir, e.value);
    const text = files.text(abs);
    if (text === undefined) throw new KustomizeError(`evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`, e.origin.value);
    text.split('\n').forEach((rawLine, i) => {
      let line = rawLine.replace(/\r$/, '');
      if (i === 0) line = line.replace(/^\uFEFF/, '');
      line = line.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) throw new KustomizeError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`, e.origin.value);
      // A line without `=` takes its value from the environment in kustomize; podlint reads no environment: empty.
      out.push({ key, value: eq < 0 ? '' : line.slice(eq + 1), origin: e.origin });
    });
  }
  const seen = new Set<string>();
  for (const kv of out) {
    if (seen.has(kv.key)) throw new KustomizeError(`configmap ${name} illegally repeats the key \`${kv.key}\``, kv.origin.value);
    seen.add(kv.key);
  }
  return out;
}

/** A generated ConfigMap or Secret for one generator entry. */
export function generate(k: Kustomization, files: FileCache, kind: 'ConfigMap' | 'Secret', entry: unknown, entryOrigin: FieldOrigin): Resource {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new KustomizeError(`invalid Kustomization: a ${kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator'} entry must be a mapping`, entryOrigin.value);
  const gen = entry as Record<string, unknown>;
  const nameE = stringField(k, gen, 'name');
  const name = nameE?.value ?? '';
  const nsE = stringField(k, gen, 'namespace');
  const behaviorE = stringField(k, gen, 'behavior');
  const behavior = (behaviorE?.value || 'create') as 'create' | 'merge' | 'replace';
  if (!['create', 'merge', 'replace'].includes(behavior)) throw new KustomizeError(`unknown generation behavior '${behaviorE?.value}'`, behaviorE!.origin);
  const global = readOptions(k, k.raw.generatorOptions);
  const opts = mergeOptions(readOptions(k, gen.options), global);
  const kvs = collect(k, files, gen, name);
  const obj: K8sObject = { apiVersion: 'v1', kind };
  stampOrigin(obj, entryOrigin);
  const md: Record<string, unknown> = {};
  stampOrigin(md, entryOrigin);
  obj.metadata = md;
  md.name = name;
  if (nameE?.fieldOrigin) setOrigin(md, 'name', nameE.fieldOrigin);
  const ns = nsE?.value;
  if (ns) {
    md.namespace = ns;
    if (nsE?.fieldOrigin) setOrigin(md, 'namespace', nsE.fieldOrigin);
  }
  const putMap = (field: string, pairs: Array<{ key: string; value: string; origin: FieldOrigin }>, into: Record<string, unknown>) => {
    if (pairs.length === 0) return;
    const m: Record<string, unknown> = {};
    into[field] = m;
    stampOrigin(m, pairs[0]!.origin);
    for (const p of pairs) {
      m[p.key] = p.value;
      setOrigin(m, p.key, p.origin);
    }
  };
  putMap('labels', opts.labels, md);
  putMap('annotations', opts.annotations, md);
  const text = kvs.filter((x) => !x.binary);
  const binary = kvs.filter((x) => x.binary);
  if (kind === 'ConfigMap') {
    putMap('data', text, obj);
    putMap('binaryData', binary.map((b) => ({ ...b, value: Buffer.from(b.value, 'latin1').toString('base64') })), obj);
  } else {
    putMap('data', kvs.map((x) => ({ ...x, value: Buffer.from(x.value, 'utf8').toString('base64') })), obj);
    const typeE = stringField(k, gen, 'type');
    obj.type = typeE?.value || 'Opaque';
    if (typeE?.fieldOrigin) setOrigin(obj, 'type', typeE.fieldOrigin);
  }
  if (opts.immutable) obj.immutable = true;
  return { object: obj, previousIds: [], generated: { behavior, hashSuffix: !opts.disableNameSuffixHash } };
}

/** Go's encoding/json escapes <, > and & (and U+2028/2029) in strings. */
function goJson(v: unknown): string {
  return JSON.stringify(sortKeys(v)).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function sortKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(sortKeys);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** api/hasher/hasher.go encode: the first ten hex digits, with some letters swapped so that no word forms. */
function encodeHash(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

function mapOrEmpty(v: unknown): unknown {
  if (v === undefined) return '';
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeof x === 'string' ? x : x === null ? null : String(x)]));
  return v === null ? '' : String(v);
}

/**
 * The content hash of a generated object (api/hasher/hasher.go Hash). kustomize looks the name up as one
 * field called "metadata/name", which no object has: the name takes no part in the hash.
 */
export function contentHash(obj: K8sObject): string {
  let m: Record<string, unknown>;
  if (obj.kind === 'ConfigMap') {
    m = { kind: 'ConfigMap', name: '', data: mapOrEmpty(obj.data) };
    if (obj.binaryData && typeof obj.binaryData === 'object') m.binaryData = mapOrEmpty(obj.binaryData);
  } else if (obj.kind === 'Secret') {
    m = { kind: 'Secret', type: mapOrEmpty(obj.type), name: '', data: mapOrEmpty(obj.data) };
    if (obj.stringData && typeof obj.stringData === 'object') m.stringData = mapOrEmpty(obj.stringData);
  } else {
    m = obj as Record<string, unknown>;
  }
  return encodeHash(nodeCrypto().createHash('sha256').update(goJson(m), 'utf8').digest('hex'));
}
