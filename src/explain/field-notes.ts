/**
 * What podlint adds to a field's reference, beyond kubectl explain: the value Kubernetes fills in when
 * the field is omitted, and which podlint rules look at the field. Both are keyed by OpenAPI
 * definition and field name (`io.k8s.api.core.v1.Probe.periodSeconds`), so a note applies wherever
 * the type is used (liveness, readiness and startup probes share the Probe notes).
 */
import {
  DEFAULT_DNS_POLICY,
  DEFAULT_HTTP_GET_PATH,
  DEFAULT_HTTP_GET_SCHEME,
  DEFAULT_PORT_PROTOCOL,
  DEFAULT_REPLICAS,
  DEFAULT_RESTART_POLICY,
  DEFAULT_SCHEDULER_NAME,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  DEFAULT_TERMINATION_MESSAGE_PATH,
  DEFAULT_TERMINATION_MESSAGE_POLICY,
  PROBE_DEFAULTS,
} from '../k8s/defaults.js';

/** SetDefaults_Deployment, pkg/apis/apps/v1/defaults.go. */
export const DEFAULT_DEPLOYMENT_STRATEGY = 'RollingUpdate';
export const DEFAULT_DEPLOYMENT_MAX_UNAVAILABLE = '25%';
export const DEFAULT_DEPLOYMENT_MAX_SURGE = '25%';
export const DEFAULT_DEPLOYMENT_REVISION_HISTORY_LIMIT = 10;
export const DEFAULT_DEPLOYMENT_PROGRESS_DEADLINE_SECONDS = 600;
/** SetDefaults_StatefulSet, pkg/apis/apps/v1/defaults.go. */
export const DEFAULT_STATEFULSET_POD_MANAGEMENT_POLICY = 'OrderedReady';
export const DEFAULT_STATEFULSET_UPDATE_STRATEGY = 'RollingUpdate';
/** SetDefaults_DaemonSet, pkg/apis/apps/v1/defaults.go. */
export const DEFAULT_DAEMONSET_UPDATE_STRATEGY = 'RollingUpdate';
/** SetDefaults_Job, pkg/apis/batch/v1/defaults.go. */
export const DEFAULT_JOB_BACKOFF_LIMIT = 6;
/** SetDefaults_CronJob, pkg/apis/batch/v1/defaults.go. */
export const DEFAULT_CRONJOB_CONCURRENCY_POLICY = 'Allow';
export const DEFAULT_CRONJOB_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
export const DEFAULT_CRONJOB_FAILED_JOBS_HISTORY_LIMIT = 1;
/** SetDefaults_Service, pkg/apis/core/v1/defaults.go. */
export const DEFAULT_SERVICE_TYPE = 'ClusterIP';
export const DEFAULT_SERVICE_SESSION_AFFINITY = 'None';

export interface FieldDefault {
  /** The value, or a sentence when it depends on other fields. */
  value: string;
  /** The Kubernetes source that applies it. */
  source: string;
}

const CORE_DEFAULTS = 'pkg/apis/core/v1/defaults.go';
const APPS_DEFAULTS = 'pkg/apis/apps/v1/defaults.go';
const BATCH_DEFAULTS = 'pkg/apis/batch/v1/defaults.go';

function d(value: string | number, fn: string, file: string): FieldDefault {
  return { value: String(value), source: `${fn}, ${file}` };
}

