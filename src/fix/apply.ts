/**
 * Applying fix descriptors (`{path, op: 'set' | 'remove', value}`, see src/types.ts) to a manifest's text.
 *
 * Each fix becomes the smallest text edit that does the job, computed from the source positions of the
 * position tape (src/source/yaml.ts), so comments, quoting, key order and indentation elsewhere stay as
 * they were:
 *   - set an existing scalar: replace the scalar's span;
 *   - set a missing key of a block mapping: insert `key: value` (or `key:` and a block) after the
 *     mapping's last line, at its entries' indentation and in the file's indentation style;
 *   - set a missing key of a flow mapping (JSON): insert `, "key": value` after its last entry;
 *   - remove an entry of a block mapping or an item of a block sequence: delete its lines.
 * Anything else (a collection replaced, an empty flow `{}`, a key that shares its line) falls back to
 * yaml's Document API on the one document concerned (`parseDocument`, `setIn` / `deleteIn`, `toString`),
 * which keeps comments but may re-space that document.
 *
 * Every edit is checked before it is kept: the edited text is parsed again and must read, document by
 * document, as exactly the old values with the fix applied — no new syntax error, no new duplicate key,
 * nothing else changed. A fix that cannot be applied that way is skipped, never written half-done.
 */
import { parseDocument, isMap, isSeq, isScalar as isYamlScalar, type Document } from 'yaml';
import { parseYaml, TAPE_MAP, TAPE_SEQ, findEntry, findItem, type ParsedYaml, type YamlDocument } from '../source/yaml.js';
import { pointerTokens } from '../source/locate.js';
import type { Fix } from '../types.js';
import { blockEntry, blockValue, blockScalar, flowScalar, flowValue, isScalar, type BlockStyle } from './render.js';

/** A fix aimed at one object of a file. */
export interface TargetedFix {
  /** 0-based document index in the file. */
  documentIndex: number;
  /** Pointer of the object inside its document: '' or '/items/3' for an item of a `kind: List`. */
  basePointer: string;
  fix: Fix;
}

export interface ApplyResult {
  output: string;
  applied: TargetedFix[];
  /** Fixes that could not be applied safely, or that would change nothing. */
  skipped: TargetedFix[];
}

const RECORD_HEADER = 5;
const ENTRY = 5;

/** A replacement of text [start, end) of the document text (the text without a byte order mark). */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Apply fixes to a text. Fast path: every fix's minimal edit is computed on the same parse, the edits that
 * do not overlap are applied together and checked with one parse of the result. Fixes left over (an edit
 * overlapping another, one that needs the Document API) and, if that check fails, all of them, are then
 * applied one after another, each checked on its own; a fix that fails is left out.
 */
export function applyFixes(text: string, fixes: readonly TargetedFix[]): ApplyResult {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const parsed = parseYaml(body);
  const editors = new Map<number, TextEditor>();
  const planned: Array<{ fix: TargetedFix; edit: Edit }> = [];
  const later: TargetedFix[] = [];
  const skipped: TargetedFix[] = [];
  const expected = new Map<number, { value: unknown }>();
  for (const f of fixes) {
    const doc = parsed.documents[f.documentIndex];
    const tokens = pointerTokens(f.basePointer + f.fix.path);
    if (!doc || doc.fatal || doc.value === undefined || tokens.length === 0) {
      skipped.push(f);
      continue;
    }
    let editor = editors.get(doc.index);
    if (!editor) editors.set(doc.index, (editor = new TextEditor(body, doc)));
    const edit = editor.apply(tokens, f.fix);
    if (!edit || planned.some((p) => overlaps(p.edit, edit))) {
      later.push(f);
      continue;
    }
    const value = expected.get(doc.index) ?? { value: structuredClone(doc.value) };
    if (!patch(value.value, tokens, f.fix)) {
      skipped.push(f); // changes nothing, or has nowhere to go
      continue;
    }
    expected.set(doc.index, value);
    planned.push({ fix: f, edit });
  }
  if (planned.length > 0) {
    const candidate = applyEdits(body, planned.map((p) => p.edit));
    if (reads(candidate, parsed, expected)) {
      const rest = applySequentially(bom + candidate, later);
      return { output: rest.output, applied: [...planned.map((p) => p.fix), ...rest.applied], skipped: [...skipped, ...rest.skipped] };
    }
  }
  const all = applySequentially(text, planned.length > 0 ? fixes.filter((f) => !skipped.includes(f)) : later);
  return { output: all.output, applied: all.applied, skipped: [...skipped, ...all.skipped] };
}

