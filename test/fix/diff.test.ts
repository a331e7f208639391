/** unifiedDiff: checked by applying its hunks back (and with git apply, when git is installed). */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/fix/diff.js';

/** Apply a unified diff to a text (a strict applier: context must match). */
function patch(text: string, diff: string): string {
  const lines = text === '' ? [] : text.split(/(?<=\n)/);
  const out: string[] = [];
  let at = 0;
  const body = diff.split('\n').slice(2);
  let prev: string[] | undefined;
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(l);
    if (m) {
      const start = Number(m[1]) - (m[2] === '0' ? 0 : 1);
      while (at < start) out.push(lines[at++]!);
      continue;
    }
    if (l === '' && i === body.length - 1) break;
    if (l === '\\ No newline at end of file') {
      if (prev && prev.length > 0) prev[prev.length - 1] = prev[prev.length - 1]!.replace(/\n$/, '');
      continue;
    }
    const op = l[0];
    const content = `${l.slice(1)}\n`;
    if (op === ' ' || op === '-') {
      expect(lines[at]?.replace(/\n$/, ''), `context at line ${at + 1}`).toBe(content.replace(/\n$/, ''));
      at++;
    }
    if (op === ' ' || op === '+') {
      out.push(content);
      prev = out;
    } else prev = [];
  }
  while (at < lines.length) out.push(lines[at++]!);
  return out.join('');
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => expect(unifiedDiff('a\n', 'a\n', 'x', 'y')).toBe(''));

  it('writes diff -u hunks with three lines of context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n') + '\n';
    const b = a.replace('2\n', 'two\n').replace('11\n', '11\neleven\n');
    expect(unifiedDiff(a, b, 'a/f', 'b/f')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -9,4 +9,5 @@\n 9\n 10\n 11\n+eleven\n 12\n',
    );
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a\nb', 'a\nc', 'x', 'y')).toBe('--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
  });

  it('round-trips for random line edits', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'key: value', '  - item', '');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), fc.boolean(), fc.boolean(), (x, y, nx, ny) => {
        const a = x.join('\n') + (nx && x.length ? '\n' : '');
        const b = y.join('\n') + (ny && y.length ? '\n' : '');
        const d = unifiedDiff(a, b, 'a', 'b');
        if (a === b) return d === '';
        return patch(a, d) === b;
      }),
      { numRuns: 300 },
    );
  });

  const git = spawnSync('git', ['--version']).status === 0;
  it.skipIf(!git)('is accepted by git apply', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-diff-'));
    const a = 'spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: []\n';
    const b = 'spec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers: []\n  selector:\n    matchLabels: {app: x}\n';
    fs.writeFileSync(path.join(dir, 'm.yaml'), a);
    fs.writeFileSync(path.join(dir, 'p.diff'), unifiedDiff(a, b, 'a/m.yaml', 'b/m.yaml'));
    execFileSync('git', ['apply', '--unsafe-paths', '--directory=.', 'p.diff'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'm.yaml'), 'utf8')).toBe(b);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
