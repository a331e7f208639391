import { defineRule } from '../src/engine/rule.js';
import { ALWAYS_RESTART_CONTROLLERS } from '../src/engine/kinds.js';
import { getAt } from '../src/source/locate.js';
import { RESTART_POLICIES } from '../src/k8s/defaults.js';
import { containersOf, fieldPath, isRecord, SIDECAR_RESTART_POLICY } from '../src/k8s/podspec.js';
import { forbiddenMsg, invalidMsg, notSupportedMsg, renderScalar, requiredMsg } from '../src/k8s/validation.js';

/** ValidateReplicationControllerSpec / apps ValidatePodTemplateSpecForReplicaSet …: controllers keep pods running. */
const CONTROLLER_RESTART_POLICIES = ['Always'] as const;
/** validateJobSpec, pkg/apis/batch/validation/validation.go. */
const JOB_RESTART_POLICIES = ['OnFailure', 'Never'] as const;
/** Gate SidecarContainers (pkg/features/kube_features.go): alpha (off) in 1.28, beta and on from 1.29. */
const SIDECARS_DEFAULT_ON_MINOR = 29;
/** Gate ContainerRestartRules: alpha (off) in 1.34, beta and on from 1.35 — a regular container's own restartPolicy. */
const CONTAINER_RESTART_RULES_DEFAULT_ON_MINOR = 35;
/** validateContainers, pkg/apis/core/validation/validation.go. */
const NON_INIT_RESTART_POLICY_FORBIDDEN = 'may not be set for non-init containers';

