/**
 * Test helpers for the kustomize transformations: tracked objects read from YAML text, and the oracle,
 * the real `kubectl kustomize` (kustomize v5.5) run on a tiny kustomization in a temporary directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { parseManifestText } from '../../src/source/manifests.js';
import { cloneTracked, trackDocumentValue } from '../../src/kustomize/origin.js';
import type { K8sObject } from '../../src/types.js';

/** The objects of a YAML text, every field tracked to `filePath`. */
export function tracked(text: string, filePath: string): K8sObject[] {
  const f = parseManifestText(text, filePath);
  if (f.problems.length) throw new Error(`${filePath}: ${f.problems.map((p) => p.message).join('; ')}`);
  return f.objects.map((o) => cloneTracked(trackDocumentValue(o.document, o.basePointer, filePath, f.rangeOf) as K8sObject));
}

/** Any YAML value (a patch list, a replacements list …), tracked to `filePath`. */
export function trackedValue(text: string, filePath: string): unknown {
  const f = parseManifestText(`kind: Holder\nvalue:\n${text.replace(/^/gm, '  ')}`, filePath);
  const o = f.objects[0]!;
  return cloneTracked(trackDocumentValue(o.document, '/value', filePath, f.rangeOf));
}

function findKubectl(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'kubectl');
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

export const KUBECTL = findKubectl();
export const kubectlMissing = KUBECTL === undefined ? 'kubectl is not on PATH: the kustomize oracle cases are skipped' : undefined;

export type OracleResult = { ok: true; objects: K8sObject[] } | { ok: false; error: string };

/** `kubectl kustomize` on a directory made of `files` (name → text). */
export function kustomize(files: Record<string, string>): OracleResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-kustomize-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const r = spawnSync(KUBECTL!, ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) return { ok: false, error: (r.stderr || String(r.error)).trim() };
    return { ok: true, objects: parseAllDocuments(r.stdout).map((d) => d.toJS() as K8sObject).filter((o) => o !== null) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Plain JSON of a tracked value (drops nothing: tracked values are plain JSON). */
export function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}

export function yamlValue(text: string): unknown {
  return parseYaml(text);
}
