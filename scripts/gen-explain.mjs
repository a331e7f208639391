#!/usr/bin/env node
// Generates schemas/explain-openapi.json.gz, the data behind `podlint explain <type>[.field…]`, from the
// official Kubernetes OpenAPI v2 documents ../shared/k8s-openapi/swagger-v1.NN.json.gz (NN = 28…36,
// Apache-2.0, The Kubernetes Authors; see schemas/EXPLAIN-PROVENANCE.md).
//
// Run: node scripts/gen-explain.mjs [openapi-dir]
// test/explain/gen-explain.test.ts regenerates the data in memory and fails when the committed file is stale.
//
// What is kept, per version: every definition as kube-apiserver publishes it in OpenAPI v3 (a `$ref`
// with sibling keywords becomes `allOf: [{$ref}]` beside them; IntOrString and Quantity lose their
// `type`, as OpenAPIV3OneOfTypes in k8s.io/apimachinery makes them `oneOf`), reduced to the keywords
// `kubectl explain` reads (description, type, $ref, items, additionalProperties, properties, required,
// allOf, enum, externalDocs); and the resources served (from the paths), each with the kind its
// operations declare, in the order a RESTMapper prefers them. Descriptions and definition bodies are
// shared across versions, so nine versions cost little more than one.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXPLAIN_DATA_FILE = path.join(root, 'schemas', 'explain-openapi.json.gz');
export const DEFAULT_OPENAPI_DIR = path.resolve(root, '..', 'shared', 'k8s-openapi');
export const VERSIONS = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];

/** apimachinery OpenAPIV3OneOfTypes: these definitions are published in v3 as oneOf without a type. */
const V3_ONE_OF_DEFINITIONS = new Set([
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  'io.k8s.apimachinery.pkg.api.resource.Quantity',
]);

/** Keywords kubectl explain's OpenAPI v3 template reads. */
const KEPT_KEYWORDS = new Set(['description', 'type', '$ref', 'items', 'additionalProperties', 'properties', 'required', 'allOf', 'enum', 'externalDocs']);

/**
 * kube-apiserver's API group priorities (cmd/kube-apiserver/app/aggregator.go, apiVersionPriorities):
 * the order of /apis, which a RESTMapper follows when a resource name exists in several groups.
 * The core group comes first; groups not listed come last, by name.
 */
const GROUP_PRIORITY = [
  '', 'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io',
  'autoscaling', 'batch', 'certificates.k8s.io', 'networking.k8s.io', 'extensions', 'policy',
  'rbac.authorization.k8s.io', 'storage.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io', 'resource.k8s.io', 'storagemigration.k8s.io',
];

/** k8s.io/apimachinery/pkg/version CompareKubeAwareVersionStrings: GA > beta > alpha, higher first. */
function versionSortKey(v) {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return [3, 0, 0];
  return [m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2, -Number(m[1]), -(m[3] ? Number(m[3]) : 0)];
}
function compareVersions(a, b) {
  const ka = versionSortKey(a), kb = versionSortKey(b);
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return a < b ? -1 : a > b ? 1 : 0;
}
function groupRank(g) {
  const i = GROUP_PRIORITY.indexOf(g);
  return i >= 0 ? i : GROUP_PRIORITY.length;
}

const DEF_PREFIX = '#/definitions/';

/** One v2 schema → the v3 shape kube-apiserver publishes, reduced to what explain reads. */
function toExplainSchema(s, str) {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
  const out = {};
  let hasSiblings = false;
  for (const k of Object.keys(s)) if (k !== '$ref') hasSiblings = true;
  for (const [k, v] of Object.entries(s)) {
    if (!KEPT_KEYWORDS.has(k)) continue;
    if (k === '$ref') out.$ref = v.startsWith(DEF_PREFIX) ? v.slice(DEF_PREFIX.length) : v;
    else if (k === 'description') out.description = str(v);
    else if (k === 'properties') {
      const props = {};
      for (const name of Object.keys(v).sort()) props[name] = toExplainSchema(v[name], str);
      out.properties = props;
    } else if (k === 'items' || k === 'additionalProperties') {
      // src/explain/fields.ts treats a present map-value schema as truthy; Go templates do not for `{}`.
      if (typeof v === 'object' && Object.keys(v).length === 0) throw new Error(`an empty ${k} schema: src/explain/fields.ts must learn Go's truthiness for it`);
      out[k] = typeof v === 'object' ? toExplainSchema(v, str) : v;
    }
    else if (k === 'allOf') out.allOf = v.map((x) => toExplainSchema(x, str));
    else if (k === 'externalDocs') out.externalDocs = { ...v, ...(v.description ? { description: str(v.description) } : {}) };
    else out[k] = v;
  }
  if (out.$ref !== undefined && hasSiblings) {
    const { $ref, ...rest } = out;
    return { allOf: [{ $ref }], ...rest };
  }
  return out;
}

