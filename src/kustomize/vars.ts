/**
 * The deprecated `vars`: `$(NAME)` in the fields kustomize's varReference field specs list (container
 * command, args, env values, volume mount paths, … api/konfig/builtinpluginconsts/varreference.go) is
 * replaced with a field of another resource, as kustomize v5 does (api/internal/accumulator
 * ResolveVars, api/filters/refvar, the forked k8s expansion package).
 *
 * - A var names its resource by objref (apiVersion or group/version, kind, name: all compared exactly;
 *   namespace too when given) and a field by fieldref.fieldPath (default metadata.name; `a[0]` is item 0).
 * - `$$` is a literal `$`; an unknown `$(NAME)` stays as written; a string that is exactly one `$(NAME)`
 *   takes the var's type (a number stays a number), otherwise the value is written into the text.
 *   Map and list values are not substituted. Only string fields change.
 *
 * Origins: a field that was exactly `$(NAME)` gets the origin of the var's source field; a field with
 * text around the reference keeps its own.
 */
import type { K8sObject } from '../types.js';
import { originOf, setOrigin, type FieldOrigin } from './origin.js';
import { KustomizeError, resIdOf, type ResId, type Resource } from './resource.js';
import { comparableNamespace as namespaceOf, defaultTransformerConfig, gvkSelected, isClusterScoped, walkFieldSpec, type FieldSpec } from './fieldspecs.js';
import { isRecord } from '../k8s/podspec.js';

type JsonMap = Record<string, unknown>;

/** api/types/var.go: the default fieldref.fieldPath. */
export const DEFAULT_VAR_FIELD_PATH = 'metadata.name';


function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

interface Var {
  name: string;
  group: string;
  version: string;
  kind: string;
  objName: string;
  namespace: string;
  apiVersion: string;
  fieldPath: string;
  origin?: FieldOrigin;
}

function readVar(v: unknown, origin: FieldOrigin | undefined): Var {
  const m = isRecord(v) ? v : {};
  const ref = isRecord(m.objref) ? m.objref : {};
  const field = isRecord(m.fieldref) ? m.fieldref : {};
  return {
    name: str(m.name),
    group: str(ref.group),
    version: str(ref.version),
    kind: str(ref.kind),
    objName: str(ref.name),
    namespace: str(ref.namespace),
    apiVersion: str(ref.apiVersion),
    fieldPath: str(field.fieldPath),
    origin,
  };
}

/** The var's group and version: from objref.apiVersion when set (api/types/var.go Target.GVK). */
function gvOf(v: Var): { group: string; version: string } {
  if (!v.apiVersion) return { group: v.group, version: v.version };
  const slash = v.apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: v.apiVersion } : { group: v.apiVersion.slice(0, slash), version: v.apiVersion.slice(slash + 1) };
}

/** A var as kustomize prints it (`%v` of types.Var: name, the objref's Gvk, the fieldref). */
function varString(v: Var, defaulted: boolean): string {
  const gv = defaulted ? gvOf(v) : { group: v.group, version: v.version };
  const gvk = `${v.kind || '[noKind]'}.${gv.version || '[noVer]'}.${gv.group || '[noGrp]'}`;
  const fp = defaulted ? v.fieldPath || DEFAULT_VAR_FIELD_PATH : v.fieldPath;
  return `{${v.name} ${gvk} {${fp}}}`;
}


/** api/internal/accumulator: GvknEquals, or Equals when the objref names a namespace (or a cluster-scoped kind). */
function refersTo(v: Var, id: ResId): boolean {
  const gv = gvOf(v);
  if (id.group !== gv.group || id.version !== gv.version || id.kind !== v.kind || id.name !== v.objName) return false;
  const ref: ResId = { group: gv.group, version: gv.version, kind: v.kind, name: v.objName, ...(v.namespace ? { namespace: v.namespace } : {}) };
  if (v.namespace || isClusterScoped(ref)) return namespaceOf(ref) === namespaceOf(id);
  return true;
}

/** kyaml RNode.GetFieldValue: the value at a dotted path (`a[0]` is item 0 of a). */
function fieldValue(object: K8sObject, path: string): { value: unknown; origin?: FieldOrigin } | undefined {
  const parts: string[] = [];
  for (const s of path.split('.')) {
    const m = /^(.*)\[(\d+)\]$/.exec(s);
    if (!m) parts.push(s);
    else {
      if (m[1]) parts.push(m[1]);
      parts.push(m[2]!);
    }
  }
  let parent: unknown;
  let key: string | number = '';
  let node: unknown = object;
  for (const p of parts) {
    if (Array.isArray(node)) {
      let idx: number;
      if (/^[0-9]+$/.test(p)) idx = Number(p);
      else if (p === '-') idx = node.length - 1;
      else {
        const eq = /^\[(.*)=(.*)\]$/.exec(p);
        if (!eq) return undefined;
        idx = node.findIndex((item) => (eq[1] === '' ? String(item) === eq[2] : isRecord(item) && item[eq[1]!] !== undefined && String(item[eq[1]!]) === eq[2]));
      }
      if (idx < 0 || idx >= node.length) return undefined;
      parent = node;
      key = idx;
      node = node[idx];
    } else if (isRecord(node)) {
      if (!Object.prototype.hasOwnProperty.call(node, p)) return undefined;
      parent = node;
      key = p;
      node = node[p];
    } else return undefined;
  }
  if (parent === undefined) return undefined;
  return { value: node, origin: originOf(parent as object, key) };
}