function applySequentially(text: string, fixes: readonly TargetedFix[]): ApplyResult {
  let output = text;
  const applied: TargetedFix[] = [];
  const skipped: TargetedFix[] = [];
  for (const f of fixes) {
    const next = applyFix(output, f);
    if (next === undefined) skipped.push(f);
    else {
      output = next;
      applied.push(f);
    }
  }
  return { output, applied, skipped };
}

/** Two edits touch the same text (insertions at one point do not: they are applied in order). */
function overlaps(a: Edit, b: Edit): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  // For an insertion at P this is: P strictly inside the other range.
  return a.start < b.end && b.start < a.end;
}

/** Apply non-overlapping edits; insertions at the same point keep their order. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const order = edits.map((e, i) => ({ e, i })).sort((x, y) => x.e.start - y.e.start || x.e.end - y.e.end || x.i - y.i);
  let out = '';
  let at = 0;
  for (const { e } of order) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The text with one fix applied, or undefined when it cannot be applied safely or changes nothing. */
export function applyFix(text: string, target: TargetedFix): string | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const parsed = parseYaml(body);
  const doc = parsed.documents[target.documentIndex];
  if (!doc || doc.fatal || doc.value === undefined) return undefined;
  const tokens = pointerTokens(target.basePointer + target.fix.path);
  if (tokens.length === 0) return undefined;
  const value = structuredClone(doc.value);
  if (!patch(value, tokens, target.fix)) return undefined;
  const expected = new Map([[doc.index, { value }]]);

  const check = (candidate: string | undefined): string | undefined => (candidate !== undefined && reads(candidate, parsed, expected) ? bom + candidate : undefined);
  const editor = new TextEditor(body, doc);
  const edit = editor.apply(tokens, target.fix);
  return check(edit && applyEdits(body, [edit])) ?? check(documentEdit(body, doc, editor.rootEnd(), tokens, target.fix, editor.style()));
}

// ---------------------------------------------------------------------------------------------------------
// Expected result and verification

/** Apply a fix to a (copied) value in place; false when it does not apply or changes nothing. */
function patch(root: unknown, tokens: string[], fix: Fix): boolean {
  let parent: unknown = root;
  for (const t of tokens.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return false;
    parent = Array.isArray(parent) ? parent[Number(t)] : own(parent, t) ? (parent as Record<string, unknown>)[t] : undefined;
  }
  if (parent === null || typeof parent !== 'object') return false;
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    if (!/^(0|[1-9][0-9]*)$/.test(last) || Number(last) >= parent.length) return false;
    const i = Number(last);
    if (fix.op === 'remove') parent.splice(i, 1);
    else {
      if (deepEqual(parent[i], fix.value)) return false;
      parent[i] = structuredClone(fix.value);
    }
    return true;
  }
  const obj = parent as Record<string, unknown>;
  if (fix.op === 'remove') {
    if (!own(obj, last)) return false;
    delete obj[last];
  } else {
    if (fix.value === undefined || (own(obj, last) && deepEqual(obj[last], fix.value))) return false;
    obj[last] = structuredClone(fix.value);
  }
  return true;
}

/** Does `candidate` read as the old documents, those in `expected` changed to their values, without new problems? */
function reads(candidate: string, before: ParsedYaml, expected: ReadonlyMap<number, { value: unknown }>): boolean {
  const after = parseYaml(candidate);
  if (after.documents.length !== before.documents.length) return false;
  return after.documents.every((d, i) => {
    const old = before.documents[i]!;
    if (d.fatal || d.problems.length > old.problems.length) return false;
    return deepEqual(d.value, (expected.get(i) ?? old).value);
  });
}

