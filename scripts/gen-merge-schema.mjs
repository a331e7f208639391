#!/usr/bin/env node
// Generates schemas/merge-schema-v1.36.json, the strategic-merge-patch metadata that a kustomize build
// needs (src/kustomize/merge-schema.ts), from the official Kubernetes OpenAPI v2 document
// ../shared/k8s-openapi/swagger-v1.36.json.gz: which lists merge by key (x-kubernetes-patch-strategy,
// x-kubernetes-patch-merge-key, x-kubernetes-list-map-keys) and the path from each kind to them.
//
// Run: node scripts/gen-merge-schema.mjs [--shared DIR]
// test/kustomize/merge-schema.test.ts regenerates in memory and fails when the committed file is stale.
//
// Format "podlint-merge-schema/1", one JSON object:
//   {format, generatedBy, kubernetesVersion,
//    kinds: {"apps/v1": {"Deployment": "io.k8s.api.apps.v1.Deployment"}, …},
//    definitions: {"<name>": {"<field>": {ref?, strategy?, keys?}, …}, …}}
// A field is kept when it carries a patch strategy or leads (through $ref, array items or map values) to
// a definition that does (through $ref or array items' $ref; like kyaml's ResourceSchema.Field, map values
// are not followed): `ref` names the definition of the field's value (of each item for arrays), `strategy` is
// x-kubernetes-patch-strategy as written ("merge", "merge,retainKeys", "retainKeys", "replace") and
// `keys` the merge keys kyaml uses (kyaml/openapi ResourceSchema.PatchStrategyAndKeyList):
// x-kubernetes-list-map-keys when present, else [x-kubernetes-patch-merge-key], else [""] (a list of
// scalars merged by value). Kinds and fields kustomize's own (older) OpenAPI lacks are left out (see
// KUSTOMIZE_OPENAPI_VERSION below). Every object is written with sorted keys.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const FORMAT = 'podlint-merge-schema/1';
export const MINOR_VERSION = 36;
export const OUTPUT_NAME = `merge-schema-v1.${MINOR_VERSION}.json`;

/**
 * kustomize v5.5 merges with kyaml's bundled OpenAPI, that of Kubernetes v1.21.2 (kyaml/openapi/kubernetesapi,
 * the default built-in version), not this document's: kinds and fields added since are unknown to it, so it
 * replaces their lists. What this document has that v1.21.2 did not is left out:
 * - the group/versions v1.21.2 served (others: autoscaling/v2, flowcontrol v1, resource.k8s.io … are unknown);
 * - kinds added since to one of those group/versions;
 * - fields with a patch strategy added since to kinds v1.21.2 had.
 */
export const KUSTOMIZE_OPENAPI_VERSION = 'v1.21.2';
const KUSTOMIZE_GROUP_VERSIONS = new Set([
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
  'apiextensions.k8s.io/v1beta1', 'apiregistration.k8s.io/v1', 'apiregistration.k8s.io/v1beta1', 'apps/v1',
  'authentication.k8s.io/v1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1',
  'autoscaling/v1', 'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1', 'batch/v1beta1', 'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'coordination.k8s.io/v1beta1', 'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1', 'events.k8s.io/v1', 'events.k8s.io/v1beta1', 'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta1', 'internal.apiserver.k8s.io/v1alpha1', 'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1',
  'rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1', 'scheduling.k8s.io/v1', 'scheduling.k8s.io/v1beta1',
  'storage.k8s.io/v1', 'storage.k8s.io/v1beta1',
]);
const KINDS_NEWER_THAN_KUSTOMIZE = new Set([
  'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/v1 MutatingAdmissionPolicy', 'admissionregistration.k8s.io/v1 MutatingAdmissionPolicyBinding',
  'authentication.k8s.io/v1 SelfSubjectReview', 'networking.k8s.io/v1 IPAddress', 'networking.k8s.io/v1 ServiceCIDR',
  'storage.k8s.io/v1 CSIStorageCapacity', 'storage.k8s.io/v1 VolumeAttributesClass',
  'admissionregistration.k8s.io/v1beta1 MutatingAdmissionPolicy', 'admissionregistration.k8s.io/v1beta1 MutatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/v1beta1 ClusterTrustBundle', 'certificates.k8s.io/v1beta1 PodCertificateRequest',
  'coordination.k8s.io/v1beta1 LeaseCandidate', 'networking.k8s.io/v1beta1 IPAddress', 'networking.k8s.io/v1beta1 ServiceCIDR',
  'storage.k8s.io/v1beta1 VolumeAttributesClass',
]);
const FIELDS_NEWER_THAN_KUSTOMIZE = new Set([
  'io.k8s.api.core.v1.PodSpec.resourceClaims', 'io.k8s.api.core.v1.PodSpec.schedulingGates',
  'io.k8s.api.core.v1.PodStatus.hostIPs', 'io.k8s.api.core.v1.PodStatus.resourceClaimStatuses',
  'io.k8s.api.core.v1.ContainerStatus.allocatedResourcesStatus', 'io.k8s.api.core.v1.ContainerStatus.volumeMounts',
  'io.k8s.api.admissionregistration.v1.MutatingWebhook.matchConditions', 'io.k8s.api.admissionregistration.v1.ValidatingWebhook.matchConditions',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.x-kubernetes-validations',
]);

