import { defineRule } from '../src/engine/rule.js';
import { groupOf } from '../src/engine/kinds.js';
import { getAt } from '../src/source/locate.js';
import type { ObjectInfo } from '../src/engine/rule.js';
import type { Labels } from '../src/k8s/selector.js';
import {
  LabelIndex,
  controllerOf,
  describeSelector,
  formatLabels,
  hasControllerRef,
  namespaceOf,
  objectLabel,
  POD_ADOPTING_KINDS,
  selectionAnchors,
  selectionFields,
  stringLabels,
  type Controller,
} from './_runtime.js';

export default defineRule<'counted' | 'deleted' | 'daemon'>({
  meta: {
    id: 'pod-adopted-by-controller',
    category: 'runtime',
    severity: 'warning',
    messages: {
      counted:
        'Pod "{{pod}}" (labels {{labels}}) matches the selector {{selector}} of {{controller}}: the controller adopts it and counts it as one of its {{replicas}}, so it creates {{creates}} of its own, and on scale-down it may delete this one',
      deleted: 'Pod "{{pod}}" (labels {{labels}}) matches the selector {{selector}} of {{controller}}, which wants {{replicas}} replicas: the controller adopts the pod and deletes it as surplus',
      daemon:
        'Pod "{{pod}}" (labels {{labels}}) matches the selector {{selector}} of {{controller}}: the DaemonSet adopts it as its pod on whatever node it runs, may skip starting its own pod there, and deletes it if the node should not run one or already has one',
    },
    docs: {
      summary: 'A bare Pod in the manifests matches the selector of a ReplicationController, ReplicaSet or DaemonSet in the same namespace.',
      rationale:
        'These controllers adopt every orphan pod (one without a controller ownerReference) in their namespace that their selector matches, whoever created it: they patch an ownerReference onto it and count it. A ReplicaSet or ReplicationController with replicas N then creates only N − 1 pods of its own — one replica runs the bare Pod\'s spec, not the template — and when scaling down it may delete the bare Pod; deleting the controller deletes the pod too. A DaemonSet counts it as its pod on its node or deletes it as surplus. Deployments and StatefulSets do not adopt such pods (their ReplicaSets select a pod-template-hash label, StatefulSets only claim pods named after themselves) and are not checked here. An absent namespace counts as "default".',
      remediation: 'Give the bare Pod labels the controller does not select, or drop the Pod and let the controller create all replicas.',
      example: {
        before: 'kind: Pod\nmetadata:\n  name: debug\n  labels:\n    app: web\n---\nkind: ReplicaSet\nspec:\n  selector:\n    matchLabels:\n      app: web',
        after: 'kind: Pod\nmetadata:\n  name: debug\n  labels:\n    app: web-debug\n---\nkind: ReplicaSet\nspec:\n  selector:\n    matchLabels:\n      app: web',
      },
      source: 'pkg/controller/controller_ref_manager.go (ClaimObject, AdoptPod), pkg/controller/replicaset/replica_set.go (manageReplicas, getPodsToDelete), pkg/controller/daemon/daemon_controller.go',
    },
  },
  fields: selectionFields,
  anchors: selectionAnchors,
  objects(all, ctx) {
    const controllers = all.map(controllerOf).filter((c): c is Controller => c !== undefined && POD_ADOPTING_KINDS.has(c.info.kind));
    if (!controllers.length) return;
    const pods = new LabelIndex<{ info: ObjectInfo; labels: Labels }>();
    for (const info of all) {
      if (info.kind !== 'Pod' || groupOf(info.apiVersion) !== '' || hasControllerRef(info)) continue;
      const labels = stringLabels(getAt(info.object, '/metadata/labels'));
      if (labels && Object.keys(labels).length > 0) pods.add({ info, labels }, namespaceOf(info), labels);
    }
    for (const c of controllers) {
      for (const { info: pod, labels } of pods.selected(c)) {
        const base = { pod: pod.name ?? '<unnamed>', labels: formatLabels(labels), selector: describeSelector(c), controller: objectLabel(c.info) };
        const related = [{ object: c.info, path: c.selectorPath, message: `the selector of ${objectLabel(c.info)}` }];
        if (c.info.kind === 'DaemonSet') ctx.report({ object: pod, messageId: 'daemon', path: '/metadata/labels', data: base, related });
        else if ((c.replicas ?? 1) < 1) ctx.report({ object: pod, messageId: 'deleted', path: '/metadata/labels', data: { ...base, replicas: c.replicas ?? 0 }, related });
        else {
          const n = c.replicas ?? 1;
          const replicas = n === 1 ? '1 replica' : `${n} replicas`;
          const creates = n === 1 ? 'no pod' : n === 2 ? 'only 1 pod' : `only ${n - 1} pods`;
          ctx.report({ object: pod, messageId: 'counted', path: '/metadata/labels', data: { ...base, replicas, creates }, related });
        }
      }
    }
  },
});
