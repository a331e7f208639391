/**
 * One defect, one finding: where two rules say the same thing about the same node, the more precise one
 * declares `supersedes` in its meta (see RuleMeta.supersedes) and the other's finding at that object and
 * path is dropped. A rule that is off reports nothing and so supersedes nothing.
 */
import type { Rule } from './rule.js';

/** Rule id → the rule ids it supersedes, for the rules that run; undefined when none declares any. */
export function supersessions(rules: readonly Rule<string, any>[]): Map<string, ReadonlySet<string>> | undefined {
  const map = new Map<string, ReadonlySet<string>>();
  for (const r of rules) if (r.meta.supersedes?.length) map.set(r.meta.id, new Set(r.meta.supersedes));
  return map.size ? map : undefined;
}

/**
 * Drop, from `list[from..]` (the findings of one object), those superseded by another finding of the
 * list at the same path. Keeps the order of the rest.
 */
export function dropSuperseded<F extends { ruleId: string; path: string }>(list: F[], from: number, by: ReadonlyMap<string, ReadonlySet<string>>): void {
  let dropped: Map<string, Set<string>> | undefined;
  for (let i = from; i < list.length; i++) {
    const f = list[i]!;
    const ids = by.get(f.ruleId);
    if (!ids) continue;
    dropped ??= new Map();
    let at = dropped.get(f.path);
    if (!at) dropped.set(f.path, (at = new Set()));
    for (const id of ids) at.add(id);
  }
  if (!dropped) return;
  let w = from;
  for (let i = from; i < list.length; i++) {
    const f = list[i]!;
    if (dropped.get(f.path)?.has(f.ruleId)) continue;
    list[w++] = f;
  }
  list.length = w;
}
