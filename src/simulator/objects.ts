/**
 * The API server's part: create, apply (three-way, as kubectl apply computes it), replace and update of
 * Pods, ReplicationControllers and ReplicaSets, with the validation errors that matter here and the
 * lines kubectl prints (`replicationcontroller/myweb-rc created`).
 */
import { DEFAULT_REPLICAS } from '../k8s/defaults.js';
import { matchesLabelSelector } from '../k8s/selector.js';
import { BEHAVIOR_ANNOTATION } from './constants.js';
import { parseBehaviorAnnotation, type Behavior } from './behavior.js';
import type { Engine } from './engine.js';
import type { Json, SimController, SimPod } from './model.js';
import { jsonMergePatch } from './patch.js';
import { humanDuration } from './time.js';

export interface SimInput {
  value: Json;
  file: string;
  line: number;
}

export type WriteMode = 'create' | 'apply' | 'replace';
export type WriteResult = { ok: true; message: string } | { ok: false; message: string };

const SIMULATED = new Set(['Pod', 'ReplicationController', 'ReplicaSet', 'Deployment']);
const REFERENCED = new Set(['ConfigMap', 'Secret', 'PersistentVolumeClaim']);

export function isSimulatedKind(kind: unknown): boolean {
  return typeof kind === 'string' && SIMULATED.has(kind);
}

export function isReferencedKind(kind: unknown): boolean {
  return typeof kind === 'string' && REFERENCED.has(kind);
}

/** kubectl's `<resource>[.<group>]/<name>` and the plural resource used in API errors. */
export function resourceOf(kind: string): { plural: string; qualified: string } {
  switch (kind) {
    case 'Pod': return { plural: 'pods', qualified: 'pod' };
    case 'ReplicationController': return { plural: 'replicationcontrollers', qualified: 'replicationcontroller' };
    case 'ReplicaSet': return { plural: 'replicasets', qualified: 'replicaset.apps' };
    case 'Deployment': return { plural: 'deployments', qualified: 'deployment.apps' };
    case 'ConfigMap': return { plural: 'configmaps', qualified: 'configmap' };
    case 'Secret': return { plural: 'secrets', qualified: 'secret' };
    case 'PersistentVolumeClaim': return { plural: 'persistentvolumeclaims', qualified: 'persistentvolumeclaim' };
    default: return { plural: `${kind.toLowerCase()}s`, qualified: kind.toLowerCase() };
  }
}

