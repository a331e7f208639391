/**
 * Where the cursor is in a manifest: the object (apiVersion, kind) and the field path around it.
 *
 * Hover reads the parsed document (exact: the node whose key or value holds the offset). Completion
 * happens while the user types, when the text often does not parse (`    ima` on its own line is no
 * YAML yet), so it reads the block structure from indentation instead, as a person does.
 */
import { parseManifestText, type ManifestObject } from '../source/manifests.js';
import { findEntry, TAPE_MAP, TAPE_SEQ, type YamlDocument } from '../source/yaml.js';
import type { K8sObject } from '../types.js';

const RECORD_HEADER = 5;
const ENTRY = 5;

/** A place in a manifest: its object's type and the JSON-pointer tokens of the node there. */
export interface NodeAt {
  apiVersion?: string;
  kind?: string;
  /** Tokens from the object's root (array indices as decimal strings). */
  tokens: string[];
  /** True when the offset is on the key of the last token (a field's name), false on its value. */
  onKey: boolean;
  /** Offsets of the node's key (or value, for sequence items) [start, end). */
  span: [number, number];
}

/** The node at `offset` of `text` (a YAML or JSON manifest), or undefined outside any object. */
export function nodeAt(text: string, offset: number): NodeAt | undefined {
  const file = parseManifestText(text, '<lsp>');
  for (const mo of file.objects) {
    const found = nodeInObject(mo, offset);
    if (found) return found;
  }
  return undefined;
}

function nodeInObject(mo: ManifestObject, offset: number): NodeAt | undefined {
  const doc = mo.document;
  let off = rootOf(doc, mo.basePointer);
  if (off < 0) return undefined;
  const { tape, names } = doc;
  if (offset < tape[off + 1]! || offset > tape[off + 2]!) return undefined;
  const tokens: string[] = [];
  let onKey = false;
  let span: [number, number] = [tape[off + 1]!, tape[off + 2]!];
  for (;;) {
    const count = tape[off + 3]!;
    const isMap = tape[off] === TAPE_MAP;
    let next = -1;
    for (let i = 0; i < count; i++) {
      const e = off + RECORD_HEADER + ENTRY * i;
      const ks = tape[e]!, ke = tape[e + 1]!, vs = tape[e + 2]!, ve = tape[e + 3]!;
      const token = isMap ? names[tape[off + 4]! + i]! : String(i);
      if (ks >= 0 && offset >= ks && offset <= ke) {
        tokens.push(token);
        return { ...typeOf(mo.value), tokens, onKey: true, span: [ks, ke] };
      }
      if (offset >= vs && offset <= ve && (ve > vs || offset === vs)) {
        tokens.push(token);
        onKey = false;
        span = ks >= 0 && tape[e + 4]! >= 0 ? [ks, ke] : [vs, ve];
        next = tape[e + 4]!;
        break;
      }
    }
    if (next < 0) return tokens.length ? { ...typeOf(mo.value), tokens, onKey, span } : undefined;
    off = next;
  }
}

function rootOf(doc: YamlDocument, basePointer: string): number {
  let off = doc.root;
  if (!basePointer) return off;
  // '/items/N'
  const n = Number(basePointer.split('/')[2]);
  const items = findEntry(doc.tape, doc.names, off, 'items');
  if (items < 0) return -1;
  off = doc.tape[items + 4]!;
  if (off < 0 || doc.tape[off] !== TAPE_SEQ || n >= doc.tape[off + 3]!) return -1;
  return doc.tape[off + RECORD_HEADER + ENTRY * n + 4]!;
}

function typeOf(o: K8sObject): { apiVersion?: string; kind?: string } {
  const t: { apiVersion?: string; kind?: string } = {};
  if (typeof o.apiVersion === 'string') t.apiVersion = o.apiVersion;
  if (typeof o.kind === 'string') t.kind = o.kind;
  return t;
}

/** What completion needs: the mapping the cursor is in (its path) and, on `key: |`, the key whose value is typed. */
export interface CompletionContext {
  apiVersion?: string;
  kind?: string;
  /** Field names from the object's root to the mapping being written in ('[]' for a sequence item). */
  path: string[];
  /** Set when the cursor is after `key:` on its line: complete that field's value. */
  valueFor?: string;
  /** Keys already present in that mapping. */
  present: string[];
  /** What is typed before the cursor on the word being completed. */
  prefix: string;
}

