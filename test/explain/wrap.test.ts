/** kubectl's word wrapping (go-wordwrap WrapString), re-implemented: the cases that matter for byte-identical output. */
import { describe, expect, it } from 'vitest';
import { indentLikeKubectl, wrapLikeKubectl } from '../../src/explain/wrap.js';

describe('wrapLikeKubectl', () => {
  it('breaks at the last space that keeps a line within the limit', () => {
    expect(wrapLikeKubectl('aaa bbb ccc ddd', 7)).toBe('aaa bbb\nccc ddd');
    expect(wrapLikeKubectl('aaa bbb ccc ddd', 8)).toBe('aaa bbb\nccc ddd');
    expect(wrapLikeKubectl('aaa bbb ccc ddd', 11)).toBe('aaa bbb ccc\nddd');
  });
  it('never splits a word longer than the limit', () => {
    expect(wrapLikeKubectl('see https://kubernetes.io/docs/concepts/workloads/pods now', 10)).toBe('see\nhttps://kubernetes.io/docs/concepts/workloads/pods\nnow');
  });
  it('keeps newlines and restarts the line count after them', () => {
    expect(wrapLikeKubectl('first line\nsecond line here', 11)).toBe('first line\nsecond line\nhere');
    expect(wrapLikeKubectl('a\n', 76)).toBe('a\n');
  });
  it('counts UTF-8 bytes, as Go does', () => {
    // "é" is 2 bytes: "ééé ééé" is 13 bytes long, so it does not fit in 12.
    expect(wrapLikeKubectl('ééé ééé', 12)).toBe('ééé\nééé');
    expect(wrapLikeKubectl('eee eee', 12)).toBe('eee eee');
  });
  it('does not break at a non-breaking space', () => {
    expect(wrapLikeKubectl('aaa\u00a0bbb ccc', 8)).toBe('aaa\u00a0bbb\nccc');
  });
  it('drops trailing spaces that would overflow, keeps others', () => {
    expect(wrapLikeKubectl('abc  ', 4)).toBe('abc');
    expect(wrapLikeKubectl('abc ', 4)).toBe('abc ');
  });
});

describe('indentLikeKubectl', () => {
  it('pads the first line and every line after a newline, including an empty last one', () => {
    expect(indentLikeKubectl(4, 'a\nb\n')).toBe('    a\n    b\n    ');
  });
});
