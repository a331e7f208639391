/**
 * A custom resource validated against its CRD's structural schema the way the API server does on
 * create (staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/strategy.go):
 * nulls of non-nullable fields pruned and defaults applied (pkg/apiserver/schema/defaulting), unknown
 * fields refused (strict field validation, pkg/apiserver/schema/pruning), the OpenAPI value checks of
 * k8s.io/kube-openapi pkg/validation/validate with their messages turned into field errors
 * (pkg/apiserver/validation/validation.go kubeOpenAPIResultToFieldErrors), x-kubernetes-list-type
 * uniqueness (pkg/apiserver/schema/listtype), embedded resources (pkg/apiserver/schema/objectmeta) and
 * then the x-kubernetes-validations rules (pkg/apiserver/schema/cel/validation.go).
 */
import { RE2JS } from '@bufbuild/re2';
import type { SchemaProblem } from '../engine/rule.js';
import { escapeToken } from '../source/locate.js';
import { closestName } from '../schema/suggest.js';
import { goQuote, JSON_BAD_VALUES_SINCE_MINOR } from '../k8s/validation.js';
import { isRecord } from '../k8s/podspec.js';
import { additionalSchema, schemaType, type JSONSchemaProps, type ValidationRule } from './schema.js';
import { compileExpression, CompileError, UnsupportedExpression, COST_LIMIT_EXCEEDED, MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES, PER_CALL_LIMIT, RUNTIME_CEL_COST_BUDGET } from './cel.js';
import { checkFormat } from './formats.js';
import { formattedCelValue } from './cel-library.js';

/** "in" of kube-openapi messages: where the value came from. */
const IN_BODY = 'body';

/**
 * From 1.35 a failed rule shows the value itself for scalars and omits it for objects and arrays;
 * before, it showed the schema type ("object") as the value (kubernetes/kubernetes#132798, #133832).
 */
export const CEL_ERROR_VALUE_SINCE_MINOR = 35;
/**
 * A CRD maxLength violation reads "may not be more than N bytes" from 1.32, when apimachinery field/errors.go
 * folded TooLongMaxLength into TooLong (kubernetes/kubernetes#128553); through 1.31 apiextensions' validation.go
 * reported it with TooLongMaxLength: "may not be longer than N".
 */
const TOO_LONG_BYTES_SINCE_MINOR = 32;

/**
 * strategy.go hasBlockingErr: rules are not run on an object with a type error (a bad format too), an
 * unsupported (enum) value, a missing required field, or a value over maxLength, maxItems or maxProperties
 * (field.ErrorTypeTypeInvalid, NotSupported, Required, TooLong, TooMany).
 */
export const BLOCKED_RULES_MESSAGE = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/** Fields every object (and every embedded resource) has besides its schema's (schema/objectmeta, pruning). */
const OBJECT_FIELDS = ['apiVersion', 'kind', 'metadata'];

type Token = { k: 'p' | 'i' | 'm'; v: string | number };
/** A junctor branch validated on its own: its errors and kube-openapi's MatchCount. */
type Branch = { problems: SchemaProblem[]; matches: number; blocking: boolean };

export interface CustomResourceContext {
  /** The Kubernetes minor version messages follow. */
  minor: number;
  /** Called once per transition rule met; returns false when it was already reported this run. */
  firstTransitionRule?(key: string): boolean;
  /** A key naming the CRD version, for firstTransitionRule. */
  key: string;
  /** The version has the status subresource: status is reset on create and not validated (customresource strategy.go PrepareForCreate). */
  dropStatus?: boolean;
}

export function validateCustomResource(object: Record<string, unknown>, schema: JSONSchemaProps, ctx: CustomResourceContext): SchemaProblem[] {
  const v = new Validator(ctx);
  const work = structuredClone(object);
  if (ctx.dropStatus) delete work.status;
  applyDefaults(work, schema, true);
  v.visit(work, schema, true);
  if (!v.blocked) v.rules(work, schema, true);
  else if (hasRules(schema)) v.problems.push({ type: 'cel', path: '', message: `<nil>: Invalid value: "null": ${BLOCKED_RULES_MESSAGE}` });
  return v.problems;
}

