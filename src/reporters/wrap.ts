/**
 * Word wrapping for terminal output (stylish on a terminal). Pure functions of plain text: the
 * reporter wraps first and colours the lines afterwards, so colour codes never count toward a width.
 * Widths are display cells as `displayWidth` (common.ts) measures them — the same measure the table
 * columns are aligned with — so wide East Asian characters and emoji count two.
 *
 * Hand-written rather than wrap-ansi: it must measure exactly as the column alignment does, and the
 * stylish reporter is on every run's start-up path.
 */
import { displayWidth } from './common.js';

/** Terminals narrower than this are laid out as if they were this wide (a line may then overflow). */
export const MIN_WRAP_WIDTH = 20;

let graphemes: Intl.Segmenter | undefined;

/**
 * `word` split after at most `cells` cells, never inside a character (grapheme cluster); the head is
 * empty when not even the first character fits.
 */
function splitAtCells(word: string, cells: number): [head: string, tail: string] {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let used = 0;
  for (const { segment, index } of graphemes.segment(word)) {
    used += displayWidth(segment);
    if (used > cells) return [word.slice(0, index), word.slice(index)];
  }
  return [word, ''];
}

/**
 * `text` (one line, no tabs: see oneLine) as lines of at most `width` cells, broken at spaces; the
 * spaces at a break are dropped, spaces inside a line are kept as written. A word wider than a line is
 * broken where the line ends. `first` (default `width`) is the room on the first line, for text that
 * starts after something else on its line. An empty text gives one empty line.
 */
export function wrapWords(text: string, width: number, first = width): string[] {
  const lines: string[] = [];
  let room = Math.max(1, first);
  let line = '';
  let used = 0;
  let gap = '';
  const newLine = () => {
    lines.push(line);
    line = '';
    used = 0;
    room = Math.max(1, width);
  };
  for (const [token] of text.matchAll(/ +|[^ ]+/gu)) {
    if (token.startsWith(' ')) {
      gap = token;
      continue;
    }
    const w = displayWidth(token);
    if (used + gap.length + w <= room) {
      // Fits after the spaces before it (kept: they are inside the line, or the text's leading spaces).
      const kept = line === '' && lines.length > 0 ? '' : gap;
      line += kept + token;
      used += kept.length + w;
    } else {
      if (line !== '') newLine();
      let rest = token;
      while (used + displayWidth(rest) > room) {
        let [head, tail] = splitAtCells(rest, room - used);
        if (head === '') [head, tail] = splitAtCells(rest, 2); // a wide character on a line of one cell
        line += head;
        newLine();
        rest = tail;
      }
      line += rest;
      used += displayWidth(rest);
    }
    gap = '';
  }
  lines.push(line);
  return lines;
}

/**
 * `text` fitted to `width` cells with a hanging indent: the first line as it starts (it may begin with
 * spaces of its own), the following lines `indent` spaces in. Without a width, the text unchanged as
 * one line.
 */
export function fitLine(text: string, width: number | undefined, indent = 0): string[] {
  if (width === undefined || displayWidth(text) <= width) return [text];
  const w = Math.max(width, MIN_WRAP_WIDTH);
  const hang = Math.min(indent, w - 10);
  const lead = /^ */u.exec(text)![0].length;
  const head = Math.min(lead, w - 10);
  const [firstLine, ...rest] = wrapWords(text.slice(lead), w - hang, w - head);
  return [' '.repeat(head) + firstLine!, ...rest.map((l) => ' '.repeat(hang) + l)];
}
