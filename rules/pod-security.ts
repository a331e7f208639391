import { defineRule, type PodSpecTarget } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/podspec.js';
import { invalidMsg, renderScalar } from '../src/k8s/validation.js';
import {
  PRIVILEGED_POLICY,
  PSA_LABEL_PREFIX,
  PSA_CHECKS,
  PSA_MODES,
  checksFor,
  effectivePolicyMinor,
  levelVersionString,
  parseLevelVersion,
  policyToEvaluate,
  runChecks,
  violationText,
  type CheckFailure,
  type CheckList,
  type PsaMode,
  type PsaPolicy,
} from '../src/k8s/pod-security.js';

/** metav1.NamespaceDefault: where an object without metadata.namespace lands in the usual kubectl context. */
const DEFAULT_NAMESPACE = 'default';

export interface PodSecurityOptions {
  /** The cluster-wide default (the plugin's `defaults`) per mode, `LEVEL[:VERSION]`. */
  enforce?: string;
  warn?: string;
  audit?: string;
  /** The plugin's exemptions (usernames mean nothing offline). */
  exemptions?: { namespaces?: string[]; runtimeClasses?: string[] };
  /** The pod-security labels of the Namespace objects of the run, by namespace name (podlint fills this in). */
  namespaces?: Record<string, Record<string, string>>;
}

/** admission.go DefaultPodSpecExtractor: the kinds the plugin judges besides Pods; PodTemplate creates no pods. */
const NO_CONTROLLER_KINDS = new Set(['PodTemplate']);

const resolved = new WeakMap<object, PsaPolicy>();
function defaultsOf(o: PodSecurityOptions): PsaPolicy {
  let p = resolved.get(o);
  if (!p) {
    p = { ...PRIVILEGED_POLICY };
    for (const mode of PSA_MODES) {
      const lv = o[mode] !== undefined ? parseLevelVersion(o[mode]!) : undefined;
      if (lv) p[mode] = lv;
    }
    resolved.set(o, p);
  }
  return p;
}

/** What a namespace's policy runs on a Kubernetes minor: the checks of each mode (the same list when two modes agree). */
interface NamespacePlan {
  policy: PsaPolicy;
  checks: Record<PsaMode, CheckList>;
}

/** Plans per namespace and Kubernetes minor, for one options object (the run's). */
const plans = new WeakMap<object, Map<string, NamespacePlan>>();
function namespacePlan(options: PodSecurityOptions, ns: string, kubernetesMinor: number): NamespacePlan {
  let byNs = plans.get(options);
  if (!byNs) plans.set(options, (byNs = new Map()));
  const key = `${kubernetesMinor} ${ns}`;
  let plan = byNs.get(key);
  if (!plan) {
    const policy = policyToEvaluate(options.namespaces?.[ns], defaultsOf(options)).policy;
    const checks = {} as NamespacePlan['checks'];
    for (const mode of PSA_MODES) checks[mode] = checksFor(policy[mode].level, effectivePolicyMinor(policy[mode].version, kubernetesMinor));
    byNs.set(key, (plan = { policy, checks }));
  }
  return plan;
}

/** The judgement of one pod (template) in its namespace: failures per mode, or undefined when exempt or privileged. */
export function judgePodSecurity(target: PodSpecTarget, options: PodSecurityOptions, kubernetesMinor: number): { policy: PsaPolicy; results: Record<PsaMode, CheckFailure[]> } | undefined {
  const ns = target.owner.namespace || DEFAULT_NAMESPACE;
  const plan = namespacePlan(options, ns, kubernetesMinor);
  if (!plan.checks.enforce.length && !plan.checks.warn.length && !plan.checks.audit.length) return undefined;
  if (options.exemptions?.namespaces?.includes(ns)) return undefined;
  const runtimeClass = (target.spec as { runtimeClassName?: unknown }).runtimeClassName;
  if (typeof runtimeClass === 'string' && runtimeClass !== '' && options.exemptions?.runtimeClasses?.includes(runtimeClass)) return undefined;
  const pod = {
    spec: target.spec as unknown as Record<string, unknown>,
    specPath: target.specPath,
    metadata: target.metadata as Record<string, unknown> | undefined,
    metadataPath: target.metadataPath,
    kubernetesMinor,
  };
  const enforce = runChecks(plan.checks.enforce, pod);
  const warn = plan.checks.warn === plan.checks.enforce ? enforce : runChecks(plan.checks.warn, pod);
  const audit = plan.checks.audit === plan.checks.enforce ? enforce : plan.checks.audit === plan.checks.warn ? warn : runChecks(plan.checks.audit, pod);
  return { policy: plan.policy, results: { enforce, warn, audit } };
}

