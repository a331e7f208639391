/**
 * The discrete-event simulation: an event queue ordered by (time, sequence) drives the scheduler, the
 * kubelets (image pulls, container starts and exits, crash back-off, probe workers, kills), the
 * ReplicationController/ReplicaSet controllers, the garbage collector and the node lifecycle
 * controller. No clock, no I/O: time and randomness are inputs.
 */
import { matchesLabelSelector, matchesMapSelector } from '../k8s/selector.js';
import { evaluatePod, levelVersionString, violationText, type PsaPolicy } from '../k8s/pod-security.js';
import { defaultImagePullPolicy, parseImageReference, effectiveTag } from '../k8s/image.js';
import {
  CRASH_LOOP_BACKOFF_INITIAL_SECONDS, CRASH_LOOP_BACKOFF_MAX_SECONDS, CRASH_LOOP_BACKOFF_RESET_SECONDS,
  DEFAULT_RESTART_POLICY, DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS, IMAGE_BACKOFF_INITIAL_SECONDS,
  IMAGE_BACKOFF_MAX_SECONDS, IMAGE_BACKOFF_RESET_SECONDS, MINIMUM_GRACE_PERIOD_SECONDS, PROBE_DEFAULTS,
  DEFAULT_HTTP_GET_PATH,
} from '../k8s/defaults.js';
import {
  BURST_REPLICAS, CACHED_PULL_SECONDS, CONTROLLER_OBSERVES_FINISHED_POD_SECONDS, DEFAULT_INIT_CONTAINER_RUN_SECONDS, DEFAULT_PULL_SECONDS,
  DEFAULT_SCHEDULER, DEFAULT_UNREACHABLE_TOLERATION_SECONDS, EV, EXACT_CRASH_BACKOFF_REQUEUE_SINCE_MINOR,
  EXIT_CODE_SIGKILL, EXIT_CODE_SIGTERM, FAILED_PULL_SECONDS, NODE_MONITOR_GRACE_PERIOD_50S_SINCE_MINOR,
  NODE_MONITOR_GRACE_PERIOD_SECONDS, NODE_MONITOR_GRACE_PERIOD_SECONDS_OLD, POD_WORKER_BACKOFF_JITTER_FACTOR,
  POD_WORKER_BACKOFF_SECONDS, SCHEDULER_INITIAL_BACKOFF_SECONDS, SCHEDULER_MAX_BACKOFF_SECONDS,
  SCHEDULER_MAX_IN_UNSCHEDULABLE_SECONDS, TAINT_NODE_UNREACHABLE, TERMINATED_COMPLETED, TERMINATED_ERROR, WAIT,
} from './constants.js';
import { Backoff } from './backoff.js';
import type { Behavior } from './behavior.js';
import { podsToDelete, slowStartBatch } from './controllers.js';
import { syncDeployment } from './deployment.js';
import type { Json, Labels, OwnerRef, ProbeType, ProbeWorker, SimContainer, SimController, SimNode, SimPod } from './model.js';
import { generateName, Prng } from './prng.js';
import { EventQueue } from './queue.js';
import { podRefs } from './refs.js';
import { addToUsage, emptyUsage, noExecuteToleration, podRequests, schedule, type NodeUsage } from './scheduler.js';
import { computePhase, printPod } from './status.js';
import { goDuration, humanDuration, SECOND, seconds, type Ms } from './time.js';
import type { ControllerRow, RestartRecord, SegmentState, StepRecord, TraceEvent, WatchRow } from './trace.js';

type QItem =
  | { k: 'step'; i: number }
  | { k: 'schedule'; uid: string; gen: number }
  | { k: 'admit'; uid: string }
  | { k: 'resync'; uid: string; gen: number }
  | { k: 'pullDone'; uid: string; ci: number; ok: boolean; took: Ms; image: string }
  | { k: 'exit'; uid: string; ci: number; inst: number; code: number }
  | { k: 'stopped'; uid: string; ci: number; inst: number; code: number }
  | { k: 'probe'; uid: string; ci: number; wi: number; epoch: number }
  | { k: 'ctrl'; uid: string }
  | { k: 'ctrlLater'; uid: string }
  | { k: 'nodeMonitor'; node: string; gen: number }
  | { k: 'evict'; uid: string; node: string; gen: number }
  | { k: 'mount'; uid: string; epoch: number };

export interface EngineOptions {
  seed: number;
  minor: number;
  strictRefs: boolean;
  /** Names of ConfigMaps, Secrets and PVCs that exist (`kind/namespace/name`). */
  existing: Set<string>;
  /** The Pod Security policy of each namespace labelled by a Namespace object among the inputs. */
  podSecurity?: ReadonlyMap<string, PsaPolicy>;
}

interface Transition {
  time: Ms;
  state: SegmentState;
  reason?: string;
}

export interface ContainerHistory {
  pod: SimPod;
  container: SimContainer;
  transitions: Transition[];
  restarts: RestartRecord[];
}

const NS_DEFAULT = 'default';
const KILL_MESSAGE_RESTART = ', will be restarted';

export class Engine {
  now: Ms = 0;
  readonly queue = new EventQueue<QItem>();
  readonly rng: Prng;
  readonly pods = new Map<string, SimPod>();
  readonly podsByKey = new Map<string, SimPod>();
  readonly controllers = new Map<string, SimController>();
  readonly controllersByKey = new Map<string, SimController>();
  readonly nodes: SimNode[] = [];
  readonly events: TraceEvent[] = [];
  readonly watch: WatchRow[] = [];
  readonly controllerRows: ControllerRow[] = [];
  readonly stepRecords: StepRecord[] = [];
  readonly histories = new Map<string, ContainerHistory>();
  readonly crashBackoff: Backoff;
  readonly imageBackoff: Backoff;
  private readonly lastPullError = new Map<string, string>();
  private ordinal = 0;
  private rowSeq = 0;
  nextSeq(): number {
    return this.rowSeq++;
  }
  private readonly unschedulable = new Set<string>();
  /** Behaviour overrides from scenario steps: pod-name glob → container → behaviour. */
  readonly behaviorRules: { glob: (name: string) => boolean; container: string; behavior: Behavior }[] = [];
  stepHandler: ((i: number) => void) | undefined;

  constructor(readonly opts: EngineOptions) {
    this.rng = new Prng(opts.seed);
    this.crashBackoff = new Backoff(seconds(CRASH_LOOP_BACKOFF_INITIAL_SECONDS), seconds(CRASH_LOOP_BACKOFF_MAX_SECONDS), (ev, last) => ev - last > seconds(CRASH_LOOP_BACKOFF_RESET_SECONDS));
    this.imageBackoff = new Backoff(seconds(IMAGE_BACKOFF_INITIAL_SECONDS), seconds(IMAGE_BACKOFF_MAX_SECONDS), (ev, last) => ev - last > seconds(IMAGE_BACKOFF_RESET_SECONDS));
  }

  // ---------------------------------------------------------------- main loop

  run(until: Ms): void {
    for (let t = this.queue.peekTime(); t !== undefined && t <= until; t = this.queue.peekTime()) {
      const q = this.queue.pop()!;
      this.now = q.time;
      this.handle(q.item);
    }
    this.now = until;
  }

