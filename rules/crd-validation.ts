import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'crd-validation',
    category: 'schema',
    severity: 'error',
    messages: { invalid: '{{message}}' },
    docs: {
      summary: 'A custom resource value that its CustomResourceDefinition\'s schema refuses.',
      rationale:
        'The API server validates a custom resource against the structural schema of its CRD version before storing it: enum (`Unsupported value`), pattern, minimum and maximum (also exclusive), multipleOf, minLength and maxLength, minItems and maxItems, minProperties and maxProperties, x-kubernetes-list-type set and map uniqueness (`Duplicate value`), after applying the schema\'s defaults. Any violation rejects the whole object, with the message shown here. podlint checks it offline when the CRD is part of the run, given with `--crd`, or listed under `crds:` in the configuration.',
      remediation: 'Change the value to one the schema allows; `podlint explain <kind>.<field>` shows the field\'s description from the CRD.',
      example: {
        before: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  rules:\n  - matches:\n    - path:\n        type: FooBar\n        value: /',
        after: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /',
      },
      source: 'k8s.io/kube-openapi pkg/validation/validate and pkg/validation/errors; apiextensions-apiserver pkg/apiserver/validation/validation.go (kubeOpenAPIResultToFieldErrors), pkg/apiserver/schema/listtype',
    },
  },
  object(_target, ctx) {
    for (const p of ctx.schemaProblems() ?? []) {
      if (p.type === 'crd-value') ctx.report({ messageId: 'invalid', path: p.path, at: p.at ?? 'value', data: { message: p.message } });
    }
  },
});
