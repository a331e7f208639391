/**
 * `podlint explain` for custom resources: the served versions of the CRDs given with `--crd` added to
 * a Kubernetes version's OpenAPI model, as kube-apiserver publishes them for kubectl explain
 * (staging/src/k8s.io/apiextensions-apiserver/pkg/controller/openapi/builder: the CRD's schema as the
 * kind's definition, `metadata` as ObjectMeta, names and short names from the CRD).
 */
import type { OpenApiModel, ResourceInfo, Schema } from './openapi-data.js';
import { isRecord } from '../k8s/podspec.js';

/** A CustomResourceDefinition as explain needs it (src/crd's Crd fits). */
export interface ExplainCrd {
  group: string;
  kind: string;
  plural: string;
  shortNames: readonly string[];
  versions: ReadonlyArray<{ name: string; served: boolean; schema?: unknown }>;
}

/** The definition of ObjectMeta in the bundled OpenAPI. */
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
/** builder.go: the description of metadata on a custom resource. */
const METADATA_DESCRIPTION = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";


/** A CRD's JSONSchemaProps as the Schema explain reads. */
function toSchema(s: unknown): Schema {
  if (!isRecord(s)) return {};
  const out: Schema = {};
  if (typeof s.description === 'string') out.description = s.description;
  if (typeof s.type === 'string') out.type = s.type;
  if (isRecord(s.items)) out.items = toSchema(s.items);
  if (isRecord(s.additionalProperties)) out.additionalProperties = toSchema(s.additionalProperties);
  else if (typeof s.additionalProperties === 'boolean') out.additionalProperties = s.additionalProperties;
  if (isRecord(s.properties)) {
    out.properties = {};
    for (const [k, v] of Object.entries(s.properties)) out.properties[k] = toSchema(v);
  }
  if (Array.isArray(s.required)) out.required = s.required.filter((r): r is string => typeof r === 'string');
  if (Array.isArray(s.allOf)) out.allOf = s.allOf.map(toSchema);
  if (Array.isArray(s.enum)) out.enum = s.enum;
  return out;
}

/** Kubernetes' version priority (GA > beta > alpha, then higher numbers), preferred first. */
function byPriority(a: string, b: string): number {
  const p = (v: string): number[] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    return m ? [m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1, Number(m[1]), m[3] === undefined ? 0 : Number(m[3])] : [0, 0, 0];
  };
  const x = p(a), y = p(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The model with the CRDs' served versions as resources (after the built-in ones). */
export function withCrdResources(model: OpenApiModel, crds: readonly ExplainCrd[]): OpenApiModel {
  if (crds.length === 0) return model;
  const defs = new Map<string, Schema>();
  // builder.go adds apiVersion and kind with the standard type-meta descriptions when a schema lacks them.
  // (the same text every built-in kind carries; taken from the bundled Pod)
  const typeMeta = model.definition('io.k8s.api.core.v1.Pod')?.properties ?? {};
  const resources: ResourceInfo[] = [];
  for (const crd of crds) {
    const served = crd.versions.filter((v) => v.served && isRecord(v.schema)).sort((a, b) => byPriority(a.name, b.name));
    for (const v of served) {
      const definition = `${crd.group.split('.').reverse().join('.')}.${v.name}.${crd.kind}`;
      const schema = toSchema(v.schema);
      schema.properties = { ...schema.properties, metadata: { description: METADATA_DESCRIPTION, allOf: [{ $ref: OBJECT_META }] } };
      for (const f of ['apiVersion', 'kind']) if (!schema.properties[f] && typeMeta[f]) schema.properties[f] = typeMeta[f]!;
      defs.set(definition, schema);
      resources.push({ group: crd.group, version: v.name, resource: crd.plural, kind: crd.kind, kindGroup: crd.group, kindVersion: v.name, definition, shortNames: [...crd.shortNames] });
    }
  }
  return {
    kubernetesVersion: model.kubernetesVersion,
    resources: [...model.resources, ...resources],
    definition: (name) => defs.get(name) ?? model.definition(name),
    definitionNames: () => [...model.definitionNames(), ...defs.keys()],
  };
}
