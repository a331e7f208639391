import { defineRule } from '../src/engine/rule.js';
import { getAt } from '../src/source/locate.js';
import { isRecord } from '../src/k8s/podspec.js';
import { restartPolicyOf } from './_runtime.js';

export default defineRule<'bare' | 'bareBatch'>({
  meta: {
    id: 'bare-pod',
    category: 'best-practice',
    severity: 'info',
    messages: {
      bare: 'Pod "{{name}}" is not managed by a controller: if its node fails, or it is evicted or deleted, nothing recreates it; use a Deployment (or a ReplicaSet) to keep it running',
      bareBatch: 'Pod "{{name}}" is not managed by a controller: if its node fails or it is evicted before it finishes, nothing runs it again; use a Job, which retries up to its backoffLimit',
    },
    docs: {
      summary: 'A bare Pod: nothing recreates it when it is lost.',
      rationale:
        'The kubelet restarts the containers of a Pod on the node it was scheduled to, but the Pod itself is bound to that node for its whole life. When the node fails or is drained, when the Pod is evicted for lack of resources or deleted, it is gone: only a controller (ReplicaSet, Deployment, StatefulSet, DaemonSet, Job) creates a replacement. A bare Pod also cannot be updated in place beyond a few fields (image, tolerations, active deadline). Pods with ownerReferences naming a controller are not reported.',
      remediation: 'Wrap the pod spec in a Deployment (long-running) or a Job (run to completion); the pod spec moves under `spec.template.spec`.',
      example: {
        before: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27',
        after: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27',
      },
      source: 'pkg/controller/replicaset/replica_set.go, pkg/controller/podgc/gc_controller.go, pkg/apis/core/validation/validation.go (ValidatePodUpdate)',
    },
  },
  podSpec(target, ctx) {
    if (target.template || target.owner.kind !== 'Pod') return;
    const refs = getAt(target.owner.object, '/metadata/ownerReferences');
    if (Array.isArray(refs) && refs.some((r) => isRecord(r) && r.controller === true)) return;
    const name = target.owner.name ?? '<unnamed>';
    ctx.report({ messageId: restartPolicyOf(target) === 'Always' ? 'bare' : 'bareBatch', path: '/kind', data: { name } });
  },
});
