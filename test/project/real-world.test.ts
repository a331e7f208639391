/**
 * podlint on real repositories, as a user runs it (`podlint .` in each project of ../shared/corpus and
 * ../shared/repos): the errors that remain are pinned per project, and REAL-WORLD.md (generated from this
 * run: `npm run gen:real-world`) says what each remaining class is. The test fails when REAL-WORLD.md is
 * stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { getRule } from '../../src/engine/registry.js';
import type { Finding, LintResult } from '../../src/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const shared = path.resolve(root, '../shared');
const REAL_WORLD_MD = path.join(root, 'REAL-WORLD.md');
/** `npm run gen:real-world` sets this to rewrite REAL-WORLD.md instead of comparing it. */
const UPDATE = process.env.PODLINT_UPDATE_REAL_WORLD === '1';

/** The projects, as `podlint .` runs in each: the three repository trees, then every corpus project. */
const PROJECTS = ['repos/aws-samples+eks-workshop-v2', 'repos/metallb+metallb', 'repos/open-telemetry+opentelemetry-operator', 'corpus/real/argo-cd', 'corpus/real/istio', 'corpus/real/kubernetes-examples', 'corpus/real/microservices-demo', 'corpus/real/prometheus-operator', 'corpus/kube-linter', 'corpus/kube-score', 'corpus/kubeconform', 'corpus/polaris'];
const have = fs.existsSync(path.join(shared, 'repos')) && fs.existsSync(path.join(shared, 'corpus'));
if (!have) console.warn(`test/project/real-world.test.ts: skipped, ${shared}/repos or ${shared}/corpus is absent`);

/** Peer linters' fixture suites: their errors are what the fixtures are for. */
const FIXTURE_SUITES = new Set(['corpus/kube-linter', 'corpus/kube-score', 'corpus/kubeconform', 'corpus/polaris']);

/**
 * What each class of error that remains on the real projects is. A class without an entry fails the test:
 * look at the findings (REAL-WORLD.md lists them) and say what they are.
 */
const EXPLANATIONS: Record<string, string> = {
  'kustomize-build':
    'kustomize itself refuses the build, with its message at the kustomization entry. In eks-workshop two kustomizations name a file that is missing from the copy in ../shared/repos (repos/EXPECTED.md: `kubectl kustomize` fails on them too); any other is a kustomization podlint\'s build does not handle yet (see the message).',
  'invalid-image':
    'An image written as a shell variable (`${AIML_DL_TRN_IMAGE}`) or a placeholder (`<YOUR-CONTAINER>`): the file is a template that `envsubst` or the reader fills in before it is applied. As written, the kubelet cannot parse the reference.',
  'invalid-name':
    'A document with apiVersion and kind but no metadata.name: configuration files in Kubernetes object shape that are read by a tool rather than applied (EKS `NodeConfig` for nodeadm, `IstioOperator` for istioctl, prometheus-operator user-guide fragments), or names with template placeholders (`vttablet-{{uid}}`) and test fixtures (`statusPort`).',
  'invalid-type':
    'A value of the wrong type: a Secret\'s `data` holding plain text where the API server wants base64 (eks-workshop: written for `stringData`), a number written as a string.',
  'duplicate-key':
    'A mapping repeats a key. kubectl keeps the last value silently; the API server\'s strict decoding rejects the object. Real mistakes in the files (eks-workshop troubleshooting\'s deliberately broken ConfigMap, old kubernetes-examples).',
  'required-field':
    'A required field is missing. In opentelemetry-operator: kubebuilder\'s scaffolded CRD patches (`config/crd/patches/cainjection_in_*.yaml`) that its kustomization.yaml leaves commented out, so no build uses them and they are linted as they stand — fragments, not objects. In prometheus-operator: user-guide excerpts of a PodMonitor and a ServiceMonitor that show only the scrape class, without the `spec.selector` their CRDs (in the same tree) require.',
  'unserved-api-version':
    'A kind at an API version Kubernetes 1.36 no longer serves (extensions/v1beta1 DaemonSets, policy/v1beta1 PodSecurityPolicy, storage.k8s.io/v1beta1 StorageClass …), or a kind that does not exist in core/v1 (OpenShift\'s DeploymentConfig, the scheduler `Policy`): archived examples written for old clusters.',
  'selector-mismatch': 'apps/v1 workloads without `spec.selector` (it was optional in extensions/v1beta1) and ReplicationControllers whose template has no labels: archived examples.',
  'unknown-field': 'Fields the volume sources no longer have, or misspelled (`protectionDoamin`): archived examples; and istio\'s ClusterFederatedTrustDomain sample sets `spec.className`, which the SPIRE CRD in the tree does not have.',
  'invalid-label': 'Label values with template placeholders (`{{keyspace}}`): the vitess example is a template its scripts fill in.',
  'invalid-container-port': 'A port protocol written in lower case (`tcp`): the API server accepts only `TCP`, `UDP`, `SCTP`.',
  'volume-reference': 'A volumeMount naming a volume the pod does not have (istio mtls-echo mounts "ca-certs"; the pod has "ca" and "certs").',
  'yaml-syntax': 'A document that does not parse (istio spire-quickstart: a block indented less than its parent).',
  'crd-validation': 'A custom resource the API server refuses against its CRD: istio\'s ClusterFederatedTrustDomain sample is named `${CLUSTER}`, an envsubst placeholder that is not a DNS subdomain as written.',
};