function hasRules(s: JSONSchemaProps | undefined): boolean {
  if (!s) return false;
  if (s['x-kubernetes-validations']?.length) return true;
  if (s.items && hasRules(s.items)) return true;
  const add = additionalSchema(s);
  if (add && hasRules(add)) return true;
  for (const p of Object.values(s.properties ?? {})) if (hasRules(p)) return true;
  return (s.allOf ?? []).some(hasRules);
}

// ---------------------------------------------------------------------------------------------
// Defaulting (schema/defaulting/algorithm.go) and null pruning

function isNonNullableNull(x: unknown, s: JSONSchemaProps | undefined): boolean {
  return x === null && !(s?.nullable ?? false);
}

/** Drop nulls of non-nullable fields, then set absent fields that have a default, recursively. */
export function applyDefaults(x: unknown, s: JSONSchemaProps | undefined, root = false): void {
  if (!s) return;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      if (isNonNullableNull(x[i], s.items) && s.items?.default !== undefined) x[i] = structuredClone(s.items.default);
      applyDefaults(x[i], s.items);
    }
    return;
  }
  if (!isRecord(x)) return;
  const props = s.properties ?? {};
  const add = additionalSchema(s);
  for (const k of Object.keys(x)) {
    const sub = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : add;
    if (x[k] === null && sub && !sub.nullable && !(root && OBJECT_FIELDS.includes(k))) delete x[k];
  }
  for (const k of Object.keys(props)) {
    const p = props[k]!;
    if (p.default !== undefined && !Object.prototype.hasOwnProperty.call(x, k)) x[k] = structuredClone(p.default);
  }
  for (const k of Object.keys(x)) {
    if (root && k === 'metadata') continue;
    const sub = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : add;
    applyDefaults(x[k], sub);
  }
}

// ---------------------------------------------------------------------------------------------
// Values as Go prints them

