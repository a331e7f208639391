/**
 * `replacements`: copy a field of one resource into fields of others, as kustomize v5 does
 * (api/filters/replacement/replacement.go, kyaml PathGetter / PathMatcher for field paths).
 *
 * - The source is the one resource whose current or earlier id has the source's group, version, kind,
 *   name and namespace (exact values; an empty one matches anything); its `fieldPath` (default
 *   metadata.name) must exist. `options.delimiter` + `options.index` take one part of the value.
 * - Each target selects resources the same way (plus labelSelector/annotationSelector), minus `reject`;
 *   each of its `fieldPaths` must exist unless `options.create`. Field paths are dot-separated; `[a.b]`
 *   is one key with dots, `[name=web]` the list items whose `name` matches the regular expression `web`
 *   (not anchored, like kyaml), `*` every item of a list, a number one item.
 * - A scalar target keeps its type (kyaml copies only the text); a created field takes the type YAML
 *   gives the text; a collection target is replaced by the source value. With `options.delimiter` the
 *   value replaces (or, index < 0 / past the end, is added before / after) one part of the target's text.
 *
 * Origins: every value written comes from the source field and carries its origin.
 */
import { stringify } from 'yaml';
import { cloneTracked, originOf, setOrigin, type FieldOrigin } from './origin.js';
import { KustomizeError, resIdOf, type ResId, type Resource } from './resource.js';
import { comparableNamespace as namespaceOf } from './fieldspecs.js';
import { isRecord } from '../k8s/podspec.js';
import { selectorMatches } from './targets.js';

type JsonMap = Record<string, unknown>;

/** api/types/replacement.go DefaultReplacementFieldPath. */
export const DEFAULT_REPLACEMENT_FIELD_PATH = 'metadata.name';


function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

interface Selector {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
  labelSelector: string;
  annotationSelector: string;
}

interface FieldOptions {
  delimiter: string;
  index: number;
  create: boolean;
}

function readSelector(v: unknown): Selector {
  const m = isRecord(v) ? v : {};
  return {
    group: str(m.group),
    version: str(m.version),
    kind: str(m.kind),
    name: str(m.name),
    namespace: str(m.namespace),
    labelSelector: str(m.labelSelector),
    annotationSelector: str(m.annotationSelector),
  };
}

function readOptions(v: unknown): FieldOptions | undefined {
  if (!isRecord(v)) return undefined;
  return { delimiter: str(v.delimiter), index: typeof v.index === 'number' ? v.index : 0, create: v.create === true };
}

/** kyaml resid ResId.String as replacement errors print it: Kind.Version.Group/Name.Namespace. */
function selectorString(s: Selector): string {
  return `${s.kind || '[noKind]'}.${s.version || '[noVer]'}.${s.group || '[noGrp]'}/${s.name || '[noName]'}.${s.namespace || '[noNs]'}`;
}


/** kyaml resid ResId.IsSelectedBy: exact group/version/kind/name, namespaces compared as effective namespaces. */
function selectedBy(id: ResId, s: Selector): boolean {
  if (s.name && s.name !== id.name) return false;
  if (s.namespace) {
    const sel: ResId = { group: s.group, version: s.version, kind: s.kind, name: s.name, namespace: s.namespace };
    if (namespaceOf(sel) !== namespaceOf(id)) return false;
  }
  if (s.group && s.group !== id.group) return false;
  if (s.version && s.version !== id.version) return false;
  if (s.kind && s.kind !== id.kind) return false;
  return true;
}

function idsOf(r: Resource): ResId[] {
  return [resIdOf(r.object), ...r.previousIds];
}

function labelsMatch(r: Resource, s: Selector): boolean {
  const md = isRecord(r.object.metadata) ? r.object.metadata : {};
  return selectorMatches(s.annotationSelector, md.annotations) && selectorMatches(s.labelSelector, md.labels);
}

