/**
 * `podlint explain -f <file>`: what each object of a manifest will do in the cluster, in plain words.
 *
 * First the facts (explainManifest → ManifestNarrative, also the `--format json` output), then the
 * text (renderNarrative). Every number comes from the manifest or from a Kubernetes default in
 * src/k8s/defaults.ts; the findings come from the lint API.
 */
import { parseManifestText, type ManifestObject } from '../source/manifests.js';
import { getRule } from '../engine/registry.js';
import { ALWAYS_RESTART_CONTROLLERS, podSpecLocation } from '../engine/kinds.js';
import { getAt } from '../source/locate.js';
import { containersOf, isRecord, probeHandlers, type ContainerRef, type ProbeType } from '../k8s/podspec.js';
import {
  CRASH_LOOP_BACKOFF_MAX_SECONDS,
  DEFAULT_HTTP_GET_PATH,
  DEFAULT_HTTP_GET_SCHEME,
  DEFAULT_PORT_PROTOCOL,
  DEFAULT_REPLICAS,
  DEFAULT_RESTART_POLICY,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  HTTP_PROBE_SUCCESS_MAX_EXCLUSIVE,
  HTTP_PROBE_SUCCESS_MIN,
  PROBE_DEFAULTS,
  crashLoopBackOffSeconds,
} from '../k8s/defaults.js';
import { defaultImagePullPolicy, effectiveTag, parseImageReference } from '../k8s/image.js';
import { parseQuantity, type Quantity } from '../k8s/quantity.js';
import { formatLabels, formatSelector, matchesLabelSelector, matchesMapSelector, type LabelSelector, type Labels } from '../k8s/selector.js';
import type { Finding, LintResult } from '../types.js';
import { collectNamespaceLabels } from '../engine/namespaces.js';
import { PRIVILEGED_POLICY, levelVersionString, policyToEvaluate } from '../k8s/pod-security.js';

/** pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController: an empty selector becomes the template's labels. */
const RC_SELECTOR_DEFAULTS_TO_TEMPLATE_LABELS = true;
/** generateName: the prefix cut to 58 characters, then 5 random ones (src/k8s/defaults.ts). */
export { GENERATE_NAME_RANDOM_LENGTH as GENERATED_NAME_RANDOM_LENGTH, MAX_GENERATED_NAME_LENGTH as GENERATED_NAME_MAX_PREFIX_LENGTH } from '../k8s/defaults.js';
import { GENERATE_NAME_RANDOM_LENGTH as GENERATED_NAME_RANDOM_LENGTH, MAX_GENERATED_NAME_LENGTH as GENERATED_NAME_MAX_PREFIX_LENGTH } from '../k8s/defaults.js';
/** pkg/controller/deployment/sync.go: a Deployment's ReplicaSet is named <deployment>-<pod-template-hash>. */
const DEPLOYMENT_RS_NAME_SUFFIX = '<pod-template-hash>';
/** Number of back-off delays listed in the narrative before the cap. */
const BACKOFF_STEPS_SHOWN = 6;

export interface NarrativeOptions {
  kubernetesVersion: string;
}

export interface PullPolicyFact {
  value: string;
  explicit: boolean;
  /** Why this policy applies and what it does. */
  reason: string;
}

export interface PortFact {
  containerPort: number;
  protocol: string;
  protocolDefaulted: boolean;
  name?: string;
}

export interface ProbeTimingFact {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  /** Fields left to their defaults. */
  defaulted: string[];
}

export interface ProbeFact {
  type: ProbeType;
  /** `HTTP GET http://<pod IP>:8080/`, `TCP connect to port 80`, `run "cat /tmp/healthy"` … */
  action: string;
  handler?: string;
  /** Port as written (number or name) for handlers with a port. */
  port?: number | string;
  /** The port number after resolving a name against the container's ports. */
  resolvedPort?: number;
  /** False when no container of the pod declares the (numeric) port over TCP. */
  portDeclared?: boolean;
  /** For a named port that the container does not declare. */
  portNameUnresolved?: boolean;
  timing: ProbeTimingFact;
  /** Plain-words timeline, one sentence per step. */
  timeline: string[];
}

export interface ContainerFact {
  name?: string;
  role: 'container' | 'init' | 'sidecar';
  image?: string;
  pullPolicy?: PullPolicyFact;
  ports: PortFact[];
  probes: ProbeFact[];
  hooks: string[];
  requests: Record<string, string>;
  limits: Record<string, string>;
  /** Requests filled in from limits (SetDefaults_Pod), by resource name. */
  requestsFromLimits: string[];
}

export interface PodSpecFact {
  restartPolicy: string;
  restartPolicyDefaulted: boolean;
  restartPolicyMeaning: string;
  terminationGracePeriodSeconds: number;
  terminationGracePeriodDefaulted: boolean;
  containers: ContainerFact[];
  /** What the scheduler needs from a node, computed as Kubernetes computes a pod's request. */
  nodeNeeds: { requests: Record<string, string>; explanation: string };
  /** Back-off delays in seconds before successive restarts (first restart first). */
  restartBackoffSeconds: number[];
}

export interface ControllerFact {
  replicas: number;
  replicasDefaulted: boolean;
  selector: string;
  selectorDefaulted: boolean;
  /** Whether the template's labels match the selector (the API server rejects the object otherwise). */
  selectorMatchesTemplate: boolean;
  templateLabels: string;
  podNames: string;
}

export interface FindingFact {
  ruleId: string | null;
  severity: string;
  message: string;
  line: number;
  column: number;
  path: string;
  /** The rule's remediation. */
  fix?: string;
}

export interface ObjectNarrative {
  documentIndex: number;
  listIndex?: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** What the object is and what it creates. */
  summary: string;
  /** What keeps it (and its pods) alive. */
  lifecycle: string[];
  controller?: ControllerFact;
  podSpec?: PodSpecFact;
  /** What the PodSecurity admission plugin does to it, from its namespace's labels in the same file. */
  podSecurity?: string;
  findings: FindingFact[];
}

