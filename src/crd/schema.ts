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

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** additionalProperties as a schema (true without a schema allows anything). */
export function additionalSchema(s: JSONSchemaProps): JSONSchemaProps | undefined {
  const a = s.additionalProperties;
  if (a === true) return {};
  return isMap(a) ? (a as JSONSchemaProps) : undefined;
}

/**
 * The type the API server reports for a schema node in messages: `type`, except that an int-or-string
 * node has none (schema.Structural.Type).
 */
export function schemaType(s: JSONSchemaProps | undefined): string {
  return s?.type ?? '';
}