export default defineRule({
  meta: {
    id: 'restart-policy',
    category: 'rejected',
    severity: 'error',
    fixable: true,
    messages: {
      controllerNotAlways: '{{message}} — a {{kind}} keeps its pods running, so its template must restart them',
      podUnsupported: '{{message}}',
      jobRequired: '{{message}} — a {{kind}} runs pods to completion, and an omitted restartPolicy defaults to Always',
      jobUnsupported: '{{message}}',
      jobPodFailurePolicy: '{{message}}',
      containerForbidden: '{{message}} (a container-level restartPolicy needs Kubernetes 1.35 or later; on {{version}} only sidecar init containers may set it)',
      containerUnsupported: '{{message}}',
      initUnsupported: '{{message}} — an init container with restartPolicy Always is a sidecar; no other value is allowed',
      sidecarDropped:
        '{{field}}: restartPolicy on an init container needs the SidecarContainers feature, which is off by default in Kubernetes {{version}}: the API server drops the field and {{container}} runs as an ordinary init container, so the pod does not start its containers until it exits',
    },
    docs: {
      summary: 'A restartPolicy the API server refuses for this kind (controller templates need Always, Jobs OnFailure or Never).',
      rationale:
        'ReplicationControllers, ReplicaSets, Deployments, StatefulSets and DaemonSets exist to keep pods running, so the API server accepts only `restartPolicy: Always` in their templates and rejects the whole object otherwise (`spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"`). Jobs and CronJobs run pods to completion: their templates must say OnFailure or Never, and because an omitted restartPolicy is defaulted to Always, a Job without one is rejected too (`Required value: valid values: "OnFailure", "Never"`); with a podFailurePolicy only Never is accepted. A Pod accepts Always, OnFailure and Never. A regular container may carry its own restartPolicy only from Kubernetes 1.35 (ContainerRestartRules); an init container may only say Always, which makes it a sidecar — and on 1.28, where sidecars are still alpha, the field is silently dropped.',
      remediation:
        'Remove restartPolicy from controller templates or set it to Always (run-to-completion work belongs in a Job); give every Job and CronJob template `restartPolicy: OnFailure` or `Never` (Never when a podFailurePolicy is set); remove restartPolicy from regular containers on clusters older than 1.35.',
      example: {
        before: 'kind: Deployment\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure',
        after: 'kind: Deployment\nspec:\n  template:\n    spec:\n      restartPolicy: Always',
      },
      peers: { kubeLinter: ['restart-policy'], kubeScore: ['cronjob-restartpolicy'] },
      source: 'pkg/apis/core/validation/validation.go (ValidateReplicationControllerSpec, validateRestartPolicy, validateContainers, validateInitContainers), pkg/apis/apps/validation/validation.go, pkg/apis/batch/validation/validation.go (validateJobSpec)',
    },
  },
  podSpec(target, ctx) {
    const kind = target.owner.kind;
    const spec = target.spec as unknown as Record<string, unknown>;
    const path = `${target.specPath}/restartPolicy`;
    const field = (): string => fieldPath(path);
    const rp = spec.restartPolicy;
    const version = ctx.kubernetesVersion;
    if (ALWAYS_RESTART_CONTROLLERS.has(kind) && target.template) {
      if (typeof rp === 'string' && rp !== '' && rp !== 'Always') {
        ctx.report({
          messageId: 'controllerNotAlways',
          path,
          data: { message: notSupportedMsg(field(), rp, CONTROLLER_RESTART_POLICIES), kind },
          fix: { path, op: 'set', value: 'Always' },
        });
      }
    } else if (kind === 'Job' || kind === 'CronJob') {
      if (rp === undefined || rp === null || rp === '' || rp === 'Always') {
        ctx.report({ messageId: 'jobRequired', path, data: { message: requiredMsg(field(), `valid values: ${JOB_RESTART_POLICIES.map((v) => `"${v}"`).join(', ')}`), kind } });
      } else if (typeof rp === 'string' && !(JOB_RESTART_POLICIES as readonly string[]).includes(rp)) {
        ctx.report({ messageId: 'jobUnsupported', path, data: { message: notSupportedMsg(field(), rp, JOB_RESTART_POLICIES) } });
      } else if (rp === 'OnFailure') {
        const jobSpecPath = kind === 'Job' ? '/spec' : '/spec/jobTemplate/spec';
        if (isRecord(getAt(target.owner.object, `${jobSpecPath}/podFailurePolicy`))) {
          ctx.report({ messageId: 'jobPodFailurePolicy', path, data: { message: invalidMsg(field(), renderScalar(rp), 'only "Never" is supported when podFailurePolicy is specified') } });
        }
      }
    } else if (!target.template) {
      if (typeof rp === 'string' && rp !== '' && !(RESTART_POLICIES as readonly string[]).includes(rp)) {
        ctx.report({ messageId: 'podUnsupported', path, data: { message: notSupportedMsg(field(), rp, RESTART_POLICIES) } });
      }
    }

    for (const c of containersOf(target)) {
      const v = (c.container as unknown as Record<string, unknown>).restartPolicy;
      if (v === undefined || v === null) continue;
      const cpath = `${c.path}/restartPolicy`;
      const cfield = (): string => fieldPath(cpath);
      if (c.kind === 'container') {
        if (!version.atLeast(CONTAINER_RESTART_RULES_DEFAULT_ON_MINOR)) {
          ctx.report({ messageId: 'containerForbidden', path: cpath, at: 'key', data: { message: forbiddenMsg(cfield(), NON_INIT_RESTART_POLICY_FORBIDDEN), version: version.name } });
        } else if (typeof v === 'string' && !(RESTART_POLICIES as readonly string[]).includes(v)) {
          ctx.report({ messageId: 'containerUnsupported', path: cpath, data: { message: notSupportedMsg(cfield(), v, RESTART_POLICIES) } });
        }
      } else if (typeof v === 'string') {
        if (v !== SIDECAR_RESTART_POLICY) {
          ctx.report({ messageId: 'initUnsupported', path: cpath, data: { message: notSupportedMsg(cfield(), v, [SIDECAR_RESTART_POLICY]) } });
        } else if (!version.atLeast(SIDECARS_DEFAULT_ON_MINOR)) {
          ctx.report({ messageId: 'sidecarDropped', path: cpath, data: { field: cfield(), version: version.name, container: c.name ? `"${c.name}"` : 'the container' } });
        }
      }
    }
  },
});