/** kyaml SmarterPathSplitter: split on dots outside brackets. */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    if (c === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** A path step that cannot apply to the node it meets (kyaml's errors, which kustomize passes on). */
class LookupError extends Error {}

function kindName(v: unknown): string {
  return Array.isArray(v) ? 'SequenceNode' : isRecord(v) ? 'MappingNode' : 'ScalarNode';
}

function wrongKind(expected: string, node: unknown): LookupError {
  const contents = stringify(node).replace(/\n$/, '');
  return new LookupError(`wrong node kind: expected ${expected} but got ${kindName(node)}: node contents:\n${contents}`);
}

/** A place in a tracked value: the parent and the key (or index) of the field. */
interface Place {
  parent: JsonMap | unknown[];
  key: string | number;
}

function valueAt(p: Place): unknown {
  return (p.parent as Record<string, unknown>)[p.key as string];
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined || typeof v === 'object') return '';
  return String(v);
}

type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'match'; field: string; value: string }
  | { kind: 'index'; index: number }
  | { kind: 'last' }
  | { kind: 'every' };

function parseSegment(s: string): Segment {
  if (/^[0-9]+$/.test(s)) return { kind: 'index', index: Number(s) };
  if (s === '-') return { kind: 'last' };
  if (s === '*') return { kind: 'every' };
  if (s.startsWith('[') && s.endsWith(']')) {
    const inner = s.slice(1, -1);
    const eq = inner.indexOf('=');
    if (eq < 0) return { kind: 'field', name: inner };
    return { kind: 'match', field: inner.slice(0, eq), value: inner.slice(eq + 1) };
  }
  return { kind: 'field', name: s };
}

/** kyaml PathGetter (Lookup / LookupCreate): one place, list items matched exactly. */
function lookup(root: JsonMap, segments: Segment[], create: 'scalar' | 'map' | 'list' | undefined): Place | undefined {
  let node: unknown = root;
  let place: Place | undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    if (seg.kind === 'field') {
      if (node === null || node === undefined) return undefined;
      if (!isRecord(node)) throw wrongKind('MappingNode', node);
      if (!Object.prototype.hasOwnProperty.call(node, seg.name) || node[seg.name] === null) {
        if (!create) return undefined;
        const next = segments[i + 1];
        if (!last) node[seg.name] = next && next.kind === 'match' ? [] : {};
        else if (create === 'map') node[seg.name] = {};
        else if (create === 'list') node[seg.name] = [];
        else node[seg.name] = null;
      }
      place = { parent: node, key: seg.name };
    } else if (seg.kind === 'match') {
      if (!Array.isArray(node)) return undefined;
      let idx = node.findIndex((item) =>
        seg.field === '' ? !isRecord(item) && !Array.isArray(item) && scalarText(item) === seg.value : isRecord(item) && Object.prototype.hasOwnProperty.call(item, seg.field) && !isRecord(item[seg.field]) && scalarText(item[seg.field]) === seg.value,
      );
      if (idx < 0) {
        if (!create) return undefined;
        node.push(seg.field === '' ? seg.value : { [seg.field]: seg.value });
        idx = node.length - 1;
      }
      place = { parent: node, key: idx };
    } else if (seg.kind === 'index' || seg.kind === 'last') {
      if (!Array.isArray(node)) return undefined;
      const idx = seg.kind === 'last' ? node.length - 1 : seg.index;
      if (idx >= node.length) throw new LookupError(`index ${idx} specified but only ${node.length} elements found`);
      if (idx < 0) return undefined;
      place = { parent: node, key: idx };
    } else return undefined;
    node = valueAt(place);
  }
  return place;
}

