import { isRecord } from '../k8s/podspec.js';
/**
 * A CRD's structural schema as written in the manifest (apiextensions.k8s.io/v1 JSONSchemaProps), and
 * the Kubernetes facts about it that validation and explain need.
 */

/** JSONSchemaProps, the fields podlint reads. */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  nullable?: boolean;
  default?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  uniqueItems?: boolean;
  required?: string[];
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  allOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: ValidationRule[];
}

/** apiextensions.k8s.io/v1 ValidationRule. */
export interface ValidationRule {
  rule?: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/** The reasons a rule may give (apiextensions types.go FieldValueErrorReason). */
export const RULE_REASONS = ['FieldValueRequired', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueDuplicate'] as const;


/** additionalProperties as a schema (true without a schema allows anything). */
export function additionalSchema(s: JSONSchemaProps): JSONSchemaProps | undefined {
  const a = s.additionalProperties;
  if (a === true) return {};
  return isRecord(a) ? (a as JSONSchemaProps) : undefined;
}

/**
 * The type the API server reports for a schema node in messages: `type`, except that an int-or-string
 * node has none (schema.Structural.Type).
 */
export function schemaType(s: JSONSchemaProps | undefined): string {
  return s?.type ?? '';
}

/**
 * A schema as written, reduced to keywords of the right JSON type (a CRD the API server would refuse
 * for them is reported by invalid-crd; validation must not trip over them). Shared subtrees are
 * normalised once.
 */
export function normalizeSchema(raw: unknown, seen = new WeakMap<object, JSONSchemaProps>()): JSONSchemaProps {
  if (!isRecord(raw)) return {};
  const cached = seen.get(raw);
  if (cached) return cached;
  const out: JSONSchemaProps = {};
  seen.set(raw, out);
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const num = (k: string) => (typeof raw[k] === 'number' && Number.isFinite(raw[k]) ? (raw[k] as number) : undefined);
  const bool = (k: string) => (typeof raw[k] === 'boolean' ? (raw[k] as boolean) : undefined);
  for (const k of ['type', 'format', 'description', 'pattern', 'x-kubernetes-list-type', 'x-kubernetes-map-type'] as const) {
    const v = str(k);
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  for (const k of ['minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const) {
    const v = num(k);
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  for (const k of ['nullable', 'exclusiveMinimum', 'exclusiveMaximum', 'uniqueItems', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string'] as const) {
    const v = bool(k);
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  if ('default' in raw) out.default = raw.default;
  if (Array.isArray(raw.enum)) out.enum = raw.enum;
  if (Array.isArray(raw.required)) out.required = raw.required.filter((r): r is string => typeof r === 'string');
  if (Array.isArray(raw['x-kubernetes-list-map-keys'])) out['x-kubernetes-list-map-keys'] = (raw['x-kubernetes-list-map-keys'] as unknown[]).filter((r): r is string => typeof r === 'string');
  if (Array.isArray(raw['x-kubernetes-validations'])) {
    out['x-kubernetes-validations'] = (raw['x-kubernetes-validations'] as unknown[]).filter(isRecord).map((r) => {
      const rule: ValidationRule = {};
      for (const k of ['rule', 'message', 'messageExpression', 'reason', 'fieldPath'] as const) if (typeof r[k] === 'string') rule[k] = r[k] as string;
      if (typeof r.optionalOldSelf === 'boolean') rule.optionalOldSelf = r.optionalOldSelf;
      return rule;
    });
  }
  if (isRecord(raw.properties)) {
    out.properties = {};
    for (const [k, v] of Object.entries(raw.properties)) out.properties[k] = normalizeSchema(v, seen);
  }
  if (isRecord(raw.items)) out.items = normalizeSchema(raw.items, seen);
  if (typeof raw.additionalProperties === 'boolean') out.additionalProperties = raw.additionalProperties;
  else if (isRecord(raw.additionalProperties)) out.additionalProperties = normalizeSchema(raw.additionalProperties, seen);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(raw[k])) out[k] = (raw[k] as unknown[]).map((x) => normalizeSchema(x, seen));
  if (isRecord(raw.not)) out.not = normalizeSchema(raw.not, seen);
  return out;
}