export interface ManifestNarrative {
  filePath: string;
  kubernetesVersion: string;
  objects: ObjectNarrative[];
  /** Problems that stopped parts of the file from being read, and findings not tied to an object. */
  fileFindings: FindingFact[];
}

// ---------------------------------------------------------------- small helpers

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function posInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** `30 s`, `5 min`, `1 min 20 s`. */
export function formatSeconds(s: number): string {
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const r = s - m * 60;
  return r === 0 ? `${m} min` : `${m} min ${r} s`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function labelsOf(v: unknown): Labels {
  const out: Labels = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  return out;
}

function containerName(c: ContainerRef): string {
  const what = c.kind === 'init' ? (c.isSidecar ? 'sidecar container' : 'init container') : 'container';
  return c.name !== undefined ? `${what} "${c.name}"` : `${what} #${c.index + 1}`;
}

// ---------------------------------------------------------------- images

function pullPolicyFact(container: Record<string, unknown>): PullPolicyFact | undefined {
  const image = str(container.image);
  const explicit = str(container.imagePullPolicy);
  if (!image) return explicit ? { value: explicit, explicit: true, reason: pullPolicyMeaning(explicit) } : undefined;
  const parsed = parseImageReference(image);
  const tag = parsed.ok ? effectiveTag(parsed.ref) : undefined;
  const digest = parsed.ok ? parsed.ref.digest : undefined;
  if (explicit) return { value: explicit, explicit: true, reason: `set explicitly: ${pullPolicyMeaning(explicit)}` };
  const value = defaultImagePullPolicy(image);
  let why: string;
  if (!parsed.ok) why = `the image reference does not parse (${parsed.error}), so it defaults as an untagged image would`;
  else if (digest && !parsed.ref.tag) why = 'the image is pinned by digest';
  else if (!parsed.ref.tag) why = 'the image has no tag, so the kubelet pulls ":latest"';
  else if (tag === 'latest') why = 'the image tag is ":latest"';
  else why = `the image has the tag ":${tag}"`;
  return { value, explicit: false, reason: `not set; Kubernetes defaults it to ${value} because ${why}: ${pullPolicyMeaning(value)}` };
}

function pullPolicyMeaning(policy: string): string {
  switch (policy) {
    case 'Always':
      return 'every time the container starts, the kubelet asks the registry for the image (layers the node already has are not downloaded again); if the registry cannot be reached, the container does not start (ErrImagePull, then ImagePullBackOff)';
    case 'IfNotPresent':
      return 'the kubelet pulls the image only when the node does not have it yet';
    case 'Never':
      return 'the kubelet never pulls; the image must already be on the node, otherwise the container waits with ErrImageNeverPull';
    default:
      return `"${policy}" is not a pull policy (Always, IfNotPresent, Never): the API server rejects it`;
  }
}

// ---------------------------------------------------------------- probes

function probeTiming(p: Record<string, unknown>): ProbeTimingFact {
  const defaulted: string[] = [];
  const pick = (field: keyof typeof PROBE_DEFAULTS): number => {
    const v = p[field];
    // SetDefaults_Probe: 0 (or absent) takes the default; initialDelaySeconds defaults to 0.
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
    defaulted.push(field);
    return PROBE_DEFAULTS[field];
  };
  return {
    initialDelaySeconds: pick('initialDelaySeconds'),
    periodSeconds: pick('periodSeconds'),
    timeoutSeconds: pick('timeoutSeconds'),
    successThreshold: pick('successThreshold'),
    failureThreshold: pick('failureThreshold'),
    defaulted,
  };
}

interface DeclaredPort {
  containerPort: number;
  protocol: string;
  name?: string;
  owner: ContainerRef;
}

function declaredPorts(c: ContainerRef): DeclaredPort[] {
  const list = (c.container as unknown as Record<string, unknown>).ports;
  if (!Array.isArray(list)) return [];
  const out: DeclaredPort[] = [];
  for (const p of list) {
    if (!isRecord(p) || typeof p.containerPort !== 'number') continue;
    out.push({ containerPort: p.containerPort, protocol: str(p.protocol) ?? DEFAULT_PORT_PROTOCOL, name: str(p.name), owner: c });
  }
  return out;
}

function describeDeclared(ports: DeclaredPort[]): string {
  return ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ') : 'no port';
}

function backoffList(): number[] {
  const out: number[] = [];
  for (let i = 0; i <= BACKOFF_STEPS_SHOWN + 1; i++) {
    const s = crashLoopBackOffSeconds(i);
    out.push(s);
    if (s >= CRASH_LOOP_BACKOFF_MAX_SECONDS) break;
  }
  return out;
}

function backoffSentence(): string {
  const delays = backoffList().slice(1).map(formatSeconds);
  return `the first restart comes right away, then the kubelet waits ${delays.slice(0, -1).join(', ')} and at most ${delays[delays.length - 1]} before each further restart (the delay doubles each time and returns to ${formatSeconds(crashLoopBackOffSeconds(1))} once the container has run for 10 minutes); while it waits, the pod's STATUS shows CrashLoopBackOff`;
}

function probeFact(type: ProbeType, probe: Record<string, unknown>, c: ContainerRef, all: readonly ContainerRef[], restartPolicy: string, grace: number, graceDefaulted: boolean, hasStartup: boolean): ProbeFact {
  const timing = probeTiming(probe);
  const handlers = probeHandlers(probe);
  const handler = handlers[0];
  const own = declaredPorts(c);
  let action = 'no handler (the API server rejects a probe without exec, httpGet, tcpSocket or grpc)';
  let port: number | string | undefined;
  if (handler === 'httpGet' && isRecord(probe.httpGet)) {
    const h = probe.httpGet;
    port = typeof h.port === 'number' || typeof h.port === 'string' ? h.port : undefined;
    const scheme = (str(h.scheme) ?? DEFAULT_HTTP_GET_SCHEME).toLowerCase();
    const host = str(h.host) ?? '<pod IP>';
    action = `an HTTP GET of ${scheme}://${host}:${port ?? '?'}${str(h.path) ?? DEFAULT_HTTP_GET_PATH} (success: a status from ${HTTP_PROBE_SUCCESS_MIN} to ${HTTP_PROBE_SUCCESS_MAX_EXCLUSIVE - 1})`;
  } else if (handler === 'tcpSocket' && isRecord(probe.tcpSocket)) {
    const t = probe.tcpSocket;
    port = typeof t.port === 'number' || typeof t.port === 'string' ? t.port : undefined;
    action = `opening a TCP connection to ${str(t.host) ?? '<pod IP>'}:${port ?? '?'} (success: the connection opens)`;
  } else if (handler === 'grpc' && isRecord(probe.grpc)) {
    port = typeof probe.grpc.port === 'number' ? probe.grpc.port : undefined;
    action = `a gRPC health check on port ${port ?? '?'}${str(probe.grpc.service) ? ` for service "${str(probe.grpc.service)}"` : ''} (success: SERVING)`;
  } else if (handler === 'exec' && isRecord(probe.exec)) {
    const cmd = Array.isArray(probe.exec.command) ? probe.exec.command.map(String).join(' ') : '';
    action = `running "${cmd}" inside the container (success: exit code 0)`;
  }
  const fact: ProbeFact = { type, action, handler, timing, timeline: [] };
  if (port !== undefined) fact.port = port;
  let problem: string | undefined;
  if (typeof port === 'number') {
    fact.resolvedPort = port;
    const tcp = handler !== undefined; // httpGet, tcpSocket and grpc all connect over TCP
    const anyDeclares = all.some((o) => declaredPorts(o).some((p) => p.containerPort === port && (!tcp || p.protocol === DEFAULT_PORT_PROTOCOL)));
    fact.portDeclared = anyDeclares;
    if (!anyDeclares && !str((probe[handler!] as Record<string, unknown>)?.host)) {
      problem = `This ${type} probe targets port ${port}, which no container port declares (${containerName(c)} declares ${describeDeclared(own)}): if the application listens only ${own.length ? 'there' : 'elsewhere'}, nothing answers on ${port} and every check fails.`;
    }
  } else if (typeof port === 'string') {
    const named = own.find((p) => p.name === port);
    if (named) fact.resolvedPort = named.containerPort;
    else if (/^[0-9]+$/.test(port)) fact.resolvedPort = Number(port);
    else {
      fact.portNameUnresolved = true;
      problem = `The port name "${port}" is not declared by ${containerName(c)}, so the kubelet cannot resolve it: every attempt is an error, which the kubelet ignores rather than counts (a liveness probe then never fails, a readiness probe never succeeds).`;
    }
  }
  const t = timing;
  const tl = fact.timeline;
  const delay = t.initialDelaySeconds === 0 ? 'right after the container starts' : `${formatSeconds(t.initialDelaySeconds)} after the container starts (initialDelaySeconds)`;
  const first = type !== 'startup' && hasStartup ? `once the startup probe has succeeded (it does not run before), at the earliest ${delay}` : delay;
  tl.push(`The kubelet checks it by ${action}: first ${first}, then every ${formatSeconds(t.periodSeconds)} (periodSeconds${t.defaulted.includes('periodSeconds') ? ', default' : ''}); each check that gets no answer within ${formatSeconds(t.timeoutSeconds)} (timeoutSeconds${t.defaulted.includes('timeoutSeconds') ? ', default' : ''}) fails.`);
  const failing = t.failureThreshold * t.periodSeconds;
  const willRestart = restartPolicy !== 'Never' || c.isSidecar;
  const graceText = `${formatSeconds(grace)}${graceDefaulted ? ' by default' : ''}`;
  const probeGrace = posInt(probe.terminationGracePeriodSeconds);
  const killGrace = probeGrace !== undefined ? `${formatSeconds(probeGrace)} (the probe's own terminationGracePeriodSeconds)` : `the grace period (terminationGracePeriodSeconds, ${graceText})`;
  const kill = `the kubelet kills the container: it runs the preStop hook if there is one, sends SIGTERM, waits up to ${killGrace} for it to exit, then sends SIGKILL`;
  if (type === 'liveness' || type === 'startup') {
    const what = type === 'liveness' ? 'fails' : 'fails, before its first success,';
    tl.push(`When it ${what} ${plural(t.failureThreshold, 'time')} in a row (failureThreshold${t.defaulted.includes('failureThreshold') ? ', default' : ''}), which takes about ${t.failureThreshold} × ${formatSeconds(t.periodSeconds)} = ${formatSeconds(failing)} of failing, ${kill}.`);
    tl.push(willRestart ? `Then the kubelet restarts it in place (restartPolicy ${restartPolicy}${c.isSidecar ? ', a sidecar is always restarted' : ''}), with the restart back-off described for the pod.` : `restartPolicy is Never, so the container is not restarted: it stays terminated and the pod ends Failed.`);
    if (type === 'startup') tl.push(`So the application has about ${formatSeconds(t.initialDelaySeconds + failing)} to start answering; after the first success the startup probe stops and the liveness and readiness probes take over.`);
    if (problem) {
      const until = t.initialDelaySeconds + failing;
      tl.push(
        `${problem} So the kubelet kills the container about ${formatSeconds(until)} after each start (${t.initialDelaySeconds ? `${formatSeconds(t.initialDelaySeconds)} + ` : ''}${t.failureThreshold} × ${formatSeconds(t.periodSeconds)})${willRestart ? `, restarts it, and after a few restarts the pod ends in CrashLoopBackOff, although the application itself may be healthy` : ', and the pod ends Failed'}.`,
      );
    }
  } else {
    tl.push(`The pod counts as Ready, and Services send it traffic, only while this probe succeeds: it starts not ready, becomes ready after ${plural(t.successThreshold, 'success', 'successes')} in a row and is taken out of the Service endpoints after ${plural(t.failureThreshold, 'failure')} in a row (about ${formatSeconds(failing)}). A failing readiness probe never restarts the container.`);
    if (problem) tl.push(`${problem} So the pod never becomes Ready and receives no Service traffic.`);
  }
  return fact;
}

// ---------------------------------------------------------------- resources

const BINARY_UNITS: Array<[string, bigint]> = [
  ['Ti', 1024n ** 4n],
  ['Gi', 1024n ** 3n],
  ['Mi', 1024n ** 2n],
  ['Ki', 1024n],
];
const NANO = 1_000_000_000n;

function formatAmount(resource: string, nanos: bigint): string {
  if (resource === 'cpu') {
    const milli = (nanos + 999_999n) / 1_000_000n;
    return milli % 1000n === 0n ? `${milli / 1000n}` : `${milli}m`;
  }
  const units = (nanos + NANO - 1n) / NANO;
  for (const [suffix, size] of BINARY_UNITS) if (units >= size && units % size === 0n) return `${units / size}${suffix}`;
  return `${units}`;
}

function quantities(v: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string' && typeof x !== 'number') continue;
    const q = parseQuantity(x);
    if (q.ok) out.set(k, q.quantity);
  }
  return out;
}

