/**
 * Where each field of a built object was written.
 *
 * A kustomize build turns files into objects that no single file holds: a field may come from the base
 * resource, from the patch that set it, or from the kustomization.yaml entry of the transformer that
 * changed it. Built objects stay plain JSON values (rules, schemas and reporters see exactly what they see
 * for a read object); their origins live beside them, in a WeakMap keyed by each mapping and sequence:
 * the collection's own origin (its key and value in its parent) and the origin of each scalar child.
 * A container carries its origins wherever a transformation moves it; `cloneTracked` copies them with it,
 * and a transformation that writes a value records where that value was written with `setOrigin`.
 */
import type { SourceRange } from '../types.js';
import { pointerTokens } from '../source/locate.js';
import { findEntry, findItem, TAPE_MAP, TAPE_SEQ, type YamlDocument } from '../source/yaml.js';

/** A place in a file. */
export interface Origin extends SourceRange {
  filePath: string;
}

/** Where a field was written: its key (absent for sequence items and roots) and its value. */
export interface FieldOrigin {
  key?: Origin;
  value: Origin;
}

interface NodeOrigins {
  /** The collection's own key and value in its parent (for a root: the document). */
  self: FieldOrigin;
  /** Scalar (and null) children by key, or by index for sequences. */
  children: Map<string, FieldOrigin>;
}

const ORIGINS = new WeakMap<object, NodeOrigins>();

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

/** The origins of a collection (creating an empty record that points at `fallback` when it has none). */
function record(node: object, fallback?: FieldOrigin): NodeOrigins | undefined {
  let r = ORIGINS.get(node);
  if (!r && fallback) ORIGINS.set(node, (r = { self: fallback, children: new Map() }));
  return r;
}

/** The origin recorded for a collection itself. */
export function selfOrigin(node: object): FieldOrigin | undefined {
  return ORIGINS.get(node)?.self;
}

/** Record where a collection itself was written (its key and value in its parent). */
export function setSelfOrigin(node: object, origin: FieldOrigin): void {
  const r = ORIGINS.get(node);
  if (r) r.self = origin;
  else ORIGINS.set(node, { self: origin, children: new Map() });
}

/**
 * Record where `parent[key]` was written. For a collection value the origin becomes the collection's own;
 * for a scalar it is kept by the parent.
 */
export function setOrigin(parent: object, key: string | number, origin: FieldOrigin): void {
  const value = (parent as Record<string, unknown>)[key as string];
  if (isContainer(value)) {
    setSelfOrigin(value, origin);
    return;
  }
  const r = record(parent, origin);
  r!.children.set(String(key), origin);
}

/** Record `origin` for `value` and, recursively, every field inside it that has none yet (a value a transformer made). */
export function stampOrigin(value: unknown, origin: FieldOrigin): void {
  if (!isContainer(value)) return;
  const r = record(value, origin)!;
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [k, v] of entries) {
    if (isContainer(v)) {
      if (!ORIGINS.has(v)) stampOrigin(v, origin);
    } else if (!r.children.has(k)) r.children.set(k, origin);
  }
}

/** The origin of `parent[key]`, if one was recorded. */
export function originOf(parent: object, key: string | number): FieldOrigin | undefined {
  const value = (parent as Record<string, unknown>)[key as string];
  if (isContainer(value)) return ORIGINS.get(value)?.self;
  return ORIGINS.get(parent)?.children.get(String(key));
}

/** A deep copy of a JSON value with every origin copied to the copy. */
export function cloneTracked<T>(value: T): T {
  if (!isContainer(value)) return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? value.map((v) => cloneTracked(v)) : {};
  if (!Array.isArray(value)) for (const [k, v] of Object.entries(value)) (copy as Record<string, unknown>)[k] = cloneTracked(v);
  const r = ORIGINS.get(value);
  if (r) ORIGINS.set(copy, { self: r.self, children: new Map(r.children) });
  return copy as T;
}

