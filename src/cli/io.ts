/** What a CLI command may touch: everything below src/cli is pure and gets these from main(). */
export interface CliIO {
  /** Write; returns false when the text was queued (the stream is behind: wait with drain before writing much more). */
  stdout(text: string): unknown;
  stderr(text: string): unknown;
  /** Resolves once the stream has written what it queued. */
  drain?(stream: 'stdout' | 'stderr'): Promise<void>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Read all of standard input. */
  readStdin(): Promise<string>;
  /** True when stdout is a terminal (colour, terminal width). */
  isTTY: boolean;
  /** Terminal width in columns, when known. */
  columns?: number;
  /** The process's standard streams, for commands that speak a protocol over them (podlint lsp). */
  stdio?(): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
  /** Called once a run's code is loaded and its inputs read (`inputChars` long in all), just before it lints (see compiler.ts). */
  beforeLint?(inputChars: number): void;
}

/** A subcommand: parses its own arguments, returns the exit code (0 ok, 1 findings, 2 usage/internal). */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** A usage or configuration error: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
