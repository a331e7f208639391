import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'cel-transition-rule',
    category: 'schema',
    severity: 'info',
    messages: { skipped: '{{message}}' },
    docs: {
      summary: 'A CRD validation rule compares with the previous object (oldSelf) and cannot be judged offline.',
      rationale:
        'Transition rules (`self == oldSelf`, immutability and ratcheting rules) are evaluated by the API server only on update, against the object already stored. A manifest has no previous version, so podlint does not guess: it says once per rule and run that the rule was not evaluated.',
      remediation: 'Nothing to fix. Keep in mind that the field may not be changed (or only in the way the rule allows) once the object exists.',
      source: 'apiextensions-apiserver pkg/apiserver/schema/cel/validation.go (transition rules are evaluated only with an old object)',
    },
  },
  object(_target, ctx) {
    for (const p of ctx.schemaProblems() ?? []) {
      if (p.type === 'cel-transition') ctx.report({ messageId: 'skipped', path: p.path, at: 'key', data: { message: p.message } });
    }
  },
});
