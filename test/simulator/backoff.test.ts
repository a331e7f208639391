import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/simulator/backoff.js';
import { run, s, statuses } from './helpers.js';

describe('flowcontrol.Backoff', () => {
  const crash = () => new Backoff(s(10), s(300), (ev, last) => ev - last > s(600));
  it('has no entry before the first restart, then doubles to the cap', () => {
    const b = crash();
    expect(b.isInBackOffSince('k', 0, 0)).toBe(false);
    const waits: number[] = [];
    let t = 0;
    for (let i = 0; i < 9; i++) {
      b.next('k', t, t);
      waits.push(b.get('k') / 1000);
      t += 1000;
    }
    expect(waits).toEqual([10, 20, 40, 80, 160, 300, 300, 300, 300]);
  });
  it('is in back-off from the exit until exit + back-off', () => {
    const b = crash();
    b.next('k', 0, 0);
    expect(b.isInBackOffSince('k', s(5), s(5))).toBe(true);
    expect(b.isInBackOffSince('k', s(5), s(14.999))).toBe(true);
    expect(b.isInBackOffSince('k', s(5), s(15))).toBe(false);
  });
  it('expires after 600 s since the last update (container ran 10 minutes)', () => {
    const b = crash();
    b.next('k', 0, 0);
    b.next('k', s(10), s(10));
    expect(b.get('k')).toBe(s(20));
    expect(b.isInBackOffSince('k', s(611), s(611))).toBe(false);
    b.next('k', s(611), s(611));
    expect(b.get('k')).toBe(s(10));
  });
});

describe('crash back-off in the kubelet (A.3)', () => {
  const crashing = (policy = 'Always', code = 1) => `
apiVersion: v1
kind: Pod
metadata:
  name: crash
  annotations:
    podlint.io/behavior: "{app: {exitCode: ${code}, exitAfter: 0s}}"
spec:
  restartPolicy: ${policy}
  containers:
    - name: app
      image: busybox:1.36
`;
  it('restarts at once the first time, then after 10, 20, 40, 80, 160, 300, 300 s', () => {
    const t = run(crashing(), { until: s(1800) });
    const tl = t.timeline[0]!;
    // IfNotPresent image: after the first 5 s pull the image is on the node, so starts take no time.
    expect(tl.restarts.map((r) => r.waited / 1000)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300, 300]);
    expect(tl.restarts.map((r) => r.time / 1000)).toEqual([5, 15, 35, 75, 155, 315, 615, 915, 1215, 1515]);
    const rows = statuses(t, 'crash');
    // exitAfter 0: every start is followed by an exit at the same instant.
    expect(rows.slice(0, 11)).toEqual([
      '0 Pending 0/1 0', '0 Pending 0/1 0', '0 ContainerCreating 0/1 0',
      '5 Running 1/1 0', '5 Error 0/1 0', '5 Running 1/1 1', '5 Error 0/1 1', '5 CrashLoopBackOff 0/1 1',
      '15 Running 1/1 2', '15 Error 0/1 2', '15 CrashLoopBackOff 0/1 2',
    ]);
  });
  it('the waiting message names the current back-off like the kubelet', () => {
    // The crash at 155 s follows the start that set the back-off to 160 s.
    const t = run(crashing(), { until: s(200) });
    expect(t.pods[0]!.why).toMatch(/CrashLoopBackOff: back-off 2m40s restarting failed container=app pod=crash_default\([0-9a-f-]{36}\)/);
  });
  it('before 1.35 the restart waits for the next 10–15 s pod-worker resync', () => {
    const t = run(crashing(), { until: s(400), kubernetesVersion: '1.34' });
    const waits = t.timeline[0]!.restarts.map((r) => r.waited / 1000);
    expect(waits[0]).toBe(0);
    const expected = [10, 20, 40, 80, 160];
    waits.slice(1).forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(expected[i]!);
      expect(w).toBeLessThanOrEqual(expected[i]! + 15);
    });
  });
  it('OnFailure: exit 0 completes the pod; Never: exit 1 fails it', () => {
    const ok = run(crashing('OnFailure', 0), { until: s(60) });
    expect(ok.pods[0]).toMatchObject({ phase: 'Succeeded', status: 'Completed', restarts: 0 });
    const bad = run(crashing('Never', 1), { until: s(60) });
    expect(bad.pods[0]).toMatchObject({ phase: 'Failed', status: 'Error', restarts: 0 });
    const again = run(crashing('OnFailure', 1), { until: s(60) });
    expect(again.pods[0]).toMatchObject({ phase: 'Running', status: 'CrashLoopBackOff' });
  });
  it('Always restarts a container that exits 0, with back-off too', () => {
    const t = run(crashing('Always', 0), { until: s(60) });
    expect(t.pods[0]).toMatchObject({ phase: 'Running', status: 'CrashLoopBackOff' });
    expect(statuses(t, 'crash')).toContain('5 Completed 0/1 0');
  });
  it('a container that runs longer than 10 minutes starts its back-off afresh', () => {
    const yaml = crashing().replace('exitAfter: 0s', 'exitAfter: 11m');
    const t = run(yaml, { until: s(3000) });
    expect(t.timeline[0]!.restarts.map((r) => r.waited)).toEqual([0, 0, 0, 0]);
  });
});
