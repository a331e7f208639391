/**
 * CEL's optional syntax (`a.?b`, `a[?k]`, `[?x]`, `{?k: v}`), which Kubernetes enables for CRD rules
 * (staging/src/k8s.io/apiserver/pkg/cel/environment/base.go: cel.OptionalTypes() since 1.28) and which
 * @bufbuild/cel's grammar does not parse.
 *
 * How: a CEL lexer finds every `?` that marks an optional (a `?` right after `.`, `[`, `{` or `,` can be
 * nothing else: the conditional operator's `?` always follows an operand) and blanks it, which leaves
 * the offset of every other character unchanged. The expression then parses as its non-optional twin,
 * and each marker is matched to the node it belongs to by source position: the select whose '.' or
 * the index whose '[' stands before it, or the list element / map entry that starts first after it.
 * Those nodes are rewritten to what cel-go's parser produces (`_?._` and `_[?_]` calls) or, for list and
 * map literals with optional members (which @bufbuild/cel's planner ignores), to calls of podlint's
 * own functions (cel-library.ts). A marker that matches no node makes the expression unsupported
 * rather than guessed.
 *
 * Also rewritten, for cel-go's semantics: a select or index on an optional value is itself optional
 * (interpreter/attributes.go applyQualifiers), `or` / `orValue` evaluate their argument only when
 * the optional is empty (interpreter/planner.go planCallOptionalOr), done here with a one-pass
 * comprehension that binds the optional once, and the optMap / optFlatMap macros are expanded as
 * cel-go expands them.
 */
