/**
 * The API server's estimated cost of a CRD validation rule, checked when the CRD is created
 * (staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go: a rule's
 * estimated cost times the number of times it may run must stay within StaticEstimatedCostLimit, all
 * rules of a version's schema together within StaticEstimatedCRDCostLimit).
 *
 * The estimate follows cel-go's static cost estimator (checker/cost.go) over the rule's parsed
 * expression, with its constants (common/cost.go), Kubernetes' call costs for its libraries
 * (staging/src/k8s.io/apiserver/pkg/cel/library/cost.go EstimateCallCost) and Kubernetes' size
 * estimates from the schema (apiextensions schema/cel/compilation.go sizeEstimator over the DeclType of
 * apiserver/pkg/cel/common/schemas.go): maxItems, maxProperties and maxLength (×4 bytes per character)
 * where declared, otherwise what fits in a 3 MiB request given the smallest serialized element.
 *
 * Approximations (the verdict is what matters; the factor printed for rules near the limit may differ
 * from the API server's in its last digits): only the maximum of cel-go's [min, max] range is kept; the
 * strings extension's and the libraries' functions not listed in Kubernetes' cost.go cost 1 as cel-go's
 * default; `or` / `orValue` (rewritten here to a binding, src/crd/cel-optional.ts) are costed as the
 * single calls cel-go sees; optMap / optFlatMap bind their target once where cel-go's expansion copies
 * it; list literals with optional elements as plain list literals.
 */
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import type { JSONSchemaProps } from './schema.js';
import { additionalSchema } from './schema.js';
import { escapePropertyName } from './validate.js';
import { OPT_INDEX, OPT_LIST, OPT_MAP, OPT_SELECT } from './cel-library.js';
import type { T } from './cel-types.js';

/** validation.go StaticEstimatedCostLimit: one rule's estimated cost (times its cardinality). */
export const STATIC_ESTIMATED_COST_LIMIT = 10_000_000;
/** validation.go StaticEstimatedCRDCostLimit: all rules of one version's schema together. */
export const STATIC_ESTIMATED_CRD_COST_LIMIT = 100_000_000;
/** apiserver/pkg/apis/cel/config.go MaxRequestSizeBytes (DefaultMaxRequestSizeBytes, 3 MiB). */
export const MAX_REQUEST_SIZE_BYTES = 3 * 1024 * 1024;
/** apiserver/pkg/cel/limits.go: the smallest JSON encodings and the longest date/duration strings. */
const MIN_STRING_SIZE = 2, MIN_BOOL_SIZE = 4, MIN_NUMBER_SIZE = 1, MIN_DURATION_SIZE_JSON = 3, JSON_DATE_SIZE = 12, MIN_DATETIME_SIZE_JSON = 21;
const MAX_DURATION_SIZE_JSON = 32, MAX_DATETIME_SIZE_JSON = 32;
/** cel-go common/cost.go. */
const SELECT_AND_IDENT_COST = 1, LIST_CREATE_BASE_COST = 10, MAP_CREATE_BASE_COST = 30, STRUCT_CREATE_BASE_COST = 40;
const STRING_TRAVERSAL_COST_FACTOR = 0.1, REGEX_STRING_LENGTH_COST_FACTOR = 0.25;
/** cel-go's saturating uint64 maximum. */
const MAX = 18446744073709551615;

const add = (...xs: number[]) => Math.min(MAX, xs.reduce((a, b) => a + b, 0));
const mul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : Math.min(MAX, a * b));
const byFactor = (x: number, f: number) => (x >= MAX ? MAX : Math.min(MAX, Math.ceil(x * f)));

// ---------------------------------------------------------------------------------------------
// Size estimates from the schema (schemas.go SchemaDeclType: MaxElements, MinSerializedSize)

interface Decl {
  maxElements: number;
  minSize: number;
  fields?: Map<string, Decl>;
  elem?: Decl;
  key?: Decl;
}
const STRING_KEY: Decl = { maxElements: 0, minSize: MIN_STRING_SIZE };

