import { describe, expect, it } from 'vitest';
import { computePhase, printPod } from '../../src/simulator/status.js';
import type { ContainerState, SimContainer, SimPod, Terminated } from '../../src/simulator/model.js';
import { run, s, statuses } from './helpers.js';

function c(name: string, state: ContainerState, over: Partial<SimContainer> = {}): SimContainer {
  return { name, spec: {}, init: false, sidecar: false, index: 0, state, lastTerminated: undefined, terminated: undefined, restartCount: 0, instance: 1, started: state.kind === 'running', ready: false, stopping: false, workers: [], everStarted: state.kind !== 'waiting', ...over };
}
function pod(containers: SimContainer[], over: Partial<SimPod> = {}): SimPod {
  return {
    uid: 'u', name: 'p', namespace: 'default', labels: {}, annotations: {}, ownerRefs: [], spec: {}, createdAt: 0, ordinal: 0, nodeName: 'n', ip: undefined,
    phase: 'Running', reason: undefined, readyCondition: { status: false, lastTransition: 0 }, scheduledCondition: { status: true }, deletionTimestamp: undefined,
    deletionGraceSeconds: undefined, containers, gone: false, goneAt: undefined,
    kubelet: { admitted: true, busy: false, chain: [], pendingSync: false, epoch: 0, nodeNotReady: false, initialized: true, resyncGen: 0, resyncAt: undefined, terminal: false, mountError: undefined },
    sched: { attempts: 0, lastAttempt: undefined, pendingAt: undefined, message: undefined }, lastRow: undefined, behavior: {}, ...over,
  };
}
const term = (exitCode: number, finishedAt = 0): Terminated => ({ exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: 0, finishedAt });
const running: ContainerState = { kind: 'running', startedAt: 0 };

describe('printPod (G.1)', () => {
  it('the first container’s reason wins; READY counts running ready containers', () => {
    const p = pod([c('a', { kind: 'waiting', reason: 'CrashLoopBackOff' }, { restartCount: 4, lastTerminated: term(1, s(10)) }), c('b', running, { ready: true })]);
    expect(printPod(p, s(52))).toEqual({ ready: '1/2', status: 'CrashLoopBackOff', restarts: 4, restartsText: '4 (42s ago)' });
  });
  it('Completed next to a running container shows Running or NotReady', () => {
    const p = pod([c('a', { kind: 'terminated', ...term(0) }), c('b', running, { ready: true })]);
    expect(printPod(p, 0).status).toBe('NotReady');
    p.readyCondition.status = true;
    expect(printPod(p, 0).status).toBe('Running');
  });
  it('a terminated container without a reason shows Signal:n or ExitCode:n', () => {
    expect(printPod(pod([c('a', { kind: 'terminated', exitCode: 137, reason: '', startedAt: 0, finishedAt: 0 })]), 0).status).toBe('Signal:9');
    expect(printPod(pod([c('a', { kind: 'terminated', exitCode: 3, reason: '', startedAt: 0, finishedAt: 0 })]), 0).status).toBe('ExitCode:3');
  });
  it('init containers: Init:i/n, Init:<reason>, and Terminating / Unknown for deleted pods', () => {
    const init = (state: ContainerState, over: Partial<SimContainer> = {}) => c('i', state, { init: true, ...over });
    const notInit = { ...pod([]).kubelet, initialized: false };
    expect(printPod(pod([init({ kind: 'terminated', ...term(0) }), init(running), c('a', { kind: 'waiting', reason: 'PodInitializing' })], { phase: 'Pending', kubelet: notInit }), 0).status).toBe('Init:1/2');
    expect(printPod(pod([init({ kind: 'waiting', reason: 'CrashLoopBackOff' }), c('a', { kind: 'waiting', reason: 'PodInitializing' })], { phase: 'Pending', kubelet: notInit }), 0).status).toBe('Init:CrashLoopBackOff');
    expect(printPod(pod([c('a', running, { ready: true })], { deletionTimestamp: 5 }), 0).status).toBe('Terminating');
    expect(printPod(pod([c('a', running)], { deletionTimestamp: 5, reason: 'NodeLost' }), 0).status).toBe('Unknown');
    expect(printPod(pod([c('a', { kind: 'terminated', ...term(0) })], { deletionTimestamp: 5, phase: 'Succeeded' }), 0).status).toBe('Completed');
  });
});

describe('getPhase (A.7)', () => {
  it('Never: one done and one running is Running; both done decides Succeeded or Failed', () => {
    expect(computePhase(pod([c('a', { kind: 'terminated', ...term(0) }), c('b', running)]), 'Never', false)).toBe('Running');
    expect(computePhase(pod([c('a', { kind: 'terminated', ...term(0) }), c('b', { kind: 'terminated', ...term(1) })]), 'Never', false)).toBe('Failed');
    expect(computePhase(pod([c('a', { kind: 'terminated', ...term(0) }), c('b', { kind: 'terminated', ...term(0) })]), 'Never', false)).toBe('Succeeded');
  });
  it('crash-looping containers (waiting with a last state) count as stopped: Running under Always', () => {
    expect(computePhase(pod([c('a', { kind: 'waiting', reason: 'CrashLoopBackOff' }, { lastTerminated: term(1) })]), 'Always', false)).toBe('Running');
    expect(computePhase(pod([c('a', { kind: 'waiting', reason: 'ErrImagePull' })]), 'Always', false)).toBe('Pending');
  });
  it('a failed regular init container fails a Never pod', () => {
    expect(computePhase(pod([c('i', { kind: 'terminated', ...term(1) }, { init: true }), c('a', { kind: 'waiting', reason: 'PodInitializing' })]), 'Never', false)).toBe('Failed');
  });
});

describe('sidecars (A.8) in the simulation', () => {
  const yaml = (policy: string, behavior: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: side
  annotations: {podlint.io/behavior: "${behavior}"}
spec:
  restartPolicy: ${policy}
  initContainers: [{name: log, image: busybox:1.36, restartPolicy: Always}]
  containers: [{name: app, image: nginx:1.27}]
`;
  it('counts the sidecar in READY and its restarts in RESTARTS', () => {
    const t = run(yaml('Always', '{log: {exitCode: 1, exitAfter: 30s}}'), { until: s(60) });
    const rows = statuses(t, 'side');
    expect(rows).toContain('10 Running 2/2 0');
    expect(rows).toContain('35 Running 2/2 1');
  });
  it('a Never pod whose main container completes is Completed; its sidecar is stopped', () => {
    const t = run(yaml('Never', '{app: {exitCode: 0, exitAfter: 20s}}'), { until: s(60) });
    expect(t.pods[0]).toMatchObject({ phase: 'Succeeded', status: 'Completed' });
    expect(t.events.some((e) => e.reason === 'Killing' && e.message === 'Stopping container log')).toBe(true);
  });
});
