/**
 * Custom resources in a lint run: the CRDs of the run, of `--crd` paths and of the configuration are
 * registered first (a cheap scan of the inputs: a CRD may come after its resources), then the engine's
 * kind lookup and schema validation consult them before the bundled built-in schemas.
 */
import path from 'node:path';
import type { KindStatus, SchemaProblem } from '../engine/rule.js';
import { parseManifestText } from '../source/manifests.js';
import { expandPaths, readInputFile } from '../source/read.js';
import { pointerTokens } from '../source/locate.js';
import { goQuote, nameIsDNSSubdomain } from '../k8s/validation.js';
import { CRD_KIND, CrdRegistry, deprecationWarning, isCrdObject } from './registry.js';

export { CrdRegistry } from './registry.js';

interface Base {
  validate(object: unknown, version: string): SchemaProblem[] | null;
  kindStatus(apiVersion: string, kind: string, version: string): KindStatus;
}

type Engine = typeof import('./engine.js');
let engine: Engine | undefined;

/**
 * Load the CRD validation engine (CEL and all) when some input may hold a CRD (or `orIf` says a build
 * may read one). Lint runs are
 * synchronous: callers await this before them; a run without the engine loaded skips custom
 * resources as before.
 */
export async function loadCrdEngine(inputs: Iterable<{ text?: string }>, orIf?: () => boolean): Promise<void> {
  if (engine) return;
  let wanted = false;
  for (const input of inputs) {
    if (input.text !== undefined && input.text.includes(CRD_KIND)) {
      wanted = true;
      break;
    }
  }
  if (wanted || orIf?.()) engine = await import('./engine.js');
}

/** Entries of a kustomization that name files or directories it reads: the items of its lists (resources, bases, components, crds…). */
const KUSTOMIZATION_ITEM = /^[ \t]*-[ \t]+(?:path:[ \t]*)?(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$/gm;

/** The same in flow style (`resources: [a.yaml, ../base]`). */
const KUSTOMIZATION_FLOW_LIST = /^[ \t]*[A-Za-z]+:[ \t]*\[([^\]]*)\]/gm;

/**
 * Whether the kustomizations may read a CRD from a file outside the run (`resources: [../../crds/x.yaml]`):
 * a cheap scan of the kustomization files and what their list items name, files and directories with their
 * kustomization files in turn, for the kind's name. A false yes only loads the engine; remote entries are
 * not followed.
 */