/** kyaml PathMatcher: every place the path matches; `[field=regex]` matches list items by an unanchored regex. */
function match(node: unknown, segments: Segment[], out: Place[], at?: Place): void {
  if (segments.length === 0) {
    if (at) out.push(at);
    return;
  }
  const [seg, ...rest] = segments as [Segment, ...Segment[]];
  if (seg.kind === 'field') {
    if (node === null || node === undefined) return;
    if (!isRecord(node)) throw wrongKind('MappingNode', node);
    if (!Object.prototype.hasOwnProperty.call(node, seg.name)) return;
    match(node[seg.name], rest, out, { parent: node, key: seg.name });
  } else if (seg.kind === 'match') {
    if (!Array.isArray(node)) return;
    let re: RegExp;
    try {
      re = new RegExp(seg.value, 'u');
    } catch (e) {
      throw new KustomizeError(`error parsing regexp: ${(e as Error).message}`);
    }
    node.forEach((item, i) => {
      const v = seg.field === '' ? item : isRecord(item) ? item[seg.field] : undefined;
      if (v === undefined || v === null || isRecord(v) || Array.isArray(v)) return;
      if (re.test(scalarText(v).trim())) match(item, rest, out, { parent: node, key: i });
    });
  } else if (seg.kind === 'every') {
    if (!Array.isArray(node)) return;
    node.forEach((item, i) => match(item, rest, out, { parent: node, key: i }));
  } else if (seg.kind === 'index' || seg.kind === 'last') {
    if (!Array.isArray(node)) return;
    const idx = seg.kind === 'last' ? node.length - 1 : seg.index;
    if (idx >= node.length) throw new LookupError(`index ${idx} specified but only ${node.length} elements found`);
    if (idx < 0) return;
    match(node[idx], rest, out, { parent: node, key: idx });
  }
}

