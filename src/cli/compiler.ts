/**
 * How V8 compiles podlint for a lint run (the CLI's and the action's; the language server keeps V8's
 * defaults).
 *
 * A lint run lasts about a second, and a large part of it is V8's optimizing compiler (TurboFan) at
 * work: with its default inlining (callees of up to 460 bytes of bytecode) the hot functions of the YAML
 * reader, the engine and ~40 rules become large graphs, compiled on a background thread that competes
 * for the same cores while the main thread waits in slower tiers (on 10,000 documents: about 1.8 s of
 * compile jobs, several functions compiled two or three times). Inlining only small callees (getters,
 * type checks, one-line helpers) gives optimized code sooner at little cost to its speed: in
 * `npm run bench` a 10,000-document run took ~10 % less time and CPU, and no measured shape got slower
 * (BENCHMARKS.md).
 *
 * The flag is set once the run's code is loaded and its inputs read, just before it lints: V8's flags
 * are part of the key of the code cache Node loads its own modules with, so a module Node loads after a
 * change is compiled from source (setting it at start-up cost a small run ~10 ms).
 */
import { nodeV8 } from '../source/builtins.js';

/** V8 flags for a lint run (set before its hot code is first optimized). */
export const ONE_SHOT_V8_FLAGS = '--max-inlined-bytecode-size=60';

/**
 * Below this much input a run optimizes little code, and is left as it is (not even node:v8 is loaded:
 * a small run's time is mostly start-up).
 */
export const TUNE_MIN_INPUT_CHARS = 256 * 1024;

/** Tune the compiler for the lint run about to start, given the size of its input (once per process). */
export function tuneCompiler(inputChars: number): void {
  if (tuned || inputChars < TUNE_MIN_INPUT_CHARS) return;
  tuned = true;
  nodeV8().setFlagsFromString(ONE_SHOT_V8_FLAGS);
}
let tuned = false;