interface Measured {
  project: string;
  result: LintResult;
  errors: Record<string, number>;
  warnings: number;
}

const count = (findings: Finding[], severity: string) => findings.filter((f) => f.severity === severity).length;

async function measure(project: string): Promise<Measured> {
  const cwd = path.join(shared, project);
  const result = await lint(['.'], { cwd, config: false });
  const errors: Record<string, number> = {};
  let warnings = 0;
  for (const f of result.files) {
    for (const x of f.findings) {
      if (x.severity === 'error') errors[x.ruleId ?? 'fatal'] = (errors[x.ruleId ?? 'fatal'] ?? 0) + 1;
      if (x.severity === 'warning') warnings++;
    }
  }
  return { project, result, errors: Object.fromEntries(Object.entries(errors).sort(([a], [b]) => (a < b ? -1 : 1))), warnings };
}

const rel = (m: Measured, filePath: string) => path.relative(path.join(shared, m.project), filePath).split(path.sep).join('/');
const oneLine = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function render(all: Measured[]): string {
  const out: string[] = [];
  out.push('# podlint on real repositories');
  out.push('');
  out.push('<!-- Generated by `npm run gen:real-world` (test/project/real-world.test.ts) from ../shared/repos and ../shared/corpus. Do not edit; the test fails when it is stale. -->');
  out.push('');
  out.push('Each project is linted as a user would: `podlint .` in its directory, with the default options (Kubernetes 1.36, no configuration file). Kustomize roots are built in-process and their objects linted where their fields were written; Helm charts are reported once and their templates left alone; files that hold no Kubernetes object are skipped and counted; cross-object rules compare the objects of one application unit (a build, one directory\'s plain files). Before this, the issue counted 218 errors on eks-workshop, 95 on metallb and 74 on opentelemetry-operator.');
  out.push('');
  out.push('| project | files linted | skipped (not manifests) | Helm charts | errors | warnings |');
  out.push('|---|---:|---:|---:|---:|---:|');
  for (const m of all) {
    const charts = m.result.files.reduce((n, f) => n + f.findings.filter((x) => x.ruleId === 'helm-chart').length, 0);
    const errors = Object.values(m.errors).reduce((a, b) => a + b, 0);
    out.push(`| ${m.project} | ${m.result.files.length} | ${m.result.skippedFiles?.length ?? 0} | ${charts} | ${errors} | ${m.warnings} |`);
  }
  out.push('');
  out.push('## Errors that remain, by rule');
  out.push('');
  const ids = [...new Set(all.flatMap((m) => Object.keys(m.errors)))].sort();
  out.push(`| project | ${ids.join(' | ')} |`);
  out.push(`|---|${ids.map(() => '---:').join('|')}|`);
  for (const m of all) out.push(`| ${m.project} | ${ids.map((id) => m.errors[id] ?? '').join(' | ')} |`);
  out.push('');
  out.push(`The peer linters\' fixture suites (${[...FIXTURE_SUITES].join(', ')}) are broken on purpose: their errors are what the fixtures test, and they are only counted here. On the real projects, each class that remains is:`);
  out.push('');
  const realIds = [...new Set(all.filter((m) => !FIXTURE_SUITES.has(m.project)).flatMap((m) => Object.keys(m.errors)))].sort();
  for (const id of realIds) out.push(`- **${id}** (${getRule(id)?.meta.docs.summary ?? ''}) ${EXPLANATIONS[id] ?? ''}`);
  out.push('');
  out.push('### Every error on the real projects');
  out.push('');
  out.push('| project | file:line | rule | object | message |');
  out.push('|---|---|---|---|---|');
  for (const m of all) {
    if (FIXTURE_SUITES.has(m.project)) continue;
    for (const f of m.result.files) {
      for (const x of f.findings) {
        if (x.severity !== 'error') continue;
        out.push(`| ${m.project} | ${rel(m, f.filePath)}:${x.line} | ${x.ruleId} | ${x.object ? `${x.object.kind ?? ''} ${x.object.name ?? ''}`.trim() : ''} | ${oneLine(x.message.replaceAll(path.join(shared, m.project) + path.sep, ''))} |`);
      }
    }
  }
  out.push('');
  out.push('## Overlapping selectors');
  out.push('');
  out.push('Only objects of one application unit are compared (a kustomize build, one directory\'s plain files); copies of one object (same group, kind, namespace and name) are variants and never compared. What remains:');
  out.push('');
  out.push('| project | file:line | object |');
  out.push('|---|---|---|');
  for (const m of all) {
    for (const f of m.result.files) for (const x of f.findings) if (x.ruleId === 'overlapping-selectors') out.push(`| ${m.project} | ${rel(m, f.filePath)}:${x.line} | ${x.object?.kind ?? ''} ${x.object?.namespace ? `${x.object.namespace}/` : ''}${x.object?.name ?? ''} |`);
  }
  out.push('');
  return out.join('\n');
}