  private handle(e: QItem): void {
    switch (e.k) {
      case 'step':
        this.stepHandler?.(e.i);
        return;
      case 'schedule': {
        const p = this.pods.get(e.uid);
        if (p && p.sched.attempts === e.gen) this.trySchedule(p);
        return;
      }
      case 'admit': {
        const p = this.pods.get(e.uid);
        if (p) this.syncPod(p);
        return;
      }
      case 'resync': {
        const p = this.pods.get(e.uid);
        if (p && p.kubelet.resyncGen === e.gen) {
          p.kubelet.resyncAt = undefined;
          this.syncPod(p);
        }
        return;
      }
      case 'pullDone':
        this.pullDone(e.uid, e.ci, e.ok, e.took, e.image);
        return;
      case 'exit':
      case 'stopped': {
        const p = this.pods.get(e.uid);
        if (!p || p.gone || this.nodeDown(p)) return;
        const c = p.containers[e.ci]!;
        if (c.instance !== e.inst || c.state.kind !== 'running') return;
        this.containerExited(p, c, e.code);
        return;
      }
      case 'probe':
        this.probeTick(e.uid, e.ci, e.wi, e.epoch);
        return;
      case 'ctrl': {
        const c = this.controllers.get(e.uid);
        if (c) this.syncController(c);
        return;
      }
      case 'ctrlLater': {
        const c = this.controllers.get(e.uid);
        if (c) this.queueController(c, true);
        return;
      }
      case 'nodeMonitor':
        this.nodeMonitor(e.node, e.gen);
        return;
      case 'evict':
        this.taintEvict(e.uid, e.node, e.gen);
        return;
      case 'mount': {
        const p = this.pods.get(e.uid);
        if (p && !p.gone && p.kubelet.mountError && p.kubelet.resyncGen === e.epoch && !this.nodeDown(p) && p.deletionTimestamp === undefined) {
          this.event(p, 'Warning', EV.FailedMount, p.kubelet.mountError, 'kubelet');
          this.queue.push(this.now + 2 * 60 * SECOND, { k: 'mount', uid: p.uid, epoch: e.epoch });
        }
        return;
      }
    }
  }

  // ---------------------------------------------------------------- recording

  event(obj: SimPod | SimController | SimNode, type: 'Normal' | 'Warning', reason: string, message: string, source: string): void {
    let object: string;
    let namespace = NS_DEFAULT;
    if ('containers' in obj) {
      object = `pod/${obj.name}`;
      namespace = obj.namespace;
    } else if ('replicas' in obj) {
      object = `${obj.kind.toLowerCase()}/${obj.name}`;
      namespace = obj.namespace;
    } else {
      object = `node/${obj.name}`;
      namespace = '';
    }
    this.events.push({ time: this.now, object, namespace, type, reason, message, source });
  }

  private transition(p: SimPod, c: SimContainer, state: SegmentState, reason?: string): void {
    const key = `${p.uid}/${c.index}`;
    let h = this.histories.get(key);
    if (!h) {
      h = { pod: p, container: c, transitions: [], restarts: [] };
      this.histories.set(key, h);
    }
    const last = h.transitions[h.transitions.length - 1];
    if (last && last.state === state && last.reason === reason) return;
    if (last && last.time === this.now) h.transitions.pop();
    h.transitions.push({ time: this.now, state, reason });
  }

  /** Recompute the pod's phase and Ready condition; print a watch row when the columns change. */
  publish(p: SimPod, event: WatchRow['event'] = 'MODIFIED'): void {
    if (p.gone) return;
    const prevPhase = p.phase;
    const prevReady = p.readyCondition.status;
    if (p.kubelet.admitted && !p.kubelet.terminal && !this.nodeDown(p)) {
      p.phase = computePhase(p, restartPolicyOf(p), false);
      if (p.phase === 'Succeeded' || p.phase === 'Failed') {
        p.kubelet.terminal = true;
        this.releaseUsage();
      }
    }
    let allReady = true;
    for (const c of p.containers) if ((!c.init || c.sidecar) && !(c.ready && c.state.kind === 'running')) allReady = false;
    const ready = p.phase === 'Running' && allReady && !p.kubelet.nodeNotReady && p.kubelet.admitted;
    if (ready !== prevReady) p.readyCondition = { status: ready, lastTransition: this.now };
    const row = printPod(p, this.now);
    const key = `${row.ready}|${row.status}|${row.restarts}|${p.nodeName ?? ''}`;
    if (key !== p.lastRow || event !== 'MODIFIED') {
      p.lastRow = key;
      this.watch.push({ time: this.now, seq: this.nextSeq(), event, namespace: p.namespace, name: p.name, ready: row.ready, status: row.status, restarts: row.restartsText, age: humanDuration(this.now - p.createdAt), node: p.nodeName ?? '<none>' });
    }
    if (p.phase !== prevPhase && p.kubelet.terminal) this.podFinished(p);
    else if (p.phase !== prevPhase || ready !== prevReady) {
      this.podChanged(p, false);
      if (p.kubelet.terminal && (prevPhase !== p.phase)) this.clusterChanged();
    }
  }

  // ---------------------------------------------------------------- pods

  podKey(ns: string, name: string): string {
    return `${ns}/${name}`;
  }

  /** Create a pod from a manifest (or a template): the API server's part. */
  createPod(meta: Json, spec: Json, namespace: string, owner: OwnerRef | undefined, behaviors: Record<string, Behavior>): SimPod | string {
    let name: string = meta?.name;
    if (!name) {
      const base: string | undefined = meta?.generateName;
      if (!base) return 'metadata.name: Required value: name or generateName is required';
      for (let i = 0; ; i++) {
        name = generateName(base, this.rng);
        if (!this.podsByKey.has(this.podKey(namespace, name))) break;
      }
    } else if (this.podsByKey.has(this.podKey(namespace, name))) {
      return `pods "${name}" already exists`;
    }
    // The PodSecurity admission plugin: under its namespace's enforce level, a violating pod is forbidden.
    const enforce = this.opts.podSecurity?.get(namespace)?.enforce;
    if (enforce && enforce.level !== 'privileged') {
      const fails = evaluatePod(enforce, { spec: spec ?? {}, specPath: '/spec', metadata: meta ?? {}, metadataPath: '/metadata', kubernetesMinor: this.opts.minor });
      if (fails.length) return `pods "${name}" is forbidden: violates PodSecurity "${levelVersionString(enforce)}": ${fails.map(violationText).join(', ')}`;
    }
    const containers: SimContainer[] = [];
    const mk = (c: Json, init: boolean): SimContainer => ({
      name: String(c?.name ?? ''), spec: c, init, sidecar: init && c?.restartPolicy === 'Always', index: containers.length,
      state: { kind: 'none' }, lastTerminated: undefined, terminated: undefined, restartCount: 0, instance: 0,
      started: false, ready: false, stopping: false, workers: [], everStarted: false,
    });
    for (const c of spec?.initContainers ?? []) containers.push(mk(c, true));
    for (const c of spec?.containers ?? []) containers.push(mk(c, false));
    const p: SimPod = {
      uid: this.rng.uid(), name, namespace, labels: { ...(meta?.labels ?? {}) }, annotations: { ...(meta?.annotations ?? {}) },
      ownerRefs: owner ? [owner] : (Array.isArray(meta?.ownerReferences) ? meta.ownerReferences.map((o: Json) => ({ ...o })) : []),
      spec, createdAt: this.now, ordinal: this.ordinal++, nodeName: undefined, ip: undefined, phase: 'Pending', reason: undefined,
      readyCondition: { status: false, lastTransition: this.now }, scheduledCondition: { status: false },
      deletionTimestamp: undefined, deletionGraceSeconds: undefined, containers, gone: false, goneAt: undefined,
      kubelet: { admitted: false, busy: false, resyncGen: 0, resyncAt: undefined, terminal: false, mountError: undefined, chain: [], pendingSync: false, epoch: 0, nodeNotReady: false, initialized: false },
      sched: { attempts: 0, lastAttempt: undefined, pendingAt: undefined, message: undefined },
      lastRow: undefined, behavior: behaviors,
    };
    this.pods.set(p.uid, p);
    this.podsByKey.set(this.podKey(namespace, name), p);
    this.publish(p, 'ADDED');
    if (spec?.nodeName) {
      // Bypasses the scheduler: the kubelet admits it directly.
      this.bind(p, spec.nodeName, false);
    } else this.queue.push(this.now, { k: 'schedule', uid: p.uid, gen: 0 });
    // A controller counts the pods it creates itself (its expectations); any other controller may adopt an orphan.
    if (!owner) this.podChanged(p, true);
    return p;
  }

