/** Linting: options (configuration file + overrides) → files → findings. The CLI, the action and the library use it. */
import path from 'node:path';
import { createLintRun, type EngineResult, type RuleSetting } from './engine/run.js';
import { lintFileText } from './engine/files.js';
import { allRules } from './engine/registry.js';
import { expandPaths, pathArgumentProblems, readInputFile, type InputFile, type IgnoreGroup } from './source/read.js';
import { validateObject, kindStatus } from './schema/validate.js';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, parseKubernetesVersion } from './schema/versions.js';
import { findConfigFile, loadConfig, type PodlintConfig } from './config/config.js';
import type { LintResult, SeveritySetting } from './types.js';
import { CrdRegistry, loadCrdEngine, readCrdPaths, registerCrdTexts, withCrds } from './crd/index.js';

export type RuleSettingInput = SeveritySetting | [SeveritySetting, unknown?];

export interface LintOptions {
  /** '1.28' … '1.36'; default: the configuration's, else the newest bundled. */
  kubernetesVersion?: string;
  /** Severity (and options) per rule id, over the configuration's. */
  rules?: Record<string, RuleSettingInput>;
  /** Glob patterns of files to leave out (relative to cwd). */
  ignorePatterns?: string[];
  /** Directory paths are resolved from and the configuration is searched upward from. Default: process.cwd(). */
  cwd?: string;
  /** A configuration file to use; false to use none; default: search upward from cwd. */
  config?: string | false;
  reportUnusedDisableDirectives?: boolean;
  /** CustomResourceDefinition files or directories (relative to cwd) whose custom resources are validated; they are not linted. */
  crds?: string[];
}

export class PodlintOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PodlintOptionsError';
  }
}

export interface ResolvedLintOptions {
  version: NonNullable<ReturnType<typeof parseKubernetesVersion>>;
  settings: Map<string, RuleSetting>;
  ignore: IgnoreGroup[];
  reportUnusedDisableDirectives: boolean;
  config?: PodlintConfig;
  /** The texts of --crd and configuration `crds:` files. */
  crdFiles?: Array<{ filePath: string; text?: string }>;
}

/** Merge configuration file and options; throws PodlintOptionsError / ConfigError for bad input. */
export async function resolveLintOptions(options: LintOptions = {}): Promise<ResolvedLintOptions> {
  const cwd = options.cwd ?? process.cwd();
  const rules = allRules();
  let config: PodlintConfig | undefined;
  if (options.config !== false) {
    const file = options.config ? path.resolve(cwd, options.config) : findConfigFile(cwd);
    if (file) config = await loadConfig(file, rules);
  }
  const versionText = options.kubernetesVersion ?? config?.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const version = parseKubernetesVersion(versionText);
  if (!version) {
    throw new PodlintOptionsError(`unsupported Kubernetes version "${versionText}"; bundled: ${KUBERNETES_VERSIONS.join(', ')}`);
  }
  const settings = new Map<string, RuleSetting>(config?.rules ?? []);
  const known = new Set(rules.map((r) => r.meta.id));
  for (const [id, s] of Object.entries(options.rules ?? {})) {
    if (!known.has(id)) throw new PodlintOptionsError(`unknown rule "${id}" (podlint rules lists them)`);
    const [severity, opts] = Array.isArray(s) ? s : [s, undefined];
    if (!['off', 'info', 'warning', 'error'].includes(severity)) throw new PodlintOptionsError(`invalid severity "${severity}" for rule "${id}": use off, info, warning or error`);
    const prev = settings.get(id);
    settings.set(id, { severity, options: opts ?? prev?.options });
  }
  const ignore: IgnoreGroup[] = [
    ...(config ? [{ baseDir: config.baseDir, patterns: config.ignorePatterns }] : []),
    { baseDir: cwd, patterns: options.ignorePatterns ?? [] },
  ];
  let crdFiles: ResolvedLintOptions['crdFiles'];
  try {
    crdFiles = [...readCrdPaths(config?.crds ?? [], config?.baseDir ?? cwd), ...readCrdPaths(options.crds ?? [], cwd)];
  } catch (err) {
    throw new PodlintOptionsError((err as Error).message);
  }
  return {
    crdFiles,
    version,
    settings,
    ignore,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives ?? config?.reportUnusedDisableDirectives ?? false,
    config,
  };
}

/**
 * Load what custom resources need when the inputs or the --crd files hold CRDs; await it before
 * lintInputs (without it, custom resources are skipped as kinds without a schema).
 */
export async function prepareLintInputs(inputs: InputFile[], resolved: ResolvedLintOptions): Promise<void> {
  await loadCrdEngine([...(resolved.crdFiles ?? []), ...inputs]);
}

/** Lint already-read inputs (files and stdin) with resolved options; each file is read a batch of documents at a time. */
export function lintInputs(inputs: InputFile[], resolved: ResolvedLintOptions): EngineResult {
  const unreadable = inputs.filter((i) => i.text === undefined).map((i) => ({ filePath: i.filePath, error: i.error ?? 'cannot read file' }));
  const crds = new CrdRegistry();
  registerCrdTexts(crds, [...(resolved.crdFiles ?? []), ...inputs]);
  const schema = withCrds(crds, { validate: validateObject, kindStatus });
  const run = createLintRun({
    kubernetesVersion: resolved.version,
    rules: allRules(),
    settings: resolved.settings,
    validate: schema.validate,
    kindStatus: schema.kindStatus,
    reportUnusedDisableDirectives: resolved.reportUnusedDisableDirectives,
    unreadable,
  });
  for (const input of inputs) if (input.text !== undefined) lintFileText(run, input.filePath, input.text);
  return run.finish();
}

/** The CustomResourceDefinitions of files or directories (for `podlint explain --crd`); throws PodlintOptionsError for a path that cannot be read. */
export function readCrds(paths: string[], cwd: string) {
  const registry = new CrdRegistry();
  try {
    registerCrdTexts(registry, readCrdPaths(paths, cwd));
  } catch (err) {
    throw new PodlintOptionsError((err as Error).message);
  }
  return registry.all();
}

/**
 * Lint files and directories (recursively: .yaml, .yml, .json). Throws PodlintOptionsError when a path
 * does not exist or a directory holds no manifest file (see pathArgumentProblems).
 */
export async function lint(paths: string[], options: LintOptions = {}): Promise<LintResult> {
  const resolved = await resolveLintOptions(options);
  const cwd = options.cwd ?? process.cwd();
  const { files, errors, empty } = expandPaths(paths, { cwd, ignore: resolved.ignore });
  const problems = pathArgumentProblems({ files, errors, empty });
  if (problems.length > 0) throw new PodlintOptionsError(problems.join('\n'));
  const inputs = [...errors, ...files.map(readInputFile)];
  await prepareLintInputs(inputs, resolved);
  const { internalError: _ignored, ...result } = lintInputs(inputs, resolved);
  return result;
}

/** Lint one text (a file's content). No configuration file is read unless `config` names one. */
export async function lintText(text: string, filePath = '<text>', options: LintOptions = {}): Promise<LintResult> {
  const resolved = await resolveLintOptions({ config: false, ...options });
  const inputs = [{ filePath, text }];
  await prepareLintInputs(inputs, resolved);
  const { internalError: _ignored, ...result } = lintInputs(inputs, resolved);
  return result;
}
