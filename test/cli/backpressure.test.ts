/**
 * A report printed to a slow pipe: the CLI waits for the stream to drain between chunks rather than
 * queueing the whole report (src/cli/lint.ts, CliIO.drain).
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function manyFindings(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n`);
  return docs.join('---\n');
}

describe('printing a large report to a stream that is behind', () => {
  it('waits for every chunk the stream queued, and prints all of it in order', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-bp-'));
    try {
      fs.writeFileSync(path.join(dir, 'many.yaml'), manyFindings(600));
      let out = '';
      let queued = 0;
      let waits = 0;
      const io: CliIO = {
        // Every write is "queued": the CLI must wait for a drain before the next one.
        stdout: (s) => {
          if (queued > 0) throw new Error('wrote again before the stream drained');
          out += s;
          queued++;
          return false;
        },
        stderr: () => true,
        drain: async (stream) => {
          expect(stream).toBe('stdout');
          waits++;
          await new Promise((r) => setTimeout(r, 0));
          queued = 0;
        },
        cwd: dir,
        env: {},
        isTTY: false,
        readStdin: async () => '',
      };
      const code = await run(['--no-config', '--format', 'json', 'many.yaml'], io);
      expect(code).toBe(0);
      expect(waits).toBeGreaterThan(2); // thousands of findings: several chunks
      const parsed = JSON.parse(out) as Array<{ messages: unknown[] }>;
      expect(parsed[0]!.messages.length).toBeGreaterThan(1000);
      let direct = '';
      await run(['--no-config', '--format', 'json', 'many.yaml'], { ...io, stdout: (s) => void (direct += s), drain: undefined });
      expect(out).toBe(direct);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a reader that stops early (podlint … | head)', () => {
  const bin = path.resolve(import.meta.dirname, '../../bin/podlint.js');
  for (const via of ['bundle', 'dist'] as const) {
    it(`ends the run quietly with its own exit code, from the ${via}`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-pipe-'));
      try {
        // Errors (a missing image) in a report far larger than a pipe holds.
        fs.writeFileSync(path.join(dir, 'many.yaml'), manyFindings(3000) + '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n    - name: c\n');
        const { spawn } = await import('node:child_process');
        const child = spawn(process.execPath, [bin, '--no-config', '--format', 'sarif', path.join(dir, 'many.yaml')], { env: { ...process.env, ...(via === 'dist' ? { PODLINT_NO_BUNDLE: '1' } : {}) } });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        // Read a little, then close the pipe as `head -c 100` does.
        child.stdout.once('data', () => child.stdout.destroy());
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(stderr).toBe('');
        expect(code).toBe(1);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 30_000);
  }
});
