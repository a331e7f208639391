/**
 * CEL for CRD validation rules (x-kubernetes-validations), evaluated as the API server does
 * (staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go): `self` is the
 * value at the rule's schema node, typed by the schema (integers are int, numbers double, declared
 * property names escaped), and the Kubernetes libraries (src/crd/cel-library.ts) are added to CEL's
 * standard environment.
 *
 * The evaluator is @bufbuild/cel (Buf's CEL for ECMAScript, run against the official cel-spec
 * conformance suite, with an RE2-compatible regex engine as Kubernetes' Go regexp is). It has no cost
 * tracking, so podlint instruments the parsed program: every comprehension's loop condition calls a
 * counter that charges the cost of one iteration and stops the evaluation once the API server's
 * per-call limit or the object's budget is spent. The charge is an estimate of cel-go's actual cost
 * (one per evaluated node), not cel-go's exact figure.
 */
import { celEnv, celFunc, CelScalar, isCelError, parse, plan, type CelEnv, type CelFunc } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { create } from '@bufbuild/protobuf';
import { ExprSchema, type Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { kubernetesLibrary, kubernetesRegistry } from './cel-library.js';
import { blankOptionalMarkers, rewriteOptionals, UnmatchedOptional } from './cel-optional.js';
import { openParen } from './cel-source.js';

/** celconfig.PerCallLimit (staging/src/k8s.io/apiserver/pkg/apis/cel/config.go): one rule's cost limit. */
export const PER_CALL_LIMIT = 1_000_000;
/** celconfig.RuntimeCELCostBudget: the cost all rules of one custom resource may spend together. */
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;
/** celconfig.MaxEvaluatedMessageExpressionSizeBytes. */
export const MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES = 5 * 1024;

/** cel-go's error text when a program passes its cost limit (interpreter/runtimecost.go). */
export const COST_LIMIT_EXCEEDED = 'operation cancelled: actual cost limit exceeded';

/** The variable names of a rule (apiextensions cel: ScopedVarName, OldScopedVarName). */
export const SELF = 'self';
export const OLD_SELF = 'oldSelf';

const TICK = '@podlint_cost';

/** Thrown (and caught around the evaluation) when a program spends more than it may. */
class CostExceeded extends Error {}

/** What a program charges and how much is left, shared by the tick function of one evaluation. */
interface Meter {
  spent: number;
  limit: number;
}
let meter: Meter | undefined;

let env: CelEnv | undefined;
let libraryFuncs: CelFunc[] | undefined;
/** The functions added to CEL's standard ones: the strings extension and the Kubernetes libraries. */
export function libraryFunctions(): readonly CelFunc[] {
  libraryFuncs ??= [...strings, ...kubernetesLibrary()];
  return libraryFuncs;
}
function environment(): CelEnv {
  env ??= celEnv({
    funcs: [
      ...libraryFunctions(),
      celFunc(TICK, [CelScalar.DYN, CelScalar.INT], CelScalar.DYN, (value, cost) => {
        if (meter) {
          meter.spent += Number(cost);
          if (meter.spent > meter.limit) throw new CostExceeded(COST_LIMIT_EXCEEDED);
        }
        return value;
      }),
    ],
    registry: kubernetesRegistry(),
  });
  return env;
}

export interface CompiledExpression {
  source: string;
  /** Number of nodes outside loops: what one evaluation charges at least. */
  baseCost: number;
  /** True when the expression reads oldSelf (a transition rule). */
  usesOldSelf: boolean;
  /** The parsed expression (optional syntax rewritten, loops instrumented) and its nodes' source offsets, for the type checker. */
  ast: Expr;
  positions: Record<string, number>;
  run(self: unknown, limit: number): EvalResult;
}

export type EvalResult = { ok: true; value: unknown; cost: number } | { ok: false; error: string; cost: number; costExceeded?: boolean };

export class CompileError extends Error {}

/** An expression podlint cannot evaluate soundly (an optional marker it cannot place). */
export class UnsupportedExpression extends Error {}

const cache = new Map<string, CompiledExpression | CompileError | UnsupportedExpression>();

/**
 * Parse and plan an expression; throws CompileError with the parser's message. Compiled expressions
 * are shared by every rule with the same text.
 */
export function compileExpression(source: string): CompiledExpression {
  const cached = cache.get(source);
  if (cached instanceof CompileError || cached instanceof UnsupportedExpression) throw cached;
  if (cached) return cached;
  try {
    const compiled = compileUncached(source);
    cache.set(source, compiled);
    return compiled;
  } catch (err) {
    const e = err instanceof CompileError || err instanceof UnsupportedExpression ? err : new CompileError(syntaxError((err as Error).message));
    cache.set(source, e);
    throw e;
  }
}

/** Identifiers CEL itself declares: type names (type(x) == int …). */
const TYPE_IDENTIFIERS = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn', 'optional_type', 'google.protobuf.Duration', 'google.protobuf.Timestamp']);

/**
 * A parse error in cel-go's frame ("ERROR: <input>:line:column: Syntax error: …", parser/errors.go).
 * The detail stays @bufbuild/cel's (a PEG parser's "found X but expecting Y"): cel-go's details come
 * from ANTLR's error recovery ("mismatched input '<EOF>' expecting …", "no viable alternative at
 * input …") and its expected-token sets, which cannot be reproduced without ANTLR's grammar, and its
 * column (the offending token) may differ by a token from the one reported here.
 */
function syntaxError(message: string): string {
  const m = /^<input>:(\d+):(\d+): ([\s\S]*)$/.exec(message);
  return m ? `ERROR: <input>:${m[1]}:${m[2]}: Syntax error: ${m[3]}` : message;
}


/** cel-go's checker error text (common/errors.go), with the 1-based line and column of `offset`. */
function checkerError(source: string, offset: number, message: string): string {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `ERROR: <input>:${line}:${column}: ${message}`;
}

/**
 * The references the type checker would refuse (an undeclared variable or function: cel-go's
 * "undeclared reference to 'x' (in container '')"); types are checked in cel-types.ts.
 */
function references(expr: Expr | undefined, positions: Record<string, number>, source: string, bound: Set<string>, out: { errors: string[] }): void {
  if (!expr) return;
  const k = expr.exprKind;
  const at = (e: Expr) => positions[String(e.id)] ?? 0;
  switch (k.case) {
    case 'identExpr':
      if (!bound.has(k.value.name) && k.value.name !== SELF && k.value.name !== OLD_SELF && !TYPE_IDENTIFIERS.has(k.value.name)) {
        out.errors.push(checkerError(source, at(expr), `undeclared reference to '${k.value.name}' (in container '')`));
      }
      return;
    case 'selectExpr':
      references(k.value.operand, positions, source, bound, out);
      return;
    case 'callExpr': {
      const fn = k.value.function;
      const target = k.value.target;
      const qualified = target?.exprKind.case === 'identExpr' && !bound.has(target.exprKind.value.name) && target.exprKind.value.name !== SELF ? `${target.exprKind.value.name}.${fn}` : undefined;
      if (qualified && environment().funcs.find(qualified)) {
        // a namespaced function such as ip.isCanonical(…)
      } else {
        // operators and special forms (_&&_, _?_:_, @in …) are the planner's own; named functions must exist
        if (/^[A-Za-z][A-Za-z0-9_]*$/.test(fn) && !environment().funcs.find(fn)) out.errors.push(checkerError(source, openParen(source, at(expr)), `undeclared reference to '${fn}' (in container '')`));
        references(target, positions, source, bound, out);
      }
      for (const a of k.value.args) references(a, positions, source, bound, out);
      return;
    }
    case 'listExpr':
      for (const e of k.value.elements) references(e, positions, source, bound, out);
      return;
    case 'structExpr':
      for (const e of k.value.entries) {
        if (e.keyKind.case === 'mapKey') references(e.keyKind.value, positions, source, bound, out);
        references(e.value, positions, source, bound, out);
      }
      return;
    case 'comprehensionExpr': {
      const c = k.value;
      references(c.iterRange, positions, source, bound, out);
      references(c.accuInit, positions, source, bound, out);
      const inner = new Set(bound);
      inner.add(c.iterVar);
      if (c.iterVar2) inner.add(c.iterVar2);
      inner.add(c.accuVar);
      references(c.loopCondition, positions, source, inner, out);
      references(c.loopStep, positions, source, inner, out);
      references(c.result, positions, source, inner, out);
      return;
    }
    default:
      return;
  }
}

function compileUncached(source: string): CompiledExpression {
  const blanked = blankOptionalMarkers(source);
  const parsed = parse(blanked?.text ?? source);
  const refs = { errors: [] as string[] };
  const positions: Record<string, number> = {};
  let maxId = 0n;
  for (const [id, offset] of Object.entries(parsed.sourceInfo?.positions ?? {})) {
    positions[id] = Number(offset);
    if (BigInt(id) > maxId) maxId = BigInt(id);
  }
  try {
    parsed.expr = rewriteOptionals(parsed.expr!, positions, blanked?.markers ?? [], () => ++maxId);
  } catch (err) {
    if (err instanceof UnmatchedOptional) throw new UnsupportedExpression(`uses CEL optional syntax podlint cannot place (${err.message})`);
    throw err;
  }
  references(parsed.expr, positions, source, new Set(), refs);
  if (refs.errors.length) throw new CompileError(refs.errors.join('\n'));
  const info = { nodes: 0, usesOldSelf: false };
  instrument(parsed.expr, info, new Set());
  const program = plan(environment(), parsed);
  const baseCost = info.nodes;
  return {
    source,
    baseCost,
    usesOldSelf: info.usesOldSelf,
    ast: parsed.expr!,
    positions,
    run(self, limit) {
      const m: Meter = { spent: baseCost, limit };
      const outer = meter;
      meter = m;
      try {
        if (m.spent > m.limit) return { ok: false, error: COST_LIMIT_EXCEEDED, cost: m.spent, costExceeded: true };
        const value = program({ [SELF]: self as never });
        if (isCelError(value)) {
          if (value.cause instanceof CostExceeded || value.message.includes(COST_LIMIT_EXCEEDED) || m.spent > m.limit) {
            return { ok: false, error: COST_LIMIT_EXCEEDED, cost: m.spent, costExceeded: true };
          }
          return { ok: false, error: celErrorText(value.message), cost: m.spent };
        }
        return { ok: true, value, cost: m.spent };
      } catch (err) {
        if (err instanceof CostExceeded || m.spent > m.limit) return { ok: false, error: COST_LIMIT_EXCEEDED, cost: m.spent, costExceeded: true };
        return { ok: false, error: (err as Error).message, cost: m.spent };
      } finally {
        meter = outer;
      }
    },
  };
}

/**
 * Count nodes, note oldSelf, and wrap every comprehension's loop condition in the cost counter,
 * charged with the size of one iteration (condition and step).
 */
function instrument(expr: Expr | undefined, info: { nodes: number; usesOldSelf: boolean }, bound: Set<string>): number {
  if (!expr) return 0;
  let size = 1;
  const k = expr.exprKind;
  switch (k.case) {
    case 'identExpr':
      if (k.value.name === OLD_SELF && !bound.has(OLD_SELF)) info.usesOldSelf = true;
      break;
    case 'selectExpr':
      size += instrument(k.value.operand, info, bound);
      break;
    case 'callExpr':
      size += instrument(k.value.target, info, bound);
      for (const a of k.value.args) size += instrument(a, info, bound);
      break;
    case 'listExpr':
      for (const e of k.value.elements) size += instrument(e, info, bound);
      break;
    case 'structExpr':
      for (const e of k.value.entries) {
        if (e.keyKind.case === 'mapKey') size += instrument(e.keyKind.value, info, bound);
        size += instrument(e.value, info, bound);
      }
      break;
    case 'comprehensionExpr': {
      const c = k.value;
      size += instrument(c.iterRange, info, bound);
      size += instrument(c.accuInit, info, bound);
      const inner = new Set(bound);
      inner.add(c.iterVar);
      if (c.iterVar2) inner.add(c.iterVar2);
      inner.add(c.accuVar);
      const loopInfo = { nodes: 0, usesOldSelf: false };
      const perIteration = instrument(c.loopCondition, loopInfo, inner) + instrument(c.loopStep, loopInfo, inner);
      if (loopInfo.usesOldSelf) info.usesOldSelf = true;
      size += instrument(c.result, info, inner);
      c.loopCondition = tick(c.loopCondition, perIteration);
      break;
    }
    default:
      break;
  }
  info.nodes += 1;
  return size;
}

function tick(expr: Expr | undefined, cost: number): Expr {
  const id = expr?.id ?? 0n;
  return create(ExprSchema, {
    id,
    exprKind: {
      case: 'callExpr',
      value: {
        function: TICK,
        args: [
          expr ?? create(ExprSchema, { id, exprKind: { case: 'constExpr', value: { constantKind: { case: 'boolValue', value: true } } } }),
          create(ExprSchema, { id, exprKind: { case: 'constExpr', value: { constantKind: { case: 'int64Value', value: BigInt(Math.max(1, cost)) } } } }),
        ],
      },
    },
  });
}

/** @bufbuild/cel's runtime messages in cel-go's words where they differ (interpreter/attributes.go, common/types/err.go). */
function celErrorText(message: string): string {
  let m = /^field not found: (.*)$/.exec(message) ?? /^key not found: (.*)$/.exec(message);
  if (m) return `no such key: ${m[1]}`;
  m = /^found no matching overload for '([^']*)'/.exec(message);
  if (m) return `no such overload`;
  if (/divide by zero$/.test(message)) return 'division by zero';
  if (/modulus by zero$/.test(message)) return 'modulus by zero';
  m = /^index (-?\d+) out of bounds/.exec(message);
  if (m) return `index out of range: ${m[1]}`;
  if (/overflow/.test(message)) return 'integer overflow';
  return message;
}
