import { defineRule } from '../src/engine/rule.js';
import { groupOf } from '../src/engine/kinds.js';
import { isRecord } from '../src/k8s/podspec.js';
import {
  FINALIZER_DELETE_DEPENDENTS,
  FINALIZER_NOT_QUALIFIED,
  FINALIZER_ORPHAN_DEPENDENTS,
  FINALIZER_PATH_WARNING_SINCE_MINOR,
  FINALIZER_WARNING_SINCE_MINOR,
  FINALIZERS_CONFLICT,
  goQuote,
  invalidMsg,
  isQualifiedName,
  PREFER_QUALIFIED_FINALIZER,
  PREFER_QUALIFIED_FINALIZER_PATH,
  renderStringList,
  STANDARD_FINALIZERS,
} from '../src/k8s/validation.js';

/**
 * The API groups whose kinds are validated with pkg/apis/core/validation's ValidateObjectMeta, which adds
 * validateKubeFinalizerName to the generic checks (core itself; apps and batch call it as apivalidation).
 * Other built-in groups are checked with the generic rules only.
 */
const CORE_VALIDATED_GROUPS = new Set(['', 'apps', 'batch']);

/** A custom resource: its group has a dot (CRD groups must) and is not one of Kubernetes' own `*.k8s.io` groups. */
function isCustomGroup(group: string): boolean {
  return group.includes('.') && !group.endsWith('k8s.io');
}

const FIELD = 'metadata.finalizers';
const POINTER = '/metadata/finalizers';

export default defineRule({
  meta: {
    id: 'invalid-finalizer',
    category: 'rejected',
    severity: 'error',
    messages: {
      invalid: '{{message}}',
      notQualified: '{{message}}',
      conflict: '{{message}}',
      preferQualified: '{{message}} (a warning: the API server accepts the object)',
    },
    docs: {
      summary: 'A finalizer name the API server rejects (or, on a custom resource, warns about).',
      rationale:
        'Every object\'s `metadata.finalizers` entries must be qualified names — an optional DNS-subdomain prefix and `/`, then a name of at most 63 alphanumerics, `-`, `_` and `.` — and `orphan` and `foregroundDeletion` may not be set together. Built-in kinds (Pods, controllers, Jobs, ConfigMaps …) also refuse a name without `/` unless it is one of the standard finalizers `kubernetes`, `orphan` or `foregroundDeletion` (`metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified`). A custom resource accepts such a name, but from Kubernetes 1.29 the API server answers every write with a warning, so that two controllers do not pick the same bare name and remove each other\'s finalizer. Repeating a finalizer is not an error.',
      remediation: 'Name finalizers `<your domain>/<name>`, e.g. `example.com/cleanup`; keep only one of `orphan` and `foregroundDeletion`.',
      example: { before: 'metadata:\n  name: web\n  finalizers:\n    - cleanup', after: 'metadata:\n  name: web\n  finalizers:\n    - example.com/cleanup' },
      source:
        'staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateFinalizers, ValidateFinalizerName), pkg/apis/core/validation/validation.go (ValidateObjectMeta, validateKubeFinalizerName), staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/validator.go and strategy.go (validateKubeFinalizerName warnings, generateWarningsFromObj)',
    },
  },
  object(info, ctx) {
    const md = info.object.metadata as unknown;
    // The common case: no finalizers, nothing to allocate.
    if (!isRecord(md) || md.finalizers === undefined) return;
    const list = md.finalizers;
    if (!Array.isArray(list)) return; // a type problem, reported by invalid-type
    const group = groupOf(info.apiVersion);
    const coreValidated = CORE_VALIDATED_GROUPS.has(group);
    let errors = 0;
    let orphanAt = -1;
    let foregroundAt = -1;
    list.forEach((name: unknown, i: number) => {
      if (typeof name !== 'string') return;
      const path = `${POINTER}/${i}`;
      // ValidateFinalizerName reports against the list itself, not the item.
      for (const d of isQualifiedName(name)) {
        ctx.report({ messageId: 'invalid', path, data: { message: invalidMsg(FIELD, goQuote(name), d) } });
        errors++;
      }
      if (coreValidated && !name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
        ctx.report({ messageId: 'notQualified', path, data: { message: invalidMsg(`${FIELD}[${i}]`, goQuote(name), FINALIZER_NOT_QUALIFIED) } });
        errors++;
      }
      if (name === FINALIZER_ORPHAN_DEPENDENTS && orphanAt < 0) orphanAt = i;
      if (name === FINALIZER_DELETE_DEPENDENTS && foregroundAt < 0) foregroundAt = i;
    });
    if (orphanAt >= 0 && foregroundAt >= 0) {
      const strings = list.filter((x): x is string => typeof x === 'string');
      ctx.report({ messageId: 'conflict', path: `${POINTER}/${Math.max(orphanAt, foregroundAt)}`, data: { message: invalidMsg(FIELD, renderStringList(strings, ctx.kubernetesVersion), FINALIZERS_CONFLICT) } });
      errors++;
    }
    // The warning comes only with an object the API server accepts (BeforeCreate validates first).
    const version = ctx.kubernetesVersion;
    if (errors > 0 || !isCustomGroup(group) || !version.atLeast(FINALIZER_WARNING_SINCE_MINOR)) return;
    const warned = new Set<string>();
    list.forEach((name: unknown, i: number) => {
      if (typeof name !== 'string' || name.includes('/') || STANDARD_FINALIZERS.has(name) || warned.has(name)) return;
      warned.add(name);
      const detail = version.atLeast(FINALIZER_PATH_WARNING_SINCE_MINOR) && name.includes('.') ? PREFER_QUALIFIED_FINALIZER_PATH : PREFER_QUALIFIED_FINALIZER;
      ctx.report({ messageId: 'preferQualified', path: `${POINTER}/${i}`, severity: 'warning', data: { message: `${FIELD}: ${goQuote(name)}: ${detail}` } });
    });
  },
});
