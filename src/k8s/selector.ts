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
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (l[k] !== String(v)) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, req.key);
    const values = (req.values ?? []).map(String);
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(l[req.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[req.key]!)) return false;
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
  return Object.entries(selector).every(([k, v]) => l[k] === String(v));
}

/** kubectl-style rendering of a selector: `app=web,env in (dev,prod),!canary`. */
export function formatSelector(selector: LabelSelector | Labels | null | undefined): string {
  if (!selector) return '<none>';
  const isLabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector;
  if (!isLabelSelector) return Object.entries(selector as Labels).map(([k, v]) => `${k}=${v}`).join(',');
  const s = selector as LabelSelector;
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of s.matchExpressions ?? []) {
    const vals = (r.values ?? []).join(',');
    if (r.operator === 'In') parts.push(`${r.key} in (${vals})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${vals})`);
    else if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator} (${vals})`);
  }
  return parts.length ? parts.join(',') : '<everything>';
}