interface EffectiveResources {
  requests: Map<string, bigint>;
  fromLimits: string[];
}

/** A container's requests after SetDefaults_Pod (pkg/apis/core/v1/defaults.go): a limit without a request becomes the request. */
function effectiveRequests(container: Record<string, unknown>): EffectiveResources {
  const res = isRecord(container.resources) ? container.resources : {};
  const requests = new Map<string, bigint>();
  for (const [k, q] of quantities(res.requests)) requests.set(k, q.nanos);
  const fromLimits: string[] = [];
  for (const [k, q] of quantities(res.limits)) {
    if (!requests.has(k)) {
      requests.set(k, q.nanos);
      fromLimits.push(k);
    }
  }
  return { requests, fromLimits: fromLimits.sort() };
}

/**
 * The pod's request per resource as the scheduler computes it (AggregateContainerRequests,
 * staging/src/k8s.io/component-helpers/resource/helpers.go): regular containers and sidecars add
 * up; an init container needs its own request plus the sidecars started before it; the pod needs
 * the larger of the two, plus spec.overhead.
 */
function podRequests(spec: Record<string, unknown>, refs: readonly ContainerRef[]): { total: Map<string, bigint>; explanation: string } {
  const sum = new Map<string, bigint>();
  const add = (m: Map<string, bigint>, r: Map<string, bigint>) => {
    for (const [k, v] of r) m.set(k, (m.get(k) ?? 0n) + v);
  };
  const regular = refs.filter((c) => c.kind === 'container');
  const inits = refs.filter((c) => c.kind === 'init');
  for (const c of regular) add(sum, effectiveRequests(c.container as unknown as Record<string, unknown>).requests);
  const sidecarsSoFar = new Map<string, bigint>();
  const initMax = new Map<string, bigint>();
  let initDominates = false;
  for (const c of inits) {
    const r = effectiveRequests(c.container as unknown as Record<string, unknown>).requests;
    if (c.isSidecar) {
      add(sidecarsSoFar, r);
      add(sum, r);
      for (const [k, v] of sidecarsSoFar) if (v > (initMax.get(k) ?? 0n)) initMax.set(k, v);
    } else {
      const need = new Map(sidecarsSoFar);
      add(need, r);
      for (const [k, v] of need) if (v > (initMax.get(k) ?? 0n)) initMax.set(k, v);
    }
  }
  const total = new Map(sum);
  for (const [k, v] of initMax) {
    if (v > (total.get(k) ?? 0n)) {
      total.set(k, v);
      initDominates = true;
    }
  }
  const overhead = new Map<string, bigint>();
  for (const [k, q] of quantities(spec.overhead)) overhead.set(k, q.nanos);
  add(total, overhead);
  const parts: string[] = [];
  if (total.size === 0) {
    parts.push('No container requests CPU or memory, so the scheduler can place the pod on any node with a free pod slot (requests count as 0 when it filters nodes); nothing reserves resources for it.');
  } else {
    parts.push(`The scheduler places the pod only on a node whose allocatable resources, minus the requests of the pods already there, cover ${[...total.keys()].sort().map((k) => `${k} ${formatAmount(k, total.get(k)!)}`).join(' and ')}; otherwise the pod stays Pending ("Insufficient ${[...total.keys()].sort()[0]}").`);
    parts.push(inits.length ? 'Kubernetes sums the requests of the containers and sidecars; an init container runs alone (beside the sidecars started before it), so it counts only if it needs more than that sum.' : 'That is the sum of the containers\' requests.');
    if (initDominates) parts.push('Here an init container needs more than the running containers, so its request decides.');
    if (overhead.size) parts.push('spec.overhead is added on top.');
  }
  return { total, explanation: parts.join(' ') };
}

