import { describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.fn();
vi.mock('node:v8', () => ({ default: { setFlagsFromString } }));

const { tuneCompiler, ONE_SHOT_V8_FLAGS } = await import('../../src/cli/compiler.js');

describe('tuneCompiler', () => {
  it('sets the one-shot inlining budget for commands that run once', () => {
    setFlagsFromString.mockClear();
    for (const command of ['lint', 'explain', 'simulate', 'build', 'action']) tuneCompiler(command);
    expect(setFlagsFromString).toHaveBeenCalledTimes(5);
    expect(setFlagsFromString).toHaveBeenCalledWith(ONE_SHOT_V8_FLAGS);
    expect(ONE_SHOT_V8_FLAGS).toMatch(/^--max-inlined-bytecode-size=\d+$/);
  });

  it('leaves the language server with V8 defaults', () => {
    setFlagsFromString.mockClear();
    tuneCompiler('lsp');
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
