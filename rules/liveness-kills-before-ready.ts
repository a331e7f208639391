import { defineRule } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/podspec.js';
import { longRunningContainers } from './_resources.js';
import { backOffDescription, containerLabel, earliestSuccessSeconds, failureBudgetSeconds, failureBudgetText, formatSeconds, probeTiming } from './_runtime.js';

export default defineRule({
  meta: {
    id: 'liveness-kills-before-ready',
    category: 'runtime',
    severity: 'warning',
    messages: {
      early:
        'liveness probe of {{container}} can kill it {{killAt}} after start ({{budget}}), no later than its readiness probe can first pass ({{readyAt}}): a container that really needs that long to start is killed and restarted again and again (back-off {{backoff}}: CrashLoopBackOff) and never becomes Ready',
    },
    docs: {
      summary: 'Without a startup probe, the liveness probe can kill a slow-starting container before its readiness probe could ever pass.',
      rationale:
        'Liveness and readiness probes start together when the container starts (there is no ordering between them). A liveness probe that fails from the start kills the container after at most initialDelaySeconds + failureThreshold × periodSeconds. The readiness probe\'s initialDelaySeconds (plus (successThreshold − 1) × periodSeconds) is when the container can first be Ready — the author\'s own statement of how long start-up takes. When the liveness kill can come no later than that, a container that really takes that long to start is killed before it can ever serve, restarted, killed again, and ends in CrashLoopBackOff. The criterion used: liveness initialDelaySeconds + failureThreshold × periodSeconds ≤ readiness initialDelaySeconds + (successThreshold − 1) × periodSeconds, after defaults, and no startupProbe. A startupProbe holds the liveness probe back until start-up has succeeded, which is the fix Kubernetes provides.',
      remediation: 'Add a startupProbe whose failureThreshold × periodSeconds covers the slowest start-up, or raise the liveness initialDelaySeconds above the readiness one.',
      example: {
        before: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: 8080\n  initialDelaySeconds: 60',
        after: 'startupProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  failureThreshold: 12\n  periodSeconds: 10\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: 8080',
      },
      source: 'pkg/kubelet/prober/worker.go, pkg/kubelet/prober/prober_manager.go (startup gating), pkg/kubelet/kuberuntime/kuberuntime_manager.go',
    },
  },
  podSpec(target, ctx) {
    for (const c of longRunningContainers(target)) {
      const raw = c.container as unknown as Record<string, unknown>;
      const live = raw.livenessProbe;
      const ready = raw.readinessProbe;
      if (!isRecord(live) || !isRecord(ready) || isRecord(raw.startupProbe)) continue;
      const lt = probeTiming(live);
      const rt = probeTiming(ready);
      const killAt = failureBudgetSeconds(lt);
      const readyAt = earliestSuccessSeconds(rt);
      if (killAt > readyAt) continue;
      ctx.report({
        messageId: 'early',
        path: `${c.path}/livenessProbe`,
        data: {
          container: containerLabel(c),
          killAt: formatSeconds(killAt),
          budget: failureBudgetText(lt),
          readyAt: formatSeconds(readyAt),
          backoff: backOffDescription(),
        },
      });
    }
  },
});