// ---------------------------------------------------------------- pod spec

/** pkg/apis/batch/validation/validation.go: a Job's pod template allows only these restart policies. */
const JOB_RESTART_POLICIES = ['OnFailure', 'Never'];
const JOB_KINDS = new Set(['Job', 'CronJob']);

function restartPolicyMeaning(policy: string, kind: string | undefined): string {
  const meaning = restartPolicyMeaningOf(policy, kind);
  if (kind && JOB_KINDS.has(kind) && !JOB_RESTART_POLICIES.includes(policy)) return `${meaning} But a ${kind}'s pods must use ${JOB_RESTART_POLICIES.join(' or ')}: the API server rejects this one.`;
  if (kind && ALWAYS_RESTART_CONTROLLERS.has(kind) && policy !== 'Always') return `${meaning} But a ${kind} template allows only Always: the API server rejects this one.`;
  return meaning;
}

function restartPolicyMeaningOf(policy: string, kind: string | undefined): string {
  switch (policy) {
    case 'Always':
      return `Always: whenever a container exits, with any exit code, the kubelet restarts it in the same pod on the same node (with the back-off below)${kind && ALWAYS_RESTART_CONTROLLERS.has(kind) ? '; it is the only value a ' + kind + ' template allows' : ''}.`;
    case 'OnFailure':
      return 'OnFailure: a container that exits with a non-zero code is restarted in place (with back-off); one that exits with 0 stays completed. When all containers have completed, the pod is Succeeded.';
    case 'Never':
      return 'Never: a container that exits is never restarted; the pod ends Succeeded if every container exited 0, Failed otherwise (also after a liveness kill).';
    default:
      return `"${policy}" is not a restart policy (Always, OnFailure, Never): the API server rejects it.`;
  }
}

