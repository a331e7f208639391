/**
 * The GitHub Action (action.yml): inputs from INPUT_* variables → lint → workflow annotations on stdout,
 * the chosen format in the log, a job summary, step outputs, an optional SARIF file, and the exit code
 * (0 clean, 1 errors or too many warnings, 2 bad input or internal error) that passes or fails the step.
 * Like src/cli, this layer touches the file system and the environment; it gets both from main.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inputChars, lintInputs, prepareLintInputs, readPaths, resolveLintOptions, PodlintOptionsError } from '../lint.js';
import { ConfigError } from '../config/config.js';
import { formatResult, isReporterName, REPORTER_NAMES } from '../reporters/index.js';
import { countResult } from '../reporters/common.js';
import { escapeData } from '../reporters/github.js';
import { packageRoot } from '../package-root.js';
import { formatSummary } from './summary.js';

export interface ActionIO {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  /** Working directory when GITHUB_WORKSPACE is not set. */
  cwd: string;
  /** Called once the run's inputs are read (`inputChars` long in all), just before it lints (see src/cli/compiler.ts). */
  beforeLint?(inputChars: number): void;
}

/** An input as the runner passes it: INPUT_ and the name upper-cased, spaces as underscores (hyphens stay). */
export function getInput(env: ActionIO['env'], name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

class InputError extends Error {}

export async function runAction(io: ActionIO): Promise<number> {
  try {
    return await lintAndReport(io);
  } catch (err) {
    const usage = err instanceof InputError || err instanceof ConfigError || err instanceof PodlintOptionsError;
    const message = usage ? (err as Error).message : `internal error: ${(err as Error)?.message ?? String(err)} (a bug in podlint; please report it)`;
    io.stdout(`::error title=podlint::${escapeData(message)}\n`);
    return 2;
  }
}

async function lintAndReport(io: ActionIO): Promise<number> {
  const { env } = io;
  const cwd = env.GITHUB_WORKSPACE || io.cwd;
  // One path per line (names may then contain spaces), or several on one line separated by spaces.
  const pathsText = getInput(env, 'paths');
  const paths = (pathsText.includes('\n') ? pathsText.split(/\r?\n/) : pathsText.split(/\s+/)).map((p) => p.trim()).filter(Boolean);
  if (paths.length === 0) paths.push('.');
  const format = getInput(env, 'format') || 'stylish';
  if (!isReporterName(format)) throw new InputError(`input format: unknown format "${format}"; use one of ${REPORTER_NAMES.join(', ')}`);
  const maxText = getInput(env, 'max-warnings');
  const maxWarnings = maxText === '' || maxText === '-1' ? undefined : Number(maxText);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) throw new InputError(`input max-warnings: needs a whole number ≥ 0 (or -1 for no limit), not "${maxText}"`);
  const config = getInput(env, 'config');
  const sarifFile = getInput(env, 'sarif-file');

  const resolved = await resolveLintOptions({ cwd, config: config || undefined, kubernetesVersion: getInput(env, 'kubernetes-version') || undefined });
  const { inputs, directories, problems } = readPaths(paths, { cwd, ignore: resolved.ignore });
  if (problems.length > 0) throw new InputError(`input paths: ${problems.join('; ')}`);
  await prepareLintInputs(inputs, resolved);
  io.beforeLint?.(inputChars(inputs));
  const { internalError, ...result } = lintInputs(inputs, resolved, { directories, cwd });
  const version = (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

  // The log: the chosen format, then the annotations (workflow commands, not shown as text).
  if (format !== 'github') {
    const text = formatResult(format, result, { color: false, cwd, version, maxWarnings });
    if (text) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }
  io.stdout(formatResult('github', result, { color: false, cwd }));

  const counts = countResult(result);
  const tooManyWarnings = maxWarnings !== undefined && counts.warningCount > maxWarnings;
  if (tooManyWarnings) io.stdout(`::error title=podlint::${escapeData(`podlint found too many warnings (maximum: ${maxWarnings}).`)}\n`);

  if (sarifFile) writeFile(path.resolve(cwd, sarifFile), formatResult('sarif', result, { color: false, cwd, version }), 'sarif-file');
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    const blobUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}` : undefined;
    appendFile(summaryFile, formatSummary(result, { cwd, blobUrl, note: `(Kubernetes ${result.kubernetesVersion})` }) + '\n');
  }
  const outputFile = env.GITHUB_OUTPUT;
  if (outputFile) appendFile(outputFile, `error-count=${counts.errorCount}\nwarning-count=${counts.warningCount}\n`);

  if (internalError) return 2;
  return counts.errorCount > 0 || tooManyWarnings ? 1 : 0;
}

function writeFile(file: string, text: string, what: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (err) {
    throw new InputError(`input ${what}: cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function appendFile(file: string, text: string): void {
  try {
    fs.appendFileSync(file, text);
  } catch (err) {
    throw new InputError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
