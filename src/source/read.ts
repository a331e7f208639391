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
  /**
   * Set (to the path as given) when a path named by the user does not exist: the CLI and the action
   * refuse the run (exit 2, see pathArgumentProblems); the library's lint() throws.
   */
  notFound?: string;
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

export interface ExpandedPaths {
  /** Absolute paths of the files to read, sorted, each once. */
  files: string[];
  /** Paths that cannot be read, each with its error (a path that does not exist also has `notFound`). */
  errors: InputFile[];
  /** Directories named (as given) in which no file has a manifest extension, ignored or not. */
  empty: string[];
  /** Directories walked, sorted (where kustomize roots and Helm charts are looked for). */
  directories: string[];
  /** The files of `files` that a walk found (not named on the command line). */
  walked: Set<string>;
}

/** Expand files and directories (recursively: .yaml, .yml, .json) into a sorted, de-duplicated file list. */
export function expandPaths(paths: string[], options: ExpandOptions): ExpandedPaths {
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
  const empty: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(options.cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      const notFound = code === 'ENOENT' || code === 'ENOTDIR' ? { notFound: p } : {};
      errors.push({ filePath: abs, error: describeFsError(err, p), ...notFound });
      continue;
    }
    if (stat.isDirectory()) {
      const errorsBefore = errors.length;
      if (walk(abs, files, isIgnored, errors, directories) === 0 && errors.length === errorsBefore) empty.push(p);
    } else if (!isIgnored(abs)) {
      // A file named explicitly is read whatever its extension.
      files.add(abs);
      named.add(abs);
    }
  }
  const walked = new Set([...files].filter((f) => !named.has(f)));
  return { files: [...files].sort(), errors, empty, directories: [...directories].sort(), walked };
}

/** Walk `dir`; returns how many manifest files and ignored entries it met. */
function walk(dir: string, out: Set<string>, isIgnored: (abs: string) => boolean, errors: InputFile[], directories: Set<string>): number {
  directories.add(dir);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    errors.push({ filePath: dir, error: describeFsError(err, dir) });
    return 0;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let met = 0;
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(e.name)) continue;
      if (isIgnored(abs)) met++;
      else met += walk(abs, out, isIgnored, errors, directories);
    } else if ((e.isFile() || e.isSymbolicLink()) && MANIFEST_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
      met++;
      if (!isIgnored(abs)) out.add(abs);
    }
  }
  return met;
}

/**
 * The paths named by the user that give nothing to lint, as messages (for the CLI's exit 2, ESLint's
 * "No files matching the pattern" convention): a path that does not exist, and a directory with no
 * file of a manifest extension in it (one whose manifests are all ignored is fine: the user asked).
 * A file or directory that exists but cannot be read is not here: it is a located finding.
 */
export function pathArgumentProblems(expanded: Pick<ExpandedPaths, 'errors' | 'empty'>): string[] {
  return [
    ...expanded.errors.filter((e) => e.notFound !== undefined).map((e) => `no such file or directory: "${e.notFound}"`),
    ...expanded.empty.map((p) => `no manifest files (${MANIFEST_EXTENSIONS.join(', ')}) in directory "${p}"`),
  ];
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
