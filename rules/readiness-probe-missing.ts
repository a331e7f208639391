import { defineRule, type PodSpecTarget } from '../src/engine/rule.js';
import { podSpecLocation } from '../src/engine/kinds.js';
import { getAt } from '../src/source/locate.js';
import { containersOf, isRecord, type ContainerRef } from '../src/k8s/podspec.js';
import { matchesMapSelector } from '../src/k8s/selector.js';
import { containerLabel, namespaceOf, objectLabel, restartPolicyOf, stringLabels } from './_runtime.js';
import { MISSING_PROBE_OPTIONS_SCHEMA, type MissingProbeOptions } from './liveness-probe-missing.js';

export interface ReadinessOptions extends MissingProbeOptions {
  /** Only report pods that a Service of the same run selects (kube-score's behaviour). */
  onlyWhenServiced: boolean;
}

export default defineRule<'missing' | 'missingServiced', ReadinessOptions>({
  meta: {
    id: 'readiness-probe-missing',
    category: 'runtime',
    severity: 'warning',
    messages: {
      missing:
        '{{container}} has no readinessProbe: the pod counts as Ready as soon as its containers start, so Services send it requests before it can serve them and a rollout replaces old pods without waiting for the new ones to work',
      missingServiced:
        '{{container}} has no readinessProbe, and {{service}} selects this pod: it receives requests as soon as its containers start, before it can serve them, and keeps receiving them when it cannot',
    },
    docs: {
      summary: 'A long-running container has no readiness probe.',
      rationale:
        'Without a readiness probe a container counts as ready the moment it has started (and its startup probe, if any, has passed). The pod becomes Ready, its IP is added to the endpoints of every Service that selects it, and traffic arrives while the application is still loading; requests fail. Deployments and ReplicaSets count Ready pods as available, so a rolling update removes old pods before the new ones can serve, and a broken new version is rolled out completely instead of stalling. Pods that run to completion (Jobs, CronJobs, Pods with restartPolicy Never or OnFailure) and init containers are not checked. With `onlyWhenServiced: true` the rule only reports pods that a Service in the same run selects, as kube-score does.',
      remediation: 'Add a readinessProbe that succeeds only when the container can serve requests (an HTTP endpoint, a TCP connect, an exec check).',
      example: {
        before: 'containers:\n- name: web\n  image: nginx:1.27\n  ports:\n  - containerPort: 80',
        after: 'containers:\n- name: web\n  image: nginx:1.27\n  ports:\n  - containerPort: 80\n  readinessProbe:\n    httpGet:\n      path: /ready\n      port: 80',
      },
      peers: { kubeLinter: ['no-readiness-probe'], kubeScore: ['pod-probes'], polaris: ['readinessProbeMissing'] },
      source: 'pkg/kubelet/prober/prober_manager.go (UpdatePodStatus), pkg/controller/endpointslice, pkg/controller/replicaset/replica_set_utils.go',
    },
    optionsSchema: {
      ...MISSING_PROBE_OPTIONS_SCHEMA,
      properties: {
        ...MISSING_PROBE_OPTIONS_SCHEMA.properties,
        onlyWhenServiced: { type: 'boolean', description: 'Only report pods selected by a Service of the same run.' },
      },
    },
    defaultOptions: { skipKinds: ['Job', 'CronJob'], includeSidecars: false, onlyWhenServiced: false },
  },
  // Without onlyWhenServiced each pod spec is judged alone; with it, the Services of the whole run are needed.
  podSpec(target, ctx) {
    if (ctx.options.onlyWhenServiced || ctx.options.skipKinds.includes(target.owner.kind)) return;
    for (const c of missingReadiness(target, ctx.options)) ctx.report({ messageId: 'missing', path: c.path, data: { container: containerLabel(c) } });
  },
  fields(info, options) {
    if (!options.onlyWhenServiced) return [];
    if (info.kind === 'Service') return ['/spec/selector'];
    const loc = podSpecLocation(info.apiVersion, info.kind);
    return loc ? [loc.spec, `${loc.metadata}/labels`] : [];
  },
  objects(all, ctx) {
    if (!ctx.options.onlyWhenServiced) return;
    const services = all.filter((o) => o.kind === 'Service' && o.apiVersion === 'v1');
    for (const info of all) {
      const loc = podSpecLocation(info.apiVersion, info.kind);
      if (!loc || ctx.options.skipKinds.includes(info.kind)) continue;
      const spec = getAt(info.object, loc.spec);
      if (!isRecord(spec)) continue;
      const target: PodSpecTarget = { owner: info, specPath: loc.spec, spec: spec as unknown as PodSpecTarget['spec'], metadataPath: loc.metadata, metadata: undefined, template: loc.template };
      const labels = stringLabels(getAt(info.object, `${loc.metadata}/labels`));
      const ns = namespaceOf(info);
      const svc = services.find((s) => {
        if (namespaceOf(s) !== ns) return false;
        const sel = stringLabels(getAt(s.object, '/spec/selector'));
        return !!sel && Object.keys(sel).length > 0 && matchesMapSelector(sel, labels);
      });
      if (!svc) continue;
      const service = objectLabel(svc);
      for (const c of missingReadiness(target, ctx.options)) {
        ctx.report({ object: info, messageId: 'missingServiced', path: c.path, data: { container: containerLabel(c), service } });
      }
    }
  },
});

/** The long-running containers of a pod spec that have no readiness probe (none when the pod runs to completion). */
function missingReadiness(target: PodSpecTarget, options: ReadinessOptions): ContainerRef[] {
  if (restartPolicyOf(target) !== 'Always') return [];
  return containersOf(target).filter((c) => {
    if (c.kind === 'init' && !(c.isSidecar && options.includeSidecars)) return false;
    const probe = (c.container as unknown as Record<string, unknown>).readinessProbe;
    return probe === undefined || probe === null;
  });
}
