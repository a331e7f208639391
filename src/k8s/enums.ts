/**
 * Values Kubernetes fixes for string fields, each list written once with the Kubernetes source it
 * mirrors. The OpenAPI documents do not carry them as `enum`, only in prose; the editor offers them as
 * completions. Lists already defined elsewhere (restartPolicy, imagePullPolicy, protocols, selector
 * operators) are reused from there.
 */
import { IMAGE_PULL_POLICIES, PORT_PROTOCOLS, RESTART_POLICIES } from './defaults.js';
import { SELECTOR_OPERATORS } from './selector.js';

/** NodeSelectorOperator, staging/src/k8s.io/api/core/v1/types.go. */
export const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
/** TolerationOperator, staging/src/k8s.io/api/core/v1/types.go. */
export const TOLERATION_OPERATORS = ['Exists', 'Equal'] as const;
/** TaintEffect, staging/src/k8s.io/api/core/v1/types.go. */
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
/** DNSPolicy, staging/src/k8s.io/api/core/v1/types.go. */
export const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const;
/** ServiceType, staging/src/k8s.io/api/core/v1/types.go. */
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;
/** TerminationMessagePolicy, staging/src/k8s.io/api/core/v1/types.go. */
export const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;
/** URIScheme, staging/src/k8s.io/api/core/v1/types.go. */
export const URI_SCHEMES = ['HTTP', 'HTTPS'] as const;
/** DeploymentStrategyType, staging/src/k8s.io/api/apps/v1/types.go. */
export const DEPLOYMENT_STRATEGY_TYPES = ['Recreate', 'RollingUpdate'] as const;
/** ConcurrencyPolicy, staging/src/k8s.io/api/batch/v1/types.go. */
export const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;
/** PodManagementPolicyType, staging/src/k8s.io/api/apps/v1/types.go. */
export const POD_MANAGEMENT_POLICIES = ['OrderedReady', 'Parallel'] as const;
/** ServiceAffinity, staging/src/k8s.io/api/core/v1/types.go. */
export const SESSION_AFFINITIES = ['ClientIP', 'None'] as const;

/** Allowed values by `<OpenAPI definition>.<field>`. */
export const FIXED_VALUES: Readonly<Record<string, readonly string[]>> = {
  'io.k8s.api.core.v1.PodSpec.restartPolicy': RESTART_POLICIES,
  'io.k8s.api.core.v1.Container.restartPolicy': ['Always'], // sidecar init containers: ContainerRestartPolicyAlways
  'io.k8s.api.core.v1.Container.imagePullPolicy': IMAGE_PULL_POLICIES,
  'io.k8s.api.core.v1.EphemeralContainer.imagePullPolicy': IMAGE_PULL_POLICIES,
  'io.k8s.api.core.v1.Container.terminationMessagePolicy': TERMINATION_MESSAGE_POLICIES,
  'io.k8s.api.core.v1.ContainerPort.protocol': PORT_PROTOCOLS,
  'io.k8s.api.core.v1.ServicePort.protocol': PORT_PROTOCOLS,
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': DNS_POLICIES,
  'io.k8s.api.core.v1.ServiceSpec.type': SERVICE_TYPES,
  'io.k8s.api.core.v1.ServiceSpec.sessionAffinity': SESSION_AFFINITIES,
  'io.k8s.api.core.v1.HTTPGetAction.scheme': URI_SCHEMES,
  'io.k8s.api.core.v1.Toleration.operator': TOLERATION_OPERATORS,
  'io.k8s.api.core.v1.Toleration.effect': TAINT_EFFECTS,
  'io.k8s.api.core.v1.Taint.effect': TAINT_EFFECTS,
  'io.k8s.api.core.v1.NodeSelectorRequirement.operator': NODE_SELECTOR_OPERATORS,
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement.operator': SELECTOR_OPERATORS,
  'io.k8s.api.apps.v1.DeploymentStrategy.type': DEPLOYMENT_STRATEGY_TYPES,
  'io.k8s.api.apps.v1.StatefulSetSpec.podManagementPolicy': POD_MANAGEMENT_POLICIES,
  'io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy': CONCURRENCY_POLICIES,
  'io.k8s.api.batch.v1.JobSpec.completionMode': ['NonIndexed', 'Indexed'], // CompletionMode, staging/src/k8s.io/api/batch/v1/types.go
};
