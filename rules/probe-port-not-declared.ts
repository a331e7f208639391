import { defineRule } from '../src/engine/rule.js';
import { containersOf, probesOf } from '../src/k8s/podspec.js';
import { DEFAULT_PORT_PROTOCOL } from '../src/k8s/defaults.js';
import { alwaysFailingProbeConsequence, containerLabel, declaredPorts, probePort, probeTiming, restartPolicyOf } from './_runtime.js';

/** Every probe handler with a port connects over TCP (httpGet, tcpSocket, grpc; pkg/probe/{http,tcp,grpc}). */
const PROBE_PROTOCOL = DEFAULT_PORT_PROTOCOL;

export interface ProbePortOptions {
  /** Also report containers that declare no ports at all (many manifests never list them). */
  checkWithoutPorts: boolean;
}

export default defineRule<'undeclared' | 'otherContainer' | 'notTcp', ProbePortOptions>({
  meta: {
    id: 'probe-port-not-declared',
    category: 'runtime',
    severity: 'warning',
    messages: {
      undeclared: '{{probe}} probe targets port {{port}}, which {{container}} does not declare ({{declared}}): if nothing listens there, {{consequence}}',
      otherContainer:
        '{{probe}} probe of {{container}} targets port {{port}}, which {{other}} declares: the containers of a pod share one network namespace, so the probe checks {{other}}, and whenever that one stops answering, {{consequence}}',
      notTcp: '{{probe}} probe connects over TCP to port {{port}}, which {{container}} declares only as {{protocol}}: if nothing listens on TCP there, {{consequence}}',
    },
    docs: {
      summary: 'A probe targets a numeric port that its container does not declare (or declares only for UDP/SCTP).',
      rationale:
        'The kubelet sends httpGet, tcpSocket and grpc probes to the pod IP on the given port, over TCP. Declaring a containerPort is not required for that to work, but a probe port that the container does not list is almost always a mistake: the application listens elsewhere (the classic `containerPort: 80` with a liveness probe on 8080). Then a liveness probe fails from the start, the kubelet kills the container after initialDelaySeconds + failureThreshold × periodSeconds (≈ 30 s with the defaults) and restarts it with a back-off of 10 s, 20 s, 40 s … up to 5 min — CrashLoopBackOff, although the application is healthy. A startup probe does the same before any other probe runs; a readiness probe keeps the pod out of Ready forever, so it never receives Service traffic and rollouts stall. With restartPolicy Never a single liveness kill ends the pod as Failed. A container that declares no ports at all gives no evidence of where it listens and is skipped unless `checkWithoutPorts: true`. A port declared by another container of the same pod does answer (the containers share a network namespace), but then the probe checks the wrong container: its failures restart this one. Named ports that no container declares are reported by probe-named-port (the probe can never even resolve them).',
      remediation: 'Point the probe at the port the application actually serves (and declare it in `ports`), or declare the port the probe uses. For a UDP service, probe it with an exec command instead.',
      example: {
        before:
          'containers:\n- name: myweb\n  image: httpd\n  ports:\n  - containerPort: 80\n  livenessProbe:\n    httpGet:\n      path: /\n      port: 8080',
        after: 'containers:\n- name: myweb\n  image: httpd\n  ports:\n  - containerPort: 80\n  livenessProbe:\n    httpGet:\n      path: /\n      port: 80',
      },
      peers: { kubeLinter: ['liveness-port', 'readiness-port', 'startup-port'] },
      source: 'pkg/probe/util.go (ResolveContainerPort), pkg/kubelet/prober/prober.go, pkg/kubelet/prober/worker.go, pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions)',
    },
    optionsSchema: {
      type: 'object',
      properties: { checkWithoutPorts: { type: 'boolean', description: 'Also check containers that declare no ports at all.' } },
      additionalProperties: false,
    },
    defaultOptions: { checkWithoutPorts: false },
  },
  podSpec(target, ctx) {
    const restartPolicy = restartPolicyOf(target);
    const all = containersOf(target);
    for (const ref of probesOf(target)) {
      const c = ref.container;
      if (c.kind === 'init' && !c.isSidecar) continue; // probes are forbidden there; another rule reports them
      const probe = ref.probe as unknown as Record<string, unknown>;
      const pp = probePort(probe);
      if (!pp || pp.otherHost) continue;
      const ports = declaredPorts(c.container);
      let number: number | undefined;
      if (typeof pp.port === 'number') number = pp.port;
      else if (typeof pp.port === 'string') number = ports.find((p) => p.name === pp.port)?.containerPort;
      if (number === undefined || !Number.isInteger(number) || number < 1 || number > 65535) continue;
      const matching = ports.filter((p) => p.containerPort === number && (typeof pp.port === 'number' || p.name === pp.port));
      if (matching.some((p) => p.protocol === PROBE_PROTOCOL)) continue;
      const consequence = alwaysFailingProbeConsequence(ref.type, probeTiming(probe), restartPolicy, c.isSidecar);
      const base = { probe: ref.type, port: String(pp.port), container: containerLabel(c), consequence };
      const path = `${ref.path}/${pp.handler}/port`;
      if (matching.length > 0) {
        ctx.report({ messageId: 'notTcp', path, data: { ...base, port: pp.port === number ? String(number) : `${String(pp.port)} (${number})`, protocol: [...new Set(matching.map((p) => p.protocol))].join('/') } });
        continue;
      }
      const other = all.find((o) => o !== c && (o.kind === 'container' || o.isSidecar) && declaredPorts(o.container).some((p) => p.containerPort === number && p.protocol === PROBE_PROTOCOL));
      if (other) {
        ctx.report({ messageId: 'otherContainer', path, data: { ...base, other: containerLabel(other) } });
        continue;
      }
      if (ports.length === 0 && !ctx.options.checkWithoutPorts) continue; // no evidence of where it listens
      const declared = ports.length ? `it declares ${[...new Set(ports.map((p) => (p.protocol === PROBE_PROTOCOL ? String(p.containerPort) : `${p.containerPort}/${p.protocol}`)))].join(', ')}` : 'it declares no ports';
      ctx.report({ messageId: 'undeclared', path, data: { ...base, declared } });
    }
  },
});

