import { defineRule } from '../src/engine/rule.js';
import { containersOf } from '../src/k8s/podspec.js';
import { containerLabel, restartPolicyOf } from './_runtime.js';

export interface MissingProbeOptions {
  /** Kinds whose pods run to completion and need no probe. */
  skipKinds: string[];
  /** Also require the probe on sidecars (init containers with restartPolicy: Always). */
  includeSidecars: boolean;
}

export const MISSING_PROBE_OPTIONS_SCHEMA = {
  type: 'object',
  properties: {
    skipKinds: { type: 'array', items: { type: 'string' }, description: 'Kinds whose pod templates are not checked.' },
    includeSidecars: { type: 'boolean', description: 'Check sidecars (init containers with restartPolicy: Always) too.' },
  },
  additionalProperties: false,
} as const;

export default defineRule<'missing', MissingProbeOptions>({
  meta: {
    id: 'liveness-probe-missing',
    category: 'runtime',
    severity: 'info',
    messages: {
      missing: '{{container}} has no livenessProbe: if it hangs without exiting (a deadlock, a stuck event loop), the kubelet keeps it running and nothing restarts it',
    },
    docs: {
      summary: 'A long-running container has no liveness probe.',
      rationale:
        'The kubelet restarts a container when its process exits; a process that is still running but no longer works (deadlocked, stuck, out of file descriptors) is left alone unless a liveness probe fails. With a liveness probe, failureThreshold consecutive failures make the kubelet kill and restart the container. Pods that run to completion (Jobs, CronJobs, Pods with restartPolicy Never or OnFailure) and init containers are not checked. Severity info: a badly tuned liveness probe does more harm than none (it kills healthy but slow containers — see liveness-kills-before-ready), so add one deliberately.',
      remediation: 'Add a livenessProbe that checks something only a hung process fails (an HTTP health endpoint that does not depend on other services), with a failureThreshold × periodSeconds long enough to ride out pauses.',
      example: {
        before: 'containers:\n- name: web\n  image: nginx:1.27\n  ports:\n  - containerPort: 80',
        after: 'containers:\n- name: web\n  image: nginx:1.27\n  ports:\n  - containerPort: 80\n  livenessProbe:\n    httpGet:\n      path: /healthz\n      port: 80\n    periodSeconds: 10\n    failureThreshold: 3',
      },
      peers: { kubeLinter: ['no-liveness-probe'], kubeScore: ['pod-probes'], polaris: ['livenessProbeMissing'] },
      source: 'pkg/kubelet/prober/worker.go, pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions)',
    },
    optionsSchema: MISSING_PROBE_OPTIONS_SCHEMA,
    defaultOptions: { skipKinds: ['Job', 'CronJob'], includeSidecars: false },
  },
  podSpec(target, ctx) {
    if (ctx.options.skipKinds.includes(target.owner.kind)) return;
    if (restartPolicyOf(target) !== 'Always') return; // runs to completion
    for (const c of containersOf(target)) {
      if (c.kind === 'init' && !(c.isSidecar && ctx.options.includeSidecars)) continue;
      const probe = (c.container as unknown as Record<string, unknown>).livenessProbe;
      if (probe !== undefined && probe !== null) continue;
      ctx.report({ messageId: 'missing', path: c.path, data: { container: containerLabel(c) } });
    }
  },
});
