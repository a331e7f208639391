/** Linting: options (configuration file + overrides) → files → findings. The CLI, the action and the library use it. */
import path from 'node:path';
import { createLintRun, CROSS_OBJECT_SCOPES, type CrossObjectScope, type EngineResult, type RuleSetting } from './engine/run.js';
import { lintFileText } from './engine/files.js';
import { allRules } from './engine/registry.js';
import { expandPaths, pathArgumentProblems, readInputFile, STDIN_PATH, type InputFile, type IgnoreGroup } from './source/read.js';
import { fileHost } from './project/host.js';
import { planProject, type Kustomize } from './project/plan.js';
import { KUSTOMIZATION_FILE_NAMES } from './kustomize/names.js';
import { kustomize as inProcessKustomize, loadKustomizeFor, mayMeetKustomization } from './project/kustomize.js';
import { validateObject, kindStatus } from './schema/validate.js';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, parseKubernetesVersion } from './schema/versions.js';
import { findConfigFile, loadConfig, type PodlintConfig } from './config/config.js';
import type { K8sObject, LintResult, SeveritySetting } from './types.js';
import { locateBuilt } from './kustomize/origin.js';
import { collectNamespaceLabels } from './engine/namespaces.js';
import { parseLevelVersion, PSA_MODES, type PsaMode } from './k8s/pod-security.js';
import { CrdRegistry, kustomizationsMayReadCrd, loadCrdEngine, readCrdPaths, registerCrdTexts, withCrds } from './crd/index.js';

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
  /** Which objects cross-object rules compare: 'unit' (default), 'file', 'directory' or 'run'. */
  crossObjectScope?: CrossObjectScope;
  /**
   * The cluster-wide Pod Security Standards defaults for the pod-security rule, `LEVEL[:VERSION]` per
   * mode (--pod-security), over the configuration's `podSecurity`.
   */
  podSecurity?: Partial<Record<PsaMode, string>>;
  /** CustomResourceDefinition files or directories (relative to cwd) whose custom resources are validated; they are not linted. */
  crds?: string[];
}

/** The id of the rule the Namespace pre-pass and the podSecurity settings feed. */
const POD_SECURITY_RULE = 'pod-security';

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
  crossObjectScope: CrossObjectScope;
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
  if (config?.podSecurity || options.podSecurity) {
    const ps: Record<string, unknown> = { ...config?.podSecurity };
    for (const mode of PSA_MODES) {
      const text = options.podSecurity?.[mode];
      if (text === undefined) continue;
      if (!parseLevelVersion(text)) throw new PodlintOptionsError(`invalid --pod-security ${mode === 'enforce' ? '' : `${mode}=`}${text}: use LEVEL[:VERSION], LEVEL privileged, baseline or restricted, VERSION v1.N or latest`);
      ps[mode] = text;
    }
    const prev = settings.get(POD_SECURITY_RULE);
    const prevOptions = prev?.options && typeof prev.options === 'object' ? (prev.options as Record<string, unknown>) : {};
    settings.set(POD_SECURITY_RULE, { ...prev, options: { ...prevOptions, ...ps } });
  }
  const ignore: IgnoreGroup[] = [
    ...(config ? [{ baseDir: config.baseDir, patterns: config.ignorePatterns }] : []),
    { baseDir: cwd, patterns: options.ignorePatterns ?? [] },
  ];
  const crossObjectScope = options.crossObjectScope ?? config?.crossObjectScope ?? 'unit';
  if (!CROSS_OBJECT_SCOPES.includes(crossObjectScope)) throw new PodlintOptionsError(`invalid cross-object scope "${crossObjectScope}": use ${CROSS_OBJECT_SCOPES.join(', ')}`);
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
    crossObjectScope,
    config,
  };
}

/** How long the read inputs' texts are, in all (in UTF-16 units). */
export function inputChars(inputs: readonly InputFile[]): number {
  let n = 0;
  for (const input of inputs) n += input.text?.length ?? 0;
  return n;
}

/**
 * Load what the inputs need beyond plain manifests, and only then: the CRD engine when they or the --crd
 * files hold CRDs (without it, custom resources are skipped as kinds without a schema), the kustomize
 * build when they may meet a kustomization (without it, a build is an internal error). Await it before
 * lintInputs.
 */
