/**
 * Helpers shared by the run-time rules (probes, restarts, controllers). Not a rule: files starting with
 * `_` are skipped by scripts/gen-rule-index.mjs.
 */
import type { Probe } from 'kubernetes-types/core/v1.js';
import type { K8sObject, ObjectInfo, PodSpecTarget } from '../src/engine/rule.js';
import { groupOf, podSpecLocation } from '../src/engine/kinds.js';
import { getAt } from '../src/source/locate.js';
import {
  CRASH_LOOP_BACKOFF_MAX_SECONDS,
  DEFAULT_HTTP_GET_PATH,
  DEFAULT_HTTP_GET_SCHEME,
  DEFAULT_PORT_PROTOCOL,
  DEFAULT_RESTART_POLICY,
  PROBE_DEFAULTS,
  crashLoopBackOffSeconds,
} from '../src/k8s/defaults.js';
import { isRecord, type ContainerRef, type ProbeType } from '../src/k8s/podspec.js';
import { SelectionIndex, formatLabels, formatSelector, matchesSelector, type LabelSelector, type Labels } from '../src/k8s/selector.js';

export { formatLabels };

/** metav1.NamespaceDefault (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go): where an object without metadata.namespace lands in the usual kubectl context. */
export const DEFAULT_NAMESPACE = 'default';