/** Go's %v of a JSON number as the API server decodes it (int64 or float64). */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A bad value in field errors: strings %q, numbers and booleans %v, composite values JSON (1.34+) or %#v. */
function badValue(value: unknown, minor: number): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (minor >= JSON_BAD_VALUES_SINCE_MINOR) return JSON.stringify(value);
  return goSyntax(value);
}
function goSyntax(value: unknown): string {
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  if (isRecord(value)) return `map[string]interface {}{${Object.keys(value).sort().map((k) => `${goQuote(k)}:${goSyntax(value[k])}`).join(', ')}}`;
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}` : goNumber(value);
  return String(value);
}

/** JSON type name of a decoded value, as kube-openapi's type validator names it. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

// ---------------------------------------------------------------------------------------------

class Validator {
  readonly problems: SchemaProblem[] = [];
  /** A type error was found: the rules are not run (strategy.go hasBlockingErr). */
  blocked = false;
  private readonly tokens: Token[] = [];
  private budget = RUNTIME_CEL_COST_BUDGET;
  private stopped = false;

  constructor(private readonly ctx: CustomResourceContext) {}

  private pointer(extra?: string): string {
    let out = '';
    for (const t of this.tokens) out += '/' + escapeToken(String(t.v));
    return extra === undefined ? out : out + '/' + escapeToken(extra);
  }

  /** kube-openapi's name of the current value: properties and map keys joined with '.', items `[i]`. */
  private openapiName(): string {
    let out = '';
    for (const t of this.tokens) out += t.k === 'i' ? `[${t.v}]` : out === '' ? String(t.v) : `.${t.v}`;
    return out;
  }

  /** field.Path of the current value: properties `.name`, items `[i]`, map keys `[key]`. */
  private fieldPath(tokens: readonly Token[] = this.tokens): string {
    let out = '';
    for (const t of tokens) out += t.k === 'p' ? (out === '' ? String(t.v) : `.${t.v}`) : `[${t.v}]`;
    return out;
  }

  private push(tok: Token): void {
    this.tokens.push(tok);
  }
  private pop(): void {
    this.tokens.pop();
  }

  private value(message: string, at: 'key' | 'value' = 'value', path = this.pointer()): void {
    this.problems.push({ type: 'crd-value', path, message, at });
  }

  /** field.Invalid(path, value, "<name> in body <detail>"). */
  private invalid(value: unknown, detail: string): void {
    const name = this.openapiName();
    this.value(`${name}: Invalid value: ${badValue(value, this.ctx.minor)}: ${name} in ${IN_BODY} ${detail}`);
  }

  // ------------------------------------------------------------------------------------------
  // Schema validation

  visit(x: unknown, s: JSONSchemaProps, root = false): void {
    if (!this.checkType(x, s)) return;
    this.checkValue(x, s);
    this.junctors(x, s);
    if (Array.isArray(x)) {
      const items = s.items;
      for (let i = 0; i < x.length; i++) {
        this.push({ k: 'i', v: i });
        if (items) this.visit(x[i], items);
        this.pop();
      }
      this.checkListType(x, s);
      return;
    }
    if (!isRecord(x)) return;
    const props = s.properties ?? {};
    const add = additionalSchema(s);
    const embedded = root || s['x-kubernetes-embedded-resource'] === true;
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    for (const k of Object.keys(x)) {
      const declared = Object.prototype.hasOwnProperty.call(props, k);
      if (embedded && OBJECT_FIELDS.includes(k) && !declared) continue;
      this.push({ k: declared || !add ? 'p' : 'm', v: k });
      // metadata is ObjectMeta, decoded and validated as such; the schema may only constrain name and generateName.
      if (declared && embedded && k === 'metadata') this.visit(x[k], { ...props[k]!, 'x-kubernetes-preserve-unknown-fields': true }, false);
      else if (declared) this.visit(x[k], props[k]!, false);
      else if (add) this.visit(x[k], add);
      else if (!preserve) {
        const p: SchemaProblem = { type: 'unknown-field', path: this.pointer(), message: `unknown field "${this.fieldPath()}"` };
        const suggestion = closestName(k, Object.keys(props));
        if (suggestion !== undefined) p.suggestion = suggestion;
        this.problems.push(p);
      }
      this.pop();
    }
    for (const r of s.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(x, r)) {
        this.push({ k: 'p', v: r });
        const message = `${this.fieldPath()}: Required value`;
        this.pop();
        this.blocked = true;
        this.problems.push({ type: 'required', path: this.pointer(), field: r, message });
      }
    }
    if (s['x-kubernetes-embedded-resource'] === true) {
      for (const f of ['apiVersion', 'kind']) {
        if (typeof x[f] !== 'string' || x[f] === '') {
          this.push({ k: 'p', v: f });
          const message = `${this.fieldPath()}: Required value: must not be empty`;
          this.pop();
          this.blocked = true;
          this.problems.push({ type: 'required', path: this.pointer(), field: f, message });
        }
      }
    }
  }

  /**
   * anyOf, oneOf, allOf and not as kube-openapi's schemaPropsValidator reports them (validate/schema_props.go):
   * anyOf with no valid branch gives its message and the errors of the branch that matched most (the first
   * on a tie); oneOf with none valid the same, with two or more only the message; allOf every branch's
   * errors and, when one failed, its message; not only its message.
   */
  private junctors(x: unknown, s: JSONSchemaProps): void {
    if (s.anyOf?.length) {
      let best: Branch | undefined;
      let ok = false;
      for (const b of s.anyOf) {
        const r = this.branch(x, b);
        if (r.problems.length === 0) {
          ok = true;
          best = undefined;
          break;
        }
        if (!best || r.matches > best.matches) best = r;
      }
      if (!ok) this.composite('must validate at least one schema (anyOf)');
      if (best) this.adopt(best);
    }
    if (s.oneOf?.length) {
      let best: Branch | undefined;
      let valid = 0;
      for (const b of s.oneOf) {
        const r = this.branch(x, b);
        if (r.problems.length === 0) {
          valid++;
          best = undefined;
          continue;
        }
        if (valid === 0 && (!best || r.matches > best.matches)) best = r;
      }
      if (valid !== 1) {
        this.composite(`must validate one and only one schema (oneOf). ${valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`}`);
        if (best) this.adopt(best);
      }
    }
    if (s.allOf?.length) {
      let valid = 0;
      for (const b of s.allOf) {
        const r = this.branch(x, b);
        if (r.problems.length === 0) valid++;
        this.adopt(r);
      }
      if (valid !== s.allOf.length) this.composite(`must validate all the schemas (allOf)${valid === 0 ? '. None validated' : ''}`);
    }
    if (s.not && this.branch(x, s.not).problems.length === 0) this.composite('must not validate the schema (not)');
  }

  /**
   * A branch of a junctor validated on its own (value validations only, as structural schemas allow:
   * type, the value keywords, nested junctors, and properties and items recursively): its errors, and how
   * many of its nodes passed (kube-openapi's MatchCount, which picks the branch whose errors are shown).
   */
  private branch(x: unknown, s: JSONSchemaProps): Branch {
    const before = this.problems.length;
    const blocked = this.blocked;
    const counter = { matches: 0 };
    this.blocked = false;
    this.valueOnly(x, s, counter);
    const problems = this.problems.splice(before);
    const blocking = this.blocked;
    this.blocked = blocked;
    return { problems, matches: counter.matches, blocking };
  }

  private valueOnly(x: unknown, s: JSONSchemaProps, counter: { matches: number }): void {
    const before = this.problems.length;
    if (!this.checkType(x, s)) return;
    this.checkValue(x, s);
    this.junctors(x, s);
    if (isRecord(x)) {
      for (const r of s.required ?? []) {
        if (!Object.prototype.hasOwnProperty.call(x, r)) {
          this.push({ k: 'p', v: r });
          this.blocked = true;
          this.problems.push({ type: 'required', path: this.pointer(), field: r, message: `${this.fieldPath()}: Required value` });
          this.pop();
        }
      }
      for (const [k, sub] of Object.entries(s.properties ?? {})) {
        if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
        this.push({ k: 'p', v: k });
        this.valueOnly(x[k], sub, counter);
        this.pop();
      }
    } else if (Array.isArray(x) && s.items) {
      for (let i = 0; i < x.length; i++) {
        this.push({ k: 'i', v: i });
        this.valueOnly(x[i], s.items, counter);
        this.pop();
      }
    }
    if (this.problems.length === before) counter.matches++;
  }

  /** A branch's errors become the value's own (a blocking one among them blocks the rules, as anywhere). */
  private adopt(b: Branch): void {
    this.problems.push(...b.problems);
    if (b.blocking) this.blocked = true;
  }

  /** A composite kube-openapi error is not a field error: validation.go reports it at the root (`<nil>`). */
  private composite(detail: string): void {
    this.value(`<nil>: Invalid value: "": ${goQuote(this.openapiName())} ${detail}`);
  }

  /** kube-openapi typeValidator: returns false (and reports) when the value has the wrong type. */
  private checkType(x: unknown, s: JSONSchemaProps): boolean {
    const types = s['x-kubernetes-int-or-string'] ? ['integer', 'string'] : s.type ? [s.type] : [];
    if (types.length === 0) return true;
    if (x === null) {
      if (s.nullable) return true;
      this.typeError(types.join(','), 'null');
      return false;
    }
    let actual = jsonType(x);
    if (actual === 'integer' && types.includes('number')) actual = 'number';
    if (types.includes(actual)) return true;
    this.typeError(types.join(','), actual);
    return false;
  }

  /** field.TypeInvalid with kube-openapi's "must be of type" (the value shown is the JSON type found). */
  private typeError(expected: string, actual: string): void {
    const name = this.openapiName();
    this.blocked = true;
    this.problems.push({
      type: 'invalid-type',
      path: this.pointer(),
      message: `${name}: Invalid value: ${goQuote(actual)}: ${name} in ${IN_BODY} must be of type ${expected}: ${goQuote(actual)}`,
    });
  }

  /** field.TooMany (maxItems, maxProperties): a blocking error. */
  private tooMany(message: string): void {
    this.blocked = true;
    this.value(message);
  }

  private checkValue(x: unknown, s: JSONSchemaProps): void {
    const name = this.openapiName();
    if (s.enum && s.enum.length > 0 && !s.enum.some((e) => deepEqual(e, x))) {
      const values = s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
      this.blocked = true;
      this.value(`${name}: Unsupported value: ${badValue(x, this.ctx.minor)}: supported values: ${values.map(goQuote).join(', ')}`);
    }
    if (typeof x === 'string') {
      const length = [...x].length;
      if (s.maxLength !== undefined && length > s.maxLength) {
        this.blocked = true;
        this.value(this.ctx.minor >= TOO_LONG_BYTES_SINCE_MINOR
          ? `${name}: Too long: may not be more than ${s.maxLength} ${s.maxLength === 1 ? 'byte' : 'bytes'}`
          : `${name}: Too long: may not be longer than ${s.maxLength}`);
      }
      if (s.minLength !== undefined && length < s.minLength) this.invalid(x, `should be at least ${s.minLength} chars long`);
      if (s.pattern !== undefined && !patternMatches(s.pattern, x)) this.invalid(x, `should match '${s.pattern}'`);
      if (s.format !== undefined && !checkFormat(s.format, x, this.ctx.minor)) {
        // kube-openapi reports a bad format as a type error (InvalidTypeCode), which blocks the rules too
        this.blocked = true;
        this.problems.push({
          type: 'invalid-type',
          path: this.pointer(),
          message: `${name}: Invalid value: ${goQuote(x)}: ${name} in ${IN_BODY} must be of type ${s.format}: ${goQuote(x)}`,
        });
      }
    } else if (typeof x === 'number') {
      if (s.maximum !== undefined && (s.exclusiveMaximum ? x >= s.maximum : x > s.maximum)) {
        this.invalid(x, `should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${goNumber(s.maximum)}`);
      }
      if (s.minimum !== undefined && (s.exclusiveMinimum ? x <= s.minimum : x < s.minimum)) {
        this.invalid(x, `should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${goNumber(s.minimum)}`);
      }
      if (s.multipleOf !== undefined && s.multipleOf > 0 && !isMultiple(x, s.multipleOf)) this.invalid(x, `should be a multiple of ${goNumber(s.multipleOf)}`);
    } else if (Array.isArray(x)) {
      if (s.maxItems !== undefined && x.length > s.maxItems) this.tooMany(`${name}: Too many: ${x.length}: must have at most ${s.maxItems} items`);
      // kube-openapi's TooFewItems / TooFewProperties carry the count found as the value
      if (s.minItems !== undefined && x.length < s.minItems) this.invalid(x.length, `should have at least ${s.minItems} items`);
    } else if (isRecord(x)) {
      const n = Object.keys(x).length;
      if (s.maxProperties !== undefined && n > s.maxProperties) this.tooMany(`${name}: Too many: ${n}: must have at most ${s.maxProperties} items`);
      if (s.minProperties !== undefined && n < s.minProperties) this.invalid(n, `should have at least ${s.minProperties} properties`);
    }
  }

  /** listtype/validation.go: items of a set are unique, items of a map unique by their keys. */
  private checkListType(x: unknown[], s: JSONSchemaProps): void {
    const kind = s['x-kubernetes-list-type'];
    if (kind === 'set') {
      for (let i = 0; i < x.length; i++) {
        for (let j = 0; j < i; j++) {
          if (deepEqual(x[i], x[j])) {
            this.push({ k: 'i', v: i });
            this.value(`${this.fieldPath()}: Duplicate value: ${badValue(x[i], this.ctx.minor)}`);
            this.pop();
            break;
          }
        }
      }
    } else if (kind === 'map') {
      const keys = s['x-kubernetes-list-map-keys'] ?? [];
      const seen: Record<string, unknown>[] = [];
      for (let i = 0; i < x.length; i++) {
        const item = x[i];
        if (!isRecord(item)) continue;
        const key: Record<string, unknown> = {};
        for (const k of keys) if (item[k] !== undefined) key[k] = item[k];
        if (seen.some((o) => deepEqual(o, key))) {
          this.push({ k: 'i', v: i });
          this.value(`${this.fieldPath()}: Duplicate value: ${badValue(key, this.ctx.minor)}`);
          this.pop();
        } else seen.push(key);
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // x-kubernetes-validations

  rules(x: unknown, s: JSONSchemaProps, root = false): void {
    if (this.stopped || x === null || x === undefined) return;
    const list = s['x-kubernetes-validations'];
    if (list?.length) this.evaluate(x, s, list, root);
    for (const sub of s.allOf ?? []) if (!this.stopped) this.rules(x, sub);
    if (Array.isArray(x)) {
      if (!s.items) return;
      for (let i = 0; i < x.length && !this.stopped; i++) {
        this.push({ k: 'i', v: i });
        this.rules(x[i], s.items);
        this.pop();
      }
    } else if (isRecord(x)) {
      const add = additionalSchema(s);
      const props = s.properties ?? {};
      for (const k of Object.keys(x)) {
        if (this.stopped) return;
        if (Object.prototype.hasOwnProperty.call(props, k)) {
          this.push({ k: 'p', v: k });
          this.rules(x[k], props[k]!);
          this.pop();
        } else if (add) {
          this.push({ k: 'm', v: k });
          this.rules(x[k], add);
          this.pop();
        }
      }
    }
  }

  private evaluate(x: unknown, s: JSONSchemaProps, list: ValidationRule[], root: boolean): void {
    const sts = schemaType(s);
    const invalidOnNode = (detail: string) => this.cel(this.pointer(), `${this.fieldPath()}: Invalid value: ${goQuote(sts)}: ${detail}`);
    if (this.budget <= 0) {
      invalidOnNode('validation failed due to running out of cost budget, no further validation rules will be run');
      this.stopped = true;
      return;
    }
    const self = toCel(x, s, root);
    for (let i = 0; i < list.length; i++) {
      const rule = list[i]!;
      const text = rule.rule ?? '';
      if (text.trim() === '') continue;
      let compiled;
      try {
        compiled = compileExpression(text);
      } catch (err) {
        if (err instanceof UnsupportedExpression) {
          if (this.ctx.firstTransitionRule?.(`${this.ctx.key} ${this.fieldPath(this.tokens.filter((t) => t.k === 'p'))} ${text}`) ?? true) {
            this.problems.push({ type: 'cel-transition', path: this.pointer(), message: `${this.fieldPath() || '<root>'}: the rule "${text.trim()}" ${err.message}; it was not evaluated` });
          }
          continue;
        }
        invalidOnNode(`rule compile error: compilation failed: ${(err as CompileError).message}`);
        continue;
      }
      if (compiled.usesOldSelf) {
        // once per rule of the schema, whichever item of a list it was met at
        if (this.ctx.firstTransitionRule?.(`${this.ctx.key} ${this.fieldPath(this.tokens.filter((t) => t.k === 'p'))} ${text}`) ?? true) {
          this.problems.push({ type: 'cel-transition', path: this.pointer(), message: `${this.fieldPath() || '<root>'}: the transition rule "${text.trim()}" compares the object with its previous version (oldSelf) and is checked only on update; it was not evaluated` });
        }
        continue;
      }
      const result = compiled.run(self, Math.min(PER_CALL_LIMIT, this.budget));
      if (!result.ok && result.costExceeded && result.cost > this.budget && this.budget < PER_CALL_LIMIT) {
        invalidOnNode('validation failed due to running out of cost budget, no further validation rules will be run');
        this.stopped = true;
        return;
      }
      this.budget -= result.cost;
      if (!result.ok) {
        if (result.costExceeded) {
          invalidOnNode(`'${COST_LIMIT_EXCEEDED}': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleErrorString(rule)}`);
          this.stopped = true;
          return;
        }
        if (result.error.startsWith('no such overload')) {
          invalidOnNode(`'${result.error}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule)}`);
        } else invalidOnNode(`${result.error} evaluating rule: ${ruleErrorString(rule)}`);
        continue;
      }
      if (result.value === true) continue;
      let detail: string | undefined;
      if (rule.messageExpression) {
        try {
          const m = compileExpression(rule.messageExpression).run(self, Math.min(PER_CALL_LIMIT, this.budget));
          this.budget -= m.cost;
          if (m.ok && typeof m.value === 'string') {
            const trimmed = m.value.trim();
            if (trimmed !== '' && !/\n/.test(trimmed) && Buffer.byteLength(trimmed) <= MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES) detail = trimmed;
          }
        } catch {
          // a messageExpression that does not compile is refused with the CRD (invalid-crd); the message is used
        }
      }
      detail ??= ruleMessageOrDefault(rule);
      const { pointer, path } = this.ruleFieldPath(rule.fieldPath);
      this.cel(pointer, this.ruleError(path, x, sts, detail, rule.reason));
    }
  }

  private cel(pointer: string, message: string): void {
    this.problems.push({ type: 'cel', path: pointer, message });
  }

  /** fieldErrorForReason, with the value shown as the version in use shows it. */
  private ruleError(path: string, x: unknown, sts: string, detail: string, reason: string | undefined): string {
    const composite = sts === 'object' || sts === 'array';
    const modern = this.ctx.minor >= CEL_ERROR_VALUE_SINCE_MINOR;
    const shown = modern ? (composite ? undefined : badValue(x, this.ctx.minor)) : goQuote(sts);
    switch (reason) {
      case 'FieldValueForbidden':
        return `${path}: Forbidden: ${detail}`;
      case 'FieldValueRequired':
        return `${path}: Required value: ${detail}`;
      case 'FieldValueDuplicate':
        return shown === undefined ? `${path}: Duplicate value` : `${path}: Duplicate value: ${shown}`;
      default:
        return shown === undefined ? `${path}: Invalid value: ${detail}` : `${path}: Invalid value: ${shown}: ${detail}`;
    }
  }

  /** A rule's fieldPath (`.spec.x`, `['key']`) added to the current path, as field error and JSON pointer. */
  private ruleFieldPath(fieldPath: string | undefined): { pointer: string; path: string } {
    const base = { pointer: this.pointer(), path: this.fieldPath() };
    if (!fieldPath || fieldPath.trim() === '') return base;
    const names: string[] = [];
    const re = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]/gy;
    let m: RegExpExecArray | null;
    let consumed = 0;
    while ((m = re.exec(fieldPath))) {
      names.push(m[1] ?? m[2]!.replace(/\\(.)/g, '$1'));
      consumed = re.lastIndex;
    }
    if (consumed !== fieldPath.length || names.length === 0) return base;
    // validation.go appends the normalized field path as one child: `spec` + `.x.y`.
    const child = names.join('.');
    return { pointer: base.pointer + names.map((n) => '/' + escapeToken(n)).join(''), path: base.path === '' ? child : `${base.path}.${child}` };
  }
}

function ruleErrorString(rule: ValidationRule): string {
  return rule.message && rule.message.length > 0 ? rule.message.trim() : (rule.rule ?? '').trim();
}
function ruleMessageOrDefault(rule: ValidationRule): string {
  return rule.message && rule.message.length > 0 ? rule.message.trim() : `failed rule: ${ruleErrorString(rule)}`;
}

// ---------------------------------------------------------------------------------------------

const patterns = new Map<string, RE2JS | null>();
/** Go's regexp.MatchString (RE2 syntax, a match anywhere), as kube-openapi checks `pattern`. */
function patternMatches(pattern: string, value: string): boolean {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch {
      re = null; // a pattern that does not compile is refused with the CRD (invalid-crd)
    }
    patterns.set(pattern, re);
  }
  return re === null ? true : re.test(value);
}

