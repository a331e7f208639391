import { describe, expect, it } from 'vitest';
import { podRequests, schedule, emptyUsage, addToUsage, type NodeUsage } from '../../src/simulator/scheduler.js';
import type { SimNode } from '../../src/simulator/model.js';
import { run, s } from './helpers.js';

function node(name: string, cpu: number, memGi: number, extra: Partial<SimNode> = {}): SimNode {
  return { name, labels: { 'kubernetes.io/hostname': name }, allocatable: { cpu, memory: memGi * 2 ** 30, pods: 110 }, taints: [], unschedulable: false, ready: 'True', down: false, downSince: undefined, gen: 0, index: 0, images: new Set(), ipCounter: 0, ...extra };
}
const usage = (nodes: SimNode[]) => new Map<string, NodeUsage>(nodes.map((n) => [n.name, emptyUsage()]));
const spec = (cpu: string, more: object = {}) => ({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu } } }], ...more });

describe('pod requests (E.3)', () => {
  it('sums regular containers and sidecars, takes the init maximum, adds overhead, defaults requests to limits', () => {
    const r = podRequests({
      initContainers: [
        { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
        { name: 'migrate', resources: { requests: { cpu: '2' } } },
      ],
      containers: [
        { name: 'a', resources: { requests: { cpu: '250m', memory: '64Mi' } } },
        { name: 'b', resources: { limits: { cpu: '500m', memory: '128Mi' } } },
      ],
      overhead: { cpu: '10m' },
    });
    // sum = 250 + 500 + 100 (sidecar) = 850; init max = 2000 + 100 = 2100; + overhead 10.
    expect(r.cpu).toBe(2110);
    expect(r.memory).toBe(192 * 2 ** 20);
  });
});

describe('FitError (E.1)', () => {
  it('counts the first failing filter per node, sorted as strings, with the preemption part', () => {
    const nodes = [
      node('cp', 4, 8, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      node('w1', 2000, 4),
      node('w2', 1500, 4),
    ];
    nodes[1]!.allocatable.cpu = 2000;
    nodes[2]!.allocatable.cpu = 1500;
    nodes[0]!.allocatable.cpu = 4000;
    const r = schedule(spec('3'), nodes, usage(nodes), 36);
    expect(r).toEqual({ ok: false, message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' });
  });
  it('before 1.34 insufficient resources leave room for preemption; before 1.30 the message ends with two periods', () => {
    const nodes = [node('a', 1000, 4), node('b', 1000, 4), node('c', 1000, 4)];
    expect(schedule(spec('2'), nodes, usage(nodes), 33)).toEqual({ ok: false, message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.' });
    expect(schedule(spec('2'), nodes, usage(nodes), 29)).toEqual({ ok: false, message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..' });
  });
  it('counts sort as strings: "10 …" before "2 …"', () => {
    const nodes: SimNode[] = [];
    for (let i = 0; i < 10; i++) nodes.push(node(`big${i}`, 1000, 4, { labels: { zone: 'a' } }));
    nodes.push(node('x', 8000, 4, { labels: {} }), node('y', 8000, 4, { labels: {} }));
    const r = schedule(spec('2', { nodeSelector: { zone: 'a' } }), nodes, usage(nodes), 36);
    // The requests exceed the big nodes' total allocatable, so (1.34+) preemption cannot help there either.
    expect(r.ok ? '' : r.message).toBe("0/12 nodes are available: 10 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.");
  });
  it('Too many pods, host ports, unschedulable nodes, preemptionPolicy Never, no nodes', () => {
    const full = node('full', 4000, 4);
    full.allocatable.pods = 1;
    const used = usage([full]);
    addToUsage(used.get('full')!, { containers: [{ name: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    expect(schedule({ containers: [{ name: 'a' }] }, [full], used, 36)).toMatchObject({ message: expect.stringContaining('1 Too many pods.') });
    full.allocatable.pods = 110;
    expect(schedule({ containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] }] }, [full], used, 36)).toMatchObject({ message: "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod." });
    const cordoned = node('c', 4000, 4, { unschedulable: true });
    expect(schedule({ containers: [{ name: 'a' }], preemptionPolicy: 'Never' }, [cordoned], usage([cordoned]), 36)).toMatchObject({ message: '0/1 nodes are available: 1 node(s) were unschedulable. preemption: not eligible due to preemptionPolicy=Never.' });
    expect(schedule({ containers: [{ name: 'a' }] }, [], new Map(), 36)).toEqual({ ok: false, message: 'no nodes available to schedule pods' });
  });
  it('required node affinity with In / NotIn / Exists and matchFields', () => {
    const nodes = [node('a', 1000, 4, { labels: { disk: 'ssd' } }), node('b', 1000, 4, { labels: { disk: 'hdd' } })];
    const aff = (terms: object[]) => ({ containers: [{ name: 'x' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
    expect(schedule(aff([{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] }]), nodes, usage(nodes), 36)).toMatchObject({ ok: true, node: { name: 'b' } });
    expect(schedule(aff([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }]), nodes, usage(nodes), 36)).toMatchObject({ ok: true, node: { name: 'a' } });
    expect(schedule(aff([{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }]), nodes, usage(nodes), 36)).toMatchObject({ ok: false });
  });
  it('chooses the least allocated node, ties to the name', () => {
    const nodes = [node('b', 2000, 4), node('a', 2000, 4)];
    expect(schedule(spec('100m'), nodes, usage(nodes), 36)).toMatchObject({ ok: true, node: { name: 'a' } });
    const u = usage(nodes);
    addToUsage(u.get('a')!, spec('1'));
    expect(schedule(spec('100m'), nodes, u, 36)).toMatchObject({ ok: true, node: { name: 'b' } });
  });
});

describe('scheduling in the simulation', () => {
  it('a pending pod is retried when room appears (a pod is deleted)', () => {
    const t = run(`
apiVersion: v1
kind: Pod
metadata: {name: first}
spec:
  nodeSelector: {kubernetes.io/hostname: node-1}
  containers: [{name: a, image: nginx:1.27, resources: {requests: {cpu: 1500m}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: second}
spec:
  nodeSelector: {kubernetes.io/hostname: node-1}
  containers: [{name: a, image: nginx:1.27, resources: {requests: {cpu: 1500m}}}]
`, { until: s(30) });
    expect(t.pods.find((p) => p.name === 'second')!.why).toBe("Unschedulable: 0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.");
  });
  it('a pod that names its node bypasses the scheduler; the kubelet rejects it with OutOfcpu, and an RC keeps making new ones', () => {
    const t = run(`
apiVersion: v1
kind: ReplicationController
metadata: {name: pinned}
spec:
  replicas: 1
  selector: {app: pinned}
  template:
    metadata: {labels: {app: pinned}}
    spec:
      nodeName: node-1
      containers: [{name: a, image: nginx:1.27, resources: {requests: {cpu: '3'}}}]
`, { until: s(1) });
    const failed = t.pods.filter((p) => p.status === 'OutOfcpu');
    expect(failed.length).toBeGreaterThan(1);
    expect(failed.every((p) => p.phase === 'Failed')).toBe(true);
    expect(t.events.find((e) => e.reason === 'OutOfcpu')!.message).toBe("Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000");
  });
});
