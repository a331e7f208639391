/**
 * A type checker for CRD validation rules, as the API server's compile step runs cel-go's checker
 * (staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/compilation.go): `self` typed by
 * the schema (staging/src/k8s.io/apiserver/pkg/cel/common/schemas.go SchemaDeclType), the standard
 * library's overloads, and the Kubernetes libraries' declared signatures. Errors use cel-go's wording
 * (checker/errors.go): "found no matching overload for '_+_' applied to '(int, string)'", "undefined
 * field 'x'", "type 'string' does not support field selection", "expression of type 'int' cannot be
 * range of a comprehension (must be list, map, or dynamic)", and HomogeneousAggregateLiterals'
 * "type 'string' does not match previous type 'int' in aggregate. Use 'dyn(x)' to make the aggregate
 * dynamic.".
 *
 * Deliberately lenient where podlint cannot be sure: an unknown type is dyn, and dyn matches every
 * parameter, so an error is reported only when the types involved are known. Known differences from
 * cel-go: library functions declared with type parameters in Go (lists.go `sum`, `min`, optional.of …)
 * are declared with dyn here (their results are dyn, so fewer errors are found after them); an empty
 * list or map literal is list(dyn) / map(dyn, dyn) rather than a fresh type variable; object types print
 * as `object` (the API server prints a generated name, selfType<nanoseconds>, that cannot be matched).
 * Error positions follow cel-go where the parser's positions differ (operators, calls): see `position`.
 */
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import type { CelFunc, CelType } from '@bufbuild/cel';
import { additionalSchema, type JSONSchemaProps } from './schema.js';
import { escapePropertyName } from './validate.js';
import { OPT_INDEX, OPT_LIST, OPT_MAP, OPT_SELECT } from './cel-library.js';
import { openParen } from './cel-source.js';

export type T =
  | { k: 'int' | 'uint' | 'double' | 'bool' | 'string' | 'bytes' | 'null_type' | 'timestamp' | 'duration' | 'dyn' | 'error' }
  | { k: 'type'; of?: T }
  | { k: 'list'; e: T }
  | { k: 'map'; key: T; val: T }
  | { k: 'object'; fields: Map<string, T> }
  | { k: 'opaque'; name: string }
  | { k: 'optional'; e: T }
  | { k: 'param'; name: string };

const P = (k: 'int' | 'uint' | 'double' | 'bool' | 'string' | 'bytes' | 'null_type' | 'timestamp' | 'duration' | 'dyn' | 'error'): T => ({ k });
export const INT = P('int'), UINT = P('uint'), DOUBLE = P('double'), BOOL = P('bool'), STRING = P('string'), BYTES = P('bytes');
export const NULL = P('null_type'), TIMESTAMP = P('timestamp'), DURATION = P('duration'), DYN = P('dyn'), ERROR = P('error');
const A: T = { k: 'param', name: 'A' };
const B: T = { k: 'param', name: 'B' };
const list = (e: T): T => ({ k: 'list', e });
const map = (key: T, val: T): T => ({ k: 'map', key, val });
const optional = (e: T): T => ({ k: 'optional', e });

/** cel-go's FormatCELType. */
export function formatType(t: T): string {
  switch (t.k) {
    case 'timestamp':
      return 'google.protobuf.Timestamp';
    case 'duration':
      return 'google.protobuf.Duration';
    case 'error':
      return '*error*';
    case 'type':
      return t.of ? `type(${formatType(t.of)})` : 'type';
    case 'list':
      return `list(${formatType(t.e)})`;
    case 'map':
      return `map(${formatType(t.key)}, ${formatType(t.val)})`;
    case 'object':
      return 'object';
    case 'opaque':
      return t.name;
    case 'optional':
      return `optional_type(${formatType(t.e)})`;
    case 'param':
      return t.name;
    default:
      return t.k;
  }
}

// ---------------------------------------------------------------------------------------------
// self's type from the schema (schemas.go SchemaDeclType)

