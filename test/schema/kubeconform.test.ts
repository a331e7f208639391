/**
 * Conformance with kubeconform's own fixtures (../shared/corpus/kubeconform, expectations from its
 * acceptance tests as summarised in EXPECTED.md): podlint's valid/invalid verdict must agree with
 * kubeconform's strict mode on every fixture about built-in kinds. podlint is always strict.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verdict } from './verdict.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.resolve(projectRoot, '../shared/corpus/kubeconform/fixtures');
const present = fs.existsSync(fixtures);
const VERSION = '1.36';

/** EXPECTED.md rows about built-in kinds: fixture (file or folder) → kubeconform's verdict, and the flags of that row. */
const EXPECTED: Array<{ fixture: string; valid: boolean; flags: string; objects?: number }> = [
  { fixture: 'valid.yaml', valid: true, flags: 'default', objects: 1 },
  { fixture: 'valid.json', valid: true, flags: '-kubernetes-version 1.20.0', objects: 1 },
  { fixture: 'folder', valid: true, flags: 'default', objects: 7 },
  { fixture: 'int_or_string.yaml', valid: true, flags: 'default', objects: 1 },
  { fixture: 'generate_name.yaml', valid: true, flags: 'default', objects: 1 },
  { fixture: 'quantity.yaml', valid: true, flags: 'default', objects: 1 },
  { fixture: 'null_string.yaml', valid: true, flags: 'default', objects: 1 },
  { fixture: 'multi_valid.yaml', valid: true, flags: 'default', objects: 6 },
  { fixture: 'multi_invalid.yaml', valid: false, flags: 'default' },
  { fixture: 'invalid.yaml', valid: false, flags: 'default' },
  { fixture: 'blank.yaml', valid: true, flags: 'default', objects: 0 },
  { fixture: 'comment.yaml', valid: true, flags: 'default', objects: 0 },
  { fixture: 'missing_kind.yaml', valid: false, flags: 'default' },
  { fixture: 'missing_kind_value.yaml', valid: false, flags: 'default' },
  { fixture: 'missing_apiversion.yaml', valid: false, flags: 'default' },
  { fixture: 'extra_property.yaml', valid: false, flags: '-strict -kubernetes-version 1.20.0', objects: 1 },
  { fixture: 'duplicate_property.yaml', valid: false, flags: '-strict -kubernetes-version 1.20.0', objects: 1 },
  { fixture: 'list_valid.yaml', valid: true, flags: 'default', objects: 6 },
  { fixture: 'list_invalid.yaml', valid: false, flags: 'default', objects: 2 },
  { fixture: 'list_empty_valid.yaml', valid: true, flags: 'default', objects: 0 },
  { fixture: 'multi_with_list.yaml', valid: true, flags: 'default', objects: 2 },
];

/**
 * Deliberate differences and rows left out, with the reason. Every fixture file is in EXPECTED, here,
 * or in UNLABELLED, so that a new fixture cannot go unnoticed.
 */
const DIFFERENCES: Record<string, string> = {
  'extra_property.yaml (non-strict)':
    'kubeconform without -strict accepts the unknown DaemonSetSpec.replicas; podlint is always strict, like the API server under kubectl --validate=strict',
  'duplicate_property.yaml (non-strict)':
    'kubeconform without -strict keeps the last `containers`; podlint rejects duplicate keys, as the API server\'s strict YAML decoding does',
  'test_crd.yaml': 'a custom resource (SageMaker TrainingJob): kubeconform fails for want of a schema; podlint skips kinds without a bundled schema and says so (not about built-in kinds)',
  'httpproxy.yaml': 'a custom resource (Contour HTTPProxy) validated from a CRD catalogue (not about built-in kinds)',
  'grafana-alert-rule-group-sample.yaml': 'a custom resource validated with a local schema (not about built-in kinds)',
  'grafanaalertrulegroup_v1beta1.json': 'a JSON Schema file, not a manifest',
  'crd_schema.yaml': 'only used by the ignore-filename-pattern test, where it is not read',
  registry: 'schemas of the TrainingJob custom resource',
  cache: 'kubeconform\'s schema cache, not manifests',
};

