import { defineRule } from '../src/engine/rule.js';
import { containerLabel } from './_runtime.js';
import { isSet, longRunningContainers, RESOURCE_OPTIONS_SCHEMA, resourceMap, type ResourceOptions } from './_resources.js';

export default defineRule<'cpu' | 'memory' | 'both', ResourceOptions>({
  meta: {
    id: 'resource-requests-missing',
    category: 'runtime',
    severity: 'warning',
    messages: {
      both: '{{container}} sets no CPU or memory request: the scheduler counts it as using nothing, so the pod can be placed on a node without room for it; under contention it gets the minimum CPU share, and when memory runs short it is among the first pods evicted',
      cpu: '{{container}} sets no CPU request: the scheduler counts it as 0 CPU, so the pod can be placed on a node that is already busy, and under contention it gets only the minimum CPU share',
      memory:
        '{{container}} sets no memory request: the scheduler counts it as 0 bytes, so the pod can be placed on a node without room for it, and when the node runs short of memory it is among the first pods evicted',
    },
    docs: {
      summary: 'A container sets no CPU or memory request (and no limit it would default from).',
      rationale:
        'The scheduler places pods by their requests only. A container without a request counts as zero: the pod fits on any node, however loaded, and the node is overcommitted. At run time CPU is shared in proportion to requests (cpu.shares / cpu.weight), so a container without a CPU request gets the minimum share when the node is busy; when memory runs short the kubelet evicts pods that use more than they requested first (BestEffort pods, with no requests at all, go first). When a limit is set and the request is not, the API server defaults the request to the limit, so that case is not reported. Init containers that run to completion are not checked; sidecars are.',
      remediation: 'Set `resources.requests.cpu` and `resources.requests.memory` to what the container typically uses (measure it; `kubectl top pod` helps).',
      example: {
        before: 'containers:\n- name: web\n  image: nginx:1.27',
        after: 'containers:\n- name: web\n  image: nginx:1.27\n  resources:\n    requests:\n      cpu: 100m\n      memory: 128Mi',
      },
      peers: { kubeLinter: ['unset-cpu-requirements'], kubeScore: ['container-resources'], polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'] },
      source: 'pkg/apis/core/v1/defaults.go (SetDefaults_Pod: requests default to limits), pkg/scheduler/framework/plugins/noderesources/fit.go, pkg/kubelet/eviction/helpers.go',
    },
    optionsSchema: RESOURCE_OPTIONS_SCHEMA,
    defaultOptions: { resources: ['cpu', 'memory'] },
  },
  podSpec(target, ctx) {
    for (const c of longRunningContainers(target)) {
      const requests = resourceMap(c, 'requests');
      const limits = resourceMap(c, 'limits');
      const missing = ctx.options.resources.filter((r) => !isSet(requests?.[r]) && !isSet(limits?.[r]));
      if (missing.length === 2) {
        ctx.report({ messageId: 'both', path: `${c.path}/resources/requests`, data: { container: containerLabel(c) } });
        continue;
      }
      for (const r of missing) {
        ctx.report({ messageId: r, path: `${c.path}/resources/requests/${r}`, data: { container: containerLabel(c) } });
      }
    }
  },
});