/** The JSON value YAML gives a plain scalar's text (go-yaml v3's resolution of an untagged scalar). */
function resolvePlain(text: string): unknown {
  if (text === '' || text === '~' || /^(null|Null|NULL)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  return text;
}

/** kyaml copies a scalar's text into the target and keeps the target's type. */
function typedLike(old: unknown, text: string, created: boolean, stringsOnly: boolean): unknown {
  if (typeof old === 'string' || stringsOnly) return text;
  if (typeof old === 'number') return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : text;
  if (typeof old === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return created || old === null ? resolvePlain(text) : text;
}

interface SourceValue {
  value: unknown;
  origin?: FieldOrigin;
}

function writeTo(place: Place, source: SourceValue, options: FieldOptions | undefined, created: boolean, path: Segment[]): void {
  const old = valueAt(place);
  const oldIsScalar = old === null || old === undefined || typeof old !== 'object';
  const inLabels = path.length === 3 && path[0]!.kind === 'field' && path[0]!.name === 'metadata' && path[1]!.kind === 'field' && (path[1]!.name === 'labels' || path[1]!.name === 'annotations');
  let text = scalarText(source.value);
  if (options?.delimiter) {
    if (!oldIsScalar) throw new KustomizeError('delimiter option can only be used with scalar nodes', source.origin?.value);
    const parts = scalarText(old).split(options.delimiter);
    if (options.index < 0) parts.unshift(text);
    else if (options.index >= parts.length) parts.push(text);
    else parts[options.index] = text;
    text = parts.join(options.delimiter);
    const v = typedLike(old, text, created, inLabels);
    (place.parent as Record<string, unknown>)[place.key as string] = v;
    if (source.origin) setOrigin(place.parent, place.key, source.origin);
    return;
  }
  if (oldIsScalar && !(created && source.value !== null && typeof source.value === 'object')) {
    const v = typedLike(old, text, created, inLabels);
    (place.parent as Record<string, unknown>)[place.key as string] = v;
    if (source.origin) setOrigin(place.parent, place.key, source.origin);
    return;
  }
  const v = cloneTracked(source.value);
  (place.parent as Record<string, unknown>)[place.key as string] = v;
  if (source.origin) setOrigin(place.parent, place.key, source.origin);
}

function getSource(resources: Resource[], source: JsonMap, sel: Selector, at: FieldOrigin | undefined): SourceValue {
  const matches = resources.filter((r) => idsOf(r).some((id) => selectedBy(id, sel)));
  if (matches.length > 1) throw new KustomizeError(`multiple matches for selector ${selectorString(sel)}`, at?.value);
  if (matches.length === 0) throw new KustomizeError(`nothing selected by ${selectorString(sel)}`, at?.value);
  const fieldPath = typeof source.fieldPath === 'string' && source.fieldPath !== '' ? source.fieldPath : DEFAULT_REPLACEMENT_FIELD_PATH;
  let place: Place | undefined;
  try {
    place = lookup(matches[0]!.object as JsonMap, splitFieldPath(fieldPath).map(parseSegment), undefined);
  } catch (e) {
    if (!(e instanceof LookupError)) throw e;
    throw new KustomizeError(`error looking up replacement source: ${e.message}`, (originOf(source, 'fieldPath') ?? at)?.value);
  }
  const value = place ? valueAt(place) : undefined;
  const empty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
  if (!place || empty) {
    throw new KustomizeError(`fieldPath \`${fieldPath}\` is missing for replacement source ${selectorString(sel)}`, (originOf(source, 'fieldPath') ?? at)?.value);
  }
  const origin = originOf(place.parent, place.key);
  const options = readOptions(source.options);
  if (!options || !options.delimiter) return { value, origin };
  if (typeof value === 'object') throw new KustomizeError('delimiter option can only be used with scalar nodes', originOf(source, 'options')?.value);
  const parts = scalarText(value).split(options.delimiter);
  if (options.index >= parts.length || options.index < 0) {
    throw new KustomizeError(`options.index ${options.index} is out of bounds for value ${scalarText(value)}`, originOf(source, 'options')?.value);
  }
  return { value: parts[options.index], origin };
}

/**
 * Apply `replacements` entries (as written in a kustomization: tracked values) to the resources, in
 * order, changing the resources' objects in place.
 */
export function applyReplacements(resources: Resource[], replacements: unknown[]): void {
  replacements.forEach((entry, i) => {
    const at = originOf(replacements, i);
    const r = isRecord(entry) ? entry : {};
    if (!isRecord(r.source) || !Array.isArray(r.targets)) throw new KustomizeError('replacements must specify a source and at least one target', at?.value);
    const value = getSource(resources, r.source, readSelector(r.source), originOf(r, 'source') ?? at);
    r.targets.forEach((t, j) => {
      const target = isRecord(t) ? t : {};
      const tAt = originOf(r.targets as unknown[], j) ?? at;
      if (!isRecord(target.select)) throw new KustomizeError('target must specify resources to select', tAt?.value);
      const select = readSelector(target.select);
      const rejects = Array.isArray(target.reject) ? target.reject.map(readSelector) : [];
      const paths = Array.isArray(target.fieldPaths) && target.fieldPaths.length > 0 ? target.fieldPaths.map((p) => String(p)) : [DEFAULT_REPLACEMENT_FIELD_PATH];
      const options = readOptions(target.options);
      for (const res of resources) {
        if (!labelsMatch(res, select)) continue;
        if (rejects.some((rj) => (rj.labelSelector || rj.annotationSelector) && labelsMatch(res, rj))) continue;
        const idIsEmpty = (s: Selector) => !s.group && !s.version && !s.kind && !s.name && !s.namespace;
        const hit = idsOf(res).some((id) => selectedBy(id, select) && !rejects.some((rj) => !idIsEmpty(rj) && selectedBy(id, rj)));
        if (!hit) continue;
        for (const fp of paths) applyToResource(res, fp, value, options, tAt);
      }
    });
  });
}

function applyToResource(res: Resource, fieldPath: string, value: SourceValue, options: FieldOptions | undefined, at: FieldOrigin | undefined): void {
  const segments = splitFieldPath(fieldPath).map(parseSegment);
  const places: Place[] = [];
  const notFound = `unable to find field "${fieldPath}" in replacement target`;
  try {
    match(res.object, segments, places);
    if (places.length === 0 && options?.create) {
      if (segments.some((s) => s.kind === 'every')) throw new KustomizeError('cannot support create option in a multi-value target', at?.value);
      const kind = Array.isArray(value.value) ? 'list' : isRecord(value.value) ? 'map' : 'scalar';
      const place = lookup(res.object as JsonMap, segments, kind);
      if (place) {
        writeTo(place, value, options, true, segments);
        return;
      }
    }
  } catch (e) {
    if (!(e instanceof LookupError)) throw e;
    throw new KustomizeError(`${notFound}: ${e.message}`, at?.value);
  }
  if (places.length === 0) throw new KustomizeError(notFound, at?.value);
  for (const p of places) writeTo(p, value, options, false, segments);
}