/** After a sequence's items were reordered, inserted or removed: scalar items' origins follow their items. */
export function reindexSequence(seq: unknown[], before: ReadonlyArray<{ value: unknown; origin?: FieldOrigin }>): void {
  const r = ORIGINS.get(seq);
  if (!r) return;
  r.children.clear();
  const pool = before.filter((b) => !isContainer(b.value) && b.origin);
  seq.forEach((v, i) => {
    if (isContainer(v)) return;
    const j = pool.findIndex((b) => b.value === v);
    if (j >= 0) {
      r.children.set(String(i), pool[j]!.origin!);
      pool.splice(j, 1);
    }
  });
}

/**
 * A value read from a YAML document, with every field's origin recorded from the document's position
 * tape. `rangeOf` turns offsets into lines and columns of `filePath`. The value is the document's own
 * (not copied): clone it before changing it if the document is read again.
 */
export function trackDocumentValue(doc: YamlDocument, basePointer: string, filePath: string, rangeOf: (span: [number, number]) => SourceRange): unknown {
  let value: unknown = doc.value;
  let off = doc.root;
  let self: FieldOrigin = { value: { filePath, ...rangeOf(doc.span) } };
  for (const t of pointerTokens(basePointer)) {
    if (!isContainer(value) || off < 0) return undefined;
    const e = doc.tape[off] === TAPE_MAP ? findEntry(doc.tape, doc.names, off, t) : findItem(doc.tape, off, Number(t));
    if (e < 0) return undefined;
    value = (value as Record<string, unknown>)[t];
    self = entryOrigin(doc, e, filePath, rangeOf);
    off = doc.tape[e + 4]!;
  }
  if (isContainer(value) && off >= 0) trackNode(doc, value, off, self, filePath, rangeOf);
  return value;
}

function entryOrigin(doc: YamlDocument, e: number, filePath: string, rangeOf: (span: [number, number]) => SourceRange): FieldOrigin {
  const t = doc.tape;
  const fo: FieldOrigin = { value: { filePath, ...rangeOf([t[e + 2]!, t[e + 3]!]) } };
  if (t[e]! >= 0) fo.key = { filePath, ...rangeOf([t[e]!, t[e + 1]!]) };
  return fo;
}

function trackNode(doc: YamlDocument, node: object, off: number, self: FieldOrigin, filePath: string, rangeOf: (span: [number, number]) => SourceRange): void {
  const t = doc.tape;
  const r: NodeOrigins = { self, children: new Map() };
  ORIGINS.set(node, r);
  const count = t[off + 3]!;
  const isMap = t[off] === TAPE_MAP;
  if (!isMap && t[off] !== TAPE_SEQ) return;
  for (let i = 0; i < count; i++) {
    const e = off + 5 + 5 * i;
    const key = isMap ? doc.names[t[off + 4]! + i]! : String(i);
    const child = (node as Record<string, unknown>)[key];
    const fo = entryOrigin(doc, e, filePath, rangeOf);
    // An aliased collection is shared: the first place it is reached from names it.
    if (isContainer(child)) {
      if (!ORIGINS.has(child) && t[e + 4]! >= 0) trackNode(doc, child, t[e + 4]!, fo, filePath, rangeOf);
    } else r.children.set(key, fo);
  }
}

/**
 * The origin of the field at `pointer` in a built object, as ManifestSource.locate answers for a read one:
 * 'key' the field's name, 'value' its value, 'auto' the value for scalars and the key for collections. A
 * missing field is located at its nearest existing parent (`exact: false`).
 */
export function locateBuilt(root: unknown, pointer: string, at: 'key' | 'value' | 'auto' = 'auto'): { origin: Origin; exact: boolean } | undefined {
  if (!isContainer(root)) return undefined;
  let node: unknown = root;
  let fo = ORIGINS.get(root)?.self;
  if (!fo) return undefined;
  let exact = true;
  let scalar = false;
  for (const t of pointerTokens(pointer)) {
    if (!isContainer(node) || !Object.prototype.hasOwnProperty.call(node, t)) {
      exact = false;
      break;
    }
    const next = originOf(node, t);
    node = (node as Record<string, unknown>)[t];
    if (!next) {
      exact = false;
      break;
    }
    fo = next;
    scalar = !isContainer(node);
  }
  if (!exact) return { origin: fo.key ?? fo.value, exact: false };
  if (at === 'key' && fo.key) return { origin: fo.key, exact };
  if (at === 'auto' && fo.key && !scalar) return { origin: fo.key, exact };
  return { origin: fo.value, exact };
}
