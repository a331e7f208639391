/**
 * Label selectors: matching as staging/src/k8s.io/apimachinery/pkg/labels/selector.go and
 * pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector) define it.
 */

export type Labels = Record<string, string>;

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

/** The selector operators of metav1.LabelSelectorOperator. */
export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/**
 * Does a metav1.LabelSelector select these labels? A nil selector selects nothing and an empty one
 * everything (LabelSelectorAsSelector); NotIn and DoesNotExist also match an absent key.
 * An unknown operator selects nothing (the API server rejects it anyway).
 */
export function matchesLabelSelector(selector: LabelSelector | null | undefined, labels: Labels | null | undefined): boolean {
  if (selector === null || selector === undefined) return false;
  const l = labels ?? {};
  // (loops without intermediate arrays: an index asks this of thousands of objects)
  const ml = selector.matchLabels;
  for (const k in ml) {
    if (Object.prototype.hasOwnProperty.call(ml, k) && l[k] !== String(ml[k])) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, req.key);
    switch (req.operator) {
      case 'In':
        if (!has || !includesValue(req.values, l[req.key]!)) return false;
        break;
      case 'NotIn':
        if (has && includesValue(req.values, l[req.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * A ReplicationController's map selector (labels.SelectorFromSet): every pair must match.
 * An empty map selects everything, as SelectorFromSet does; the API server rejects an empty RC selector
 * once defaulting from the template labels has run.
 */
export function matchesMapSelector(selector: Labels | null | undefined, labels: Labels | null | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const k in selector) {
    if (Object.prototype.hasOwnProperty.call(selector, k) && l[k] !== String(selector[k])) return false;
  }
  return true;
}

/** Whether a requirement's values (compared as strings) hold `value`. */
function includesValue(values: readonly unknown[] | undefined, value: string): boolean {
  if (!values) return false;
  for (const v of values) if (String(v) === value) return true;
  return false;
}

/** Labels as kubectl prints them: `app=web,tier=api`, or `<none>`. */
export function formatLabels(l: Labels | undefined): string {
  return labelPairs(l) || '<none>';
}

/** `key=value` pairs joined by commas ('' for none). */
function labelPairs(l: Labels | undefined): string {
  let text = '';
  for (const k in l) if (Object.prototype.hasOwnProperty.call(l, k)) text += `${text ? ',' : ''}${k}=${l[k]}`;
  return text;
}

/** kubectl-style rendering of a selector: `app=web,env in (dev,prod),!canary`. */
export function formatSelector(selector: LabelSelector | Labels | null | undefined): string {
  if (!selector) return '<none>';
  const isLabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector;
  if (!isLabelSelector) return labelPairs(selector as Labels);
  const s = selector as LabelSelector;
  const labels = labelPairs(s.matchLabels);
  // (matchLabels only, as most selectors are: no list of parts)
  if (!s.matchExpressions?.length) return labels || '<everything>';
  const parts = labels ? [labels] : [];
  for (const r of s.matchExpressions) {
    const vals = (r.values ?? []).join(',');
    if (r.operator === 'In') parts.push(`${r.key} in (${vals})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${vals})`);
    else if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator} (${vals})`);
  }
  return parts.length ? parts.join(',') : '<everything>';
}

/** A selector as a controller carries it: a ReplicationController's map, or a metav1.LabelSelector. */
export type AnySelector = { type: 'map'; selector: Labels } | { type: 'label'; selector: LabelSelector };

export function matchesSelector(s: AnySelector, labels: Labels | null | undefined): boolean {
  return s.type === 'map' ? matchesMapSelector(s.selector, labels) : matchesLabelSelector(s.selector, labels);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** A string that cannot run into its neighbours: its length, then itself. */
const part = (s: string) => `${s.length}:${s}`;
const canonicalKeys = new WeakMap<AnySelector, string>();

/**
 * A key that two selectors share exactly when they select the same label sets by the same rules: the
 * requirements sorted (a selector is their conjunction) and each value list sorted and deduplicated.
 * Remembered per selector object.
 */
export function canonicalSelector(s: AnySelector): string {
  let key = canonicalKeys.get(s);
  if (key !== undefined) return key;
  const pairs = (l: Labels | undefined) => {
    let one: string | undefined;
    let out: string[] | undefined;
    for (const k in l) {
      if (!Object.prototype.hasOwnProperty.call(l, k)) continue;
      const p = part(k) + part(String(l[k]));
      if (one === undefined) one = p;
      else (out ??= [one]).push(p);
    }
    // (one pair, as most selectors have, needs no list to sort)
    return out ? out.sort(byString).join('') : (one ?? '');
  };
  if (s.type === 'map') key = `m${pairs(s.selector)}`;
  else if (!s.selector.matchExpressions?.length) key = `l${part(pairs(s.selector.matchLabels))}`;
  else {
    const exprs = (s.selector.matchExpressions ?? []).map((r) => {
      const values = [...new Set((r.values ?? []).map(String))].sort(byString);
      return part(part(r.key) + part(r.operator) + values.map(part).join(''));
    });
    key = `l${part(pairs(s.selector.matchLabels))}${[...new Set(exprs)].sort(byString).join('')}`;
  }
  canonicalKeys.set(s, key);
  return key;
}

/**
 * Labelled items indexed by `key=value` and by key, so that what a selector selects is found from the
 * items carrying one of its required labels instead of by testing every item. Answers are in the order
 * the items were added and are remembered per canonical selector: many controllers share one selector,
 * and each asking again costs nothing.
 */
export class SelectionIndex<T> {
  private readonly items: Array<{ item: T; labels: Labels }> = [];
  /** By label key: the items carrying it, and those carrying it by value. */
  private readonly byKey = new Map<string, { all: number[]; byValue: Map<string, number[]> }>();
  private readonly answers = new Map<string, readonly T[]>();

  add(item: T, labels: Labels): void {
    const i = this.items.length;
    this.items.push({ item, labels });
    for (const [k, v] of Object.entries(labels)) {
      let holders = this.byKey.get(k);
      if (!holders) this.byKey.set(k, (holders = { all: [], byValue: new Map() }));
      holders.all.push(i);
      const value = String(v);
      const list = holders.byValue.get(value);
      if (list) list.push(i);
      else holders.byValue.set(value, [i]);
    }
    this.answers.clear();
  }

  /** The items whose labels the selector selects (matchesMapSelector / matchesLabelSelector), in the order added. */
  select(s: AnySelector): readonly T[] {
    const key = canonicalSelector(s);
    let answer = this.answers.get(key);
    if (!answer) {
      const out: T[] = [];
      const candidates = this.candidates(s);
      for (const i of candidates ?? this.items.keys()) {
        const x = this.items[i]!;
        if (matchesSelector(s, x.labels)) out.push(x.item);
      }
      this.answers.set(key, (answer = out));
    }
    return answer;
  }

  /**
   * Indices (ascending) of a superset of the items the selector selects: the holders of its rarest
   * required label (a matchLabels pair, an In key with one of its values, an Exists key); undefined when
   * it requires none (only NotIn and DoesNotExist, or nothing), and every item is a candidate.
   */
  private candidates(s: AnySelector): readonly number[] | undefined {
    const none: number[] = [];
    let best: readonly number[] | undefined;
    let bestIn: Array<readonly number[]> | undefined;
    let bestSize = Infinity;
    const consider = (list: readonly number[]) => {
      if (list.length < bestSize) [best, bestIn, bestSize] = [list, undefined, list.length];
    };
    const pairs = s.type === 'map' ? s.selector : (s.selector.matchLabels ?? {});
    const holders = (k: string, v: string) => this.byKey.get(k)?.byValue.get(v) ?? none;
    for (const [k, v] of Object.entries(pairs)) consider(holders(k, String(v)));
    if (s.type === 'label') {
      for (const r of s.selector.matchExpressions ?? []) {
        if (r.operator === 'Exists') consider(this.byKey.get(r.key)?.all ?? none);
        else if (r.operator === 'In') {
          const lists = [...new Set((r.values ?? []).map(String))].map((v) => holders(r.key, v));
          const size = lists.reduce((n, l) => n + l.length, 0);
          if (size < bestSize) [best, bestIn, bestSize] = [undefined, lists, size];
        } else if (r.operator !== 'NotIn' && r.operator !== 'DoesNotExist') return none; // selects nothing
      }
    }
    // One key has one value per item: the lists of an In requirement are disjoint.
    if (bestIn) return bestIn.flat().sort((a, b) => a - b);
    return best;
  }
}
