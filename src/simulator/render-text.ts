/** The text report: pure function of a Trace. */
import { renderTable } from './render-table.js';
import { renderTimeline } from './render-timeline.js';
import { clock, humanDuration } from './time.js';

function resourceName(kind: string): string {
  return kind === 'ReplicaSet' ? 'replicaset.apps' : kind === 'Deployment' ? 'deployment.apps' : 'replicationcontroller';
}
import type { Trace, TraceEvent } from './trace.js';

export interface TextOptions {
  /** Width of the ASCII timeline bars. */
  timelineWidth?: number;
}

/** `kubectl events`-style aggregation: one row per object/type/reason/message, `(xN over D)`. */
export function aggregateEvents(events: TraceEvent[], until: number): string[][] {
  const groups = new Map<string, { e: TraceEvent; first: number; last: number; count: number; order: number }>();
  events.forEach((e, order) => {
    const key = `${e.namespace}\u0000${e.object}\u0000${e.type}\u0000${e.reason}\u0000${e.message}`;
    const g = groups.get(key);
    if (g) {
      g.last = e.time;
      g.count++;
      g.order = order;
    } else groups.set(key, { e, first: e.time, last: e.time, count: 1, order });
  });
  const rows: string[][] = [['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']];
  for (const g of [...groups.values()].sort((a, b) => a.last - b.last || a.order - b.order)) {
    const seen = humanDuration(until - g.last) + (g.count > 1 ? ` (x${g.count} over ${humanDuration(g.last - g.first)})` : '');
    rows.push([seen, g.e.type, g.e.reason, g.e.object, g.e.message]);
  }
  return rows;
}

export function renderText(trace: Trace, options: TextOptions = {}): string {
  const out: string[] = [];
  out.push(`podlint simulate: seed ${trace.seed}, ${clock(trace.until)} simulated, Kubernetes ${trace.kubernetesVersion}`);
  out.push('');
  out.push('Assumptions:');
  for (const a of trace.assumptions) out.push(`  - ${a}`);
  out.push('');
  out.push('Nodes:');
  const nodeRows = [['NAME', 'CPU', 'MEMORY', 'PODS', 'STATUS', 'TAINTS']];
  for (const n of trace.nodes) nodeRows.push([n.name, n.cpu, n.memory, String(n.pods), n.ready + (n.unschedulable ? ',SchedulingDisabled' : ''), n.taints.length ? n.taints.join(',') : '<none>']);
  out.push(renderTable(nodeRows, '  '));
  out.push('');

  // Pods as `kubectl get pods --watch` would print them, with the scenario's commands where they ran.
  out.push('Pods (kubectl get pods --watch, time from the start):');
  const rows = trace.watch.map((w) => [clock(w.time), w.name, w.ready, w.status, w.restarts, w.age, w.node + (w.event === 'DELETED' ? '   (deleted)' : '')]);
  const header = ['TIME', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE'];
  const table = renderTable([header, ...rows], '  ').split('\n');
  out.push(table[0]!);
  const items: { seq: number; lines: string[] }[] = trace.watch.map((w, i) => ({ seq: w.seq, lines: [table[i + 1]!] }));
  for (const s of trace.steps) {
    const lines = [`  ${clock(s.time)}  $ ${s.command}`];
    for (const l of s.output.split('\n')) if (l) lines.push(`  ${' '.repeat(clock(s.time).length)}    ${s.error ? '! ' : ''}${l}`);
    items.push({ seq: s.seq, lines });
  }
  items.sort((a, b) => a.seq - b.seq);
  for (const it of items) out.push(...it.lines);
  out.push('');

  if (trace.controllerRows.length) {
    out.push('Controllers (kubectl get rc,rs,deploy --watch; for a Deployment CURRENT counts the pods of all its ReplicaSets):');
    const crows = [['TIME', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']];
    for (const c of trace.controllerRows) crows.push([clock(c.time), `${resourceName(c.kind)}/${c.name}${c.event === 'DELETED' ? ' (deleted)' : ''}`, String(c.desired), String(c.current), String(c.ready), c.age]);
    out.push(renderTable(crows, '  '));
    out.push('');
  }

  out.push(`Events (kubectl events, as seen at ${clock(trace.until)}):`);
  out.push(trace.events.length ? renderTable(aggregateEvents(trace.events, trace.until), '  ') : '  No events.');
  out.push('');

  out.push(`Where each pod is at ${clock(trace.until)}:`);
  const live = trace.pods.filter((p) => !p.deleted);
  if (live.length) {
    const srows = [['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE', 'OWNER']];
    for (const p of live) srows.push([p.name, p.ready, p.status, p.restartsText, p.age, p.node ?? '<none>', p.owner ?? '<none>']);
    out.push(renderTable(srows, '  '));
    for (const p of live) out.push(`  ${p.name}: ${p.why}`);
  } else out.push('  No pods.');
  const deleted = trace.pods.filter((p) => p.deleted);
  if (deleted.length) out.push(`  Deleted during the simulation: ${deleted.map((p) => `${p.name} (${p.why.replace(/^deleted /, '')})`).join(', ')}`);
  const ctrls = trace.controllers.filter((c) => !c.deleted);
  if (ctrls.length) {
    out.push('');
    const crows = [['CONTROLLER', 'DESIRED', 'CURRENT', 'READY']];
    for (const c of ctrls) crows.push([`${resourceName(c.kind)}/${c.name}`, String(c.desired), String(c.current), String(c.ready)]);
    out.push(renderTable(crows, '  '));
  }
  if (trace.timeline.length) {
    out.push('');
    out.push('Restarts and back-off:');
    out.push(...renderTimeline(trace, options.timelineWidth ?? 60));
  }
  return out.join('\n') + '\n';
}
