/**
 * The scheduler's filters in the default plugin order (pkg/scheduler/apis/config/v1/default_plugins.go:
 * NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit; VolumeBinding's
 * PreFilter), the FitError message (pkg/scheduler/framework/types.go) and a deterministic node choice.
 */
import { quantityOrUndefined, milliValue, unitValue } from '../k8s/quantity.js';
import type { Json, SimNode, Taint } from './model.js';
import {
  ERR_NO_NODES_AVAILABLE, FIT_ERROR_SINGLE_PERIOD_SINCE_MINOR, FIT_UNRESOLVABLE_OVER_ALLOCATABLE_SINCE_MINOR,
  PREEMPTION_NOT_HELPFUL, PREEMPTION_NO_VICTIMS, PREEMPTION_POLICY_NEVER, REASON_NODE_AFFINITY, REASON_NODE_NAME,
  REASON_NODE_PORTS, REASON_NODE_UNSCHEDULABLE, REASON_TOO_MANY_PODS, SCORING_DEFAULT_MEMORY_BYTES,
  SCORING_DEFAULT_MILLI_CPU, TAINT_NODE_UNSCHEDULABLE, untoleratedTaintReason,
} from './constants.js';

export type ResourceList = Record<string, number>;

/** cpu in millicores; everything else in whole units (bytes for memory and ephemeral-storage). */
export function resourceAmount(name: string, value: unknown): number {
  const q = quantityOrUndefined(value);
  if (!q) return 0;
  return name === 'cpu' ? milliValue(q) : unitValue(q);
}

function resourceList(raw: Json): ResourceList {
  const out: ResourceList = {};
  if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) out[k] = resourceAmount(k, v);
  return out;
}

/** A container's requests after SetDefaults_Pod: a request defaults to the limit when only the limit is set. */
export function containerRequests(c: Json): ResourceList {
  const req = resourceList(c?.resources?.requests);
  const lim = resourceList(c?.resources?.limits);
  const given = c?.resources?.requests ?? {};
  for (const [k, v] of Object.entries(lim)) if (!(k in given)) req[k] = v;
  return req;
}

function add(a: ResourceList, b: ResourceList): ResourceList {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function max(a: ResourceList, b: ResourceList): ResourceList {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}

/**
 * The pod's effective request (E.3, component-helpers resource/helpers.go): regular containers and
 * sidecars summed; each init container with the sidecars started before it; the larger wins; plus
 * overhead. Pod-level resources (spec.resources) replace cpu and memory.
 */
export function podRequests(spec: Json): ResourceList {
  let sum: ResourceList = {};
  for (const c of spec?.containers ?? []) sum = add(sum, containerRequests(c));
  let sidecars: ResourceList = {};
  let initMax: ResourceList = {};
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c);
    if (c?.restartPolicy === 'Always') {
      sidecars = add(sidecars, r);
      initMax = max(initMax, sidecars);
    } else initMax = max(initMax, add(r, sidecars));
  }
  sum = add(sum, sidecars);
  let total = max(sum, initMax);
  if (spec?.resources?.requests || spec?.resources?.limits) {
    const podLevel = containerRequests({ resources: spec.resources });
    for (const k of ['cpu', 'memory']) if (k in podLevel) total[k] = podLevel[k]!;
  }
  if (spec?.overhead) total = add(total, resourceList(spec.overhead));
  return total;
}

/** Requests for scoring: containers without a cpu/memory request count the non-zero defaults. */
function scoringRequests(spec: Json): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of spec?.containers ?? []) {
    const r = containerRequests(c);
    cpu += r.cpu || SCORING_DEFAULT_MILLI_CPU;
    memory += r.memory || SCORING_DEFAULT_MEMORY_BYTES;
  }
  return { cpu, memory };
}

export interface HostPort {
  protocol: string;
  ip: string;
  port: number;
}

export function podHostPorts(spec: Json): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const p of c?.ports ?? []) {
      if (typeof p?.hostPort === 'number' && p.hostPort > 0) out.push({ protocol: p.protocol ?? 'TCP', ip: p.hostIP || '0.0.0.0', port: p.hostPort });
    }
  }
  return out;
}

/** What is already on a node: the pods bound to it that still hold resources. */
export interface NodeUsage {
  pods: number;
  requested: ResourceList;
  scoring: { cpu: number; memory: number };
  ports: HostPort[];
}

export function emptyUsage(): NodeUsage {
  return { pods: 0, requested: {}, scoring: { cpu: 0, memory: 0 }, ports: [] };
}

interface PodFootprint {
  requests: ResourceList;
  scoring: { cpu: number; memory: number };
  ports: HostPort[];
}

