/**
 * The field reference: `podlint explain <type>[.field…]`, an offline `kubectl explain`.
 *
 * The text is laid out as kubectl's default renderer lays it out (kubectl ≥ 1.27 reads OpenAPI v3 and
 * runs the template k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl). This module walks the
 * bundled OpenAPI with the same rules, re-implemented: follow the field path through properties,
 * array items, map values and allOf; describe the schema and its referenced type; list the fields
 * sorted by name, `--recursive` as an indented tree that stops at a type already on the path.
 */
import type { OpenApiModel, ResourceInfo, Schema } from './openapi-data.js';
import { indentLikeKubectl, wrapLikeKubectl } from './wrap.js';

/** plaintext.tmpl: descriptions are wrapped to 76 columns and indented by 4. */
const DESCRIPTION_WIDTH = 76;
/** plaintext.tmpl fieldDetail: field descriptions wrap to 78 minus the field's indentation. */
const FIELD_DESCRIPTION_WIDTH = 78;
/**
 * kubectl 1.30 added an (empty for these documents) enum line after `FIELD:`, so 1.30 and later print
 * one more blank line there. The kubectl versions the Kubernetes versions are compared with: 1.28 and
 * 1.29 use the older layout.
 */
const FIRST_MINOR_WITH_ENUM_LINE = 30;

export interface FieldTarget {
  /** Set when the path named a field; undefined for the resource itself. */
  fieldName?: string;
  /** The field's schema (as written in its parent), or the resource's definition. */
  schema: Schema;
  /** Definition that declares the field (undefined for the resource itself). */
  parentDefinition?: string;
  /** Definition of the field's own type when it is (an array or map of) a referenced object. */
  typeDefinition?: string;
}

/**
 * The map-value schema of a schema, when it has one. kubectl's template tests
 * `additionalProperties` for Go truthiness and skips booleans; the bundled documents never hold an
 * empty `additionalProperties: {}`, so presence is truthiness here.
 */
function mapValueSchema(s: Schema): Schema | undefined {
  const a = s.additionalProperties;
  return a !== undefined && typeof a !== 'boolean' ? a : undefined;
}

class Renderer {
  constructor(
    private readonly model: OpenApiModel,
    private readonly recursive: boolean,
    private readonly enumLine: boolean,
  ) {}

  resolve(ref: string | undefined): Schema | undefined {
    return ref ? this.model.definition(ref) : undefined;
  }

  /** plaintext.tmpl "output": follow the path, then describe. */
  output(schema: Schema, history: ReadonlySet<string> | undefined, path: readonly string[]): string {
    const refString = schema.$ref ?? '';
    const next = new Set(history ?? []);
    next.add(refString);
    const resolved = this.resolve(schema.$ref) ?? schema;
    if (path.length === 0) {
      let out = 'DESCRIPTION:\n';
      out += indentLikeKubectl(4, wrapLikeKubectl(this.description(resolved) || '<empty>', DESCRIPTION_WIDTH)) + '\n';
      out += this.externalDocs(resolved);
      const fields = this.fieldList(resolved, 1, undefined);
      if (fields) out += 'FIELDS:\n' + fields;
      return out;
    }
    if (refString && history?.has(refString)) return '';
    const first = path[0]!;
    if (resolved.properties && Object.prototype.hasOwnProperty.call(resolved.properties, first)) {
      const sub = resolved.properties[first]!;
      let out = '';
      if (path.length === 1) {
        out += `FIELD: ${first} <${this.typeGuess(sub)}>\n` + this.longEnum(sub) + (this.enumLine ? '\n' : '') + '\n';
      }
      return out + this.output(sub, new Set(), path.slice(1));
    }
    if (resolved.items) return this.output(resolved.items, next, path);
    const mapValue = mapValueSchema(resolved);
    if (mapValue) return this.output(mapValue, next, path);
    for (const sub of resolved.allOf ?? []) {
      const r = this.output(sub, next, path);
      if (r) return r;
    }
    return '';
  }

