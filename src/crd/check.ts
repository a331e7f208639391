/**
 * What makes the API server refuse a CustomResourceDefinition itself
 * (staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go and
 * pkg/apiserver/schema/validation.go): no schema, not exactly one storage version, a schema that is not
 * structural (a field without a type, an array without items), a pattern that does not compile, an
 * x-kubernetes-validations rule or messageExpression that does not compile or type-check (cel-types.ts),
 * a rule that is not bool or a messageExpression that is not string, an unknown reason.
 */
import { RE2JS } from '@bufbuild/re2';
import type { SchemaProblem } from '../engine/rule.js';
import { escapeToken } from '../source/locate.js';
import { goQuote } from '../k8s/validation.js';
import { compileExpression, libraryFunctions, UnsupportedExpression, type CompiledExpression } from './cel.js';
import { checkTypes, schemaType, type T, type TypeError } from './cel-types.js';
import { costErrorMessage, declOf, estimateCost, maxCardinality, multiplyWithOverflowGuard, STATIC_ESTIMATED_COST_LIMIT, STATIC_ESTIMATED_CRD_COST_LIMIT } from './cel-cost.js';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { isRecord } from '../k8s/podspec.js';
import { RULE_REASONS, type JSONSchemaProps } from './schema.js';

/** compilation.go: a rule's type must be bool, a messageExpression's string. */
export const RULE_MUST_BE_BOOL = 'cel expression must evaluate to a bool';
export const MESSAGE_EXPRESSION_MUST_BE_STRING = 'messageExpression must evaluate to a string';
/** validation.go: each of the (at most four) most expensive rules when the schema's total is over its limit. */
export const CONTRIBUTED_TO_TOTAL = 'contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema';

/** cel-go's issues.String() (common/errors.go): each error as ERROR: <input>:line:column: message, by position. */
function formatTypeErrors(source: string, errors: TypeError[]): string {
  const lines = [...errors]
    .sort((a, b) => a.offset - b.offset)
    .map((e) => {
      const before = source.slice(0, e.offset);
      return `ERROR: <input>:${before.split('\n').length}:${e.offset - (before.lastIndexOf('\n') + 1) + 1}: ${e.message}`;
    });
  return [...new Set(lines)].join('\n');
}

/** The type checker's verdict on an expression at schema node `s`: compilation errors, or its type. */
function typeCheck(compiled: CompiledExpression, s: JSONSchemaProps, root: boolean): { errors?: string; type: T; cost: number } {
  const resourceRoot = root || s['x-kubernetes-embedded-resource'] === true;
  const nodeTypes = new Map<Expr, T>();
  try {
    const { errors, type } = checkTypes(compiled.ast, compiled.source, compiled.positions, schemaType(s, resourceRoot), libraryFunctions(), nodeTypes);
    if (errors.length) return { errors: formatTypeErrors(compiled.source, errors), type, cost: 0 };
    return { type, cost: estimateCost(compiled.ast, declOf(s, resourceRoot), nodeTypes) };
  } catch {
    // a construct the checker does not model is not judged: the API server's verdict is unknown
    return { type: { k: 'dyn' }, cost: 0 };
  }
}

/**
 * The estimated costs of one version's schema (cel_validation.go CELSchemaContext, TotalCost): how often
 * a rule may run (the product of maxItems / maxProperties above it, or unbounded), and the running total
 * with its four most expensive rules (those of at least 1% of the limit).
 */