/** The CEL type of values under schema `s`; `root` for the root of a resource or an embedded resource. */
export function schemaType(s: JSONSchemaProps | undefined, root = false): T {
  if (!s) return DYN;
  if (s['x-kubernetes-int-or-string']) return DYN;
  switch (s.type) {
    case 'array':
      return list(s.items && typeof s.items === 'object' && !Array.isArray(s.items) ? schemaType(s.items as JSONSchemaProps, (s.items as JSONSchemaProps)['x-kubernetes-embedded-resource'] === true) : DYN);
    case 'object': {
      const add = additionalSchema(s);
      if (add && !s.properties) return map(STRING, schemaType(add, add['x-kubernetes-embedded-resource'] === true));
      if (!s.properties && !root) return DYN; // podlint: an object without declared fields is not checked (lenient)
      const fields = new Map<string, T>();
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        const escaped = escapePropertyName(name);
        if (escaped !== undefined) fields.set(escaped, schemaType(prop, prop['x-kubernetes-embedded-resource'] === true));
      }
      if (root) {
        // WithTypeAndObjectMeta: kind, apiVersion, metadata.name and metadata.generateName are always there
        const md = s.properties?.metadata?.properties;
        const keep = s.properties?.kind?.type === 'string' && s.properties?.apiVersion?.type === 'string' && md?.name?.type === 'string' && md?.generateName?.type === 'string';
        if (!keep) {
          fields.set('kind', STRING);
          fields.set('apiVersion', STRING);
          fields.set('metadata', { k: 'object', fields: new Map([['name', STRING], ['generateName', STRING]]) });
        }
      }
      return { k: 'object', fields };
    }
    case 'string':
      switch (s.format) {
        case 'byte':
          return BYTES;
        case 'duration':
          return DURATION;
        case 'date':
        case 'date-time':
          return TIMESTAMP;
        default:
          return STRING;
      }
    case 'boolean':
      return BOOL;
    case 'number':
      return DOUBLE;
    case 'integer':
      return INT;
    default:
      return DYN;
  }
}

// ---------------------------------------------------------------------------------------------
// Declarations

interface Overload {
  target?: T;
  args: T[];
  result: T;
}
const decls = new Map<string, Overload[]>();
function decl(name: string, ...overloads: Overload[]): void {
  decls.set(name, [...(decls.get(name) ?? []), ...overloads]);
}
const fn = (args: T[], result: T): Overload => ({ args, result });
const method = (target: T, args: T[], result: T): Overload => ({ target, args, result });

const NUMERIC = [INT, UINT, DOUBLE];
const COMPARABLE = [INT, UINT, DOUBLE, STRING, BYTES, BOOL, TIMESTAMP, DURATION];
let declared = false;

/** The standard library (cel-go checker/decls, common/stdlib) with cross-type numeric comparisons (on in Kubernetes). */
function declareStandard(): void {
  decl('_+_', ...[INT, UINT, DOUBLE, STRING, BYTES].map((t) => fn([t, t], t)), fn([list(A), list(A)], list(A)), fn([TIMESTAMP, DURATION], TIMESTAMP), fn([DURATION, TIMESTAMP], TIMESTAMP), fn([DURATION, DURATION], DURATION));
  decl('_-_', ...NUMERIC.map((t) => fn([t, t], t)), fn([TIMESTAMP, TIMESTAMP], DURATION), fn([TIMESTAMP, DURATION], TIMESTAMP), fn([DURATION, DURATION], DURATION));
  decl('_*_', ...NUMERIC.map((t) => fn([t, t], t)));
  decl('_/_', ...NUMERIC.map((t) => fn([t, t], t)));
  decl('_%_', fn([INT, INT], INT), fn([UINT, UINT], UINT));
  decl('-_', fn([INT], INT), fn([DOUBLE], DOUBLE));
  decl('!_', fn([BOOL], BOOL));
  decl('_&&_', fn([BOOL, BOOL], BOOL));
  decl('_||_', fn([BOOL, BOOL], BOOL));
  decl('_?_:_', fn([BOOL, A, A], A));
  decl('@not_strictly_false', fn([BOOL], BOOL));
  decl('_==_', fn([A, A], BOOL));
  decl('_!=_', fn([A, A], BOOL));
  for (const op of ['_<_', '_<=_', '_>_', '_>=_']) {
    decl(op, ...COMPARABLE.map((t) => fn([t, t], BOOL)));
    for (const x of NUMERIC) for (const y of NUMERIC) if (x !== y) decl(op, fn([x, y], BOOL));
  }
  decl('_[_]', fn([list(A), INT], A), fn([map(A, B), A], B));
  decl('@in', fn([A, list(A)], BOOL), fn([A, map(A, B)], BOOL));
  decl('size', ...[STRING, BYTES, list(A), map(A, B)].flatMap((t) => [fn([t], INT), method(t, [], INT)]));
  decl('int', ...[INT, UINT, DOUBLE, STRING, TIMESTAMP].map((t) => fn([t], INT)));
  decl('uint', ...[INT, UINT, DOUBLE, STRING].map((t) => fn([t], UINT)));
  decl('double', ...[INT, UINT, DOUBLE, STRING].map((t) => fn([t], DOUBLE)));
  decl('string', ...[INT, UINT, DOUBLE, BOOL, BYTES, STRING, TIMESTAMP, DURATION].map((t) => fn([t], STRING)));
  decl('bytes', fn([BYTES], BYTES), fn([STRING], BYTES));
  decl('bool', fn([BOOL], BOOL), fn([STRING], BOOL));
  decl('dyn', fn([A], DYN));
  decl('type', fn([A], { k: 'type', of: A }));
  decl('duration', fn([DURATION], DURATION), fn([STRING], DURATION));
  decl('timestamp', fn([TIMESTAMP], TIMESTAMP), fn([STRING], TIMESTAMP), fn([INT], TIMESTAMP));
  for (const m of ['contains', 'startsWith', 'endsWith', 'matches']) decl(m, method(STRING, [STRING], BOOL));
  decl('matches', fn([STRING, STRING], BOOL));
  for (const m of ['getFullYear', 'getMonth', 'getDayOfYear', 'getDayOfMonth', 'getDate', 'getDayOfWeek']) decl(m, method(TIMESTAMP, [], INT), method(TIMESTAMP, [STRING], INT));
  for (const m of ['getHours', 'getMinutes', 'getSeconds', 'getMilliseconds']) decl(m, method(TIMESTAMP, [], INT), method(TIMESTAMP, [STRING], INT), method(DURATION, [], INT));
}