function isMultiple(x: number, m: number): boolean {
  const q = x / m;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Values for CEL (staging/src/k8s.io/apiserver/pkg/cel/common/values.go, escaping.go)

/** CEL's reserved words, escaped as __word__ when they name a property (escaping.go celReservedSymbols). */
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** escaping.go Escape: the name a property has in CEL, or undefined when it cannot be accessed. */
export function escapePropertyName(name: string): string | undefined {
  if (name === '' || (name[0]! >= '0' && name[0]! <= '9')) return undefined;
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  const escaped = name.replace(/__|\.|-|\//g, (s) => (s === '__' ? '__underscores__' : s === '.' ? '__dot__' : s === '-' ? '__dash__' : '__slash__'));
  return /^[_a-zA-Z][_a-zA-Z0-9]*$/.test(escaped) ? escaped : undefined;
}

/** A decoded JSON value as CEL sees it under schema `s`: integers int, numbers double, objects maps of their declared (escaped) fields. */
export function toCel(x: unknown, s: JSONSchemaProps | undefined, root = false): unknown {
  if (x === null || x === undefined) return null;
  if (!s || (!s.type && !s['x-kubernetes-int-or-string'])) return untyped(x);
  if (s['x-kubernetes-int-or-string']) return typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : x;
  switch (s.type) {
    case 'integer':
      return typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : x;
    case 'number':
      return x;
    case 'string':
      return typeof x === 'string' && s.format ? formattedCelValue(x, s.format) : x;
    case 'array':
      return Array.isArray(x) ? x.map((v) => toCel(v, s.items)) : untyped(x);
    case 'object': {
      if (!isRecord(x)) return untyped(x);
      const out = new Map<string, unknown>();
      const props = s.properties;
      const add = additionalSchema(s);
      if (props) {
        for (const k of Object.keys(x)) {
          if (x[k] === null) continue;
          if (Object.prototype.hasOwnProperty.call(props, k)) {
            const name = escapePropertyName(k);
            if (name !== undefined) out.set(name, toCel(x[k], props[k]));
          }
        }
      } else if (add) {
        for (const k of Object.keys(x)) if (x[k] !== null) out.set(k, toCel(x[k], add));
      } else if (s['x-kubernetes-preserve-unknown-fields']) {
        for (const k of Object.keys(x)) if (x[k] !== null) out.set(k, untyped(x[k]));
      }
      if (root || s['x-kubernetes-embedded-resource']) {
        // model.WithTypeAndObjectMeta: apiVersion, kind and metadata.name / generateName are visible.
        for (const k of ['apiVersion', 'kind']) if (typeof x[k] === 'string' && !out.has(k)) out.set(k, x[k]);
        const md = x.metadata;
        if (isRecord(md) && !out.has('metadata')) {
          const m = new Map<string, unknown>();
          for (const k of ['name', 'generateName']) if (typeof md[k] === 'string') m.set(k, md[k]);
          out.set('metadata', m);
        }
      }
      return out;
    }
    default:
      return x;
  }
}

function untyped(x: unknown): unknown {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') return Number.isInteger(x) ? BigInt(x) : x;
  if (Array.isArray(x)) return x.map(untyped);
  if (isRecord(x)) {
    const out = new Map<string, unknown>();
    for (const k of Object.keys(x)) if (x[k] !== null) out.set(k, untyped(x[k]));
    return out;
  }
  return x;
}
