import { defineRule } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/podspec.js';
import { longRunningContainers } from './_resources.js';
import { canonicalHandler, containerLabel, describeHandler, formatSeconds, probeTiming } from './_runtime.js';

const TIMING_FIELDS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

export default defineRule({
  meta: {
    id: 'liveness-same-as-readiness',
    category: 'runtime',
    severity: 'warning',
    messages: {
      identical:
        'liveness and readiness probes of {{container}} are identical ({{handler}}, every {{period}}, {{failures}} failures): when the check fails, the pod is taken out of its Services and the container is killed at the same moment, so a container that is only busy is restarted instead of being given time to recover',
    },
    docs: {
      summary: 'A container\'s liveness probe is the same as its readiness probe: same handler and same timing.',
      rationale:
        'Readiness and liveness answer different questions: "can this container take traffic right now?" and "is it broken beyond recovery?". When both probes are the same check with the same timing, they fail together: the moment a busy container is taken out of the Service endpoints (which would let it recover) it is also killed and restarted, losing its in-flight work, and under load every replica can be restarted at once. The probes are compared after Kubernetes\' defaults (SetDefaults_Probe, SetDefaults_HTTPGetAction: path "/", scheme HTTP, timeoutSeconds 1, periodSeconds 10, failureThreshold 3) — the same endpoint with a more tolerant liveness timing (a higher failureThreshold or periodSeconds) is the recommended pattern and is not reported.',
      remediation: 'Give the liveness probe a cheaper endpoint that only checks the process itself, or at least a more tolerant timing (e.g. failureThreshold 6 against 3 for readiness), so readiness fails first.',
      example: {
        before: 'readinessProbe:\n  httpGet:\n    path: /ready\n    port: 8080\nlivenessProbe:\n  httpGet:\n    path: /ready\n    port: 8080',
        after: 'readinessProbe:\n  httpGet:\n    path: /ready\n    port: 8080\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  failureThreshold: 6',
      },
      peers: { kubeScore: ['pod-probes-identical'] },
      source: 'pkg/apis/core/v1/defaults.go (SetDefaults_Probe, SetDefaults_HTTPGetAction), pkg/kubelet/prober/worker.go',
    },
  },
  podSpec(target, ctx) {
    for (const c of longRunningContainers(target)) {
      const raw = c.container as unknown as Record<string, unknown>;
      const live = raw.livenessProbe;
      const ready = raw.readinessProbe;
      if (!isRecord(live) || !isRecord(ready)) continue;
      const h = canonicalHandler(live);
      if (h === undefined || h !== canonicalHandler(ready)) continue;
      const lt = probeTiming(live);
      const rt = probeTiming(ready);
      if (TIMING_FIELDS.some((f) => lt[f] !== rt[f])) continue;
      ctx.report({
        messageId: 'identical',
        path: `${c.path}/livenessProbe`,
        data: { container: containerLabel(c), handler: describeHandler(live), period: formatSeconds(lt.periodSeconds), failures: lt.failureThreshold },
      });
    }
  },
});
