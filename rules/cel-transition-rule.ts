import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'cel-transition-rule',
    category: 'schema',
    severity: 'info',
    messages: { skipped: '{{message}}' },
    docs: {
      summary: 'A CRD validation rule that cannot be judged offline: it compares with the previous object (oldSelf), or uses CEL optional types.',
      rationale:
        'Transition rules (`self == oldSelf`, immutability and ratcheting rules) are evaluated by the API server only on update, against the object already stored. A manifest has no previous version, so podlint does not guess: it says once per rule and run that the rule was not evaluated. Rules written with CEL optional types (`self.?field.orValue(…)`, `[?key]`, `optional.of`) are not evaluated either: podlint\'s CEL evaluator does not support them, and it says so rather than guess.',
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
