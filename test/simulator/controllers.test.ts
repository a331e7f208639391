import { describe, expect, it } from 'vitest';
import { compareForDeletion, podsToDelete, slowStartBatch } from '../../src/simulator/controllers.js';
import type { SimPod } from '../../src/simulator/model.js';
import { run, s, statuses } from './helpers.js';

function pod(name: string, over: Partial<SimPod> = {}): SimPod {
  return {
    uid: `uid-${name}`, name, namespace: 'default', labels: {}, annotations: {}, ownerRefs: [], spec: {}, createdAt: 0, ordinal: 0,
    nodeName: 'n', ip: undefined, phase: 'Running', reason: undefined, readyCondition: { status: true, lastTransition: 0 },
    scheduledCondition: { status: true }, deletionTimestamp: undefined, deletionGraceSeconds: undefined, containers: [], gone: false, goneAt: undefined,
    kubelet: { admitted: true, busy: false, chain: [], pendingSync: false, epoch: 0, nodeNotReady: false, initialized: true, resyncGen: 0, resyncAt: undefined, terminal: false, mountError: undefined },
    sched: { attempts: 0, lastAttempt: undefined, pendingAt: undefined, message: undefined }, lastRow: undefined, behavior: {}, ...over,
  };
}

describe('slowStartBatch', () => {
  it('creates in batches of 1, 2, 4 … and stops after a failing batch', () => {
    let calls = 0;
    expect(slowStartBatch(10, () => (calls++, true))).toBe(10);
    expect(calls).toBe(10);
    calls = 0;
    // Call 4 fails: batches 1 (ok), 2 (ok), 4 (fails) → 7 calls, 6 successes.
    expect(slowStartBatch(20, () => ++calls !== 4)).toBe(6);
    expect(calls).toBe(7);
  });
});

describe('scale-down ranking (F.6)', () => {
  const now = 1_000_000;
  it('unassigned, then Pending < Running, then not ready, then deletion cost', () => {
    const a = pod('a', { nodeName: undefined, phase: 'Pending' });
    const b = pod('b', { phase: 'Pending' });
    const c = pod('c', { readyCondition: { status: false, lastTransition: 0 } });
    const d = pod('d', { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-5' } });
    const e = pod('e');
    expect(podsToDelete([e, d, c, b, a], 5, now).map((p) => p.name)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(podsToDelete([e, d, c, b, a], 4, now).map((p) => p.name)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('then the more recently ready (log2 buckets), more restarts, newer', () => {
    const old = pod('old', { readyCondition: { status: true, lastTransition: now - 600_000 } });
    const fresh = pod('fresh', { readyCondition: { status: true, lastTransition: now - 20_000 } });
    expect(compareForDeletion(fresh, old, now)).toBeLessThan(0);
    const sameBucketA = pod('x', { createdAt: now - 40_000, readyCondition: { status: true, lastTransition: now - 33_000 } });
    const sameBucketB = pod('y', { createdAt: now - 50_000, readyCondition: { status: true, lastTransition: now - 40_000 } });
    const crashy = { ...sameBucketB, containers: [{ restartCount: 3 } as SimPod['containers'][number]] };
    expect(compareForDeletion(crashy, sameBucketA, now)).toBeLessThan(0);
  });
});

const RC = `
apiVersion: v1
kind: ReplicationController
metadata: {name: web}
spec:
  replicas: 3
  selector: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx:1.27, ports: [{containerPort: 80}]}]
`;

describe('ReplicationController in the simulation', () => {
  it('creates generateName pods with its events', () => {
    const t = run(RC, { until: s(10) });
    expect(t.pods.map((p) => p.name)).toHaveLength(3);
    for (const p of t.pods) expect(p.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(t.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message)).toEqual(t.pods.map((p) => `Created pod: ${p.name}`));
    expect(t.controllers[0]).toMatchObject({ desired: 3, current: 3, ready: 3 });
  });
  it('an RC whose selector does not match its template is rejected as kubectl apply reports it; the rest runs', () => {
    const t = run(`${RC.replace('selector: {app: web}', 'selector: {app: db}')}---\napiVersion: v1\nkind: Pod\nmetadata: {name: alone}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n`);
    expect(t.steps[0]).toMatchObject({ error: true, output: 'test.yaml:2: The ReplicationController "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: selector does not match template labels\npod/alone created' });
    expect(t.pods.map((p) => p.name)).toEqual(['alone']);
  });
  it('a kind in an API version the server no longer serves is refused like kubectl refuses it', () => {
    const t = run(RC.replace('apiVersion: v1\nkind: ReplicationController', 'apiVersion: extensions/v1beta1\nkind: ReplicaSet'));
    expect(t.steps[0]!.output).toBe('test.yaml:2: error: resource mapping not found for name: "web" namespace: "" from "test.yaml": no matches for kind "ReplicaSet" in version "extensions/v1beta1"\nensure CRDs are installed first');
  });
  it('pods of a crash-looping RC count as replicas: no replacements', () => {
    const t = run(RC.replace('metadata: {labels: {app: web}}', 'metadata: {labels: {app: web}, annotations: {podlint.io/behavior: "{c: {exitCode: 2, exitAfter: 3s}}"}}'), { until: s(300) });
    expect(t.pods).toHaveLength(3);
    expect(t.controllers[0]).toMatchObject({ current: 3, ready: 0 });
  });
  it('adopts a matching orphan instead of creating a pod', () => {
    const t = run(`
apiVersion: v1
kind: Pod
metadata: {name: stray, labels: {app: web}}
spec: {containers: [{name: c, image: nginx:1.27}]}
---${RC}`, { until: s(10) });
    expect(t.pods.map((p) => p.owner)).toEqual(['ReplicationController/web', 'ReplicationController/web', 'ReplicationController/web']);
    expect(t.pods[0]!.name).toBe('stray');
  });
  it('pods with restartPolicy Never that fail are replaced (inactive)', () => {
    const t = run(RC.replace('    spec:\n', '    spec:\n      restartPolicy: Never\n').replace('metadata: {labels: {app: web}}', 'metadata: {labels: {app: web}, annotations: {podlint.io/behavior: "{c: {exitCode: 1, exitAfter: 20s}}"}}'), { until: s(30) });
    expect(t.pods.filter((p) => p.phase === 'Failed')).toHaveLength(3);
    expect(t.pods.filter((p) => p.phase !== 'Failed')).toHaveLength(3);
    expect(statuses(t, t.pods[0]!.name)).toContain('25 Error 0/1 0');
  });
});
