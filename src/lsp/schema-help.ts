/**
 * What the bundled OpenAPI says at a place in a manifest: the field's documentation for hover, the
 * fields and values that may be written there for completion.
 */
import { openApiModel, type OpenApiModel, type ResourceInfo, type Schema } from '../explain/openapi-data.js';
import { childFields, resolveFieldPath, typeDefinitionOf, FieldNotFoundError } from '../explain/fields.js';
import { explainField, renderFieldNotes } from '../explain/field-reference.js';
import { FIXED_VALUES } from '../k8s/enums.js';

/** The resource of an apiVersion and kind in a Kubernetes version's OpenAPI. */
export function resourceOf(model: OpenApiModel, apiVersion: string | undefined, kind: string | undefined): ResourceInfo | undefined {
  if (!apiVersion || !kind) return undefined;
  return model.resources.find((r) => r.kind === kind && (r.kindGroup ? `${r.kindGroup}/${r.kindVersion}` : r.kindVersion) === apiVersion);
}

/** The longest prefix of `path` (field names, no indices) that names fields of the resource. */
function knownPrefix(model: OpenApiModel, resource: ResourceInfo, path: readonly string[]): string[] {
  try {
    resolveFieldPath(model, resource, path);
    return [...path];
  } catch (err) {
    if (err instanceof FieldNotFoundError) return [...err.parentPath];
    throw err;
  }
}

/** Hover text (Markdown) for the field at `tokens` of an object, or undefined when the schema does not know it. */
export function fieldHover(kubernetesVersion: string, apiVersion: string | undefined, kind: string | undefined, tokens: readonly string[]): string | undefined {
  const model = openApiModel(kubernetesVersion);
  if (!model) return undefined;
  const resource = resourceOf(model, apiVersion, kind);
  if (!resource) return undefined;
  const names = tokens.filter((t) => !/^(0|[1-9][0-9]*)$/.test(t));
  const path = knownPrefix(model, resource, names);
  if (!path.length && names.length) return undefined;
  const ref = explainField([resource.resource, ...path].join('.'), { kubernetesVersion, apiVersion });
  const notes = renderFieldNotes(ref);
  // kubectl's text is laid out for a terminal: keep it as it is, in a code block.
  return ['```text', ref.kubectlText.trimEnd(), '```', ...(notes ? ['', '```text', notes.trimEnd(), '```'] : [])].join('\n');
}

export interface FieldChoice {
  name: string;
  /** `string`, `integer`, `[]Container`, `map[string]string`, `Object` … */
  type: string;
  description: string;
}

/** The schema at a completion path ('[]' marks a sequence item). */
function schemaAt(model: OpenApiModel, resource: ResourceInfo, path: readonly string[]): { schema: Schema; owner?: string; field?: string } | undefined {
  let schema: Schema | undefined = model.definition(resource.definition);
  let owner: string | undefined;
  let field: string | undefined;
  for (const t of path) {
    if (!schema) return undefined;
    if (t === '[]') {
      schema = schema.items ?? (schema.allOf?.length === 1 ? schema.allOf[0]!.items : undefined);
      if (!schema) return undefined;
      continue;
    }
    const fields = childFields(model, schema);
    if (!Object.prototype.hasOwnProperty.call(fields, t)) return undefined;
    owner = typeDefinitionOf(schema) ?? owner;
    field = t;
    schema = fields[t];
  }
  return schema ? { schema, owner, field } : undefined;
}

/** The fields that may be written in the mapping at `path` of an object. */
export function fieldChoices(kubernetesVersion: string, apiVersion: string | undefined, kind: string | undefined, path: readonly string[]): FieldChoice[] {
  const model = openApiModel(kubernetesVersion);
  if (!model) return [];
  if (!path.length && (!apiVersion || !kind)) return [];
  const resource = resourceOf(model, apiVersion, kind);
  if (!resource) return [];
  const at = schemaAt(model, resource, path);
  if (!at) return [];
  // A map of scalars (labels, annotations) has free keys, no fields.
  if (at.schema.additionalProperties && !typeDefinitionOf(at.schema)) return [];
  const fields = childFields(model, at.schema);
  return Object.keys(fields)
    .sort()
    .map((name) => ({ name, type: typeName(model, fields[name]!), description: model.definition(fields[name]!.$ref ?? '')?.description ?? fields[name]!.description ?? '' }));
}

/** The values Kubernetes allows for the field `field` of the mapping at `path` (fixed strings, booleans). */
export function valueChoices(kubernetesVersion: string, apiVersion: string | undefined, kind: string | undefined, path: readonly string[], field: string): string[] {
  const model = openApiModel(kubernetesVersion);
  if (!model) return [];
  const resource = resourceOf(model, apiVersion, kind);
  if (!resource) return [];
  const at = schemaAt(model, resource, [...path, field]);
  if (!at) return [];
  if (at.schema.enum?.length) return at.schema.enum.map(String);
  if (at.owner && at.field) {
    const fixed = FIXED_VALUES[`${at.owner}.${at.field}`];
    if (fixed) return [...fixed];
  }
  if (at.schema.type === 'boolean') return ['true', 'false'];
  return [];
}

/** A field type as kubectl explain names it. */
function typeName(model: OpenApiModel, s: Schema): string {
  if (s.$ref) return model.definition(s.$ref)?.type === 'object' || !model.definition(s.$ref)?.type ? s.$ref.split('.').pop()! : model.definition(s.$ref)!.type!;
  if (s.allOf?.length === 1) return typeName(model, s.allOf[0]!);
  if (s.type === 'array' && s.items) return `[]${typeName(model, s.items)}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties !== 'boolean') return `map[string]${typeName(model, s.additionalProperties)}`;
  return s.type ?? 'Object';
}
