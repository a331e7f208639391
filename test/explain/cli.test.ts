/** `podlint explain`: the three forms through the CLI, goldens across Kubernetes versions, errors. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden, podlint } from './helpers.js';
import { allRules, getRule } from '../../src/engine/registry.js';
import { explainField } from '../../src/explain/field-reference.js';
import { ruleReference } from '../../src/explain/rule-reference.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const FIELD_GOLDENS: Array<[string, string[]]> = [
  ['pod-liveness-probe', ['po.spec.containers.livenessProbe']],
  ['rs-selector-recursive', ['rs.spec.selector', '--recursive']],
  ['rc', ['rc']],
  ['pod-restart-policy', ['Pod.spec.restartPolicy']],
  ['deploy-replicas', ['deployments.apps.spec.replicas']],
  ['pod-image-pull-policy', ['pods.spec.containers.imagePullPolicy']],
  ['hpa-v1-spec', ['hpa.spec', '--api-version', 'autoscaling/v1']],
];

describe('podlint explain <type>[.field…]', () => {
  for (const version of ['1.28', '1.36']) {
    for (const [name, args] of FIELD_GOLDENS) {
      it(`${args.join(' ')} (Kubernetes ${version})`, async () => {
        const r = await podlint(['explain', ...args, '--kubernetes-version', version]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expectGolden(`field/${name}-${version}.txt`, r.stdout);
      });
    }
  }

  it('prints kubectl explain text first, then podlint notes', async () => {
    const r = await podlint(['explain', 'pods.spec.containers.livenessProbe.periodSeconds', '--kubernetes-version', '1.32']);
    const ref = explainField('pods.spec.containers.livenessProbe.periodSeconds', { kubernetesVersion: '1.32' });
    expect(r.stdout.startsWith(ref.kubectlText)).toBe(true);
    expect(r.stdout.slice(ref.kubectlText.length)).toMatch(/^PODLINT:\n {2}Default when omitted: 10\n/);
  });

  it('accepts plural, singular, short names and kinds in any case, and resource.group', () => {
    const kinds = (names: string[]) => names.map((n) => explainField(n, { kubernetesVersion: '1.36' }).kind);
    expect(kinds(['pods', 'pod', 'po', 'Pod', 'POD'])).toEqual(Array(5).fill('Pod'));
    expect(kinds(['rc', 'replicationcontroller', 'ReplicationController'])).toEqual(Array(3).fill('ReplicationController'));
    expect(kinds(['rs', 'replicasets', 'replicasets.apps', 'deploy', 'sts', 'ds', 'job', 'cj', 'svc', 'cm', 'secret', 'ns', 'no', 'pvc', 'pv', 'sa', 'ing', 'hpa', 'pdb', 'netpol'])).toEqual([
      'ReplicaSet', 'ReplicaSet', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'ConfigMap', 'Secret', 'Namespace', 'Node',
      'PersistentVolumeClaim', 'PersistentVolume', 'ServiceAccount', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy',
    ]);
    // The preferred version wins: autoscaling/v2 for hpa, unless --api-version says otherwise.
    expect(explainField('hpa', { kubernetesVersion: '1.36' }).version).toBe('v2');
    expect(explainField('hpa', { kubernetesVersion: '1.36', apiVersion: 'autoscaling/v1' }).version).toBe('v1');
    expect(explainField('deployments.apps.spec', { kubernetesVersion: '1.36' }).fieldPath).toEqual(['spec']);
  });

  it('rejects an unknown type with the closest names, exit 2', async () => {
    const r = await podlint(['explain', 'podz.spec']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('podlint: unknown resource type "podz" in Kubernetes 1.36; did you mean "po", "pod", "pods"?\n');
    const k = await podlint(['explain', 'replicaset']);
    expect(k.code).toBe(0);
    const d = await podlint(['explain', 'deploymnt']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/did you mean .*"deployment"/);
  });

  it('rejects an unknown field with the closest names, exit 2', async () => {
    const r = await podlint(['explain', 'pods.spec.containers.livenesProbe.httpGet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('podlint: field "livenesProbe" does not exist in pods.spec.containers (Pod, v1, Kubernetes 1.36); did you mean "livenessProbe"?\n');
    const far = await podlint(['explain', 'rs.spec.selector.zzz', '--kubernetes-version', '1.28']);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('field "zzz" does not exist in replicasets.spec.selector (ReplicaSet, apps/v1, Kubernetes 1.28); its fields are: matchExpressions, matchLabels');
    const leaf = await podlint(['explain', 'pods.spec.restartPolicy.x']);
    expect(leaf.code).toBe(2);
    expect(leaf.stderr).toContain('field "x" does not exist in pods.spec.restartPolicy');
  });

  it('rejects a group/version that does not serve the type, and unsupported versions', async () => {
    const r = await podlint(['explain', 'rs', '--api-version', 'apps/v1beta2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('replicasets is not served in apps/v1beta2 by Kubernetes 1.36; it is served in: apps/v1');
    const v = await podlint(['explain', 'pods', '--kubernetes-version', '1.12']);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('unsupported Kubernetes version "1.12"');
  });

  it('serves the field references of every bundled version', () => {
    for (const version of ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']) {
      expect(explainField('pods.spec.containers.livenessProbe.httpGet.port', { kubernetesVersion: version }).kubectlText).toContain('FIELD: port <IntOrString>');
    }
    // 1.30 added sidecar-era fields: the data follows the version.
    expect(() => explainField('pods.spec.os', { kubernetesVersion: '1.28' })).not.toThrow();
    expect(() => explainField('pods.spec.resources', { kubernetesVersion: '1.28' })).toThrow(/does not exist/);
    expect(() => explainField('pods.spec.resources', { kubernetesVersion: '1.34' })).not.toThrow();
  });
});

describe('podlint explain <rule-id>', () => {
  it('renders a rule (golden)', async () => {
    const r = await podlint(['explain', 'unknown-field']);
    expect(r.code).toBe(0);
    expectGolden('rule/unknown-field.txt', r.stdout);
  });

  it('renders every registered rule with all its parts', async () => {
    expect(allRules().length).toBeGreaterThan(0);
    for (const rule of allRules()) {
      const r = await podlint(['explain', rule.meta.id]);
      expect(r.code, rule.meta.id).toBe(0);
      const m = rule.meta;
      expect(r.stdout.startsWith(`RULE:       ${m.id}\n`), m.id).toBe(true);
      expect(r.stdout).toContain(`SEVERITY:   ${m.severity} (default)`);
      for (const heading of ['SUMMARY:', 'WHAT HAPPENS IN THE CLUSTER, AND WHY:', 'HOW TO FIX IT:', 'OPTIONS:', 'HOW TO SUPPRESS IT:', 'EQUIVALENT CHECKS IN OTHER TOOLS:']) expect(r.stdout, `${m.id}: ${heading}`).toContain(heading);
      expect(r.stdout).toContain(`podlint.io/ignore: "${m.id}"`);
      expect(r.stdout).toContain(`# podlint-disable-next-line ${m.id}`);
      expect(r.stdout).toContain(`  ${m.id}: off`);
      if (m.docs.example) expect(r.stdout).toContain('  Before:');
      for (const peer of [...(m.docs.peers?.kubeLinter ?? []), ...(m.docs.peers?.kubeScore ?? []), ...(m.docs.peers?.polaris ?? [])]) expect(r.stdout).toContain(peer);
      const ref = ruleReference(rule);
      for (const o of ref.options) expect(r.stdout).toContain(`    ${o.name}`);
      // The words of the rationale all appear (wrapping only moves line breaks).
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(m.docs.rationale.replace(/\s+/g, ' '));
    }
  });

  it('lists options with their defaults', () => {
    const withOptions = allRules().find((r) => r.meta.defaultOptions && Object.keys(r.meta.defaultOptions).length > 0);
    if (!withOptions) return;
    const ref = ruleReference(withOptions);
    for (const [k, v] of Object.entries(withOptions.meta.defaultOptions as Record<string, unknown>)) {
      expect(ref.options.find((o) => o.name === k)?.default).toEqual(v);
    }
  });

  it('suggests rule ids for a near miss, exit 2', async () => {
    const id = getRule('unknown-field') ? 'unknown-feld' : allRules()[0]!.meta.id.slice(0, -1);
    const r = await podlint(['explain', id]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is neither a resource type of Kubernetes 1\.36 nor a podlint rule; did you mean "[a-z-]+"/);
  });

  it('treats a dotted name or a resource name as a type, anything else as a rule id', async () => {
    expect((await podlint(['explain', 'pods'])).stdout).toMatch(/^KIND: {7}Pod\n/);
    expect((await podlint(['explain', 'unknown-field.x'])).stderr).toContain('unknown resource type "unknown-field"');
  });
});

describe('podlint explain usage', () => {
  it('prints help', async () => {
    const r = await podlint(['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('podlint explain -f <file>');
  });
  it('rejects bad combinations with exit 2', async () => {
    for (const argv of [[], ['pods', 'rs'], ['pods', '--format', 'json'], ['-f', 'x.yaml', 'pods'], ['-f', 'x.yaml', '--recursive'], ['--bogus'], ['-f', 'x.yaml', '--format', 'yaml']]) {
      const r = await podlint(['explain', ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^podlint: /);
    }
    const missing = await podlint(['explain', '-f', 'does-not-exist.yaml'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('podlint: cannot read does-not-exist.yaml: ENOENT\n');
  });
  it('needs no network and no cluster: the data is in the package', () => {
    expect(fs.existsSync(path.join(root, 'schemas', 'explain-openapi.json.gz'))).toBe(true);
  });
});
