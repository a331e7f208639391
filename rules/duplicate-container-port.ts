import { defineRule } from '../src/engine/rule.js';
import { DEFAULT_PORT_PROTOCOL } from '../src/k8s/defaults.js';
import { containersOf, fieldPath, isRecord } from '../src/k8s/podspec.js';

interface Seen {
  /** Pointer of the port. */
  path: string;
  hostPort: number;
  hostIP: string;
}

export default defineRule({
  meta: {
    id: 'duplicate-container-port',
    category: 'runtime',
    severity: 'warning',
    messages: {
      duplicate: '{{field}}: duplicate port definition with {{other}} ({{port}}/{{protocol}})',
      overlapping: '{{field}}: overlapping port definition with {{other}} ({{port}}/{{protocol}}; one of them has no hostPort)',
      ambiguous: '{{field}}: dangerously ambiguous port definition with {{other}} (same hostPort, but only one sets hostIP)',
    },
    docs: {
      summary: 'The same containerPort and protocol is declared twice in a pod (the API server accepts it with a warning).',
      rationale:
        'All containers of a pod share one network namespace, so a port number can only be bound once per protocol. Declaring the same containerPort/protocol twice — in one container or in two — is accepted by the API server, which only prints a warning (`spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]`), but it is almost always a copy-paste error: one of the processes cannot bind the port and fails at run time. `ports` is also a list keyed by containerPort and protocol, so server-side apply and strategic merge patches treat the two entries as one and can drop one of them. Kubernetes warns once for every earlier port a port repeats; podlint reports a port once, against the first port it repeats (one defect, one finding), so a pod of many copies of one container gives one finding per copy, not one per pair.',
      remediation: 'Remove the duplicate entry, or give the second process its own port.',
      example: {
        before: 'containers:\n- name: web\n  ports:\n  - containerPort: 8080\n- name: metrics\n  ports:\n  - containerPort: 8080',
        after: 'containers:\n- name: web\n  ports:\n  - containerPort: 8080\n- name: metrics\n  ports:\n  - containerPort: 9090',
      },
      peers: { kubeScore: ['container-ports-check'] },
      source: 'pkg/api/pod/warnings.go (warningsForPodSpecAndMeta: duplicate/overlapping/ambiguous port definition)',
    },
  },
  podSpec(target, ctx) {
    // Per containerPort/protocol, the first port of each (hostIP, hostPort): what a later port is compared
    // with. Kubernetes warns once per earlier port; a port that repeats several identical earlier ones is
    // reported once, against the first (one defect, one finding; and a pod of thousands of identical
    // containers stays linear).
    const all = new Map<string, Map<string, Seen>>();
    // Visited in VisitContainersWithPath order (pkg/apis/core/pods/helpers.go): init, regular, ephemeral.
    const ordered = [...containersOf(target, { containers: false }), ...containersOf(target, { init: false, ephemeral: true })];
    for (const c of ordered) {
      const ports = (c.container as unknown as Record<string, unknown>).ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p: unknown, i: number) => {
        if (!isRecord(p) || typeof p.containerPort !== 'number') return;
        const protocol = typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : DEFAULT_PORT_PROTOCOL;
        const key = `${p.containerPort}/${protocol}`;
        const path = `${c.path}/ports/${i}`;
        const me: Seen = { path, hostPort: typeof p.hostPort === 'number' ? p.hostPort : 0, hostIP: typeof p.hostIP === 'string' ? p.hostIP : '' };
        let others = all.get(key);
        if (!others) all.set(key, (others = new Map()));
        for (const o of others.values()) {
          const data = { field: fieldPath(me.path), other: fieldPath(o.path), port: p.containerPort, protocol };
          if (me.hostIP === o.hostIP && me.hostPort === o.hostPort) ctx.report({ messageId: 'duplicate', path, data });
          else if (me.hostPort === 0 || o.hostPort === 0) ctx.report({ messageId: 'overlapping', path, data });
          else if (me.hostPort === o.hostPort && (me.hostIP === '') !== (o.hostIP === '')) ctx.report({ messageId: 'ambiguous', path, data });
        }
        const cls = `${me.hostIP}\0${me.hostPort}`;
        if (!others.has(cls)) others.set(cls, me);
      });
    }
  },
});
