import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'invalid-crd',
    category: 'rejected',
    severity: 'error',
    messages: { invalid: '{{message}}' },
    docs: {
      summary: 'A CustomResourceDefinition that the API server refuses to create.',
      rationale:
        'The API server checks a CRD before installing it: every version needs a schema, exactly one version is the storage version, the schema must be structural (every field has a type, every array its items), patterns must be valid regular expressions, and every x-kubernetes-validations rule and messageExpression must compile, with a known reason. A refused CRD means none of its custom resources can be created either.',
      remediation: 'Fix the schema at the line shown; generated CRDs (controller-gen, kubebuilder markers) are best fixed in the Go markers and regenerated.',
      source: 'apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go, pkg/apiserver/schema/validation.go',
    },
  },
  object(_target, ctx) {
    for (const p of ctx.schemaProblems() ?? []) {
      if (p.type === 'crd-invalid') ctx.report({ messageId: 'invalid', path: p.path, at: p.at ?? 'value', data: { message: p.message } });
    }
  },
});