export async function prepareLintInputs(inputs: InputFile[], resolved: ResolvedLintOptions): Promise<void> {
  const files = inputs.filter((i) => i.text !== undefined && !isStdin(i)).map((i) => i.filePath);
  // a kustomization may read a CRD from outside the paths linted (resources: [../../crds/x.yaml])
  const host = () => fileHost(new Map(inputs.filter((i) => i.text !== undefined && !isStdin(i)).map((i) => [i.filePath, i.text!])));
  await loadCrdEngine([...(resolved.crdFiles ?? []), ...inputs], () => mayMeetKustomization(files) && kustomizationsMayReadCrd(kustomizationFilesOf(files), host(), KUSTOMIZATION_FILE_NAMES));
  await loadKustomizeFor(files);
}

/** The kustomization files among `files` and in their directories and those above (the roots a run may build). */
function kustomizationFilesOf(files: readonly string[]): string[] {
  const out = new Set<string>();
  const checked = new Set<string>();
  for (const f of files) {
    if (KUSTOMIZATION_FILE_NAMES.includes(path.basename(f))) out.add(path.resolve(f));
    for (let d = path.dirname(path.resolve(f)); !checked.has(d); d = path.dirname(d)) {
      checked.add(d);
      for (const n of KUSTOMIZATION_FILE_NAMES) out.add(path.join(d, n));
      if (path.dirname(d) === d) break;
    }
  }
  return [...out];
}

/** Standard input (a stream of its own, never a file on disk). */
function isStdin(i: InputFile): boolean {
  return i.found === 'stdin' || i.filePath === STDIN_PATH;
}

/** How lintInputs sees the inputs as a repository. */
export interface ProjectOptions {
  /** Directories walked (where kustomize roots are looked for); default: those of the walked inputs. */
  directories?: readonly string[];
  /** Directory `# Source:` names of a helm template stream and paths in messages are relative to. Default: process.cwd(). */
  cwd?: string;
  /** The kustomize build to use; false: build nothing (kustomizations are then plain files). Default: podlint's own. */
  kustomize?: Kustomize | false;
}

/**
 * Lint already-read inputs (files and stdin) with resolved options, as a repository is applied: kustomize
 * roots are built and their objects linted (the files a build reads are not linted on their own), Helm
 * charts are reported and their templates left alone, and every other file is read a batch of documents at
 * a time. Cross-object rules compare the objects of one unit (a build, a directory's files, stdin).
 */
