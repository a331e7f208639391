/**
 * Which peer check corresponds to which podlint rule(s), on which fixtures, and what the peer expects
 * (transcribed from ../shared/corpus/{polaris,kube-linter,kube-score}/EXPECTED.md). Deliberate
 * differences carry their reason.
 */
import type { ConformanceSpec, Deliberate, Verdict } from './harness.js';

const polarisVerdict = (fixture: string): Verdict => (path(fixture).startsWith('failure') ? 'fires' : 'quiet');
const path = (f: string) => f.slice(f.lastIndexOf('/') + 1);

const polaris = (check: string, files: string[], rules: string[], options?: Record<string, unknown>, deliberate?: Deliberate[]): ConformanceSpec => ({
  peer: 'Polaris',
  check,
  fixtures: files.map((f) => `polaris/checks/${check}/${f}`),
  rules,
  options,
  granularity: 'file',
  expected: polarisVerdict,
  deliberate,
});

/** kube-linter also lints OpenShift's DeploymentConfig; podlint lints Kubernetes kinds only. */
const DEPLOYMENT_CONFIG: Deliberate = {
  kind: 'DeploymentConfig',
  reason: 'an OpenShift DeploymentConfig (apps.openshift.io/v1) is not a Kubernetes kind; podlint reports it as unknown-kind and does not lint its template',
};

const UNTAGGED_DEFAULTS_TO_ALWAYS =
  'the image has no tag, so SetDefaults_Container already sets imagePullPolicy Always; podlint judges the effective policy (option requireExplicit: true reproduces Polaris)';

const kubeScoreProbeFixtures = [
  'cronjob-batchv1beta1-deadline-not-set.yaml',
  'cronjob-batchv1-deadline-not-set.yaml',
  'pod-probes-all-missing.yaml',
  'pod-probes-missing-ready.yaml',
  'pod-probes-not-targeted-by-service-multi-labels.yaml',
  'pod-probes-not-targeted-by-service.yaml',
  'pod-probes-on-different-containers-init.yaml',
  'pod-probes-on-different-containers.yaml',
  'pod-probes-targeted-by-service-different-namespace.yaml',
  'pod-probes-targeted-by-service-same-namespace-multi-labels.yaml',
  'pod-probes-targeted-by-service-same-namespace.yaml',
  'pod-probes-targeted-by-service.yaml',
];
/** kube-score/EXPECTED.md, "Probes": Critical (= a finding) for these, AllOK for the rest. */
const kubeScoreProbesCritical = new Set([
  'pod-probes-all-missing.yaml',
  'pod-probes-missing-ready.yaml',
  'pod-probes-targeted-by-service-same-namespace-multi-labels.yaml',
  'pod-probes-targeted-by-service-same-namespace.yaml',
  'pod-probes-targeted-by-service.yaml',
]);
const kubeScoreVerdict = (fixture: string): Verdict => (kubeScoreProbesCritical.has(path(fixture)) ? 'fires' : 'quiet');

const NOT_SERVICED =
  'kube-score only asks for a readiness probe when a Service selects the pod; by default podlint asks on every long-running workload, because Deployments and ReplicaSets also use readiness to count available replicas during rollouts (option onlyWhenServiced: true reproduces kube-score)';
const PER_CONTAINER =
  'kube-score accepts the pod when one container has a readiness probe; podlint asks for one per regular container, since a container without one counts as ready as soon as it starts';

const ks = (f: string) => `kube-score/score/testdata/${f}`;
/** A kube-score check graded per fixture: Critical or Warning = a finding, AllOK = none (kube-score/EXPECTED.md). */
const kubeScore = (check: string, grades: Record<string, 'Critical' | 'Warning' | 'AllOK'>, rules: string[], options?: Record<string, unknown>, deliberate?: Deliberate[]): ConformanceSpec => ({
  peer: 'kube-score',
  check,
  fixtures: Object.keys(grades).map(ks),
  rules,
  options,
  granularity: 'file',
  expected: (f) => (grades[path(f)] === 'AllOK' ? 'quiet' : 'fires'),
  deliberate: deliberate?.map((d) => (d.key ? { ...d, key: ks(d.key) } : d)),
});
const REQUESTS_DEFAULT_TO_LIMITS =
  'kube-score wants requests written out; the API server defaults each missing request to its limit (SetDefaults_Pod), so podlint sees the requests as set';

