/**
 * The Deployment controller (pkg/controller/deployment): it owns ReplicaSets named
 * `<deployment>-<pod-template-hash>` and moves replicas from old to new ones — RollingUpdate
 * (rolling.go: reconcileNewReplicaSet, reconcileOldReplicaSets with maxSurge / maxUnavailable) or
 * Recreate (recreate.go: old ones to 0, wait until their pods are gone, then the new one).
 */
import type { DeploymentControllerHost, Json, SimController } from './model.js';
import { GENERATE_NAME_ALPHABET } from './constants.js';

/** apps/v1 SetDefaults_Deployment: 25% surge and unavailability, revisionHistoryLimit 10. */
export const DEFAULT_MAX_SURGE = '25%';
export const DEFAULT_MAX_UNAVAILABLE = '25%';
/** pkg/apis/apps/v1 (DefaultDeploymentUniqueLabelKey). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** pkg/controller/deployment/util: the ScalingReplicaSet event. */
export const EV_SCALING_REPLICA_SET = 'ScalingReplicaSet';

/** intstr.GetScaledValueFromIntOrPercent: percentages of replicas, rounded up (surge) or down (unavailable). */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

/** ResolveFenceposts: both zero is not allowed, so unavailability becomes 1. */
export function fenceposts(strategy: Json, replicas: number): { surge: number; unavailable: number } {
  const ru = strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? DEFAULT_MAX_SURGE, replicas, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/**
 * controller.ComputeHash is an FNV-32a hash of Go's printed template, encoded with
 * rand.SafeEncodeString. podlint hashes the template's canonical JSON the same way, so the value is
 * stable but not the one a cluster would print (said in the assumptions).
 */
export function templateHash(template: Json): string {
  let h = 0x811c9dc5;
  const text = canonical(template);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map((ch) => GENERATE_NAME_ALPHABET[ch.charCodeAt(0) % GENERATE_NAME_ALPHABET.length]).join('');
}

function withoutHash(template: Json): string {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return canonical(t);
}

/** The Deployment's ReplicaSets: those it controls, adopting matching orphans (ClaimReplicaSets). */
function claimReplicaSets(engine: DeploymentControllerHost, d: SimController): SimController[] {
  const out: SimController[] = [];
  for (const rs of engine.controllers.values()) {
    if (rs.gone || rs.kind !== 'ReplicaSet' || rs.namespace !== d.namespace) continue;
    const ref = rs.ownerRefs.find((o) => o.controller);
    const matches = engine.selects(d, rs.labels);
    if (ref) {
      if (ref.uid !== d.uid) continue;
      if (matches) out.push(rs);
      else if (d.deletionTimestamp === undefined) rs.ownerRefs = rs.ownerRefs.filter((o) => o !== ref);
    } else if (matches && d.deletionTimestamp === undefined && rs.deletionTimestamp === undefined) {
      rs.ownerRefs = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.name, uid: d.uid, controller: true, blockOwnerDeletion: true }];
      out.push(rs);
    }
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.ordinal - b.ordinal);
}

function scale(engine: DeploymentControllerHost, d: SimController, rs: SimController, to: number): void {
  if (rs.replicas === to) return;
  const verb = to > rs.replicas ? 'up' : 'down';
  engine.event(d, 'Normal', EV_SCALING_REPLICA_SET, `Scaled ${verb} replica set ${rs.name} from ${rs.replicas} to ${to}`, 'deployment-controller');
  rs.replicas = to;
  engine.controllerRow(rs, 'MODIFIED');
  engine.queueController(rs, true);
}

function createReplicaSet(engine: DeploymentControllerHost, d: SimController, replicas: number): SimController {
  const hash = templateHash(d.template);
  const template = structuredClone(d.template ?? {});
  template.metadata ??= {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const selector = structuredClone(d.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs = engine.addController({
    kind: 'ReplicaSet', apiVersion: 'apps/v1', name: `${d.name}-${hash}`, namespace: d.namespace, labels: { ...template.metadata.labels },
    selector, replicas: 0, template, minReadySeconds: d.minReadySeconds,
    ownerRefs: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.name, uid: d.uid, controller: true, blockOwnerDeletion: true }],
    templateBehaviors: d.templateBehaviors, templateHash: hash,
  });
  scale(engine, d, rs, replicas);
  return rs;
}