export function kustomizationsMayReadCrd(kustomizationFiles: Iterable<string>, host: { readFile(p: string): string | undefined; isDirectory(p: string): boolean }, kustomizationNames: readonly string[]): boolean {
  const seen = new Set<string>();
  const queue = [...kustomizationFiles];
  while (queue.length > 0 && seen.size < MAX_KUSTOMIZATION_SCAN) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = host.readFile(file);
    if (text === undefined) continue;
    if (text.includes(CRD_KIND)) return true;
    if (!kustomizationNames.includes(path.basename(file))) continue;
    const entries = [...text.matchAll(KUSTOMIZATION_ITEM)].map((m) => m[2]!);
    for (const m of text.matchAll(KUSTOMIZATION_FLOW_LIST)) entries.push(...m[1]!.split(',').map((e) => e.trim().replace(/^(["'])(.*)\1$/, '$2')).filter((e) => e !== ''));
    for (const entry of entries) {
      if (entry.includes('://') || entry.startsWith('github.com/')) continue;
      const target = path.resolve(path.dirname(file), entry);
      if (host.isDirectory(target)) queue.push(...kustomizationNames.map((n) => path.join(target, n)));
      else queue.push(target);
    }
  }
  return false;
}
/** At most this many files are read by kustomizationsMayReadCrd. */
const MAX_KUSTOMIZATION_SCAN = 500;

/** Register the CRDs of texts (files of the run or of --crd); only texts that mention the kind are parsed. */
export function registerCrdTexts(registry: CrdRegistry, inputs: Iterable<{ filePath: string; text?: string }>): void {
  for (const input of inputs) {
    if (input.text === undefined || !input.text.includes(CRD_KIND)) continue;
    let file;
    try {
      file = parseManifestText(input.text, input.filePath);
    } catch {
      continue; // the lint itself reports what does not parse
    }
    for (const mo of file.objects) if (isCrdObject(mo.value)) registry.add(mo.value, input.filePath);
  }
}

/** The engine's validate and kindStatus, with custom resources of known CRDs validated against their schemas. */
export function withCrds(registry: CrdRegistry, base: Base): Base {
  const e = engine;
  if (!e) return base;
  const { validateCustomResource, checkCrd } = e;
  const transitionReported = new Set<string>();
  const firstTransitionRule = (key: string) => {
    if (transitionReported.has(key)) return false;
    transitionReported.add(key);
    return true;
  };
  return {
    kindStatus(apiVersion, kind, version) {
      const status = base.kindStatus(apiVersion, kind, version);
      if (status.status !== 'unknown' || registry.size === 0) return status;
      const found = registry.lookup(apiVersion, kind);
      if (!found) return status;
      if (found.version?.served) return { status: 'served' };
      return { status: 'not-served', crd: true, servedAt: found.crd.versions.filter((v) => v.served).map((v) => `${found.crd.group}/${v.name}`) };
    },
    validate(object, version) {
      const o = object as Record<string, unknown>;
      const found = registry.size && typeof o?.apiVersion === 'string' && typeof o.kind === 'string' ? registry.lookup(o.apiVersion, o.kind) : undefined;
      if (!found) {
        const problems = base.validate(object, version);
        if (problems && isCrdObject(object)) problems.push(...checkCrd(object, Number(version.split('.')[1])));
        return problems;
      }
      const v = found.version;
      if (!v?.served) return null;
      const problems: SchemaProblem[] = [];
      if (v.deprecated) problems.push({ type: 'crd-version', path: '/apiVersion', message: deprecationWarning(found.crd, v) });
      if (!v.schema) return problems;
      const minor = Number(version.split('.')[1]);
      problems.push(...metadataUnknownFields(o.metadata, version, base));
      problems.push(...customResourceNames(o.metadata));
      problems.push(...validateCustomResource(o, v.schema, { minor, key: `${found.crd.group}/${v.name}/${found.crd.kind}`, firstTransitionRule, dropStatus: v.statusSubresource }));
      return problems;
    },
  };
}

/**
 * A custom resource's name and generateName are DNS subdomains: apiextensions' customResourceValidator
 * (registry/customresource/validator.go) validates its ObjectMeta with NameIsDNSSubdomain, whatever the
 * kind. A missing name is invalid-name's (every kind); these are field.Invalid, which do not keep the CEL
 * rules from running.
 */
function customResourceNames(metadata: unknown): SchemaProblem[] {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return [];
  const md = metadata as Record<string, unknown>;
  const out: SchemaProblem[] = [];
  const check = (field: 'generateName' | 'name', prefix: boolean) => {
    const v = md[field];
    if (typeof v !== 'string' || v === '') return;
    for (const detail of nameIsDNSSubdomain(v, prefix)) {
      out.push({ type: 'crd-value', path: `/metadata/${field}`, message: `metadata.${field}: Invalid value: ${goQuote(v)}: ${detail}` });
    }
  };
  check('generateName', true);
  check('name', false);
  return out;
}

/**
 * A custom resource's metadata is ObjectMeta: strict decoding refuses a field ObjectMeta does not have,
 * named by its path (`unknown field "metadata.lables"`). The bundled ObjectMeta schema answers, through
 * a ConfigMap that carries the same metadata.
 */
function metadataUnknownFields(metadata: unknown, version: string, base: Base): SchemaProblem[] {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return [];
  const found = base.validate({ apiVersion: 'v1', kind: 'ConfigMap', metadata }, version) ?? [];
  return found
    .filter((p) => p.type === 'unknown-field' && p.path.startsWith('/metadata/'))
    .map((p) => {
      const name = pointerTokens(p.path).map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : i === 0 ? t : `.${t}`)).join('');
      const out: SchemaProblem = { type: 'unknown-field', path: p.path, message: `unknown field "${name}"` };
      if (p.suggestion !== undefined) out.suggestion = p.suggestion;
      return out;
    });
}

/** Read `--crd` / `crds:` paths (files, or directories of manifests); throws with the path that cannot be read. */
export function readCrdPaths(paths: readonly string[], cwd: string): Array<{ filePath: string; text?: string }> {
  if (paths.length === 0) return [];
  const { files, errors } = expandPaths([...paths], { cwd, ignore: [] });
  const first = errors[0];
  if (first) throw new Error(`--crd ${first.filePath}: ${first.error ?? 'cannot read'}`);
  return files.map((f) => {
    const input = readInputFile(f);
    if (input.text === undefined) throw new Error(`--crd ${f}: ${input.error ?? 'cannot read'}`);
    return input;
  });
}