/** podlint's objects for the Kubernetes types, by message name, as cel-go names them. */
const OPAQUE_NAMES: Record<string, string> = {
  'podlint.kubernetes.URL': 'kubernetes.URL',
  'podlint.kubernetes.IP': 'net.IP',
  'podlint.kubernetes.CIDR': 'net.CIDR',
  'podlint.kubernetes.Quantity': 'kubernetes.Quantity',
  'podlint.kubernetes.Format': 'kubernetes.NamedFormat',
  'podlint.kubernetes.Semver': 'kubernetes.Semver',
};
function fromCelType(t: CelType): T {
  switch (t.kind) {
    case 'scalar':
      return t.name === 'dyn' ? DYN : t.name === 'type' ? { k: 'type' } : P(t.name);
    case 'list':
      return list(fromCelType(t.element));
    case 'map':
      return map(fromCelType(t.key), fromCelType(t.value));
    case 'object': {
      if (t.name === 'google.protobuf.Timestamp') return TIMESTAMP;
      if (t.name === 'google.protobuf.Duration') return DURATION;
      if (t.name === 'podlint.kubernetes.Optional') return optional(DYN);
      return { k: 'opaque', name: OPAQUE_NAMES[t.name] ?? t.name };
    }
  }
}

/** Declare the functions of the environment (the Kubernetes libraries, the strings extension) from their signatures. */
export function declareLibrary(funcs: readonly CelFunc[]): void {
  if (declared) return;
  declared = true;
  declareStandard();
  for (const f of funcs) {
    if (f.name.startsWith('@') || f.name === OPT_SELECT || f.name === OPT_INDEX) continue;
    decl(f.name, { target: f.target ? fromCelType(f.target) : undefined, args: f.arguments.map(fromCelType), result: fromCelType(f.result) });
  }
  // cel-go optional library: the results carry the element type, which the runtime signatures (dyn) do not
  decls.set('optional.of', [fn([A], optional(A))]);
  decls.set('optional.ofNonZeroValue', [fn([A], optional(A))]);
  decls.set('optional.none', [fn([], optional(DYN))]);
  decls.set('value', [method(optional(A), [], A)]);
  decls.set('hasValue', [method(optional(A), [], BOOL)]);
  decls.set('or', [method(optional(A), [optional(A)], optional(A))]);
  decls.set('orValue', [method(optional(A), [A], A)]);
  for (const f of ['sets.contains', 'sets.equivalent', 'sets.intersects']) decls.set(f, [fn([list(A), list(A)], BOOL)]);
}

// ---------------------------------------------------------------------------------------------
// Unification

type Bindings = Map<string, T>;
const isDynLike = (t: T) => t.k === 'dyn' || t.k === 'error';

