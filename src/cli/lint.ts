/** `podlint [lint] [options] <paths…|->`: the default command. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './io.js';
import { UsageError } from './io.js';
import { inputChars, lintInputs, prepareLintInputs, readPaths, resolveLintOptions, PodlintOptionsError, type RuleSettingInput } from '../lint.js';
import type { CrossObjectScope } from '../engine/run.js';
import { ConfigError } from '../config/config.js';
import { decodeInput, toPosix, STDIN_PATH, type InputFile } from '../source/read.js';
import { formatResultChunks, formatResultFileChunks, REPORTER_NAMES } from '../reporters/index.js';
import { colorLevel } from './color.js';
import type { LintResult } from '../types.js';
import { KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from '../schema/versions.js';
import { packageRoot } from '../package-root.js';

export const LINT_HELP = `Usage: podlint [lint] [options] <paths…|->

Lint Kubernetes manifests: files, directories (recursively: .yaml, .yml, .json) or - for stdin.

Options:
  -f, --format NAME[=FILE]      stylish (default), json, sarif, github, junit, compact; repeat to write
                                several formats, e.g. --format stylish --format sarif=podlint.sarif
  -o, --output-file FILE        write the (single) format to FILE instead of stdout
  -k, --kubernetes-version V    ${KUBERNETES_VERSIONS[0]} … ${KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1]} (default ${DEFAULT_KUBERNETES_VERSION})
  -c, --config FILE             configuration file (default: .podlint.yaml found upward)
      --no-config               use no configuration file
      --rule ID=SEVERITY        set a rule's severity: off, info, warning, error (repeatable)
      --pod-security [MODE=]LEVEL[:VERSION]
                                Pod Security Standards for namespaces without labels in the run:
                                LEVEL privileged, baseline, restricted; VERSION v1.N or latest;
                                MODE enforce (default), warn or audit (repeatable)
      --max-warnings N          exit 1 when there are more than N warnings
      --quiet                   report errors only
      --report-unused-disable-directives
                                report suppressions that suppress nothing
      --stdin-filename NAME     name to show for input read from stdin
      --ignore-pattern GLOB     leave out files matching GLOB, relative to the working directory (repeatable)
      --cross-object-scope S    which objects cross-object rules compare: unit (default: what is applied
                                together — a kustomize build, one directory's files, stdin), file,
                                directory or run
      --crd PATH                CustomResourceDefinitions (a file or a directory) to validate custom
                                resources against; not linted themselves (repeatable)
      --fix                     apply safe fixes to the files in place (stdin: print the fixed text
                                to stdout and the report to stderr)
      --fix-dry-run             print the fixes as a unified diff on stdout (report on stderr);
                                write nothing
      --color, --no-color       force or disable colour (default: on a terminal, honouring NO_COLOR/FORCE_COLOR)
  -h, --help                    show this help
  -v, --version                 show podlint's version

Other commands: podlint explain …, podlint simulate …, podlint rules, podlint build DIR, podlint lsp --stdio (see podlint <command> --help).
Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal error.
`;

export const lintCommand: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', multiple: true },
        'output-file': { type: 'string', short: 'o' },
        'kubernetes-version': { type: 'string', short: 'k' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        'pod-security': { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        'report-unused-disable-directives': { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'ignore-pattern': { type: 'string', multiple: true },
        'cross-object-scope': { type: 'string' },
        crd: { type: 'string', multiple: true },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nRun podlint --help for usage.`);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(LINT_HELP);
    return 0;
  }
  if (v.version) {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const paths = parsed.positionals;
  if (paths.length === 0) throw new UsageError('no input: give files, directories, or - to read standard input\nRun podlint --help for usage.');

  const outputs = parseFormats(v.format ?? [], v['output-file']);
  if (v.fix && v['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  const fixMode = v.fix ? 'write' : v['fix-dry-run'] ? 'dry-run' : undefined;
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number ≥ 0, not "${v['max-warnings']}"`);
  }
  const rules: Record<string, RuleSettingInput> = {};
  for (const r of v.rule ?? []) {
    const m = /^([^=]+)=(off|info|warning|error)$/.exec(r.trim());
    if (!m) throw new UsageError(`--rule expects ID=SEVERITY with SEVERITY off, info, warning or error, not "${r}"`);
    rules[m[1]!.trim()] = m[2] as RuleSettingInput;
  }

  const podSecurity: Record<string, string> = {};
  for (const p of v['pod-security'] ?? []) {
    const m = /^(?:(enforce|warn|audit)=)?(.+)$/.exec(p.trim());
    podSecurity[m?.[1] ?? 'enforce'] = m?.[2] ?? p;
  }

  let resolved;
  try {
    resolved = await resolveLintOptions({
      ...(Object.keys(podSecurity).length ? { podSecurity } : {}),
      cwd: io.cwd,
      config: v['no-config'] ? false : v.config,
      kubernetesVersion: v['kubernetes-version'],
      rules,
      reportUnusedDisableDirectives: v['report-unused-disable-directives'] || undefined,
      ignorePatterns: v['ignore-pattern'],
      crossObjectScope: v['cross-object-scope'] as CrossObjectScope | undefined,
      crds: v.crd,
    });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PodlintOptionsError) throw new UsageError(err.message);
    throw err;
  }

  const inputs: InputFile[] = [];
  const fileArgs = paths.filter((p) => p !== '-');
  const fromStdin = paths.includes('-');
  const read = readPaths(fileArgs, { cwd: io.cwd, ignore: resolved.ignore });
  // A path that does not exist (or a directory without manifests) is a usage error, as in ESLint.
  if (read.problems.length > 0) throw new UsageError(read.problems.join('\npodlint: '));
  if (fromStdin) {
    const name = v['stdin-filename'] ?? STDIN_PATH;
    inputs.push({ ...decodeInput(name === STDIN_PATH ? name : path.resolve(io.cwd, name), Buffer.from(await io.readStdin(), 'utf8')), found: 'stdin' });
  }
  inputs.push(...read.inputs);
  await prepareLintInputs(inputs, resolved);
  io.beforeLint?.(inputChars(inputs));
  const project = { directories: read.directories, cwd: io.cwd };

  // --fix / --fix-dry-run: the report is of what remains after fixing. Whatever goes to stdout instead
  // of the report (fixed stdin text, or the diff) moves the report to stderr.
  let report = io.stdout;
  let reportStream: 'stdout' | 'stderr' = 'stdout';
  let engine;
  if (fixMode) {
    // Loaded only for --fix: the fixer brings yaml's Document API, which a plain lint does not need.
    const [{ fixInputs }, { unifiedDiff }] = await Promise.all([import('../fix/fix.js'), import('../fix/diff.js')]);
    const run = fixInputs(inputs, (current) => lintInputs(current, resolved, project));
    engine = run.result;
    if (fixMode === 'dry-run') {
      for (const f of run.fixed) {
        // git's a/ b/ prefixes for files under the working directory (`git apply`, `patch -p1`), else the path as it is.
        const rel = toPosix(path.relative(io.cwd, f.filePath));
        const inside = f.filePath !== STDIN_PATH && rel !== '' && !rel.startsWith('../') && !path.isAbsolute(rel);
        io.stdout(unifiedDiff(f.original, f.output, inside ? `a/${rel}` : f.filePath, inside ? `b/${rel}` : f.filePath));
      }
      report = io.stderr;
      reportStream = 'stderr';
    } else {
      for (const f of run.fixed) {
        if (fromStdin && f.filePath === inputs[0]!.filePath) continue;
        try {
          fs.writeFileSync(f.filePath, f.output);
        } catch (err) {
          throw new UsageError(`cannot write the fixes to ${f.filePath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
      }
      if (fromStdin) {
        const text = run.inputs[0]!.text;
        if (text !== undefined) io.stdout(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        report = io.stderr;
        reportStream = 'stderr';
      }
    }
  } else {
    engine = lintInputs(inputs, resolved, project);
  }
  const { internalError, ...full } = engine;
  const result: LintResult = v.quiet ? { ...full, files: full.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })) } : full;

  const level = colorLevel(io, v.color ? true : v['no-color'] ? false : undefined);
  for (const out of outputs) {
    const toTerminal = !out.file && report === io.stdout;
    // A terminal's width (stylish fits its lines to it); piped output and files stay one line per finding.
    const width = toTerminal && io.isTTY && io.columns ? io.columns : undefined;
    const reporterOptions = { color: toTerminal && level > 0, colorLevel: toTerminal ? level : 0, cwd: io.cwd, version: packageVersion(), width };
    if (out.file) {
      const target = path.resolve(io.cwd, out.file);
      const fileIo = <T>(fn: () => T): T => {
        try {
          return fn();
        } catch (err) {
          throw new UsageError(`cannot write ${out.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
      };
      const fd = fileIo(() => {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        return fs.openSync(target, 'w');
      });
      try {
        for (const chunk of formatResultFileChunks(out.format, result, reporterOptions)) fileIo(() => (typeof chunk === 'string' ? fs.writeSync(fd, chunk) : fs.writeSync(fd, chunk)));
      } finally {
        fs.closeSync(fd);
      }
    } else {
      // Printed as it comes (waiting when a pipe is behind, so that a large report is not queued whole);
      // a report that does not end its last line gets a line break.
      let last = '';
      for (const chunk of formatResultChunks(out.format, result, reporterOptions)) {
        if (!chunk) continue;
        if (report(chunk) === false && io.drain) await io.drain(reportStream);
        last = chunk;
      }
      if (last && !last.endsWith('\n')) report('\n');
    }
  }

  const errorCount = result.files.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'error').length, 0);
  const warningCount = full.files.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'warning').length, 0);
  if (internalError) return 2;
  if (errorCount > 0) return 1;
  if (maxWarnings !== undefined && warningCount > maxWarnings) {
    io.stderr(`podlint found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return 0;
};

interface Output {
  format: string;
  file?: string;
}

function parseFormats(values: string[], outputFile: string | undefined): Output[] {
  const outs: Output[] = (values.length ? values : ['stylish']).map((v) => {
    const eq = v.indexOf('=');
    const format = eq >= 0 ? v.slice(0, eq) : v;
    const file = eq >= 0 ? v.slice(eq + 1) : undefined;
    if (!REPORTER_NAMES.includes(format)) throw new UsageError(`unknown format "${format}"; use one of ${REPORTER_NAMES.join(', ')}`);
    if (eq >= 0 && !file) throw new UsageError(`--format ${v}: missing file name after "="`);
    return { format, file };
  });
  if (outputFile !== undefined) {
    const toStdout = outs.filter((o) => !o.file);
    if (toStdout.length !== 1) throw new UsageError('--output-file applies to exactly one format without its own =FILE');
    toStdout[0]!.file = outputFile;
  }
  const stdoutCount = outs.filter((o) => !o.file).length;
  if (stdoutCount > 1) throw new UsageError('only one format can go to standard output; give the others a file: --format sarif=podlint.sarif');
  return outs;
}

let version: string | undefined;
/** podlint's version from its package.json (found from this module: works from src/, dist/ and bundles). */
export function packageVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
