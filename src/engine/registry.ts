/** The rule registry: every rule from rules/index.ts, by id. */
import { rules } from '../../rules/index.js';
import type { Rule } from './rule.js';

const byId = new Map<string, Rule<string, any>>(rules.map((r) => [r.meta.id, r]));

export function allRules(): readonly Rule<string, any>[] {
  return rules;
}

export function getRule(id: string): Rule<string, any> | undefined {
  return byId.get(id);
}