/** Resources served by one spec, from its paths, in RESTMapper preference order. */
function resourcesOf(spec) {
  const found = new Map(); // "g/v/r" -> {group, version, resource, gvk}
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  // kubectl's explain template looks for the GVK on these paths, in this order.
  const searchOrder = (seg) => (seg.length === 1 ? 0 : seg.length === 2 ? 1 : seg.length === 3 ? 2 : 3);
  const entries = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    let m = /^\/api\/v1\/(.*)$/.exec(p);
    let group = '', version = 'v1', rest;
    if (m) rest = m[1];
    else {
      m = /^\/apis\/([^/]+)\/([^/]+)\/(.*)$/.exec(p);
      if (!m) continue;
      [, group, version, rest] = m;
    }
    const seg = rest.split('/');
    if (seg[0] === 'watch') continue;
    let resource;
    if (seg.length === 1 || (seg.length === 2 && seg[1] === '{name}')) resource = seg[0];
    else if (seg[0] === 'namespaces' && seg[1] === '{namespace}' && (seg.length === 3 || (seg.length === 4 && seg[3] === '{name}'))) resource = seg[2];
    else continue;
    if (resource.startsWith('{')) continue;
    let gvk;
    for (const method of methods) {
      const op = item[method];
      if (op && op['x-kubernetes-group-version-kind']) { gvk = op['x-kubernetes-group-version-kind']; break; }
    }
    entries.push({ key: `${group}/${version}/${resource}`, group, version, resource, gvk, order: searchOrder(seg) });
  }
  entries.sort((a, b) => a.order - b.order);
  for (const e of entries) {
    const prev = found.get(e.key);
    if (!prev) found.set(e.key, { group: e.group, version: e.version, resource: e.resource, gvk: e.gvk });
    else if (!prev.gvk && e.gvk) prev.gvk = e.gvk;
  }
  const list = [...found.values()].filter((r) => r.gvk);
  list.sort((a, b) => groupRank(a.group) - groupRank(b.group) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)
    || compareVersions(a.version, b.version) || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  return list;
}

/** The definition kubectl shows for a GVK: the first, by name, that declares it. */
function definitionFor(spec, gvk) {
  for (const name of Object.keys(spec.definitions).sort()) {
    const list = spec.definitions[name]['x-kubernetes-group-version-kind'];
    if (Array.isArray(list) && list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) return name;
  }
  return undefined;
}

export function readSpec(openapiDir, version) {
  const file = path.join(openapiDir, `swagger-v${version}.json.gz`);
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
}

/** Build the explain data from the OpenAPI documents in openapiDir. Deterministic. */
export function generateExplainData(openapiDir = DEFAULT_OPENAPI_DIR) {
  const strings = [];
  const stringIndex = new Map();
  const str = (s) => {
    let i = stringIndex.get(s);
    if (i === undefined) { i = strings.length; strings.push(s); stringIndex.set(s, i); }
    return i;
  };
  const schemas = [];
  const schemaIndex = new Map();
  const versions = {};
  for (const version of VERSIONS) {
    const spec = readSpec(openapiDir, version);
    const definitions = {};
    for (const name of Object.keys(spec.definitions).sort()) {
      const body = toExplainSchema(spec.definitions[name], str);
      if (V3_ONE_OF_DEFINITIONS.has(name)) delete body.type;
      const key = JSON.stringify(body);
      let i = schemaIndex.get(key);
      if (i === undefined) { i = schemas.length; schemas.push(body); schemaIndex.set(key, i); }
      definitions[name] = i;
    }
    const resources = [];
    for (const r of resourcesOf(spec)) {
      const definition = definitionFor(spec, r.gvk);
      if (!definition) continue;
      // [group, version, resource, kind group, kind version, kind, definition]
      resources.push([r.group, r.version, r.resource, r.gvk.group, r.gvk.version, r.gvk.kind, definition]);
    }
    versions[version] = { definitions, resources };
  }
  return {
    $comment: 'Generated by scripts/gen-explain.mjs from the Kubernetes OpenAPI documents swagger-v1.28…v1.36.json (Apache-2.0, The Kubernetes Authors; see EXPLAIN-PROVENANCE.md). Do not edit.',
    format: 1,
    strings,
    schemas,
    versions,
  };
}

export function serializeExplainData(data) {
  return JSON.stringify(data);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OPENAPI_DIR;
  const json = serializeExplainData(generateExplainData(dir));
  const gz = zlib.gzipSync(Buffer.from(json, 'utf8'), { level: 9 });
  fs.writeFileSync(EXPLAIN_DATA_FILE, gz);
  process.stdout.write(`wrote ${path.relative(process.cwd(), EXPLAIN_DATA_FILE)}: ${json.length} bytes of JSON, ${gz.length} gzipped\n`);
}
