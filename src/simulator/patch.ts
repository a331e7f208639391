/**
 * The three patch types of `kubectl patch --type`: strategic (the default), merge (RFC 7386 JSON merge
 * patch) and json (RFC 6902). Strategic merge is supported for the common cases: maps merge, `null`
 * deletes, `$patch: replace|delete` directives, and lists merged by their Kubernetes patchMergeKey
 * (containers by name, ports by containerPort, env by name …); other lists are replaced.
 */
import type { Json } from './model.js';

/** patchMergeKey of list fields in k8s.io/api/core/v1/types.go and meta/v1. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  ports: 'containerPort',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
  resourceClaims: 'name',
};

const isMap = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function jsonMergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}

export function strategicMergePatch(target: Json, patch: Json, field = ''): Json {
  if (Array.isArray(patch)) return mergeList(Array.isArray(target) ? target : [], patch, field);
  if (!isMap(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _r, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else {
      const merged = strategicMergePatch(out[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

function mergeList(target: Json[], patch: Json[], field: string): Json[] {
  const key = MERGE_KEYS[field];
  if (!key) return structuredClone(patch);
  const out = target.map((x) => structuredClone(x));
  for (const item of patch) {
    if (!isMap(item) || !(key in item)) {
      out.push(structuredClone(item));
      continue;
    }
    const i = out.findIndex((x) => isMap(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = strategicMergePatch(out[i], item, '');
    else out.push(strategicMergePatch({}, item, ''));
  }
  return out;
}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer "${pointer}"`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test). Throws with kubectl-like text. */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new Error('a json patch must be a list of operations');
  let doc = structuredClone(target);
  const parentOf = (path: string): [Json, string] => {
    const t = tokens(path);
    if (t.length === 0) return [undefined, ''];
    let cur = doc;
    for (const k of t.slice(0, -1)) {
      cur = Array.isArray(cur) ? cur[Number(k)] : cur?.[k];
      if (cur === undefined || cur === null || typeof cur !== 'object') throw new Error(`doc is missing path: "${path}": missing value`);
    }
    return [cur, t[t.length - 1]!];
  };
  const get = (path: string): Json => {
    let cur = doc;
    for (const k of tokens(path)) {
      cur = Array.isArray(cur) ? cur[Number(k)] : cur?.[k];
      if (cur === undefined) throw new Error(`doc is missing path: "${path}": missing value`);
    }
    return cur;
  };
  const add = (path: string, value: Json) => {
    const [parent, last] = parentOf(path);
    if (parent === undefined) {
      doc = value;
      return;
    }
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new Error(`add operation does not apply: doc is missing path: "${path}"`);
      parent.splice(i, 0, value);
    } else parent[last] = value;
  };
  const remove = (path: string) => {
    const [parent, last] = parentOf(path);
    if (Array.isArray(parent)) {
      const i = Number(last);
      if (!(i >= 0 && i < parent.length)) throw new Error(`remove operation does not apply: doc is missing path: "${path}"`);
      parent.splice(i, 1);
    } else {
      if (!parent || !(last in parent)) throw new Error(`remove operation does not apply: doc is missing path: "${path}"`);
      delete parent[last];
    }
  };
  for (const op of ops) {
    const path = String(op?.path ?? '');
    switch (op?.op) {
      case 'add': add(path, structuredClone(op.value)); break;
      case 'remove': remove(path); break;
      case 'replace': get(path); remove(path); add(path, structuredClone(op.value)); break;
      case 'move': { const v = get(String(op.from)); remove(String(op.from)); add(path, v); break; }
      case 'copy': add(path, structuredClone(get(String(op.from)))); break;
      case 'test': if (JSON.stringify(get(path)) !== JSON.stringify(op.value)) throw new Error(`testing value ${path} failed`); break;
      default: throw new Error(`Unexpected kind: ${String(op?.op)}`);
    }
  }
  return doc;
}