interface LineShape {
  /** Leading spaces. */
  ind: number;
  /** Starts with a sequence item's `- `. */
  dash: boolean;
  /** Where the content starts (after `- `). */
  contentInd: number;
  /** The key, when the content is `key: …`. */
  key?: string;
}

const KEY_AT_START = /^([^\s#:'"{}[\],-][^:#]*?|-[^\s:#][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)/;

function shapeOf(line: string): LineShape | undefined {
  const trimmed = line.trimStart();
  if (!trimmed || trimmed.startsWith('#')) return undefined;
  const ind = line.length - trimmed.length;
  const dash = /^- +|^-$/.exec(trimmed);
  const content = dash ? trimmed.slice(dash[0].length) : trimmed;
  const shape: LineShape = { ind, dash: !!dash, contentInd: ind + (dash ? dash[0].length : 0) };
  const k = KEY_AT_START.exec(content);
  if (k) shape.key = unquote(k[1]!);
  return shape;
}

/** The completion context at `line` (0-based), `character` (UTF-16) of a block-YAML text. */
export function completionContext(text: string, line: number, character: number): CompletionContext | undefined {
  const lines = text.split(/\r?\n/);
  const current = lines[line] ?? '';
  const before = current.slice(0, character);
  let first = line;
  while (first > 0 && !/^---(\s|$)/.test(lines[first - 1]!)) first--;
  let last = line;
  while (last + 1 < lines.length && !/^---(\s|$)/.test(lines[last + 1]!)) last++;
  const top = (key: string) => {
    for (let i = first; i <= last; i++) {
      const m = new RegExp(`^${key}:\\s*["']?([^"'#\\s]+)`).exec(lines[i]!);
      if (m) return m[1];
    }
    return undefined;
  };

  let valueFor: string | undefined;
  let prefix: string;
  let want: number;
  let dashInd = -1;
  const keyed = /^(\s*)(- +)?([A-Za-z0-9_.\-/$]+):\s*(\S*)$/.exec(before);
  const bare = keyed ? undefined : /^(\s*)(- +)?([A-Za-z0-9_.\-/$]*)$/.exec(before);
  const m = keyed ?? bare;
  if (!m) return undefined;
  if (keyed) {
    valueFor = keyed[3];
    prefix = keyed[4]!.replace(/^["']/, '');
  } else prefix = m[3]!;
  want = m[1]!.length + (m[2]?.length ?? 0);
  if (m[2] !== undefined) dashInd = m[1]!.length;

  // Keys already written in the mapping being completed.
  const present: string[] = [];
  const scan = (from: number, step: number) => {
    for (let i = from; i >= first && i <= last; i += step) {
      const s = shapeOf(lines[i]!);
      if (!s) continue;
      if (s.contentInd < want) break;
      if (s.contentInd > want) continue;
      if (s.dash) {
        if (step < 0 && s.key) present.push(s.key);
        break;
      }
      if (s.key) present.push(s.key);
    }
  };
  if (dashInd < 0) scan(line - 1, -1);
  scan(line + 1, 1);

  // Walk up to the root: each key that opens a mapping or a sequence we are in.
  const path: string[] = [];
  for (let i = line - 1; i >= first && (want > 0 || dashInd >= 0); i--) {
    const s = shapeOf(lines[i]!);
    if (!s) continue;
    if (dashInd >= 0) {
      // Looking for the key that holds the sequence whose item we are in.
      if (s.ind > dashInd || (s.ind === dashInd && s.dash)) continue;
      if (!s.key || s.contentInd > dashInd) return undefined;
      path.unshift(s.key, '[]');
      want = s.contentInd;
      dashInd = s.dash ? s.ind : -1;
      continue;
    }
    if (s.contentInd === want && s.dash) {
      // The start of the sequence item whose mapping we are in.
      dashInd = s.ind;
      continue;
    }
    if (s.contentInd < want) {
      if (!s.key) return undefined;
      path.unshift(s.key);
      want = s.contentInd;
      if (s.dash) dashInd = s.ind;
    }
  }
  if (dashInd >= 0 || want > 0) return undefined; // a top-level sequence, or text that is no mapping
  const ctx: CompletionContext = { path, present, prefix };
  const apiVersion = top('apiVersion');
  const kind = top('kind');
  if (apiVersion) ctx.apiVersion = apiVersion;
  if (kind) ctx.kind = kind;
  if (valueFor !== undefined) ctx.valueFor = valueFor;
  return ctx;
}

function unquote(k: string): string {
  return /^["'].*["']$/.test(k) ? k.slice(1, -1) : k.trim();
}
