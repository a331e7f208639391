/**
 * Checks the engine makes itself, outside rules/: reading problems and object identity. They have the
 * same meta as rules so that `podlint rules`, `podlint explain <id>`, configuration and SARIF treat them alike.
 */
import { defineRule } from './rule.js';

export const yamlSyntax = defineRule({
  meta: {
    id: 'yaml-syntax',
    category: 'schema',
    severity: 'error',
    messages: { syntax: '{{message}}' },
    docs: {
      summary: 'The document is not valid YAML (or JSON) and cannot be read.',
      rationale: 'kubectl and the API server refuse a document that does not parse; nothing in it is applied. Tab characters used for indentation, unclosed brackets and quotes, and mis-indented keys are the usual causes. A document whose aliases expand to an enormous size ("billion laughs") is refused too, as the API server\'s YAML decoder does.',
      remediation: 'Fix the syntax at the line and column shown; indent with spaces, not tabs.',
      example: { before: 'spec:\n\tcontainers: []', after: 'spec:\n  containers: []' },
      source: 'sigs.k8s.io/yaml (go-yaml v2) as used by the API server and kubectl',
    },
  },
});

export const duplicateKey = defineRule({
  meta: {
    id: 'duplicate-key',
    category: 'schema',
    severity: 'error',
    messages: { duplicate: '{{message}}' },
    docs: {
      summary: 'A mapping repeats a key.',
      rationale: 'YAML requires unique keys. The API server decodes YAML strictly and rejects the repeated field; kubectl\'s client-side conversion silently keeps only the last value, so half of what you wrote is ignored without a word.',
      remediation: 'Keep one occurrence of the key; merge what the two meant.',
      example: { before: 'metadata:\n  labels:\n    app: web\n    app: api', after: 'metadata:\n  labels:\n    app: web' },
      source: 'go-yaml v2 UnmarshalStrict via sigs.k8s.io/yaml YAMLToJSONStrict',
    },
  },
});