/** Probe timing after SetDefaults_Probe (pkg/apis/core/v1/defaults.go): 0 and absent take the default. */
export interface ProbeTiming {
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

function positiveOr(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : dflt;
}

export function probeTiming(probe: Probe | Record<string, unknown>): ProbeTiming {
  const p = probe as Record<string, unknown>;
  const delay = p.initialDelaySeconds;
  return {
    initialDelaySeconds: typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? delay : PROBE_DEFAULTS.initialDelaySeconds,
    timeoutSeconds: positiveOr(p.timeoutSeconds, PROBE_DEFAULTS.timeoutSeconds),
    periodSeconds: positiveOr(p.periodSeconds, PROBE_DEFAULTS.periodSeconds),
    successThreshold: positiveOr(p.successThreshold, PROBE_DEFAULTS.successThreshold),
    failureThreshold: positiveOr(p.failureThreshold, PROBE_DEFAULTS.failureThreshold),
  };
}

/**
 * Seconds from container start until a probe that fails from the start reaches failureThreshold
 * (the upper estimate: initialDelaySeconds + failureThreshold × periodSeconds; pkg/kubelet/prober/worker.go).
 */
export function failureBudgetSeconds(t: ProbeTiming): number {
  return t.initialDelaySeconds + t.failureThreshold * t.periodSeconds;
}

/** Seconds from container start until a probe that succeeds from the start can first report success. */
export function earliestSuccessSeconds(t: ProbeTiming): number {
  return t.initialDelaySeconds + (t.successThreshold - 1) * t.periodSeconds;
}

/** `30 s`, `5 min`, `1 min 30 s`. */
export function formatSeconds(s: number): string {
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const r = s - m * 60;
  return r === 0 ? `${m} min` : `${m} min ${r} s`;
}

/** "10 s, 20 s, 40 s … up to 5 min": the kubelet's CrashLoopBackOff delays (pkg/kubelet/kubelet.go). */
export function backOffDescription(): string {
  const first = [1, 2, 3].map((i) => formatSeconds(crashLoopBackOffSeconds(i)));
  return `${first.join(', ')} … up to ${formatSeconds(CRASH_LOOP_BACKOFF_MAX_SECONDS)}`;
}

/** The pod spec's restartPolicy after SetDefaults_PodSpec. */
export function restartPolicyOf(target: PodSpecTarget): string {
  const rp = (target.spec as unknown as Record<string, unknown>).restartPolicy;
  return typeof rp === 'string' && rp !== '' ? rp : DEFAULT_RESTART_POLICY;
}

/** `container "web"` or `container #2` for an unnamed one. */
export function containerLabel(c: ContainerRef): string {
  const what = c.kind === 'init' ? (c.isSidecar ? 'sidecar container' : 'init container') : c.kind === 'ephemeral' ? 'ephemeral container' : 'container';
  return c.name !== undefined ? `${what} "${c.name}"` : `${what} #${c.index + 1}`;
}

export const PROBE_FIELD_LABEL: Record<ProbeType, string> = { liveness: 'liveness', readiness: 'readiness', startup: 'startup' };

/** A declared container port: number, protocol (defaulted to TCP, SetDefaults_ContainerPort) and name. */
export interface DeclaredPort {
  containerPort: number;
  protocol: string;
  name?: string;
}

export function declaredPorts(container: unknown): DeclaredPort[] {
  if (!isRecord(container) || !Array.isArray(container.ports)) return [];
  const out: DeclaredPort[] = [];
  for (const p of container.ports) {
    if (!isRecord(p) || typeof p.containerPort !== 'number') continue;
    const d: DeclaredPort = { containerPort: p.containerPort, protocol: typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : DEFAULT_PORT_PROTOCOL };
    if (typeof p.name === 'string') d.name = p.name;
    out.push(d);
  }
  return out;
}

/** A handler in canonical form (defaults applied) for comparing two probes. */
export function canonicalHandler(probe: Record<string, unknown>): string | undefined {
  if (isRecord(probe.exec)) return JSON.stringify({ exec: probe.exec.command ?? [] });
  if (isRecord(probe.httpGet)) {
    const h = probe.httpGet;
    return JSON.stringify({
      httpGet: {
        host: h.host ?? '',
        path: h.path ?? DEFAULT_HTTP_GET_PATH,
        port: h.port,
        scheme: h.scheme ?? DEFAULT_HTTP_GET_SCHEME,
        headers: h.httpHeaders ?? [],
      },
    });
  }
  if (isRecord(probe.tcpSocket)) return JSON.stringify({ tcpSocket: { host: probe.tcpSocket.host ?? '', port: probe.tcpSocket.port } });
  if (isRecord(probe.grpc)) return JSON.stringify({ grpc: { port: probe.grpc.port, service: probe.grpc.service ?? '' } });
  return undefined;
}

/** Short human description of a probe's handler: `httpGet / on port 8080`, `exec cat /tmp/healthy`. */
export function describeHandler(probe: Record<string, unknown>): string {
  if (isRecord(probe.exec)) {
    const cmd = Array.isArray(probe.exec.command) ? probe.exec.command.map(String).join(' ') : '';
    return `exec "${cmd}"`;
  }
  if (isRecord(probe.httpGet)) return `httpGet ${String(probe.httpGet.path ?? DEFAULT_HTTP_GET_PATH)} on port ${String(probe.httpGet.port)}`;
  if (isRecord(probe.tcpSocket)) return `tcpSocket on port ${String(probe.tcpSocket.port)}`;
  if (isRecord(probe.grpc)) return `grpc on port ${String(probe.grpc.port)}`;
  return 'no handler';
}

/** The port a probe's handler targets, and whether it targets another host. */
export function probePort(probe: Record<string, unknown>): { handler: 'httpGet' | 'tcpSocket' | 'grpc'; port: unknown; otherHost: boolean } | undefined {
  for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    const h = probe[handler];
    if (isRecord(h)) return { handler, port: h.port, otherHost: typeof h.host === 'string' && h.host !== '' };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Controllers and their selectors (cross-object rules)

/**
 * Kinds whose controller adopts any orphan pod its selector matches (ClaimPods without an extra filter):
 * pkg/controller/replicaset/replica_set.go (also RCs), pkg/controller/daemon/daemon_controller.go.
 * StatefulSets only claim pods named after them (isMemberOf, pkg/controller/statefulset/stateful_set_utils.go);
 * Deployments claim ReplicaSets, whose selectors carry pod-template-hash.
 */
export const POD_ADOPTING_KINDS = new Set(['ReplicationController', 'ReplicaSet', 'DaemonSet']);
/** Kinds whose selectors Kubernetes documents must not overlap (they manage pods through labels). */
export const SELECTOR_CONTROLLER_KINDS = new Set(['ReplicationController', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet']);

export type ControllerSelector = { type: 'map'; selector: Labels; defaulted: boolean } | { type: 'label'; selector: LabelSelector };

export interface Controller {
  info: ObjectInfo;
  namespace: string;
  selector: ControllerSelector;
  /** JSON pointer of the selector (for an RC whose selector defaults from the template: the template labels). */
  selectorPath: string;
  templateLabels: Labels | undefined;
  /** JSON pointer of the template labels. */
  templateLabelsPath: string;
  replicas: number | undefined;
}

export function stringLabels(v: unknown): Labels | undefined {
  if (!isRecord(v)) return undefined;
  const out: Labels = {};
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const val = v[k];
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

export function namespaceOf(info: ObjectInfo): string {
  return info.namespace && info.namespace !== '' ? info.namespace : DEFAULT_NAMESPACE;
}

/** The fields controllerOf, hasControllerRef and a Pod's labels read: what selector-based cross-object rules keep of an object. */
export function selectionFields(info: ObjectInfo): string[] {
  const loc = podSpecLocation(info.apiVersion, info.kind);
  const fields = ['/metadata/labels', '/metadata/ownerReferences', '/spec/replicas', '/spec/selector'];
  if (loc) fields.push(`${loc.metadata}/labels`);
  return fields;
}

/** Where selector-based cross-object rules report: a controller's selector and template labels, a Pod's labels. */
export function selectionAnchors(info: ObjectInfo): string[] {
  if (info.kind === 'Pod') return ['/metadata/labels'];
  if (!SELECTOR_CONTROLLER_KINDS.has(info.kind)) return [];
  const loc = podSpecLocation(info.apiVersion, info.kind);
  return loc ? ['/spec/selector', `${loc.metadata}/labels`] : [];
}

/** controllerOf's answers by object: the cross-object rules of one run share them. */
const controllers = new WeakMap<ObjectInfo, Controller | null>();

/** The controller view of an object, or undefined when it is not a selector-based controller (or has no usable selector). */
export function controllerOf(info: ObjectInfo): Controller | undefined {
  let c = controllers.get(info);
  if (c === undefined) controllers.set(info, (c = readController(info) ?? null));
  return c ?? undefined;
}

function readController(info: ObjectInfo): Controller | undefined {
  if (!SELECTOR_CONTROLLER_KINDS.has(info.kind)) return undefined;
  const loc = podSpecLocation(info.apiVersion, info.kind);
  if (!loc) return undefined;
  const obj: K8sObject = info.object;
  const templateLabelsPath = labelsPointer(loc.metadata);
  const templateLabels = stringLabels(getAt(obj, templateLabelsPath));
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  const replicasRaw = spec?.replicas;
  const replicas = typeof replicasRaw === 'number' ? replicasRaw : info.kind === 'DaemonSet' ? undefined : 1;
  const sel = spec?.selector;
  const namespace = namespaceOf(info);
  const controller = (selector: ControllerSelector, selectorPath: string): Controller => ({ info, namespace, selector, selectorPath, templateLabels, templateLabelsPath, replicas });
  if (info.kind === 'ReplicationController' && groupOf(info.apiVersion) === '') {
    // SetDefaults_ReplicationController: an absent or empty selector defaults to the template labels.
    const m = stringLabels(sel);
    if (m && hasAny(m)) return controller({ type: 'map', selector: m, defaulted: false }, '/spec/selector');
    if (templateLabels && hasAny(templateLabels)) return controller({ type: 'map', selector: templateLabels, defaulted: true }, templateLabelsPath);
    return undefined;
  }
  if (!isRecord(sel)) return undefined;
  const ls: LabelSelector = {};
  const ml = stringLabels(sel.matchLabels);
  if (ml) ls.matchLabels = ml;
  if (Array.isArray(sel.matchExpressions)) {
    ls.matchExpressions = sel.matchExpressions
      .filter(isRecord)
      .filter((e) => typeof e.key === 'string' && typeof e.operator === 'string')
      .map((e) => ({ key: e.key as string, operator: e.operator as string, values: Array.isArray(e.values) ? e.values.map(String) : undefined }));
  }
  // An empty apps/v1 selector is rejected by the API server (another rule says so); it selects nothing here.
  if (!hasAny(ls.matchLabels) && (ls.matchExpressions ?? []).length === 0) return undefined;
  return controller({ type: 'label', selector: ls }, '/spec/selector');
}

/** `<metadata pointer>/labels`, made once per pointer. */
const labelsPointers = new Map<string, string>();
function labelsPointer(metadata: string): string {
  let p = labelsPointers.get(metadata);
  if (p === undefined) labelsPointers.set(metadata, (p = `${metadata}/labels`));
  return p;
}

function hasAny(o: object | undefined): boolean {
  for (const _ in o) return true;
  return false;
}

export function objectLabel(info: ObjectInfo): string {
  return `${info.kind} "${info.name ?? '<unnamed>'}"`;
}

/** `3 × 10 s ≈ 30 s` or `5 s + 3 × 10 s ≈ 35 s`: how long a probe failing from the start takes to reach failureThreshold. */
export function failureBudgetText(t: ProbeTiming): string {
  const product = `${t.failureThreshold} × ${formatSeconds(t.periodSeconds)}`;
  const sum = t.initialDelaySeconds > 0 ? `${formatSeconds(t.initialDelaySeconds)} + ${product}` : product;
  return `${sum} ≈ ${formatSeconds(failureBudgetSeconds(t))}`;
}

/**
 * What a probe that always fails does to its container (pkg/kubelet/prober/worker.go,
 * kuberuntime_manager.go computePodActions; behaviour spec C.4–C.6): liveness and startup kill the
 * container after failureThreshold failures and the restart goes through CrashLoopBackOff; with
 * restartPolicy Never (not for sidecars, which always restart) the pod ends Failed; readiness keeps
 * the container out of Ready.
 */
export function alwaysFailingProbeConsequence(type: ProbeType, t: ProbeTiming, restartPolicy: string, isSidecar: boolean): string {
  if (type === 'readiness') {
    return `the probe fails every ${formatSeconds(t.periodSeconds)} and the container never becomes Ready: Services send the pod no traffic and it never counts as available, so a rollout stalls`;
  }
  const killed = `the probe fails, and after ${failureBudgetText(t)} the kubelet kills the container${type === 'startup' ? ' before its liveness and readiness probes ever run' : ''}`;
  if (restartPolicy === 'Never' && !isSidecar) return `${killed}; with restartPolicy Never it is not restarted: the pod ends Failed`;
  return `${killed}; restarts back off ${backOffDescription()}: CrashLoopBackOff`;
}

/** Does a controller's selector select these labels? */
export function controllerSelects(c: Controller, labels: Labels | undefined): boolean {
  return labels !== undefined && matchesSelector(c.selector, labels);
}

export function describeSelector(c: Controller): string {
  return c.selector.type === 'map' ? formatLabels(c.selector.selector) : formatSelector(c.selector.selector);
}

/** True when the object names a controller in its ownerReferences (it is not an orphan). */
export function hasControllerRef(info: ObjectInfo): boolean {
  const refs = getAt(info.object, '/metadata/ownerReferences');
  return Array.isArray(refs) && refs.some((r) => isRecord(r) && r.controller === true);
}

/**
 * Objects indexed by namespace and by their labels, so that finding what a controller's selector selects
 * costs the objects carrying its rarest required label, not every object of the run (manifest sets hold
 * tens of thousands of objects); answers are shared by controllers with the same selector.
 */
export class LabelIndex<T> {
  private readonly byNamespace = new Map<string, SelectionIndex<T>>();

  add(item: T, namespace: string, labels: Labels): void {
    let ns = this.byNamespace.get(namespace);
    if (!ns) this.byNamespace.set(namespace, (ns = new SelectionIndex()));
    ns.add(item, labels);
  }

  /** The items of the controller's namespace whose labels its selector selects (controllerSelects), in the order added. */
  selected(c: Controller): readonly T[] {
    return this.byNamespace.get(c.namespace)?.select(c.selector) ?? [];
  }
}

/** Objects of the same kind and name are copies of one object (a kustomize base and its overlay, a file rendered twice), never two objects. */
export function sameObjectKey(info: ObjectInfo): string {
  return info.name === undefined ? `${info.kind.length}:${info.kind}` : `${info.kind.length}:${info.kind}/${info.name}`;
}

/**
 * What a selection holds besides one object and its copies: how many, and the first few in order. When
 * many controllers share one selector they share one selection, so this is worked out once per
 * selection and object (by counting copies), never by comparing every pair.
 */
export class SelectionOthers<T> {
  private readonly keys = new Map<T, string>();
  private readonly memo = new Map<readonly T[], { copies: Map<string, number>; head: T[]; headKeys: Set<string>; first: Map<string, T[]> }>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly listed: number,
  ) {}

  /**
   * The items of `selected` whose key is not `self`: their number and the first `listed` of them. The
   * objects of a selection that are not among its first few share one `first` array (same identity),
   * so that what is derived from it can be derived once.
   */
  of(selected: readonly T[], self: string): { count: number; first: readonly T[] } {
    let m = this.memo.get(selected);
    if (!m) {
      const copies = new Map<string, number>();
      for (const item of selected) {
        const k = this.key(item);
        copies.set(k, (copies.get(k) ?? 0) + 1);
      }
      const head = selected.slice(0, this.listed);
      this.memo.set(selected, (m = { copies, head, headKeys: new Set(head.map((item) => this.key(item))), first: new Map() }));
    }
    const count = selected.length - (m.copies.get(self) ?? 0);
    // Not one of the first few: the first few are the others listed.
    if (!m.headKeys.has(self)) return { count, first: m.head };
    let first = m.first.get(self);
    if (!first) {
      first = [];
      for (const item of selected) {
        if (first.length === this.listed) break;
        if (this.key(item) !== self) first.push(item);
      }
      m.first.set(self, first);
    }
    return { count, first };
  }

  /** An item's key (made once per item: the same string each time, so tables hash it once). */
  key(item: T): string {
    let k = this.keys.get(item);
    if (k === undefined) this.keys.set(item, (k = this.keyOf(item)));
    return k;
  }
}
