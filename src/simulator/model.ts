/** The simulator's state: API objects as the control plane and the kubelets see them. */
import type { Ms } from './time.js';
import type { Behavior } from './behavior.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export type Labels = Record<string, string>;

export interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export type ProbeType = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

export interface ProbeWorker {
  type: ProbeType;
  probe: Json;
  /** Container instance the results belong to (a new instance resets the worker). */
  instance: number;
  result: ProbeResult | undefined;
  lastResult: ProbeResult | undefined;
  resultRun: number;
  onHold: boolean;
  stopped: boolean;
}

export type ContainerState =
  | { kind: 'none' }
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; startedAt: Ms }
  | { kind: 'terminated'; exitCode: number; reason: string; startedAt: Ms; finishedAt: Ms };

export interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: Ms;
  finishedAt: Ms;
}

export interface SimContainer {
  name: string;
  spec: Json;
  init: boolean;
  /** An init container with restartPolicy Always. */
  sidecar: boolean;
  index: number;
  state: ContainerState;
  lastTerminated: Terminated | undefined;
  /** The newest terminated instance (kept while the state shows a waiting reason). */
  terminated: Terminated | undefined;
  restartCount: number;
  /** Instances started so far; the current instance id. 0 = never started. */
  instance: number;
  started: boolean;
  ready: boolean;
  /** A kill is in progress (SIGTERM sent). */
  stopping: boolean;
  workers: ProbeWorker[];
  /** Has this container ever been started (for restartCount). */
  everStarted: boolean;
}

export interface SimPod {
  uid: string;
  name: string;
  namespace: string;
  labels: Labels;
  annotations: Record<string, string>;
  ownerRefs: OwnerRef[];
  spec: Json;
  createdAt: Ms;
  /** Creation order, for stable output. */
  ordinal: number;
  nodeName: string | undefined;
  ip: string | undefined;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** status.reason (NodeLost, Evicted, OutOfcpu …). */
  reason: string | undefined;
  readyCondition: { status: boolean; lastTransition: Ms };
  scheduledCondition: { status: boolean; reason?: string; message?: string };
  deletionTimestamp: Ms | undefined;
  deletionGraceSeconds: number | undefined;
  containers: SimContainer[];
  /** Removed from the API server. */
  gone: boolean;
  goneAt: Ms | undefined;
  /** Kubelet bookkeeping. */
  kubelet: {
    admitted: boolean;
    /** Serial image pulls and container starts in progress. */
    busy: boolean;
    /** Container indices still to start in the current sync. */
    chain: number[];
    /** A sync was asked for while busy. */
    pendingSync: boolean;
    /** Probe-worker generation: ticks of an older epoch are dropped. */
    epoch: number;
    /** The node controller marked the pod not ready (node unreachable). */
    nodeNotReady: boolean;
    /** Initialized condition: true once a regular container has started. */
    initialized: boolean;
    /** Generation of the pending resync; a resync event with an older value is stale. */
    resyncGen: number;
    resyncAt: Ms | undefined;
    /** Terminal phase reached, never leaves it. */
    terminal: boolean;
    /** Volume problem (a missing ConfigMap/Secret/PVC), when strict about references. */
    mountError: string | undefined;
  };
  /** Scheduler bookkeeping. */
  sched: { attempts: number; lastAttempt: Ms | undefined; pendingAt: Ms | undefined; message: string | undefined };
  /** Last printed watch row, to print only changes. */
  lastRow: string | undefined;
  /** Behaviour overrides from the pod's podlint.io/behavior annotation, by container name. */
  behavior: Record<string, Behavior>;
  /** kubectl.kubernetes.io/last-applied-configuration, kept apart. */
  lastApplied?: Json;
}

export interface SimController {
  uid: string;
  kind: 'ReplicationController' | 'ReplicaSet' | 'Deployment';
  apiVersion: string;
  name: string;
  namespace: string;
  labels: Labels;
  /** RC: map selector; RS: LabelSelector. */
  selector: Json;
  replicas: number;
  template: Json;
  minReadySeconds: number;
  createdAt: Ms;
  ordinal: number;
  deletionTimestamp: Ms | undefined;
  /** 'foreground' | 'orphan' while a deletion with finalizers runs. */
  deleting: 'foreground' | 'orphan' | undefined;
  gone: boolean;
  /** replicas: active pods (for a Deployment: of all its ReplicaSets); available: ready for minReadySeconds; updated: pods of the newest ReplicaSet. */
  status: { replicas: number; ready: number; available: number; updated: number };
  /** A ReplicaSet's owner (a Deployment). */
  ownerRefs: OwnerRef[];
  /** Deployment: spec.strategy. */
  strategy?: Json;
  /** ReplicaSet made by a Deployment: its pod-template-hash. */
  templateHash?: string;
  lastRow: string | undefined;
  syncQueued: boolean;
  /** The next sync must list and claim pods again (pods appeared, went, or changed labels). */
  needsFullSync: boolean;
  /** Pods owned at the last full sync. */
  owned: Set<SimPod>;
  /** Behaviour overrides from the template's podlint.io/behavior annotation. */
  templateBehaviors: Record<string, Behavior>;
  lastApplied?: Json;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  /** When the taint was added (for NoExecute toleration seconds). */
  addedAt?: Ms;
}

export interface SimNode {
  name: string;
  labels: Labels;
  /** Allocatable: cpu in millicores, memory and ephemeral-storage in bytes, pods as a count, other scalars in units. */
  allocatable: Record<string, number>;
  taints: Taint[];
  unschedulable: boolean;
  /** Node Ready condition as the control plane sees it. */
  ready: 'True' | 'Unknown';
  /** The kubelet is down (failure injected by the scenario). */
  down: boolean;
  downSince: Ms | undefined;
  /** Generation for node-monitor events. */
  gen: number;
  index: number;
  /** Images present in the node's image store. */
  images: Set<string>;
  ipCounter: number;
}

/** The fields a new controller is given; the store fills in the rest (uid, creation time, status …). */
export type NewController = Pick<SimController, 'kind' | 'apiVersion' | 'name' | 'namespace' | 'labels' | 'selector' | 'replicas' | 'template' | 'minReadySeconds' | 'ownerRefs' | 'templateBehaviors'> &
  Partial<SimController>;

/**
 * What the Deployment controller (deployment.ts) uses of the simulation: the stored controllers and pods,
 * selector matching, and recording. The engine implements it and calls the Deployment controller, which
 * knows only this interface (so neither module imports the other both ways).
 */
export interface DeploymentControllerHost {
  readonly controllers: ReadonlyMap<string, SimController>;
  readonly pods: ReadonlyMap<string, SimPod>;
  /** Does the controller's selector select these labels? */
  selects(c: SimController, labels: Labels): boolean;
  /** Record a Kubernetes Event about the controller. */
  event(obj: SimController, type: 'Normal' | 'Warning', reason: string, message: string, source: string): void;
  /** Record a controller summary row (DESIRED CURRENT READY) when it changed. */
  controllerRow(ctrl: SimController, event: 'ADDED' | 'MODIFIED' | 'DELETED'): void;
  /** Queue a sync of the controller; `full` makes it list and claim its pods again. */
  queueController(c: SimController, full?: boolean): void;
  /** Store a new controller and queue its first sync. */
  addController(c: NewController): SimController;
}