  /** plaintext.tmpl "description": the schema's own description, then those of its allOf, items and map values. */
  description(schema: Schema, depth = 0): string {
    if (depth > 64) return '';
    const s = this.resolve(schema.$ref) ?? schema;
    let out = '';
    if (s.description) out += s.description + '\n';
    for (const a of s.allOf ?? []) out += this.description(a, depth + 1);
    if (s.items) out += this.description(s.items, depth + 1);
    const mapValue = mapValueSchema(s);
    if (mapValue) out += this.description(mapValue, depth + 1);
    return out;
  }

  externalDocs(schema: Schema): string {
    const d = schema.externalDocs;
    if (!d) return '';
    let out = '\nEXTERNAL DOCS:\n';
    if (d.description) out += indentLikeKubectl(4, wrapLikeKubectl(d.description, DESCRIPTION_WIDTH)) + '\n';
    if (d.url) out += indentLikeKubectl(4, `URL: ${d.url}`) + '\n';
    return out;
  }

  /** plaintext.tmpl "fieldList". */
  fieldList(schema: Schema, level: number, history: ReadonlySet<string> | undefined): string {
    const refString = schema.$ref ?? '';
    if (refString && history?.has(refString)) return '';
    const next = new Set(history ?? []);
    next.add(refString);
    const resolved = this.resolve(schema.$ref) ?? schema;
    let out = '';
    if (resolved.properties) {
      for (const name of Object.keys(resolved.properties).sort(compareGoStrings)) {
        out += this.fieldDetail(name, resolved, level);
        if (this.recursive) out += this.fieldList(resolved.properties[name]!, level + 1, next);
      }
    }
    for (const a of resolved.allOf ?? []) out += this.fieldList(a, level, next);
    if (resolved.items) out += this.fieldList(resolved.items, level, next);
    const mapValue = mapValueSchema(resolved);
    if (mapValue) out += this.fieldList(mapValue, level, next);
    return out;
  }

  /** plaintext.tmpl "fieldDetail". */
  fieldDetail(name: string, parent: Schema, level: number): string {
    const indent = level * 2;
    const field = parent.properties![name]!;
    let out = indentLikeKubectl(indent, name) + `\t<${this.typeGuess(field)}>`;
    if (parent.required?.includes(name)) out += ' -required-';
    out += this.shortEnum(field, indent);
    out += '\n';
    if (!this.recursive) {
      out += indentLikeKubectl(indent + 2, wrapLikeKubectl(field.description || '<no description>', FIELD_DESCRIPTION_WIDTH - indent)) + '\n';
      const d = field.externalDocs;
      if (d) {
        out += '\n' + indentLikeKubectl(indent + 2, 'EXTERNAL DOCS:') + '\n';
        if (d.description) out += indentLikeKubectl(indent + 4, wrapLikeKubectl(d.description, DESCRIPTION_WIDTH - indent)) + '\n';
        if (d.url) out += indentLikeKubectl(indent + 4, `URL: ${d.url}`) + '\n';
      }
      out += '\n';
    }
    return out;
  }

  /** plaintext.tmpl "typeGuess": `[]Container`, `map[string]string`, `IntOrString`, `Object` … */
  typeGuess(s: Schema): string {
    if (s.items) return '[]' + this.typeGuess(s.items);
    const mapValue = mapValueSchema(s);
    if (mapValue) return 'map[string]' + this.typeGuess(mapValue);
    if (s.allOf && !s.properties && s.allOf.length === 1) return this.typeGuess(s.allOf[0]!);
    if (s.$ref) {
      const target = this.resolve(s.$ref);
      if (!target || !target.type || target.type === 'object') {
        const name = s.$ref.split('/').pop()!;
        return name.split('.').pop() || 'Object';
      }
      return target.type;
    }
    if (s.type === 'object') return 'Object';
    return s.type || 'Object';
  }

  longEnum(s: Schema): string {
    if (!s.enum || s.enum.length === 0) return '';
    return 'ENUM:' + s.enum.map((e) => '\n    ' + enumText(e)).join('');
  }

  shortEnum(s: Schema, indent: number): string {
    if (!s.enum || s.enum.length === 0) return '';
    const limit = 4;
    let out = '\n' + ' '.repeat(indent) + 'enum: ';
    for (let i = 0; i < s.enum.length; i++) {
      if (i >= limit) {
        out += ', ....';
        break;
      }
      if (i > 0) out += ', ';
      out += enumText(s.enum[i]);
    }
    return out;
  }
}

