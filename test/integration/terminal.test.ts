/**
 * stylish in a real terminal: `podlint examples/` inside tmux sessions of 80 and 120 columns. The pane
 * is captured with wrapped lines joined (`capture-pane -J`), so a line podlint printed wider than the
 * terminal shows as one long line: none may be wider than the pane, and every finding's rule id and
 * file must be there. Skipped, with a message, when tmux is not installed (CI installs Debian's
 * package in .ci/run). The CLI runs from the sources through tsx (test/helpers/podlint-source.ts), so
 * the test sees the code as it is, not a dist/ built earlier.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { displayWidth } from '../../src/reporters/common.js';

const root = path.resolve(import.meta.dirname, '../..');
const available = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
if (!available) console.warn('terminal width test skipped: tmux is not installed; apt-get install tmux');

describe.skipIf(!available)('stylish in a tmux terminal', () => {
  let dir: string;
  const socket = `podlint-test-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', path.join(dir, 'tmux.conf'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TMUX: '' } });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-tmux-'));
    // Keep the whole output (history), and the pane after podlint exits so that it can be captured.
    fs.writeFileSync(path.join(dir, 'tmux.conf'), 'set -g history-limit 100000\nset -g remain-on-exit on\nset -g status off\n');
  });
  afterAll(() => {
    tmux('kill-server');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Run podlint on examples/ in a fresh session `columns` wide; the pane's text, wrapped lines joined. */
  async function inTerminal(columns: number): Promise<string[]> {
    const session = `w${columns}`;
    const command = `node --import tsx test/helpers/podlint-source.ts examples/; echo "[podlint exited $?]"`;
    const started = tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', '40', '-c', root, command);
    expect(started.status, started.stderr).toBe(0);
    const deadline = Date.now() + 60_000;
    while (tmux('display-message', '-p', '-t', session, '#{pane_dead}').stdout.trim() !== '1') {
      if (Date.now() > deadline) throw new Error(`podlint did not finish in the ${columns}-column session`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const width = tmux('display-message', '-p', '-t', session, '#{pane_width}').stdout.trim();
    expect(width).toBe(String(columns));
    const captured = tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', session);
    expect(captured.status, captured.stderr).toBe(0);
    tmux('kill-session', '-t', session);
    return captured.stdout.split('\n').map((l) => l.replace(/\s+$/u, ''));
  }

  it.each([80, 120])('%i columns: no line wider than the terminal, and every finding is there', async (columns) => {
    const lines = await inTerminal(columns);
    expect(lines).toContain('[podlint exited 1]');
    const wide = lines.filter((l) => displayWidth(l) > columns);
    expect(wide, `lines wider than ${columns} columns`).toEqual([]);
    // The findings, from the same run piped (one line per finding): each file and rule id appears.
    const json = JSON.parse((await runCli(['--format', 'json', 'examples/'], { cwd: root })).stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    const words = new Set(lines.join(' ').split(/\s+/u));
    for (const file of json) {
      if (file.messages.length === 0) continue;
      const shown = path.relative(root, file.filePath);
      // A path wider than the terminal is broken: look for it with the line breaks removed.
      expect(lines.join(''), shown).toContain(shown);
      for (const m of file.messages) expect(words.has(m.ruleId), `${shown}: ${m.ruleId}`).toBe(true);
    }
    expect(lines).toContain('Problems by rule:');
    expect(lines.some((l) => /^✖ \d+ problems \(\d+ errors, \d+ warnings, \d+ info\)$/u.test(l))).toBe(true);
  });
});
