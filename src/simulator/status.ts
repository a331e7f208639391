/**
 * Pure views of a pod: its phase as the kubelet computes it (getPhase, pkg/kubelet/kubelet_pods.go)
 * and the READY / STATUS / RESTARTS columns as kubectl prints them (printPod,
 * pkg/printers/internalversion/printers.go).
 */
import type { SimContainer, SimPod } from './model.js';
import { WAIT } from './constants.js';
import { humanDuration, type Ms } from './time.js';

type Phase = SimPod['phase'];

/** getPhase (A.7). `podIsTerminal`: the kubelet has decided the pod is done. */
export function computePhase(pod: SimPod, restartPolicy: string, podIsTerminal: boolean): Phase {
  let pendingInit = 0;
  let failedInit = 0;
  let anyRegularStarted = false;
  for (const c of pod.containers) {
    if (!c.init) {
      if (c.everStarted) anyRegularStarted = true;
      continue;
    }
    const s = c.state;
    if (c.sidecar) {
      if ((s.kind === 'running' && !c.started) || (s.kind === 'waiting' && !c.lastTerminated) || s.kind === 'none') pendingInit++;
      continue;
    }
    if (s.kind === 'running' || s.kind === 'none' || (s.kind === 'waiting' && !c.lastTerminated)) pendingInit++;
    else if ((s.kind === 'terminated' && s.exitCode !== 0) || (s.kind === 'waiting' && c.lastTerminated && c.lastTerminated.exitCode !== 0)) failedInit++;
  }
  let running = 0, stopped = 0, succeeded = 0, waiting = 0, unknown = 0;
  for (const c of pod.containers) {
    if (c.init) continue;
    const s = c.state;
    if (s.kind === 'running') running++;
    else if (s.kind === 'terminated') {
      stopped++;
      if (s.exitCode === 0) succeeded++;
    } else if (s.kind === 'waiting') {
      if (c.lastTerminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if ((pendingInit > 0 && !anyRegularStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export interface PodRow {
  ready: string;
  status: string;
  restarts: number;
  /** RESTARTS as kubectl prints it: `3 (42s ago)` or `0`. */
  restartsText: string;
}

function terminatedReason(c: SimContainer, prefix: string): string | undefined {
  const s = c.state;
  if (s.kind !== 'terminated') return undefined;
  if (s.reason) return prefix + s.reason;
  return s.exitCode > 128 ? `${prefix}Signal:${s.exitCode - 128}` : `${prefix}ExitCode:${s.exitCode}`;
}

/** printPod (G.1) at time `now`. */
export function printPod(pod: SimPod, now: Ms): PodRow {
  let reason: string = pod.reason ?? pod.phase;
  const regular = pod.containers.filter((c) => !c.init);
  const inits = pod.containers.filter((c) => c.init);
  const total = regular.length + inits.filter((c) => c.sidecar).length;
  let readyCount = 0;
  let restarts = 0;
  let lastRestart: Ms | undefined;
  const noteLast = (c: SimContainer) => {
    if (c.lastTerminated && (lastRestart === undefined || c.lastTerminated.finishedAt > lastRestart)) lastRestart = c.lastTerminated.finishedAt;
  };
  let initializing = false;
  const hasStatuses = pod.containers.some((c) => c.state.kind !== 'none');
  if (hasStatuses) {
    for (let i = 0; i < inits.length; i++) {
      const c = inits[i]!;
      restarts += c.restartCount;
      noteLast(c);
      if (c.sidecar && c.started) {
        if (c.ready) readyCount++;
        continue;
      }
      const s = c.state;
      if (s.kind === 'terminated' && s.exitCode === 0) continue;
      if (s.kind === 'terminated') reason = terminatedReason(c, 'Init:')!;
      else if (s.kind === 'waiting' && s.reason && s.reason !== WAIT.PodInitializing) reason = `Init:${s.reason}`;
      else reason = `Init:${i}/${inits.length}`;
      initializing = true;
      break;
    }
    if (!initializing || pod.kubelet.initialized) {
      restarts = inits.filter((c) => c.sidecar).reduce((n, c) => n + c.restartCount, 0);
      let hasRunning = false;
      for (let i = regular.length - 1; i >= 0; i--) {
        const c = regular[i]!;
        restarts += c.restartCount;
        noteLast(c);
        const s = c.state;
        if (s.kind === 'waiting' && s.reason) reason = s.reason;
        else if (s.kind === 'terminated') reason = terminatedReason(c, '')!;
        else if (s.kind === 'running' && c.ready) {
          hasRunning = true;
          readyCount++;
        }
      }
      if (reason === 'Completed' && hasRunning) reason = pod.readyCondition.status ? 'Running' : 'NotReady';
    }
  }
  if (pod.deletionTimestamp !== undefined && pod.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.deletionTimestamp !== undefined && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') reason = 'Terminating';
  const restartsText = restarts > 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${readyCount}/${total}`, status: reason, restarts, restartsText };
}