function unify(param: T, arg: T, b: Bindings): boolean {
  if (isDynLike(arg) || param.k === 'dyn') return true;
  if (param.k === 'param') {
    const bound = b.get(param.name);
    if (!bound || bound.k === 'dyn') {
      b.set(param.name, arg);
      return true;
    }
    return unify(bound, arg, b) || (isNullable(bound) && arg.k === 'null_type') || (bound.k === 'null_type' && isNullable(arg) && (b.set(param.name, arg), true));
  }
  switch (param.k) {
    case 'list':
      return arg.k === 'list' && unify(param.e, arg.e, b);
    case 'map':
      return arg.k === 'map' && unify(param.key, arg.key, b) && unify(param.val, arg.val, b);
    case 'optional':
      return arg.k === 'optional' && unify(param.e, arg.e, b);
    case 'object':
      return arg.k === 'object' && arg === param;
    case 'opaque':
      return arg.k === 'opaque' && arg.name === param.name;
    case 'type':
      return arg.k === 'type';
    default:
      return arg.k === param.k || (arg.k === 'null_type' && isNullable(param));
  }
}
/** Types null is assignable to in cel-go (messages, well-known types, optional). */
function isNullable(t: T): boolean {
  return t.k === 'object' || t.k === 'timestamp' || t.k === 'duration' || t.k === 'optional' || t.k === 'opaque';
}
function substitute(t: T, b: Bindings): T {
  switch (t.k) {
    case 'param':
      return b.get(t.name) ?? DYN;
    case 'list':
      return list(substitute(t.e, b));
    case 'map':
      return map(substitute(t.key, b), substitute(t.val, b));
    case 'optional':
      return optional(substitute(t.e, b));
    case 'type':
      return t.of ? { k: 'type', of: substitute(t.of, b) } : t;
    default:
      return t;
  }
}
function sameType(a: T, b: T): boolean {
  return formatType(a) === formatType(b) && (a.k !== 'object' || a === b);
}

// ---------------------------------------------------------------------------------------------
// Checking

export interface TypeError {
  offset: number;
  message: string;
}

const TYPE_NAMES: Record<string, T> = {
  int: INT, uint: UINT, double: DOUBLE, bool: BOOL, string: STRING, bytes: BYTES, null_type: NULL, list: list(DYN), map: map(DYN, DYN), type: { k: 'type' }, dyn: DYN,
  'google.protobuf.Timestamp': TIMESTAMP, 'google.protobuf.Duration': DURATION,
};

/**
 * Check an expression (the parsed and rewritten AST) with `self` (and `oldSelf`) of type `selfType`;
 * returns the errors and the expression's type.
 */