function containerFact(c: ContainerRef, all: readonly ContainerRef[], restartPolicy: string, grace: number, graceDefaulted: boolean): ContainerFact {
  const raw = c.container as unknown as Record<string, unknown>;
  const fact: ContainerFact = {
    role: c.kind === 'init' ? (c.isSidecar ? 'sidecar' : 'init') : 'container',
    ports: [],
    probes: [],
    hooks: [],
    requests: {},
    limits: {},
    requestsFromLimits: [],
  };
  if (c.name !== undefined) fact.name = c.name;
  const image = str(raw.image);
  if (image) fact.image = image;
  const pp = pullPolicyFact(raw);
  if (pp) fact.pullPolicy = pp;
  if (Array.isArray(raw.ports)) {
    for (const p of raw.ports) {
      if (!isRecord(p) || typeof p.containerPort !== 'number') continue;
      const pf: PortFact = { containerPort: p.containerPort, protocol: str(p.protocol) ?? DEFAULT_PORT_PROTOCOL, protocolDefaulted: !str(p.protocol) };
      if (str(p.name)) pf.name = str(p.name);
      fact.ports.push(pf);
    }
  }
  const hasStartup = isRecord(raw.startupProbe);
  const probeAllowed = c.kind === 'container' || c.isSidecar;
  if (probeAllowed) {
    for (const type of ['startup', 'liveness', 'readiness'] as const) {
      const p = raw[`${type}Probe`];
      if (isRecord(p)) fact.probes.push(probeFact(type, p, c, all, restartPolicy, grace, graceDefaulted, hasStartup));
    }
  }
  if (isRecord(raw.lifecycle)) {
    if (isRecord(raw.lifecycle.postStart)) {
      fact.hooks.push('postStart runs right after the container is created, alongside its entrypoint (not necessarily before it); the container is not reported Running until the hook finishes, and if the hook fails the kubelet kills the container.');
    }
    if (isRecord(raw.lifecycle.preStop)) {
      fact.hooks.push(`preStop runs before the container is stopped (when the pod is deleted, or the kubelet kills it after a failed liveness or startup probe), before SIGTERM is sent; it must finish within the grace period (${formatSeconds(grace)}), or the container is killed anyway. It does not run when the container exits by itself.`);
    }
  }
  const res = isRecord(raw.resources) ? raw.resources : {};
  for (const [k, q] of quantities(res.requests)) fact.requests[k] = formatAmount(k, q.nanos);
  for (const [k, q] of quantities(res.limits)) fact.limits[k] = formatAmount(k, q.nanos);
  fact.requestsFromLimits = effectiveRequests(raw).fromLimits;
  return fact;
}

function podSpecFact(spec: Record<string, unknown>, specPath: string, kind: string | undefined): PodSpecFact {
  const rpRaw = str(spec.restartPolicy);
  const restartPolicy = rpRaw ?? DEFAULT_RESTART_POLICY;
  const graceRaw = typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds >= 0 ? spec.terminationGracePeriodSeconds : undefined;
  const grace = graceRaw ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  const refs = containersOf({ spec: spec as never, specPath });
  const containers = [...refs.filter((c) => c.kind === 'init'), ...refs.filter((c) => c.kind === 'container')].map((c) => containerFact(c, refs, restartPolicy, grace, graceRaw === undefined));
  const { total, explanation } = podRequests(spec, refs);
  const requests: Record<string, string> = {};
  for (const k of [...total.keys()].sort()) requests[k] = formatAmount(k, total.get(k)!);
  return {
    restartPolicy,
    restartPolicyDefaulted: rpRaw === undefined,
    restartPolicyMeaning: restartPolicyMeaning(restartPolicy, kind),
    terminationGracePeriodSeconds: grace,
    terminationGracePeriodDefaulted: graceRaw === undefined,
    containers,
    nodeNeeds: { requests, explanation },
    restartBackoffSeconds: backoffList(),
  };
}

// ---------------------------------------------------------------- objects

function generatedPodNames(prefix: string): string {
  return `${prefix.slice(0, GENERATED_NAME_MAX_PREFIX_LENGTH)}${'x'.repeat(GENERATED_NAME_RANDOM_LENGTH)}`;
}

