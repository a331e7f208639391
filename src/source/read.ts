/** Expanding paths into manifest files and reading them, with clear problems instead of exceptions. */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
/** Files larger than this are not read (a manifest of this size is almost certainly a mistake). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Directories never descended into. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
export const STDIN_PATH = '<stdin>';

export interface InputFile {
  /** Absolute path, or '<stdin>'. */
  filePath: string;
  text?: string;
  /** Why the file could not be read. */
  error?: string;
  /**
   * How it came into the run: 'walk' found in a directory (skipped when it holds no Kubernetes object),
   * 'named' on the command line (the default), 'stdin', or 'read' only read by a kustomize build (a base
   * outside the paths, kept for --fix): not linted on its own.
   */
  found?: 'walk' | 'named' | 'stdin' | 'read';
}

export interface Expanded {
  /** Files to lint, sorted and de-duplicated. */
  files: string[];
  errors: InputFile[];
  /** Directories walked, sorted (where kustomize roots and Helm charts are looked for). */
  directories: string[];
  /** The files of `files` that a walk found (not named on the command line). */
  walked: Set<string>;
}

export interface IgnoreGroup {
  /** Directory the patterns are relative to. */
  baseDir: string;
  patterns: string[];
}

export interface ExpandOptions {
  cwd: string;
  /** Glob patterns of files to leave out, each group relative to its own directory. */
  ignore?: IgnoreGroup[];
}

/** Expand files and directories (recursively: .yaml, .yml, .json) into a sorted, de-duplicated file list. */
export function expandPaths(paths: string[], options: ExpandOptions): Expanded {
  const matchers = (options.ignore ?? [])
    .filter((g) => g.patterns.length > 0)
    .map((g) => ({ baseDir: g.baseDir, match: picomatch(g.patterns, { dot: true }) }));
  const isIgnored = (abs: string) =>
    matchers.some((m) => {
      const rel = path.relative(m.baseDir, abs);
      return !rel.startsWith('..') && !path.isAbsolute(rel) && m.match(toPosix(rel));
    });
  const files = new Set<string>();
  const named = new Set<string>();
  const directories = new Set<string>();
  const errors: InputFile[] = [];
  for (const p of paths) {
    const abs = path.resolve(options.cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      errors.push({ filePath: abs, error: describeFsError(err, p) });
      continue;
    }
    if (stat.isDirectory()) {
      walk(abs, files, isIgnored, errors, directories);
    } else if (!isIgnored(abs)) {
      // A file named explicitly is read whatever its extension.
      files.add(abs);
      named.add(abs);
    }
  }
  const walked = new Set([...files].filter((f) => !named.has(f)));
  return { files: [...files].sort(), errors, directories: [...directories].sort(), walked };
}

function walk(dir: string, out: Set<string>, isIgnored: (abs: string) => boolean, errors: InputFile[], directories: Set<string>): void {
  directories.add(dir);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    errors.push({ filePath: dir, error: describeFsError(err, dir) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(e.name) && !isIgnored(abs)) walk(abs, out, isIgnored, errors, directories);
    } else if ((e.isFile() || e.isSymbolicLink()) && MANIFEST_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !isIgnored(abs)) {
      out.add(abs);
    }
  }
}

/** Read one file as UTF-8 text; binary, huge and unreadable files give an error instead. */
export function readInputFile(filePath: string): InputFile {
  try {
    const stat = fs.statSync(filePath);
    if (stat.size > MAX_FILE_BYTES) {
      return { filePath, error: `file is too large to be a manifest (${(stat.size / 1048576).toFixed(1)} MiB; the limit is ${MAX_FILE_BYTES / 1048576} MiB)` };
    }
    const buf = fs.readFileSync(filePath);
    return decodeInput(filePath, buf);
  } catch (err) {
    return { filePath, error: describeFsError(err, filePath) };
  }
}

/** Bytes → text, refusing binary data. */
export function decodeInput(filePath: string, buf: Buffer): InputFile {
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { filePath, error: 'binary file (it contains NUL bytes); not a YAML or JSON manifest' };
  const text = buf.toString('utf8');
  if (text.includes('\uFFFD') && !buf.includes(Buffer.from('\uFFFD'))) {
    return { filePath, error: 'file is not valid UTF-8 text' };
  }
  return { filePath, text };
}

function describeFsError(err: unknown, shown: string): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `no such file or directory: ${shown}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied: ${shown}`;
    case 'EISDIR':
      return `is a directory: ${shown}`;
    case 'ELOOP':
      return `too many levels of symbolic links: ${shown}`;
    default:
      return `cannot read ${shown}: ${(err as Error)?.message ?? String(err)}`;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
