/** Helpers for the explain tests: a fake CliIO, and golden files with an explicit update mechanism. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';

export const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function podlint(argv: string[], opts: { cwd?: string; stdin?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: opts.cwd ?? process.cwd(),
    env: {},
    isTTY: false,
    columns: 80,
    readStdin: async () => opts.stdin ?? '',
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/**
 * Compare with test/explain/golden/<name>. `UPDATE_GOLDEN=1 npx vitest run test/explain` rewrites the
 * files; review the diff before committing.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file ${path.relative(process.cwd(), file)} is missing; run UPDATE_GOLDEN=1 npx vitest run test/explain`);
  expect(actual, `golden ${name} differs (UPDATE_GOLDEN=1 npx vitest run test/explain rewrites it)`).toBe(fs.readFileSync(file, 'utf8'));
}
