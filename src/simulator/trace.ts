/** What a simulation produces: a pure record that the renderers turn into text or JSON. */
import type { Ms } from './time.js';

export interface TraceEvent {
  time: Ms;
  /** `pod/name`, `replicationcontroller/name`, `replicaset/name`, `node/name`. */
  object: string;
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The component that reported it (kubelet, default-scheduler, replication-controller …). */
  source: string;
}

export interface WatchRow {
  time: Ms;
  /** Global order of rows and steps. */
  seq: number;
  event: 'ADDED' | 'MODIFIED' | 'DELETED';
  namespace: string;
  name: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  node: string;
}

export interface ControllerRow {
  time: Ms;
  seq: number;
  event: 'ADDED' | 'MODIFIED' | 'DELETED';
  kind: string;
  namespace: string;
  name: string;
  desired: number;
  current: number;
  ready: number;
  age: string;
}

export interface StepRecord {
  time: Ms;
  seq: number;
  command: string;
  output: string;
  error: boolean;
}

export interface PodSummary {
  namespace: string;
  name: string;
  /** `ReplicationController/myweb-rc`, or null for an orphan. */
  owner: string | null;
  node: string | null;
  phase: string;
  status: string;
  ready: string;
  restarts: number;
  restartsText: string;
  age: string;
  /** Why the pod is where it is, in Kubernetes' words where they exist. */
  why: string;
  deleted: boolean;
}

export interface ControllerSummary {
  kind: string;
  namespace: string;
  name: string;
  desired: number;
  current: number;
  ready: number;
  deleted: boolean;
}

export type SegmentState = 'waiting' | 'running' | 'backoff' | 'terminated' | 'stopping';

export interface TimelineSegment {
  from: Ms;
  to: Ms;
  state: SegmentState;
  /** The waiting or terminated reason. */
  reason?: string;
}

export interface RestartRecord {
  /** When the new container started. */
  time: Ms;
  restartCount: number;
  /** Exit code of the container instance it replaced. */
  exitCode: number;
  /** Time from that instance's exit to this start. */
  waited: Ms;
}

export interface TimelineEntry {
  pod: string;
  namespace: string;
  container: string;
  segments: TimelineSegment[];
  restarts: RestartRecord[];
}

export interface NodeSummary {
  name: string;
  cpu: string;
  memory: string;
  pods: number;
  ready: string;
  taints: string[];
  unschedulable: boolean;
}

export interface Trace {
  seed: number;
  until: Ms;
  kubernetesVersion: string;
  assumptions: string[];
  nodes: NodeSummary[];
  events: TraceEvent[];
  watch: WatchRow[];
  controllerRows: ControllerRow[];
  steps: StepRecord[];
  pods: PodSummary[];
  controllers: ControllerSummary[];
  timeline: TimelineEntry[];
}
