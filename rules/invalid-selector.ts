import { defineRule } from '../src/engine/rule.js';
import { groupOf } from '../src/engine/kinds.js';
import { childPointer, fieldPath, isRecord } from '../src/k8s/podspec.js';
import { SELECTOR_OPERATORS } from '../src/k8s/selector.js';
import { forbiddenMsg, goQuote, invalidMsg, isQualifiedName, isValidLabelValue, labelProblems, requiredMsg } from '../src/k8s/validation.js';

/** ValidateLabelSelectorRequirement, apimachinery pkg/apis/meta/v1/validation/validation.go. */
const VALUES_REQUIRED = "must be specified when `operator` is 'In' or 'NotIn'";
const VALUES_FORBIDDEN = "may not be specified when `operator` is 'Exists' or 'DoesNotExist'";
const NOT_A_VALID_OPERATOR = 'not a valid selector operator';
const LABEL_SELECTOR_KINDS: Record<string, string[]> = {
  ReplicaSet: ['apps', 'extensions'],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  Job: ['batch'],
};

export default defineRule({
  meta: {
    id: 'invalid-selector',
    category: 'rejected',
    severity: 'error',
    messages: {
      valuesRequired: '{{message}}',
      valuesForbidden: '{{message}}',
      badOperator: '{{message}} (use In, NotIn, Exists or DoesNotExist)',
      badKey: '{{message}}',
      badValue: '{{message}}',
    },
    docs: {
      summary: 'A label selector the API server cannot parse: bad operator, values where none are allowed or none where some are needed, or keys and values that are not label syntax.',
      rationale:
        'A controller selector is validated before anything else: each matchExpressions entry needs an operator of In, NotIn, Exists or DoesNotExist; In and NotIn need at least one value, Exists and DoesNotExist take none; keys must be label keys and values label values (63 characters at most, alphanumerics, `-`, `_`, `.`). A ReplicationController selector is a plain label map and follows the label rules. The API server rejects the object with messages such as `spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\'`.',
      remediation: 'Fix the operator spelling (operators are case-sensitive), add values for In/NotIn or remove them for Exists/DoesNotExist, and use label syntax for keys and values.',
      example: {
        before: 'selector:\n  matchExpressions:\n  - key: tier\n    operator: in\n    values: [web]',
        after: 'selector:\n  matchExpressions:\n  - key: tier\n    operator: In\n    values: [web]',
      },
      peers: { kubeLinter: ['mismatching-selector'] },
      source: 'staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector, ValidateLabels), pkg/apis/core/validation/validation.go (ValidateReplicationControllerSpec)',
    },
  },
  object(info, ctx) {
    const spec = info.object.spec;
    if (!isRecord(spec) || !isRecord(spec.selector)) return;
    const group = groupOf(info.apiVersion);
    const reportLabels = (map: Record<string, unknown>, pointer: string) => {
      for (const p of labelProblems(map)) {
        ctx.report({
          messageId: p.part === 'key' ? 'badKey' : 'badValue',
          path: childPointer(pointer, p.key),
          at: p.part === 'key' ? 'key' : 'value',
          data: { message: invalidMsg(fieldPath(pointer), goQuote(p.bad), p.detail) },
        });
      }
    };
    if (info.kind === 'ReplicationController' && group === '') {
      reportLabels(spec.selector, '/spec/selector');
      return;
    }
    if (!LABEL_SELECTOR_KINDS[info.kind]?.includes(group)) return;
    const sel = spec.selector;
    if (isRecord(sel.matchLabels)) reportLabels(sel.matchLabels, '/spec/selector/matchLabels');
    if (!Array.isArray(sel.matchExpressions)) return;
    sel.matchExpressions.forEach((e: unknown, i: number) => {
      if (!isRecord(e)) return;
      const base = `/spec/selector/matchExpressions/${i}`;
      const values = Array.isArray(e.values) ? e.values : [];
      const op = e.operator;
      if (typeof op === 'string') {
        if (op === 'In' || op === 'NotIn') {
          if (values.length === 0) ctx.report({ messageId: 'valuesRequired', path: `${base}/values`, data: { message: requiredMsg(fieldPath(`${base}/values`), VALUES_REQUIRED) } });
        } else if (op === 'Exists' || op === 'DoesNotExist') {
          if (values.length > 0) ctx.report({ messageId: 'valuesForbidden', path: `${base}/values`, at: 'key', data: { message: forbiddenMsg(fieldPath(`${base}/values`), VALUES_FORBIDDEN) } });
        } else if (!(SELECTOR_OPERATORS as readonly string[]).includes(op)) {
          ctx.report({ messageId: 'badOperator', path: `${base}/operator`, data: { message: invalidMsg(fieldPath(`${base}/operator`), goQuote(op), NOT_A_VALID_OPERATOR) } });
        }
      }
      if (typeof e.key === 'string') {
        for (const d of isQualifiedName(e.key)) ctx.report({ messageId: 'badKey', path: `${base}/key`, data: { message: invalidMsg(fieldPath(`${base}/key`), goQuote(e.key), d) } });
      }
      if (op === 'In' || op === 'NotIn') {
        values.forEach((v: unknown, j: number) => {
          if (typeof v !== 'string') return;
          for (const d of isValidLabelValue(v)) ctx.report({ messageId: 'badValue', path: `${base}/values/${j}`, data: { message: invalidMsg(fieldPath(`${base}/values/${j}`), goQuote(v), d) } });
        });
      }
    });
  },
});
