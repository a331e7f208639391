/**
 * JSON patches (RFC 6902) applied the way kustomize applies them: api/filters/patchjson6902 hands the
 * resource to evanphx/json-patch (v4), whose behaviour and messages this mirrors — including where it
 * departs from the RFC: `replace` of a missing object key adds it, `copy` from a missing object key
 * copies null, negative array indices count from the end for `add` and `remove`, and `test` of an
 * object passes when the document's object has every field of the expected one.
 *
 * Origins: a value an operation writes carries the origin of the operation's `value` (its file and
 * line); a moved or copied value keeps the origins it had.
 */
import type { K8sObject } from '../types.js';
import { cloneTracked, originOf, setOrigin, type FieldOrigin } from './origin.js';
import { KustomizeError } from './resource.js';

type Container = Record<string, unknown> | unknown[];

/** evanphx/json-patch errors.go: the sentinel errors its messages end with. */
const ERR_MISSING = 'missing value';
const ERR_INVALID_INDEX = 'invalid index referenced';
const ERR_TEST_FAILED = 'test failed';

class PatchFailure extends Error {}

function isContainer(v: unknown): v is Container {
  return v !== null && typeof v === 'object';
}

function has(m: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** RFC 6901 token decoding (evanphx decodePatchKey). */
function decodeKey(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Go's strconv.Atoi: an optional sign and decimal digits. */
function atoi(key: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(key) ? Number.parseInt(key, 10) : undefined;
}

function atoiError(key: string): string {
  return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
}

/** evanphx findObject: the container holding the pointer's last token, and that token. */
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let node: unknown = doc;
  for (const part of split.slice(1, -1)) {
    const next = get(node as Container, decodeKey(part));
    if (next === undefined || next === null || next instanceof PatchFailure || !isContainer(next)) return undefined;
    node = next;
  }
  return [node as Container, decodeKey(split[split.length - 1]!)];
}

/** A container's member (undefined when an object has no such key), or the failure of an array index. */
function get(c: Container, key: string): unknown {
  if (!Array.isArray(c)) return has(c, key) ? c[key] : undefined;
  const idx = atoi(key);
  if (idx === undefined) return new PatchFailure(atoiError(key));
  if (idx >= c.length) return new PatchFailure(`Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`);
  if (idx < 0) return new PatchFailure(`Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`);
  return c[idx];
}

/** Scalar items' origins follow their items when an array is rebuilt. */
function rebuild(arr: unknown[], next: Array<{ v: unknown; o?: FieldOrigin }>): void {
  arr.length = 0;
  next.forEach(({ v }) => arr.push(v));
  next.forEach(({ v, o }, i) => {
    if (o && !isContainer(v)) setOrigin(arr, i, o);
  });
}

function itemsOf(arr: unknown[]): Array<{ v: unknown; o?: FieldOrigin }> {
  return arr.map((v, i) => ({ v, o: originOf(arr, i) }));
}

function add(c: Container, key: string, value: unknown, origin: FieldOrigin | undefined): void {
  if (!Array.isArray(c)) {
    c[key] = value;
    if (origin && !isContainer(value)) setOrigin(c, key, origin);
    return;
  }
  const items = itemsOf(c);
  if (key === '-') {
    items.push({ v: value, o: origin });
    rebuild(c, items);
    return;
  }
  let idx = atoi(key);
  if (idx === undefined) throw new PatchFailure(`value was not a proper array index: '${key}': ${atoiError(key)}`);
  const size = c.length + 1;
  if (idx >= size || idx < -size) throw new PatchFailure(`Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`);
  if (idx < 0) idx += size;
  items.splice(idx, 0, { v: value, o: origin });
  rebuild(c, items);
}

function remove(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!has(c, key)) throw new PatchFailure(`Unable to remove nonexistent key: ${key}: ${ERR_MISSING}`);
    delete c[key];
    return;
  }
  let idx = atoi(key);
  if (idx === undefined) throw new PatchFailure(atoiError(key));
  if (idx >= c.length || idx < -c.length) throw new PatchFailure(`Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`);
  if (idx < 0) idx += c.length;
  const items = itemsOf(c);
  items.splice(idx, 1);
  rebuild(c, items);
}

