/**
 * `podlint explain <type>[.field…]`: kubectl explain's text for the bundled OpenAPI of a Kubernetes
 * version, followed by podlint's notes (defaults applied when a field is omitted, rules that look at it).
 */
import { openApiModel, type OpenApiModel } from './openapi-data.js';
import { resolveExplainRequest, suggest, UnknownResourceError } from './resources.js';
import { childFields, FieldNotFoundError, renderFieldReference, resolveFieldPath, typeDefinitionOf } from './fields.js';
import { defaultForField, rulesForField, type FieldDefault } from './field-notes.js';
import { wrapLikeKubectl } from './wrap.js';
import { withCrdResources, type ExplainCrd } from './crd-model.js';

export interface FieldReferenceOptions {
  kubernetesVersion: string;
  recursive?: boolean;
  /** `group/version` (or `v1`) to explain instead of the preferred version. */
  apiVersion?: string;
  /** CustomResourceDefinitions whose served versions can be explained too. */
  crds?: readonly ExplainCrd[];
}

export interface FieldNote {
  field: string;
  default?: FieldDefault;
  rules: string[];
}

export interface FieldReference {
  kubernetesVersion: string;
  group: string;
  version: string;
  kind: string;
  resource: string;
  fieldPath: string[];
  /** Exactly what `kubectl explain` prints for this path and Kubernetes version. */
  kubectlText: string;
  /** The field's own note (undefined for the resource itself). */
  self?: FieldNote;
  /** Notes on its direct fields that have a default or rules, sorted by name. */
  children: FieldNote[];
}

/** An unknown type, field or version: the message names the closest valid names. */
export class ExplainLookupError extends Error {
  constructor(
    message: string,
    readonly suggestions: readonly string[],
  ) {
    super(message);
    this.name = 'ExplainLookupError';
  }
}

function modelFor(version: string): OpenApiModel {
  const model = openApiModel(version);
  if (!model) throw new ExplainLookupError(`Kubernetes ${version} is not bundled`, []);
  return model;
}

function didYouMean(s: readonly string[]): string {
  return s.length ? `; did you mean ${s.map((x) => `"${x}"`).join(', ')}?` : '';
}

export function explainField(input: string, options: FieldReferenceOptions): FieldReference {
  const model = withCrdResources(modelFor(options.kubernetesVersion), options.crds ?? []);
  let request;
  try {
    request = resolveExplainRequest(model, input, options.apiVersion);
  } catch (err) {
    if (err instanceof UnknownResourceError) {
      const msg = err.message.startsWith('the server')
        ? `unknown resource type "${err.input}" in Kubernetes ${model.kubernetesVersion}${didYouMean(err.suggestions)}`
        : err.message;
      throw new ExplainLookupError(msg, err.suggestions);
    }
    throw err;
  }
  const { resource, fieldPath } = request;
  let target;
  try {
    target = resolveFieldPath(model, resource, fieldPath);
  } catch (err) {
    if (err instanceof FieldNotFoundError) {
      const where = [resource.resource, ...err.parentPath].join('.');
      const s = suggest(err.field, err.validNames);
      const known = s.length ? '' : err.validNames.length ? `; its fields are: ${err.validNames.join(', ')}` : '; it has no fields';
      throw new ExplainLookupError(`field "${err.field}" does not exist in ${where} (${resource.kind}, ${resource.group ? `${resource.group}/` : ''}${resource.version}, Kubernetes ${model.kubernetesVersion})${didYouMean(s)}${known}`, s);
    }
    throw err;
  }
  const layoutMinor = Number(model.kubernetesVersion.split('.')[1]);
  const kubectlText = renderFieldReference(model, resource, fieldPath, { recursive: options.recursive === true, layoutMinor });
  const note = (owner: string | undefined, field: string): FieldNote | undefined => {
    if (!owner) return undefined;
    const key = `${owner}.${field}`;
    const dflt = defaultForField(key);
    const rules = rulesForField(key);
    return dflt || rules.length ? { field, default: dflt, rules } : undefined;
  };
  const self = target.fieldName !== undefined ? note(target.parentDefinition, target.fieldName) : undefined;
  const children: FieldNote[] = [];
  const typeDef = target.fieldName === undefined ? resource.definition : typeDefinitionOf(target.schema);
  if (typeDef) {
    for (const name of Object.keys(childFields(model, target.schema)).sort()) {
      const n = note(typeDef, name);
      if (n) children.push(n);
    }
  }
  return {
    kubernetesVersion: model.kubernetesVersion,
    group: resource.kindGroup,
    version: resource.kindVersion,
    kind: resource.kind,
    resource: resource.resource,
    fieldPath,
    kubectlText,
    self,
    children,
  };
}

const NOTES_WIDTH = 80;

/** Wrap a line at NOTES_WIDTH; continuation lines are indented by `indent`. */
function hang(line: string, indent: number): string {
  const lead = /^ */.exec(line)![0]!;
  const first = wrapLikeKubectl(line.slice(lead.length), NOTES_WIDTH - lead.length).split('\n');
  if (first.length === 1) return line;
  const head = lead + first[0];
  const rest = wrapLikeKubectl(first.slice(1).join(' '), NOTES_WIDTH - indent);
  return [head, ...rest.split('\n').map((l) => ' '.repeat(indent) + l)].join('\n');
}

/** podlint's notes as text (empty when there are none). */
export function renderFieldNotes(ref: FieldReference): string {
  const lines: string[] = [];
  if (ref.self?.default) lines.push(hang(`  Default when omitted: ${ref.self.default.value}`, 4), `    (${ref.self.default.source})`);
  if (ref.self?.rules.length) lines.push(hang(`  Rules that look at this field: ${ref.self.rules.join(', ')}`, 4));
  if (ref.children.length) {
    lines.push('  Its fields:');
    for (const c of ref.children) {
      lines.push(`    ${c.field}:`);
      if (c.default) lines.push(hang(`      default ${c.default.value}`, 8));
      if (c.rules.length) lines.push(hang(`      rules: ${c.rules.join(', ')}`, 8));
    }
  }
  if (lines.length === 0) return '';
  if (ref.self?.rules.length || ref.children.some((c) => c.rules.length)) lines.push('  (`podlint explain <rule-id>` tells what a rule checks.)');
  return `PODLINT:\n${lines.join('\n')}\n\n`;
}