function own(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => own(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

// ---------------------------------------------------------------------------------------------------------
// Minimal text edits from the position tape

class TextEditor {
  private readonly tape: Int32Array;
  private readonly eol: string;
  private cachedStyle: BlockStyle | undefined;

  constructor(
    private readonly text: string,
    private readonly doc: YamlDocument,
  ) {
    this.tape = doc.tape;
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** The minimal edit for a fix, or undefined when it needs the Document API. */
  apply(tokens: string[], fix: Fix): Edit | undefined {
    const { tape } = this;
    // Walk to the parent collection of the last token.
    let off = this.doc.root;
    for (const t of tokens.slice(0, -1)) {
      if (off < 0) return undefined;
      const e = this.entry(off, t);
      if (e < 0) return undefined;
      off = tape[e + 4]!;
    }
    if (off < 0) return undefined;
    const last = tokens[tokens.length - 1]!;
    const e = this.entry(off, last);
    const flow = this.isFlow(off);
    if (fix.op === 'remove') return e < 0 || flow ? undefined : this.removeLines(off, e);
    if (e >= 0) return this.replaceValue(e, fix.value, flow);
    if (tape[off] !== TAPE_MAP) return undefined;
    return flow ? this.insertFlow(off, last, fix.value) : this.insertBlock(off, last, fix.value);
  }

  /** End of the document's root collection, closing bracket included. */
  rootEnd(): number {
    return this.doc.root >= 0 ? this.recordEnd(this.doc.root) : this.doc.span[1];
  }

  /** Indentation unit and sequence style of this document (defaults: 2 spaces, indented sequences). */
  style(): BlockStyle {
    if (this.cachedStyle) return this.cachedStyle;
    const { tape, text } = this;
    let unit = Infinity;
    let indented = 0;
    let indentless = 0;
    for (let off = 0; off < tape.length; off += RECORD_HEADER + ENTRY * tape[off + 3]!) {
      if (tape[off] !== TAPE_MAP || this.isFlow(off)) continue;
      for (let i = 0; i < tape[off + 3]!; i++) {
        const e = off + RECORD_HEADER + ENTRY * i;
        const child = tape[e + 4]!;
        if (child < 0 || this.isFlow(child) || tape[e]! < 0) continue;
        const keyCol = column(text, tape[e]!);
        const childCol = column(text, this.firstStart(child));
        if (tape[child] === TAPE_MAP && childCol > keyCol && text.slice(tape[e + 1]!, this.firstStart(child)).includes('\n')) unit = Math.min(unit, childCol - keyCol);
        if (tape[child] === TAPE_SEQ) {
          const dash = column(text, tape[child + 1]!);
          if (dash > keyCol) {
            indented++;
            unit = Math.min(unit, dash - keyCol);
          } else indentless++;
        }
      }
    }
    return (this.cachedStyle = { unit: Number.isFinite(unit) ? unit : 2, indentSequences: indented >= indentless });
  }

  private entry(off: number, token: string): number {
    const { tape } = this;
    if (tape[off] === TAPE_MAP) {
      const e = findEntry(tape, this.doc.names, off, token);
      // An entry copied in by a `<<` merge lives elsewhere in the text: editing it would edit the anchor.
      return e >= 0 && this.inside(off, tape[e]!) ? e : -1;
    }
    return /^(0|[1-9][0-9]*)$/.test(token) ? findItem(tape, off, Number(token)) : -1;
  }

  private inside(off: number, pos: number): boolean {
    return pos >= this.tape[off + 1]! && pos <= this.tape[off + 2]!;
  }

  private isFlow(off: number): boolean {
    const c = this.text[this.tape[off + 1]!];
    return c === '{' || c === '[';
  }

  /** Start of the first own entry (key for a mapping, value for a sequence item) of a record. */
  private firstStart(off: number): number {
    const { tape } = this;
    const count = tape[off + 3]!;
    for (let i = 0; i < count; i++) {
      const e = off + RECORD_HEADER + ENTRY * i;
      const s = tape[off] === TAPE_MAP ? tape[e]! : tape[e + 2]!;
      if (this.inside(off, s)) return s;
    }
    return tape[off + 1]!;
  }

  /** End of the last own entry of a record (keys included, nested collections closed). */
  private lastEnd(off: number): number {
    const { tape } = this;
    let end = -1;
    for (let i = 0; i < tape[off + 3]!; i++) {
      const e = off + RECORD_HEADER + ENTRY * i;
      const start = tape[off] === TAPE_MAP ? tape[e]! : tape[e + 2]!;
      if (this.inside(off, start)) end = Math.max(end, this.entryEnd(e), tape[e + 1]!);
    }
    return end;
  }

  /** End of an entry's value: for a collection, after its last entry and, in flow style, its closing bracket. */
  private entryEnd(e: number): number {
    const { tape, text } = this;
    const child = tape[e + 4]!;
    if (child < 0 || text[tape[e + 2]!] === '*') return tape[e + 3]!; // a scalar, or an alias
    return this.recordEnd(child);
  }

  private recordEnd(off: number): number {
    const { tape, text } = this;
    const flow = this.isFlow(off);
    const last = this.lastEnd(off);
    if (!flow) return Math.max(last, tape[off + 2]!);
    let pos = last < 0 ? tape[off + 1]! + 1 : last;
    // Skip blanks, comments and a trailing comma up to the closing bracket.
    for (;;) {
      const c = text[pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',') pos++;
      else if (c === '#') {
        const nl = text.indexOf('\n', pos);
        pos = nl < 0 ? text.length : nl;
      } else break;
    }
    return text[pos] === '}' || text[pos] === ']' ? pos + 1 : Math.max(last, tape[off + 2]!);
  }

  private replaceValue(e: number, value: unknown, flow: boolean): Edit | undefined {
    const { tape, text } = this;
    if (tape[e + 4]! >= 0) return undefined; // a collection value: the Document API replaces it
    const [vs, ve] = [tape[e + 2]!, tape[e + 3]!];
    const keyEnd = tape[e + 1]!;
    if (flow) {
      const json = text[vs] === '"' || isJsonFile(text);
      const rendered = isScalar(value) ? flowScalar(value, json) : flowValue(value, json, 0, 0, false);
      return vs === ve ? undefined : { start: vs, end: ve, text: rendered };
    }
    if (isScalar(value)) {
      if (vs !== ve) return { start: vs, end: ve, text: blockScalar(value) };
      // An empty value (`key:`): write after the colon.
      const colon = keyEnd >= 0 ? text.indexOf(':', keyEnd) : -1;
      return colon < 0 ? undefined : { start: colon + 1, end: colon + 1, text: ' ' + blockScalar(value) };
    }
    // A scalar replaced by a collection: `key: null` → `key:` and a block below, at the key's indentation + unit.
    if (keyEnd < 0) return undefined;
    const colon = text.indexOf(':', keyEnd);
    if (colon < 0 || text.slice(colon + 1, vs).trim() !== '') return undefined;
    const style = this.style();
    const keyCol = column(text, tape[e]!);
    const lines = blockValue(value, Array.isArray(value) && !style.indentSequences ? keyCol : keyCol + style.unit, style);
    if (lines.length === 0) return undefined;
    return { start: colon + 1, end: ve, text: this.eol + lines.join(this.eol) };
  }

  private insertBlock(off: number, key: string, value: unknown): Edit | undefined {
    const { text } = this;
    const first = this.firstStart(off);
    const end = this.lastEnd(off);
    if (end < 0) return undefined;
    const indent = column(text, first);
    const lines = blockEntry(key, value, indent, this.style());
    // After the line holding the mapping's last character (its trailing comment stays on that line).
    const nl = text.indexOf('\n', Math.max(end - 1, first));
    if (nl < 0) return { start: text.length, end: text.length, text: this.eol + lines.join(this.eol) };
    return { start: nl + 1, end: nl + 1, text: lines.join(this.eol) + this.eol };
  }

  private insertFlow(off: number, key: string, value: unknown): Edit | undefined {
    const { tape, text } = this;
    if (tape[off + 3]! === 0) return undefined; // `{}`: the Document API writes it
    const first = this.firstStart(off);
    const end = this.lastEnd(off);
    const json = text[first] === '"' || isJsonFile(text);
    const multiline = text.slice(tape[off + 1]!, first).includes('\n');
    const indent = column(text, first);
    const k = json ? JSON.stringify(key) : blockScalar(key);
    const open = tape[off + 1]!;
    const openLineIndent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', open - 1) + 1))![0].length;
    const v = isScalar(value) ? flowScalar(value, json) : flowValue(value, json, indent, Math.max(1, indent - openLineIndent), multiline);
    const sep = multiline ? ',' + this.eol + ' '.repeat(indent) : ', ';
    return { start: end, end, text: sep + k + ': ' + v };
  }

  /** Delete an entry's (or item's) lines, when it has them to itself. */
  private removeLines(off: number, e: number): Edit | undefined {
    const { tape, text } = this;
    const isMap = tape[off] === TAPE_MAP;
    const start = isMap ? tape[e]! : tape[e + 2]!;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lead = text.slice(lineStart, start);
    if (!(isMap ? /^[ \t]*$/ : /^[ \t]*-[ \t]+$/).test(lead)) return undefined;
    const end = this.entryEnd(e);
    const nl = text.indexOf('\n', Math.max(end - 1, start));
    return { start: lineStart, end: nl < 0 ? text.length : nl + 1, text: '' };
  }
}

/** A text whose first non-blank character opens a JSON object or array. */
function isJsonFile(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

function column(text: string, pos: number): number {
  return pos - (text.lastIndexOf('\n', pos - 1) + 1);
}

// ---------------------------------------------------------------------------------------------------------
// Fallback: yaml's Document API on the one document

function documentEdit(text: string, doc: YamlDocument, end: number, tokens: string[], fix: Fix, style: BlockStyle): string | undefined {
  const start = text.lastIndexOf('\n', doc.span[0] - 1) + 1;
  if (text.slice(start, doc.span[0]).trim() !== '') return undefined;
  const source = text.slice(start, end);
  // The failsafe schema keeps every scalar's source spelling (`yes`, `0777`) as it is written.
  const ydoc = parseDocument(source, { schema: 'failsafe', keepSourceTokens: false });
  if (ydoc.errors.length > 0) return undefined;
  const path = documentPath(ydoc, tokens);
  if (!path) return undefined;
  if (fix.op === 'remove') ydoc.deleteIn(path);
  else {
    // Build the new node from text rendered by podlint's own rules, so its quoting is right for go-yaml.
    const holder = parseDocument(blockEntry('v', fix.value, 0, style).join('\n'), { schema: 'failsafe' });
    if (holder.errors.length > 0 || !isMap(holder.contents)) return undefined;
    ydoc.setIn(path, holder.contents.get('v', true));
  }
  let out = ydoc.toString({ indent: style.unit, indentSeq: style.indentSequences, lineWidth: 0, minContentWidth: 0 });
  if (!source.endsWith('\n') && out.endsWith('\n')) out = out.slice(0, -1);
  if (text.includes('\r\n')) out = out.replace(/\r?\n/g, '\r\n');
  return text.slice(0, start) + out + text.slice(end);
}

/** Pointer tokens → yaml Document path (numbers for sequence items); undefined if the parent is missing. */
function documentPath(ydoc: Document, tokens: string[]): Array<string | number> | undefined {
  const path: Array<string | number> = [];
  let node: unknown = ydoc.contents;
  for (const [i, t] of tokens.entries()) {
    if (isSeq(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(t)) return undefined;
      path.push(Number(t));
      node = node.get(Number(t), true);
    } else if (isMap(node)) {
      path.push(t);
      node = node.get(t, true);
    } else return undefined;
    if (node === undefined && i < tokens.length - 1) return undefined;
    if (isYamlScalar(node) && i < tokens.length - 1) return undefined;
  }
  return path;
}
