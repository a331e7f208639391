import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'deprecated-crd-version',
    category: 'schema',
    severity: 'warning',
    messages: { deprecated: '{{message}}' },
    docs: {
      summary: 'A custom resource uses a version its CRD marks as deprecated.',
      rationale:
        'A CRD version with `deprecated: true` is still served, but the API server answers every request for it with a warning (the version\'s `deprecationWarning`, or `<group>/<version> <Kind> is deprecated; use <group>/<newer version> <Kind>`), and the version is likely to stop being served in a later release of the operator.',
      remediation: 'Move the object to the newer version the message names, adapting the fields that changed between versions.',
      source: 'apiextensions-apiserver pkg/apiserver/customresource_handler.go (defaultDeprecationWarning)',
    },
  },
  object(_target, ctx) {
    for (const p of ctx.schemaProblems() ?? []) {
      if (p.type === 'crd-version') ctx.report({ messageId: 'deprecated', path: p.path, data: { message: p.message } });
    }
  },
});