  behaviorOf(p: SimPod, c: SimContainer): Behavior {
    let b: Behavior = { ...(p.behavior[c.name] ?? {}) };
    for (const r of this.behaviorRules) if ((r.container === c.name || r.container === '*') && r.glob(p.name)) b = { ...b, ...r.behavior };
    return b;
  }

  private nodeIndex: Map<string, SimNode> | undefined;

  nodeOf(p: SimPod): SimNode | undefined {
    if (p.nodeName === undefined) return undefined;
    if (!this.nodeIndex || this.nodeIndex.size !== this.nodes.length) this.nodeIndex = new Map(this.nodes.map((n) => [n.name, n]));
    return this.nodeIndex.get(p.nodeName);
  }

  nodeDown(p: SimPod): boolean {
    return this.nodeOf(p)?.down ?? false;
  }

  /** A pod changed in a way controllers care about: queue its owner, and every controller when it could be adopted. */
  podChanged(p: SimPod, labelsOrExistence: boolean): void {
    const ref = controllerRef(p);
    if (ref) {
      const c = this.controllers.get(ref.uid);
      if (c) this.queueController(c, labelsOrExistence);
    }
    if (!ref || labelsOrExistence) for (const c of this.controllers.values()) if (c.namespace === p.namespace) this.queueController(c, true);
  }

  /**
   * A pod reached Succeeded or Failed: its controller (and any that might adopt it) sees the status
   * update one watch round trip later (ASSUMPTION: 1 s), which also bounds how fast a controller
   * can replace pods the kubelet rejects at admission.
   */
  podFinished(p: SimPod): void {
    const ref = controllerRef(p);
    for (const c of this.controllers.values()) {
      if (c.namespace === p.namespace && (!ref || ref.uid === c.uid)) this.queue.push(this.now + seconds(CONTROLLER_OBSERVES_FINISHED_POD_SECONDS), { k: 'ctrlLater', uid: c.uid });
    }
  }

  /** Queue a controller sync; `full` when its set of pods may have changed (else only its status). */
  queueController(c: SimController, full = false): void {
    if (full) c.needsFullSync = true;
    if (c.gone || c.syncQueued) return;
    c.syncQueued = true;
    this.queue.push(this.now, { k: 'ctrl', uid: c.uid });
  }

  /** DELETE of a pod: graceful unless not running anywhere or grace 0. */
  deletePod(p: SimPod, graceSeconds?: number): void {
    if (p.gone || p.deletionTimestamp !== undefined) return;
    const grace = graceSeconds ?? p.spec?.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
    if (p.nodeName === undefined || grace === 0 || p.phase === 'Succeeded' || p.phase === 'Failed') {
      p.deletionTimestamp = this.now;
      this.removePod(p);
      return;
    }
    p.deletionTimestamp = this.now;
    p.deletionGraceSeconds = grace;
    this.publish(p);
    this.podChanged(p, true);
    this.syncPod(p);
  }

  removePod(p: SimPod): void {
    if (p.gone) return;
    p.deletionTimestamp ??= this.now;
    const row = printPod(p, this.now);
    p.gone = true;
    p.goneAt = this.now;
    if (p.nodeName !== undefined) this.releaseUsage();
    p.kubelet.epoch++;
    p.kubelet.resyncGen++;
    this.unschedulable.delete(p.uid);
    this.watch.push({ time: this.now, seq: this.nextSeq(), event: 'DELETED', namespace: p.namespace, name: p.name, ready: row.ready, status: row.status, restarts: row.restartsText, age: humanDuration(this.now - p.createdAt), node: p.nodeName ?? '<none>' });
    this.podsByKey.delete(this.podKey(p.namespace, p.name));
    for (const c of p.containers) if (c.state.kind === 'running') this.transition(p, c, 'terminated', 'deleted');
    this.podChanged(p, true);
    this.clusterChanged();
    this.checkForegroundDeletions();
  }

  // ---------------------------------------------------------------- scheduler

  private usageCache: Map<string, NodeUsage> | undefined;