export default defineRule<'enforcePod' | 'enforceTemplate' | 'warn' | 'audit' | 'invalidLabel', PodSecurityOptions>({
  meta: {
    id: 'pod-security',
    category: 'rejected',
    severity: 'error',
    messages: {
      enforcePod: 'violates PodSecurity "{{policy}}": {{violation}}',
      enforceTemplate:
        'violates PodSecurity "{{policy}}": {{violation}} — the API server admits the {{kind}} with a warning, but forbids every pod created from this template: the controller records FailedCreate and no pod runs',
      warn: 'would violate PodSecurity "{{policy}}": {{violation}}',
      audit: 'would violate PodSecurity "{{policy}}": {{violation}}',
      invalidLabel: '{{message}}',
    },
    optionsSchema: {
      type: 'object',
      properties: {
        enforce: { type: 'string', pattern: '^(privileged|baseline|restricted)(:(latest|v1\\.(0|[1-9][0-9]*)))?$' },
        warn: { type: 'string', pattern: '^(privileged|baseline|restricted)(:(latest|v1\\.(0|[1-9][0-9]*)))?$' },
        audit: { type: 'string', pattern: '^(privileged|baseline|restricted)(:(latest|v1\\.(0|[1-9][0-9]*)))?$' },
        exemptions: {
          type: 'object',
          properties: { namespaces: { type: 'array', items: { type: 'string' } }, runtimeClasses: { type: 'array', items: { type: 'string' } } },
          additionalProperties: false,
        },
        namespaces: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
      },
      additionalProperties: false,
    },
    defaultOptions: {},
    docs: {
      summary: 'What the PodSecurity admission plugin does to a pod or a workload\'s pods, from its namespace\'s Pod Security Standards level and version.',
      rationale:
        'Every API server since Kubernetes 1.25 runs the PodSecurity admission plugin. It judges each pod against one of the three Pod Security Standards — `privileged` (no restriction), `baseline` (no known privilege escalation: no privileged containers, host namespaces, hostPath volumes, host ports, added capabilities beyond the default set, unsafe sysctls, Unconfined AppArmor or seccomp, custom SELinux users or types, unmasked /proc, Windows HostProcess, and from v1.34 no host in probes and lifecycle handlers) and `restricted` (baseline plus: allowPrivilegeEscalation false, runAsNonRoot true, no runAsUser 0, seccomp RuntimeDefault or Localhost, drop ALL capabilities, only configMap/csi/downwardAPI/emptyDir/ephemeral/image/persistentVolumeClaim/projected/secret volumes). ' +
        'The level comes from the labels of the pod\'s Namespace: `pod-security.kubernetes.io/enforce` (a violating pod is rejected), `…/warn` (kubectl prints a warning) and `…/audit` (the audit log records it), each with a `…/<mode>-version` label pinning the policy version (`v1.N` or `latest`); a mode without a label takes the cluster\'s default (privileged unless the admission configuration says otherwise). ' +
        'Each version of the policy is the set of checks as they stood in that Kubernetes minor: checks were added (allowPrivilegeEscalation v1.8, seccomp fields v1.19, drop ALL v1.22, runAsUser v1.23, host probes v1.34), relaxed (safe sysctls v1.27, v1.29, v1.32; SELinux container_engine_t v1.31; Windows pods exempt from the Linux-only checks v1.25; pods with hostUsers: false exempt from runAsNonRoot and runAsUser, and from procMount under baseline, v1.35). `latest`, and any version newer than the API server, mean the newest the server knows, so `latest` follows --kubernetes-version. An invalid label value makes the API server reject the Namespace; pods in a namespace that has one anyway are judged as restricted:latest for enforce. ' +
        'A Pod is rejected under enforce (error), warned about under warn (warning, only when enforce admits it) and recorded under audit (info). A Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job or CronJob is itself admitted — the plugin only warns about its template — but every pod its controller then creates is judged like a Pod: under enforce they are all forbidden, the controller records FailedCreate events and no pod ever runs, so podlint reports that as an error on the template. Namespaces and runtimeClassNames listed as exemptions are not judged. Each failed check is one finding, at the field that fails it. ' +
        `The checks, with the policy versions at which they changed: ${PSA_CHECKS.map((c) => `${c.id} (${c.level}) — ${c.summary}`).join('; ')}.`,
      remediation:
        'Fix the fields the message names (the restricted profile of a container: `securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}`), or, if the workload really needs the access, run it in a namespace labelled for a lower level. Tell podlint the level with Namespace objects in the same run, `--pod-security LEVEL[:VERSION]` (and `warn=` / `audit=`), or `podSecurity:` in .podlint.yaml.',
      example: {
        before: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: cart\n  namespace: shop\nspec:\n  containers:\n    - name: cart\n      image: shop/cart:1.4',
        after:
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cart\n  namespace: shop\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: cart\n      image: shop/cart:1.4\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop: [ALL]',
      },
      peers: {
        kubeLinter: ['privileged-container', 'run-as-non-root', 'sensitive-host-mounts', 'host-network', 'host-pid', 'host-ipc', 'privilege-escalation-container', 'unsafe-sysctls'],
        kubeScore: ['container-security-context-privileged', 'container-security-context-user-group-id'],
        polaris: ['privilegeEscalationAllowed', 'runAsRootAllowed', 'runAsPrivileged', 'hostNetworkSet', 'hostPIDSet', 'hostIPCSet', 'hostPortSet', 'insecureCapabilities'],
      },
      source: 'staging/src/k8s.io/pod-security-admission: policy/check_*.go, policy/registry.go, api/helpers.go, admission/admission.go',
    },
  },
  object(target, ctx) {
    if (target.kind !== 'Namespace' || target.apiVersion !== 'v1') return;
    const labels = target.object.metadata?.labels;
    if (!isRecord(labels)) return;
    const psa: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(labels)) if (k.startsWith(PSA_LABEL_PREFIX)) psa[k] = v;
    for (const e of policyToEvaluate(psa, PRIVILEGED_POLICY).errors) {
      ctx.report({
        messageId: 'invalidLabel',
        path: `/metadata/labels/${e.label.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        data: { message: invalidMsg(`metadata.labels[${e.label}]`, renderScalar(e.value), e.detail) },
      });
    }
  },
  podSpec(target, ctx) {
    const judged = judgePodSecurity(target, ctx.options, ctx.kubernetesVersion.minor);
    if (!judged) return;
    const { policy, results } = judged;
    const kind = target.owner.kind;
    const reported = new Set<string>();
    // Enforce: a Pod is rejected; a workload is admitted, but the pods its controller creates are not.
    const enforced = NO_CONTROLLER_KINDS.has(kind) ? [] : results.enforce;
    for (const f of enforced) {
      reported.add(f.checkId);
      ctx.report({
        messageId: target.template ? 'enforceTemplate' : 'enforcePod',
        path: f.path,
        severity: 'error',
        data: { policy: levelVersionString(policy.enforce), violation: violationText(f), kind },
      });
    }
    // Warn: the plugin adds warnings only to a request it admits (a rejected Pod gets none).
    if (target.template || !enforced.length) {
      for (const f of results.warn) {
        if (reported.has(f.checkId)) continue;
        reported.add(f.checkId);
        ctx.report({ messageId: 'warn', path: f.path, severity: 'warning', data: { policy: levelVersionString(policy.warn), violation: violationText(f) } });
      }
    }
    for (const f of results.audit) {
      if (reported.has(f.checkId)) continue;
      ctx.report({ messageId: 'audit', path: f.path, severity: 'info', data: { policy: levelVersionString(policy.audit), violation: violationText(f) } });
    }
  },
});
