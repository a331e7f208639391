import { defineRule } from '../src/engine/rule.js';
import { joinPointer } from '../src/source/locate.js';

export default defineRule({
  meta: {
    id: 'required-field',
    category: 'schema',
    severity: 'error',
    messages: { missing: '{{message}}' },
    docs: {
      summary: 'A field that the schema marks as required is missing.',
      rationale:
        'The OpenAPI schema of every built-in kind names the fields an object cannot do without: a Pod spec without `containers`, a ReplicaSet without `selector`, a container without `name`. kubectl refuses such a manifest ("missing required field") and the API server\'s validation would refuse it anyway.',
      remediation: 'Add the missing field at the level shown. `podlint explain <kind>.<path>` shows what the field holds.',
      example: {
        before: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx',
        after: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx',
      },
      source: 'the `required` lists of the Kubernetes OpenAPI document (api/openapi-spec/swagger.json); message as k8s.io/kube-openapi pkg/util/proto/validation',
    },
  },
  object(_target, ctx) {
    for (const p of ctx.schemaProblems() ?? []) {
      if (p.type !== 'required' || p.field === undefined) continue;
      ctx.report({ messageId: 'missing', path: p.path + joinPointer(p.field), data: { message: p.message } });
    }
  },
});