/** Defaults applied by the API server when a field is omitted, keyed by `<definition>.<field>`. */
export const FIELD_DEFAULTS: Readonly<Record<string, FieldDefault>> = {
  'io.k8s.api.core.v1.PodSpec.restartPolicy': d(DEFAULT_RESTART_POLICY, 'SetDefaults_PodSpec', CORE_DEFAULTS),
  'io.k8s.api.core.v1.PodSpec.terminationGracePeriodSeconds': d(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS, 'SetDefaults_PodSpec', CORE_DEFAULTS),
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': d(DEFAULT_DNS_POLICY, 'SetDefaults_PodSpec', CORE_DEFAULTS),
  'io.k8s.api.core.v1.PodSpec.schedulerName': d(DEFAULT_SCHEDULER_NAME, 'SetDefaults_PodSpec', CORE_DEFAULTS),
  'io.k8s.api.core.v1.Container.imagePullPolicy': {
    value: 'Always when the image has no tag and no digest or its tag is "latest"; IfNotPresent otherwise',
    source: `SetDefaults_Container, ${CORE_DEFAULTS}`,
  },
  'io.k8s.api.core.v1.Container.terminationMessagePath': d(DEFAULT_TERMINATION_MESSAGE_PATH, 'SetDefaults_Container', CORE_DEFAULTS),
  'io.k8s.api.core.v1.Container.terminationMessagePolicy': d(DEFAULT_TERMINATION_MESSAGE_POLICY, 'SetDefaults_Container', CORE_DEFAULTS),
  'io.k8s.api.core.v1.ContainerPort.protocol': d(DEFAULT_PORT_PROTOCOL, 'SetDefaults_ContainerPort', CORE_DEFAULTS),
  'io.k8s.api.core.v1.ServicePort.protocol': d(DEFAULT_PORT_PROTOCOL, 'SetDefaults_ServicePort', CORE_DEFAULTS),
  'io.k8s.api.core.v1.ServiceSpec.type': d(DEFAULT_SERVICE_TYPE, 'SetDefaults_Service', CORE_DEFAULTS),
  'io.k8s.api.core.v1.ServiceSpec.sessionAffinity': d(DEFAULT_SERVICE_SESSION_AFFINITY, 'SetDefaults_Service', CORE_DEFAULTS),
  'io.k8s.api.core.v1.Probe.initialDelaySeconds': d(PROBE_DEFAULTS.initialDelaySeconds, 'SetDefaults_Probe', CORE_DEFAULTS),
  'io.k8s.api.core.v1.Probe.timeoutSeconds': d(PROBE_DEFAULTS.timeoutSeconds, 'SetDefaults_Probe', CORE_DEFAULTS),
  'io.k8s.api.core.v1.Probe.periodSeconds': d(PROBE_DEFAULTS.periodSeconds, 'SetDefaults_Probe', CORE_DEFAULTS),
  'io.k8s.api.core.v1.Probe.successThreshold': d(PROBE_DEFAULTS.successThreshold, 'SetDefaults_Probe', CORE_DEFAULTS),
  'io.k8s.api.core.v1.Probe.failureThreshold': d(PROBE_DEFAULTS.failureThreshold, 'SetDefaults_Probe', CORE_DEFAULTS),
  'io.k8s.api.core.v1.Probe.terminationGracePeriodSeconds': {
    value: `the pod's terminationGracePeriodSeconds (${DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS} unless set)`,
    source: 'setTerminationGracePeriod, pkg/kubelet/kuberuntime/kuberuntime_container.go',
  },
  'io.k8s.api.core.v1.HTTPGetAction.path': d(DEFAULT_HTTP_GET_PATH, 'SetDefaults_HTTPGetAction', CORE_DEFAULTS),
  'io.k8s.api.core.v1.HTTPGetAction.scheme': d(DEFAULT_HTTP_GET_SCHEME, 'SetDefaults_HTTPGetAction', CORE_DEFAULTS),
  'io.k8s.api.core.v1.ReplicationControllerSpec.replicas': d(DEFAULT_REPLICAS, 'SetDefaults_ReplicationController', CORE_DEFAULTS),
  'io.k8s.api.apps.v1.ReplicaSetSpec.replicas': d(DEFAULT_REPLICAS, 'SetDefaults_ReplicaSet', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.DeploymentSpec.replicas': d(DEFAULT_REPLICAS, 'SetDefaults_Deployment', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.DeploymentSpec.revisionHistoryLimit': d(DEFAULT_DEPLOYMENT_REVISION_HISTORY_LIMIT, 'SetDefaults_Deployment', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.DeploymentSpec.progressDeadlineSeconds': d(DEFAULT_DEPLOYMENT_PROGRESS_DEADLINE_SECONDS, 'SetDefaults_Deployment', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.DeploymentStrategy.type': d(DEFAULT_DEPLOYMENT_STRATEGY, 'SetDefaults_Deployment', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.RollingUpdateDeployment.maxUnavailable': d(DEFAULT_DEPLOYMENT_MAX_UNAVAILABLE, 'SetDefaults_Deployment', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.RollingUpdateDeployment.maxSurge': d(DEFAULT_DEPLOYMENT_MAX_SURGE, 'SetDefaults_Deployment', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.StatefulSetSpec.replicas': d(DEFAULT_REPLICAS, 'SetDefaults_StatefulSet', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.StatefulSetSpec.podManagementPolicy': d(DEFAULT_STATEFULSET_POD_MANAGEMENT_POLICY, 'SetDefaults_StatefulSet', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy.type': d(DEFAULT_STATEFULSET_UPDATE_STRATEGY, 'SetDefaults_StatefulSet', APPS_DEFAULTS),
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy.type': d(DEFAULT_DAEMONSET_UPDATE_STRATEGY, 'SetDefaults_DaemonSet', APPS_DEFAULTS),
  'io.k8s.api.batch.v1.JobSpec.backoffLimit': d(DEFAULT_JOB_BACKOFF_LIMIT, 'SetDefaults_Job', BATCH_DEFAULTS),
  'io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy': d(DEFAULT_CRONJOB_CONCURRENCY_POLICY, 'SetDefaults_CronJob', BATCH_DEFAULTS),
  'io.k8s.api.batch.v1.CronJobSpec.successfulJobsHistoryLimit': d(DEFAULT_CRONJOB_SUCCESSFUL_JOBS_HISTORY_LIMIT, 'SetDefaults_CronJob', BATCH_DEFAULTS),
  'io.k8s.api.batch.v1.CronJobSpec.failedJobsHistoryLimit': d(DEFAULT_CRONJOB_FAILED_JOBS_HISTORY_LIMIT, 'SetDefaults_CronJob', BATCH_DEFAULTS),
};

const PROBE_TIMING = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'].map((f) => `io.k8s.api.core.v1.Probe.${f}`);
const PROBE_PORTS = ['io.k8s.api.core.v1.HTTPGetAction.port', 'io.k8s.api.core.v1.TCPSocketAction.port', 'io.k8s.api.core.v1.GRPCAction.port', 'io.k8s.api.core.v1.ContainerPort.containerPort', 'io.k8s.api.core.v1.Container.ports'];
const PROBES = ['io.k8s.api.core.v1.Container.livenessProbe', 'io.k8s.api.core.v1.Container.readinessProbe', 'io.k8s.api.core.v1.Container.startupProbe'];

/**
 * The fields each rule looks at, keyed by rule id (test/explain/field-notes.test.ts checks that every
 * id is a registered rule). The schema rules (unknown-field, invalid-type, required-field) look at
 * every field and are not listed; rules about a whole object (bare-pod) have no field.
 */
export const RULE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'duplicate-container-port': ['io.k8s.api.core.v1.ContainerPort.containerPort', 'io.k8s.api.core.v1.ContainerPort.protocol'],
  'duplicate-env-var': ['io.k8s.api.core.v1.Container.env', 'io.k8s.api.core.v1.EnvVar.name'],
  'invalid-container-name': ['io.k8s.api.core.v1.Container.name'],
  'invalid-container-port': ['io.k8s.api.core.v1.Container.ports', 'io.k8s.api.core.v1.ContainerPort.containerPort', 'io.k8s.api.core.v1.ContainerPort.protocol', 'io.k8s.api.core.v1.ContainerPort.name', 'io.k8s.api.core.v1.ContainerPort.hostPort'],
  'invalid-env-name': ['io.k8s.api.core.v1.EnvVar.name', 'io.k8s.api.core.v1.EnvFromSource.prefix'],
  'invalid-image': ['io.k8s.api.core.v1.Container.image', 'io.k8s.api.core.v1.Container.imagePullPolicy'],
  'invalid-label': ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.labels', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.annotations'],
  'invalid-name': ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.name', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.generateName', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.namespace'],
  'invalid-probe': [...PROBES, ...PROBE_TIMING, 'io.k8s.api.core.v1.Probe.terminationGracePeriodSeconds', 'io.k8s.api.core.v1.HTTPGetAction.port', 'io.k8s.api.core.v1.HTTPGetAction.scheme', 'io.k8s.api.core.v1.TCPSocketAction.port', 'io.k8s.api.core.v1.GRPCAction.port'],
  'invalid-resources': ['io.k8s.api.core.v1.Container.resources', 'io.k8s.api.core.v1.ResourceRequirements.requests', 'io.k8s.api.core.v1.ResourceRequirements.limits'],
  'invalid-selector': ['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector.matchLabels', 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector.matchExpressions', 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement.operator', 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement.values'],
  'latest-tag': ['io.k8s.api.core.v1.Container.image'],
  'overlapping-selectors': ['io.k8s.api.core.v1.ReplicationControllerSpec.selector', 'io.k8s.api.apps.v1.ReplicaSetSpec.selector', 'io.k8s.api.apps.v1.DeploymentSpec.selector', 'io.k8s.api.apps.v1.StatefulSetSpec.selector', 'io.k8s.api.apps.v1.DaemonSetSpec.selector'],
  'pod-adopted-by-controller': ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.labels', 'io.k8s.api.core.v1.ReplicationControllerSpec.selector', 'io.k8s.api.apps.v1.ReplicaSetSpec.selector', 'io.k8s.api.apps.v1.DaemonSetSpec.selector'],
  'probe-named-port': ['io.k8s.api.core.v1.HTTPGetAction.port', 'io.k8s.api.core.v1.TCPSocketAction.port', 'io.k8s.api.core.v1.ContainerPort.name'],
  'pull-policy-not-always': ['io.k8s.api.core.v1.Container.imagePullPolicy', 'io.k8s.api.core.v1.Container.image'],
  'resource-limits-missing': ['io.k8s.api.core.v1.Container.resources', 'io.k8s.api.core.v1.ResourceRequirements.limits'],
  'resource-requests-missing': ['io.k8s.api.core.v1.Container.resources', 'io.k8s.api.core.v1.ResourceRequirements.requests', 'io.k8s.api.core.v1.ResourceRequirements.limits'],
  'selector-mismatch': ['io.k8s.api.core.v1.ReplicationControllerSpec.selector', 'io.k8s.api.apps.v1.ReplicaSetSpec.selector', 'io.k8s.api.apps.v1.DeploymentSpec.selector', 'io.k8s.api.apps.v1.StatefulSetSpec.selector', 'io.k8s.api.apps.v1.DaemonSetSpec.selector', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.labels'],
  'volume-reference': ['io.k8s.api.core.v1.VolumeMount.name', 'io.k8s.api.core.v1.Volume.name', 'io.k8s.api.core.v1.PodSpec.volumes'],
  'liveness-kills-before-ready': ['io.k8s.api.core.v1.Container.livenessProbe', 'io.k8s.api.core.v1.Container.readinessProbe', 'io.k8s.api.core.v1.Container.startupProbe', ...PROBE_TIMING],
  'liveness-probe-missing': ['io.k8s.api.core.v1.Container.livenessProbe'],
  'liveness-same-as-readiness': ['io.k8s.api.core.v1.Container.livenessProbe', 'io.k8s.api.core.v1.Container.readinessProbe'],
  'liveness-with-restart-never': ['io.k8s.api.core.v1.Container.livenessProbe', 'io.k8s.api.core.v1.PodSpec.restartPolicy'],
  'probe-port-not-declared': [...PROBES, ...PROBE_PORTS, 'io.k8s.api.core.v1.ContainerPort.protocol'],
  'probe-timeout-too-long': ['io.k8s.api.core.v1.Probe.timeoutSeconds', 'io.k8s.api.core.v1.Probe.periodSeconds'],
  'readiness-probe-missing': ['io.k8s.api.core.v1.Container.readinessProbe'],
  'restart-policy': ['io.k8s.api.core.v1.PodSpec.restartPolicy'],
  'startup-budget-too-short': ['io.k8s.api.core.v1.Container.startupProbe', ...PROBE_TIMING],
};

let byField: Map<string, string[]> | undefined;

/** Rule ids that look at `<definition>.<field>`, sorted. */
export function rulesForField(key: string): string[] {
  if (!byField) {
    byField = new Map();
    for (const [id, fields] of Object.entries(RULE_FIELDS)) {
      for (const f of fields) {
        const list = byField.get(f) ?? [];
        list.push(id);
        byField.set(f, list);
      }
    }
    for (const list of byField.values()) list.sort();
  }
  return byField.get(key) ?? [];
}

export function defaultForField(key: string): FieldDefault | undefined {
  return FIELD_DEFAULTS[key];
}
