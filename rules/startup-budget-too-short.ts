import { defineRule } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/podspec.js';
import { longRunningContainers } from './_resources.js';
import { backOffDescription, containerLabel, failureBudgetSeconds, failureBudgetText, formatSeconds, probeTiming } from './_runtime.js';

export default defineRule({
  meta: {
    id: 'startup-budget-too-short',
    category: 'runtime',
    severity: 'warning',
    messages: {
      short:
        'startup probe of {{container}} gives up after {{budget}}, but its liveness probe waits initialDelaySeconds {{delay}} before probing: if start-up really takes that long, the startup probe kills the container first and it restarts with back-off ({{backoff}}): CrashLoopBackOff; raise the startup failureThreshold to at least {{needed}}',
    },
    docs: {
      summary: 'The startup probe\'s budget (initialDelaySeconds + failureThreshold × periodSeconds) is shorter than the liveness probe\'s initialDelaySeconds.',
      rationale:
        'A startup probe replaces the liveness initialDelaySeconds as the way to give a slow container time to start: liveness and readiness do not run until it succeeds, and if it fails failureThreshold times in a row the kubelet kills the container. A liveness initialDelaySeconds larger than the startup budget is the author\'s statement that start-up can take that long — but the startup probe kills the container before then, and it restarts with back-off into CrashLoopBackOff. Budget = initialDelaySeconds + failureThreshold × periodSeconds of the startup probe, after defaults (0 + 3 × 10 s = 30 s).',
      remediation: 'Raise the startup probe\'s failureThreshold (or periodSeconds) so its budget covers the slowest start-up, and drop the liveness initialDelaySeconds, which the startup probe makes unnecessary.',
      example: {
        before: 'startupProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  initialDelaySeconds: 120',
        after: 'startupProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  failureThreshold: 12\n  periodSeconds: 10\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080',
      },
      source: 'pkg/kubelet/prober/worker.go, pkg/kubelet/prober/prober_manager.go (startup gating), pkg/apis/core/v1/defaults.go (SetDefaults_Probe)',
    },
  },
  podSpec(target, ctx) {
    for (const c of longRunningContainers(target)) {
      const raw = c.container as unknown as Record<string, unknown>;
      const startup = raw.startupProbe;
      const live = raw.livenessProbe;
      if (!isRecord(startup) || !isRecord(live)) continue;
      const st = probeTiming(startup);
      const lt = probeTiming(live);
      const budget = failureBudgetSeconds(st);
      if (budget >= lt.initialDelaySeconds) continue;
      const needed = Math.ceil((lt.initialDelaySeconds - st.initialDelaySeconds) / st.periodSeconds);
      ctx.report({
        messageId: 'short',
        path: `${c.path}/startupProbe`,
        data: { container: containerLabel(c), budget: failureBudgetText(st), delay: formatSeconds(lt.initialDelaySeconds), backoff: backOffDescription(), needed },
      });
    }
  },
});
