/**
 * What a build reads: files through a BuildHost (node:fs by default, read-only), parsed once per build
 * with their positions, and handed out as fresh tracked copies (origin.ts) so that one file may feed
 * several resources or several kustomizations.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { manifestSource, type ManifestSource } from '../source/manifests.js';
import { parseYaml, TAPE_MAP, TAPE_SEQ, type YamlDocument } from '../source/yaml.js';
import { LineIndex } from '../source/lines.js';
import { trackDocumentValue, type Origin, type FieldOrigin } from './origin.js';

/** The file system a build reads. */
export interface BuildHost {
  readFile(absPath: string): string | undefined;
  isDirectory(absPath: string): boolean;
  listDirectory?(absPath: string): string[] | undefined;
}

export const nodeHost: BuildHost = {
  readFile(p) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDirectory(p) {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  listDirectory(p) {
    try {
      return readdirSync(p).sort();
    } catch {
      return undefined;
    }
  },
};

export interface ParsedFile {
  path: string;
  text: string;
  source: ManifestSource;
  documents: YamlDocument[];
  lines: LineIndex;
}

/** Files read by one build, each parsed once. */
export class FileCache {
  readonly read = new Set<string>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly handedOut = new Set<string>();

  constructor(readonly host: BuildHost) {}

  text(path: string): string | undefined {
    if (!this.texts.has(path)) {
      const t = this.host.isDirectory(path) ? undefined : this.host.readFile(path);
      this.texts.set(path, t);
    }
    const t = this.texts.get(path);
    if (t !== undefined) this.read.add(path);
    return t;
  }

  parse(path: string): ParsedFile | undefined {
    let p = this.parsed.get(path);
    if (p) return p;
    const text = this.text(path);
    if (text === undefined) return undefined;
    const source = manifestSource(path, text);
    p = { path, text, source, documents: parseYaml(source.yamlText).documents, lines: new LineIndex(source.yamlText) };
    this.parsed.set(path, p);
    return p;
  }

  /**
   * The documents of a file as tracked values, new ones on each call (a build changes what it is given).
   * The first call hands out the parse itself; a later one parses the text again, which costs less than
   * copying what may already have been changed.
   */
  values(path: string): { file: ParsedFile; values: unknown[] } | undefined {
    const file = this.parse(path);
    if (!file) return undefined;
    const docs = this.handedOut.has(path) ? parseYaml(file.source.yamlText).documents : file.documents;
    this.handedOut.add(path);
    const values = docs.map((d) => {
      if (d.fatal) return undefined;
      asKyamlReadsIt(d, file.source.yamlText);
      return trackDocumentValue(d, '', path, file.source.rangeOf);
    });
    return { file, values };
  }
}

/** The whole of a file, as an origin (for problems about a file as such). */
export function fileOrigin(path: string): Origin {
  return { filePath: path, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** The text a scalar was written as (a YAML number such as `1.10` keeps its spelling). */
export function writtenText(file: ParsedFile, fo: FieldOrigin | undefined, value: unknown): string {
  if (typeof value === 'string') return value;
  if (!fo || value === null || typeof value === 'object' || value === undefined) return value === null || value === undefined ? '' : String(value);
  const o = fo.value;
  const start = file.lines.lineStart(o.line) + o.column - 1 - (o.line === 1 && file.text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const end = file.lines.lineStart(o.endLine) + o.endColumn - 1 - (o.endLine === 1 && file.text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const raw = file.source.yamlText.slice(start, end).trim();
  return raw || String(value);
}

/** YAML 1.2 booleans: what kustomize's reader (kyaml, go-yaml v3) takes for true and false. */
const YAML12_BOOL = /^(true|True|TRUE|false|False|FALSE)$/;

/**
 * kustomize reads YAML with go-yaml v3, where `yes`, `no`, `on`, `off`, `y` and `n` are strings, not the
 * booleans go-yaml v2 (and so podlint's reader) makes of them: such a value is turned back into the text
 * it was written as. Changes `doc.value` in place, before it is tracked.
 */
export function asKyamlReadsIt(doc: YamlDocument, text: string): void {
  const t = doc.tape;
  const walk = (node: unknown, off: number): void => {
    if (node === null || typeof node !== 'object' || off < 0) return;
    const isMap = t[off] === TAPE_MAP;
    if (!isMap && t[off] !== TAPE_SEQ) return;
    const count = t[off + 3]!;
    for (let i = 0; i < count; i++) {
      const e = off + 5 + 5 * i;
      if (isMap && t[e]! >= 0) {
        // A key go-yaml v2 read as a boolean (`y`, `no`, `on` …) is the word itself for go-yaml v3.
        const name = doc.names[t[off + 4]! + i]!;
        const rawKey = text.slice(t[e]!, t[e + 1]!).trim();
        if ((name === 'true' || name === 'false') && rawKey !== name && !YAML12_BOOL.test(rawKey) && /^[A-Za-z]+$/.test(rawKey)) {
          const m = node as Record<string, unknown>;
          if (!Object.prototype.hasOwnProperty.call(m, rawKey)) {
            m[rawKey] = m[name];
            delete m[name];
            doc.names[t[off + 4]! + i] = rawKey;
          }
        }
      }
      const key = isMap ? doc.names[t[off + 4]! + i]! : i;
      const child = (node as Record<string | number, unknown>)[key];
      // (A block scalar that ends the file without a line break already has go-yaml's value: see yaml.ts.)
      if (typeof child === 'boolean') {
        const raw = text.slice(t[e + 2]!, t[e + 3]!).trim();
        if (!YAML12_BOOL.test(raw) && !raw.startsWith('!')) (node as Record<string | number, unknown>)[key] = raw;
      } else if (child !== null && typeof child === 'object') walk(child, t[e + 4]!);
    }
  };
  walk(doc.value, doc.root);
}