function refName(ref) {
  const prefix = '#/definitions/';
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(prefix.length);
}

/** The definition a property's value (or each of its items) refers to. Map values are not followed. */
function valueRef(prop) {
  const s = prop.items ?? prop;
  return s.$ref ? refName(s.$ref) : undefined;
}

function sortedObject(entries) {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function buildMergeSchema(spec, { kubernetesVersion, sourceName, sourceSha256 }) {
  const defs = spec.definitions;
  const fieldsOf = (name) => {
    const def = defs[name] ?? {};
    return Object.entries(def.properties ?? {}).map(([field, prop]) => {
      if (!FIELDS_NEWER_THAN_KUSTOMIZE.has(`${name}.${field}`)) return [field, prop];
      const { ['x-kubernetes-patch-strategy']: _s, ...rest } = prop;
      return [field, rest];
    });
  };

  // A definition is relevant when one of its fields has a patch strategy or leads to a relevant one.
  const relevant = new Map();
  const isRelevant = (name, stack = new Set()) => {
    if (relevant.has(name)) return relevant.get(name);
    if (stack.has(name)) return false;
    stack.add(name);
    let yes = false;
    for (const [, prop] of fieldsOf(name)) {
      const ref = valueRef(prop);
      if (prop['x-kubernetes-patch-strategy'] || (ref && isRelevant(ref, stack))) yes = true;
    }
    stack.delete(name);
    // A definition inside a reference cycle is only settled once the cycle's entry point is.
    if (yes || stack.size === 0) relevant.set(name, yes);
    return yes;
  };

  const definitions = [];
  for (const name of Object.keys(defs).sort()) {
    if (!isRelevant(name)) continue;
    const fields = [];
    for (const [field, prop] of fieldsOf(name)) {
      const ref = valueRef(prop);
      const strategy = prop['x-kubernetes-patch-strategy'];
      if (!strategy && !(ref && isRelevant(ref))) continue;
      const entry = {};
      if (ref && isRelevant(ref)) entry.ref = ref;
      if (strategy) {
        entry.strategy = strategy;
        const mapKeys = prop['x-kubernetes-list-map-keys'];
        const mergeKey = prop['x-kubernetes-patch-merge-key'];
        entry.keys = Array.isArray(mapKeys) && mapKeys.length ? [...mapKeys] : [mergeKey ?? ''];
      }
      fields.push([field, sortedObject(Object.entries(entry))]);
    }
    definitions.push([name, sortedObject(fields)]);
  }

  const kinds = new Map();
  for (const [name, def] of Object.entries(defs)) {
    if (!isRelevant(name)) continue;
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      const av = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      if (!KUSTOMIZE_GROUP_VERSIONS.has(av) || KINDS_NEWER_THAN_KUSTOMIZE.has(`${av} ${gvk.kind}`)) continue;
      if (!kinds.has(av)) kinds.set(av, new Map());
      kinds.get(av).set(gvk.kind, name);
    }
  }

  const out = {
    format: FORMAT,
    generatedBy: `scripts/gen-merge-schema.mjs from ${sourceName} (sha256 ${sourceSha256}), the Kubernetes release-${kubernetesVersion} OpenAPI v2 document (Apache-2.0, The Kubernetes Authors), less what kustomize's bundled ${KUSTOMIZE_OPENAPI_VERSION} OpenAPI lacks; do not edit, run node scripts/gen-merge-schema.mjs`,
    kubernetesVersion,
    kinds: sortedObject([...kinds].map(([av, m]) => [av, sortedObject(m)])),
    definitions: sortedObject(definitions),
  };
  return JSON.stringify(out) + '\n';
}

export function sharedDir() {
  return path.resolve(root, '../shared');
}

/** The file's exact text, generated from `shared`'s swagger document. */
export function generate(shared = sharedDir()) {
  const file = path.join(shared, 'k8s-openapi', `swagger-v1.${MINOR_VERSION}.json.gz`);
  const gz = fs.readFileSync(file);
  const spec = JSON.parse(zlib.gunzipSync(gz).toString('utf8'));
  return buildMergeSchema(spec, {
    kubernetesVersion: `1.${MINOR_VERSION}`,
    sourceName: path.basename(file),
    sourceSha256: crypto.createHash('sha256').update(gz).digest('hex'),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--shared');
  const shared = i >= 0 ? path.resolve(args[i + 1] ?? '') : sharedDir();
  if (!fs.existsSync(path.join(shared, 'k8s-openapi'))) {
    console.error(`gen-merge-schema: ${path.join(shared, 'k8s-openapi')} not found (pass --shared DIR)`);
    process.exit(2);
  }
  const text = generate(shared);
  fs.writeFileSync(path.join(root, 'schemas', OUTPUT_NAME), text);
  console.log(`schemas/${OUTPUT_NAME}: ${text.length} bytes`);
}
