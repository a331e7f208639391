import { describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.fn();
vi.mock('node:v8', () => ({ default: { setFlagsFromString } }));

const { tuneCompiler, ONE_SHOT_V8_FLAGS } = await import('../../src/cli/compiler.js');
const { run } = await import('../../src/cli/main.js');

describe('tuneCompiler', () => {
  it('sets the lint run inlining budget once per process', () => {
    tuneCompiler();
    tuneCompiler();
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    expect(setFlagsFromString).toHaveBeenCalledWith(ONE_SHOT_V8_FLAGS);
    expect(ONE_SHOT_V8_FLAGS).toMatch(/^--max-inlined-bytecode-size=\d+$/);
  });

  it('is what a lint run calls once its inputs are read, before it lints', async () => {
    const calls: string[] = [];
    const io = {
      stdout: (s: string) => void calls.push(s.includes('apiVersion') ? 'report' : 'out'),
      stderr: () => true,
      cwd: process.cwd(),
      env: {},
      isTTY: false,
      readStdin: async () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      beforeLint: () => void calls.push('beforeLint'),
    };
    const code = await run(['--no-config', '--format', 'json', '-'], io);
    expect(code).toBe(0);
    expect(calls[0]).toBe('beforeLint');
    expect(calls.filter((c) => c === 'beforeLint')).toHaveLength(1);
  });
});
