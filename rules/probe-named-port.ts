import { defineRule } from '../src/engine/rule.js';
import { containerPortNames, containersOf, isRecord, probesOf, type ProbeType } from '../src/k8s/podspec.js';
import { goQuote, isValidPortName } from '../src/k8s/validation.js';

/** probe.ResolveContainerPort (pkg/probe/util.go): the error a name that the container does not declare gives. */
const portNotFound = (name: string) => `port ${name} not found`;

/**
 * What the prober does with that error (pkg/kubelet/prober/worker.go doProbe: a probe *error* is
 * thrown away, the result keeps its initial value; initial results in prober_manager.go / worker.go).
 */
const CONSEQUENCE: Record<ProbeType, string> = {
  readiness: 'the readiness result stays at its initial Failure, so the container never becomes Ready: the pod is never added to Service endpoints and a rollout waiting for it stalls',
  liveness: 'the liveness result stays at its initial Success, so the probe never restarts the container, however unhealthy it gets — it protects nothing',
  startup: 'the startup result stays Unknown, so the container never counts as started: its liveness and readiness probes never run and the pod never becomes Ready',
};

export default defineRule({
  meta: {
    id: 'probe-named-port',
    category: 'runtime',
    severity: 'error',
    messages: {
      notDeclared: '{{probe}} probe of {{container}} uses port {{port}}, but {{container}} declares no port of that name{{elsewhere}}: every probe errors with "{{error}}" and its result is discarded — {{consequence}}',
    },
    docs: {
      summary: 'A probe refers to a named port that its own container does not declare, so the kubelet can never resolve it.',
      rationale:
        'The API server only checks that a probe port name is a valid IANA service name; it is resolved later by the kubelet, among the `ports[].name` of the same container only. When the name is missing (a typo, or the port is declared by another container of the pod), every probe attempt ends in an error (`port http not found`, event `Unhealthy … probe errored`), and the prober throws errored results away. The probe therefore never changes state: a readiness probe keeps the container un-Ready forever (no Service traffic, rollouts stall), a startup probe keeps it from ever counting as started (no liveness or readiness checks, never Ready), and a liveness probe never fires, so a hung process is never restarted.',
      remediation: 'Declare the port with that name in the same container (`ports: [{name: http, containerPort: 8080}]`), or use the port number in the probe.',
      example: {
        before: 'ports:\n- containerPort: 8080\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: http',
        after: 'ports:\n- name: http\n  containerPort: 8080\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: http',
      },
      peers: { kubeLinter: ['liveness-port', 'readiness-port', 'startup-port'] },
      source: 'pkg/probe/util.go (ResolveContainerPort), pkg/kubelet/prober/prober.go, pkg/kubelet/prober/worker.go (doProbe)',
    },
  },
  podSpec(target, ctx) {
    const all = containersOf(target);
    for (const ref of probesOf(target)) {
      if (ref.container.kind === 'init' && !ref.container.isSidecar) continue; // forbidden there (invalid-probe)
      const probe = ref.probe as unknown as Record<string, unknown>;
      for (const h of ['httpGet', 'tcpSocket'] as const) {
        const action = probe[h];
        if (!isRecord(action) || typeof action.port !== 'string') continue;
        const name = action.port;
        if (isValidPortName(name).length > 0) continue; // a syntax error: invalid-probe reports it
        if (containerPortNames(ref.container.container).has(name)) continue;
        const owner = all.find((c) => c !== ref.container && containerPortNames(c.container).has(name));
        const label = ref.container.name ? `container ${goQuote(ref.container.name)}` : 'the container';
        ctx.report({
          messageId: 'notDeclared',
          path: `${ref.path}/${h}/port`,
          data: {
            probe: ref.type.charAt(0).toUpperCase() + ref.type.slice(1),
            container: label,
            port: goQuote(name),
            elsewhere: owner ? ` (only ${owner.name ? `container ${goQuote(owner.name)}` : 'another container'} does, and names resolve within one container)` : '',
            error: portNotFound(name),
            consequence: CONSEQUENCE[ref.type],
          },
        });
      }
    }
  },
});
