/**
 * Kubernetes defaults and timing constants, each written once, with the Kubernetes source it mirrors.
 * Rules, explain and the simulator all read these.
 */

/** SetDefaults_PodSpec, pkg/apis/core/v1/defaults.go. */
export const DEFAULT_RESTART_POLICY = 'Always';
export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
/** DefaultTerminationGracePeriodSeconds, pkg/apis/core/v1/types.go (applied by SetDefaults_PodSpec). */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** minimumGracePeriodInSeconds, pkg/kubelet/kuberuntime/kuberuntime_manager.go. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;
/** SetDefaults_PodSpec, pkg/apis/core/v1/defaults.go. */
export const DEFAULT_DNS_POLICY = 'ClusterFirst';
/**
 * staging/src/k8s.io/apiserver/pkg/storage/names/generate.go (maxNameLength, randomLength,
 * MaxGeneratedNameLength) and staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go (the alphabet of
 * rand.String: no vowels, no 0/1/3): a generateName prefix, cut to 58 characters, plus 5 random ones.
 */
export const MAX_NAME_LENGTH = 63;
export const GENERATE_NAME_RANDOM_LENGTH = 5;
export const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - GENERATE_NAME_RANDOM_LENGTH;
export const GENERATE_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** SetDefaults_PodSpec: v1.DefaultSchedulerName, staging/src/k8s.io/api/core/v1/types.go. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** SetDefaults_ContainerPort / SetDefaults_ServicePort: protocol TCP, pkg/apis/core/v1/defaults.go. */
export const DEFAULT_PORT_PROTOCOL = 'TCP';
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
/** SetDefaults_ReplicationController (pkg/apis/core/v1/defaults.go) and apps/v1 SetDefaults_ReplicaSet (pkg/apis/apps/v1/defaults.go). */
export const DEFAULT_REPLICAS = 1;
/** SetDefaults_Container, pkg/apis/core/v1/defaults.go. */
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
export const DEFAULT_TERMINATION_MESSAGE_POLICY = 'File';
export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

/** SetDefaults_Probe, pkg/apis/core/v1/defaults.go. */
export const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
} as const;
/** SetDefaults_HTTPGetAction, pkg/apis/core/v1/defaults.go. */
export const DEFAULT_HTTP_GET_PATH = '/';
export const DEFAULT_HTTP_GET_SCHEME = 'HTTP';
/** pkg/probe/http/http.go: a response with 200 <= code < 400 is a success. */
export const HTTP_PROBE_SUCCESS_MIN = 200;
export const HTTP_PROBE_SUCCESS_MAX_EXCLUSIVE = 400;

/** initialCrashLoopBackOff and MaxCrashLoopBackOff, pkg/kubelet/kubelet.go. */
export const CRASH_LOOP_BACKOFF_INITIAL_SECONDS = 10;
export const CRASH_LOOP_BACKOFF_MAX_SECONDS = 300;
/** reducedInitialCrashLoopBackOff / reducedMaxCrashLoopBackOff (gate ReduceDefaultCrashLoopBackOffDecay), pkg/kubelet/kubelet.go. */
export const REDUCED_CRASH_LOOP_BACKOFF_INITIAL_SECONDS = 1;
export const REDUCED_CRASH_LOOP_BACKOFF_MAX_SECONDS = 60;
/** kubelet.go crashLoopBackOff.HasExpiredFunc: a container that ran longer than this starts back-off afresh. */
export const CRASH_LOOP_BACKOFF_RESET_SECONDS = 600;
/** imageBackOffPeriod and MaxImageBackOff, pkg/kubelet/kubelet.go. */
export const IMAGE_BACKOFF_INITIAL_SECONDS = 10;
export const IMAGE_BACKOFF_MAX_SECONDS = 300;
/** flowcontrol.Backoff default expiry (2 × max), staging/src/k8s.io/client-go/util/flowcontrol/backoff.go. */
export const IMAGE_BACKOFF_RESET_SECONDS = 2 * IMAGE_BACKOFF_MAX_SECONDS;

/** Back-off delays in seconds for successive restarts: 0 (first restart), 10, 20, 40 … capped. */
export function crashLoopBackOffSeconds(restartIndex: number, initial = CRASH_LOOP_BACKOFF_INITIAL_SECONDS, max = CRASH_LOOP_BACKOFF_MAX_SECONDS): number {
  if (restartIndex <= 0) return 0;
  return Math.min(max, initial * 2 ** (restartIndex - 1));
}