export const CONFORMANCE_SPECS: ConformanceSpec[] = [
  // ---------------------------------------------------------------- Polaris (polaris/EXPECTED.md)
  polaris('livenessProbeMissing', ['success.yaml', 'failure.yaml'], ['liveness-probe-missing']),
  polaris('readinessProbeMissing', ['success.yaml', 'failure.yaml'], ['readiness-probe-missing']),
  polaris('tagNotSpecified', ['success.yaml', 'failure.yaml', 'failure.latest.yaml'], ['latest-tag']),
  polaris(
    'pullPolicyNotAlways',
    ['success.yaml', 'success.deployment.yaml', 'success.cron-job.yaml', 'failure.yaml', 'failure.deployment.yaml', 'failure.cron-job.yaml'],
    ['pull-policy-not-always'],
    undefined,
    [
      { key: 'polaris/checks/pullPolicyNotAlways/failure.yaml', reason: UNTAGGED_DEFAULTS_TO_ALWAYS },
      { key: 'polaris/checks/pullPolicyNotAlways/failure.cron-job.yaml', reason: UNTAGGED_DEFAULTS_TO_ALWAYS },
    ],
  ),
  polaris(
    'pullPolicyNotAlways',
    ['success.yaml', 'success.deployment.yaml', 'success.cron-job.yaml', 'failure.yaml', 'failure.deployment.yaml', 'failure.cron-job.yaml'],
    ['pull-policy-not-always'],
    { 'pull-policy-not-always': { requireExplicit: true } },
  ),
  polaris('cpuRequestsMissing', ['success.yaml', 'failure.yaml'], ['resource-requests-missing'], { 'resource-requests-missing': { resources: ['cpu'] } }),
  polaris('memoryRequestsMissing', ['success.yaml', 'failure.yaml'], ['resource-requests-missing'], { 'resource-requests-missing': { resources: ['memory'] } }),
  polaris('cpuLimitsMissing', ['success.yaml', 'failure.yaml'], ['resource-limits-missing'], { 'resource-limits-missing': { resources: ['cpu'] } }),
  polaris('memoryLimitsMissing', ['success.yaml', 'failure.yaml', 'failure.cpu.yaml'], ['resource-limits-missing']),

  // ---------------------------------------------------------------- kube-linter (kube-linter/EXPECTED.md)
  {
    peer: 'kube-linter',
    check: 'liveness-port',
    fixtures: ['kube-linter/tests/checks/liveness-port.yml'],
    rules: ['probe-port-not-declared', 'probe-named-port'],
    granularity: 'container',
    fires: ['Deployment/fire-deployment-name', 'Deployment/fire-deployment-int', 'Deployment/fire-deployment-udp', 'StatefulSet/fire-stateful-name'],
  },
  {
    peer: 'kube-linter',
    check: 'readiness-port',
    fixtures: ['kube-linter/tests/checks/readiness-port.yml'],
    rules: ['probe-port-not-declared', 'probe-named-port'],
    granularity: 'container',
    fires: ['Deployment/fire-deployment-name', 'Deployment/fire-deployment-int', 'Deployment/fire-deployment-udp', 'Deployment/fire-deployment-grpc'],
  },
  {
    peer: 'kube-linter',
    check: 'startup-port',
    fixtures: ['kube-linter/tests/checks/startup-port.yml'],
    rules: ['probe-port-not-declared', 'probe-named-port'],
    granularity: 'container',
    fires: ['Deployment/fire-deployment-name', 'Deployment/fire-deployment-int', 'Deployment/fire-deployment-udp', 'Deployment/fire-deployment-grpc'],
  },
  {
    peer: 'kube-linter',
    check: 'mismatching-selector',
    fixtures: ['kube-linter/tests/checks/mismatching-selector.yml'],
    rules: ['selector-mismatch'],
    granularity: 'object',
    fires: ['Deployment app1', 'DeploymentConfig app2'],
    deliberate: [DEPLOYMENT_CONFIG],
  },
  {
    peer: 'kube-linter',
    check: 'latest-tag',
    fixtures: ['kube-linter/tests/checks/latest-tag.yml'],
    rules: ['latest-tag'],
    granularity: 'container',
    fires: ['Deployment app/app', 'DeploymentConfig app/app'],
    deliberate: [DEPLOYMENT_CONFIG],
  },
  {
    peer: 'kube-linter',
    check: 'duplicate-env-var',
    fixtures: ['kube-linter/tests/checks/duplicate-env-var.yaml'],
    rules: ['duplicate-env-var'],
    granularity: 'container',
    fires: ['Deployment/fire-deployment', 'StatefulSet/fire-stateful'],
  },
  {
    peer: 'kube-linter',
    check: 'no-liveness-probe',
    fixtures: ['kube-linter/tests/checks/no-liveness-probe.yml'],
    rules: ['liveness-probe-missing'],
    granularity: 'container',
    fires: ['Deployment app1/app1', 'DeploymentConfig app2/app2'],
    deliberate: [DEPLOYMENT_CONFIG],
  },
  {
    peer: 'kube-linter',
    check: 'no-readiness-probe',
    fixtures: ['kube-linter/tests/checks/no-readiness-probe.yml'],
    rules: ['readiness-probe-missing'],
    granularity: 'container',
    fires: ['Deployment app1/app', 'DeploymentConfig app2/app'],
    deliberate: [DEPLOYMENT_CONFIG],
  },
  {
    peer: 'kube-linter',
    check: 'unset-cpu-requirements',
    fixtures: ['kube-linter/tests/checks/unset-cpu-requirements.yml'],
    rules: ['resource-requests-missing'],
    options: { 'resource-requests-missing': { resources: ['cpu'] } },
    granularity: 'container',
    fires: ['Deployment app1/app', 'DeploymentConfig app2/app'],
    deliberate: [DEPLOYMENT_CONFIG],
  },
  {
    peer: 'kube-linter',
    check: 'unset-memory-requirements',
    fixtures: ['kube-linter/tests/checks/unset-memory-requirements.yml'],
    rules: ['resource-limits-missing'],
    granularity: 'container',
    fires: ['Deployment app1/app', 'DeploymentConfig app2/app'],
    deliberate: [DEPLOYMENT_CONFIG],
  },
  {
    peer: 'kube-linter',
    check: 'restart-policy',
    fixtures: ['kube-linter/tests/checks/restart-policy.yaml'],
    rules: ['restart-policy'],
    granularity: 'object',
    fires: [
      'Deployment fire-deployment-never',
      'Pod fire-pod-never',
      'DaemonSet fire-daemonset-never',
      'ReplicaSet fire-replicaset-never',
      'ReplicationController fire-replicationcontroller-never',
      'Job fire-job-never',
      'CronJob fire-cronjob-never',
    ],
    deliberate: [
      ...['deployment', 'daemonset', 'replicaset', 'replicationcontroller'].map((k) => ({
        key: `${{ deployment: 'Deployment', daemonset: 'DaemonSet', replicaset: 'ReplicaSet', replicationcontroller: 'ReplicationController' }[k]} dont-fire-${k}-on-failure`,
        reason: 'kube-linter accepts OnFailure, but the API server rejects any restartPolicy but Always in a controller template (Unsupported value: "OnFailure": supported values: "Always")',
      })),
      { key: 'Job dont-fire-job-always', reason: 'kube-linter accepts Always, but the API server rejects it in a Job template (Unsupported value: "Always": supported values: "OnFailure", "Never")' },
      { key: 'CronJob dont-fire-cronjob-always', reason: 'kube-linter accepts Always, but the API server rejects it in a CronJob\'s Job template' },
      { key: 'Pod fire-pod-never', reason: 'Never is a valid restartPolicy for a Pod (it runs once); kube-linter only accepts Always and OnFailure' },
      { key: 'Job fire-job-never', reason: 'Never is valid for a Job template (failed pods are replaced by the Job controller)' },
      { key: 'CronJob fire-cronjob-never', reason: 'Never is valid for a CronJob\'s Job template' },
    ],
  },

  // ---------------------------------------------------------------- kube-score (kube-score/EXPECTED.md, "Probes")
  {
    peer: 'kube-score',
    check: 'pod-probes',
    fixtures: kubeScoreProbeFixtures.map((f) => `kube-score/score/testdata/${f}`),
    rules: ['readiness-probe-missing'],
    granularity: 'file',
    expected: kubeScoreVerdict,
    deliberate: [
      { key: 'kube-score/score/testdata/pod-probes-not-targeted-by-service-multi-labels.yaml', reason: NOT_SERVICED },
      { key: 'kube-score/score/testdata/pod-probes-not-targeted-by-service.yaml', reason: NOT_SERVICED },
      { key: 'kube-score/score/testdata/pod-probes-targeted-by-service-different-namespace.yaml', reason: NOT_SERVICED },
      { key: 'kube-score/score/testdata/pod-probes-on-different-containers.yaml', reason: PER_CONTAINER },
    ],
  },
  {
    peer: 'kube-score',
    check: 'pod-probes',
    fixtures: kubeScoreProbeFixtures.map((f) => `kube-score/score/testdata/${f}`),
    rules: ['readiness-probe-missing'],
    options: { 'readiness-probe-missing': { onlyWhenServiced: true } },
    granularity: 'file',
    expected: kubeScoreVerdict,
    deliberate: [{ key: 'kube-score/score/testdata/pod-probes-on-different-containers.yaml', reason: PER_CONTAINER }],
  },
  {
    peer: 'kube-score',
    check: 'pod-probes-identical',
    fixtures: ['pod-probes-identical-exec.yaml', 'pod-probes-identical-http.yaml', 'pod-probes-identical-tcp.yaml'].map((f) => `kube-score/score/testdata/${f}`),
    rules: ['liveness-same-as-readiness'],
    granularity: 'file',
    expected: () => 'fires',
  },
  kubeScore(
    'container-image-tag',
    { 'pod-image-tag-fixed.yaml': 'AllOK', 'pod-image-tag-latest.yaml': 'Critical' },
    ['latest-tag'],
  ),
  kubeScore(
    'container-image-pull-policy',
    {
      'pod-image-pullpolicy-always.yaml': 'AllOK',
      'pod-image-pullpolicy-never.yaml': 'Critical',
      'pod-image-pullpolicy-undefined-latest-tag.yaml': 'AllOK',
      'pod-image-pullpolicy-undefined-no-tag.yaml': 'AllOK',
      'pod-image-pullpolicy-undefined.yaml': 'Critical',
    },
    ['pull-policy-not-always'],
  ),
  kubeScore(
    'environment-variable-key-duplication',
    { 'pod-env-duplicated.yaml': 'Critical', 'pod-env-ok.yaml': 'AllOK' },
    ['duplicate-env-var'],
  ),
  // kube-score's default run requires CPU and memory requests and limits.
  kubeScore(
    'container-resources',
    {
      'pod-test-resources-none.yaml': 'Critical',
      'pod-test-resources-only-limits.yaml': 'Warning',
      'pod-test-resources-limits-and-requests.yaml': 'AllOK',
      'pod-test-resources-limits-and-requests-no-cpu-limit.yaml': 'Critical',
      'deployment-test-resources.yaml': 'Warning',
      'statefulset-test-resources.yaml': 'Warning',
    },
    ['resource-requests-missing', 'resource-limits-missing'],
    { 'resource-limits-missing': { resources: ['cpu', 'memory'] } },
    [
      { key: 'pod-test-resources-only-limits.yaml', reason: REQUESTS_DEFAULT_TO_LIMITS },
      { key: 'deployment-test-resources.yaml', reason: REQUESTS_DEFAULT_TO_LIMITS },
      { key: 'statefulset-test-resources.yaml', reason: REQUESTS_DEFAULT_TO_LIMITS },
    ],
  ),
  // kube-score run with IgnoreContainerCpuLimitRequirement (and, for no-limits, IgnoreContainerMemoryLimitRequirement) ↔ podlint's defaults.
  kubeScore(
    'container-resources',
    { 'pod-test-resources-limits-and-requests-no-cpu-limit.yaml': 'AllOK', 'pod-test-resources-no-limits.yaml': 'AllOK' },
    ['resource-requests-missing', 'resource-limits-missing'],
    undefined,
    [
      {
        key: 'pod-test-resources-no-limits.yaml',
        reason: 'this kube-score run ignores memory limits too; podlint requires a memory limit by default (a container without one can take all the memory of its node)',
      },
    ],
  ),
];
