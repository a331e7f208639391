/** The CLI gives stylish the terminal's width only when stdout is a terminal; pipes and files stay one line per finding. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/reporters/common.js';
import { runCli } from '../helpers/cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const strip = (s: string) => s.replace(/\u001b\[[\d;]*m/gu, '');
const widest = (s: string) => Math.max(...strip(s).split('\n').map(displayWidth));

describe('stylish and the terminal width', () => {
  it('on a terminal, fits every line to its columns (colour on or off)', async () => {
    for (const columns of [60, 100]) {
      const plain = await runCli(['examples'], { cwd: root, isTTY: true, columns, env: { NO_COLOR: '1' } });
      expect(plain.code).toBe(1);
      expect(widest(plain.stdout)).toBeLessThanOrEqual(columns);
      const coloured = await runCli(['examples'], { cwd: root, isTTY: true, columns, env: {} });
      expect(coloured.stdout).toMatch(/\u001b\[/u);
      expect(strip(coloured.stdout)).toBe(plain.stdout);
    }
  });

  it('piped, one line per finding whatever the columns; --output-file on a terminal too', async () => {
    const piped = await runCli(['examples'], { cwd: root, isTTY: false, columns: 60 });
    expect(widest(piped.stdout)).toBeGreaterThan(200);
    expect((await runCli(['examples'], { cwd: root, isTTY: false, columns: 300 })).stdout).toBe(piped.stdout);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-width-'));
    const out = path.join(dir, 'report.txt');
    const toFile = await runCli(['-o', out, 'examples'], { cwd: root, isTTY: true, columns: 60, env: { NO_COLOR: '1' } });
    expect(toFile.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toBe(piped.stdout);
    // Other formats are untouched by the width.
    const compact = await runCli(['--format', 'compact', 'examples'], { cwd: root, isTTY: true, columns: 60, env: { NO_COLOR: '1' } });
    expect(compact.stdout).toBe((await runCli(['--format', 'compact', 'examples'], { cwd: root })).stdout);
  });

  it('a run over several files ends with the tally per rule, piped too', async () => {
    const piped = await runCli(['examples'], { cwd: root });
    const tally = piped.stdout.split('\nProblems by rule:\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(tally.length).toBeGreaterThan(3);
    for (const line of tally) expect(line).toMatch(/^ {2}[ \d]+\d {2}(error|warning|info) +[a-z][a-z0-9-]*$/u);
    const counts = tally.map((l) => Number(l.trim().split(/\s+/u)[0]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(Number(/✖ (\d+) problems/u.exec(piped.stdout)![1]));
  });
});
