/** `podlint build DIR`: the kustomize build podlint lints, printed as `kubectl kustomize DIR` prints it. */
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Command } from './io.js';
import { UsageError } from './io.js';
import { buildKustomization, renderBuild, isKustomizationRoot } from '../kustomize/build.js';

const USAGE = `Usage: podlint build DIR

Build the kustomization in DIR (a directory with kustomization.yaml, kustomization.yml or Kustomization)
in-process, as \`kubectl kustomize DIR\` does, and print the result. Remote resources and helmCharts are
not fetched: they are reported on stderr and left out. Problems go to stderr as file:line:column: message.
Exit codes: 0 built, 1 kustomize would refuse the build, 2 usage error.
`;

export const buildCommand: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  if (parsed.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(`build takes one directory, got ${parsed.positionals.length}\n${USAGE}`);
  const dir = path.resolve(io.cwd, parsed.positionals[0]!);
  if (!isKustomizationRoot(dir)) throw new UsageError(`${parsed.positionals[0]} is not a kustomization directory (no kustomization.yaml, kustomization.yml or Kustomization in it)`);
  const result = buildKustomization(dir);
  const text = renderBuild(result);
  if (text) io.stdout(text);
  for (const p of result.problems) {
    const file = path.relative(io.cwd, p.origin.filePath) || p.origin.filePath;
    io.stderr(`${file}:${p.origin.line}:${p.origin.column}: ${p.message}\n`);
  }
  return result.problems.some((p) => p.kind === 'kustomize') ? 1 : 0;
};