/** Footprints per pod spec object: specs are replaced, never mutated, so the cache stays right. */
const footprints = new WeakMap<object, PodFootprint>();

function footprint(spec: Json): PodFootprint {
  if (spec === null || typeof spec !== 'object') return { requests: {}, scoring: { cpu: 0, memory: 0 }, ports: [] };
  let f = footprints.get(spec);
  if (!f) {
    f = { requests: podRequests(spec), scoring: scoringRequests(spec), ports: podHostPorts(spec) };
    footprints.set(spec, f);
  }
  return f;
}

export function addToUsage(u: NodeUsage, spec: Json): void {
  const f = footprint(spec);
  u.pods++;
  for (const [k, v] of Object.entries(f.requests)) u.requested[k] = (u.requested[k] ?? 0) + v;
  u.scoring.cpu += f.scoring.cpu;
  u.scoring.memory += f.scoring.memory;
  if (f.ports.length) u.ports.push(...f.ports);
}

function tolerates(tolerations: Json[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t?.effect && t.effect !== taint.effect) return false;
    if (t?.operator === 'Exists') return !t.key || t.key === taint.key;
    return t?.key === taint.key && (t?.value ?? '') === (taint.value ?? '');
  });
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate (TaintToleration Filter). */
export function untoleratedTaint(spec: Json, node: SimNode): Taint | undefined {
  const tol = Array.isArray(spec?.tolerations) ? spec.tolerations : [];
  return node.taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tol, t));
}

/** Does a pod tolerate a NoExecute taint, and for how long (undefined: forever)? */
export function noExecuteToleration(tolerations: Json[], taint: Taint): { tolerated: boolean; seconds: number | undefined } {
  const matching = tolerations.filter((t) => tolerates([t], taint));
  if (matching.length === 0) return { tolerated: false, seconds: undefined };
  const secs = matching.map((t) => (typeof t?.tolerationSeconds === 'number' ? t.tolerationSeconds : undefined));
  if (secs.some((s) => s === undefined)) return { tolerated: true, seconds: undefined };
  return { tolerated: true, seconds: Math.max(0, Math.min(...(secs as number[]))) };
}

function matchRequirement(req: Json, value: string | undefined): boolean {
  const values: string[] = (req?.values ?? []).map(String);
  switch (req?.operator) {
    case 'In': return value !== undefined && values.includes(value);
    case 'NotIn': return value === undefined || !values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && /^-?\d+$/.test(value) && Number(value) > Number(values[0]);
    case 'Lt': return value !== undefined && /^-?\d+$/.test(value) && Number(value) < Number(values[0]);
    default: return false;
  }
}

/** nodeSelector and required node affinity (NodeAffinity Filter): both must match. */
export function matchesNodeAffinity(spec: Json, node: SimNode): boolean {
  const sel = spec?.nodeSelector;
  if (sel && typeof sel === 'object') for (const [k, v] of Object.entries(sel)) if (node.labels[k] !== String(v)) return false;
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms: Json[] = required?.nodeSelectorTerms ?? [];
  if (required && terms.length >= 0 && required.nodeSelectorTerms) {
    const ok = terms.some((term) => {
      const exprs: Json[] = term?.matchExpressions ?? [];
      const fields: Json[] = term?.matchFields ?? [];
      if (exprs.length === 0 && fields.length === 0) return false;
      return exprs.every((r) => matchRequirement(r, node.labels[r?.key])) && fields.every((r) => matchRequirement(r, r?.key === 'metadata.name' ? node.name : undefined));
    });
    if (!ok) return false;
  }
  return true;
}

type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';
interface NodeStatus {
  reasons: string[];
  code: Code;
}

const BASIC_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
/** fitsRequest's order: cpu, memory, ephemeral-storage, then scalar resources. */
function resourceOrder(req: ResourceList): string[] {
  const keys = Object.keys(req);
  if (keys.every((k) => k === 'cpu' || k === 'memory')) return BASIC_RESOURCES;
  return [...BASIC_RESOURCES, ...keys.filter((k) => !BASIC_RESOURCES.includes(k) && k !== 'pods').sort()];
}