  /** What the pods bound to each node request (cached; rebuilt when a pod leaves a node). */
  usageByNode(): Map<string, NodeUsage> {
    if (this.usageCache) return this.usageCache;
    const m = new Map<string, NodeUsage>();
    for (const n of this.nodes) m.set(n.name, emptyUsage());
    for (const p of this.pods.values()) {
      if (p.gone || p.nodeName === undefined || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
      const u = m.get(p.nodeName);
      if (u) addToUsage(u, p.spec);
    }
    this.usageCache = m;
    return m;
  }

  /** A pod stopped holding resources on its node. */
  private releaseUsage(): void {
    this.usageCache = undefined;
  }

  private missingPvc(p: SimPod): string | undefined {
    if (!this.opts.strictRefs) return undefined;
    for (const v of podRefs(p.spec).volumes) {
      if (v.kind === 'persistentvolumeclaim' && !this.opts.existing.has(`persistentvolumeclaim/${p.namespace}/${v.name}`)) return `persistentvolumeclaim "${v.name}" not found`;
    }
    return undefined;
  }

  private trySchedule(p: SimPod): void {
    if (p.gone || p.deletionTimestamp !== undefined || p.nodeName !== undefined) return;
    p.sched.lastAttempt = this.now;
    const r = schedule(p.spec, this.nodes, this.usageByNode(), this.opts.minor, this.missingPvc(p));
    if (r.ok) {
      this.unschedulable.delete(p.uid);
      this.bind(p, r.node.name, true);
      return;
    }
    p.sched.attempts++;
    p.sched.message = r.message;
    p.scheduledCondition = { status: false, reason: 'Unschedulable', message: r.message };
    this.event(p, 'Warning', EV.FailedScheduling, r.message, DEFAULT_SCHEDULER);
    this.unschedulable.add(p.uid);
    // Flushed from the unschedulable pool after at most 5 minutes.
    this.queue.push(this.now + seconds(SCHEDULER_MAX_IN_UNSCHEDULABLE_SECONDS), { k: 'schedule', uid: p.uid, gen: p.sched.attempts });
  }

  /** Something that may let unschedulable pods fit happened: retry them after their back-off. */
  clusterChanged(): void {
    for (const uid of [...this.unschedulable].sort()) {
      const p = this.pods.get(uid);
      if (!p || p.gone) {
        this.unschedulable.delete(uid);
        continue;
      }
      const backoff = Math.min(SCHEDULER_INITIAL_BACKOFF_SECONDS * 2 ** Math.max(0, p.sched.attempts - 1), SCHEDULER_MAX_BACKOFF_SECONDS);
      const at = Math.max(this.now, (p.sched.lastAttempt ?? 0) + seconds(backoff));
      this.unschedulable.delete(uid);
      // Invalidate the 5-minute flush and retry.
      p.sched.attempts++;
      this.queue.push(at, { k: 'schedule', uid: p.uid, gen: p.sched.attempts });
    }
  }

  private bind(p: SimPod, nodeName: string, scheduled: boolean): void {
    const node = this.nodes.find((n) => n.name === nodeName);
    const usage = this.usageCache?.get(nodeName);
    if (usage) addToUsage(usage, p.spec);
    p.nodeName = nodeName;
    p.scheduledCondition = { status: true };
    p.sched.message = undefined;
    if (scheduled) this.event(p, 'Normal', EV.Scheduled, `Successfully assigned ${p.namespace}/${p.name} to ${nodeName}`, DEFAULT_SCHEDULER);
    if (node) {
      node.ipCounter++;
      p.ip = `10.244.${node.index + 1}.${node.ipCounter + 1}`;
      this.publish(p);
      this.queue.push(this.now, { k: 'admit', uid: p.uid });
    } else {
      // spec.nodeName names a node that does not exist: nothing ever runs it.
      this.publish(p);
    }
  }

  // ---------------------------------------------------------------- kubelet

  private errorResyncDelay(): Ms {
    const extra = this.rng.int(Math.round(POD_WORKER_BACKOFF_SECONDS * POD_WORKER_BACKOFF_JITTER_FACTOR) + 1);
    return seconds(POD_WORKER_BACKOFF_SECONDS + extra);
  }

  requestResync(p: SimPod, at: Ms): void {
    if (p.kubelet.resyncAt !== undefined && p.kubelet.resyncAt <= at) return;
    p.kubelet.resyncAt = at;
    p.kubelet.resyncGen++;
    this.queue.push(at, { k: 'resync', uid: p.uid, gen: p.kubelet.resyncGen });
  }

  private setWaiting(p: SimPod, c: SimContainer, reason: string, message?: string): void {
    if (c.terminated) c.lastTerminated = c.terminated;
    c.state = { kind: 'waiting', reason, message };
    c.ready = false;
    this.transition(p, c, reason === WAIT.CrashLoopBackOff ? 'backoff' : 'waiting', reason);
  }

  /** A pod that bypassed the scheduler: the kubelet's admission checks resources itself (lifecycle predicate). */
  private rejectAtAdmission(p: SimPod, node: SimNode): boolean {
    const usage = emptyUsage();
    for (const o of this.pods.values()) {
      if (o === p || o.gone || o.nodeName !== node.name || o.phase === 'Succeeded' || o.phase === 'Failed') continue;
      addToUsage(usage, o.spec);
    }
    const rejection = admissionRejection(p.spec, node, usage);
    if (!rejection) return false;
    p.phase = 'Failed';
    p.reason = rejection.reason;
    p.kubelet.admitted = true;
    p.kubelet.terminal = true;
    this.releaseUsage();
    this.event(p, 'Warning', rejection.reason, rejection.message, 'kubelet');
    this.publish(p);
    this.podFinished(p);
    return true;
  }

  private admit(p: SimPod): void {
    p.kubelet.admitted = true;
    p.kubelet.epoch++;
    const hasInit = p.containers.some((c) => c.init);
    for (const c of p.containers) {
      if (c.state.kind === 'none') {
        c.state = { kind: 'waiting', reason: hasInit ? WAIT.PodInitializing : WAIT.ContainerCreating };
        this.transition(p, c, 'waiting', c.state.reason);
      }
    }
    this.startProbeWorkers(p);
    // Volumes first: a missing ConfigMap/Secret keeps the pod in ContainerCreating.
    if (this.opts.strictRefs) {
      for (const v of podRefs(p.spec).volumes) {
        if (v.kind === 'persistentvolumeclaim') continue;
        if (!this.opts.existing.has(`${v.kind}/${p.namespace}/${v.name}`)) {
          p.kubelet.mountError = `MountVolume.SetUp failed for volume "${v.volume}" : ${v.kind} "${v.name}" not found`;
          this.queue.push(this.now, { k: 'mount', uid: p.uid, epoch: p.kubelet.resyncGen });
          break;
        }
      }
    }
  }

  private startProbeWorkers(p: SimPod): void {
    for (const c of p.containers) {
      if (c.init && !c.sidecar) continue;
      if (c.workers.length === 0) {
        const types: [ProbeType, string][] = [['liveness', 'livenessProbe'], ['readiness', 'readinessProbe'], ['startup', 'startupProbe']];
        for (const [type, field] of types) {
          if (c.spec?.[field]) c.workers.push({ type, probe: c.spec[field], instance: 0, result: undefined, lastResult: undefined, resultRun: 0, onHold: false, stopped: false });
        }
      }
      // A worker runs doProbe at once, then on a ticker of periodSeconds started with the worker.
      c.workers.forEach((_, wi) => this.queue.push(this.now, { k: 'probe', uid: p.uid, ci: c.index, wi, epoch: p.kubelet.epoch }));
    }
  }

  private restartable(p: SimPod, c: SimContainer, exitCode: number): boolean {
    if (p.deletionTimestamp !== undefined) return false;
    if (c.sidecar) return true;
    const policy = restartPolicyOf(p);
    if (policy === 'Never') return false;
    if (policy === 'OnFailure' && exitCode === 0) return false;
    if (c.init && exitCode === 0) return false;
    return true;
  }

  /** The kubelet's syncPod / computePodActions for one pod, now. */
  syncPod(p: SimPod): void {
    if (p.gone) return;
    const node = this.nodeOf(p);
    if (!node || node.down) return;
    if (p.kubelet.busy) {
      p.kubelet.pendingSync = true;
      return;
    }
    if (p.deletionTimestamp !== undefined) {
      const grace = p.deletionGraceSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
      for (const c of p.containers) if (c.state.kind === 'running' && !c.stopping) this.killContainer(p, c, `Stopping container ${c.name}`, grace);
      if (!p.containers.some((c) => c.state.kind === 'running')) this.removePod(p);
      return;
    }
    if (!p.kubelet.admitted) {
      if (p.spec?.nodeName && this.rejectAtAdmission(p, node)) return;
      this.admit(p);
    }
    if (p.kubelet.terminal) {
      for (const c of p.containers) if (c.sidecar && c.state.kind === 'running' && !c.stopping) this.killContainer(p, c, `Stopping container ${c.name}`, terminationGrace(p));
      this.publish(p);
      return;
    }
    if (p.kubelet.mountError) {
      this.publish(p);
      return;
    }
    // Liveness and startup failures kill the container.
    for (const c of p.containers) {
      if (c.state.kind !== 'running' || c.stopping) continue;
      for (const w of c.workers) {
        if (w.instance !== c.instance || w.result !== 'Failure' || (w.type !== 'liveness' && w.type !== 'startup')) continue;
        const what = w.type === 'liveness' ? 'liveness' : 'startup';
        const will = this.restartable(p, c, 1) ? KILL_MESSAGE_RESTART : '';
        const grace = Math.max(MINIMUM_GRACE_PERIOD_SECONDS, w.probe?.terminationGracePeriodSeconds ?? terminationGrace(p));
        this.killContainer(p, c, `Container ${c.name} failed ${what} probe${will}`, grace);
        break;
      }
    }
    const candidates = this.containersToStart(p);
    const toStart: SimContainer[] = [];
    for (const c of candidates) {
      if (c.terminated && (c.state.kind === 'terminated' || c.state.kind === 'waiting')) {
        // getStableKey: the container spec hash is part of the key, so a new image starts afresh.
        const key = `${p.name}_${p.namespace}_${p.uid}_${c.name}_${String(c.spec?.image ?? '')}`;
        const finished = c.terminated.finishedAt;
        if (this.crashBackoff.isInBackOffSince(key, finished, this.now)) {
          const d = goDuration(this.crashBackoff.get(key));
          this.setWaiting(p, c, WAIT.CrashLoopBackOff, `back-off ${d} restarting failed container=${c.name} pod=${p.name}_${p.namespace}(${p.uid})`);
          this.event(p, 'Warning', EV.BackOff, `Back-off restarting failed container ${c.name} in pod ${p.name}_${p.namespace}(${p.uid})`, 'kubelet');
          const end = this.crashBackoff.windowEnd(key, finished)!;
          this.requestResync(p, this.opts.minor >= EXACT_CRASH_BACKOFF_REQUEUE_SINCE_MINOR ? end : this.now + this.errorResyncDelay());
          continue;
        }
        this.crashBackoff.next(key, finished, this.now);
      }
      toStart.push(c);
    }
    this.publish(p);
    if (toStart.length > 0) {
      p.kubelet.chain = toStart.map((c) => c.index);
      p.kubelet.busy = true;
      this.continueChain(p);
    }
  }

  /** Which containers computePodActions would start now: init containers one at a time, then all regular ones. */
  private containersToStart(p: SimPod): SimContainer[] {
    const out: SimContainer[] = [];
    const needsStart = (c: SimContainer) => {
      if (c.state.kind === 'running') return false;
      if (!c.terminated) return true;
      return this.restartable(p, c, c.terminated.exitCode);
    };
    // Sidecars that died are restarted whatever the pod's progress.
    for (const c of p.containers) if (c.sidecar && c.everStarted && needsStart(c)) out.push(c);
    for (const c of p.containers) {
      if (!c.init) continue;
      if (c.sidecar) {
        if (c.state.kind === 'running' && c.started) continue;
        if (!c.everStarted && needsStart(c)) out.push(c);
        return out;
      }
      if (c.terminated && c.terminated.exitCode === 0 && c.state.kind !== 'running') continue;
      if (c.state.kind !== 'running' && needsStart(c)) out.push(c);
      return out;
    }
    for (const c of p.containers) if (!c.init && needsStart(c)) out.push(c);
    return out;
  }

  private continueChain(p: SimPod): void {
    while (p.kubelet.chain.length > 0) {
      if (p.gone || p.deletionTimestamp !== undefined || this.nodeDown(p)) {
        p.kubelet.chain = [];
        break;
      }
      const c = p.containers[p.kubelet.chain.shift()!]!;
      const r = this.ensureImage(p, c);
      if (r === 'async') return;
      if (r === 'ready') this.createAndStart(p, c);
    }
    p.kubelet.busy = false;
    this.publish(p);
    if (p.kubelet.pendingSync) {
      p.kubelet.pendingSync = false;
      this.syncPod(p);
    }
  }

  private ensureImage(p: SimPod, c: SimContainer): 'ready' | 'async' | 'failed' {
    const node = this.nodeOf(p)!;
    const image = String(c.spec?.image ?? '');
    const parsed = parseImageReference(image);
    if (!parsed.ok) {
      const msg = `Failed to apply default image tag "${image}": ${parsed.error}`;
      this.event(p, 'Warning', EV.InspectFailed, msg, 'kubelet');
      this.setWaiting(p, c, WAIT.InvalidImageName, msg);
      this.event(p, 'Warning', EV.Failed, `Error: ${WAIT.InvalidImageName}`, 'kubelet');
      this.requestResync(p, this.now + this.errorResyncDelay());
      return 'failed';
    }
    const policy = c.spec?.imagePullPolicy ?? defaultImagePullPolicy(image);
    const present = node.images.has(image);
    if (present && policy !== 'Always') {
      this.event(p, 'Normal', EV.Pulled, `Container image "${image}" already present on machine`, 'kubelet');
      return 'ready';
    }
    if (!present && policy === 'Never') {
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      this.event(p, 'Warning', EV.ErrImageNeverPull, msg, 'kubelet');
      this.setWaiting(p, c, WAIT.ErrImageNeverPull, msg);
      this.event(p, 'Warning', EV.Failed, `Error: ${WAIT.ErrImageNeverPull}`, 'kubelet');
      this.requestResync(p, this.now + this.errorResyncDelay());
      return 'failed';
    }
    const key = `${p.uid}_${image}`;
    if (this.imageBackoff.isInBackOffSinceUpdate(key, this.now)) {
      const prev = this.lastPullError.get(key);
      const msg = `Back-off pulling image "${image}"` + (this.opts.minor >= 32 && prev ? `: ${WAIT.ErrImagePull}: ${prev}` : '');
      this.event(p, 'Normal', EV.BackOff, msg, 'kubelet');
      this.setWaiting(p, c, WAIT.ImagePullBackOff, msg);
      this.event(p, 'Warning', EV.Failed, `Error: ${WAIT.ImagePullBackOff}`, 'kubelet');
      this.requestResync(p, this.now + this.errorResyncDelay());
      return 'failed';
    }
    const b = this.behaviorOf(p, c);
    const ok = b.imagePullable !== false;
    const took = !ok ? seconds(FAILED_PULL_SECONDS) : present ? seconds(CACHED_PULL_SECONDS) : (b.pullTime ?? seconds(DEFAULT_PULL_SECONDS));
    this.event(p, 'Normal', EV.Pulling, `Pulling image "${image}"`, 'kubelet');
    this.queue.push(this.now + took, { k: 'pullDone', uid: p.uid, ci: c.index, ok, took, image });
    return 'async';
  }

  private pullDone(uid: string, ci: number, ok: boolean, took: Ms, image: string): void {
    const p = this.pods.get(uid);
    if (!p || p.gone) return;
    if (this.nodeDown(p)) {
      p.kubelet.chain = [];
      p.kubelet.busy = false;
      return;
    }
    const c = p.containers[ci]!;
    const node = this.nodeOf(p)!;
    if (ok) {
      node.images.add(image);
      this.event(p, 'Normal', EV.Pulled, `Successfully pulled image "${image}" in ${goDuration(took)} (${goDuration(took)} including waiting)`, 'kubelet');
      this.createAndStart(p, c);
    } else {
      const key = `${p.uid}_${image}`;
      const err = pullNotFoundError(image);
      this.event(p, 'Warning', EV.Failed, `Failed to pull image "${image}": ${err}`, 'kubelet');
      this.imageBackoff.next(key, this.now, this.now);
      this.lastPullError.set(key, err);
      this.setWaiting(p, c, WAIT.ErrImagePull, err);
      this.event(p, 'Warning', EV.Failed, `Error: ${WAIT.ErrImagePull}`, 'kubelet');
      this.requestResync(p, this.now + this.errorResyncDelay());
    }
    this.continueChain(p);
  }

  private createAndStart(p: SimPod, c: SimContainer): void {
    if (p.deletionTimestamp !== undefined) return;
    if (this.opts.strictRefs) {
      const missing = (podRefs(p.spec).env.get(c.name) ?? []).find((r) => !this.opts.existing.has(`${r.kind}/${p.namespace}/${r.name}`));
      if (missing) {
        const msg = `${missing.kind} "${missing.name}" not found`;
        this.event(p, 'Warning', EV.Failed, `Error: ${msg}`, 'kubelet');
        this.setWaiting(p, c, WAIT.CreateContainerConfigError, msg);
        this.requestResync(p, this.now + this.errorResyncDelay());
        return;
      }
    }
    const previous = c.terminated;
    if (c.everStarted) c.restartCount++;
    if (previous) c.lastTerminated = previous;
    c.everStarted = true;
    if (!c.init) p.kubelet.initialized = true;
    c.instance++;
    c.stopping = false;
    this.event(p, 'Normal', EV.Created, `Created container: ${c.name}`, 'kubelet');
    this.event(p, 'Normal', EV.Started, `Started container ${c.name}`, 'kubelet');
    c.state = { kind: 'running', startedAt: this.now };
    const hasStartup = c.workers.some((w) => w.type === 'startup');
    const hasReadiness = c.workers.some((w) => w.type === 'readiness');
    c.started = !hasStartup;
    c.ready = c.started && !hasReadiness;
    this.transition(p, c, 'running');
    if (previous) {
      const key = `${p.uid}/${c.index}`;
      this.histories.get(key)?.restarts.push({ time: this.now, restartCount: c.restartCount, exitCode: previous.exitCode, waited: this.now - previous.finishedAt });
    }
    const b = this.behaviorOf(p, c);
    const exitAfter = b.exitAfter ?? (b.exitCode !== undefined ? 0 : c.init && !c.sidecar ? seconds(DEFAULT_INIT_CONTAINER_RUN_SECONDS) : undefined);
    if (exitAfter !== undefined) this.queue.push(this.now + exitAfter, { k: 'exit', uid: p.uid, ci: c.index, inst: c.instance, code: b.exitCode ?? 0 });
    // The probe manager triggers a readiness probe at once when the container has no result yet.
    const wi = c.workers.findIndex((w) => w.type === 'readiness');
    if (wi >= 0 && c.started) this.doProbe(p, c, c.workers[wi]!);
    this.publish(p);
    // A regular init container or a sidecar that started lets the next one go.
    if (c.init && c.started) p.kubelet.pendingSync = true;
  }

  private killContainer(p: SimPod, c: SimContainer, message: string, graceSeconds: number): void {
    if (c.state.kind !== 'running' || c.stopping) return;
    c.stopping = true;
    c.ready = false;
    this.event(p, 'Normal', EV.Killing, message, 'kubelet');
    this.transition(p, c, 'stopping');
    const b = this.behaviorOf(p, c);
    const grace = seconds(Math.max(graceSeconds, MINIMUM_GRACE_PERIOD_SECONDS));
    const stop = b.stopTime ?? 0;
    const at = stop <= grace ? this.now + stop : this.now + grace;
    const code = stop <= grace ? EXIT_CODE_SIGTERM : EXIT_CODE_SIGKILL;
    this.queue.push(at, { k: 'stopped', uid: p.uid, ci: c.index, inst: c.instance, code });
    // A container that takes time to stop shows as not ready meanwhile; one that stops at once goes straight to its exit.
    if (at > this.now) this.publish(p);
  }

  /** A container's spec changed (a new image): computePodActions kills and restarts it. */
  containerSpecChanged(p: SimPod, indices: number[]): void {
    if (this.nodeDown(p) || !p.kubelet.admitted) return;
    for (const i of indices) {
      const c = p.containers[i]!;
      if (c.state.kind === 'running') this.killContainer(p, c, `Container ${c.name} definition changed, will be restarted`, terminationGrace(p));
    }
    this.syncPod(p);
  }

  private containerExited(p: SimPod, c: SimContainer, exitCode: number): void {
    const startedAt = c.state.kind === 'running' ? c.state.startedAt : this.now;
    c.terminated = { exitCode, reason: exitCode === 0 ? TERMINATED_COMPLETED : TERMINATED_ERROR, startedAt, finishedAt: this.now };
    c.state = { kind: 'terminated', ...c.terminated };
    c.ready = false;
    c.started = false;
    c.stopping = false;
    this.transition(p, c, 'terminated', c.terminated.reason);
    this.publish(p);
    this.syncPod(p);
  }

  // ---------------------------------------------------------------- probes

  private probeTick(uid: string, ci: number, wi: number, epoch: number): void {
    const p = this.pods.get(uid);
    if (!p || p.gone || p.kubelet.epoch !== epoch || p.kubelet.terminal || this.nodeDown(p)) return;
    const c = p.containers[ci]!;
    const w = c.workers[wi]!;
    if (w.stopped) return;
    this.doProbe(p, c, w);
    const period = Math.max(1, w.probe?.periodSeconds || PROBE_DEFAULTS.periodSeconds);
    this.queue.push(this.now + seconds(period), { k: 'probe', uid, ci, wi, epoch });
  }

  private doProbe(p: SimPod, c: SimContainer, w: ProbeWorker): void {
    if (c.state.kind !== 'running') return;
    if (w.instance !== c.instance) {
      w.instance = c.instance;
      w.resultRun = 0;
      w.lastResult = undefined;
      w.result = w.type === 'readiness' ? 'Failure' : w.type === 'liveness' ? 'Success' : 'Unknown';
      w.onHold = false;
    }
    if (w.onHold) return;
    if (p.deletionTimestamp !== undefined && w.type !== 'readiness') return;
    const delay = w.probe?.initialDelaySeconds ?? PROBE_DEFAULTS.initialDelaySeconds;
    if (Math.trunc((this.now - c.state.startedAt) / SECOND) < delay) return;
    if (w.type !== 'startup' && !c.started) return;
    if (w.type === 'startup' && c.started) return;
    const outcome = this.runProbe(p, c, w);
    const Type = w.type === 'liveness' ? 'Liveness' : w.type === 'readiness' ? 'Readiness' : 'Startup';
    if (outcome.kind === 'error') {
      this.event(p, 'Warning', EV.Unhealthy, `${Type} probe errored and resulted in Unknown state: ${outcome.message}`, 'kubelet');
      return;
    }
    const result = outcome.kind === 'success' ? 'Success' : 'Failure';
    if (outcome.kind === 'failure') this.event(p, 'Warning', EV.Unhealthy, `${Type} probe failed: ${outcome.message}`, 'kubelet');
    if (w.lastResult === result) w.resultRun++;
    else {
      w.lastResult = result;
      w.resultRun = 1;
    }
    const failureThreshold = Math.max(1, w.probe?.failureThreshold || PROBE_DEFAULTS.failureThreshold);
    const successThreshold = Math.max(1, w.probe?.successThreshold || PROBE_DEFAULTS.successThreshold);
    if ((result === 'Failure' && w.resultRun < failureThreshold) || (result === 'Success' && w.resultRun < successThreshold)) return;
    const changed = w.result !== result;
    w.result = result;
    if ((w.type === 'liveness' || w.type === 'startup') && result === 'Failure') {
      w.onHold = true;
      w.resultRun = 0;
    }
    if (w.type === 'startup' && result === 'Success' && !c.started) {
      c.started = true;
      if (!c.workers.some((x) => x.type === 'readiness')) c.ready = true;
      this.publish(p);
      if (c.init) this.syncPod(p);
      return;
    }
    if (w.type === 'readiness' && changed) {
      c.ready = result === 'Success' && c.started;
      this.publish(p);
      return;
    }
    if (result === 'Failure' && (w.type === 'liveness' || w.type === 'startup')) this.syncPod(p);
  }

  private runProbe(p: SimPod, c: SimContainer, w: ProbeWorker): { kind: 'success' } | { kind: 'failure'; message: string } | { kind: 'error'; message: string } {
    const probe = w.probe ?? {};
    const b = this.behaviorOf(p, c);
    const startedAt = c.state.kind === 'running' ? c.state.startedAt : this.now;
    const answering = this.now - startedAt >= (b.startupTime ?? 0);
    if (probe.exec) return answering ? { kind: 'success' } : { kind: 'failure', message: '' };
    const handler = probe.httpGet ?? probe.tcpSocket ?? probe.grpc;
    if (!handler) return { kind: 'error', message: 'missing probe handler' };
    const port = resolvePort(handler.port, c.spec);
    if (typeof port === 'string') return { kind: 'error', message: port };
    const listens = b.listens ?? (c.spec?.ports ?? []).map((x: Json) => x?.containerPort).filter((x: unknown) => typeof x === 'number');
    if (answering && listens.includes(port)) return { kind: 'success' };
    const host = handler.host || p.ip || '127.0.0.1';
    const dial = `dial tcp ${host}:${port}: connect: connection refused`;
    if (probe.httpGet) {
      const scheme = String(handler.scheme ?? 'HTTP').toLowerCase();
      const path = handler.path ?? DEFAULT_HTTP_GET_PATH;
      return { kind: 'failure', message: `Get "${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}": ${dial}` };
    }
    if (probe.tcpSocket) return { kind: 'failure', message: dial };
    return { kind: 'failure', message: `timeout: failed to connect service "${host}:${port}" within ${probe.timeoutSeconds ?? PROBE_DEFAULTS.timeoutSeconds}s` };
  }

  // ---------------------------------------------------------------- controllers

  selects(c: SimController, labels: Labels): boolean {
    // RC: a map selector; RS and Deployment: a LabelSelector.
    return c.kind === 'ReplicationController' ? matchesMapSelector(c.selector, labels) : matchesLabelSelector(c.selector, labels);
  }

  syncController(ctrl: SimController): void {
    ctrl.syncQueued = false;
    if (ctrl.gone) return;
    if (ctrl.kind === 'Deployment') {
      ctrl.needsFullSync = false;
      syncDeployment(this, ctrl);
      return;
    }
    if (!ctrl.needsFullSync) {
      // Only the status of pods it owns changed: recount.
      this.writeStatus(ctrl, [...ctrl.owned].filter(isActive));
      return;
    }
    ctrl.needsFullSync = false;
    const owned: SimPod[] = [];
    const deleting = ctrl.deletionTimestamp !== undefined;
    for (const p of this.pods.values()) {
      if (p.namespace !== ctrl.namespace || !isActive(p)) continue;
      const ref = controllerRef(p);
      const matches = this.selects(ctrl, p.labels);
      if (ref) {
        if (ref.uid !== ctrl.uid) continue;
        if (matches) owned.push(p);
        else if (!deleting) p.ownerRefs = p.ownerRefs.filter((o) => o !== ref);
      } else if (matches && !deleting) {
        p.ownerRefs = [...p.ownerRefs, { apiVersion: ctrl.apiVersion, kind: ctrl.kind, name: ctrl.name, uid: ctrl.uid, controller: true, blockOwnerDeletion: true }];
        owned.push(p);
      }
    }
    if (!deleting) {
      const diff = owned.length - ctrl.replicas;
      if (diff < 0) {
        const want = Math.min(-diff, BURST_REPLICAS);
        slowStartBatch(want, () => {
          const pod = this.createFromTemplate(ctrl);
          if (typeof pod === 'string') {
            this.event(ctrl, 'Warning', 'FailedCreate', `Error creating: ${pod}`, controllerSource(ctrl));
            return false;
          }
          owned.push(pod);
          return true;
        });
        if (-diff > BURST_REPLICAS) this.queueController(ctrl, true);
      } else if (diff > 0) {
        const victims = podsToDelete(owned, Math.min(diff, BURST_REPLICAS), this.now, this.relatedRanks(ctrl, owned));
        for (const v of victims) {
          this.event(ctrl, 'Normal', EV.SuccessfulDelete, `Deleted pod: ${v.name}`, controllerSource(ctrl));
          this.deletePod(v);
        }
        if (diff > BURST_REPLICAS) this.queueController(ctrl, true);
      }
    }
    const live = owned.filter((p) => isActive(p));
    ctrl.owned = new Set(live);
    this.writeStatus(ctrl, live);
  }

  /**
   * getPodsToDelete ranks (F.6): for a ReplicaSet owned by a Deployment, the number of active pods of
   * all that Deployment's ReplicaSets on the same node; otherwise all 0.
   */
  private relatedRanks(ctrl: SimController, owned: SimPod[]): Map<SimPod, number> | undefined {
    const owner = this.ownerOf(ctrl);
    if (!owner) return undefined;
    const related = new Set([...this.controllers.values()].filter((c) => !c.gone && c.ownerRefs.some((o) => o.uid === owner.uid)).map((c) => c.uid));
    const perNode = new Map<string, number>();
    for (const p of this.pods.values()) {
      const ref = controllerRef(p);
      if (!isActive(p) || !ref || !related.has(ref.uid) || p.nodeName === undefined) continue;
      perNode.set(p.nodeName, (perNode.get(p.nodeName) ?? 0) + 1);
    }
    return new Map(owned.map((p) => [p, p.nodeName === undefined ? 0 : (perNode.get(p.nodeName) ?? 0)]));
  }

  /** calculateStatus (F.7); a Deployment owner hears of every change; minReadySeconds requeues. */
  private writeStatus(ctrl: SimController, live: SimPod[]): void {
    const minReady = seconds(ctrl.minReadySeconds);
    let ready = 0;
    let available = 0;
    let nextAvailable: Ms | undefined;
    for (const p of live) {
      if (!p.readyCondition.status) continue;
      ready++;
      const at = p.readyCondition.lastTransition + minReady;
      if (minReady === 0 || at <= this.now) available++;
      else nextAvailable = Math.min(nextAvailable ?? at, at);
    }
    const before = ctrl.status;
    ctrl.status = { replicas: live.length, ready, available, updated: live.length };
    if (nextAvailable !== undefined) this.queue.push(nextAvailable, { k: 'ctrlLater', uid: ctrl.uid });
    this.controllerRow(ctrl, 'MODIFIED');
    if (before.replicas !== ctrl.status.replicas || before.ready !== ready || before.available !== available) {
      const owner = this.ownerOf(ctrl);
      if (owner) this.queueController(owner);
    }
  }

  controllerRow(ctrl: SimController, event: ControllerRow['event']): void {
    const key = `${ctrl.replicas}|${ctrl.status.replicas}|${ctrl.status.ready}`;
    if (key === ctrl.lastRow && event === 'MODIFIED') return;
    ctrl.lastRow = key;
    this.controllerRows.push({ time: this.now, seq: this.nextSeq(), event, kind: ctrl.kind, namespace: ctrl.namespace, name: ctrl.name, desired: ctrl.replicas, current: ctrl.status.replicas, ready: ctrl.status.ready, age: humanDuration(this.now - ctrl.createdAt) });
  }

  podsInNamespace(ns: string): SimPod[] {
    const out: SimPod[] = [];
    for (const p of this.pods.values()) if (!p.gone && p.namespace === ns) out.push(p);
    return out;
  }

  private createFromTemplate(ctrl: SimController): SimPod | string {
    const t = ctrl.template ?? {};
    const meta = { generateName: `${ctrl.name}-`, labels: t.metadata?.labels ?? {}, annotations: t.metadata?.annotations ?? {} };
    const owner: OwnerRef = { apiVersion: ctrl.apiVersion, kind: ctrl.kind, name: ctrl.name, uid: ctrl.uid, controller: true, blockOwnerDeletion: true };
    const behaviors = ctrl.templateBehaviors ?? {};
    const pod = this.createPod(meta, structuredClone(t.spec ?? {}), ctrl.namespace, owner, behaviors);
    if (typeof pod !== 'string') this.event(ctrl, 'Normal', EV.SuccessfulCreate, `Created pod: ${pod.name}`, controllerSource(ctrl));
    return pod;
  }

  /** Store a new controller (RC, RS or Deployment) and sync it. */
  addController(c: Pick<SimController, 'kind' | 'apiVersion' | 'name' | 'namespace' | 'labels' | 'selector' | 'replicas' | 'template' | 'minReadySeconds' | 'ownerRefs' | 'templateBehaviors'> & Partial<SimController>): SimController {
    const ctrl: SimController = {
      uid: this.rng.uid(), createdAt: this.now, ordinal: this.controllers.size, deletionTimestamp: undefined, deleting: undefined, gone: false,
      status: { replicas: 0, ready: 0, available: 0, updated: 0 }, lastRow: undefined, syncQueued: false, needsFullSync: true, owned: new Set(), ...c,
    };
    this.controllers.set(ctrl.uid, ctrl);
    this.controllersByKey.set(`${ctrl.kind}/${ctrl.namespace}/${ctrl.name}`, ctrl);
    this.controllerRow(ctrl, 'ADDED');
    this.queueController(ctrl, true);
    return ctrl;
  }

  /** The Deployment that owns a ReplicaSet. */
  ownerOf(c: SimController): SimController | undefined {
    const ref = c.ownerRefs.find((o) => o.controller);
    return ref ? this.controllers.get(ref.uid) : undefined;
  }

  /** DELETE of a controller with a propagation policy; the garbage collector does the rest. */
  deleteController(ctrl: SimController, cascade: 'background' | 'foreground' | 'orphan'): void {
    if (ctrl.gone) return;
    const dependents = [...this.pods.values()].filter((p) => !p.gone && p.ownerRefs.some((o) => o.uid === ctrl.uid));
    const childControllers = [...this.controllers.values()].filter((c) => !c.gone && c.ownerRefs.some((o) => o.uid === ctrl.uid));
    if (cascade === 'orphan') {
      for (const p of dependents) p.ownerRefs = p.ownerRefs.filter((o) => o.uid !== ctrl.uid);
      for (const c of childControllers) c.ownerRefs = c.ownerRefs.filter((o) => o.uid !== ctrl.uid);
      this.finishControllerDeletion(ctrl);
      for (const p of dependents) this.podChanged(p, true);
      return;
    }
    if (cascade === 'background') {
      this.finishControllerDeletion(ctrl);
      for (const p of dependents) this.deletePod(p);
      for (const c of childControllers) this.deleteController(c, 'background');
      return;
    }
    ctrl.deletionTimestamp = this.now;
    ctrl.deleting = 'foreground';
    for (const p of dependents) this.deletePod(p);
    for (const c of childControllers) this.deleteController(c, 'foreground');
    this.checkForegroundDeletions();
  }

  private finishControllerDeletion(ctrl: SimController): void {
    ctrl.gone = true;
    ctrl.deletionTimestamp ??= this.now;
    this.controllersByKey.delete(`${ctrl.kind}/${ctrl.namespace}/${ctrl.name}`);
    this.controllerRows.push({ time: this.now, seq: this.nextSeq(), event: 'DELETED', kind: ctrl.kind, namespace: ctrl.namespace, name: ctrl.name, desired: ctrl.replicas, current: ctrl.status.replicas, ready: ctrl.status.ready, age: humanDuration(this.now - ctrl.createdAt) });
  }

  checkForegroundDeletions(): void {
    for (const ctrl of this.controllers.values()) {
      if (ctrl.gone || ctrl.deleting !== 'foreground') continue;
      const left = [...this.pods.values()].some((p) => !p.gone && p.ownerRefs.some((o) => o.uid === ctrl.uid && o.blockOwnerDeletion))
        || [...this.controllers.values()].some((c) => !c.gone && c.ownerRefs.some((o) => o.uid === ctrl.uid && o.blockOwnerDeletion));
      if (!left) {
        this.finishControllerDeletion(ctrl);
        this.checkForegroundDeletions();
        return;
      }
    }
  }

  // ---------------------------------------------------------------- nodes

  nodeMonitorGraceSeconds(): number {
    return this.opts.minor >= NODE_MONITOR_GRACE_PERIOD_50S_SINCE_MINOR ? NODE_MONITOR_GRACE_PERIOD_SECONDS : NODE_MONITOR_GRACE_PERIOD_SECONDS_OLD;
  }

  failNode(node: SimNode): void {
    if (node.down) return;
    node.down = true;
    node.downSince = this.now;
    node.gen++;
    for (const p of this.pods.values()) {
      if (p.gone || p.nodeName !== node.name) continue;
      p.kubelet.chain = [];
      p.kubelet.busy = false;
      p.kubelet.pendingSync = false;
    }
    this.queue.push(this.now + seconds(this.nodeMonitorGraceSeconds()), { k: 'nodeMonitor', node: node.name, gen: node.gen });
  }

  private nodeMonitor(name: string, gen: number): void {
    const node = this.nodes.find((n) => n.name === name);
    if (!node || node.gen !== gen || !node.down) return;
    node.ready = 'Unknown';
    this.event(node, 'Normal', EV.NodeNotReady, `Node ${node.name} status is now: NodeNotReady`, 'node-controller');
    node.taints.push({ key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule', addedAt: this.now }, { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute', addedAt: this.now });
    const taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
    for (const p of [...this.pods.values()].sort((a, b) => a.ordinal - b.ordinal)) {
      if (p.gone || p.nodeName !== node.name) continue;
      p.kubelet.nodeNotReady = true;
      this.event(p, 'Warning', EV.NodeNotReady, 'Node is not ready', 'node-controller');
      this.publish(p);
      const tolerations = withDefaultTolerations(p.spec?.tolerations);
      const t = noExecuteToleration(tolerations, taint);
      if (!t.tolerated) this.taintEvict(p.uid, node.name, gen);
      else if (t.seconds !== undefined) this.queue.push(this.now + seconds(t.seconds), { k: 'evict', uid: p.uid, node: node.name, gen });
    }
  }

  private taintEvict(uid: string, nodeName: string, gen: number): void {
    const p = this.pods.get(uid);
    const node = this.nodes.find((n) => n.name === nodeName);
    if (!p || p.gone || !node || node.gen !== gen || !node.down || p.deletionTimestamp !== undefined) return;
    this.event(p, 'Normal', EV.TaintManagerEviction, `Marking for deletion Pod ${p.namespace}/${p.name}`, 'taint-eviction-controller');
    this.deletePod(p);
  }

  recoverNode(node: SimNode): void {
    if (!node.down) return;
    node.down = false;
    node.downSince = undefined;
    node.gen++;
    const wasUnknown = node.ready === 'Unknown';
    node.ready = 'True';
    node.taints = node.taints.filter((t) => t.key !== TAINT_NODE_UNREACHABLE);
    if (wasUnknown) this.event(node, 'Normal', EV.NodeReady, `Node ${node.name} status is now: NodeReady`, 'node-controller');
    for (const p of [...this.pods.values()].sort((a, b) => a.ordinal - b.ordinal)) {
      if (p.gone || p.nodeName !== node.name) continue;
      p.kubelet.nodeNotReady = false;
      if (p.kubelet.admitted && !p.kubelet.terminal) this.startProbeWorkers(p);
      this.publish(p);
      this.syncPod(p);
    }
    this.clusterChanged();
  }
}

// ---------------------------------------------------------------- helpers

/**
 * The kubelet's admission of a pod that bypassed the scheduler (pkg/kubelet/lifecycle/predicate.go):
 * reason `OutOf<resource>` and the predicate's message.
 */
export function admissionRejection(spec: Json, node: SimNode, usage: NodeUsage): { reason: string; message: string } | undefined {
  const alloc = node.allocatable;
  if (usage.pods + 1 > (alloc.pods ?? 0)) return { reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${usage.pods}, capacity: ${alloc.pods ?? 0}` };
  const req = podRequests(spec);
  for (const r of ['cpu', 'memory', 'ephemeral-storage', ...Object.keys(req).filter((k) => !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(k)).sort()]) {
    const want = req[r] ?? 0;
    const used = usage.requested[r] ?? 0;
    const cap = alloc[r] ?? 0;
    if (want > 0 && want > cap - used) return { reason: `OutOf${r}`, message: `Node didn't have enough resource: ${r}, requested: ${want}, used: ${used}, capacity: ${cap}` };
  }
  return undefined;
}

export function restartPolicyOf(p: SimPod): string {
  return p.spec?.restartPolicy ?? DEFAULT_RESTART_POLICY;
}

function terminationGrace(p: SimPod): number {
  const v = p.spec?.terminationGracePeriodSeconds;
  return typeof v === 'number' ? v : DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
}

export function controllerRef(p: SimPod): OwnerRef | undefined {
  return p.ownerRefs.find((o) => o.controller === true);
}

/** IsPodActive (pkg/controller/controller_utils.go). */
export function isActive(p: SimPod): boolean {
  return !p.gone && p.phase !== 'Succeeded' && p.phase !== 'Failed' && p.deletionTimestamp === undefined;
}

function controllerSource(c: SimController): string {
  return c.kind === 'ReplicaSet' ? 'replicaset-controller' : 'replication-controller';
}

/** probe.ResolveContainerPort (pkg/probe): a number, a named port of the same container, or a numeric string. */
export function resolvePort(port: unknown, container: Json): number | string {
  if (typeof port === 'number') return port >= 1 && port <= 65535 ? port : `invalid port number: ${port}`;
  if (typeof port === 'string') {
    const named = (container?.ports ?? []).find((x: Json) => x?.name === port);
    const n = named ? named.containerPort : /^\d+$/.test(port) ? Number(port) : undefined;
    if (n === undefined) return `port ${port} not found`;
    return n >= 1 && n <= 65535 ? n : `invalid port number: ${n}`;
  }
  return 'port not found';
}

/** DefaultTolerationSeconds admission: not-ready and unreachable NoExecute for 300 s unless the pod says otherwise. */
export function withDefaultTolerations(tolerations: Json): Json[] {
  const list: Json[] = Array.isArray(tolerations) ? [...tolerations] : [];
  const has = (key: string) => list.some((t) => (t?.key === key || (!t?.key && t?.operator === 'Exists')) && (!t?.effect || t.effect === 'NoExecute'));
  if (!has(TAINT_NODE_UNREACHABLE)) list.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_UNREACHABLE_TOLERATION_SECONDS });
  return list;
}

/** containerd's wording for an image that does not exist (the pull error text is the CRI runtime's). */
export function pullNotFoundError(image: string): string {
  const r = parseImageReference(image);
  let full = image;
  if (r.ok) {
    let name = r.ref.name;
    const first = name.split('/')[0]!;
    const hasDomain = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    if (!hasDomain) name = `docker.io/${name.includes('/') ? name : `library/${name}`}`;
    const tag = effectiveTag(r.ref);
    full = `${name}${tag ? `:${tag}` : ''}${r.ref.digest ? `@${r.ref.digest}` : ''}`;
  }
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
}
