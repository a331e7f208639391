/** simulate(objects, options) → Trace: set up the cluster, apply the manifests at 0 s, run the scenario. */
import {
  DEFAULT_CLUSTER, DEFAULT_INIT_CONTAINER_RUN_SECONDS, DEFAULT_PULL_SECONDS, CACHED_PULL_SECONDS, FAILED_PULL_SECONDS,
  DEFAULT_UNTIL_SECONDS, MAX_MINOR, MIN_MINOR, EXACT_CRASH_BACKOFF_REQUEUE_SINCE_MINOR, DEFAULT_UNREACHABLE_TOLERATION_SECONDS,
} from './constants.js';
import { Engine, controllerRef, type ContainerHistory } from './engine.js';
import type { Json, SimNode, SimPod } from './model.js';
import { behaviorAnnotationError, isReferencedKind, isSimulatedKind, namespaceOf, resourceOf, writeObject, type SimInput } from './objects.js';
import { executeCommand } from './commands.js';
import { podRefs } from './refs.js';
import { resourceAmount } from './scheduler.js';
import { SimInputError, type Scenario } from './scenario.js';
import { printPod } from './status.js';
import { clock, goDuration, humanDuration, seconds, type Ms } from './time.js';
import type { ControllerSummary, NodeSummary, PodSummary, TimelineEntry, TimelineSegment, Trace } from './trace.js';
import { renderTable } from './render-table.js';

import { PRIVILEGED_POLICY, levelVersionString, policyToEvaluate, type PsaPolicy } from '../k8s/pod-security.js';

export interface SimulateOptions {
  seed?: number;
  /** Simulated duration in milliseconds. */
  until?: Ms;
  /** Node objects (`kubectl get nodes -o yaml`); the built-in cluster when absent. */
  cluster?: SimInput[];
  scenario?: Scenario;
  /** `1.28` … `1.36` (default: the newest). */
  kubernetesVersion?: string;
  /** Treat ConfigMaps, Secrets and PVCs that are not among the inputs as missing. */
  strictRefs?: boolean;
}

export function parseKubernetesMinor(version: string | undefined): number | undefined {
  if (version === undefined) return MAX_MINOR;
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  if (!m) return undefined;
  const minor = Number(m[1]);
  return minor >= MIN_MINOR && minor <= MAX_MINOR ? minor : undefined;
}

function defaultNodes(): SimNode[] {
  const nodes: SimNode[] = [];
  for (let i = 0; i < DEFAULT_CLUSTER.nodes; i++) {
    const name = `${DEFAULT_CLUSTER.namePrefix}${i + 1}`;
    nodes.push({
      name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
      allocatable: { cpu: resourceAmount('cpu', DEFAULT_CLUSTER.cpu), memory: resourceAmount('memory', DEFAULT_CLUSTER.memory), pods: Number(DEFAULT_CLUSTER.pods) },
      taints: [], unschedulable: false, ready: 'True', down: false, downSince: undefined, gen: 0, index: i, images: new Set(), ipCounter: 0,
    });
  }
  return nodes;
}

function nodesFrom(inputs: SimInput[]): SimNode[] {
  const nodes: SimNode[] = [];
  for (const input of inputs) {
    const o = input.value;
    if (o?.kind !== 'Node') throw new SimInputError(input.file, input.line, `--cluster expects Node objects (kubectl get nodes -o yaml); found ${o?.kind ? `kind ${o.kind}` : 'an object without kind'}`);
    const name = o?.metadata?.name;
    if (!name) throw new SimInputError(input.file, input.line, 'a Node needs metadata.name');
    if (nodes.some((n) => n.name === name)) throw new SimInputError(input.file, input.line, `node "${name}" appears twice`);
    const raw = o?.status?.allocatable ?? o?.status?.capacity;
    if (!raw) throw new SimInputError(input.file, input.line, `node "${name}" has neither status.allocatable nor status.capacity`);
    const allocatable: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) allocatable[k] = resourceAmount(k, v);
    const taints = (Array.isArray(o?.spec?.taints) ? o.spec.taints : []).map((t: Json) => ({ key: String(t?.key ?? ''), value: t?.value === undefined ? undefined : String(t.value), effect: String(t?.effect ?? '') }));
    nodes.push({ name, labels: { ...(o?.metadata?.labels ?? {}) }, allocatable, taints, unschedulable: o?.spec?.unschedulable === true, ready: 'True', down: false, downSince: undefined, gen: 0, index: nodes.length, images: new Set(), ipCounter: 0 });
  }
  return nodes;
}