interface CostContext {
  cardinality: number | undefined;
  total: { sum: number; mostExpensive: { at: At; cost: number }[] };
}
function observe(ctx: CostContext, at: At, cost: number): void {
  ctx.total.sum = Math.min(Number.MAX_VALUE, ctx.total.sum + cost);
  if (cost < STATIC_ESTIMATED_CRD_COST_LIMIT / 100) return;
  ctx.total.mostExpensive.push({ at, cost });
  ctx.total.mostExpensive.sort((a, b) => b.cost - a.cost);
  ctx.total.mostExpensive.splice(4);
}
/** cel_validation.go extractMaxElements: by how much a schema multiplies how often its children occur. */
function childCardinality(s: JSONSchemaProps, ctx: CostContext): CostContext {
  let factor: number | undefined = 1;
  if (s.type === 'object' && s.additionalProperties !== undefined) factor = typeof s.maxProperties === 'number' ? Math.max(0, s.maxProperties) : undefined;
  else if (s.type === 'array') factor = typeof s.maxItems === 'number' ? Math.max(0, s.maxItems) : undefined;
  return { cardinality: ctx.cardinality === undefined || factor === undefined ? undefined : multiplyWithOverflowGuard(ctx.cardinality, factor), total: ctx.total };
}
const known = (t: T) => t.k !== 'dyn' && t.k !== 'error';

interface At {
  /** JSON pointer inside the CRD object. */
  pointer: string;
  /** field.Path as the API server prints it. */
  path: string;
}

function child(at: At, token: string, printed = `.${token}`): At {
  return { pointer: `${at.pointer}/${escapeToken(token)}`, path: at.path + printed };
}

/**
 * The Kubernetes minor version from which each library's functions are declared in the CEL environment
 * (staging/src/k8s.io/apiserver/pkg/cel/environment/base.go IntroducedVersion). A rule calling one on
 * an older version is refused as an undeclared reference. podlint gates on the chosen version itself;
 * an API server compiles new rules for its compatibility version, which may be one minor lower, so a
 * rule using a library on the very version that introduced it is accepted here (lenient).
 */
const LIBRARY_SINCE_MINOR: [RegExp, number][] = [
  [/^(quantity|isQuantity|optional\.(of|none|ofNonZeroValue))$/, 28],
  [/^sets\./, 29],
  [/^(ip|isIP|ip\.isCanonical|cidr|isCIDR)$/, 30],
  [/^format\./, 31],
  [/^(semver|isSemver)$/, 33],
];

/** Global and namespaced functions of libraries newer than `minor`, as cel-go's undeclared references. */
function newerLibraries(compiled: CompiledExpression, minor: number): string[] {
  const out: string[] = [];
  const visit = (e: Expr | undefined): void => {
    if (!e) return;
    const k = e.exprKind;
    if (k.case === 'callExpr') {
      const t = k.value.target;
      const name = !t ? k.value.function : t.exprKind.case === 'identExpr' && ['optional', 'sets', 'ip', 'format'].includes(t.exprKind.value.name) ? `${t.exprKind.value.name}.${k.value.function}` : undefined;
      const since = name === undefined ? undefined : LIBRARY_SINCE_MINOR.find(([re]) => re.test(name))?.[1];
      if (name !== undefined && since !== undefined && minor < since) {
        const offset = openParenAt(compiled.source, compiled.positions[String(e.id)] ?? 0);
        const before = compiled.source.slice(0, offset);
        out.push(`ERROR: <input>:${before.split('\n').length}:${offset - (before.lastIndexOf('\n') + 1) + 1}: undeclared reference to '${name}' (in container '')`);
      }
      visit(k.value.target);
      k.value.args.forEach(visit);
    } else if (k.case === 'selectExpr') visit(k.value.operand);
    else if (k.case === 'listExpr') k.value.elements.forEach(visit);
    else if (k.case === 'structExpr') for (const en of k.value.entries) (en.keyKind.case === 'mapKey' && visit(en.keyKind.value), visit(en.value));
    else if (k.case === 'comprehensionExpr') [k.value.iterRange, k.value.accuInit, k.value.loopCondition, k.value.loopStep, k.value.result].forEach(visit);
  };
  visit(compiled.ast);
  return out;
}
/** A call's '(' after the name at `at` (cel-go places calls there). */
function openParenAt(source: string, at: number): number {
  let i = at;
  if (source[i] === '.') i++;
  while (i < source.length && /[\sA-Za-z0-9_.]/.test(source[i]!) && source[i] !== '(') i++;
  return source[i] === '(' ? i : at;
}