function controllerFact(obj: Record<string, unknown>, kind: string, name: string): ControllerFact | undefined {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const templateLabels = labelsOf(isRecord(template.metadata) ? template.metadata.labels : undefined);
  const replicasRaw = typeof spec.replicas === 'number' ? spec.replicas : undefined;
  let selector: string;
  let matches: boolean;
  let selectorDefaulted = false;
  if (kind === 'ReplicationController') {
    let sel = labelsOf(spec.selector);
    if (Object.keys(sel).length === 0 && RC_SELECTOR_DEFAULTS_TO_TEMPLATE_LABELS) {
      sel = templateLabels;
      selectorDefaulted = true;
    }
    selector = formatLabels(sel);
    matches = Object.keys(sel).length > 0 && matchesMapSelector(sel, templateLabels);
  } else {
    const sel = isRecord(spec.selector) ? (spec.selector as unknown as LabelSelector) : undefined;
    selector = formatSelector(sel);
    matches = sel !== undefined && matchesLabelSelector(sel, templateLabels);
  }
  let podNames: string;
  if (kind === 'Deployment') podNames = `${name}-${DEPLOYMENT_RS_NAME_SUFFIX}-xxxxx (through a ReplicaSet named ${name}-${DEPLOYMENT_RS_NAME_SUFFIX})`;
  else if (kind === 'StatefulSet') podNames = `${name}-0, ${name}-1, … (stable names, created in order)`;
  else podNames = `${generatedPodNames(`${name}-`)} (the name and a dash, then ${GENERATED_NAME_RANDOM_LENGTH} random characters)`;
  return {
    replicas: replicasRaw ?? DEFAULT_REPLICAS,
    replicasDefaulted: replicasRaw === undefined,
    selector,
    selectorDefaulted,
    selectorMatchesTemplate: matches,
    templateLabels: formatLabels(templateLabels),
    podNames,
  };
}

function summaryAndLifecycle(kind: string | undefined, name: string, c: ControllerFact | undefined, spec: PodSpecFact | undefined): { summary: string; lifecycle: string[] } {
  const lc: string[] = [];
  const replicas = c ? `${plural(c.replicas, 'pod')}${c.replicasDefaulted ? ` (replicas is not set; it defaults to ${DEFAULT_REPLICAS})` : ''}` : '';
  const owns = c ? `It owns every pod in its namespace whose labels match the selector ${c.selector}${c.selectorDefaulted ? ' (not set, so it defaults to the template\'s labels)' : ''}, including pods it did not create: if such pods already exist it adopts them and creates fewer.` : '';
  const selfHeal = 'When one of its pods is deleted or its node fails, it creates a new one; when there are too many (after scaling down, or when a matching pod appears), it deletes the surplus. Relabelling a pod so that it no longer matches the selector releases it and a replacement is created.';
  const mismatch = c && !c.selectorMatchesTemplate ? `Its pod template's labels (${c.templateLabels}) do not match the selector, so the API server rejects the object: it could never count the pods it creates.` : '';
  switch (kind) {
    case 'Pod':
      lc.push('A bare Pod: no controller watches it. If it is deleted, evicted, or its node fails, nothing recreates it.');
      if (spec) lc.push(`While it exists, the kubelet on its node restarts its containers in place according to restartPolicy ${spec.restartPolicy}.`);
      return { summary: `Pod "${name}": one pod, scheduled onto one node, running ${plural(spec?.containers.filter((x) => x.role !== 'init').length ?? 0, 'container')}.`, lifecycle: lc };
    case 'ReplicationController':
    case 'ReplicaSet': {
      lc.push(`A ${kind} keeps ${replicas} running, created from its pod template and named ${c?.podNames}.`);
      lc.push(owns, selfHeal);
      if (kind === 'ReplicationController') lc.push('ReplicationController is the legacy form of ReplicaSet: it only supports equality selectors (key=value). Prefer a Deployment, which manages ReplicaSets and rolls out template changes.');
      else lc.push('Changing the template does not touch existing pods; only new pods use it (a Deployment rolls changes out).');
      if (mismatch) lc.push(mismatch);
      return { summary: `${kind} "${name}": keeps ${replicas} running.`, lifecycle: lc };
    }
    case 'Deployment':
      lc.push(`A Deployment creates a ReplicaSet for its pod template, which keeps ${replicas} running, named ${c?.podNames}. When the template changes it creates a new ReplicaSet and moves pods over gradually (RollingUpdate by default).`);
      lc.push(owns, selfHeal);
      if (mismatch) lc.push(mismatch);
      return { summary: `Deployment "${name}": keeps ${replicas} running through ReplicaSets and rolls out changes.`, lifecycle: lc };
    case 'StatefulSet':
      lc.push(`A StatefulSet keeps ${replicas} with stable identities: ${c?.podNames}. A deleted pod is recreated with the same name (and the same volumes).`);
      if (mismatch) lc.push(mismatch);
      return { summary: `StatefulSet "${name}": keeps ${replicas} with stable names.`, lifecycle: lc };
    case 'DaemonSet':
      lc.push(`A DaemonSet runs one pod on every node that its template's node selector, affinity and tolerations allow, named ${c?.podNames}; a pod that dies is recreated on the same node.`);
      if (mismatch) lc.push(mismatch);
      return { summary: `DaemonSet "${name}": one pod per eligible node.`, lifecycle: lc };
    case 'Job':
      lc.push('A Job creates pods until the required number of them succeed; failed pods are replaced (up to backoffLimit, 6 by default). Its pods run to completion: restartPolicy must be OnFailure or Never.');
      return { summary: `Job "${name}": runs pods to completion.`, lifecycle: lc };
    case 'CronJob':
      lc.push('A CronJob creates a Job on its schedule; each Job runs pods to completion.');
      return { summary: `CronJob "${name}": creates Jobs on a schedule.`, lifecycle: lc };
    case 'PodTemplate':
      return { summary: `PodTemplate "${name}": a stored pod template; it creates nothing by itself.`, lifecycle: lc };
    default:
      return { summary: `${kind ?? 'An object without a kind'} "${name}": podlint tells only what workloads (objects that run pods) will do.`, lifecycle: lc };
  }
}

