/**
 * How V8 compiles podlint for a command that runs once and exits (not the language server).
 *
 * A lint run lasts about a second, and a large part of it is V8's optimizing compiler (TurboFan) at
 * work: with its default inlining (callees of up to 460 bytes of bytecode) the hot functions of the YAML
 * reader, the engine and ~40 rules become large graphs, compiled on a background thread that competes
 * for the same cores while the main thread waits in slower tiers (on 10,000 documents: about 1.8 s of
 * compile jobs, several functions compiled two or three times). Inlining only small callees (getters,
 * type checks, one-line helpers) gives optimized code sooner at little cost to its speed: in
 * `npm run bench` a 10,000-document run took ~10 % less time and CPU, and no measured shape got slower
 * (BENCHMARKS.md). The language server runs for hours, so it keeps V8's defaults.
 */
import v8 from 'node:v8';

/** V8 flags for a one-shot run (set before the hot code is first optimized). */
export const ONE_SHOT_V8_FLAGS = '--max-inlined-bytecode-size=60';

/** Tune the compiler for `command` (a CLI command name, or 'action'); the language server is left alone. */
export function tuneCompiler(command: string): void {
  if (command === 'lsp') return;
  v8.setFlagsFromString(ONE_SHOT_V8_FLAGS);
}