/** Go's %#v of a map[string]string, as validation errors print label maps. */
function goMap(m: Record<string, string>): string {
  return `map[string]string{${Object.keys(m).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`).join(', ')}}`;
}

function invalid(kind: string, name: string, cause: string): string {
  return `The ${kind} "${name}" is invalid: ${cause}`;
}

function behaviorsFrom(annotations: Json): Record<string, Behavior> | string {
  const text = annotations?.[BEHAVIOR_ANNOTATION];
  if (text === undefined) return {};
  const r = parseBehaviorAnnotation(String(text));
  return r.ok ? r.byContainer : r.error;
}

/** The API versions a 1.28+ API server serves for the simulated kinds. */
const SERVED: Record<string, string> = { Pod: 'v1', ReplicationController: 'v1', ReplicaSet: 'apps/v1', Deployment: 'apps/v1' };

/** kubectl's error for a kind/version the server does not serve (e.g. extensions/v1beta1 Deployments, removed in 1.16). */
export function unservedVersion(obj: Json, fileLabel: string): string | undefined {
  const kind = obj?.kind;
  if (!isSimulatedKind(kind) || obj?.apiVersion === SERVED[kind]) return undefined;
  return `error: resource mapping not found for name: "${obj?.metadata?.name ?? ''}" namespace: "${obj?.metadata?.namespace ?? ''}" from "${fileLabel}": no matches for kind "${kind}" in version "${obj?.apiVersion ?? ''}"\nensure CRDs are installed first`;
}

/** A problem in podlint's own annotation (not something the API server would check). */
export function behaviorAnnotationError(obj: Json): string | undefined {
  for (const meta of [obj?.metadata, obj?.spec?.template?.metadata]) {
    const b = behaviorsFrom(meta?.annotations);
    if (typeof b === 'string') return b;
  }
  return undefined;
}

/** Validation of an object before it is stored: what the API server (and podlint's model) needs. */
export function validateObject(obj: Json): string | undefined {
  const kind = obj?.kind;
  const name = obj?.metadata?.name;
  if (!isSimulatedKind(kind)) return undefined;
  if (!name && !(kind === 'Pod' && obj?.metadata?.generateName)) return invalid(kind, '', 'metadata.name: Required value: name or generateName is required');
  if (kind === 'Pod') {
    const containers = obj?.spec?.containers;
    if (!Array.isArray(containers) || containers.length === 0) return invalid(kind, name, 'spec.containers: Required value');
    const b = behaviorsFrom(obj?.metadata?.annotations);
    if (typeof b === 'string') return b;
    return undefined;
  }
  const spec = obj?.spec ?? {};
  const tmplLabels: Record<string, string> = spec.template?.metadata?.labels ?? {};
  if (!Array.isArray(spec.template?.spec?.containers) || spec.template.spec.containers.length === 0) return invalid(kind, name, 'spec.template.spec.containers: Required value');
  if (spec.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) return invalid(kind, name, `spec.replicas: Invalid value: ${JSON.stringify(spec.replicas)}: must be greater than or equal to 0`);
  const b = behaviorsFrom(spec.template?.metadata?.annotations);
  if (typeof b === 'string') return b;
  if (kind === 'ReplicationController') {
    const selector = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : tmplLabels;
    if (Object.keys(selector).length === 0) return invalid(kind, name, 'spec.selector: Required value');
    if (!Object.entries(selector).every(([k, v]) => tmplLabels[k] === String(v))) return invalid(kind, name, `spec.template.metadata.labels: Invalid value: ${goMap(tmplLabels)}: selector does not match template labels`);
    return undefined;
  }
  const sel = spec.selector;
  if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) return invalid(kind, name, 'spec.selector: Required value');
  // pkg/apis/apps/validation: ValidateReplicaSetSpec / ValidateDeploymentSpec.
  if (!matchesLabelSelector(sel, tmplLabels)) return invalid(kind, name, `spec.template.metadata.labels: Invalid value: ${goMap(tmplLabels)}: \`selector\` does not match template \`labels\``);
  if (kind === 'Deployment') {
    const st = spec.strategy?.type;
    if (st !== undefined && st !== 'RollingUpdate' && st !== 'Recreate') return invalid(kind, name, `spec.strategy.type: Unsupported value: ${JSON.stringify(st)}: supported values: "Recreate", "RollingUpdate"`);
    if (st === 'Recreate' && spec.strategy?.rollingUpdate) return invalid(kind, name, 'spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is \'Recreate\'');
  }
  return undefined;
}

export function namespaceOf(obj: Json): string {
  return obj?.metadata?.namespace || 'default';
}

/** The live object as `kubectl get -o json` would show the fields podlint keeps. */
export function liveObject(x: SimPod | SimController): Json {
  if ('containers' in x) {
    const meta: Json = { name: x.name, namespace: x.namespace, labels: { ...x.labels }, annotations: { ...x.annotations } };
    if (x.ownerRefs.length) meta.ownerReferences = x.ownerRefs.map((o) => ({ ...o }));
    return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: structuredClone(x.spec) };
  }
  const spec: Json = { replicas: x.replicas, selector: structuredClone(x.selector), template: structuredClone(x.template) };
  if (x.minReadySeconds) spec.minReadySeconds = x.minReadySeconds;
  if (x.kind === 'Deployment' && x.strategy && Object.keys(x.strategy).length) spec.strategy = structuredClone(x.strategy);
  return { apiVersion: x.apiVersion, kind: x.kind, metadata: { name: x.name, namespace: x.namespace, labels: { ...x.labels } }, spec };
}

/** createTwoWayMergePatch for maps (lists replaced): what kubectl apply sends, given the last applied configuration. */
export function twoWayMergePatch(original: Json, modified: Json): Json {
  const out: Record<string, Json> = {};
  const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  for (const [k, v] of Object.entries(modified ?? {})) {
    const o = original?.[k];
    if (o === undefined) out[k] = v;
    else if (JSON.stringify(o) !== JSON.stringify(v)) out[k] = isMap(o) && isMap(v) ? twoWayMergePatch(o, v) : v;
  }
  for (const k of Object.keys(original ?? {})) if (!(k in (modified ?? {}))) out[k] = null;
  return out;
}

