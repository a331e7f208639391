import { defineRule, type RelatedDescriptor } from '../src/engine/rule.js';
import { LabelIndex, SelectionOthers, controllerOf, describeSelector, formatLabels, objectLabel, sameObjectKey, selectionFields, selectionAnchors, type Controller } from './_runtime.js';

/** The controller-manager's only trace of the conflict (pkg/controller/replicaset/replica_set.go, getPodReplicaSets). */
export const MORE_THAN_ONE_SELECTING = 'more than one ReplicaSet is selecting pods with labels';

/** How many other controllers one finding names before summarising. */
const MAX_LISTED = 3;

export default defineRule({
  meta: {
    id: 'overlapping-selectors',
    category: 'runtime',
    severity: 'warning',
    messages: {
      overlap:
        'selector {{selector}} of {{owner}} also matches the pods of {{others}} in namespace "{{namespace}}": the controllers fight over these pods — each pod belongs to whichever adopts it first, and when one controller is deleted with its pods orphaned the other adopts them and deletes the surplus',
    },
    docs: {
      summary: 'Two controllers in the same namespace select each other\'s pods.',
      rationale:
        'ReplicationControllers, ReplicaSets, Deployments, StatefulSets and DaemonSets find their pods by label selector. Kubernetes does not stop two of them from selecting the same pods (the API server cannot see other objects when it validates one); the documentation only says they will fight. Each pod carries one controller ownerReference: the controller that created or first adopted it owns it, the other ignores it and creates its own pods to reach its count. When a controller is deleted with its pods orphaned (`--cascade=orphan`; the default of core/v1 ReplicationControllers for API clients) or a pod loses its ownerReference, the other controller adopts those pods, counts them and deletes its surplus. `kubectl get pods -l`, Services and rollout status see the pods of both. The controller-manager only logs "user error! ' + MORE_THAN_ONE_SELECTING + ' …". The check: the selector of one controller matches the template labels of another in the same namespace (an absent namespace counts as "default"; a ReplicationController without selector uses its template labels).',
      remediation: 'Give each controller a label that only its pods carry (e.g. `app: web, component: frontend` vs `app: web, component: worker`) and include it in its selector.',
      example: {
        before: '# ReplicaSet a\nselector:\n  matchLabels:\n    app: web\n---\n# ReplicaSet b\nselector:\n  matchLabels:\n    app: web\n    tier: api',
        after: '# ReplicaSet a\nselector:\n  matchLabels:\n    app: web\n    tier: frontend\n---\n# ReplicaSet b\nselector:\n  matchLabels:\n    app: web\n    tier: api',
      },
      source: 'pkg/controller/controller_ref_manager.go (ClaimObject), pkg/controller/replicaset/replica_set.go (getPodReplicaSets), pkg/registry/core/replicationcontroller/strategy.go',
    },
  },
  fields: selectionFields,
  anchors: selectionAnchors,
  objects(all, ctx) {
    const controllers = all.map(controllerOf).filter((c): c is Controller => c !== undefined);
    const index = new LabelIndex<Controller>();
    for (const c of controllers) if (c.templateLabels && Object.keys(c.templateLabels).length > 0) index.add(c, c.namespace, c.templateLabels);
    const others = new SelectionOthers<Controller>((c) => sameObjectKey(c.info), MAX_LISTED);
    const described = new Map<Controller, string>();
    const describe = (c: Controller) => {
      let d = described.get(c);
      if (d === undefined) described.set(c, (d = `${objectLabel(c.info)} (labels ${formatLabels(c.templateLabels)})`));
      return d;
    };
    // Owners that list the same others share the text and the related places that name them.
    const listedText = new Map<readonly Controller[], string>();
    const relatedOf = new Map<readonly Controller[], RelatedDescriptor[]>();
    // "…, and N more" for the last list and count (owners in turn share both).
    let moreFor: { first: readonly Controller[]; count: number; text: string } | undefined;
    const moreText = (first: readonly Controller[], count: number, listed: string): string => {
      if (moreFor?.first !== first || moreFor.count !== count) moreFor = { first, count, text: `${listed}, and ${count - MAX_LISTED} more` };
      return moreFor.text;
    };
    for (const owner of controllers) {
      // Another copy of the same object (kustomize base and overlay, rendered twice) is not a second controller.
      const { count, first } = others.of(index.selected(owner), others.key(owner));
      if (!count) continue;
      let listed = listedText.get(first);
      if (listed === undefined) listedText.set(first, (listed = first.map(describe).join(', ')));
      let related = relatedOf.get(first);
      if (!related) relatedOf.set(first, (related = first.map((o) => ({ object: o.info, path: o.templateLabelsPath, message: `the pod labels of ${objectLabel(o.info)}, which this selector matches` }))));
      ctx.report({
        object: owner.info,
        messageId: 'overlap',
        path: owner.selectorPath,
        data: { selector: describeSelector(owner), owner: objectLabel(owner.info), others: count > MAX_LISTED ? moreText(first, count, listed) : listed, namespace: owner.namespace },
        related,
      });
    }
  },
});