/** Fixtures no acceptance test asserts; podlint's own verdict on them is pinned here. */
const UNLABELLED: Record<string, { valid: boolean; why: string }> = {
  'duplicates.yaml': { valid: true, why: 'two valid ReplicationControllers with the same name: a cross-object concern, not a schema one' },
  'duplicates-with-namespace.yaml': { valid: true, why: 'as duplicates.yaml' },
  'duplicates-with-namespace-default.yaml': { valid: true, why: 'as duplicates.yaml' },
  'duplicates-non-namespaced.yaml': { valid: true, why: 'two valid PersistentVolumes with the same name' },
  'duplicates-skipped-kinds.yaml': { valid: false, why: 'a made-up kind SkipThisKind in the core group v1, which has no such kind (kubectl: no matches for kind)' },
  'same-kind-different-api.yaml': { valid: false, why: 'apps/v1beta1 Deployment is not served by Kubernetes 1.36 (removed in 1.16)' },
  'same-object-different-namespace.yaml': { valid: true, why: 'valid objects' },
  'same-object-different-namespace-default.yaml': { valid: true, why: 'valid objects' },
  'multi_invalid_resources.yaml': { valid: false, why: 'five documents that are just `kind:` (no apiVersion, no kind)' },
  'multi_valid_source.yaml': { valid: true, why: 'valid objects behind Helm `# Source:` comments' },
  'null_array.yaml': { valid: true, why: '`args:` with only comments is null, which decodes to an empty list' },
  'full_domain_group.yaml': { valid: true, why: 'a valid RoleBinding' },
  'valid_version.yaml': { valid: true, why: 'a valid HorizontalPodAutoscaler (its scaleTargetRef names extensions/v1beta1 only as text)' },
  'unconventional_keys.yaml': { valid: true, why: 'ConfigMap data keys 5, 3.14 and true become the strings "5", "3.14", "true" in JSON' },
};

function readFixture(name: string): string[] {
  const p = path.join(fixtures, name);
  if (fs.statSync(p).isDirectory()) return fs.readdirSync(p).sort().map((f) => fs.readFileSync(path.join(p, f), 'utf8'));
  return [fs.readFileSync(p, 'utf8')];
}

function judge(name: string) {
  const files = readFixture(name).map((t) => verdict(t, VERSION));
  return {
    valid: files.every((f) => f.valid),
    objects: files.reduce((n, f) => n + f.objects, 0),
    reasons: files.flatMap((f) => f.reasons),
    skipped: files.flatMap((f) => f.skipped),
  };
}

describe.skipIf(!present)('kubeconform fixtures (strict mode)', () => {
  it.each(EXPECTED)('$fixture: kubeconform says valid=$valid ($flags)', ({ fixture, valid, objects }) => {
    const v = judge(fixture);
    expect(v.skipped, 'only built-in kinds').toEqual([]);
    expect({ valid: v.valid, reasons: v.valid ? [] : ['…'] }, v.reasons.join('\n')).toEqual({ valid, reasons: valid ? [] : ['…'] });
    if (objects !== undefined) expect(v.objects).toBe(objects);
  });

  it('finds the problem kubeconform names', () => {
    expect(judge('invalid.yaml').reasons).toContain(
      'document 0: /spec/replicas: invalid type for io.k8s.api.core.v1.ReplicationControllerSpec.replicas: got "string", expected "integer"',
    );
    expect(judge('list_invalid.yaml').reasons.filter((r) => r.includes('/spec/replicas'))).toHaveLength(1);
    expect(judge('multi_invalid.yaml').reasons.some((r) => r.includes('/spec/ports/0/port: invalid type for io.k8s.api.core.v1.ServicePort.port: got "string"'))).toBe(true);
    expect(judge('extra_property.yaml').reasons).toEqual(['document 0: /spec/replicas: unknown field "replicas" in io.k8s.api.apps.v1.DaemonSetSpec']);
    expect(judge('duplicate_property.yaml').reasons.some((r) => /duplicate|already defined|containers/.test(r))).toBe(true);
  });

  it.each(Object.entries(UNLABELLED))('%s (unlabelled upstream): podlint says %j', (fixture, { valid }) => {
    expect(judge(fixture).valid).toBe(valid);
  });

  it('accounts for every fixture', () => {
    const listed = new Set([
      ...EXPECTED.map((e) => e.fixture),
      ...Object.keys(DIFFERENCES).map((k) => k.replace(/ \(.*\)$/, '')),
      ...Object.keys(UNLABELLED),
    ]);
    const unlisted = fs.readdirSync(fixtures).filter((f) => !listed.has(f));
    expect(unlisted).toEqual([]);
  });

  it('the custom-resource fixtures are indeed skipped, not judged', () => {
    expect(judge('test_crd.yaml')).toMatchObject({ valid: true, skipped: ['sagemaker.aws.amazon.com/v1 TrainingJob'] });
    expect(judge('httpproxy.yaml')).toMatchObject({ valid: true, skipped: ['projectcontour.io/v1 HTTPProxy'] });
  });
});

if (!present) {
  describe('kubeconform fixtures', () => {
    it.skip(`skipped: ${fixtures} is absent`, () => {});
  });
}
