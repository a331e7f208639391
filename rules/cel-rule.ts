import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'cel-rule',
    category: 'schema',
    severity: 'error',
    messages: { failed: '{{message}}' },
    docs: {
      summary: 'A custom resource fails an x-kubernetes-validations (CEL) rule of its CRD.',
      rationale:
        'Modern CRDs carry validation rules written in CEL (`x-kubernetes-validations`): the API server evaluates every rule of the schema on each create and update, with `self` bound to the value at the rule\'s place in the schema, and rejects the object when a rule is false, reporting the rule\'s `message` (or `messageExpression`, or `failed rule: <rule>`) at the field, or at `fieldPath`, with the `reason` chosen by the rule. A rule that fails to evaluate (`no such key`) rejects the object too, and rules whose cost exceeds the API server\'s limits stop validation. podlint evaluates the rules offline with the Kubernetes CEL libraries (lists, strings, regex, URLs, quantities, IPs and CIDRs) and enforces the same cost limits; the objects of a type error are not evaluated, as the API server does not evaluate them.',
      remediation: 'Change the object so that the rule holds; the rule\'s message says what it expects. The rule itself is in the CRD (`podlint explain <kind>.<field>` shows the field).',
      example: {
        before: 'spec:\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: api',
        after: 'spec:\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /api',
      },
      source: 'apiextensions-apiserver pkg/apiserver/schema/cel/validation.go; k8s.io/apiserver pkg/cel/library',
    },
  },
  object(_target, ctx) {
    for (const p of ctx.schemaProblems() ?? []) {
      if (p.type === 'cel') ctx.report({ messageId: 'failed', path: p.path, at: 'key', data: { message: p.message } });
    }
  },
});