function stringMax(s: JSONSchemaProps): number {
  if (typeof s.maxLength === 'number') return Math.max(0, s.maxLength) * 4;
  if (Array.isArray(s.enum) && s.enum.length) return Math.max(0, ...s.enum.map((e) => (typeof e === 'string' ? Buffer.byteLength(e) : 0)));
  return MAX_REQUEST_SIZE_BYTES - 2;
}

/** The DeclType's size facts of schema `s` (root: a resource root, with kind, apiVersion, metadata). */
export function declOf(s: JSONSchemaProps | undefined, root = false): Decl | undefined {
  if (!s) return undefined;
  if (s['x-kubernetes-int-or-string']) return { maxElements: typeof s.maxLength === 'number' ? Math.max(0, s.maxLength) * 4 : MAX_REQUEST_SIZE_BYTES - 2, minSize: 1 };
  switch (s.type) {
    case 'array': {
      const items = s.items && typeof s.items === 'object' && !Array.isArray(s.items) ? (s.items as JSONSchemaProps) : undefined;
      const elem = declOf(items, items?.['x-kubernetes-embedded-resource'] === true);
      if (!elem) return undefined;
      const max = typeof s.maxItems === 'number' ? Math.max(0, s.maxItems) : Math.floor((MAX_REQUEST_SIZE_BYTES - 2) / (elem.minSize + 1));
      return { maxElements: max, minSize: 2, elem };
    }
    case 'object': {
      const addl = additionalSchema(s);
      if (addl && !s.properties) {
        const val = declOf(addl, addl['x-kubernetes-embedded-resource'] === true);
        if (!val) return undefined;
        const max = typeof s.maxProperties === 'number' ? Math.max(0, s.maxProperties) : Math.floor((MAX_REQUEST_SIZE_BYTES - 2) / (val.minSize + 6));
        return { maxElements: max, minSize: 2, elem: val, key: STRING_KEY };
      }
      const fields = new Map<string, Decl>();
      const required = new Set(Array.isArray(s.required) ? s.required : []);
      let minSize = 2;
      const props: Record<string, JSONSchemaProps> = { ...(s.properties ?? {}) };
      if (root) {
        const md = props.metadata?.properties;
        const keep = props.kind?.type === 'string' && props.apiVersion?.type === 'string' && md?.name?.type === 'string' && md?.generateName?.type === 'string';
        if (!keep) {
          props.kind = { type: 'string' };
          props.apiVersion = { type: 'string' };
          props.metadata = { type: 'object', properties: { name: { type: 'string' }, generateName: { type: 'string' } } };
        }
      }
      for (const [name, prop] of Object.entries(props)) {
        const d = declOf(prop, prop['x-kubernetes-embedded-resource'] === true);
        if (!d) continue;
        const escaped = escapePropertyName(name);
        if (escaped !== undefined) fields.set(escaped, d);
        if (required.has(name) && prop.default === undefined) minSize += Buffer.byteLength(name) + d.minSize + 4;
      }
      return { maxElements: 0, minSize, fields };
    }
    case 'string':
      switch (s.format) {
        case 'byte':
          return { maxElements: typeof s.maxLength === 'number' ? Math.max(0, s.maxLength) : MAX_REQUEST_SIZE_BYTES - 2, minSize: MIN_STRING_SIZE };
        case 'duration':
          return { maxElements: MAX_DURATION_SIZE_JSON, minSize: MIN_DURATION_SIZE_JSON };
        case 'date':
          return { maxElements: JSON_DATE_SIZE, minSize: JSON_DATE_SIZE };
        case 'date-time':
          return { maxElements: MAX_DATETIME_SIZE_JSON, minSize: MIN_DATETIME_SIZE_JSON };
        default:
          return { maxElements: stringMax(s), minSize: MIN_STRING_SIZE };
      }
    case 'boolean':
      return { maxElements: 0, minSize: MIN_BOOL_SIZE };
    case 'number':
    case 'integer':
      return { maxElements: 0, minSize: MIN_NUMBER_SIZE };
    default:
      return undefined;
  }
}

