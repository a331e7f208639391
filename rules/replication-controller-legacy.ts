import { defineRule } from '../src/engine/rule.js';
import { groupOf } from '../src/engine/kinds.js';

/** kubectl removed `rolling-update` (deprecated since 1.11) in this release: kubernetes/kubernetes PR #88057, staging/src/k8s.io/kubectl/pkg/cmd/cmd.go. */
export const KUBECTL_ROLLING_UPDATE_REMOVED_IN = '1.18';

export default defineRule({
  meta: {
    id: 'replication-controller-legacy',
    category: 'best-practice',
    severity: 'info',
    messages: {
      legacy:
        'ReplicationController is the legacy way to keep pods running: use a Deployment (rolling updates and rollback) or at least a ReplicaSet (set-based selectors); kubectl rolling-update, which updated ReplicationControllers, was removed in kubectl ' + KUBECTL_ROLLING_UPDATE_REMOVED_IN,
    },
    docs: {
      summary: 'A ReplicationController: superseded by ReplicaSet and Deployment.',
      rationale:
        'ReplicationController is the original replica controller of core/v1. It still works — the same controller code runs it as a ReplicaSet — but it only supports equality-based map selectors, and updating its pods means replacing them by hand: `kubectl rolling-update`, the client-side tool that did it, was deprecated and then removed in kubectl ' + KUBECTL_ROLLING_UPDATE_REMOVED_IN + '. A Deployment manages ReplicaSets for you, with declarative rolling updates, rollout history and `kubectl rollout undo`. Deleting an RC through core/v1 without an explicit propagation policy also orphans its pods (OrphanDependents, kept for compatibility) where a ReplicaSet deletes them.',
      remediation: 'Convert to an apps/v1 Deployment: move `spec.selector` under `spec.selector.matchLabels`, keep the template.',
      example: {
        before: 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27',
        after: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27',
      },
      source: 'pkg/controller/replication/replication_controller.go, pkg/registry/core/replicationcontroller/strategy.go (DefaultGarbageCollectionPolicy)',
    },
  },
  object(target, ctx) {
    if (target.kind !== 'ReplicationController' || groupOf(target.apiVersion) !== '') return;
    ctx.report({ messageId: 'legacy', path: '/kind' });
  },
});