export function findObject(engine: Engine, kind: string, ns: string, name: string): SimPod | SimController | undefined {
  if (kind === 'Pod') return engine.podsByKey.get(engine.podKey(ns, name));
  return engine.controllersByKey.get(`${kind}/${ns}/${name}`);
}

/** Write one object as `kubectl create|apply|replace -f` does. */
export function writeObject(engine: Engine, input: SimInput, mode: WriteMode, fileLabel: string): WriteResult {
  const obj = input.value;
  const kind = obj?.kind;
  if (isReferencedKind(kind)) {
    const key = `${String(kind).toLowerCase()}/${namespaceOf(obj)}/${obj?.metadata?.name}`;
    const exists = engine.opts.existing.has(key);
    engine.opts.existing.add(key);
    const verb = mode === 'create' ? 'created' : mode === 'replace' ? 'replaced' : exists ? 'unchanged' : 'created';
    return { ok: true, message: `${resourceOf(kind).qualified}/${obj?.metadata?.name} ${verb}` };
  }
  if (!isSimulatedKind(kind)) return { ok: true, message: `${resourceOf(String(kind ?? 'object')).qualified}/${obj?.metadata?.name ?? ''} not simulated (podlint simulates Pods, ReplicationControllers, ReplicaSets and Deployments)` };
  const unserved = unservedVersion(obj, fileLabel);
  if (unserved) return { ok: false, message: unserved };
  const err = validateObject(obj);
  if (err) return { ok: false, message: err };
  const ns = namespaceOf(obj);
  const name = obj?.metadata?.name;
  const { plural, qualified } = resourceOf(kind);
  const existing = name ? findObject(engine, kind, ns, name) : undefined;
  if (mode === 'create' && existing) return { ok: false, message: `Error from server (AlreadyExists): error when creating "${fileLabel}": ${plural} "${name}" already exists` };
  if (mode === 'replace' && !existing) return { ok: false, message: `Error from server (NotFound): error when replacing "${fileLabel}": ${plural} "${name}" not found` };
  if (!existing) {
    const created = createObject(engine, obj);
    if (typeof created === 'string') return { ok: false, message: created };
    if (mode === 'apply') created.lastApplied = structuredClone(obj);
    return { ok: true, message: `${qualified}/${created.name} created` };
  }
  let next: Json;
  if (mode === 'replace') next = obj;
  else {
    const live = liveObject(existing);
    next = jsonMergePatch(live, twoWayMergePatch(existing.lastApplied ?? {}, obj));
  }
  const before = JSON.stringify(liveObject(existing));
  const r = updateObject(engine, existing, next);
  if (r) return { ok: false, message: r };
  if (mode === 'apply') existing.lastApplied = structuredClone(obj);
  const changed = JSON.stringify(liveObject(existing)) !== before;
  return { ok: true, message: `${qualified}/${name} ${mode === 'replace' ? 'replaced' : changed ? 'configured' : 'unchanged'}` };
}

/** Create a Pod, RC or RS from its manifest; a string is an error. */
export function createObject(engine: Engine, obj: Json): SimPod | SimController | string {
  const err = validateObject(obj);
  if (err) return err;
  const ns = namespaceOf(obj);
  if (obj.kind === 'Pod') {
    const b = behaviorsFrom(obj.metadata?.annotations) as Record<string, Behavior>;
    const meta = { ...obj.metadata };
    delete meta.ownerReferences;
    const p = engine.createPod(meta, structuredClone(obj.spec), ns, undefined, b);
    return p;
  }
  const spec = obj.spec ?? {};
  const template = structuredClone(spec.template ?? {});
  const tmplLabels = template?.metadata?.labels ?? {};
  const isRc = obj.kind === 'ReplicationController';
  const selector = isRc ? (spec.selector && Object.keys(spec.selector).length ? { ...spec.selector } : { ...tmplLabels }) : structuredClone(spec.selector);
  return engine.addController({
    kind: obj.kind, apiVersion: obj.apiVersion ?? (isRc ? 'v1' : 'apps/v1'), name: obj.metadata.name, namespace: ns,
    labels: { ...(obj.metadata?.labels ?? (isRc ? tmplLabels : {})) }, selector, replicas: spec.replicas ?? DEFAULT_REPLICAS, template,
    minReadySeconds: spec.minReadySeconds ?? 0, ownerRefs: [],
    strategy: obj.kind === 'Deployment' ? structuredClone(spec.strategy ?? {}) : undefined,
    templateBehaviors: behaviorsFrom(template?.metadata?.annotations) as Record<string, Behavior>,
  });
}

