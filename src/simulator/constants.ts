/**
 * Kubernetes facts the simulator needs that src/k8s/defaults.ts does not hold, each with the
 * Kubernetes source it mirrors, and the simulator's own modelling choices (marked ASSUMPTION; every
 * one of them is printed in the simulation's assumptions).
 */

export { MAX_NAME_LENGTH, GENERATE_NAME_RANDOM_LENGTH, MAX_GENERATED_NAME_LENGTH, GENERATE_NAME_ALPHABET } from '../k8s/defaults.js';

/** pkg/controller/replicaset/replica_set.go: BurstReplicas. */
export const BURST_REPLICAS = 500;
/** pkg/controller/controller_utils.go: SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** pkg/controller/controller_utils.go: PodDeletionCost annotation (gate PodDeletionCost, on since 1.22). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** pkg/kubelet/kubelet.go backOffPeriod with pod_workers.go workerBackOffPeriodJitterFactor: an erroring pod is re-synced after 10–15 s. */
export const POD_WORKER_BACKOFF_SECONDS = 10;
export const POD_WORKER_BACKOFF_JITTER_FACTOR = 0.5;
/**
 * kubernetes/kubernetes PR #133066 (first released in 1.35): the pod worker requeues a pod in crash
 * back-off exactly when the back-off expires; before, it retried at the next 10–15 s error resync.
 */
export const EXACT_CRASH_BACKOFF_REQUEUE_SINCE_MINOR = 35;

/** pkg/scheduler/backend/queue (DefaultPodInitialBackoffDuration, DefaultPodMaxBackoffDuration, DefaultPodMaxInUnschedulablePodsDuration). */
export const SCHEDULER_INITIAL_BACKOFF_SECONDS = 1;
export const SCHEDULER_MAX_BACKOFF_SECONDS = 10;
export const SCHEDULER_MAX_IN_UNSCHEDULABLE_SECONDS = 300;
/** pkg/scheduler/framework/types.go: ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
/** pkg/scheduler/framework/plugins/* reasons (E.2). */
export const REASON_NODE_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const REASON_TOO_MANY_PODS = 'Too many pods';
export const untoleratedTaintReason = (key: string, value: string): string => `node(s) had untolerated taint {${key}: ${value}}`;
/** pkg/scheduler/framework/preemption/preemption.go and plugins/defaultpreemption (E.1). */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const PREEMPTION_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
/** Before 1.30 the post-filter message was appended with " %v." giving a double period (kubernetes PR 123302). */
export const FIT_ERROR_SINGLE_PERIOD_SINCE_MINOR = 30;
/** kubernetes PR #131345 (~1.34): a request larger than a node's total allocatable is UnschedulableAndUnresolvable. */
export const FIT_UNRESOLVABLE_OVER_ALLOCATABLE_SINCE_MINOR = 34;
/** pkg/scheduler/framework/plugins/noderesources: non-zero request defaults used for scoring only (DefaultMilliCPURequest, DefaultMemoryRequest). */
export const SCORING_DEFAULT_MILLI_CPU = 100;
export const SCORING_DEFAULT_MEMORY_BYTES = 200 * 1024 * 1024;
/** The Scheduled event's source (pkg/scheduler/schedule_one.go) is the scheduler's name. */
export { DEFAULT_SCHEDULER_NAME as DEFAULT_SCHEDULER } from '../k8s/defaults.js';

/** pkg/controller/nodelifecycle (node-monitor-grace-period default): 40 s, raised to 50 s in 1.32 (kubernetes PR #126287). */
export const NODE_MONITOR_GRACE_PERIOD_SECONDS_OLD = 40;
export const NODE_MONITOR_GRACE_PERIOD_SECONDS = 50;
export const NODE_MONITOR_GRACE_PERIOD_50S_SINCE_MINOR = 32;
/** plugin/pkg/admission/defaulttolerationseconds: not-ready / unreachable NoExecute tolerations of 300 s are added to every pod. */
export const DEFAULT_NOT_READY_TOLERATION_SECONDS = 300;
export const DEFAULT_UNREACHABLE_TOLERATION_SECONDS = 300;
/** staging/src/k8s.io/api/core/v1/well_known_taints.go. */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Event reasons (pkg/kubelet/events/event.go, pkg/controller/*, pkg/scheduler). */
export const EV = {
  Scheduled: 'Scheduled',
  FailedScheduling: 'FailedScheduling',
  Pulling: 'Pulling',
  Pulled: 'Pulled',
  Failed: 'Failed',
  BackOff: 'BackOff',
  InspectFailed: 'InspectFailed',
  ErrImageNeverPull: 'ErrImageNeverPull',
  Created: 'Created',
  Started: 'Started',
  Killing: 'Killing',
  Unhealthy: 'Unhealthy',
  FailedMount: 'FailedMount',
  SuccessfulCreate: 'SuccessfulCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  NodeNotReady: 'NodeNotReady',
  NodeReady: 'NodeReady',
  TaintManagerEviction: 'TaintManagerEviction',
} as const;

/** pkg/kubelet/container/sync_result.go and pkg/kubelet/images/types.go: waiting reasons. */
export const WAIT = {
  ContainerCreating: 'ContainerCreating',
  PodInitializing: 'PodInitializing',
  CrashLoopBackOff: 'CrashLoopBackOff',
  ErrImagePull: 'ErrImagePull',
  ImagePullBackOff: 'ImagePullBackOff',
  InvalidImageName: 'InvalidImageName',
  ErrImageNeverPull: 'ErrImageNeverPull',
  CreateContainerConfigError: 'CreateContainerConfigError',
} as const;

/** containerd internal/cri/server/helpers.go: terminated reasons. */
export const TERMINATED_COMPLETED = 'Completed';
export const TERMINATED_ERROR = 'Error';
/** Exit codes of a process ended by SIGTERM (128+15) and SIGKILL (128+9). */
export const EXIT_CODE_SIGTERM = 143;
export const EXIT_CODE_SIGKILL = 137;

/** Kubernetes versions whose behaviour the simulator knows (PRODUCT.md: 1.28 … 1.36, default the newest). */
export const MIN_MINOR = 28;
export const MAX_MINOR = 36;

/** The annotation that carries container behaviour overrides (PRODUCT.md). */
export const BEHAVIOR_ANNOTATION = 'podlint.io/behavior';

// ---- Modelling choices (ASSUMPTION): printed with every simulation. ----
/** ASSUMPTION: pulling an image that is not on the node takes this long. */
export const DEFAULT_PULL_SECONDS = 5;
/** ASSUMPTION: an `Always` pull of an image already on the node only resolves the digest. */
export const CACHED_PULL_SECONDS = 1;
/** ASSUMPTION: a failing pull (image not found) fails after this long. */
export const FAILED_PULL_SECONDS = 1;
/** ASSUMPTION: the default cluster. */
export const DEFAULT_CLUSTER = { nodes: 3, cpu: '2', memory: '4Gi', pods: '110', namePrefix: 'node-' } as const;
/** ASSUMPTION: an init container without behaviour overrides completes (exit 0) this long after it starts. */
export const DEFAULT_INIT_CONTAINER_RUN_SECONDS = 1;
/** ASSUMPTION: a controller sees a pod turn Succeeded/Failed one status-write and watch round trip later. */
export const CONTROLLER_OBSERVES_FINISHED_POD_SECONDS = 1;
/** ASSUMPTION: default simulated duration. */
export const DEFAULT_UNTIL_SECONDS = 600;
