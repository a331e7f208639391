import { describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.fn();
vi.mock('../../src/source/builtins.js', () => ({ nodeV8: () => ({ setFlagsFromString }) }));

const { tuneCompiler, ONE_SHOT_V8_FLAGS, TUNE_MIN_INPUT_CHARS } = await import('../../src/cli/compiler.js');
const { run } = await import('../../src/cli/main.js');

describe('tuneCompiler', () => {
  it('leaves a small run alone, and sets the inlining budget of a large one once per process', () => {
    tuneCompiler(TUNE_MIN_INPUT_CHARS - 1);
    expect(setFlagsFromString).not.toHaveBeenCalled();
    tuneCompiler(TUNE_MIN_INPUT_CHARS);
    tuneCompiler(10 * TUNE_MIN_INPUT_CHARS);
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    expect(setFlagsFromString).toHaveBeenCalledWith(ONE_SHOT_V8_FLAGS);
    expect(ONE_SHOT_V8_FLAGS).toMatch(/^--max-inlined-bytecode-size=\d+$/);
  });

  it('is what a lint run calls, with the size of its input, once it is read and before it lints', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
    const calls: Array<string | number> = [];
    const io = {
      stdout: () => void calls.push('report'),
      stderr: () => true,
      cwd: process.cwd(),
      env: {},
      isTTY: false,
      readStdin: async () => text,
      beforeLint: (chars: number) => void calls.push(chars),
    };
    const code = await run(['--no-config', '--format', 'json', '-'], io);
    expect(code).toBe(0);
    expect(calls[0]).toBe(text.length);
    expect(calls.filter((c) => typeof c === 'number')).toHaveLength(1);
  });
});
