/**
 * The language server's view of the workspace: configuration per directory (`.podlint.yaml` found
 * upward, re-read when one changes), the manifests beside a document (cross-object rules compare the
 * objects of one directory's files), read from disk once and again only when they change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lintInputs, prepareLintInputs, resolveLintOptions, type ResolvedLintOptions } from '../lint.js';
import { MANIFEST_EXTENSIONS, readInputFile, type InputFile } from '../source/read.js';
import type { FileResult, LintResult } from '../types.js';

/** A document holds Kubernetes objects only if some line names an apiVersion or a kind. */
const MANIFEST_HINT = /^[ \t]*(?:- +)?["']?(?:apiVersion|kind)["']?[ \t]*:/m;

export function looksLikeManifest(text: string): boolean {
  return MANIFEST_HINT.test(text);
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  text: string | undefined;
}

export interface WorkspaceSettings {
  /** Kubernetes version over the configuration file's ('1.28' … '1.36'). */
  kubernetesVersion?: string;
}

export class Workspace {
  private readonly options = new Map<string, Promise<ResolvedLintOptions>>();
  private readonly files = new Map<string, CachedFile>();
  private readonly listings = new Map<string, { mtimeMs: number; names: string[] }>();
  settings: WorkspaceSettings = {};
  /** The workspace folder: a document is linted through the kustomization above it up to here. */
  root: string | undefined;

  /** Forget configuration (a `.podlint.yaml` changed, or the settings did). */
  configurationChanged(): void {
    this.options.clear();
  }

  /** Forget what was read of a file (it changed on disk). */
  fileChanged(filePath: string): void {
    this.files.delete(filePath);
    this.listings.delete(path.dirname(filePath));
    if (path.basename(filePath) === '.podlint.yaml') this.configurationChanged();
  }

  private resolved(dir: string): Promise<ResolvedLintOptions> {
    let p = this.options.get(dir);
    if (!p) {
      p = resolveLintOptions({ cwd: dir, kubernetesVersion: this.settings.kubernetesVersion });
      this.options.set(dir, p);
      // A failed configuration is read again next time (the user is fixing it).
      p.catch(() => this.options.delete(dir));
    }
    return p;
  }

  private readCached(filePath: string): string | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(filePath);
    } catch {
      this.files.delete(filePath);
      return undefined;
    }
    const known = this.files.get(filePath);
    if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known.text;
    // As a lint run reads a file: too large, binary or not UTF-8 gives no text.
    const text = st.isFile() ? readInputFile(filePath).text : undefined;
    this.files.set(filePath, { mtimeMs: st.mtimeMs, size: st.size, text });
    return text;
  }

  private siblings(dir: string): string[] {
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      return [];
    }
    const known = this.listings.get(dir);
    if (known && known.mtimeMs === st.mtimeMs) return known.names;
    let names: string[] = [];
    try {
      names = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => (e.isFile() || e.isSymbolicLink()) && MANIFEST_EXTENSIONS.includes(path.extname(e.name).toLowerCase()))
        .map((e) => path.join(dir, e.name))
        .sort();
    } catch {
      names = [];
    }
    this.listings.set(dir, { mtimeMs: st.mtimeMs, names });
    return names;
  }

  /**
   * Lint a document as `podlint` lints it when named on the command line from the workspace folder: with
   * the other manifests of its directory (open documents as the editor holds them, the others as on disk),
   * and through the kustomization above it when one uses it (its findings, and those of the build, are
   * then located in the files they were written in). Returns the results of every file of the run, by path.
   */
  async lintDocument(filePath: string, text: string, open: ReadonlyMap<string, string>): Promise<{ result: LintResult; byFile: Map<string, FileResult> }> {
    const dir = path.dirname(filePath);
    const resolved = await this.resolved(dir);
    const inputs: InputFile[] = [{ filePath, text, found: 'named' }];
    const seen = new Set([filePath]);
    for (const other of this.siblings(dir)) {
      if (seen.has(other)) continue;
      const t = open.get(other) ?? this.readCached(other);
      seen.add(other);
      if (t !== undefined) inputs.push({ filePath: other, text: t, found: 'walk' });
    }
    // Other open documents: in this directory they are linted with it; elsewhere a build may read them
    // (a base being edited), as the editor holds them.
    for (const [p, t] of open) {
      if (seen.has(p)) continue;
      seen.add(p);
      inputs.push({ filePath: p, text: t, found: path.dirname(p) === dir ? 'walk' : 'read' });
    }
    const root = this.root && !path.relative(this.root, dir).startsWith('..') ? this.root : dir;
    await prepareLintInputs(inputs, resolved);
    const { internalError: _ignored, ...result } = lintInputs(inputs, resolved, { directories: [dir], cwd: root });
    const byFile = new Map(result.files.map((f) => [f.filePath, f]));
    return { result, byFile };
  }
}
