/** The rule registry: the engine's own checks and every rule from rules/index.ts, by id. */
import { rules } from '../../rules/index.js';
import { BUILTIN_CHECKS } from './builtin.js';
import type { Rule } from './rule.js';

const all: readonly Rule<string, any>[] = [...BUILTIN_CHECKS, ...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
const byId = new Map<string, Rule<string, any>>(all.map((r) => [r.meta.id, r]));

/** Every rule and engine check, sorted by id. */
export function allRules(): readonly Rule<string, any>[] {
  return all;
}

export function getRule(id: string): Rule<string, any> | undefined {
  return byId.get(id);
}