/** evanphx lazyNode.equal: objects compare one way (every field of `a` in `b`), arrays item by item, scalars by their JSON. */
function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isContainer(a)) {
    if (!isContainer(b) || Array.isArray(b)) return false;
    return Object.entries(a).every(([k, v]) => has(b, k) && ((v === null && b[k] === null) || equal(v, b[k])));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function field(op: Record<string, unknown>, name: string): string | undefined {
  const v = op[name];
  return typeof v === 'string' ? v : undefined;
}

function apply(doc: Container, op: Record<string, unknown>): void {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  const path = field(op, 'path');
  const from = field(op, 'from');
  const hasValue = has(op, 'value');
  const valueOrigin = originOf(op, 'value');
  const value = () => cloneTracked(op.value ?? null);
  switch (kind) {
    case 'add': {
      if (path === undefined) throw new PatchFailure(`add operation failed to decode path: ${ERR_MISSING}`);
      const found = findObject(doc, path);
      if (!found) throw new PatchFailure(`add operation does not apply: doc is missing path: "${path}": ${ERR_MISSING}`);
      try {
        add(found[0], found[1], value(), valueOrigin);
      } catch (e) {
        throw new PatchFailure(`error in add for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case 'remove': {
      if (path === undefined) throw new PatchFailure(`remove operation failed to decode path: ${ERR_MISSING}`);
      const found = findObject(doc, path);
      if (!found) throw new PatchFailure(`remove operation does not apply: doc is missing path: "${path}": ${ERR_MISSING}`);
      try {
        remove(found[0], found[1]);
      } catch (e) {
        throw new PatchFailure(`error in remove for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case 'replace': {
      if (path === undefined) throw new PatchFailure(`replace operation failed to decode path: operation missing path field: ${ERR_MISSING}`);
      const found = findObject(doc, path);
      if (!found) throw new PatchFailure(`replace operation does not apply: doc is missing path: ${path}: ${ERR_MISSING}`);
      const [c, key] = found;
      if (get(c, key) instanceof PatchFailure) throw new PatchFailure(`replace operation does not apply: doc is missing key: ${path}: ${ERR_MISSING}`);
      const v = value();
      (c as Record<string, unknown>)[Array.isArray(c) ? Number(atoi(key)) : key] = v;
      if (valueOrigin && !isContainer(v)) setOrigin(c, Array.isArray(c) ? Number(atoi(key)) : key, valueOrigin);
      return;
    }
    case 'move': {
      if (from === undefined) throw new PatchFailure(`move operation failed to decode from: operation, missing from field: ${ERR_MISSING}`);
      const src = findObject(doc, from);
      if (!src) throw new PatchFailure(`move operation does not apply: doc is missing from path: ${from}: ${ERR_MISSING}`);
      const [sc, skey] = src;
      const got = get(sc, skey);
      if (got instanceof PatchFailure) throw new PatchFailure(`error in move for path: '${skey}': ${got.message}`);
      const origin = originOf(sc, Array.isArray(sc) ? Number(atoi(skey)) : skey);
      try {
        remove(sc, skey);
      } catch (e) {
        throw new PatchFailure(`error in move for path: '${skey}': ${(e as Error).message}`);
      }
      if (path === undefined) throw new PatchFailure(`move operation failed to decode path: operation missing path field: ${ERR_MISSING}`);
      const dst = findObject(doc, path);
      if (!dst) throw new PatchFailure(`move operation does not apply: doc is missing destination path: ${path}: ${ERR_MISSING}`);
      try {
        add(dst[0], dst[1], got === undefined ? null : got, origin);
      } catch (e) {
        throw new PatchFailure(`error in move for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case 'copy': {
      if (from === undefined) throw new PatchFailure(`copy operation failed to decode from: operation, missing from field: ${ERR_MISSING}`);
      const src = findObject(doc, from);
      if (!src) throw new PatchFailure(`copy operation does not apply: doc is missing from path: ${from}: ${ERR_MISSING}`);
      const [sc, skey] = src;
      const got = get(sc, skey);
      if (got instanceof PatchFailure) throw new PatchFailure(`error in copy for from: '${from}': ${got.message}`);
      const origin = got === undefined ? undefined : originOf(sc, Array.isArray(sc) ? Number(atoi(skey)) : skey);
      if (path === undefined) throw new PatchFailure(`copy operation failed to decode path: ${ERR_MISSING}`);
      const dst = findObject(doc, path);
      if (!dst) throw new PatchFailure(`copy operation does not apply: doc is missing destination path: ${path}: ${ERR_MISSING}`);
      try {
        add(dst[0], dst[1], got === undefined ? null : cloneTracked(got), origin);
      } catch (e) {
        throw new PatchFailure(`error while adding value during copy: ${(e as Error).message}`);
      }
      return;
    }
    case 'test': {
      if (path === undefined) throw new PatchFailure(`test operation failed to decode path: operation missing path field: ${ERR_MISSING}`);
      const found = findObject(doc, path);
      if (!found) throw new PatchFailure(`test operation does not apply: is missing path: ${path}: ${ERR_MISSING}`);
      const got = get(found[0], found[1]);
      if (got instanceof PatchFailure) throw new PatchFailure(`error in test for path: '${path}': ${got.message}`);
      const failed = `testing value ${path} failed: ${ERR_TEST_FAILED}`;
      if (got === undefined || got === null) {
        if (hasValue && op.value === null) return;
        throw new PatchFailure(failed);
      }
      if (!hasValue || !equal(got, op.value)) throw new PatchFailure(failed);
      return;
    }
    default:
      throw new PatchFailure(`Unexpected kind: ${kind}`);
  }
}

/**
 * Apply JSON patch operations to a resource, as kustomize does. The result is a new tracked object;
 * `target` is not changed. A failing operation throws a KustomizeError with evanphx/json-patch's
 * message, located at the operation.
 */
export function applyJson6902(target: K8sObject, operations: unknown[]): K8sObject {
  const doc = cloneTracked(target) as unknown as Record<string, unknown>;
  operations.forEach((op, i) => {
    if (op === null || typeof op !== 'object' || Array.isArray(op)) {
      throw new KustomizeError(`Unexpected kind: unknown`, originOf(operations, i)?.value);
    }
    try {
      apply(doc, op as Record<string, unknown>);
    } catch (e) {
      if (!(e instanceof PatchFailure)) throw e;
      const o = op as Record<string, unknown>;
      const at = originOf(o, 'path') ?? originOf(o, 'op') ?? originOf(operations, i);
      throw new KustomizeError(e.message, at?.value);
    }
  });
  return doc as unknown as K8sObject;
}
