/** Word wrapping for the terminal (src/reporters/wrap.ts): widths in display cells, words kept whole when they fit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/reporters/common.js';
import { fitLine, wrapWords } from '../../src/reporters/wrap.js';

describe('wrapWords', () => {
  it('breaks at spaces, drops the spaces at a break and keeps those inside a line', () => {
    expect(wrapWords('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrapWords('a  b    c', 4)).toEqual(['a  b', 'c']);
    expect(wrapWords('exactly ten', 11)).toEqual(['exactly ten']);
    expect(wrapWords('', 5)).toEqual(['']);
  });

  it('breaks a word longer than the line where the line ends', () => {
    expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapWords('see io.k8s.api.core.v1.Container here', 12)).toEqual(['see', 'io.k8s.api.c', 'ore.v1.Conta', 'iner here']);
  });

  it('gives the first line its own room', () => {
    expect(wrapWords('aa bb cc', 8, 2)).toEqual(['aa', 'bb cc']);
    expect(wrapWords('abcdef gh', 4, 2)).toEqual(['ab', 'cdef', 'gh']);
  });

  it('counts wide characters as two cells and never splits a character', () => {
    expect(wrapWords('日本語テキスト', 5)).toEqual(['日本', '語テ', 'キス', 'ト']);
    const accents = 'e\u0301'.repeat(6);
    expect(wrapWords(accents, 4)).toEqual(['e\u0301'.repeat(4), 'e\u0301'.repeat(2)]);
    expect(wrapWords('😀😀😀', 4)).toEqual(['😀😀', '😀']);
  });

  it('property: no line wider than the width, and every character kept in order', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', 'defghijklmnop', ' ', '  ', '日本', 'é', '😀', '-', '/'), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 60 }), (t, width) => {
        const lines = wrapWords(t, width);
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(t.replace(/ /g, ''));
        for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(false);
      }),
      { seed: 20261204, numRuns: 500 },
    );
  });
});

describe('fitLine', () => {
  it('leaves a line alone without a width or when it fits', () => {
    const long = 'x '.repeat(100).trim();
    expect(fitLine(long, undefined, 2)).toEqual([long]);
    expect(fitLine('  short', 7, 2)).toEqual(['  short']);
  });

  it('wraps with a hanging indent, keeping the line own leading spaces', () => {
    expect(fitLine('  1 error and 2 warnings potentially fixable with the `--fix` option.', 30, 2)).toEqual([
      '  1 error and 2 warnings',
      '  potentially fixable with the',
      '  `--fix` option.',
    ]);
  });
});
