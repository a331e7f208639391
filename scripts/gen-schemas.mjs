#!/usr/bin/env node
// Generates schemas/validation-v1.NN.jsonl.gz (NN = 28 … 36) from the official Kubernetes OpenAPI v2
// documents ../shared/k8s-openapi/swagger-v1.NN.json.gz. Only what schema validation needs is kept:
// per definition its fields' types and its required fields (no descriptions), which definition each
// built-in (group/version, kind) uses, and which kinds each group/version serves.
//
// Run: npm run gen:schemas   (or: node scripts/gen-schemas.mjs [--shared DIR])
// test/schema/generated.test.ts regenerates in memory and fails when the committed files are stale.
//
// Data format "podlint-validation/1": JSON Lines, gzipped, so that a run parses only the definitions it
// visits. Line 1 is a header object; line 2 + i holds definition i as [name, {field: type}, [required…]?].
//   header: {format, generatedBy, kubernetesVersion, definitionCount,
//            kinds:  {"apps/v1": {"Deployment": <definition index>}, …}   every kind the spec defines,
//            served: {"apps/v1": ["Deployment", …], …}}                   kinds with a REST resource
//   type: "string" | "integer" (int64) | "int32" | "number" | "boolean" | "byte" (base64 string)
//         | "int-or-string" | "quantity" | "object" (any JSON object) | "any" (any JSON value)
//         | <number: definition index> | ["array", type] | ["map", type]
// Definitions are sorted by name; every list is sorted.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const FORMAT = 'podlint-validation/1';
export const MINOR_VERSIONS = [28, 29, 30, 31, 32, 33, 34, 35, 36];

/** Definitions that are not objects with fields, mapped to how their JSON is decoded. */
const SPECIAL_DEFINITIONS = {
  // apimachinery pkg/util/intstr/intstr.go: UnmarshalJSON takes a JSON string or an int32.
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  // apimachinery pkg/api/resource/quantity.go: UnmarshalJSON takes a JSON string or a bare number.
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
};

export function sharedDir() {
  return path.resolve(root, '../shared');
}

export function specPath(shared, minor) {
  return path.join(shared, 'k8s-openapi', `swagger-v1.${minor}.json.gz`);
}

export function outputName(minor) {
  return `validation-v1.${minor}.jsonl.gz`;
}

