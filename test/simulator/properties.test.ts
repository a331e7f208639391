import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulator/simulate.js';
import { parseScenario } from '../../src/simulator/scenario.js';
import { renderJson } from '../../src/simulator/render-json.js';
import { renderText } from '../../src/simulator/render-text.js';
import type { SimInput } from '../../src/simulator/objects.js';
import { s } from './helpers.js';

const podArb = fc.record({
  policy: fc.constantFrom('Always', 'OnFailure', 'Never'),
  exitCode: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  exitAfter: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
  startup: fc.integer({ min: 0, max: 60 }),
  probePort: fc.constantFrom(80, 8080),
  probe: fc.constantFrom('none', 'liveness', 'readiness', 'startup+liveness'),
  pullable: fc.boolean(),
  image: fc.constantFrom('nginx:1.27', 'nginx', 'httpd'),
});

type PodSpecArb = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function podObject(p: PodSpecArb, i: number): SimInput {
  const behavior: Record<string, unknown> = { startupTime: `${p.startup}s`, imagePullable: p.pullable };
  if (p.exitCode !== undefined) behavior.exitCode = p.exitCode;
  if (p.exitAfter !== undefined) behavior.exitAfter = `${p.exitAfter}s`;
  const container: Record<string, unknown> = { name: 'c', image: p.image, ports: [{ containerPort: 80 }] };
  const probe = { httpGet: { path: '/', port: p.probePort }, periodSeconds: 5 };
  if (p.probe === 'liveness' || p.probe === 'startup+liveness') container.livenessProbe = probe;
  if (p.probe === 'readiness') container.readinessProbe = probe;
  if (p.probe === 'startup+liveness') container.startupProbe = { ...probe, failureThreshold: 10 };
  return {
    file: 'gen.yaml', line: 1,
    value: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, annotations: { 'podlint.io/behavior': JSON.stringify({ c: behavior }) } }, spec: { restartPolicy: p.policy, containers: [container] } },
  };
}

const versions = fc.constantFrom('1.28', '1.32', '1.34', '1.36');

describe('properties of the model', () => {
  it('events and watch rows are in time order; restarts never decrease; back-off never exceeds its cap', () => {
    fc.assert(
      fc.property(fc.array(podArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 1000 }), versions, (pods, seed, version) => {
        const t = simulate(pods.map(podObject), { seed, until: s(1800), kubernetesVersion: version });
        for (let i = 1; i < t.events.length; i++) expect(t.events[i]!.time).toBeGreaterThanOrEqual(t.events[i - 1]!.time);
        for (let i = 1; i < t.watch.length; i++) expect(t.watch[i]!.time).toBeGreaterThanOrEqual(t.watch[i - 1]!.time);
        const restarts = new Map<string, number>();
        for (const w of t.watch) {
          const n = Number(w.restarts.split(' ')[0]);
          expect(n).toBeGreaterThanOrEqual(restarts.get(w.name) ?? 0);
          restarts.set(w.name, n);
        }
        // From a container's exit to its restart: at most the 300 s cap, plus the pull (≤ 5 s),
        // plus (before 1.35) one 10–15 s resync.
        const slack = version === '1.36' ? 5 : 20;
        for (const tl of t.timeline) for (const r of tl.restarts) expect(r.waited).toBeLessThanOrEqual(s(300 + slack));
        for (const e of t.events) if (e.reason === 'BackOff' && e.message.startsWith('Back-off restarting')) expect(e.type).toBe('Warning');
      }),
      { numRuns: 60 },
    );
  });

  it('a controller with room converges to its desired count after any sequence of scales and deletes', () => {
    const rc = (replicas: number) => `apiVersion: v1
kind: ReplicationController
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx:1.27}]}
`;
    const op = fc.oneof(
      fc.integer({ min: 0, max: 12 }).map((n) => `kubectl scale rc web --replicas=${n}`),
      fc.constant('kubectl delete pods -l app=web'),
      fc.constant('kubectl delete pod {{pod:web:newest}}'),
      fc.constant('kubectl label pod {{pod:web:0}} app=away --overwrite'),
      fc.constant('kubectl label pods -l app=away app=web --overwrite'),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.array(op, { maxLength: 8 }), fc.integer({ min: 0, max: 99 }), (initial, ops, seed) => {
        const steps = ['  - {at: 0s, run: "kubectl apply -f rc.yaml"}', ...ops.map((o, i) => `  - {at: ${(i + 1) * 7}s, run: "${o}"}`)].join('\n');
        const scenario = parseScenario(`steps:\n${steps}\n`, 'scn.yaml', () => ({ text: rc(initial), label: 'rc.yaml' }));
        const t = simulate([], { scenario, seed, until: s(600) });
        const c = t.controllers[0]!;
        const owned = t.pods.filter((p) => !p.deleted && p.owner === 'ReplicationController/web' && p.status !== 'Terminating');
        expect(c.current).toBe(c.desired);
        expect(owned.length).toBe(c.desired);
        expect(c.ready).toBe(c.desired);
      }),
      { numRuns: 60 },
    );
  });

  it('the same inputs and seed give byte-identical output; another seed other names', () => {
    fc.assert(
      fc.property(fc.array(podArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 1_000_000 }), (pods, seed) => {
        const objects = pods.map(podObject);
        const rc: SimInput = { file: 'rc.yaml', line: 1, value: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { replicas: 2, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } } } };
        const a = simulate([...objects, rc], { seed, until: s(300) });
        const b = simulate([...objects, rc], { seed, until: s(300) });
        expect(renderJson(a)).toBe(renderJson(b));
        expect(renderText(a)).toBe(renderText(b));
        const c = simulate([...objects, rc], { seed: seed + 1, until: s(300) });
        expect(c.pods.filter((p) => p.owner).map((p) => p.name)).not.toEqual(a.pods.filter((p) => p.owner).map((p) => p.name));
      }),
      { numRuns: 30 },
    );
  });
});