import { create } from '@bufbuild/protobuf';
import { ExprSchema, type Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { OPT_INDEX, OPT_LIST, OPT_MAP, OPT_SELECT } from './cel-library.js';

export interface OptionalMarker {
  /** Offset of the '?'. */
  offset: number;
  /** The token before it: '.', '[', '{' or ','. */
  after: string;
  /** Offset of that token. */
  afterOffset: number;
}

/** The source with optional markers blanked, and the markers; undefined when there are none. */
export function blankOptionalMarkers(source: string): { text: string; markers: OptionalMarker[] } | undefined {
  const markers: OptionalMarker[] = [];
  let prev = '';
  let prevOffset = -1;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    const start = i;
    // string and bytes literals, with the r/b prefixes
    const lit = /^([rRbB]{0,2})("""|'''|"|')/.exec(source.slice(i, i + 5));
    if (lit && (lit[1] === '' || /^(r|b|rb|br)$/i.test(lit[1]!))) {
      const raw = /r/i.test(lit[1]!);
      const quote = lit[2]!;
      i += lit[0].length;
      while (i < n && !source.startsWith(quote, i)) {
        if (!raw && source[i] === '\\') i++;
        i++;
      }
      i += quote.length;
      prev = 'literal';
      prevOffset = start;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      prev = 'ident';
      prevOffset = start;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const num = /^(0[xX][0-9a-fA-F]+[uU]?|[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?[uU]?|[0-9]+[eE][+-]?[0-9]+)/.exec(source.slice(i));
      i += num ? num[0].length : 1;
      prev = 'literal';
      prevOffset = start;
      continue;
    }
    if (c === '?' && (prev === '.' || prev === '[' || prev === '{' || prev === ',')) {
      markers.push({ offset: i, after: prev, afterOffset: prevOffset });
      i++;
      prev = '?';
      prevOffset = start;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (['&&', '||', '==', '!=', '<=', '>='].includes(two)) {
      i += 2;
      prev = two;
    } else {
      i++;
      prev = c;
    }
    prevOffset = start;
  }
  if (markers.length === 0) return undefined;
  let text = source;
  for (const m of markers) text = text.slice(0, m.offset) + ' ' + text.slice(m.offset + 1);
  return { text, markers };
}

/** Thrown when a marker matches no node: the expression is not one podlint can evaluate soundly. */
export class UnmatchedOptional extends Error {}

const OPTIONAL_PRODUCERS = new Set([OPT_SELECT, OPT_INDEX]);

/**
 * Rewrite the parsed twin of an expression with optional syntax (markers from blankOptionalMarkers),
 * and `or` / `orValue` everywhere; returns the new root. `nextId` gives fresh node ids.
 */
export function rewriteOptionals(root: Expr, positions: Record<string, number>, markers: OptionalMarker[], nextId: () => bigint): Expr {
  const pos = (e: Expr) => positions[String(e.id)];
  const used = new Set<OptionalMarker>();
  const byAfter = (after: string, offset: number) => markers.find((m) => m.after === after && m.afterOffset === offset && !used.has(m));

  // The first offset of each subtree, to find the list element or map entry a marker stands before.
  const minOffset = new Map<Expr, number>();
  const first = (e: Expr | undefined): number => {
    if (!e) return Infinity;
    const cached = minOffset.get(e);
    if (cached !== undefined) return cached;
    let m = pos(e) ?? Infinity;
    const k = e.exprKind;
    switch (k.case) {
      case 'selectExpr':
        m = Math.min(m, first(k.value.operand));
        break;
      case 'callExpr':
        m = Math.min(m, first(k.value.target), ...k.value.args.map(first));
        break;
      case 'listExpr':
        m = Math.min(m, ...k.value.elements.map(first));
        break;
      case 'structExpr':
        for (const en of k.value.entries) m = Math.min(m, en.keyKind.case === 'mapKey' ? first(en.keyKind.value) : Infinity, first(en.value));
        break;
      case 'comprehensionExpr':
        m = Math.min(m, first(k.value.iterRange));
        break;
      default:
        break;
    }
    minOffset.set(e, m);
    return m;
  };
  // Members (list elements, map keys) by start offset: a marker belongs to the first that starts after it.
  const members: { start: number; owner: Expr; index: number }[] = [];
  const collect = (e: Expr | undefined): void => {
    if (!e) return;
    const k = e.exprKind;
    switch (k.case) {
      case 'selectExpr':
        collect(k.value.operand);
        return;
      case 'callExpr':
        collect(k.value.target);
        k.value.args.forEach(collect);
        return;
      case 'listExpr':
        k.value.elements.forEach((el, index) => {
          members.push({ start: first(el), owner: e, index });
          collect(el);
        });
        return;
      case 'structExpr':
        k.value.entries.forEach((en, index) => {
          if (en.keyKind.case === 'mapKey') {
            members.push({ start: first(en.keyKind.value), owner: e, index });
            collect(en.keyKind.value);
          }
          collect(en.value);
        });
        return;
      case 'comprehensionExpr':
        for (const x of [k.value.iterRange, k.value.accuInit, k.value.loopCondition, k.value.loopStep, k.value.result]) collect(x);
        return;
      default:
        return;
    }
  };
  collect(root);
  const optionalMembers = new Map<Expr, Set<number>>();
  for (const m of markers) {
    if (m.after !== ',' && m.after !== '[' && m.after !== '{') continue;
    let best: (typeof members)[number] | undefined;
    for (const c of members) if (c.start > m.offset && (!best || c.start < best.start)) best = c;
    if (!best) continue;
    const k = best.owner.exprKind;
    // a '[' or '{' marker opens its literal: the member must be the literal's first
    if ((m.after === '[' || m.after === '{') && (best.index !== 0 || pos(best.owner) !== m.afterOffset)) continue;
    if (m.after === '[' && k.case !== 'listExpr') continue;
    if (m.after === '{' && k.case !== 'structExpr') continue;
    // a ',' marker: the member is not the first, and the ',' comes after the previous member's start
    if (m.after === ',') {
      if (best.index === 0) continue;
      const prevMember = members.find((c) => c.owner === best!.owner && c.index === best!.index - 1)!;
      if (!(prevMember.start < m.afterOffset)) continue;
    }
    used.add(m);
    const set = optionalMembers.get(best.owner) ?? new Set<number>();
    set.add(best.index);
    optionalMembers.set(best.owner, set);
  }

  const node = (kind: Expr['exprKind'], id = nextId()): Expr => create(ExprSchema, { id, exprKind: kind });
  const str = (s: string) => node({ case: 'constExpr', value: { constantKind: { case: 'stringValue', value: s } } } as never);
  const call = (fn: string, args: Expr[], target?: Expr, id?: bigint) => node({ case: 'callExpr', value: { function: fn, args, target } } as never, id);
  const ident = (name: string) => node({ case: 'identExpr', value: { name } } as never);
  // cel.bind(name, init, result): a comprehension over no elements whose accumulator is `name` (cel-go's bind macro)
  const bind = (name: string, init: Expr, result: Expr, id?: bigint) =>
    node(
      {
        case: 'comprehensionExpr',
        value: {
          iterVar: '@podlint_unused',
          iterRange: node({ case: 'listExpr', value: { elements: [], optionalIndices: [] } } as never),
          accuVar: name,
          accuInit: init,
          loopCondition: node({ case: 'constExpr', value: { constantKind: { case: 'boolValue', value: false } } } as never),
          loopStep: ident(name),
          result,
        },
      } as never,
      id,
    );
  const isOptionalProducer = (e: Expr): boolean => {
    if (e.exprKind.case !== 'callExpr') return false;
    const c = e.exprKind.value;
    if (OPTIONAL_PRODUCERS.has(c.function)) return true;
    if (c.target?.exprKind.case === 'identExpr' && c.target.exprKind.value.name === 'optional' && ['of', 'none', 'ofNonZeroValue'].includes(c.function)) return true;
    return c.function === 'or' && c.target !== undefined && c.args.length === 1;
  };
  let bindings = 0;

  const walk = (e: Expr | undefined): Expr | undefined => {
    if (!e) return e;
    const k = e.exprKind;
    switch (k.case) {
      case 'selectExpr': {
        const operand = walk(k.value.operand)!;
        const p = pos(e);
        const marker = p === undefined ? undefined : byAfter('.', p);
        if (marker && !k.value.testOnly) {
          used.add(marker);
          return call(OPT_SELECT, [operand, str(k.value.field)], undefined, e.id);
        }
        if (!k.value.testOnly && isOptionalProducer(operand)) return call(OPT_SELECT, [operand, str(k.value.field)], undefined, e.id);
        k.value.operand = operand;
        return e;
      }
      case 'callExpr': {
        const target = walk(k.value.target);
        const args = k.value.args.map((a) => walk(a)!);
        if (k.value.function === '_[_]' && !target && args.length === 2) {
          const p = pos(e);
          const marker = p === undefined ? undefined : byAfter('[', p);
          if (marker) {
            used.add(marker);
            return call(OPT_INDEX, args, undefined, e.id);
          }
          if (isOptionalProducer(args[0]!)) return call(OPT_INDEX, args, undefined, e.id);
        }
        if ((k.value.function === 'optMap' || k.value.function === 'optFlatMap') && target && args.length === 2 && args[0]!.exprKind.case === 'identExpr') {
          // cel-go's optMap / optFlatMap macros (cel/macro.go): target.hasValue() ? [optional.of](bind(v, target.value(), e)) : optional.none();
          // the target is bound once here rather than copied
          const v = `@podlint_mapped${bindings++}`;
          const inner = bind(args[0]!.exprKind.value.name, call('value', [], ident(v)), args[1]!);
          const some = k.value.function === 'optMap' ? call('of', [inner], ident('optional')) : inner;
          return bind(v, target, call('_?_:_', [call('hasValue', [], ident(v)), some, call('none', [], ident('optional'))]), e.id);
        }
        if ((k.value.function === 'or' || k.value.function === 'orValue') && target && args.length === 1) {
          // bind the optional once, then take it or the alternative (evaluated only when it is none)
          const v = `@podlint_or${bindings++}`;
          const has = call('hasValue', [], ident(v));
          const chosen = k.value.function === 'or' ? ident(v) : call('value', [], ident(v));
          return bind(v, target, call('_?_:_', [has, chosen, args[0]!]), e.id);
        }
        k.value.target = target;
        k.value.args = args;
        return e;
      }
      case 'listExpr': {
        const elements = k.value.elements.map((x) => walk(x)!);
        const opt = optionalMembers.get(e);
        if (!opt) {
          k.value.elements = elements;
          return e;
        }
        const flags = elements.map((_, i) => (opt.has(i) ? '1' : '0')).join('');
        return call(OPT_LIST, [str(flags), node({ case: 'listExpr', value: { elements, optionalIndices: [] } } as never)], undefined, e.id);
      }
      case 'structExpr': {
        for (const en of k.value.entries) {
          if (en.keyKind.case === 'mapKey') en.keyKind.value = walk(en.keyKind.value)!;
          en.value = walk(en.value);
        }
        const opt = optionalMembers.get(e);
        if (!opt) return e;
        if (k.value.messageName) throw new UnmatchedOptional('optional fields of message literals are not supported');
        const flags = k.value.entries.map((_, i) => (opt.has(i) ? '1' : '0')).join('');
        const keys = k.value.entries.map((en) => (en.keyKind.case === 'mapKey' ? en.keyKind.value : str('')));
        const values = k.value.entries.map((en) => en.value!);
        const list = (elements: Expr[]) => node({ case: 'listExpr', value: { elements, optionalIndices: [] } } as never);
        return call(OPT_MAP, [str(flags), list(keys), list(values)], undefined, e.id);
      }
      case 'comprehensionExpr': {
        const c = k.value;
        c.iterRange = walk(c.iterRange);
        c.accuInit = walk(c.accuInit);
        c.loopCondition = walk(c.loopCondition);
        c.loopStep = walk(c.loopStep);
        c.result = walk(c.result);
        return e;
      }
      default:
        return e;
    }
  };
  const out = walk(root)!;
  const unmatched = markers.find((m) => !used.has(m));
  if (unmatched) throw new UnmatchedOptional(`the optional marker '?' at offset ${unmatched.offset} could not be placed`);
  return out;
}