const POD_UPDATE_FORBIDDEN =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function withoutImages(spec: Json): string {
  const s = structuredClone(spec ?? {});
  for (const list of [s.containers, s.initContainers]) for (const c of list ?? []) delete c.image;
  delete s.activeDeadlineSeconds;
  delete s.tolerations;
  return JSON.stringify(s);
}

/** Update a live object to `next` (a full object). Returns an error message or undefined. */
export function updateObject(engine: Engine, target: SimPod | SimController, next: Json): string | undefined {
  const err = validateObject({ ...next, kind: 'containers' in target ? 'Pod' : target.kind, metadata: { ...next?.metadata, name: target.name } });
  if (err) return err;
  if ('containers' in target) {
    const p = target;
    if (withoutImages(p.spec) !== withoutImages(next.spec)) return invalid('Pod', p.name, POD_UPDATE_FORBIDDEN);
    const behaviors = behaviorsFrom(next.metadata?.annotations) as Record<string, Behavior>;
    p.labels = { ...(next.metadata?.labels ?? {}) };
    p.annotations = { ...(next.metadata?.annotations ?? {}) };
    p.behavior = behaviors;
    p.ownerRefs = Array.isArray(next.metadata?.ownerReferences) ? next.metadata.ownerReferences.map((o: Json) => ({ ...o })) : [];
    const changedImages: number[] = [];
    for (const c of p.containers) {
      const list = c.init ? next.spec.initContainers : next.spec.containers;
      const nc = (list ?? []).find((x: Json) => x?.name === c.name);
      if (nc && nc.image !== c.spec.image) {
        c.spec = nc;
        changedImages.push(c.index);
      }
    }
    p.spec = structuredClone(next.spec);
    for (const c of p.containers) {
      const list = c.init ? p.spec.initContainers : p.spec.containers;
      c.spec = (list ?? []).find((x: Json) => x?.name === c.name) ?? c.spec;
    }
    engine.podChanged(p, true);
    engine.publish(p);
    if (changedImages.length) engine.containerSpecChanged(p, changedImages);
    return undefined;
  }
  const c = target;
  const spec = next.spec ?? {};
  if (c.kind !== 'ReplicationController' && JSON.stringify(spec.selector) !== JSON.stringify(c.selector)) {
    return invalid(c.kind, c.name, `spec.selector: Invalid value: ${JSON.stringify(spec.selector)}: field is immutable`);
  }
  if (c.kind === 'Deployment') c.strategy = structuredClone(spec.strategy ?? {});
  c.replicas = spec.replicas ?? DEFAULT_REPLICAS;
  c.template = structuredClone(spec.template ?? {});
  c.minReadySeconds = spec.minReadySeconds ?? 0;
  c.labels = { ...(next.metadata?.labels ?? {}) };
  if (c.kind === 'ReplicationController') c.selector = spec.selector && Object.keys(spec.selector).length ? { ...spec.selector } : { ...(c.template?.metadata?.labels ?? {}) };
  c.templateBehaviors = behaviorsFrom(c.template?.metadata?.annotations) as Record<string, Behavior>;
  engine.controllerRow(c, 'MODIFIED');
  engine.queueController(c, true);
  return undefined;
}

/** `kubectl get pods` at this moment. */
export function getPodsTable(engine: Engine, ns: string, printPodRow: (p: SimPod) => { ready: string; status: string; restartsText: string }): string[][] {
  const rows: string[][] = [['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']];
  const pods = engine.podsInNamespace(ns).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const p of pods) {
    const r = printPodRow(p);
    rows.push([p.name, r.ready, r.status, r.restartsText, humanDuration(engine.now - p.createdAt)]);
  }
  return rows;
}
