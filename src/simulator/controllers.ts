/**
 * Pure parts of the ReplicaSet/ReplicationController controller (pkg/controller/replicaset/replica_set.go,
 * pkg/controller/controller_utils.go): slow-start creation batches and the scale-down ranking.
 */
import type { SimPod } from './model.js';
import { POD_DELETION_COST_ANNOTATION, SLOW_START_INITIAL_BATCH_SIZE } from './constants.js';
import type { Ms } from './time.js';

/**
 * slowStartBatch: call fn `count` times in batches of 1, 2, 4 …; stop after the first batch with a
 * failure. Returns the number of successful calls.
 */
export function slowStartBatch(count: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH_SIZE); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failed = false;
    for (let i = 0; i < batch; i++) {
      if (fn()) successes++;
      else failed = true;
    }
    remaining -= batch;
    if (failed) break;
  }
  return successes;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(p: SimPod): number {
  const v = p.annotations[POD_DELETION_COST_ANNOTATION];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

function log2Bucket(ms: Ms): number {
  const s = Math.floor(ms / 1000);
  return s <= 0 ? -1 : Math.floor(Math.log2(s));
}

function maxRestarts(p: SimPod): number {
  return p.containers.reduce((m, c) => Math.max(m, c.restartCount), 0);
}

/**
 * ActivePodsWithRanks.Less (F.6) with LogarithmicScaleDown: negative when `a` should be deleted before
 * `b`. Ranks count co-located related pods (all 0 for a ReplicaSet or ReplicationController without an
 * owning Deployment). Remaining ties go to the UID, then the name, so the order is total.
 */
export function compareForDeletion(a: SimPod, b: SimPod, now: Ms, ranks?: Map<SimPod, number>): number {
  const aAssigned = a.nodeName !== undefined;
  const bAssigned = b.nodeName !== undefined;
  if (aAssigned !== bAssigned) return aAssigned ? 1 : -1;
  const pa = PHASE_RANK[a.phase] ?? 3;
  const pb = PHASE_RANK[b.phase] ?? 3;
  if (pa !== pb) return pa - pb;
  const ra = a.readyCondition.status;
  const rb = b.readyCondition.status;
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  const rka = ranks?.get(a) ?? 0;
  const rkb = ranks?.get(b) ?? 0;
  if (rka !== rkb) return rkb - rka;
  if (ra && rb) {
    // More recently ready first, compared in log2 buckets of the time since.
    const ba = log2Bucket(now - a.readyCondition.lastTransition);
    const bb = log2Bucket(now - b.readyCondition.lastTransition);
    if (ba !== bb) return ba - bb;
  }
  const xa = maxRestarts(a);
  const xb = maxRestarts(b);
  if (xa !== xb) return xb - xa;
  const ta = log2Bucket(now - a.createdAt);
  const tb = log2Bucket(now - b.createdAt);
  if (ta !== tb) return ta - tb;
  if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** getPodsToDelete: the `diff` pods to delete first. */
export function podsToDelete(pods: SimPod[], diff: number, now: Ms, ranks?: Map<SimPod, number>): SimPod[] {
  if (diff >= pods.length) return [...pods];
  return [...pods].sort((a, b) => compareForDeletion(a, b, now, ranks)).slice(0, diff);
}
