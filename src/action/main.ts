/** Entry of the GitHub Action (action.yml runs the bundle of this file, bundle/action.mjs). */
import { runAction } from './run.js';
import { tuneCompiler } from '../cli/compiler.js';

runAction({ env: process.env, stdout: (s) => void process.stdout.write(s), cwd: process.cwd(), beforeLint: tuneCompiler }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stdout.write(`::error title=podlint::internal error: ${String((err as Error)?.message ?? err).replace(/[\r\n%]/g, ' ')}\n`);
    process.exitCode = 2;
  },
);