/** syncDeployment: claim ReplicaSets, roll, and write the status. */
export function syncDeployment(engine: DeploymentControllerHost, d: SimController): void {
  const all = claimReplicaSets(engine, d);
  const wanted = withoutHash(d.template);
  const newRS = all.find((rs) => withoutHash(rs.template) === wanted);
  const old = all.filter((rs) => rs !== newRS);
  if (d.deletionTimestamp === undefined) {
    if (d.strategy?.type === 'Recreate') recreate(engine, d, newRS, old);
    else rolling(engine, d, newRS, old);
  }
  const live = claimReplicaSets(engine, d);
  const latest = live.find((rs) => withoutHash(rs.template) === wanted);
  d.status = {
    replicas: live.reduce((n, rs) => n + rs.status.replicas, 0),
    ready: live.reduce((n, rs) => n + rs.status.ready, 0),
    available: live.reduce((n, rs) => n + rs.status.available, 0),
    updated: latest?.status.replicas ?? 0,
  };
  engine.controllerRow(d, 'MODIFIED');
}

function recreate(engine: DeploymentControllerHost, d: SimController, newRS: SimController | undefined, old: SimController[]): void {
  let scaledDown = false;
  for (const rs of old) {
    if (rs.replicas > 0) {
      scale(engine, d, rs, 0);
      scaledDown = true;
    }
  }
  if (scaledDown) return;
  // Wait until the old pods are gone (not only terminating): recreate.go oldPodsRunning.
  if (old.some((rs) => [...engine.pods.values()].some((p) => !p.gone && p.ownerRefs.some((o) => o.uid === rs.uid && o.controller)))) return;
  if (!newRS) createReplicaSet(engine, d, d.replicas);
  else scale(engine, d, newRS, d.replicas);
}

function rolling(engine: DeploymentControllerHost, d: SimController, newRS: SimController | undefined, old: SimController[]): void {
  const { surge, unavailable } = fenceposts(d.strategy, d.replicas);
  const specCount = (list: SimController[]) => list.reduce((n, rs) => n + rs.replicas, 0);
  // reconcileNewReplicaSet / NewRSNewReplicas
  const target = (current: number): number => {
    if (old.length === 0 || old.every((rs) => rs.replicas === 0)) return d.replicas;
    const total = specCount(old) + current;
    const maxTotal = d.replicas + surge;
    if (total >= maxTotal) return current;
    return current + Math.max(0, Math.min(maxTotal - total, d.replicas - current));
  };
  if (!newRS) newRS = createReplicaSet(engine, d, target(0));
  else if (newRS.replicas > d.replicas) scale(engine, d, newRS, d.replicas);
  else if (newRS.replicas < d.replicas) scale(engine, d, newRS, target(newRS.replicas));
  // reconcileOldReplicaSets
  const oldPods = old.reduce((n, rs) => n + rs.status.replicas, 0);
  if (oldPods === 0) return;
  const allPods = oldPods + newRS.status.replicas;
  const minAvailable = d.replicas - unavailable;
  const newUnavailable = newRS.replicas - newRS.status.available;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  // cleanupUnhealthyReplicas: unavailable old pods go first.
  let cleaned = 0;
  for (const rs of old) {
    if (cleaned >= maxScaledDown) break;
    if (rs.replicas === 0) continue;
    const unhealthy = rs.replicas - rs.status.available;
    if (unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown - cleaned, unhealthy);
    scale(engine, d, rs, rs.replicas - down);
    cleaned += down;
  }
  // scaleDownOldReplicaSetsForRollingUpdate
  const available = old.reduce((n, rs) => n + rs.status.available, 0) + newRS.status.available;
  if (available <= minAvailable) return;
  let toScale = available - minAvailable;
  for (const rs of old) {
    if (toScale <= 0) break;
    if (rs.replicas === 0) continue;
    const down = Math.min(rs.replicas, toScale);
    scale(engine, d, rs, rs.replicas - down);
    toScale -= down;
  }
}
