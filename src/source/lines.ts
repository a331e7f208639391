/** Offsets ↔ 1-based line and column. */
export class LineIndex {
  /** Offset where each line starts (an Int32Array: a large file has hundreds of thousands of lines). */
  private readonly starts: Int32Array;

  constructor(text: string) {
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    const starts = new Int32Array(count);
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const lo = lastAtOrBefore(this.starts, offset);
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** The range of offsets `from`..`to` (see located()), as a plain range. */
  range(from: number, to: number, shift: number): { line: number; column: number; endLine: number; endColumn: number } {
    const r = this.located(from, to, shift, true);
    return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
  }

  /**
   * The range of offsets `from`..`to` (1-based lines and columns; `to` not before `from`), with `shift`
   * added to columns of line 1, and whether it is where the caller asked (see locate.ts): one search when
   * both are on one line, no intermediate objects (every finding is placed through here).
   */
  located(from: number, to: number, shift: number, exact: boolean): { line: number; column: number; endLine: number; endColumn: number; exact: boolean } {
    const starts = this.starts;
    const lo = lastAtOrBefore(starts, from);
    const end = to < from ? from : to;
    const hi = lo + 1 >= starts.length || end < starts[lo + 1]! ? lo : lastAtOrBefore(starts, end);
    return { line: lo + 1, column: from - starts[lo]! + 1 + (lo === 0 ? shift : 0), endLine: hi + 1, endColumn: end - starts[hi]! + 1 + (hi === 0 ? shift : 0), exact };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
  }
}

/** The index of the last of ascending `starts` that is at or before `offset` (0 when none is): the line, or the `---` section, an offset is in. */
export function lastAtOrBefore(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