/** Run the filters on one node; undefined when it fits. */
export function filterNode(spec: Json, node: SimNode, usage: NodeUsage, minor: number): NodeStatus | undefined {
  // NodeUnschedulable
  if (node.unschedulable) {
    const tol = Array.isArray(spec?.tolerations) ? spec.tolerations : [];
    if (!tolerates(tol, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' })) return { reasons: [REASON_NODE_UNSCHEDULABLE], code: 'UnschedulableAndUnresolvable' };
  }
  // NodeName
  if (spec?.nodeName && spec.nodeName !== node.name) return { reasons: [REASON_NODE_NAME], code: 'UnschedulableAndUnresolvable' };
  // TaintToleration
  const taint = untoleratedTaint(spec, node);
  if (taint) return { reasons: [untoleratedTaintReason(taint.key, taint.value ?? '')], code: 'UnschedulableAndUnresolvable' };
  // NodeAffinity
  if (!matchesNodeAffinity(spec, node)) return { reasons: [REASON_NODE_AFFINITY], code: 'UnschedulableAndUnresolvable' };
  // NodePorts
  const wanted = footprint(spec).ports;
  if (wanted.length > 0 && wanted.some((w) => usage.ports.some((u) => u.port === w.port && u.protocol === w.protocol && (u.ip === w.ip || u.ip === '0.0.0.0' || w.ip === '0.0.0.0')))) {
    return { reasons: [REASON_NODE_PORTS], code: 'Unschedulable' };
  }
  // NodeResourcesFit
  const reasons: string[] = [];
  let unresolvable = false;
  const allocPods = node.allocatable.pods ?? 0;
  if (usage.pods + 1 > allocPods) reasons.push(REASON_TOO_MANY_PODS);
  const req = footprint(spec).requests;
  for (const r of resourceOrder(req)) {
    const want = req[r] ?? 0;
    if (want <= 0) continue;
    const alloc = node.allocatable[r] ?? 0;
    if (want > alloc - (usage.requested[r] ?? 0)) {
      reasons.push(`Insufficient ${r}`);
      if (minor >= FIT_UNRESOLVABLE_OVER_ALLOCATABLE_SINCE_MINOR && want > alloc) unresolvable = true;
    }
  }
  if (reasons.length > 0) return { reasons, code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable' };
  return undefined;
}

export type ScheduleResult = { ok: true; node: SimNode } | { ok: false; message: string };

function histogram(entries: string[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort().join(', ');
}

/**
 * One scheduling attempt. `preFilterError` is a PreFilter rejection (e.g. a missing PVC) that puts the
 * same status on every node. The feasible node with the most free capacity (LeastAllocated-like score
 * on cpu and memory) wins; ties go to the node name.
 */
export function schedule(spec: Json, nodes: SimNode[], usage: Map<string, NodeUsage>, minor: number, preFilterError?: string): ScheduleResult {
  if (nodes.length === 0) return { ok: false, message: ERR_NO_NODES_AVAILABLE };
  const n = nodes.length;
  const statuses: NodeStatus[] = [];
  const feasible: SimNode[] = [];
  let message: string;
  if (preFilterError) {
    message = `0/${n} nodes are available: ${preFilterError}.`;
    for (let i = 0; i < n; i++) statuses.push({ reasons: [preFilterError], code: 'UnschedulableAndUnresolvable' });
  } else {
    for (const node of nodes) {
      const s = filterNode(spec, node, usage.get(node.name) ?? emptyUsage(), minor);
      if (s) statuses.push(s);
      else feasible.push(node);
    }
    if (feasible.length > 0) {
      let best = feasible[0]!;
      let bestScore = -Infinity;
      for (const node of feasible) {
        const u = usage.get(node.name) ?? emptyUsage();
        const want = footprint(spec).scoring;
        const cpuAlloc = node.allocatable.cpu ?? 0;
        const memAlloc = node.allocatable.memory ?? 0;
        const free = (alloc: number, used: number) => (alloc > 0 ? Math.max(0, alloc - used) / alloc : 0);
        const score = Math.floor(((free(cpuAlloc, u.scoring.cpu + want.cpu) + free(memAlloc, u.scoring.memory + want.memory)) / 2) * 100);
        if (score > bestScore || (score === bestScore && node.name < best.name)) {
          best = node;
          bestScore = score;
        }
      }
      return { ok: true, node: best };
    }
    message = `0/${n} nodes are available: ${histogram(statuses.flatMap((s) => s.reasons))}.`;
  }
  let post: string;
  if (spec?.preemptionPolicy === 'Never') post = `preemption: ${PREEMPTION_POLICY_NEVER}`;
  else post = `preemption: 0/${n} nodes are available: ${histogram(statuses.map((s) => (s.code === 'UnschedulableAndUnresolvable' ? PREEMPTION_NOT_HELPFUL : PREEMPTION_NO_VICTIMS)))}.`;
  message += minor >= FIT_ERROR_SINGLE_PERIOD_SINCE_MINOR ? ` ${post}` : ` ${post}.`;
  return { ok: false, message };
}