function enumText(e: unknown): string {
  return e === '' ? '""' : String(e);
}

/** Go sorts map keys by bytes; for the ASCII field names of the OpenAPI this is code-unit order. */
function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class FieldNotFoundError extends Error {
  constructor(
    readonly field: string,
    /** The path up to (not including) the missing field. */
    readonly parentPath: readonly string[],
    /** Field names valid at that point, sorted. */
    readonly validNames: readonly string[],
  ) {
    super(`field "${field}" does not exist`);
    this.name = 'FieldNotFoundError';
  }
}

/** Fields directly below a schema (through refs, arrays, maps and allOf), as explain lists them. */
export function childFields(model: OpenApiModel, schema: Schema, seen = new Set<string>()): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return out;
    seen.add(schema.$ref);
    const def = model.definition(schema.$ref);
    return def ? childFields(model, def, seen) : out;
  }
  for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = v;
  for (const a of schema.allOf ?? []) Object.assign(out, childFields(model, a, seen));
  if (schema.items) Object.assign(out, childFields(model, schema.items, seen));
  const mapValue = mapValueSchema(schema);
  if (mapValue) Object.assign(out, childFields(model, mapValue, seen));
  return out;
}

/** The definition a schema's fields come from: its $ref, or that of its items/map value/single allOf. */
export function typeDefinitionOf(schema: Schema): string | undefined {
  if (schema.$ref) return schema.$ref;
  if (schema.items) return typeDefinitionOf(schema.items);
  const mapValue = mapValueSchema(schema);
  if (mapValue) return typeDefinitionOf(mapValue);
  if (schema.allOf?.length === 1) return typeDefinitionOf(schema.allOf[0]!);
  return undefined;
}

/** Follow a field path from a resource; throws FieldNotFoundError naming the first unknown field. */
export function resolveFieldPath(model: OpenApiModel, resource: ResourceInfo, path: readonly string[]): FieldTarget {
  const root = model.definition(resource.definition);
  if (!root) throw new FieldNotFoundError(path[0] ?? '', [], []);
  let current: Schema = root;
  let owner: string | undefined = resource.definition;
  let target: FieldTarget = { schema: root, typeDefinition: resource.definition };
  for (let i = 0; i < path.length; i++) {
    const fields = childFields(model, current);
    const name = path[i]!;
    if (!Object.prototype.hasOwnProperty.call(fields, name)) {
      throw new FieldNotFoundError(name, path.slice(0, i), Object.keys(fields).sort(compareGoStrings));
    }
    owner = i === 0 ? resource.definition : typeDefinitionOf(current) ?? owner;
    const sub = fields[name]!;
    target = { fieldName: name, schema: sub, parentDefinition: owner, typeDefinition: typeDefinitionOf(sub) };
    current = sub;
  }
  return target;
}

export interface RenderFieldOptions {
  recursive: boolean;
  /** Minor version of the kubectl whose layout to follow (see FIRST_MINOR_WITH_ENUM_LINE). */
  layoutMinor: number;
}

/**
 * kubectl explain's text for a resource and field path. The path must be valid (see
 * resolveFieldPath); an invalid one throws FieldNotFoundError.
 */
export function renderFieldReference(model: OpenApiModel, resource: ResourceInfo, path: readonly string[], options: RenderFieldOptions): string {
  resolveFieldPath(model, resource, path);
  const renderer = new Renderer(model, options.recursive, options.layoutMinor >= FIRST_MINOR_WITH_ENUM_LINE);
  const root = model.definition(resource.definition)!;
  let out = '';
  if (resource.kindGroup) out += `GROUP:      ${resource.kindGroup}\n`;
  out += `KIND:       ${resource.kind}\nVERSION:    ${resource.kindVersion}\n\n`;
  const body = renderer.output(root, undefined, path);
  if (!body) throw new FieldNotFoundError(path[path.length - 1] ?? '', path.slice(0, -1), []);
  return out + body + '\n';
}
