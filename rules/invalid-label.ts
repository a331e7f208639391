import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { childPointer, fieldPath, isRecord } from '../src/k8s/podspec.js';
import { annotationKeyProblems, annotationsSize, goQuote, invalidMsg, labelProblems, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES, tooLongMsg } from '../src/k8s/validation.js';
import { getAt } from '../src/source/locate.js';

type M = 'labelKey' | 'labelValue' | 'annotationKey' | 'annotationsTooLong';

export default defineRule({
  meta: {
    id: 'invalid-label',
    category: 'rejected',
    severity: 'error',
    messages: {
      labelKey: '{{message}}',
      labelValue: '{{message}}',
      annotationKey: '{{message}}',
      annotationsTooLong: '{{message}} (the annotations hold {{size}} bytes)',
    },
    docs: {
      summary: 'Label keys, label values or annotation keys that are not valid Kubernetes syntax (on the object or its pod template).',
      rationale:
        'Label keys and annotation keys are qualified names: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters made of alphanumerics, `-`, `_` and `.`, starting and ending with an alphanumeric. Label values follow the same rule for the name part (and may be empty). Values such as `my app`, `v1.0-`, or a 70-character commit message make the API server reject the whole object (`metadata.labels: Invalid value: "my app": a valid label must be an empty string or consist of …`), and labels in a pod template are checked the same way. The annotations of one object may not exceed 256 KiB in total.',
      remediation: 'Shorten or sanitize the key or value (replace spaces and other characters with `-`, trim leading or trailing punctuation); move long free text into an annotation value.',
      example: { before: 'metadata:\n  labels:\n    release: v1.0 beta', after: 'metadata:\n  labels:\n    release: v1.0-beta' },
      source: 'staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabels), staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateAnnotations), staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go',
    },
  },
  object(info, ctx) {
    checkMeta(info.object.metadata, '/metadata', ctx);
    if (info.kind === 'CronJob') checkMeta(getAt(info.object, '/spec/jobTemplate/metadata'), '/spec/jobTemplate/metadata', ctx);
  },
  podSpec(target, ctx) {
    if (target.template) checkMeta(target.metadata, target.metadataPath, ctx);
  },
});

function checkMeta(md: unknown, mdPath: string, ctx: RuleContext<M, Record<string, never>>): void {
  if (!isRecord(md)) return;
  if (isRecord(md.labels)) {
    const pointer = `${mdPath}/labels`;
    for (const p of labelProblems(md.labels)) {
      ctx.report({
        messageId: p.part === 'key' ? 'labelKey' : 'labelValue',
        path: childPointer(pointer, p.key),
        at: p.part === 'key' ? 'key' : 'value',
        data: { message: invalidMsg(fieldPath(pointer), goQuote(p.bad), p.detail) },
      });
    }
  }
  if (isRecord(md.annotations)) {
    const pointer = `${mdPath}/annotations`;
    for (const p of annotationKeyProblems(md.annotations)) {
      ctx.report({ messageId: 'annotationKey', path: childPointer(pointer, p.key), at: 'key', data: { message: invalidMsg(fieldPath(pointer), goQuote(p.bad), p.detail) } });
    }
    const size = annotationsSize(md.annotations);
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
      ctx.report({ messageId: 'annotationsTooLong', path: pointer, data: { message: tooLongMsg(fieldPath(pointer), TOTAL_ANNOTATION_SIZE_LIMIT_BYTES), size } });
    }
  }
}