export const missingKind = defineRule({
  meta: {
    id: 'missing-kind',
    category: 'schema',
    severity: 'error',
    messages: {
      missing: 'missing "{{field}}": every Kubernetes object needs apiVersion and kind',
      // The API server's decoder reads apiVersion and kind as strings first: k8s.io/apimachinery
      // pkg/runtime/serializer/json/meta.go (SimpleMetaFactory.Interpret: "couldn't get version/kind; json
      // parse error: %v"), with Go's encoding/json decode.go UnmarshalTypeError for a value of another type
      // (its struct is anonymous, so the field reads ".kind").
      notString: 'couldn\'t get version/kind; json parse error: json: cannot unmarshal {{type}} into Go struct field .{{field}} of type string',
      notObject: '{{message}}',
    },
    docs: {
      summary: 'A document is not a Kubernetes object: it has no apiVersion or kind, or one that is not a string.',
      rationale: 'kubectl refuses such a document ("Object \'Kind\' is missing"); nothing can be applied or validated without knowing its kind. A kind or apiVersion written as a list, a mapping, a number or a boolean is no better: kubectl finds no kind in it, and the API server refuses it when it reads the object\'s type ("couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go struct field .kind of type string").',
      remediation: 'Add apiVersion and kind at the top of the document as plain strings (quote a version that YAML would read as a number), or remove the stray document.',
      example: { before: 'metadata:\n  name: web\nspec: {}', after: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec: {}' },
      source: 'k8s.io/apimachinery pkg/runtime/serializer/json/meta.go (SimpleMetaFactory.Interpret) and pkg/apis/meta/v1/unstructured/helpers.go (missing kind)',
    },
  },
});

/**
 * What is wrong with an object's apiVersion and kind (one of them is not a non-empty string): a value of
 * another type first — the API server reads both at once and reports the first it fails on, apiVersion
 * before kind in the JSON kubectl sends (its keys sorted) — then a missing kind, then a missing apiVersion.
 * A type error is located at the value; a missing field at its parent.
 */
export function typeMetaProblem(obj: { apiVersion?: unknown; kind?: unknown }): { messageId: 'missing' | 'notString'; path: string; at?: 'value'; data: Record<string, string> } {
  for (const field of ['apiVersion', 'kind'] as const) {
    const type = goJsonType(obj[field]);
    if (type) return { messageId: 'notString', path: `/${field}`, at: 'value', data: { field, type } };
  }
  const field = typeof obj.kind === 'string' && obj.kind ? 'apiVersion' : 'kind';
  return { messageId: 'missing', path: `/${field}`, data: { field } };
}

/**
 * The name Go's encoding/json gives a JSON value that does not fit a string field (decode.go: "array",
 * "object", "number", "bool"); undefined for a string, null or an absent field (null leaves the field empty).
 */
function goJsonType(v: unknown): string | undefined {
  if (v === undefined || v === null || typeof v === 'string') return undefined;
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

export const unknownKind = defineRule({
  meta: {
    id: 'unknown-kind',
    category: 'schema',
    severity: 'info',
    messages: { skipped: '{{kind}} ({{apiVersion}}) has no bundled schema (a custom resource?); its fields were not validated' },
    docs: {
      summary: 'A kind that is not built into Kubernetes was skipped by schema validation.',
      rationale: 'podlint bundles the official schemas of built-in kinds only. A custom resource is validated when its CustomResourceDefinition is part of the run, given with `--crd`, or listed under `crds:` in the configuration; without one its fields cannot be checked offline. Reported once per kind and run.',
      remediation: 'Nothing to fix if this is a custom resource you expect (give its CRD with --crd to have it validated); otherwise check the spelling of kind and apiVersion.',
    },
  },
});

export const unservedApiVersion = defineRule({
  meta: {
    id: 'unserved-api-version',
    category: 'schema',
    severity: 'error',
    messages: {
      notServed: 'no matches for kind "{{kind}}" in version "{{apiVersion}}": Kubernetes {{version}} serves {{kind}} at {{servedAt}}',
      noSuchKind: 'no matches for kind "{{kind}}" in version "{{apiVersion}}": Kubernetes {{version}} has no such kind in that API group (check the spelling of kind)',
      crdNotServed: 'no matches for kind "{{kind}}" in version "{{apiVersion}}": its CustomResourceDefinition serves {{servedAt}}',
    },
    docs: {
      summary: 'The kind exists, but not at this apiVersion in the chosen Kubernetes version (a removed or mistyped API version).',
      rationale: 'The API server only accepts kinds at the group/versions it serves. Deprecated versions such as extensions/v1beta1 Deployments were removed; kubectl then fails with "no matches for kind". The same holds for a custom resource at a version its CustomResourceDefinition does not serve (`served: false`, or no such version).',
      remediation: 'Use the apiVersion the message names (for workloads: apps/v1), and adapt fields that changed (apps/v1 requires spec.selector).',
      example: { before: 'apiVersion: extensions/v1beta1\nkind: Deployment', after: 'apiVersion: apps/v1\nkind: Deployment' },
      source: 'k8s.io/apimachinery meta.NoKindMatchError, as printed by kubectl',
    },
  },
});

export const objectTooLarge = defineRule({
  meta: {
    id: 'object-too-large',
    category: 'schema',
    severity: 'error',
    messages: { tooLarge: '{{message}}' },
    docs: {
      summary: 'An object is larger, as the JSON kubectl sends, than the API server accepts in one request (3 MiB).',
      rationale: 'kubectl converts each object to JSON, YAML aliases expanded, and sends it in one request; the API server reads at most 3 MiB of a request body and refuses the rest with "Request entity too large". A few lines of YAML aliases can stand for megabytes of JSON. Such a document is reported once, at its first line, and not linted further: this bounds what podlint does with a small file whose aliases multiply it. A document whose aliases alone add more than 3 MiB is refused whole, even when it is a List whose items would each fit: podlint does not expand it.',
      remediation: 'Split the object (fewer containers, smaller ConfigMaps), move large data out of the manifest, or write out what the aliases repeat only where it is needed.',
      example: { before: 'containers:\n  - &c {name: web, image: nginx}\n  - *c\n  - *c   # … thousands of times', after: 'containers:\n  - {name: web, image: nginx}' },
      source: 'k8s.io/apiserver pkg/server/config.go (MaxRequestBodyBytes) and pkg/endpoints/handlers/rest.go (limitedReadBody)',
    },
  },
});

export const fileUnreadable = defineRule({
  meta: {
    id: 'file-unreadable',
    category: 'schema',
    severity: 'error',
    messages: { unreadable: '{{message}}' },
    docs: {
      summary: 'A path could not be read as a manifest (missing, unreadable, binary or too large).',
      rationale: 'podlint reads text manifests only; the other inputs are still linted.',
      remediation: 'Check the path and its permissions, or leave the file out (ignorePatterns in .podlint.yaml).',
    },
  },
});

export const unusedDisableDirective = defineRule({
  meta: {
    id: 'unused-disable-directive',
    category: 'best-practice',
    severity: 'warning',
    messages: {
      unusedComment: 'unused podlint-disable directive (no {{rules}} finding to suppress here)',
      unusedAnnotation: 'unused podlint.io/ignore entry "{{rule}}" (no such finding on this object)',
    },
    docs: {
      summary: 'A suppression comment or annotation suppresses nothing.',
      rationale: 'Stale suppressions hide future problems. Reported only with --report-unused-disable-directives or `reportUnusedDisableDirectives: true` in .podlint.yaml.',
      remediation: 'Remove the directive, or the rule id from the annotation.',
    },
  },
});

export const ruleFailure = defineRule({
  meta: {
    id: 'internal-error',
    category: 'schema',
    severity: 'error',
    messages: { crashed: 'podlint rule "{{rule}}" failed on this object ({{message}}); this is a bug in podlint, please report it' },
    docs: {
      summary: 'A podlint rule failed on an object: a bug in podlint.',
      rationale: 'Rules must handle every input. The other rules and objects are still checked, and the run exits with code 2.',
      remediation: 'Report the manifest that triggers it.',
    },
  },
});

export const duplicateObject = defineRule({
  meta: {
    id: 'duplicate-object',
    category: 'runtime',
    severity: 'warning',
    messages: { duplicate: '{{kind}} "{{name}}"{{namespace}} is defined twice (first at {{first}}): kubectl apply would apply the second over the first' },
    docs: {
      summary: 'One file, stream or kustomize build holds two objects with the same group, kind, namespace and name.',
      rationale:
        'An object is identified by its group, kind, namespace and name. When one file, one standard-input stream or one kustomize build holds two of them, kubectl applies both, one after the other: the second replaces what the first set, and whatever only the first says is lost (or, with server-side apply, the two fight over the same fields). Copies of one object in different files — an overlay for dev and one for prod, install.yaml beside namespace-install.yaml, a test copy — are taken for variants, not duplicates: they are not reported, and the cross-object rules never compare them with each other.',
      remediation: 'Keep one definition of the object in the unit, or give the second its own name (or namespace).',
      example: { before: '# deploy/web.yaml\nkind: Deployment\nmetadata:\n  name: web\n---\n# deploy/web-canary.yaml\nkind: Deployment\nmetadata:\n  name: web', after: '# deploy/web-canary.yaml\nkind: Deployment\nmetadata:\n  name: web-canary' },
    },
  },
});

export const kustomizeBuild = defineRule({
  meta: {
    id: 'kustomize-build',
    category: 'schema',
    severity: 'error',
    messages: { failed: '{{message}}' },
    docs: {
      summary: 'kustomize refuses to build the kustomization (kustomize\'s own message).',
      rationale:
        'A directory with kustomization.yaml (or kustomization.yml, Kustomization) is a kustomize root: podlint builds it in-process, as `kubectl kustomize` / `kubectl apply -k` would, and lints the objects it makes. When kustomize would stop with an error (a missing resource, a patch that matches no object, two objects with one id), nothing of that build can be applied; the message is kustomize\'s, located at the entry of kustomization.yaml that caused it.',
      remediation: 'Fix the entry the message names; `kubectl kustomize DIR` shows the same error.',
      source: 'sigs.k8s.io/kustomize/api (krusty, as built into kubectl)',
    },
  },
});

export const kustomizeNotFetched = defineRule({
  meta: {
    id: 'kustomize-not-fetched',
    category: 'schema',
    severity: 'info',
    messages: { notFetched: '{{message}}' },
    docs: {
      summary: 'A kustomization names a remote resource or a Helm chart: podlint does not fetch it.',
      rationale: 'podlint never opens a network connection and never runs Helm. A remote base (a git URL or an HTTP file) or a `helmCharts` entry is left out of the build; the rest of the build is linted.',
      remediation: 'Nothing to fix. To lint the whole output, build it first: `kubectl kustomize --enable-helm DIR | podlint -`.',
    },
  },
});

export const helmChart = defineRule({
  meta: {
    id: 'helm-chart',
    category: 'schema',
    severity: 'info',
    messages: { notRendered: 'Helm chart "{{chart}}": its templates are not YAML until rendered and were not linted; lint it with `helm template {{dir}} | podlint -`' },
    docs: {
      summary: 'A Helm chart was found (a directory with Chart.yaml): its templates are not linted raw.',
      rationale:
        'Helm templates are Go templates: `{{ .Values.x }}` and `{{- if … }}` blocks are not YAML, and what they produce depends on values. Linting them as manifests would only report syntax errors that are not there after `helm template`. podlint reports the chart once and skips its templates/ directory. In the rendered stream, the `# Source: CHART/templates/FILE.yaml` comments Helm writes make podlint report each finding on the template it came from (at its line in the stream).',
      remediation: 'Render it and lint the output: `helm template CHART | podlint -` (add `-f values.yaml` as you install it).',
    },
  },
});

export const BUILTIN_CHECKS = [yamlSyntax, duplicateKey, missingKind, objectTooLarge, unknownKind, unservedApiVersion, fileUnreadable, unusedDisableDirective, ruleFailure, duplicateObject, kustomizeBuild, kustomizeNotFetched, helmChart];