export function checkCrd(o: Record<string, unknown>, minor = Number.POSITIVE_INFINITY): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (at: At, message: string, key = false) => problems.push({ type: 'crd-invalid', path: at.pointer, message, at: key ? 'key' : 'value' });
  const spec = o.spec;
  if (!isRecord(spec) || !Array.isArray(spec.versions)) return problems;
  const versionsAt: At = { pointer: '/spec/versions', path: 'spec.versions' };
  const storage = spec.versions.filter((v) => isRecord(v) && v.storage === true).length;
  if (storage !== 1) add(versionsAt, `spec.versions: Invalid value: …: must have exactly one version marked as storage version`, true);
  spec.versions.forEach((v, i) => {
    if (!isRecord(v)) return;
    const at: At = { pointer: `/spec/versions/${i}`, path: `spec.versions[${i}]` };
    const schema = isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined;
    if (!isRecord(schema)) {
      add(child(child(at, 'schema'), 'openAPIV3Schema'), `${at.path}.schema.openAPIV3Schema: Required value: schemas are required`);
      return;
    }
    const schemaAt = child(child(at, 'schema'), 'openAPIV3Schema');
    const ctx: CostContext = { cardinality: 1, total: { sum: 0, mostExpensive: [] } };
    walk(schema as JSONSchemaProps, schemaAt, add, ctx, true, minor);
    if (ctx.total.sum > STATIC_ESTIMATED_CRD_COST_LIMIT) {
      for (const e of ctx.total.mostExpensive) add(e.at, `${e.at.path}: Forbidden: ${CONTRIBUTED_TO_TOTAL}`);
      add(schemaAt, `${schemaAt.path}: Forbidden: ${costErrorMessage('x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema', ctx.total.sum, STATIC_ESTIMATED_CRD_COST_LIMIT)}`, true);
    }
  });
  return problems;
}

function walk(s: JSONSchemaProps, at: At, add: (at: At, message: string, key?: boolean) => void, ctx: CostContext, root: boolean, minor: number): void {
  checkRules(s, at, add, ctx, root, minor);
  walkChildren(s, at, add, ctx, root, minor);
}