function findingFact(f: Finding): FindingFact {
  const out: FindingFact = { ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.line, column: f.column, path: f.path };
  const rule = f.ruleId ? getRule(f.ruleId) : undefined;
  if (rule) out.fix = rule.meta.docs.remediation;
  return out;
}

const POD_SECURITY_RULE = 'pod-security';
/** metav1.NamespaceDefault: where an object without metadata.namespace lands in the usual kubectl context. */
const DEFAULT_NAMESPACE = 'default';

/** The PodSecurity sentence of a pod or workload: its namespace's policy and what the findings of the rule say it does. */
function podSecuritySentence(kind: string, namespace: string | undefined, findings: Finding[], namespaces: Map<string, Record<string, string>>): string | undefined {
  const ns = namespace ?? DEFAULT_NAMESPACE;
  const mine = findings.filter((f) => f.ruleId === POD_SECURITY_RULE);
  const labels = namespaces.get(ns);
  if (!mine.length && !(labels && Object.keys(labels).length)) return undefined;
  const count = (id: string) => mine.filter((f) => f.messageId === id).length;
  const policyIn = (id: string) => /PodSecurity "([^"]+)"/.exec(mine.find((f) => f.messageId === id)?.message ?? '')?.[1];
  const policy = policyToEvaluate(labels, PRIVILEGED_POLICY).policy;
  const parts: string[] = [];
  const enforced = count('enforcePod') + count('enforceTemplate');
  const enforcePolicy = policyIn('enforcePod') ?? policyIn('enforceTemplate') ?? levelVersionString(policy.enforce);
  if (count('enforcePod')) parts.push(`PodSecurity "${enforcePolicy}" is enforced in namespace "${ns}": the API server rejects this pod (${plural(enforced, 'check')} ${enforced === 1 ? 'fails' : 'fail'}, listed in the findings).`);
  else if (count('enforceTemplate')) parts.push(`PodSecurity "${enforcePolicy}" is enforced in namespace "${ns}": the API server admits the ${kind} with a warning, but forbids every pod created from its template (${plural(enforced, 'check')} ${enforced === 1 ? 'fails' : 'fail'}) — the controller records FailedCreate events and no pod ever runs.`);
  else if (policy.enforce.level !== 'privileged') parts.push(`PodSecurity "${enforcePolicy}" is enforced in namespace "${ns}": ${kind === 'Pod' ? 'this pod passes' : 'the pods of this template pass'}.`);
  if (count('warn')) parts.push(`kubectl prints ${plural(count('warn'), 'PodSecurity warning')} ("${policyIn('warn')}").`);
  if (count('audit')) parts.push(`The audit log records ${plural(count('audit'), 'PodSecurity violation')} ("${policyIn('audit')}").`);
  return parts.length ? parts.join(' ') : undefined;
}

function objectNarrative(mo: ManifestObject, findings: Finding[], namespaces: Map<string, Record<string, string>> = new Map()): ObjectNarrative {
  const obj = mo.value as Record<string, unknown>;
  const apiVersion = str(obj.apiVersion);
  const kind = str(obj.kind);
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const name = str(meta.name) ?? str(meta.generateName) ?? '<no name>';
  const loc = podSpecLocation(apiVersion, kind);
  let podSpec: PodSpecFact | undefined;
  let controller: ControllerFact | undefined;
  if (loc) {
    const spec = getAt(obj, loc.spec);
    if (isRecord(spec)) podSpec = podSpecFact(spec, loc.spec, kind);
    if (kind && kind !== 'Pod' && kind !== 'PodTemplate' && kind !== 'Job' && kind !== 'CronJob') controller = controllerFact(obj, kind, name);
  }
  const { summary, lifecycle } = summaryAndLifecycle(kind, name, controller, podSpec);
  const n: ObjectNarrative = { documentIndex: mo.documentIndex, summary, lifecycle, findings: [] };
  const ordered: ObjectNarrative = { documentIndex: mo.documentIndex } as ObjectNarrative;
  if (mo.listIndex !== undefined) ordered.listIndex = mo.listIndex;
  if (apiVersion) ordered.apiVersion = apiVersion;
  if (kind) ordered.kind = kind;
  if (str(meta.name)) ordered.name = str(meta.name);
  if (str(meta.namespace)) ordered.namespace = str(meta.namespace);
  ordered.summary = n.summary;
  ordered.lifecycle = n.lifecycle;
  if (controller) ordered.controller = controller;
  if (podSpec) ordered.podSpec = podSpec;
  if (loc && kind) {
    const ps = podSecuritySentence(kind, str(meta.namespace), findings, namespaces);
    if (ps) ordered.podSecurity = ps;
  }
  ordered.findings = findings.map(findingFact);
  return ordered;
}

/**
 * The facts about every object of a manifest text, with the findings of its lint run (`result`).
 * Pure and deterministic; explainManifest (src/manifest-narrative.ts) lints and calls it.
 */
export function narrateManifest(text: string, filePath: string, result: LintResult): ManifestNarrative {
  const file = parseManifestText(text, filePath);
  const findings = result.files.flatMap((f) => f.findings);
  const namespaces = collectNamespaceLabels([{ text }]);
  const objects = file.objects.map((mo) =>
    objectNarrative(
      mo,
      findings.filter((f) => f.object && f.object.documentIndex === mo.documentIndex && f.object.listIndex === mo.listIndex),
      namespaces,
    ),
  );
  const fileFindings = findings.filter((f) => !f.object || !file.objects.some((mo) => mo.documentIndex === f.object!.documentIndex && mo.listIndex === f.object!.listIndex)).map(findingFact);
  return { filePath, kubernetesVersion: result.kubernetesVersion, objects, fileFindings };
}

// ---------------------------------------------------------------- text

/** Width of the narrative text when the terminal's is unknown (pipes, files): deterministic output. */
export const NARRATIVE_WIDTH = 100;