export function lintInputs(inputs: InputFile[], resolved: ResolvedLintOptions, project: ProjectOptions = {}): EngineResult {
  const cwd = project.cwd ?? process.cwd();
  const unreadable = inputs.filter((i) => i.text === undefined).map((i) => ({ filePath: i.filePath, error: i.error ?? 'cannot read file' }));
  const texts = new Map<string, string>();
  for (const i of inputs) if (i.text !== undefined && !isStdin(i)) texts.set(i.filePath, i.text);
  const host = fileHost(texts);
  const linted = inputs.filter((i) => i.text !== undefined && !isStdin(i) && i.found !== 'read');
  const walked = linted.filter((i) => i.found === 'walk');
  const directories = project.directories ?? [...new Set(walked.map((i) => path.dirname(i.filePath)))].sort();
  const kustomize = project.kustomize === false ? undefined : (project.kustomize ?? inProcessKustomize);
  const named = linted.filter((i) => i.found !== 'walk').map((i) => i.filePath);
  const crds = new CrdRegistry();
  registerCrdTexts(crds, [...(resolved.crdFiles ?? []), ...inputs]);
  const schema = withCrds(crds, { validate: validateObject, kindStatus });
  const plan = planProject({ directories, files: linted.map((i) => i.filePath), named, within: cwd, host, kustomize });
  // CRDs a build reads from files outside the run (a kustomization's ../../crds/x.yaml)
  for (const b of plan.builds) for (const r of b.resources) crds.add(r.object, b.kustomizationFile);

  const run = createLintRun({
    kubernetesVersion: resolved.version,
    rules: allRules(),
    settings: withNamespaceLabels(resolved.settings, inputs),
    validate: schema.validate,
    kindStatus: schema.kindStatus,
    reportUnusedDisableDirectives: resolved.reportUnusedDisableDirectives,
    unreadable,
    crossObjectScope: resolved.crossObjectScope,
    readText: (filePath) => texts.get(filePath) ?? host.readFile(filePath),
  });
  for (const b of plan.builds) {
    run.built({
      root: b.root,
      kustomizationFile: b.kustomizationFile,
      objects: b.resources.map((r) => r.object),
      locate: locateBuiltField,
      editable: (filePath) => !KUSTOMIZATION_FILE_NAMES.includes(path.basename(filePath)),
    });
    for (const p of b.problems) {
      const ruleId = p.kind === 'not-fetched' ? 'kustomize-not-fetched' : 'kustomize-build';
      run.report(p.origin.filePath, { ruleId, messageId: ruleId === 'kustomize-build' ? 'failed' : 'notFetched', data: { message: p.message }, range: p.origin });
    }
  }
  for (const c of plan.crashed) {
    run.report(c.kustomizationFile, { ruleId: 'internal-error', messageId: 'crashed', data: { rule: 'kustomize build', message: c.message }, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
  }
  for (const chart of plan.charts) {
    const text = host.readFile(chart.chartFile) ?? '';
    const m = /^name:[ \t]*["']?([^"'\s#]+)/m.exec(text);
    const line = m ? text.slice(0, m.index).split('\n').length : 1;
    const rel = path.relative(cwd, chart.dir) || '.';
    const dir = rel.startsWith('..') || path.isAbsolute(rel) ? chart.dir : rel.split(path.sep).join('/');
    run.report(chart.chartFile, { ruleId: 'helm-chart', messageId: 'notRendered', data: { chart: m?.[1] ?? path.basename(chart.dir), dir }, range: { line, column: 1, endLine: line, endColumn: m ? m[0].length + 1 : 1 } });
  }
  for (const input of inputs) {
    if (input.text === undefined || input.found === 'read') continue;
    if (isStdin(input)) {
      lintFileText(run, input.filePath, input.text, { unit: `stdin:${input.filePath}`, sourceComments: (name) => path.resolve(cwd, name) });
      continue;
    }
    if (plan.excluded.has(input.filePath)) continue;
    if (plan.consumed.has(input.filePath)) {
      run.touch(input.filePath);
      continue;
    }
    lintFileText(run, input.filePath, input.text, input.found === 'walk' ? { skipIfNotManifest: true } : undefined);
  }
  const result = run.finish();
  if (plan.crashed.length) result.internalError = true;
  return result;
}

/** A built object's field → where it was written (src/kustomize/origin.ts). */
function locateBuiltField(object: K8sObject, pointer: string, at: 'key' | 'value' | 'auto') {
  const l = locateBuilt(object, pointer, at);
  return l ? { ...l.origin, exact: l.exact } : undefined;
}

/**
 * Paths (files, directories) → the inputs of a run, each marked with how it was found, the directories
 * walked, and the paths that give nothing to lint (pathArgumentProblems: the CLI's exit 2).
 */
export function readPaths(paths: string[], options: { cwd: string; ignore?: IgnoreGroup[] }): { inputs: InputFile[]; directories: string[]; problems: string[] } {
  const expanded = expandPaths(paths, options);
  const inputs: InputFile[] = [...expanded.errors];
  for (const f of expanded.files) inputs.push({ ...readInputFile(f), found: expanded.walked.has(f) ? 'walk' : 'named' });
  return { inputs, directories: expanded.directories, problems: pathArgumentProblems(expanded) };
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
 * The pod-security rule judges a pod by the labels of its Namespace, which may be anywhere in the run:
 * a cheap pre-pass over the inputs' text (only documents that mention `Namespace` are parsed) hands
 * them to the rule as options, so that pods are judged, and located, while their documents are alive.
 */
function withNamespaceLabels(settings: Map<string, RuleSetting>, inputs: InputFile[]): Map<string, RuleSetting> {
  if (settings.get(POD_SECURITY_RULE)?.severity === 'off') return settings;
  const namespaces = collectNamespaceLabels(inputs);
  if (!namespaces.size) return settings;
  const prev = settings.get(POD_SECURITY_RULE);
  const prevOptions = prev?.options && typeof prev.options === 'object' ? (prev.options as Record<string, unknown>) : {};
  const out = new Map(settings);
  out.set(POD_SECURITY_RULE, { ...prev, options: { ...prevOptions, namespaces: Object.fromEntries(namespaces) } });
  return out;
}

/**
 * Lint files and directories (recursively: .yaml, .yml, .json). Throws PodlintOptionsError when a path
 * does not exist or a directory holds no manifest file (see pathArgumentProblems).
 */
export async function lint(paths: string[], options: LintOptions = {}): Promise<LintResult> {
  const resolved = await resolveLintOptions(options);
  const cwd = options.cwd ?? process.cwd();
  const { inputs, directories, problems } = readPaths(paths, { cwd, ignore: resolved.ignore });
  if (problems.length > 0) throw new PodlintOptionsError(problems.join('\n'));
  await prepareLintInputs(inputs, resolved);
  const { internalError: _ignored, ...result } = lintInputs(inputs, resolved, { directories, cwd });
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
