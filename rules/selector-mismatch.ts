import { defineRule } from '../src/engine/rule.js';
import { groupOf } from '../src/engine/kinds.js';
import { isRecord } from '../src/k8s/podspec.js';
import { formatSelector, matchesLabelSelector, matchesMapSelector, SELECTOR_OPERATORS, type LabelSelector, type Labels } from '../src/k8s/selector.js';
import { invalidMsg, JSON_BAD_VALUES_SINCE_MINOR, renderStringMap, requiredMsg } from '../src/k8s/validation.js';

/** The detail of the mismatch error (ValidatePodTemplateSpecForRC, ValidatePodTemplateSpecForReplicaSet, …). */
const MISMATCH_DETAIL = '`selector` does not match template `labels`';
/** apps validation: the word each kind uses in `empty selector is invalid for <kind>` (ReplicaSet reuses "deployment"). */
const EMPTY_SELECTOR_KIND: Record<string, string> = { Deployment: 'deployment', ReplicaSet: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };
const APPS_GROUPS = new Set(['apps', 'extensions']);

export default defineRule({
  meta: {
    id: 'selector-mismatch',
    category: 'rejected',
    severity: 'error',
    fixable: true,
    supersedes: ['required-field'],
    messages: {
      mismatch: '{{message}} — the selector {{selector}} does not select the pods this {{kind}} creates',
      required: '{{message}} — apps/v1 {{kind}}s do not take their selector from the template labels',
      empty: '{{message}} — an empty selector would select every pod in the namespace',
      rcRequired: '{{message}} — the selector can only default to the template labels, and the template has none',
    },
    docs: {
      summary: "A controller's selector does not match its pod template's labels, or is missing or empty.",
      rationale:
        'A controller counts and manages the pods its selector matches, and creates pods from its template. If the template labels do not satisfy the selector, every pod it created would immediately be foreign to it and it would create more without end — so the API server rejects the object: `spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`` (from Kubernetes 1.34 the value is printed as JSON). A ReplicationController whose selector is absent or empty takes the template labels as its selector, so it only fails when the template has no labels either (`spec.selector: Required value`). ReplicaSets, Deployments, StatefulSets and DaemonSets in apps/v1 have no such default: a missing selector is `Required value`, and an empty one (`{}`) is refused because it would select every pod. Jobs with `manualSelector: true` follow the same matching rule. matchExpressions are evaluated like the API server does: In and NotIn compare values, NotIn and DoesNotExist also match pods without the key.',
      remediation:
        'Make the template labels a superset of the selector (or narrow the selector to labels the template has). For apps/v1 kinds, write the selector explicitly, usually `matchLabels` equal to the identifying template labels. Remember that apps/v1 selectors are immutable once created.',
      example: {
        before: 'spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: frontend',
        after: 'spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web',
      },
      peers: { kubeLinter: ['mismatching-selector'], kubeScore: ['deployment-pod-selector-labels-match-template-metadata-labels', 'statefulset-pod-selector-labels-match-template-metadata-labels'] },
      source: 'pkg/apis/core/validation/validation.go (ValidateReplicationControllerSpec, ValidatePodTemplateSpecForRC), pkg/apis/core/v1/defaults.go (SetDefaults_ReplicationController), pkg/apis/apps/validation/validation.go, pkg/apis/batch/validation/validation.go (ValidateJobSpec)',
    },
  },
  object(info, ctx) {
    const obj = info.object;
    const spec = obj.spec;
    if (!isRecord(spec)) return;
    const template = spec.template;
    if (!isRecord(template)) return;
    const md = template.metadata;
    const rawLabels = isRecord(md) && isRecord(md.labels) ? md.labels : undefined;
    const labels = rawLabels ? stringLabels(rawLabels) : undefined;
    const labelsPath = '/spec/template/metadata/labels';
    const version = ctx.kubernetesVersion;
    const group = groupOf(info.apiVersion);
    const mismatch = (selectorText: string) =>
      ctx.report({
        messageId: 'mismatch',
        path: labelsPath,
        data: { message: invalidMsg('spec.template.metadata.labels', renderStringMap(labels ?? null, version), MISMATCH_DETAIL), selector: selectorText, kind: info.kind },
      });

    if (info.kind === 'ReplicationController' && group === '') {
      const sel = spec.selector;
      if (!isRecord(sel) || Object.keys(sel).length === 0) {
        // SetDefaults_ReplicationController copies non-empty template labels into an empty selector.
        if (!labels || Object.keys(labels).length === 0) ctx.report({ messageId: 'rcRequired', path: '/spec/selector', data: { message: requiredMsg('spec.selector') } });
        return;
      }
      const selector = stringLabels(sel);
      if (!matchesMapSelector(selector, labels)) mismatch(formatSelector(selector));
      return;
    }

    const appsKind = APPS_GROUPS.has(group) && info.kind in EMPTY_SELECTOR_KIND;
    const manualJob = info.kind === 'Job' && group === 'batch' && spec.manualSelector === true;
    if (!appsKind && !manualJob) return;
    const sel = spec.selector;
    if (sel === undefined || sel === null) {
      if (!appsKind) return; // a Job's selector is generated; manualSelector without one is a different error
      const fix = labels && Object.keys(labels).length > 0 ? { path: '/spec/selector', op: 'set' as const, value: { matchLabels: { ...labels } } } : undefined;
      ctx.report({ messageId: 'required', path: '/spec/selector', data: { message: requiredMsg('spec.selector'), kind: info.kind }, ...(fix ? { fix } : {}) });
      return;
    }
    if (!isRecord(sel)) return;
    const matchLabels = isRecord(sel.matchLabels) ? stringLabels(sel.matchLabels) : undefined;
    const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
    if (Object.keys(matchLabels ?? {}).length + exprs.length === 0) {
      // Labels written straight under `selector` are unknown fields of a LabelSelector: unknown-field
      // reports them, and kubectl's strict decoding refuses them before the selector is found empty.
      if (appsKind && !Object.keys(sel).some((k) => k !== 'matchLabels' && k !== 'matchExpressions')) {
        ctx.report({
          messageId: 'empty',
          path: '/spec/selector',
          data: { message: invalidMsg('spec.selector', renderEmptySelector(sel, version.atLeast(JSON_BAD_VALUES_SINCE_MINOR)), `empty selector is invalid for ${EMPTY_SELECTOR_KIND[info.kind]}`) },
        });
      }
      return;
    }
    // A selector that does not convert (bad operator, missing values) is reported by invalid-selector instead.
    const selector = toLabelSelector(matchLabels, exprs);
    if (!selector) return;
    if (!matchesLabelSelector(selector, labels)) mismatch(formatSelector(selector));
  },
});

function stringLabels(m: Record<string, unknown>): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(m)) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = String(v);
  return out;
}

function toLabelSelector(matchLabels: Labels | undefined, exprs: unknown[]): LabelSelector | undefined {
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const e of exprs) {
    if (!isRecord(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return undefined;
    if (!(SELECTOR_OPERATORS as readonly string[]).includes(e.operator)) return undefined;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) return undefined;
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) return undefined;
    matchExpressions.push({ key: e.key, operator: e.operator, values });
  }
  return { matchLabels: matchLabels ?? {}, matchExpressions };
}

/** An empty LabelSelector as the API server prints it: Go syntax before 1.34, JSON after (field/errors.go). */
function renderEmptySelector(sel: Record<string, unknown>, json: boolean): string {
  if (json) return '{}';
  const ml = isRecord(sel.matchLabels) ? 'map[string]string{}' : 'map[string]string(nil)';
  const me = Array.isArray(sel.matchExpressions) ? '[]v1.LabelSelectorRequirement{}' : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