function cpuText(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

function memText(bytes: number): string {
  for (const [s, f] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) if (bytes % f === 0 && bytes >= f) return `${bytes / f}${s}`;
  return String(bytes);
}

export function simulate(objects: SimInput[], options: SimulateOptions = {}): Trace {
  const minor = parseKubernetesMinor(options.kubernetesVersion);
  if (minor === undefined) throw new Error(`unsupported Kubernetes version "${options.kubernetesVersion}" (podlint knows 1.${MIN_MINOR} … 1.${MAX_MINOR})`);
  const seed = options.seed ?? 1;
  const until = options.until ?? options.scenario?.until ?? seconds(DEFAULT_UNTIL_SECONDS);
  const existing = new Set<string>();
  const ignored: string[] = [];
  for (const input of objects) {
    const v = input.value;
    if (isReferencedKind(v?.kind)) existing.add(`${String(v.kind).toLowerCase()}/${namespaceOf(v)}/${v?.metadata?.name}`);
    else if (!isSimulatedKind(v?.kind)) ignored.push(`${v?.kind ?? '(no kind)'} ${v?.metadata?.name ?? ''} (${input.file}:${input.line})`.replace('  ', ' '));
    // podlint's own annotation must be right; what the API server would reject is shown as kubectl shows it.
    const err = behaviorAnnotationError(v);
    if (err) throw new SimInputError(input.file, input.line, err);
  }
  const podSecurity = new Map<string, PsaPolicy>();
  for (const input of objects) {
    const v = input.value;
    if (v?.kind !== 'Namespace' || v?.apiVersion !== 'v1' || typeof v?.metadata?.name !== 'string') continue;
    const labels = v.metadata.labels && typeof v.metadata.labels === 'object' ? (v.metadata.labels as Record<string, unknown>) : undefined;
    podSecurity.set(v.metadata.name, policyToEvaluate(labels, PRIVILEGED_POLICY).policy);
  }
  const engine = new Engine({ seed, minor, strictRefs: options.strictRefs === true, existing, podSecurity });
  const nodes = options.cluster ? nodesFrom(options.cluster) : defaultNodes();
  engine.nodes.push(...nodes);

  // t = 0: kubectl apply -f <inputs>
  const initial = objects.filter((o) => isSimulatedKind(o.value?.kind) || isReferencedKind(o.value?.kind));
  if (initial.length) {
    const files = [...new Set(initial.map((o) => o.file))];
    const out: string[] = [];
    let error = false;
    const seq = engine.nextSeq();
    for (const input of initial) {
      const r = writeObject(engine, input, 'apply', input.file);
      out.push(r.ok ? r.message : `${input.file}:${input.line}: ${r.message}`);
      if (!r.ok) error = true;
    }
    engine.stepRecords.push({ time: 0, seq, command: `kubectl apply ${files.map((f) => `-f ${f}`).join(' ')}`, output: out.join('\n'), error });
  }
  const steps = options.scenario?.steps ?? [];
  steps.forEach((s, i) => engine.queue.push(s.at, { k: 'step', i }));
  engine.stepHandler = (i) => {
    const s = steps[i]!;
    const seq = engine.nextSeq();
    const r = executeCommand(engine, s.command, renderTable);
    engine.stepRecords.push({ time: engine.now, seq, command: s.run, output: r.output, error: r.error });
  };
  engine.run(until);

  const late = steps.filter((st) => st.at > until);
  const notes = late.length ? [`Steps after ${clock(until)} did not run: ${late.map((st) => `${clock(st.at)} "${st.run}"`).join(', ')} (raise --until or the scenario's until).`] : [];
  const trace: Trace = {
    seed, until, kubernetesVersion: `1.${minor}`,
    assumptions: [...assumptions(engine, options, minor, nodes, ignored), ...notes],
    nodes: nodes.map((n): NodeSummary => ({
      name: n.name, cpu: cpuText(n.allocatable.cpu ?? 0), memory: memText(n.allocatable.memory ?? 0), pods: n.allocatable.pods ?? 0,
      ready: n.down ? (n.ready === 'Unknown' ? 'NotReady' : 'Ready (kubelet down, not yet noticed)') : 'Ready',
      taints: n.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`), unschedulable: n.unschedulable,
    })),
    events: engine.events,
    watch: engine.watch,
    controllerRows: engine.controllerRows,
    steps: engine.stepRecords.sort((a, b) => a.seq - b.seq),
    pods: [...engine.pods.values()].sort((a, b) => a.ordinal - b.ordinal).map((p) => podSummary(engine, p, until)),
    controllers: [...engine.controllers.values()].sort((a, b) => a.ordinal - b.ordinal).map((c): ControllerSummary => ({ kind: c.kind, namespace: c.namespace, name: c.name, desired: c.replicas, current: c.status.replicas, ready: c.status.ready, deleted: c.gone })),
    timeline: timeline(engine, until),
  };
  return trace;
}

function assumptions(engine: Engine, options: SimulateOptions, minor: number, nodes: SimNode[], ignored: string[]): string[] {
  const a: string[] = [];
  a.push(`Kubernetes 1.${minor}: node-monitor-grace-period ${engine.nodeMonitorGraceSeconds()}s; a container in crash back-off restarts ${minor >= EXACT_CRASH_BACKOFF_REQUEUE_SINCE_MINOR ? 'exactly when its back-off expires (kubelet PR #133066, 1.35+)' : 'at the first 10–15 s pod-worker resync after its back-off expires (before 1.35)'}.`);
  if (options.cluster) a.push(`Cluster: ${nodes.length} node(s) from --cluster: ${nodes.map((n) => `${n.name} (${cpuText(n.allocatable.cpu ?? 0)} CPU, ${memText(n.allocatable.memory ?? 0)} memory, ${n.allocatable.pods ?? 0} pods${n.taints.length ? `, taints ${n.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(' ')}` : ''}${n.unschedulable ? ', cordoned' : ''})`).join(', ')}.`);
  else a.push(`Cluster: built-in default of ${DEFAULT_CLUSTER.nodes} nodes (${nodes.map((n) => n.name).join(', ')}), each ${DEFAULT_CLUSTER.cpu} CPU, ${DEFAULT_CLUSTER.memory} memory, ${DEFAULT_CLUSTER.pods} pods allocatable, no taints; use --cluster FILE with \`kubectl get nodes -o yaml\` output for your own.`);
  a.push('Containers: without the podlint.io/behavior annotation (or a scenario `behavior` step) a container runs forever, answers probes on its declared containerPorts at once, and its image can be pulled. podlint does not guess behaviour from image names: an httpd image answers on port 80 only when port 80 is declared.');
  a.push(`Exec probes succeed once the container's startupTime has passed; HTTP probes get a 2xx from a listening port; probe timeouts are not modelled.`);
  a.push(`Images are absent from every node at first; the first pull on a node takes ${DEFAULT_PULL_SECONDS}s (behavior pullTime), an Always pull of an image already on the node ${CACHED_PULL_SECONDS}s, a failing pull ${FAILED_PULL_SECONDS}s with containerd's "not found" error; pulls of one pod run one after another.`);
  a.push('The scheduler binds a pod the moment it is created and the kubelet starts work at once; creating and starting a container take no time; the kubelet notices a container exit at once; controllers see new, deleted and relabelled pods at once and a pod that Succeeded or Failed 1 s later.');
  a.push('A container stops as soon as it gets SIGTERM (exit code 143) unless its behavior stopTime is longer; after the grace period it is killed (exit code 137).');
  a.push('The kubelet re-syncs a pod that hit an error (image pull, back-off, config) after 10–15 s; the jitter is drawn from the seed.');
  a.push('Node choice: the feasible node with the most free cpu and memory after placement (a LeastAllocated-like score), ties to the node name. No priority classes: preemption finds no victims.');
  a.push(`Node failure: pods on an unreachable node are marked not ready after the node-monitor grace period and evicted (deleted) after the default ${DEFAULT_UNREACHABLE_TOLERATION_SECONDS}s unreachable toleration; they stay Terminating until the node returns. While a node is down its containers are frozen as last reported.`);
  a.push(`Init containers without behaviour overrides complete (exit 0) ${DEFAULT_INIT_CONTAINER_RUN_SECONDS}s after they start.`);
  const refs = new Set<string>();
  for (const p of engine.pods.values()) {
    const r = podRefs(p.spec);
    for (const v of r.volumes) refs.add(`${v.kind}/${v.name}`);
    for (const list of r.env.values()) for (const e of list) refs.add(`${e.kind}/${e.name}`);
  }
  const missing = [...refs].filter((k) => !engine.opts.existing.has(`${k.split('/')[0]}/default/${k.split('/')[1]}`) && ![...engine.opts.existing].some((e) => e.startsWith(`${k.split('/')[0]}/`) && e.endsWith(`/${k.split('/')[1]}`))).sort();
  if (missing.length) {
    a.push(options.strictRefs
      ? `--strict-refs: ${missing.join(', ')} are not among the inputs, so they are treated as missing.`
      : `${missing.join(', ')} are referenced but not among the inputs; they are assumed to exist (use --strict-refs to treat them as missing).`);
  }
  if ([...engine.controllers.values()].some((c) => c.kind === 'Deployment')) a.push("Deployments name their ReplicaSets <deployment>-<pod-template-hash>; podlint hashes the template's JSON, so the hash differs from the one a cluster computes.");
  const enforced = [...(engine.opts.podSecurity ?? new Map<string, PsaPolicy>())].filter(([, p]) => p.enforce.level !== 'privileged').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (enforced.length) a.push(`PodSecurity admission: ${enforced.map(([ns, p]) => `namespace ${ns} enforces ${levelVersionString(p.enforce)}`).join(', ')} (its Namespace labels); a pod that violates it is forbidden, and a controller records FailedCreate.`);
  if (ignored.length) a.push(`Not simulated (podlint simulates Pods, ReplicationControllers, ReplicaSets and Deployments): ${ignored.join(', ')}.`);
  return a;
}

function podSummary(engine: Engine, p: SimPod, until: Ms): PodSummary {
  const row = printPod(p, until);
  const ref = controllerRef(p);
  return {
    namespace: p.namespace, name: p.name, owner: ref ? `${ref.kind}/${ref.name}` : null, node: p.nodeName ?? null, phase: p.phase,
    status: row.status, ready: row.ready, restarts: row.restarts, restartsText: row.restartsText,
    age: humanDuration((p.goneAt ?? until) - p.createdAt), why: why(engine, p), deleted: p.gone,
  };
}

/** Why the pod is where it is, in Kubernetes' words where they exist. */
function why(engine: Engine, p: SimPod): string {
  if (p.gone) return `deleted at ${clock(p.goneAt!)}`;
  if (p.deletionTimestamp !== undefined) {
    const node = engine.nodeOf(p);
    if (node?.down) return `being deleted since ${clock(p.deletionTimestamp)}; node ${node.name} is unreachable, so its kubelet cannot confirm that the containers stopped`;
    return `being deleted since ${clock(p.deletionTimestamp)} (grace period ${p.deletionGraceSeconds}s)`;
  }
  if (p.nodeName === undefined) return p.sched.message ? `Unschedulable: ${p.sched.message}` : 'waiting for the scheduler';
  const node = engine.nodeOf(p);
  if (!node) return `spec.nodeName names node "${p.nodeName}", which does not exist, so no kubelet runs it`;
  if (node.down) return `node ${node.name} is unreachable since ${clock(node.downSince!)}${p.kubelet.nodeNotReady ? '; the node controller marked the pod not ready' : ''}`;
  if (p.kubelet.mountError) return `ContainerCreating: ${p.kubelet.mountError}`;
  const parts: string[] = [];
  for (const c of p.containers) {
    const s = c.state;
    if (s.kind === 'waiting' && s.reason && s.reason !== 'ContainerCreating' && s.reason !== 'PodInitializing') {
      parts.push(`${c.name}: ${s.reason}${s.message ? `: ${s.message}` : ''}${c.lastTerminated ? ` (last exit code ${c.lastTerminated.exitCode} at ${clock(c.lastTerminated.finishedAt)})` : ''}`);
    } else if (s.kind === 'terminated') parts.push(`${c.name}: terminated with exit code ${s.exitCode} (${s.reason}) at ${clock(s.finishedAt)}`);
    else if (s.kind === 'running' && !c.ready && (!c.init || c.sidecar)) {
      const failing = c.workers.find((w) => w.instance === c.instance && w.lastResult === 'Failure');
      parts.push(`${c.name}: running since ${clock(s.startedAt)}, not ready${failing ? ` (${failing.type} probe failing)` : c.started ? '' : ' (not started: startup probe has not succeeded)'}`);
    } else if (s.kind === 'running' && c.restartCount > 0) parts.push(`${c.name}: running since ${clock(s.startedAt)} after ${c.restartCount} restart(s)`);
  }
  if (parts.length) return parts.join('; ');
  if (p.phase === 'Running' && p.readyCondition.status) return `running and ready since ${clock(p.readyCondition.lastTransition)}`;
  if (p.phase === 'Pending') return 'ContainerCreating: pulling images';
  return p.phase;
}

function timeline(engine: Engine, until: Ms): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const hs = [...engine.histories.values()].sort((a, b) => a.pod.ordinal - b.pod.ordinal || a.container.index - b.container.index);
  for (const h of hs) {
    if (!interesting(h)) continue;
    const end = h.pod.goneAt ?? until;
    const segments: TimelineSegment[] = [];
    h.transitions.forEach((t, i) => {
      const to = i + 1 < h.transitions.length ? h.transitions[i + 1]!.time : end;
      if (to > t.time || (i === h.transitions.length - 1 && to === t.time)) segments.push({ from: t.time, to, state: t.state, ...(t.reason ? { reason: t.reason } : {}) });
    });
    out.push({ pod: h.pod.name, namespace: h.pod.namespace, container: h.container.name, segments, restarts: h.restarts });
  }
  return out;
}

function interesting(h: ContainerHistory): boolean {
  return h.restarts.length > 0 || h.transitions.some((t) => t.state === 'backoff' || (t.state === 'waiting' && t.reason !== 'ContainerCreating' && t.reason !== 'PodInitializing'));
}

export { goDuration, resourceOf };
