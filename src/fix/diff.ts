/**
 * Unified diffs (`diff -u` / `git diff` layout) of a file before and after --fix, for --fix-dry-run.
 * Line diff by Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986):
 * fixes change few lines, so D is small, whatever the file's size.
 */

/** Lines of context around each change, as diff -u. */
export const DIFF_CONTEXT = 3;

type Op = ['=' | '-' | '+', string];

/** Split into lines keeping their endings, so a missing final newline is visible. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}

/** Shortest edit script between two line arrays. */
function myers(a: string[], b: string[]): Op[] {
  // Common prefix and suffix first: the search then only sees the changed middle.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = n === 0 && m === 0;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const middle: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) middle.push(['=', A[--x]!]), y--;
    if (d === 0) break;
    if (x === prevX) middle.push(['+', B[--y]!]);
    else middle.push(['-', A[--x]!]);
  }
  while (x > 0 && y > 0) middle.push(['=', A[--x]!]), y--;
  middle.reverse();
  return [...a.slice(0, pre).map((l): Op => ['=', l]), ...middle, ...a.slice(a.length - suf).map((l): Op => ['=', l])];
}

/** A unified diff with `--- oldName` / `+++ newName` headers; '' when the texts are equal. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = DIFF_CONTEXT): string {
  if (oldText === newText) return '';
  const ops = myers(splitLines(oldText), splitLines(newText));
  const changed = ops.map((o, i) => (o[0] !== '=' ? i : -1)).filter((i) => i >= 0);
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  let i = 0;
  while (i < changed.length) {
    // Group changes whose context overlaps into one hunk.
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - changed[j]! <= 2 * context + 1) j++;
    const from = Math.max(0, changed[i]! - context);
    const to = Math.min(ops.length, changed[j]! + context + 1);
    let oldLine = 1;
    let newLine = 1;
    for (let k = 0; k < from; k++) {
      if (ops[k]![0] !== '+') oldLine++;
      if (ops[k]![0] !== '-') newLine++;
    }
    let oldCount = 0;
    let newCount = 0;
    let body = '';
    for (let k = from; k < to; k++) {
      const [op, line] = ops[k]!;
      if (op !== '+') oldCount++;
      if (op !== '-') newCount++;
      const mark = op === '=' ? ' ' : op;
      body += line.endsWith('\n') ? `${mark}${line}` : `${mark}${line}\n\\ No newline at end of file\n`;
    }
    out += `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@\n${body}`;
    i = j + 1;
  }
  return out;
}

function range(start: number, count: number): string {
  // diff -u: an empty range is written as the line before it.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