/** "group/version" as written in apiVersion ("v1" for the core group). */
function apiVersionOf(gvk) {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

function refName(ref) {
  const prefix = '#/definitions/';
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(prefix.length);
}

/** The shape of a definition that is not a plain object with fields, or undefined. */
function definitionPrimitive(name, def) {
  if (SPECIAL_DEFINITIONS[name]) return SPECIAL_DEFINITIONS[name];
  if (def['x-kubernetes-preserve-unknown-fields']) return 'any';
  if (def.properties) return undefined;
  if (def.type === undefined) return 'any'; // e.g. apiextensions JSON, JSONSchemaPropsOrBool
  if (def.type === 'object') return def.additionalProperties ? undefined : 'object'; // RawExtension, FieldsV1 …
  return primitive(def); // Time, MicroTime: string
}

function primitive(schema) {
  switch (schema.type) {
    case 'string':
      if (schema.format === 'int-or-string') return 'int-or-string';
      return schema.format === 'byte' ? 'byte' : 'string';
    case 'integer':
      return schema.format === 'int32' ? 'int32' : 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      throw new Error(`unsupported schema ${JSON.stringify(schema)}`);
  }
}

/** Build the validation data (JSON Lines text) of one OpenAPI v2 document. */
export function buildValidationData(spec, { kubernetesVersion, sourceName, sourceSha256 }) {
  const defs = spec.definitions;

  // Every (group/version, kind) the spec defines, and the definition behind it.
  const kindDefs = new Map(); // "apiVersion\0kind" -> definition name
  for (const name of Object.keys(defs).sort()) {
    for (const gvk of defs[name]['x-kubernetes-group-version-kind'] ?? []) {
      if (!defs[name].properties) continue;
      kindDefs.set(`${apiVersionOf(gvk)}\0${gvk.kind}`, name);
    }
  }

  // Served kinds: those with a REST collection, /api/v1[/namespaces/{namespace}]/<resource> or
  // /apis/<group>/<version>[/namespaces/{namespace}]/<resource>, as discovery lists them.
  const resourcePath = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)\/(?:namespaces\/\{namespace\}\/)?[a-z0-9]+$/;
  const served = new Map(); // apiVersion -> Set(kind)
  for (const p of Object.keys(spec.paths)) {
    if (!resourcePath.test(p)) continue;
    for (const [method, op] of Object.entries(spec.paths[p])) {
      const gvk = method === 'parameters' ? undefined : op['x-kubernetes-group-version-kind'];
      if (!gvk) continue;
      const av = apiVersionOf(gvk);
      if (!served.has(av)) served.set(av, new Set());
      served.get(av).add(gvk.kind);
    }
  }

  // Definitions reachable from the kinds, depth first.
  const reachable = new Set();
  const visit = (name) => {
    if (reachable.has(name)) return;
    const def = defs[name];
    if (!def) throw new Error(`missing definition ${name}`);
    if (definitionPrimitive(name, def) !== undefined) return;
    reachable.add(name);
    for (const prop of Object.values(def.properties ?? {})) {
      for (let s = prop; s; s = s.items ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined)) {
        if (s.$ref) visit(refName(s.$ref));
      }
    }
  };
  for (const name of kindDefs.values()) visit(name);
  const names = [...reachable].sort();
  const index = new Map(names.map((n, i) => [n, i]));

  const typeOf = (schema) => {
    if (schema['x-kubernetes-preserve-unknown-fields']) return 'any';
    if (schema.$ref) {
      const name = refName(schema.$ref);
      return definitionPrimitive(name, defs[name]) ?? index.get(name);
    }
    if (schema.type === 'array') return ['array', typeOf(schema.items)];
    if (schema.type === 'object') {
      if (schema.properties) throw new Error('inline object with properties is not supported');
      return typeof schema.additionalProperties === 'object' ? ['map', typeOf(schema.additionalProperties)] : 'object';
    }
    if (schema.type === undefined) return 'any';
    return primitive(schema);
  };

  const definitions = names.map((name) => {
    const def = defs[name];
    const props = {};
    for (const field of Object.keys(def.properties ?? {}).sort()) props[field] = typeOf(def.properties[field]);
    const entry = [name, props];
    if (def.required?.length) entry.push([...def.required].sort());
    return entry;
  });

  const kinds = {};
  for (const key of [...kindDefs.keys()].sort()) {
    const [av, kind] = key.split('\0');
    const i = index.get(kindDefs.get(key));
    if (i === undefined) continue;
    (kinds[av] ??= {})[kind] = i;
  }
  const servedOut = {};
  for (const av of [...served.keys()].sort()) servedOut[av] = [...served.get(av)].sort();

  const header = {
    format: FORMAT,
    generatedBy: `scripts/gen-schemas.mjs from ${sourceName} (sha256 ${sourceSha256}), the Kubernetes release-${kubernetesVersion} OpenAPI v2 document (Apache-2.0, The Kubernetes Authors); do not edit, run npm run gen:schemas`,
    kubernetesVersion,
    definitionCount: definitions.length,
    kinds,
    served: servedOut,
  };
  return [header, ...definitions].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/** Generate every version's data: [{ name, minor, text }] with text the exact JSON Lines that are gzipped. */
export function generateAll(shared = sharedDir()) {
  return MINOR_VERSIONS.map((minor) => {
    const file = specPath(shared, minor);
    const gz = fs.readFileSync(file);
    const spec = JSON.parse(zlib.gunzipSync(gz).toString('utf8'));
    const text = buildValidationData(spec, {
      kubernetesVersion: `1.${minor}`,
      sourceName: path.basename(file),
      sourceSha256: crypto.createHash('sha256').update(gz).digest('hex'),
    });
    return { name: outputName(minor), minor, text };
  });
}

export function encode(text) {
  return zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--shared');
  const shared = i >= 0 ? path.resolve(args[i + 1] ?? '') : sharedDir();
  if (!fs.existsSync(path.join(shared, 'k8s-openapi'))) {
    console.error(`gen-schemas: ${path.join(shared, 'k8s-openapi')} not found (pass --shared DIR)`);
    process.exit(2);
  }
  let total = 0;
  for (const { name, text } of generateAll(shared)) {
    const out = encode(text);
    fs.writeFileSync(path.join(root, 'schemas', name), out);
    total += out.length;
    console.log(`schemas/${name}: ${text.length} bytes of JSON Lines, ${out.length} gzipped`);
  }
  console.log(`total ${total} bytes`);
}
