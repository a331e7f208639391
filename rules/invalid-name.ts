import { defineRule } from '../src/engine/rule.js';
import { groupOf } from '../src/engine/kinds.js';
import { isRecord } from '../src/k8s/podspec.js';
import {
  CRONJOB_NAME_MAX_LENGTH,
  CRONJOB_NAME_TOO_LONG,
  goQuote,
  invalidMsg,
  LABEL_VALUE_MAX_LENGTH,
  maxLenError,
  NAME_OR_GENERATE_NAME_REQUIRED,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  requiredMsg,
  type NameValidator,
} from '../src/k8s/validation.js';

/**
 * Which name rule each kind's ValidateObjectMeta call uses. StatefulSets use DNS labels since 1.27
 * (kubernetes#114172, ValidateStatefulSetName); Namespaces use ValidateNamespaceName (DNS label).
 * Kinds not listed (custom resources, RBAC, …) have their own rules and are only checked for a missing name.
 */
const NAME_RULES: Record<string, { groups: string[]; rule: 'subdomain' | 'label' | 'dns1035' }> = {
  Pod: { groups: [''], rule: 'subdomain' },
  PodTemplate: { groups: [''], rule: 'subdomain' },
  ReplicationController: { groups: [''], rule: 'subdomain' },
  ConfigMap: { groups: [''], rule: 'subdomain' },
  Secret: { groups: [''], rule: 'subdomain' },
  ServiceAccount: { groups: [''], rule: 'subdomain' },
  PersistentVolumeClaim: { groups: [''], rule: 'subdomain' },
  Namespace: { groups: [''], rule: 'label' },
  Service: { groups: [''], rule: 'dns1035' },
  ReplicaSet: { groups: ['apps', 'extensions'], rule: 'subdomain' },
  Deployment: { groups: ['apps', 'extensions'], rule: 'subdomain' },
  DaemonSet: { groups: ['apps', 'extensions'], rule: 'subdomain' },
  StatefulSet: { groups: ['apps'], rule: 'label' },
  Job: { groups: ['batch'], rule: 'subdomain' },
  CronJob: { groups: ['batch'], rule: 'subdomain' },
};
const VALIDATORS: Record<'subdomain' | 'label' | 'dns1035', NameValidator> = { subdomain: nameIsDNSSubdomain, label: nameIsDNSLabel, dns1035: nameIsDNS1035Label };
const RULE_TEXT = { subdomain: 'a DNS subdomain', label: 'a DNS label', dns1035: 'a DNS-1035 label' };
/**
 * Gate RelaxedServiceNameValidation (alpha in 1.34) lets Service names be DNS labels; podlint applies
 * the DNS-1035 rule only up to 1.34, the last version whose default it knows.
 */
const SERVICE_DNS1035_LAST_MINOR = 34;
/** The Job controller labels every pod with `batch.kubernetes.io/job-name: <job name>` (pkg/registry/batch/job/strategy.go), a label value of at most 63 characters. */
const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

export default defineRule({
  meta: {
    id: 'invalid-name',
    category: 'rejected',
    severity: 'error',
    messages: {
      required: '{{message}}',
      invalid: '{{message}} ({{kind}} names must be {{rule}})',
      generateName: '{{message}}',
      namespace: '{{message}}',
      cronJobTooLong: '{{message}} — the CronJob controller appends an 11-character suffix to name the Jobs it creates',
      jobTooLong: 'metadata.name: the name has {{length}} characters, but it becomes the value of the pod label {{label}}, which {{detail}}: the API server rejects the Job',
    },
    docs: {
      summary: 'An object name, generateName or namespace the API server rejects (wrong syntax or length for the kind, or missing).',
      rationale:
        'Every object needs `metadata.name` (or `generateName` for `kubectl create`): without one the request fails with `metadata.name: Required value: name or generateName is required`. Most names must be DNS subdomains (lower-case alphanumerics, `-` and `.`, at most 253 characters) — `Web_App` or `my app` are rejected. Some kinds are stricter: StatefulSet and Namespace names must be DNS labels (no dots, at most 63 characters) because they become host names; Service names must be DNS-1035 labels (start with a letter); CronJob names may have at most 52 characters because the controller appends a timestamp suffix; a Job name becomes a pod label value, so it may have at most 63 characters.',
      remediation: 'Use lower-case letters, digits and `-` (and `.` where the kind allows it), start and end with an alphanumeric character, and stay within the length limit.',
      example: { before: 'kind: Deployment\nmetadata:\n  name: My_Web', after: 'kind: Deployment\nmetadata:\n  name: my-web' },
      source: 'staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMetaAccessor), staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go, pkg/apis/apps/validation/validation.go (ValidateStatefulSetName), pkg/apis/batch/validation/validation.go (ValidateCronJobCreate)',
    },
  },
  object(info, ctx) {
    const md = info.object.metadata as unknown;
    const name = isRecord(md) ? md.name : undefined;
    const generateName = isRecord(md) ? md.generateName : undefined;
    const hasName = typeof name === 'string' && name !== '';
    const hasGenerate = typeof generateName === 'string' && generateName !== '';
    if (!hasName && !hasGenerate && (name === undefined || name === null || name === '')) {
      ctx.report({ messageId: 'required', path: '/metadata/name', data: { message: requiredMsg('metadata.name', NAME_OR_GENERATE_NAME_REQUIRED) } });
    }
    const entry = NAME_RULES[info.kind];
    const group = groupOf(info.apiVersion);
    if (entry && entry.groups.includes(group) && !(info.kind === 'Service' && ctx.kubernetesVersion.minor > SERVICE_DNS1035_LAST_MINOR)) {
      const validate = VALIDATORS[entry.rule];
      if (hasName) {
        for (const d of validate(name as string, false)) {
          ctx.report({ messageId: 'invalid', path: '/metadata/name', data: { message: invalidMsg('metadata.name', goQuote(name as string), d), kind: info.kind, rule: RULE_TEXT[entry.rule] } });
        }
        if (info.kind === 'CronJob' && (name as string).length > CRONJOB_NAME_MAX_LENGTH) {
          ctx.report({ messageId: 'cronJobTooLong', path: '/metadata/name', data: { message: invalidMsg('metadata.name', goQuote(name as string), CRONJOB_NAME_TOO_LONG) } });
        }
        if (info.kind === 'Job' && (name as string).length > LABEL_VALUE_MAX_LENGTH) {
          ctx.report({ messageId: 'jobTooLong', path: '/metadata/name', data: { length: (name as string).length, label: JOB_NAME_LABEL, detail: maxLenError(LABEL_VALUE_MAX_LENGTH) } });
        }
      } else if (hasGenerate) {
        for (const d of validate(generateName as string, true)) {
          ctx.report({ messageId: 'generateName', path: '/metadata/generateName', data: { message: invalidMsg('metadata.generateName', goQuote(generateName as string), d) } });
        }
      }
    }
    const ns = isRecord(md) ? md.namespace : undefined;
    if (typeof ns === 'string' && ns !== '') {
      for (const d of nameIsDNSLabel(ns, false)) ctx.report({ messageId: 'namespace', path: '/metadata/namespace', data: { message: invalidMsg('metadata.namespace', goQuote(ns), d) } });
    }
  },
});