function checkRules(s: JSONSchemaProps, at: At, add: (at: At, message: string, key?: boolean) => void, ctx: CostContext, root: boolean, minor: number): void {
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  if (!s.type && !preserve && !intOrString && !root) add(at, `${at.path}.type: Required value: must not be empty for specified object fields`, true);
  if (s.type === 'array' && !isRecord(s.items)) add(at, `${at.path}.items: Required value: must be specified`, true);
  if (typeof s.pattern === 'string') {
    try {
      RE2JS.compile(s.pattern);
    } catch (err) {
      const p = child(at, 'pattern');
      add(p, `${p.path}: Invalid value: ${goQuote(s.pattern)}: must be a valid regular expression, but isn't: ${(err as Error).message}`);
    }
  }
  const rules = s['x-kubernetes-validations'];
  if (Array.isArray(rules)) {
    rules.forEach((r, i) => {
      if (!isRecord(r)) return;
      const ruleAt = child(child(at, 'x-kubernetes-validations', ''), String(i), `.x-kubernetes-validations[${i}]`);
      if (typeof r.rule === 'string' && r.rule.trim() !== '') {
        try {
          const compiled = compileExpression(r.rule);
          const checked = typeCheck(compiled, s, root);
          const p = child(ruleAt, 'rule');
          const undeclared = newerLibraries(compiled, minor);
          if (undeclared.length) add(p, `${p.path}: Invalid value: ${goQuote(r.rule)}: compilation failed: ${undeclared.join('\n')}`);
          else if (checked.errors) add(p, `${p.path}: Invalid value: ${goQuote(r.rule)}: compilation failed: ${checked.errors}`);
          else if (known(checked.type) && checked.type.k !== 'bool') add(p, `${p.path}: Invalid value: ${goQuote(r.rule)}: ${RULE_MUST_BE_BOOL}`);
          else {
            // validation.go: the estimated cost times how often the rule may run (compilation.go maxCardinality when unbounded)
            const cardinality = ctx.cardinality ?? maxCardinality(declOf(s, root || s['x-kubernetes-embedded-resource'] === true)?.minSize ?? 1);
            const cost = multiplyWithOverflowGuard(checked.cost, cardinality);
            if (cost > STATIC_ESTIMATED_COST_LIMIT) add(p, `${p.path}: Forbidden: ${costErrorMessage('estimated rule cost', cost, STATIC_ESTIMATED_COST_LIMIT)}`);
            observe(ctx, p, cost);
          }
        } catch (err) {
          // an expression podlint cannot place is not judged (cel-transition-rule says so on the resources)
          if (!(err instanceof UnsupportedExpression)) {
            const p = child(ruleAt, 'rule');
            add(p, `${p.path}: Invalid value: ${goQuote(r.rule)}: compilation failed: ${(err as Error).message}`);
          }
        }
      } else {
        const p = child(ruleAt, 'rule');
        add(p, `${p.path}: Required value: rule is not specified`);
      }
      if (typeof r.messageExpression === 'string') {
        try {
          const compiled = compileExpression(r.messageExpression);
          const checked = typeCheck(compiled, s, root);
          const p = child(ruleAt, 'messageExpression');
          const undeclared = newerLibraries(compiled, minor);
          if (undeclared.length) add(p, `${p.path}: Invalid value: ${goQuote(r.messageExpression)}: messageExpression compilation failed: ${undeclared.join('\n')}`);
          else if (checked.errors) add(p, `${p.path}: Invalid value: ${goQuote(r.messageExpression)}: messageExpression compilation failed: ${checked.errors}`);
          else if (known(checked.type) && checked.type.k !== 'string') add(p, `${p.path}: Invalid value: ${goQuote(r.messageExpression)}: ${MESSAGE_EXPRESSION_MUST_BE_STRING}`);
          else {
            if (checked.cost > STATIC_ESTIMATED_COST_LIMIT) add(p, `${p.path}: Forbidden: ${costErrorMessage('estimated messageExpression cost', checked.cost, STATIC_ESTIMATED_COST_LIMIT)}`);
            observe(ctx, p, checked.cost);
          }
        } catch (err) {
          if (!(err instanceof UnsupportedExpression)) {
            const p = child(ruleAt, 'messageExpression');
            add(p, `${p.path}: Invalid value: ${goQuote(r.messageExpression)}: messageExpression compilation failed: ${(err as Error).message}`);
          }
        }
      }
      if (r.reason !== undefined && !(RULE_REASONS as readonly unknown[]).includes(r.reason)) {
        const p = child(ruleAt, 'reason');
        add(p, `${p.path}: Unsupported value: ${goQuote(String(r.reason))}: supported values: ${[...RULE_REASONS].sort().map(goQuote).join(', ')}`);
      }
    });
  }
}

function walkChildren(s: JSONSchemaProps, at: At, add: (at: At, message: string, key?: boolean) => void, ctx: CostContext, root: boolean, minor: number): void {
  const inner = childCardinality(s, ctx);
  if (isRecord(s.properties)) {
    for (const [k, sub] of Object.entries(s.properties)) {
      if (root && (k === 'metadata' || k === 'apiVersion' || k === 'kind') && isRecord(sub) && !sub.type) continue;
      if (isRecord(sub)) walk(sub as JSONSchemaProps, child(child(at, 'properties', '.properties'), k, `[${k}]`), add, inner, false, minor);
    }
  }
  if (isRecord(s.items)) walk(s.items as JSONSchemaProps, child(at, 'items'), add, inner, false, minor);
  if (isRecord(s.additionalProperties)) walk(s.additionalProperties as JSONSchemaProps, child(at, 'additionalProperties'), add, inner, false, minor);
}
