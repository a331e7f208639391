import { defineRule } from '../src/engine/rule.js';
import { containersOf, isRecord } from '../src/k8s/podspec.js';
import { containerLabel, failureBudgetText, probeTiming, restartPolicyOf } from './_runtime.js';

export default defineRule({
  meta: {
    id: 'liveness-with-restart-never',
    category: 'runtime',
    severity: 'warning',
    messages: {
      never:
        '{{container}} has a livenessProbe but the pod\'s restartPolicy is Never: the first time the probe fails {{failures}} ({{budget}}) the kubelet kills the container and does not restart it; the pod ends Failed{{job}}',
    },
    docs: {
      summary: 'A liveness probe in a pod whose restartPolicy is Never: one failure streak ends the pod.',
      rationale:
        'A liveness probe exists to have the kubelet restart a broken container. With restartPolicy Never the kubelet kills the container when the probe reaches failureThreshold and then leaves it terminated (exit code 137): the pod goes to phase Failed and stays there. A Job counts that pod as a failure toward its backoffLimit and creates a new pod from scratch, losing the work done; a bare Pod is simply finished. Usually the probe was copied from a Deployment, or OnFailure was meant. Sidecars (init containers with restartPolicy Always) are restarted whatever the pod policy and are not reported.',
      remediation: 'Remove the liveness probe (let the process exit on failure), or use restartPolicy OnFailure so the kubelet restarts the killed container in place.',
      example: {
        before: 'spec:\n  restartPolicy: Never\n  containers:\n  - name: batch\n    image: busybox:1.36\n    livenessProbe:\n      exec:\n        command: [cat, /tmp/healthy]',
        after: 'spec:\n  restartPolicy: OnFailure\n  containers:\n  - name: batch\n    image: busybox:1.36\n    livenessProbe:\n      exec:\n        command: [cat, /tmp/healthy]',
      },
      source: 'pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions), pkg/kubelet/container/helpers.go (ShouldContainerBeRestarted), pkg/controller/job/job_controller.go',
    },
  },
  podSpec(target, ctx) {
    if (restartPolicyOf(target) !== 'Never') return;
    const kind = target.owner.kind;
    const job = kind === 'Job' || kind === 'CronJob' ? '; the Job counts the pod as failed toward its backoffLimit and starts a new one from scratch' : '';
    for (const c of containersOf(target, { init: false })) {
      const live = (c.container as unknown as Record<string, unknown>).livenessProbe;
      if (!isRecord(live)) continue;
      const t = probeTiming(live);
      ctx.report({ messageId: 'never', path: `${c.path}/livenessProbe`, data: { container: containerLabel(c), failures: t.failureThreshold === 1 ? 'once' : `${t.failureThreshold} times in a row`, budget: failureBudgetText(t), job } });
    }
  },
});
