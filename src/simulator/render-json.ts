/** The JSON report (PRODUCT.md): times in seconds from the start. Pure function of a Trace. */
import { toSeconds } from './time.js';
import type { Trace } from './trace.js';

export function toJson(trace: Trace): unknown {
  return {
    seed: trace.seed,
    until: toSeconds(trace.until),
    kubernetesVersion: trace.kubernetesVersion,
    assumptions: trace.assumptions,
    nodes: trace.nodes,
    steps: trace.steps.map((s) => ({ time: toSeconds(s.time), command: s.command, output: s.output, error: s.error })),
    events: trace.events.map((e) => ({ time: toSeconds(e.time), object: e.object, namespace: e.namespace, type: e.type, reason: e.reason, message: e.message, source: e.source })),
    watch: trace.watch.map((w) => ({ time: toSeconds(w.time), event: w.event, namespace: w.namespace, name: w.name, ready: w.ready, status: w.status, restarts: w.restarts, age: w.age, node: w.node })),
    pods: trace.pods.map((p) => ({ name: p.name, namespace: p.namespace, owner: p.owner, node: p.node, phase: p.phase, status: p.status, ready: p.ready, restarts: p.restarts, deleted: p.deleted, why: p.why })),
    controllers: trace.controllers,
    controllerHistory: trace.controllerRows.map((c) => ({ time: toSeconds(c.time), event: c.event, kind: c.kind, namespace: c.namespace, name: c.name, desired: c.desired, current: c.current, ready: c.ready })),
    timeline: trace.timeline.map((t) => ({
      pod: t.pod, namespace: t.namespace, container: t.container,
      segments: t.segments.map((s) => ({ from: toSeconds(s.from), to: toSeconds(s.to), state: s.state, ...(s.reason ? { reason: s.reason } : {}) })),
      restarts: t.restarts.map((r) => ({ time: toSeconds(r.time), restartCount: r.restartCount, exitCode: r.exitCode, waited: toSeconds(r.waited) })),
    })),
  };
}

export function renderJson(trace: Trace): string {
  return JSON.stringify(toJson(trace), null, 2) + '\n';
}
