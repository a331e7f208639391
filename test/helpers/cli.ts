/** Run the CLI in-process with a fake terminal. */
import { run } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string>; isTTY?: boolean; columns?: number } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    columns: opts.columns ?? 100,
    readStdin: async () => opts.stdin ?? '',
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