const OPERATOR = '$';
const OPENER = '(';
const CLOSER = ')';

/**
 * The forked k8s expansion.Expand: `$(NAME)` resolved by `mapping`, `$$` an escaped `$`. When the whole
 * input is one reference, the mapped value itself is returned (keeping its type).
 */
function expand(input: string, mapping: (name: string) => unknown): { value: unknown; whole: boolean } {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== OPERATOR || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let read: string;
    let isVar = false;
    let advance = 1;
    if (rest[0] === OPERATOR) read = OPERATOR;
    else if (rest[0] === OPENER) {
      const close = rest.indexOf(CLOSER, 1);
      if (close >= 0) {
        read = rest.slice(1, close);
        isVar = true;
        advance = close + 1;
      } else read = OPERATOR + OPENER;
    } else read = OPERATOR + rest[0];
    if (isVar) {
      const mapped = mapping(read);
      if (input === `${OPERATOR}${OPENER}${read}${CLOSER}`) return { value: mapped, whole: true };
      out += typeof mapped === 'string' ? mapped : String(mapped);
    } else out += read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return { value: out + input.slice(checkpoint), whole: false };
}

/**
 * Resolve `vars` (every kustomization's, as written: tracked values) and replace their references in
 * the resources' varReference fields (`varReference`: the field specs, default kustomize's).
 */
export function applyVars(resources: Resource[], vars: unknown[], varReference: FieldSpec[] = defaultTransformerConfig().varReference): void {
  const list = vars.map((v, i) => readVar(v, originOf(vars, i)));
  const seen = new Set<string>();
  for (const v of list) {
    if (seen.has(v.name)) {
      throw new KustomizeError(`merging vars [${list.map((x) => varString(x, false)).join(' ')}]: var '${v.name}' already encountered`, v.origin?.value);
    }
    seen.add(v.name);
  }

  const values = new Map<string, { value: unknown; origin?: FieldOrigin }>();
  for (const v of list) {
    const matched = resources.filter((r) => [resIdOf(r.object), ...r.previousIds].some((id) => refersTo(v, id)));
    if (matched.length > 1) throw new KustomizeError(`found ${matched.length} resId matches for var ${varString(v, true)} (unable to disambiguate)`, v.origin?.value);
    if (matched.length === 0) throw new KustomizeError(`var '${varString(v, true)}' cannot be mapped to a field in the set of known resources`, v.origin?.value);
    const got = fieldValue(matched[0]!.object, v.fieldPath || DEFAULT_VAR_FIELD_PATH);
    if (!got) throw new KustomizeError(`field specified in var '${varString(v, true)}' not found in corresponding resource`, v.origin?.value);
    values.set(v.name, got);
  }
  if (values.size === 0) return;

  const wrap = (name: string) => `${OPERATOR}${OPENER}${name}${CLOSER}`;
  const mapping = (name: string): unknown => {
    const got = values.get(name);
    if (!got) return wrap(name);
    const v = got.value;
    // The forked expansion's MappingFuncFor: only scalars are substituted.
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v === null) return 'null';
    return wrap(name);
  };
  /** Expand one string field; returns whether it changed. */
  const setString = (parent: JsonMap | unknown[], key: string | number): void => {
    const text = (parent as Record<string, unknown>)[key as string];
    if (typeof text !== 'string') return;
    const { value, whole } = expand(text, mapping);
    if (value === text) return;
    (parent as Record<string, unknown>)[key as string] = value;
    if (whole) {
      const name = text.slice(2, -1);
      const origin = values.get(name)?.origin;
      if (origin) setOrigin(parent, key, origin);
    }
  };

  for (const r of resources) {
    const id = resIdOf(r.object);
    for (const spec of varReference) {
      if (!gvkSelected(id, spec)) continue;
      walkFieldSpec(r.object, spec, undefined, (parent, key) => {
        const node = parent[key];
        if (node === null || node === undefined) return;
        if (Array.isArray(node)) {
          node.forEach((item, i) => {
            if (typeof item !== 'string') throw new KustomizeError('invalid value type expect a string', originOf(node, i)?.value);
            setString(node, i);
          });
        } else if (isRecord(node)) {
          for (const k of Object.keys(node)) setString(node, k);
        } else setString(parent, key);
      });
    }
  }
}
