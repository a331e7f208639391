import { defineRule } from '../src/engine/rule.js';
import { probesOf } from '../src/k8s/podspec.js';
import { containerLabel, formatSeconds, probeTiming } from './_runtime.js';

export default defineRule({
  meta: {
    id: 'probe-timeout-too-long',
    category: 'runtime',
    severity: 'warning',
    messages: {
      timeout:
        '{{probe}} probe of {{container}} has timeoutSeconds {{timeout}}, not less than periodSeconds {{period}}: the kubelet runs one probe at a time, so a slow answer delays the next probe, probes run back to back every {{interval}}, and a hung container is noticed only after failureThreshold × timeoutSeconds = {{detect}}',
    },
    docs: {
      summary: 'A probe\'s timeoutSeconds is not less than its periodSeconds.',
      rationale:
        'Each probe worker of the kubelet runs its probe synchronously and then waits for the next tick of its periodSeconds ticker; ticks that arrive while a probe is still waiting are dropped. With timeoutSeconds ≥ periodSeconds a slow endpoint therefore stretches the interval to the timeout: probes run back to back, the endpoint gets no pause to recover, and failureThreshold failures take failureThreshold × timeoutSeconds instead of the failureThreshold × periodSeconds the author planned. It usually means the two fields were swapped, or the timeout was raised to hide a slow endpoint.',
      remediation: 'Keep timeoutSeconds well below periodSeconds (e.g. timeoutSeconds 1–5 with periodSeconds 10). If the endpoint is slow, make it cheaper rather than raising the timeout.',
      example: {
        before: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  periodSeconds: 5\n  timeoutSeconds: 10',
        after: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  periodSeconds: 10\n  timeoutSeconds: 5',
      },
      source: 'pkg/kubelet/prober/worker.go (run, doProbe), pkg/apis/core/v1/defaults.go (SetDefaults_Probe)',
    },
  },
  podSpec(target, ctx) {
    for (const ref of probesOf(target)) {
      if (ref.container.kind === 'init' && !ref.container.isSidecar) continue;
      const raw = ref.probe as unknown as Record<string, unknown>;
      const t = probeTiming(raw);
      if (t.timeoutSeconds < t.periodSeconds) continue;
      const explicitTimeout = typeof raw.timeoutSeconds === 'number' && raw.timeoutSeconds > 0;
      ctx.report({
        messageId: 'timeout',
        path: `${ref.path}/${explicitTimeout ? 'timeoutSeconds' : 'periodSeconds'}`,
        data: {
          probe: ref.type,
          container: containerLabel(ref.container),
          timeout: t.timeoutSeconds,
          period: t.periodSeconds,
          interval: formatSeconds(t.timeoutSeconds),
          detect: `${t.failureThreshold} × ${formatSeconds(t.timeoutSeconds)} = ${formatSeconds(t.failureThreshold * t.timeoutSeconds)}`,
        },
      });
    }
  },
});