export function checkTypes(root: Expr, source: string, positions: Record<string, number>, selfType: T, funcs: readonly CelFunc[], nodeTypes?: Map<Expr, T>): { errors: TypeError[]; type: T } {
  declareLibrary(funcs);
  const errors: TypeError[] = [];
  const pos = (e: Expr): number => positions[String(e.id)] ?? 0;
  const report = (offset: number, message: string) => errors.push({ offset, message });
  const scopes: Map<string, T>[] = [];
  const lookup = (name: string): T | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const t = scopes[i]!.get(name);
      if (t) return t;
    }
    if (name === 'self' || name === 'oldSelf') return selfType;
    return TYPE_NAMES[name] ? { k: 'type', of: TYPE_NAMES[name] } : undefined;
  };

  const resolve = (name: string, offset: number, target: T | undefined, args: T[]): T => {
    const candidates = (decls.get(name) ?? []).filter((o) => (o.target === undefined) === (target === undefined) && o.args.length === args.length);
    if (candidates.length === 0) return DYN; // unknown functions are reported as undeclared references elsewhere
    const results: T[] = [];
    for (const o of candidates) {
      const b: Bindings = new Map();
      if (o.target && target && !unify(o.target, target, b)) continue;
      if (o.args.every((p, i) => unify(p, args[i]!, b))) results.push(substitute(o.result, b));
    }
    if (results.length === 0) {
      const shown = target ? `${formatType(target)}.(${args.map(formatType).join(', ')})` : `(${args.map(formatType).join(', ')})`;
      report(offset, `found no matching overload for '${name}' applied to '${shown}'`);
      return ERROR;
    }
    return results.every((r) => sameType(r, results[0]!)) ? results[0]! : DYN;
  };

  const select = (operand: T, field: string, offset: number): T => {
    switch (operand.k) {
      case 'object': {
        const f = operand.fields.get(field);
        if (!f) {
          report(offset, `undefined field '${field}'`);
          return ERROR;
        }
        return f;
      }
      case 'map':
        return operand.val;
      case 'dyn':
      case 'error':
        return DYN;
      case 'optional':
        return optional(select(operand.e, field, offset));
      default:
        report(offset, `type '${formatType(operand)}' does not support field selection`);
        return ERROR;
    }
  };

  const aggregate = (items: { t: T; offset: number }[]): T => {
    let first: T | undefined;
    for (const it of items) {
      if (isDynLike(it.t)) continue;
      if (!first) first = it.t;
      else if (!unify(first, it.t, new Map()) && !(it.t.k === 'null_type' && isNullable(first))) {
        report(it.offset, `type '${formatType(it.t)}' does not match previous type '${formatType(first)}' in aggregate. Use 'dyn(x)' to make the aggregate dynamic.`);
        return ERROR;
      }
    }
    return first ?? DYN;
  };

  const check = (e: Expr | undefined): T => {
    if (!e) return DYN;
    const t = checkNode(e);
    nodeTypes?.set(e, t);
    return t;
  };
  const checkNode = (e: Expr): T => {
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr':
        switch (k.value.constantKind.case) {
          case 'int64Value':
            return INT;
          case 'uint64Value':
            return UINT;
          case 'doubleValue':
            return DOUBLE;
          case 'stringValue':
            return STRING;
          case 'bytesValue':
            return BYTES;
          case 'boolValue':
            return BOOL;
          case 'nullValue':
            return NULL;
          default:
            return DYN;
        }
      case 'identExpr':
        return lookup(k.value.name) ?? DYN;
      case 'selectExpr': {
        const operand = check(k.value.operand);
        // has() is a macro: cel-go gives the expanded select the location of the macro call, its '('
        const t = select(operand, k.value.field, k.value.testOnly ? position(source, pos(e), 'call') : pos(e));
        return k.value.testOnly ? BOOL : t;
      }
      case 'listExpr': {
        const items = k.value.elements.map((x) => ({ t: check(x), offset: pos(x) }));
        return list(aggregate(items));
      }
      case 'structExpr': {
        if (k.value.messageName) return DYN;
        const keys: { t: T; offset: number }[] = [];
        const vals: { t: T; offset: number }[] = [];
        for (const en of k.value.entries) {
          if (en.keyKind.case === 'mapKey') keys.push({ t: check(en.keyKind.value), offset: pos(en.keyKind.value) });
          vals.push({ t: check(en.value), offset: en.value ? pos(en.value) : 0 });
        }
        return map(aggregate(keys), aggregate(vals));
      }
      case 'comprehensionExpr': {
        const c = k.value;
        const range = check(c.iterRange);
        let iter: T = DYN, iter2: T = DYN;
        if (range.k === 'list') {
          iter = c.iterVar2 ? INT : range.e;
          iter2 = range.e;
        } else if (range.k === 'map') {
          iter = range.key;
          iter2 = range.val;
        } else if (!isDynLike(range)) {
          report(pos(c.iterRange!), `expression of type '${formatType(range)}' cannot be range of a comprehension (must be list, map, or dynamic)`);
        }
        const accu = check(c.accuInit);
        const scope = new Map<string, T>([[c.accuVar, accu]]);
        scopes.push(scope);
        const inner = new Map<string, T>([[c.iterVar, iter]]);
        if (c.iterVar2) inner.set(c.iterVar2, iter2);
        scopes.push(inner);
        check(c.loopCondition);
        const step = check(c.loopStep);
        scopes.pop();
        // an accumulator that starts as an empty list takes the step's type (map/filter)
        if (accu.k === 'list' && isDynLike(accu.e) && step.k === 'list') scope.set(c.accuVar, step);
        const result = check(c.result);
        scopes.pop();
        return result;
      }
      case 'callExpr': {
        const call = k.value;
        const name = call.function;
        if (name === '@podlint_cost') return check(call.args[0]);
        if (name === OPT_SELECT || name === OPT_INDEX) {
          const target = check(call.args[0]);
          const inner = target.k === 'optional' ? target.e : target;
          if (name === OPT_SELECT) {
            const field = call.args[1]?.exprKind.case === 'constExpr' ? String(call.args[1].exprKind.value.constantKind.value) : '';
            const t = select(inner, field, pos(e));
            return t.k === 'error' ? ERROR : optional(t.k === 'optional' ? t.e : t);
          }
          const key = check(call.args[1]);
          const t = resolve('_[_]', pos(e), undefined, [inner, key]);
          return t.k === 'error' ? ERROR : optional(t);
        }
        if (name === OPT_LIST) {
          const elems = call.args[1]?.exprKind.case === 'listExpr' ? call.args[1].exprKind.value.elements : [];
          const flags = call.args[0]?.exprKind.case === 'constExpr' ? String(call.args[0].exprKind.value.constantKind.value) : '';
          const items = elems.map((x, i) => {
            const t = check(x);
            return { t: flags[i] === '1' ? (t.k === 'optional' ? t.e : t) : t, offset: pos(x) };
          });
          return list(aggregate(items));
        }
        if (name === OPT_MAP) {
          const flags = call.args[0]?.exprKind.case === 'constExpr' ? String(call.args[0].exprKind.value.constantKind.value) : '';
          const ks = call.args[1]?.exprKind.case === 'listExpr' ? call.args[1].exprKind.value.elements : [];
          const vs = call.args[2]?.exprKind.case === 'listExpr' ? call.args[2].exprKind.value.elements : [];
          const keys = ks.map((x) => ({ t: check(x), offset: pos(x) }));
          const vals = vs.map((x, i) => {
            const t = check(x);
            return { t: flags[i] === '1' ? (t.k === 'optional' ? t.e : t) : t, offset: pos(x) };
          });
          return map(aggregate(keys), aggregate(vals));
        }
        // a namespaced function (format.named, ip.isCanonical, optional.of …)
        const t = call.target;
        if (t?.exprKind.case === 'identExpr' && !scopes.some((s) => s.has((t.exprKind.value as { name: string }).name)) && decls.has(`${t.exprKind.value.name}.${name}`)) {
          const args = call.args.map(check);
          return resolve(`${t.exprKind.value.name}.${name}`, position(source, pos(e), 'call'), undefined, args);
        }
        const target = call.target ? check(call.target) : undefined;
        const args = call.args.map(check);
        if (name === '_&&_' || name === '_||_') {
          // logical operators accept errors on either side at run time; the checker wants bool
          return resolve(name, position(source, pos(e), 'binary', call.args[1] ? firstOffset(call.args[1], positions) : undefined), undefined, args);
        }
        const kind = /^_.*_$/.test(name) && name !== '_[_]' ? (name === '_?_:_' ? 'ternary' : 'binary') : name === '_[_]' ? 'index' : /^[-!]_$/.test(name) ? 'unary' : name === '@in' ? 'binary' : name.startsWith('@') ? 'macro' : 'call';
        const right = kind === 'binary' ? call.args[1] : kind === 'ternary' ? call.args[1] : undefined;
        return resolve(name, position(source, pos(e), kind, right ? firstOffset(right, positions) : undefined), target, args);
      }
      default:
        return DYN;
    }
  };
  const type = check(root);
  return { errors, type };
}

