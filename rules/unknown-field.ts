import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'unknown-field',
    category: 'schema',
    severity: 'error',
    messages: {
      unknown: '{{message}}',
      unknownWithSuggestion: '{{message}} — did you mean "{{suggestion}}"?',
    },
    docs: {
      summary: 'A field that the schema of the object does not have.',
      rationale:
        'With kubectl\'s default --validate=strict (kubectl 1.27 and later) the API server decodes the object strictly and rejects any field its type does not declare, at any depth; field names are case-sensitive. Older clients, or --validate=false, let the API server drop the field silently instead: a misspelt `imagePullPolicy` or `resources` then has no effect at all, and nothing tells you.',
      remediation:
        'Fix the spelling (podlint suggests the closest known field), move the field to the level where it belongs, or remove it. `podlint explain <kind>.<path>` lists the fields a level accepts.',
      example: {
        before: 'apiVersion: v1\nkind: ReplicationController\nmetadate:\n  name: web',
        after: 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web',
      },
      source: 'k8s.io/apimachinery pkg/runtime/serializer/json (strict decoding, sigs.k8s.io/json); messages as k8s.io/kube-openapi pkg/util/proto/validation',
    },
  },
  object(_target, ctx) {
    for (const p of ctx.schemaProblems() ?? []) {
      if (p.type !== 'unknown-field') continue;
      if (p.suggestion !== undefined) {
        ctx.report({ messageId: 'unknownWithSuggestion', path: p.path, at: 'key', data: { message: p.message, suggestion: p.suggestion } });
      } else {
        ctx.report({ messageId: 'unknown', path: p.path, at: 'key', data: { message: p.message } });
      }
    }
  },
});