describe.skipIf(!have)('podlint . on real repositories', () => {
  it('leaves no missing-kind or yaml-syntax error on kustomizations, patches, components or Helm templates; pins what remains; REAL-WORLD.md is current', async () => {
    const all: Measured[] = [];
    for (const p of PROJECTS) all.push(await measure(p));
    for (const m of all) {
      expect(m.result.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'internal-error'), m.project).toEqual([]);
      for (const f of m.result.files) {
        const r = rel(m, f.filePath);
        const helmTemplate = /^(.*\/)?templates\//.exec(r);
        const kustomizeOrHelm =
          /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(r) ||
          /(^|\/)(patch|patches|components?)(\/|[-_.])/i.test(r) ||
          (helmTemplate !== null && fs.existsSync(path.join(shared, m.project, helmTemplate[1] ?? '', 'Chart.yaml')));
        if (kustomizeOrHelm) expect(f.findings.filter((x) => x.ruleId === 'missing-kind' || x.ruleId === 'yaml-syntax').map((x) => `${m.project}/${r}:${x.line}`)).toEqual([]);
      }
    }
    // Every class of error left on a real project is explained in REAL-WORLD.md.
    for (const m of all) if (!FIXTURE_SUITES.has(m.project)) for (const id of Object.keys(m.errors)) expect(EXPLANATIONS[id], `explain ${id} (${m.project}) in EXPLANATIONS`).toBeDefined();

    expect(Object.fromEntries(all.map((m) => [m.project, m.errors]))).toEqual(PINNED);

    const text = render(all);
    if (UPDATE) fs.writeFileSync(REAL_WORLD_MD, text);
    else expect(fs.existsSync(REAL_WORLD_MD) ? fs.readFileSync(REAL_WORLD_MD, 'utf8') : '', 'REAL-WORLD.md is stale: run npm run gen:real-world').toBe(text);
  }, 300_000);
});

/** Errors per project and rule. Changes here are changes in what podlint reports on real repositories. */
const PINNED: Record<string, Record<string, number>> = {
  'repos/aws-samples+eks-workshop-v2': { 'duplicate-key': 1, 'invalid-image': 2, 'invalid-name': 1, 'invalid-type': 1, 'kustomize-build': 2 },
  'repos/metallb+metallb': {},
  'repos/open-telemetry+opentelemetry-operator': { 'required-field': 2 },
  'corpus/real/argo-cd': {},
  'corpus/real/istio': { 'crd-validation': 1, 'invalid-name': 6, 'unknown-field': 1, 'unserved-api-version': 2, 'volume-reference': 1, 'yaml-syntax': 1 },
  'corpus/real/kubernetes-examples': { 'duplicate-key': 5, 'invalid-container-port': 2, 'invalid-image': 1, 'invalid-label': 3, 'invalid-name': 3, 'invalid-type': 1, 'selector-mismatch': 3, 'unknown-field': 5, 'unserved-api-version': 14 },
  'corpus/real/microservices-demo': {},
  'corpus/real/prometheus-operator': { 'invalid-name': 2, 'required-field': 2 },
  'corpus/kube-linter': { 'duplicate-key': 3, 'invalid-container-name': 1, 'invalid-container-port': 3, 'invalid-image': 70, 'invalid-label': 4, 'invalid-name': 6, 'invalid-type': 4, 'probe-named-port': 4, 'required-field': 77, 'restart-policy': 14, 'selector-mismatch': 88, 'unknown-field': 14, 'unserved-api-version': 6, 'yaml-syntax': 2 },
  'corpus/kube-score': { 'invalid-container-port': 4, 'invalid-image': 2, 'invalid-type': 2, 'required-field': 6, 'restart-policy': 3, 'selector-mismatch': 52, 'unknown-field': 16, 'unserved-api-version': 30 },
  'corpus/kubeconform': { 'duplicate-key': 1, 'invalid-type': 3, 'missing-kind': 7, 'selector-mismatch': 2, 'unknown-field': 4, 'unserved-api-version': 5 },
  'corpus/polaris': { 'invalid-container-name': 17, 'invalid-image': 16, 'selector-mismatch': 23, 'unknown-field': 17, 'unserved-api-version': 15 },
};