/** The first offset of a subtree (its leftmost token). */
function firstOffset(e: Expr, positions: Record<string, number>): number {
  let m = positions[String(e.id)] ?? Infinity;
  const k = e.exprKind;
  if (k.case === 'selectExpr' && k.value.operand) m = Math.min(m, firstOffset(k.value.operand, positions));
  if (k.case === 'callExpr') {
    if (k.value.target) m = Math.min(m, firstOffset(k.value.target, positions));
    for (const a of k.value.args) m = Math.min(m, firstOffset(a, positions));
  }
  if (k.case === 'comprehensionExpr' && k.value.iterRange) m = Math.min(m, firstOffset(k.value.iterRange, positions));
  return m;
}

/**
 * Where cel-go reports an error on a call: binary operators at the operator, the conditional at '?',
 * calls at their '(' (the parser's ids: VisitMemberCall / VisitGlobalCall take ctx.GetOpen()).
 * @bufbuild/cel places binary operators at their left operand and calls at the name or the '.'.
 */
function position(source: string, at: number, kind: string, rightStart?: number): number {
  if ((kind === 'binary' || kind === 'ternary') && rightStart !== undefined && Number.isFinite(rightStart)) {
    let i = rightStart - 1;
    while (i >= 0 && /[\s(]/.test(source[i]!)) i--;
    if (kind === 'ternary') return source[i] === '?' ? i : at;
    // the operator ends at i
    for (const op of ['&&', '||', '==', '!=', '<=', '>=', 'in']) if (source.slice(i - 1, i + 1) === op) return i - 1;
    if ('+-*/%<>'.includes(source[i]!)) return i;
    return at;
  }
  if (kind === 'call') return openParen(source, at);
  return at;
}
