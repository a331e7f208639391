import { defineRule } from '../src/engine/rule.js';
import { controllerOf, controllerSelects, describeSelector, formatLabels, objectLabel, type Controller } from './_runtime.js';

/** The controller-manager's only trace of the conflict (pkg/controller/replicaset/replica_set.go, getPodReplicaSets). */
export const MORE_THAN_ONE_SELECTING = 'more than one ReplicaSet is selecting pods with labels';

export default defineRule({
  meta: {
    id: 'overlapping-selectors',
    category: 'runtime',
    severity: 'warning',
    messages: {
      overlap:
        'selector {{selector}} of {{owner}} also matches the pods of {{other}} (labels {{labels}}) in namespace "{{namespace}}": the controllers fight over pods — whichever adopts an orphan first owns it and the other ignores it and creates its own, and when one of them is deleted with its pods orphaned the other adopts them and deletes the surplus; Kubernetes only logs "{{logged}} …"',
    },
    docs: {
      summary: 'Two controllers in the same namespace select each other\'s pods.',
      rationale:
        'ReplicationControllers, ReplicaSets, Deployments, StatefulSets and DaemonSets find their pods by label selector. Kubernetes does not stop two of them from selecting the same pods (the API server cannot see other objects when it validates one); the documentation only says they will fight. Each pod carries one controller ownerReference: the controller that created or first adopted it owns it, the other ignores it and creates its own pods to reach its count. When a controller is deleted with its pods orphaned (`--cascade=orphan`; the default of core/v1 ReplicationControllers for API clients) or a pod loses its ownerReference, the other controller adopts those pods, counts them and deletes its surplus. `kubectl get pods -l`, Services and rollout status see the pods of both. The controller-manager only logs "user error! more than one ReplicaSet is selecting pods with labels …". The check: the selector of one controller matches the template labels of another in the same namespace (an absent namespace counts as "default"; a ReplicationController without selector uses its template labels).',
      remediation: 'Give each controller a label that only its pods carry (e.g. `app: web, component: frontend` vs `app: web, component: worker`) and include it in its selector.',
      example: {
        before: '# ReplicaSet a\nselector:\n  matchLabels:\n    app: web\n---\n# ReplicaSet b\nselector:\n  matchLabels:\n    app: web\n    tier: api',
        after: '# ReplicaSet a\nselector:\n  matchLabels:\n    app: web\n    tier: frontend\n---\n# ReplicaSet b\nselector:\n  matchLabels:\n    app: web\n    tier: api',
      },
      source: 'pkg/controller/controller_ref_manager.go (ClaimObject), pkg/controller/replicaset/replica_set.go (getPodReplicaSets), pkg/registry/core/replicationcontroller/strategy.go',
    },
  },
  objects(all, ctx) {
    const controllers = all.map(controllerOf).filter((c): c is Controller => c !== undefined);
    for (const owner of controllers) {
      for (const other of controllers) {
        if (other === owner || other.namespace !== owner.namespace) continue;
        if (!other.templateLabels || Object.keys(other.templateLabels).length === 0) continue;
        if (!controllerSelects(owner, other.templateLabels)) continue;
        ctx.report({
          object: owner.info,
          messageId: 'overlap',
          path: owner.selectorPath,
          data: {
            selector: describeSelector(owner),
            owner: objectLabel(owner.info),
            other: objectLabel(other.info),
            labels: formatLabels(other.templateLabels),
            namespace: owner.namespace,
            logged: MORE_THAN_ONE_SELECTING,
          },
        });
      }
    }
  },
});
