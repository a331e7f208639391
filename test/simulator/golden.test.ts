/**
 * Golden tests: every scenario under examples/scenarios runs through the CLI and its text and JSON
 * reports must equal test/simulator/golden/<scenario>.{txt,json}.
 * Update after an intended change: UPDATE_GOLDEN=1 npx vitest run test/simulator/golden.test.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'examples/scenarios');
const goldenDir = path.join(root, 'test/simulator/golden');
const update = process.env.UPDATE_GOLDEN === '1';

/** Extra arguments per scenario. */
const EXTRA: Record<string, string[]> = {
  'pending-insufficient-cpu': ['--cluster', 'examples/scenarios/cluster.yaml'],
};

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: root, env: {}, readStdin: async () => '', isTTY: false };
  const code = await run(args, io);
  return { code, out, err };
}

const scenarios = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && /^steps:/m.test(fs.readFileSync(path.join(dir, f), 'utf8'))).sort();

describe('golden scenarios', () => {
  it('finds the study-note scenarios', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['relabel-out-and-back.yaml', 'scale-and-replace.yaml', 'delete-by-label.yaml', 'orphan-and-adopt.yaml', 'liveness-crashloop.yaml', 'image-pull-backoff.yaml']));
  });
  for (const file of scenarios) {
    const name = file.replace(/\.yaml$/, '');
    for (const format of ['text', 'json'] as const) {
      it(`${name} (${format})`, async () => {
        const r = await cli(['simulate', '--scenario', `examples/scenarios/${file}`, '--format', format, ...(EXTRA[name] ?? [])]);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        const golden = path.join(goldenDir, `${name}.${format === 'text' ? 'txt' : 'json'}`);
        if (update || !fs.existsSync(golden)) {
          fs.mkdirSync(goldenDir, { recursive: true });
          fs.writeFileSync(golden, r.out);
          if (!update) throw new Error(`golden file ${path.relative(root, golden)} was missing and has been written; check it and run again`);
        }
        expect(r.out).toBe(fs.readFileSync(golden, 'utf8'));
      });
    }
  }
});
