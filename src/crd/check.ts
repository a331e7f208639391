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
import { isRecord } from '../k8s/podspec.js';
import { RULE_REASONS, type JSONSchemaProps } from './schema.js';

/** compilation.go: a rule's type must be bool, a messageExpression's string. */
export const RULE_MUST_BE_BOOL = 'cel expression must evaluate to a bool';
export const MESSAGE_EXPRESSION_MUST_BE_STRING = 'messageExpression must evaluate to a string';

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
function typeCheck(compiled: CompiledExpression, s: JSONSchemaProps, root: boolean): { errors?: string; type: T } {
  const selfType = schemaType(s, root || s['x-kubernetes-embedded-resource'] === true);
  const { errors, type } = checkTypes(compiled.ast, compiled.source, compiled.positions, selfType, libraryFunctions());
  return { errors: errors.length ? formatTypeErrors(compiled.source, errors) : undefined, type };
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

export function checkCrd(o: Record<string, unknown>): SchemaProblem[] {
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
    walk(schema as JSONSchemaProps, child(child(at, 'schema'), 'openAPIV3Schema'), add, true);
  });
  return problems;
}

function walk(s: JSONSchemaProps, at: At, add: (at: At, message: string, key?: boolean) => void, root = false): void {
  checkRules(s, at, add, root);
  walkChildren(s, at, add, root);
}

function checkRules(s: JSONSchemaProps, at: At, add: (at: At, message: string, key?: boolean) => void, root: boolean): void {
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
          const checked = typeCheck(compileExpression(r.rule), s, root);
          const p = child(ruleAt, 'rule');
          if (checked.errors) add(p, `${p.path}: Invalid value: ${goQuote(r.rule)}: compilation failed: ${checked.errors}`);
          else if (known(checked.type) && checked.type.k !== 'bool') add(p, `${p.path}: Invalid value: ${goQuote(r.rule)}: ${RULE_MUST_BE_BOOL}`);
        } catch (err) {
          if (err instanceof UnsupportedExpression) return; // not judged (cel-transition-rule says so on the resources)
          const p = child(ruleAt, 'rule');
          add(p, `${p.path}: Invalid value: ${goQuote(r.rule)}: compilation failed: ${(err as Error).message}`);
        }
      } else {
        const p = child(ruleAt, 'rule');
        add(p, `${p.path}: Required value: rule is not specified`);
      }
      if (typeof r.messageExpression === 'string') {
        try {
          const checked = typeCheck(compileExpression(r.messageExpression), s, root);
          const p = child(ruleAt, 'messageExpression');
          if (checked.errors) add(p, `${p.path}: Invalid value: ${goQuote(r.messageExpression)}: messageExpression compilation failed: ${checked.errors}`);
          else if (known(checked.type) && checked.type.k !== 'string') add(p, `${p.path}: Invalid value: ${goQuote(r.messageExpression)}: ${MESSAGE_EXPRESSION_MUST_BE_STRING}`);
        } catch (err) {
          if (err instanceof UnsupportedExpression) return;
          const p = child(ruleAt, 'messageExpression');
          add(p, `${p.path}: Invalid value: ${goQuote(r.messageExpression)}: messageExpression compilation failed: ${(err as Error).message}`);
        }
      }
      if (r.reason !== undefined && !(RULE_REASONS as readonly unknown[]).includes(r.reason)) {
        const p = child(ruleAt, 'reason');
        add(p, `${p.path}: Unsupported value: ${goQuote(String(r.reason))}: supported values: ${[...RULE_REASONS].sort().map(goQuote).join(', ')}`);
      }
    });
  }
}

function walkChildren(s: JSONSchemaProps, at: At, add: (at: At, message: string, key?: boolean) => void, root: boolean): void {
  if (isRecord(s.properties)) {
    for (const [k, sub] of Object.entries(s.properties)) {
      if (root && (k === 'metadata' || k === 'apiVersion' || k === 'kind') && isRecord(sub) && !sub.type) continue;
      if (isRecord(sub)) walk(sub as JSONSchemaProps, child(child(at, 'properties', '.properties'), k, `[${k}]`), add);
    }
  }
  if (isRecord(s.items)) walk(s.items as JSONSchemaProps, child(at, 'items'), add);
  if (isRecord(s.additionalProperties)) walk(s.additionalProperties as JSONSchemaProps, child(at, 'additionalProperties'), add);
}