/** compilation.go maxCardinality: how often data of this minimum size fits in one request. */
export function maxCardinality(minSize: number): number {
  return Math.floor(MAX_REQUEST_SIZE_BYTES / (minSize + 1));
}

// ---------------------------------------------------------------------------------------------
// The estimator (checker/cost.go)

interface Size {
  min: number;
  max: number;
}
interface EntrySize {
  list: boolean;
  key: Size;
  val: Size;
}
const UNKNOWN: Size = { min: 0, max: MAX };
const fixed = (n: number): Size => ({ min: n, max: n });
const union = (a: Size, b: Size): Size => ({ min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) });

interface LocalVar {
  path: string[];
  size?: Size;
  entry?: EntrySize;
}

/**
 * The estimated maximum cost of an expression whose `self` (and `oldSelf`) has the size facts `self`,
 * with the node types from the type checker.
 */
export function estimateCost(root: Expr, self: Decl | undefined, types: Map<Expr, T>): number {
  const paths = new Map<Expr, string[]>();
  const sizes = new Map<Expr, Size>();
  const entries = new Map<Expr, EntrySize>();
  const locals = new Map<string, LocalVar[]>();
  const typeOf = (e: Expr | undefined): T | undefined => (e ? types.get(e) : undefined);
  const peek = (name: string) => locals.get(name)?.at(-1);
  const push = (name: string, v: LocalVar) => locals.set(name, [...(locals.get(name) ?? []), v]);
  const pop = (name: string) => locals.get(name)?.pop();
  const pathOf = (e: Expr | undefined): string[] => {
    if (!e) return [];
    if (e.exprKind.case === 'identExpr') {
      const v = peek(e.exprKind.value.name);
      if (v) return v.path;
    }
    return paths.get(e) ?? [];
  };

  // compilation.go sizeEstimator.EstimateSize: follow the path through self's DeclType. Like it, the first
  // element is not looked at ("cut off self"): any other variable's path (a type name such as `string`
  // in `type(x) == string`) is read as self's
  const estimateFromPath = (path: string[]): Size | undefined => {
    if (path.length === 0 || !self) return undefined;
    let node: Decl | undefined = self;
    for (const name of path.slice(1)) {
      if (!node) return undefined;
      if (name === '@items' || name === '@values') node = node.elem;
      else if (name === '@keys') node = node.key;
      else node = node.fields?.get(name);
    }
    return node ? { min: 0, max: node.maxElements } : undefined;
  };
  const isScalar = (t: T | undefined): boolean => !!t && (['bool', 'double', 'duration', 'int', 'timestamp', 'uint'].includes(t.k) || (t.k === 'optional' && isScalar(t.e)));

  const computeSize = (e: Expr | undefined): Size | undefined => {
    if (!e) return undefined;
    const known = sizes.get(e);
    if (known) return known;
    const k = e.exprKind;
    if (k.case === 'constExpr') {
      const c = k.value.constantKind;
      if (c.case === 'stringValue') return fixed([...c.value].length);
      if (c.case === 'bytesValue') return fixed(c.value.length);
      return fixed(1);
    }
    if (k.case === 'listExpr') return fixed(k.value.elements.length);
    if (k.case === 'structExpr' && !k.value.messageName) return fixed(k.value.entries.length);
    const fromPath = estimateFromPath(pathOf(e));
    if (fromPath) {
      sizes.set(e, fromPath);
      return fromPath;
    }
    if (isScalar(typeOf(e))) return fixed(1);
    if (k.case === 'identExpr') return peek(k.value.name)?.size;
    return undefined;
  };
  const sizeOrUnknown = (e: Expr | undefined): Size => computeSize(e) ?? UNKNOWN;
  const entryOf = (e: Expr | undefined): EntrySize | undefined => {
    if (!e) return undefined;
    const known = entries.get(e);
    if (known) return known;
    if (e.exprKind.case === 'identExpr') return peek(e.exprKind.value.name)?.entry;
    return undefined;
  };
  /** An AstNode's size as the call estimators see it: paths rooted at an accumulator are dropped. */
  const argSize = (e: Expr): Size => {
    const p = pathOf(e);
    if (p.length && (p[0] === '@result' || p[0] === '@__result__')) {
      const s = sizes.get(e);
      return s ?? UNKNOWN;
    }
    return sizeOrUnknown(e);
  };
  /**
   * library/cost.go listElementNode: the items of a list, sized by the path-based estimator only (an
   * items node has no computed size), so the items of a list literal have no known size.
   */
  const elemOfListNode = (e: Expr): { size: Size; isString: boolean } | undefined => {
    const t = typeOf(e);
    if (t?.k !== 'list') return undefined;
    const p = pathOf(e);
    const rooted = p.length > 0 && p[0] !== '@result' && p[0] !== '@__result__';
    const size = (rooted ? estimateFromPath([...p, '@items']) : undefined) ?? UNKNOWN;
    return { size, isString: t.e.k === 'string' || t.e.k === 'bytes' };
  };

  const cost = (e: Expr | undefined): number => {
    if (!e) return 0;
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr':
        return 0;
      case 'identExpr': {
        const v = peek(k.value.name);
        paths.set(e, v ? v.path : [k.value.name]);
        return SELECT_AND_IDENT_COST;
      }
      case 'selectExpr': {
        if (k.value.testOnly) return cost(k.value.operand); // PresenceTestHasCost(false): has() adds nothing
        let sum = cost(k.value.operand);
        const t = typeOf(k.value.operand);
        if (t && (t.k === 'map' || t.k === 'object')) sum = add(sum, SELECT_AND_IDENT_COST);
        paths.set(e, [...pathOf(k.value.operand), k.value.field]);
        return sum;
      }
      case 'listExpr': {
        let sum = 0;
        let item: Size = k.value.elements.length ? { min: MAX, max: 0 } : { min: 0, max: 0 };
        for (const x of k.value.elements) {
          sum = add(sum, cost(x));
          item = union(item, sizeOrUnknown(x));
        }
        entries.set(e, { list: true, key: fixed(1), val: item });
        return add(sum, LIST_CREATE_BASE_COST);
      }
      case 'structExpr': {
        let sum = 0;
        let key: Size = k.value.entries.length ? { min: MAX, max: 0 } : { min: 0, max: 0 };
        let val: Size = { ...key };
        for (const en of k.value.entries) {
          const kx = en.keyKind.case === 'mapKey' ? en.keyKind.value : undefined;
          sum = add(sum, cost(kx), cost(en.value));
          key = union(key, sizeOrUnknown(kx));
          val = union(val, sizeOrUnknown(en.value));
        }
        if (k.value.messageName) return add(sum, STRUCT_CREATE_BASE_COST);
        entries.set(e, { list: false, key, val });
        return add(sum, MAP_CREATE_BASE_COST);
      }
      case 'comprehensionExpr':
        return comprehension(e);
      case 'callExpr':
        return call(e);
      default:
        return 0;
    }
  };

  const comprehension = (e: Expr): number => {
    const c = e.exprKind.value as Extract<Expr['exprKind'], { case: 'comprehensionExpr' }>['value'];
    // podlint's rewrite of or / orValue: cel-go costs the call, 1 plus its target and argument
    if (c.accuVar.startsWith('@podlint_or')) {
      const result = c.result?.exprKind.case === 'callExpr' ? c.result.exprKind.value : undefined;
      return add(1, cost(c.accuInit), cost(result?.args[2]));
    }
    let sum = add(cost(c.iterRange), cost(c.accuInit));
    push(c.accuVar, { path: pathOf(c.accuInit), size: computeSize(c.accuInit), entry: entryOf(c.accuInit) });
    const rangeEntry = entryOf(c.iterRange);
    const rangeType = typeOf(c.iterRange);
    const isList = rangeEntry ? rangeEntry.list : rangeType?.k === 'list';
    const rangePath = pathOf(c.iterRange);
    if (c.iterVar2) {
      push(c.iterVar, { path: [...rangePath, isList ? '@indices' : '@keys'], size: rangeEntry?.key });
      push(c.iterVar2, { path: [...rangePath, isList ? '@items' : '@values'], size: rangeEntry?.val });
    } else {
      push(c.iterVar, { path: [...rangePath, isList ? '@items' : '@keys'], size: isList ? rangeEntry?.val : rangeEntry?.key });
    }
    const loop = cost(c.loopCondition);
    const step = cost(c.loopStep);
    pop(c.iterVar);
    if (c.iterVar2) pop(c.iterVar2);
    sum = add(sum, cost(c.result));
    pop(c.accuVar);
    const range = sizeOrUnknown(c.iterRange);
    sum = add(sum, mul(range.max, add(step, loop)));
    const init = c.accuInit?.exprKind.case;
    if (init === 'constExpr') {
      const s = computeSize(c.accuInit);
      if (s) sizes.set(e, s);
    } else if (init === 'listExpr' || init === 'structExpr') {
      sizes.set(e, range);
      const stepEntry = entryOf(c.loopStep);
      if (stepEntry) entries.set(e, stepEntry);
    }
    return sum;
  };

  const call = (e: Expr): number => {
    const c = e.exprKind.value as Extract<Expr['exprKind'], { case: 'callExpr' }>['value'];
    const fn = c.function;
    if (fn === '@podlint_cost') return cost(c.args[0]);
    if (fn === OPT_LIST) return cost(c.args[1]);
    if (fn === OPT_MAP) {
      // one map literal: its keys and values, and the map's base cost
      const ks = c.args[1]?.exprKind.case === 'listExpr' ? c.args[1].exprKind.value.elements : [];
      const vs = c.args[2]?.exprKind.case === 'listExpr' ? c.args[2].exprKind.value.elements : [];
      return add(MAP_CREATE_BASE_COST, ...ks.map(cost), ...vs.map(cost));
    }
    if (fn === 'dyn' && !c.target && c.args.length === 1) {
      const x = cost(c.args[0]);
      const s = computeSize(c.args[0]);
      if (s) sizes.set(e, s);
      return add(1, x);
    }
    const argCosts = c.args.map(cost);
    const argSum = add(...argCosts);
    // a namespaced function (format.named, ip.isCanonical …) is a global call of its qualified name
    const qualified = c.target?.exprKind.case === 'identExpr' && !peek(c.target.exprKind.value.name) && !['self', 'oldSelf'].includes(c.target.exprKind.value.name) ? `${c.target.exprKind.value.name}.${fn}` : undefined;
    const target = qualified ? undefined : c.target;
    const name = qualified ?? fn;
    const targetCost = target ? cost(target) : 0;
    const est = functionCost(e, name, target, c.args, argCosts, argSum);
    if (est.resultSize) sizes.set(e, est.resultSize);
    return add(targetCost, est.cost);
  };

  const functionCost = (e: Expr, fn: string, target: Expr | undefined, args: Expr[], argCosts: number[], argSum: number): { cost: number; resultSize?: Size } => {
    const tt = typeOf(target);
    const a0 = typeOf(args[0]);
    // Kubernetes' library estimates (library/cost.go EstimateCallCost), ahead of cel-go's own
    switch (fn) {
      case 'isSorted':
      case 'sum':
      case 'max':
      case 'min':
      case 'indexOf':
      case 'lastIndexOf':
        if (target) {
          const el = elemOfListNode(target);
          if (el) {
            const elCost = el.isString ? add(1, byFactor(el.size.max, STRING_TRAVERSAL_COST_FACTOR)) : 1;
            return { cost: add(mul(argSize(target).max, elCost), argSum) };
          }
          return { cost: add(byFactor(argSize(target).max, STRING_TRAVERSAL_COST_FACTOR), argSum) };
        }
        break;
      case 'url':
        if (args.length === 1) return { cost: add(byFactor(argSize(args[0]!).max, STRING_TRAVERSAL_COST_FACTOR), argSum) };
        break;
      case 'lowerAscii':
      case 'upperAscii':
      case 'substring':
      case 'trim':
        if (target) {
          const sz = argSize(target);
          return { cost: add(byFactor(sz.max, STRING_TRAVERSAL_COST_FACTOR), argSum), resultSize: sz };
        }
        break;
      case 'replace':
        if (target && args.length >= 2) return { cost: add(byFactor(argSize(target).max, 2 * STRING_TRAVERSAL_COST_FACTOR), argSum) };
        break;
      case 'split':
        if (target) return { cost: add(byFactor(argSize(target).max, 2 * STRING_TRAVERSAL_COST_FACTOR), argSum), resultSize: { min: 0, max: argSize(target).max } };
        break;
      case 'join':
        if (target) {
          const list = argSize(target);
          const el = elemOfListNode(target);
          let sz = el ? mul(list.max, el.size.max) : 0;
          if (args.length > 0) sz = add(sz, mul(argSize(args[0]!).max, list.max > 0 ? list.max - 1 : 0));
          return { cost: add(byFactor(sz, STRING_TRAVERSAL_COST_FACTOR), argSum), resultSize: { min: 0, max: sz } };
        }
        break;
      case 'find':
      case 'findAll':
        if (target && args.length >= 1) {
          const sz = argSize(target);
          const strCost = byFactor(add(sz.max, 1), STRING_TRAVERSAL_COST_FACTOR);
          const regexCost = byFactor(argSize(args[0]!).max, REGEX_STRING_LENGTH_COST_FACTOR);
          return { cost: add(mul(strCost, regexCost), argSum), resultSize: { min: 0, max: sz.max } };
        }
        break;
      case 'ip':
        if (target) return { cost: add(1, argSum) };
        break;
      case 'masked':
      case 'prefixLength':
      case 'family':
      case 'isUnspecified':
      case 'isLoopback':
      case 'isLinkLocalMulticast':
      case 'isLinkLocalUnicast':
        return { cost: add(1, argSum) };
      case 'containsIP':
      case 'containsCIDR':
        if (target && args.length >= 1) {
          let c = byFactor(16 + 16, STRING_TRAVERSAL_COST_FACTOR);
          if (fn === 'containsCIDR') c = add(c, byFactor(16, STRING_TRAVERSAL_COST_FACTOR), 1);
          if (a0?.k === 'string') c = add(c, byFactor(argSize(args[0]!).max, STRING_TRAVERSAL_COST_FACTOR));
          return { cost: add(c, argSum) };
        }
        break;
      case 'sets.contains':
      case 'sets.equivalent':
      case 'sets.intersects':
        // approximation: one comparison per pair of elements (cel-go ext/sets.go estimates by the product of the sizes)
        if (args.length === 2) return { cost: add(1, mul(argSize(args[0]!).max, argSize(args[1]!).max), argSum) };
        break;
      case 'quantity':
      case 'isQuantity':
        // cost.go charges the parse only `if target != nil`, which a global call never has: these cost 1
        break;
      default:
        break;
    }
    // cel-go's own (checker/cost.go functionCost)
    switch (fn) {
      case 'startsWith':
      case 'endsWith':
        if (target && args.length === 1) return { cost: add(byFactor(argSize(args[0]!).max, STRING_TRAVERSAL_COST_FACTOR), argSum) };
        break;
      case '@in':
        if (args.length === 2 && typeOf(args[1])?.k === 'list') return { cost: add(argSize(args[1]!).max, argSum) };
        break;
      case 'matches':
        if (target && args.length === 1) {
          const strCost = byFactor(add(argSize(target).max, 1), STRING_TRAVERSAL_COST_FACTOR);
          const regexCost = byFactor(argSize(args[0]!).max, REGEX_STRING_LENGTH_COST_FACTOR);
          return { cost: add(mul(strCost, regexCost), argSum) };
        }
        break;
      case 'contains':
        if (target && args.length === 1 && tt?.k === 'string') {
          return { cost: add(mul(byFactor(argSize(target).max, STRING_TRAVERSAL_COST_FACTOR), byFactor(argSize(args[0]!).max, STRING_TRAVERSAL_COST_FACTOR)), argSum) };
        }
        break;
      case '_&&_':
      case '_||_':
        return { cost: add(argCosts[0] ?? 0, argCosts[1] ?? 0) };
      case '_?_:_': {
        const size = union(sizeOrUnknown(args[1]), sizeOrUnknown(args[2]));
        const te = entryOf(args[1]), fe = entryOf(args[2]);
        if (te && fe) entries.set(e, { list: te.list, key: union(te.key, fe.key), val: union(te.val, fe.val) });
        return { cost: add(argCosts[0] ?? 0, Math.max(argCosts[1] ?? 0, argCosts[2] ?? 0)), resultSize: size };
      }
      case '_+_':
        if (args.length === 2 && (a0?.k === 'string' || a0?.k === 'bytes' || a0?.k === 'list')) {
          const l = sizeOrUnknown(args[0]), r = sizeOrUnknown(args[1]);
          const result = { min: add(l.min, r.min), max: add(l.max, r.max) };
          const le = entryOf(args[0]), re = entryOf(args[1]);
          if (le && re) entries.set(e, { list: le.list, key: union(le.key, re.key), val: union(le.val, re.val) });
          if (a0.k === 'list') return { cost: add(1, argSum), resultSize: result };
          return { cost: add(byFactor(result.max, STRING_TRAVERSAL_COST_FACTOR), argSum), resultSize: result };
        }
        break;
      case '_==_':
      case '_!=_':
      case '_<_':
      case '_>_':
      case '_<=_':
      case '_>=_':
        if (args.length === 2 && (fn === '_==_' || fn === '_!=_' || a0?.k === 'string' || a0?.k === 'bytes')) {
          const smallest = Math.min(sizeOrUnknown(args[0]).max, sizeOrUnknown(args[1]).max);
          return { cost: add(byFactor(smallest, STRING_TRAVERSAL_COST_FACTOR), argSum) };
        }
        break;
      case '_[_]':
        if (args.length === 2) {
          const entry = entryOf(args[0]);
          const container = typeOf(args[0]);
          if (container?.k === 'list' || container?.k === 'map') {
            paths.set(e, [...pathOf(args[0]), container.k === 'list' ? '@items' : '@values']);
            if (entry) return { cost: add(1, argSum), resultSize: entry.val };
          }
        }
        break;
      case OPT_SELECT:
      case OPT_INDEX:
        return { cost: add(1, argSum) };
      default:
        break;
    }
    return { cost: add(1, argSum) };
  };

  return cost(root);
}

/** validation.go getCostErrorMessage. */
export function costErrorMessage(what: string, cost: number, limit: number): string {
  const factor = cost / limit;
  const shown = factor > 100 ? 'more than 100x' : factor < 1.5 ? `${factor.toFixed(6)}x` : `${factor.toFixed(1)}x`;
  return `${what} exceeds budget by factor of ${shown} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}

/** validation.go multiplyWithOverflowGuard. */
export function multiplyWithOverflowGuard(cost: number, cardinality: number): number {
  return cost === 0 ? 0 : mul(cost, cardinality);
}
