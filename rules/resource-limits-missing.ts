import { defineRule } from '../src/engine/rule.js';
import { containerLabel } from './_runtime.js';
import { isSet, longRunningContainers, RESOURCE_OPTIONS_SCHEMA, resourceMap, type ResourceOptions } from './_resources.js';

export default defineRule<'cpu' | 'memory' | 'both', ResourceOptions>({
  meta: {
    id: 'resource-limits-missing',
    category: 'runtime',
    severity: 'warning',
    messages: {
      both: '{{container}} sets no CPU or memory limit: it can use all the CPU and memory of its node; when the node runs short of memory, the kernel OOM killer or the kubelet\'s eviction hits the pods using most above their requests, possibly other workloads',
      memory:
        '{{container}} sets no memory limit: it can use all the memory of its node; when the node runs short, the kernel OOM killer or the kubelet\'s eviction hits the pods using most above their requests, possibly other workloads',
      cpu: '{{container}} sets no CPU limit: it can use every idle CPU of its node, so its speed depends on its neighbours, and namespaces with a ResourceQuota on limits.cpu reject the pod',
    },
    docs: {
      summary: 'A container sets no memory limit (or, when configured, no CPU limit).',
      rationale:
        'Memory is not compressible: a container without a memory limit can grow until the node runs out, and then the kernel\'s OOM killer or the kubelet\'s eviction picks victims — the pods furthest above their requests, which may be other workloads. With a limit, only the leaking container is OOM-killed (and restarted with back-off). CPU is compressible: without a CPU limit a container only uses CPU nobody with a request needs, so many teams deliberately leave it unset to avoid CFS throttling; that is why the default option only requires memory. Add "cpu" to `resources` to require CPU limits too (Polaris and kube-score do), e.g. where a ResourceQuota on limits.cpu would otherwise reject the pod. Init containers that run to completion are not checked; sidecars are.',
      remediation: 'Set `resources.limits.memory` (for most services equal to the memory request, which gives predictable OOM behaviour); set `resources.limits.cpu` if your cluster policy requires it.',
      example: {
        before: 'containers:\n- name: web\n  image: nginx:1.27\n  resources:\n    requests:\n      memory: 128Mi',
        after: 'containers:\n- name: web\n  image: nginx:1.27\n  resources:\n    requests:\n      memory: 128Mi\n    limits:\n      memory: 128Mi',
      },
      peers: { kubeLinter: ['unset-memory-requirements'], kubeScore: ['container-resources'], polaris: ['memoryLimitsMissing', 'cpuLimitsMissing'] },
      source: 'pkg/kubelet/cm/helpers_linux.go (cgroup limits), pkg/kubelet/eviction/helpers.go, pkg/kubelet/qos/policy.go (oom_score_adj)',
    },
    optionsSchema: RESOURCE_OPTIONS_SCHEMA,
    defaultOptions: { resources: ['memory'] },
  },
  podSpec(target, ctx) {
    for (const c of longRunningContainers(target)) {
      const limits = resourceMap(c, 'limits');
      const missing = ctx.options.resources.filter((r) => !isSet(limits?.[r]));
      if (missing.length === 2) {
        ctx.report({ messageId: 'both', path: `${c.path}/resources/limits`, data: { container: containerLabel(c) } });
        continue;
      }
      for (const r of missing) {
        ctx.report({ messageId: r, path: `${c.path}/resources/limits/${r}`, data: { container: containerLabel(c) } });
      }
    }
  },
});
