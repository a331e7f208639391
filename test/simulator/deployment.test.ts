import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fenceposts, scaledValue, templateHash } from '../../src/simulator/deployment.js';
import { parseScenario } from '../../src/simulator/scenario.js';
import { simulate } from '../../src/simulator/simulate.js';
import { s } from './helpers.js';

const web = fs.readFileSync(new URL('../../examples/scenarios/deployment-web.yaml', import.meta.url), 'utf8');

function rollout(manifest: string, until = 120) {
  const scenario = parseScenario(`steps:
  - {at: 0s, run: kubectl apply -f web.yaml}
  - {at: 30s, run: kubectl set image deployment/web web=nginx:1.28}
`, 'scn.yaml', () => ({ text: manifest, label: 'web.yaml' }));
  return simulate([], { scenario, until: s(until) });
}

describe('Deployment helpers', () => {
  it('resolves maxSurge up and maxUnavailable down; both 0 becomes unavailable 1', () => {
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(fenceposts({}, 4)).toEqual({ surge: 1, unavailable: 1 });
    expect(fenceposts({ rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } }, 4)).toEqual({ surge: 0, unavailable: 1 });
  });
  it('hashes a template stably, in the generateName alphabet', () => {
    const h = templateHash({ metadata: { labels: { app: 'web' } } });
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(templateHash({ metadata: { labels: { app: 'web' } } })).toBe(h);
    expect(templateHash({ metadata: { labels: { app: 'db' } } })).not.toBe(h);
  });
});

describe('Deployment rollouts', () => {
  it('RollingUpdate keeps within maxSurge and maxUnavailable and ends on the new ReplicaSet', () => {
    const t = rollout(web);
    const depRows = t.controllerRows.filter((r) => r.kind === 'Deployment' && r.time >= s(30));
    // Pods (all ReplicaSets) never above replicas + surge = 5; ready never below replicas - unavailable = 3.
    for (const r of depRows) {
      expect(r.current).toBeLessThanOrEqual(5);
      expect(r.ready).toBeGreaterThanOrEqual(3);
    }
    const rss = t.controllers.filter((c) => c.kind === 'ReplicaSet');
    expect(rss).toHaveLength(2);
    expect(rss.map((c) => c.desired)).toEqual([0, 4]);
    const live = t.pods.filter((p) => !p.deleted);
    expect(live).toHaveLength(4);
    expect(new Set(live.map((p) => p.owner))).toEqual(new Set([`ReplicaSet/${rss[1]!.name}`]));
    expect(t.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message)[0]).toBe(`Scaled up replica set ${rss[0]!.name} from 0 to 4`);
  });
  it('Recreate stops every old pod before the new ReplicaSet starts', () => {
    const t = rollout(web.replace('spec:\n  replicas: 4', 'spec:\n  replicas: 4\n  strategy:\n    type: Recreate'));
    const rss = t.controllers.filter((c) => c.kind === 'ReplicaSet');
    const lastOldGone = Math.max(...t.watch.filter((w) => w.event === 'DELETED' && w.name.startsWith(rss[0]!.name)).map((w) => w.time));
    const firstNew = Math.min(...t.watch.filter((w) => w.event === 'ADDED' && w.name.startsWith(rss[1]!.name)).map((w) => w.time));
    expect(firstNew).toBeGreaterThanOrEqual(lastOldGone);
    expect(t.pods.filter((p) => !p.deleted)).toHaveLength(4);
  });
  it('a new version that crashes stalls the rollout when minReadySeconds guards it: old pods keep serving', () => {
    // Without minReadySeconds a pod that answers its readiness probe before crashing counts as available
    // and the rollout goes through; with 10 s it never becomes available.
    const scenarioText = `steps:
  - {at: 0s, run: kubectl apply -f web.yaml}
  - {at: 29s, run: behavior web-* web exitCode=1 exitAfter=2s}
  - {at: 30s, run: kubectl set image deployment/web web=nginx:1.28}
`;
    const guarded = web.replace('spec:\n  replicas: 4', 'spec:\n  replicas: 4\n  minReadySeconds: 10');
    const scenario = parseScenario(`steps:
  - {at: 0s, run: kubectl apply -f web.yaml}
  - {at: 29s, run: behavior web-* web exitCode=1 exitAfter=2s}
  - {at: 30s, run: kubectl set image deployment/web web=nginx:1.28}
`, 'scn.yaml', () => ({ text: guarded, label: 'web.yaml' }));
    const t = simulate([], { scenario, until: s(600) });
    const unguarded = simulate([], { scenario: parseScenario(scenarioText, 'scn.yaml', () => ({ text: web, label: 'web.yaml' })), until: s(600) });
    expect(unguarded.controllers.filter((c) => c.kind === 'ReplicaSet').map((c) => c.desired)).toEqual([0, 4]);
    const rs = t.controllers.filter((c) => c.kind === 'ReplicaSet');
    // maxUnavailable 1: one old pod goes; maxSurge 1: the new ReplicaSet gets 2, none ever available.
    expect(rs.map((c) => c.desired)).toEqual([3, 2]);
    const live = t.pods.filter((p) => !p.deleted);
    expect(live.filter((p) => p.owner === `ReplicaSet/${rs[0]!.name}` && p.ready === '1/1')).toHaveLength(3);
    expect(live.filter((p) => p.owner === `ReplicaSet/${rs[1]!.name}`).every((p) => p.status === 'CrashLoopBackOff' || p.status === 'Error' || p.status === 'Running')).toBe(true);
    expect(t.controllers.find((c) => c.kind === 'Deployment')).toMatchObject({ desired: 4, current: 5, ready: 3 });
  });
  it('deleting a Deployment deletes its ReplicaSets and their pods (background)', () => {
    const scenario = parseScenario('steps:\n  - {at: 0s, run: kubectl apply -f web.yaml}\n  - {at: 20s, run: kubectl delete deployment web}\n', 'scn.yaml', () => ({ text: web, label: 'web.yaml' }));
    const t = simulate([], { scenario, until: s(40) });
    expect(t.controllers.every((c) => c.deleted)).toBe(true);
    expect(t.pods.every((p) => p.deleted)).toBe(true);
  });
});
