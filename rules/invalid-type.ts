import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'invalid-type',
    category: 'schema',
    severity: 'error',
    messages: { invalid: '{{message}}' },
    docs: {
      summary: 'A value whose JSON type does not fit the field.',
      rationale:
        'The API server decodes JSON into Go types and refuses a value that does not fit: text where a number or boolean is expected (`replicas: "3"`, `hostNetwork: "yes"`), a number or boolean where text is expected (a label value `version: 1.0` or an image tag `image: 123`), a fraction for an integer, a number too large for an int32, a list where a map is expected, text that is not base64 in a Secret\'s `data`. kubectl\'s client-side validator lets any scalar through where a string is expected, so these errors surface only when the request reaches the cluster.',
      remediation:
        'Write the value with the type the field expects; quote numbers and booleans meant as text (`version: "1.0"`, `enabled: "true"`), and leave numbers unquoted where a number is expected.',
      example: {
        before: 'spec:\n  replicas: "3"\n  template:\n    metadata:\n      labels:\n        version: 1.0',
        after: 'spec:\n  replicas: 3\n  template:\n    metadata:\n      labels:\n        version: "1.0"',
      },
      source: 'k8s.io/apimachinery pkg/runtime/serializer/json (sigs.k8s.io/json decoding into the Go types of k8s.io/api); messages as k8s.io/kube-openapi pkg/util/proto/validation',
    },
  },
  object(_target, ctx) {
    for (const p of ctx.schemaProblems() ?? []) {
      if (p.type === 'invalid-type') ctx.report({ messageId: 'invalid', path: p.path, at: 'value', data: { message: p.message } });
    }
  },
});
