/** "Did you mean …?" for unknown field names. */

/** The largest edit distance at which a known name is still suggested. */
const MAX_DISTANCE = 2;

/**
 * Optimal string alignment distance (Levenshtein plus transposition of two adjacent characters), or
 * a value above `limit` as soon as it is certain to exceed it.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2: number[] = new Array<number>(n + 1).fill(0);
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * The known name closest to `name`: one equal to it but for case first, else the nearest within
 * MAX_DISTANCE edits (and fewer edits than the shorter name has characters, so that "x" does not
 * suggest "ip"); ties go to the alphabetically first. Undefined when nothing is close.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (k.toLowerCase() === lower) {
      if (bestDistance > 0 || (best !== undefined && k < best)) {
        best = k;
        bestDistance = 0;
      }
      continue;
    }
    const d = editDistance(name, k, MAX_DISTANCE);
    if (d > MAX_DISTANCE || d >= Math.min(name.length, k.length)) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && k < best)) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}
