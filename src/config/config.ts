/**
 * .podlint.yaml: found upward from the working directory, or given with --config. Plain data only —
 * no configuration can execute code. Validated against schemas/podlint-config.schema.json, with
 * errors located at file:line:column.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseManifestText } from '../source/manifests.js';
import { locate } from '../source/locate.js';
import { packageRoot } from '../package-root.js';
import type { SeveritySetting } from '../types.js';
import type { Rule } from '../engine/rule.js';
import type { CrossObjectScope, RuleSetting } from '../engine/run.js';

export const CONFIG_FILE_NAMES = ['.podlint.yaml', '.podlint.yml'];

export interface PodlintConfig {
  /** Absolute path of the file it came from. */
  filePath: string;
  kubernetesVersion?: string;
  rules: Map<string, RuleSetting>;
  ignorePatterns: string[];
  /** Directory the ignore patterns are relative to. */
  baseDir: string;
  reportUnusedDisableDirectives?: boolean;
  crossObjectScope?: CrossObjectScope;
  /** `podSecurity:` — the pod-security rule's cluster defaults and exemptions (its options). */
  podSecurity?: Record<string, unknown>;
  /** CRD files or directories (relative to baseDir) whose custom resources are validated. */
  crds?: string[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Find the nearest configuration file upward from `dir`. */
export function findConfigFile(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(cur, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/** Load and validate a configuration file. Throws ConfigError with file:line:column. */
export async function loadConfig(filePath: string, rules: readonly Rule<string, any>[]): Promise<PodlintConfig> {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read configuration file ${filePath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseConfig(text, filePath, rules);
}

export async function parseConfig(text: string, filePath: string, rules: readonly Rule<string, any>[]): Promise<PodlintConfig> {
  const file = parseManifestText(text, filePath);
  const fatal = file.problems.find((p) => p.kind === 'yaml-syntax' || p.kind === 'duplicate-key');
  if (fatal) throw new ConfigError(`${filePath}:${fatal.range.line}:${fatal.range.column}: ${fatal.message}`);
  const doc = file.objects[0]?.document ?? undefined;
  const value: unknown = doc?.value ?? (file.problems.length ? undefined : {});
  const where = (pointer: string, at: 'key' | 'auto' = 'auto') => {
    if (!doc) return `${filePath}:1:1`;
    const l = locate(doc, pointer, at);
    const r = file.rangeOf(l.span);
    return `${filePath}:${r.line}:${r.column}`;
  };
  if (value === undefined || value === null) return emptyConfig(filePath);
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${filePath}:1:1: the configuration must be a mapping`);

  // YAML 1.1 (as Kubernetes reads manifests) turns an unquoted `off` into false: accept it as 'off'.
  const rulesValue = (value as { rules?: unknown }).rules;
  if (rulesValue && typeof rulesValue === 'object' && !Array.isArray(rulesValue)) {
    for (const [k, s] of Object.entries(rulesValue as Record<string, unknown>)) {
      if (s === false) (rulesValue as Record<string, unknown>)[k] = 'off';
      else if (Array.isArray(s) && s[0] === false) s[0] = 'off';
    }
  }
  const { default: Ajv } = await import('ajv');
  const schema = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas/podlint-config.schema.json'), 'utf8'));
  const ajv = new (Ajv as unknown as typeof import('ajv').default)({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (!validate(value)) {
    const e = validate.errors!.find((x) => x.keyword !== 'oneOf') ?? validate.errors![0]!;
    const pointer = e.keyword === 'additionalProperties' ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}` : e.instancePath;
    const what = e.keyword === 'additionalProperties' ? `unknown setting "${(e.params as { additionalProperty: string }).additionalProperty}" (known: kubernetesVersion, rules, ignorePatterns, reportUnusedDisableDirectives, crds, podSecurity, crossObjectScope)` : `${e.instancePath || 'configuration'} ${e.message}`;
    throw new ConfigError(`${where(pointer, e.keyword === 'additionalProperties' ? 'key' : 'auto')}: invalid configuration: ${what}`);
  }
  const v = value as { kubernetesVersion?: string | number; rules?: Record<string, unknown>; ignorePatterns?: string[]; reportUnusedDisableDirectives?: boolean; crossObjectScope?: CrossObjectScope; crds?: string[]; podSecurity?: Record<string, unknown> };
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const settings = new Map<string, RuleSetting>();
  for (const [id, setting] of Object.entries(v.rules ?? {})) {
    const rule = byId.get(id);
    if (!rule) throw new ConfigError(`${where(`/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'key')}: unknown rule "${id}"${suggest(id, [...byId.keys()])}`);
    const [severity, options] = Array.isArray(setting) ? [setting[0] as SeveritySetting, setting[1]] : [setting as SeveritySetting, undefined];
    if (options !== undefined) {
      if (!rule.meta.optionsSchema) throw new ConfigError(`${where(`/rules/${id}/1`)}: rule "${id}" takes no options`);
      const check = ajv.compile(rule.meta.optionsSchema);
      if (!check(options)) {
        const e = check.errors![0]!;
        throw new ConfigError(`${where(`/rules/${id}/1${e.instancePath}`)}: invalid options for rule "${id}": ${e.instancePath || 'options'} ${e.message}`);
      }
    }
    settings.set(id, { severity, options });
  }
  return {
    filePath,
    kubernetesVersion: v.kubernetesVersion === undefined ? undefined : String(v.kubernetesVersion),
    rules: settings,
    ignorePatterns: v.ignorePatterns ?? [],
    baseDir: path.dirname(filePath),
    reportUnusedDisableDirectives: v.reportUnusedDisableDirectives,
    ...(v.crossObjectScope ? { crossObjectScope: v.crossObjectScope } : {}),
    ...(v.podSecurity ? { podSecurity: v.podSecurity } : {}),
    ...(v.crds ? { crds: v.crds } : {}),
  };
}

function emptyConfig(filePath: string): PodlintConfig {
  return { filePath, rules: new Map(), ignorePatterns: [], baseDir: path.dirname(filePath) };
}

/** ` — did you mean "x"?` for the closest candidate within edit distance 3. */
export function suggest(word: string, candidates: string[]): string {
  let best: string | undefined;
  let bestD = 4;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best ? ` — did you mean "${best}"?` : '';
}

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}
