/**
 * podlint's command line: argv → command → exit code. The only layer that prints; commands receive
 * a CliIO and return the exit code (0 clean, 1 findings, 2 usage/configuration/internal error).
 */
import type { CliIO, Command } from './io.js';
import { UsageError } from './io.js';
import { tuneCompiler } from './compiler.js';

const COMMANDS: Record<string, () => Promise<Command>> = {
  lint: async () => (await import('./lint.js')).lintCommand,
  explain: async () => (await import('./explain.js')).explainCommand,
  simulate: async () => (await import('./simulate.js')).simulateCommand,
  rules: async () => (await import('./rules.js')).rulesCommand,
  lsp: async () => (await import('./lsp.js')).lspCommand,
  build: async () => (await import('./build.js')).buildCommand,
};

export function processIO(): CliIO {
  // A reader that stops early (`podlint … | head`) closes the pipe: what is left to print is dropped, the run
  // ends as it would have (same exit code), and nothing is thrown at the user.
  const closed = { stdout: false, stderr: false };
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      closed[name] = true;
    });
  }
  const write = (name: 'stdout' | 'stderr', s: string) => (closed[name] ? true : process[name].write(s));
  return {
    stdout: (s) => write('stdout', s),
    stderr: (s) => write('stderr', s),
    drain: (stream) =>
      new Promise<void>((resolve) => {
        if (closed[stream]) return resolve();
        const s = process[stream];
        const done = () => {
          s.off('drain', done);
          s.off('error', done);
          resolve();
        };
        s.on('drain', done);
        s.on('error', done);
      }),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.columns,
    stdio: () => ({ input: process.stdin, output: process.stdout }),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Run podlint with these arguments; resolves to the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let name = 'lint';
  let rest = argv;
  if (argv[0] !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, argv[0])) {
    name = argv[0];
    rest = argv.slice(1);
  }
  try {
    const command = await COMMANDS[name]!();
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`podlint: ${err.message}\n`);
      return 2;
    }
    const e = err as Error;
    io.stderr(`podlint: internal error: ${e?.message ?? String(err)}\nThis is a bug in podlint; please report it with the input that caused it.\n`);
    if (io.env.PODLINT_DEBUG) io.stderr(`${e?.stack ?? ''}\n`);
    return 2;
  }
}

export async function main(argv: string[]): Promise<number> {
  return run(argv, { ...processIO(), beforeLint: tuneCompiler });
}