/** A number and its unit ("30 s", "5 min") stay on one line. */
const KEEP_TOGETHER = /(\d) (s|min)\b/g;

function wrapWords(text: string, indent: string, width: number): string {
  const words = text.replace(KEEP_TOGETHER, '$1\u0000$2').split(/\s+/).filter(Boolean).map((w) => w.replace(/\u0000/g, ' '));
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

function renderContainer(c: ContainerFact, out: string[], width: number): void {
  const wrapText = (text: string, indent: string) => wrapWords(text, indent, width);
  const label = c.role === 'container' ? 'Container' : c.role === 'sidecar' ? 'Sidecar container (init container with restartPolicy Always: starts before the others and runs beside them)' : 'Init container (runs to completion, one after another, before the containers start)';
  out.push(`  ${label} ${c.name !== undefined ? `"${c.name}"` : '(no name)'}:`);
  if (c.image) out.push(wrapText(`Image ${c.image}. Pull policy ${c.pullPolicy?.value}: ${c.pullPolicy?.reason}.`, '    '));
  else out.push('    No image: the API server rejects a container without one.');
  if (c.ports.length) {
    const ports = c.ports.map((p) => `${p.containerPort}/${p.protocol}${p.protocolDefaulted ? ' (protocol defaults to TCP)' : ''}${p.name ? ` named "${p.name}"` : ''}`).join(', ');
    out.push(wrapText(`Declares port ${ports}. Declaring a port documents it (and names it for probes and Services); it neither opens nor restricts anything: the application must listen there.`, '    '));
  } else out.push('    Declares no port.');
  for (const p of c.probes) {
    out.push(`    ${p.type[0]!.toUpperCase()}${p.type.slice(1)} probe:`);
    for (const s of p.timeline) out.push(wrapText(s, '      - ').replace(/\n {6}- /g, '\n        ').replace(/^( {6}- )/, '$1'));
  }
  if (c.role !== 'init' && c.probes.length === 0) out.push(wrapText('No probes: the kubelet considers the container healthy as long as its process runs, and ready as soon as it starts.', '    '));
  for (const h of c.hooks) out.push(wrapText(h, '    '));
  const req = Object.entries(c.requests).map(([k, v]) => `${k} ${v}`).join(', ');
  const lim = Object.entries(c.limits).map(([k, v]) => `${k} ${v}`).join(', ');
  if (req || lim) {
    out.push(wrapText(`Requests ${req || 'nothing'}${lim ? `; limits ${lim}` : ''}.${c.requestsFromLimits.length ? ` With no request for ${c.requestsFromLimits.join(' and ')}, Kubernetes uses the limit as the request.` : ''}`, '    '));
  }
}

/** One bullet per sentence, wrapped, hanging indent. */
function bulletText(text: string, indent: string, width: number): string {
  const wrapped = wrapWords(text, indent + '  ', width);
  return indent + '- ' + wrapped.slice(indent.length + 2);
}

/** The narrative as text, wrapped to `width` columns (default NARRATIVE_WIDTH). */
export function renderNarrative(n: ManifestNarrative, width = NARRATIVE_WIDTH): string {
  const wrapText = (text: string, indent: string) => wrapWords(text, indent, width);
  const bullet = (text: string, indent: string) => bulletText(text, indent, width);
  const out: string[] = [];
  out.push(wrapText(`${n.filePath} (Kubernetes ${n.kubernetesVersion}): ${plural(n.objects.length, 'object')}`, ''));
  if (n.objects.length === 0 && n.fileFindings.length === 0) out.push('', 'No Kubernetes objects in this file.');
  for (const o of n.objects) {
    out.push('');
    const where = `document ${o.documentIndex + 1}${o.listIndex !== undefined ? `, List item ${o.listIndex + 1}` : ''}`;
    out.push(wrapText(`${o.summary} [${where}${o.apiVersion ? `, ${o.apiVersion}` : ''}]`, ''));
    for (const s of o.lifecycle) out.push(bullet(s, '  '));
    if (o.podSpec) {
      const ps = o.podSpec;
      out.push(bullet(`restartPolicy ${ps.restartPolicy}${ps.restartPolicyDefaulted ? ' (not set; the default)' : ''}: ${ps.restartPolicyMeaning.replace(/^\w+: /, '')}`, '  '));
      if (ps.restartPolicy !== 'Never') {
        out.push(bullet(`Restarts: ${backoffSentence()}.`, '  '));
      }
      out.push(bullet(`Stopping: when the pod is deleted, each container gets SIGTERM (after its preStop hook, if any) and ${formatSeconds(ps.terminationGracePeriodSeconds)} (terminationGracePeriodSeconds${ps.terminationGracePeriodDefaulted ? ', default' : ''}) to exit before SIGKILL.`, '  '));
      out.push(bullet(`What it needs from a node: ${ps.nodeNeeds.explanation}`, '  '));
      for (const c of ps.containers) renderContainer(c, out, width);
    }
    if (o.podSecurity) out.push(bullet(o.podSecurity, '  '));
    if (o.findings.length) {
      out.push(`  Findings (${o.findings.length}):`);
      for (const f of o.findings) {
        out.push(wrapText(`${f.line}:${f.column} ${f.severity} ${f.message}${f.ruleId ? ` (${f.ruleId})` : ''}`, '    '));
        if (f.fix) out.push(wrapText(`Fix: ${f.fix}`, '      '));
      }
    } else out.push('  Findings: none.');
  }
  if (n.fileFindings.length) {
    out.push('', 'Problems in the file:');
    for (const f of n.fileFindings) out.push(wrapText(`${f.line}:${f.column} ${f.severity} ${f.message}${f.ruleId ? ` (${f.ruleId})` : ''}`, '  '));
  }
  return out.join('\n') + '\n';
}
