/**
 * Manifests: a file's text → Kubernetes objects (documents, `kind: List` items) with source positions,
 * and the problems that stop an object from being read (syntax errors, duplicate keys, no kind).
 */
import { parseYaml, jsonBytes, objectTooLargeMessage, MAX_REQUEST_BODY_BYTES, type ParsedYaml, type YamlDocument, type Span } from './yaml.js';
import { locate as locateIn, locateSpan, type SpanOut } from './locate.js';
import { LineIndex } from './lines.js';
import type { K8sObject, SourceRange } from '../types.js';

/** One Kubernetes object read from a file. */
export interface ManifestObject {
  value: K8sObject;
  documentIndex: number;
  /** Index in `items` for objects of a `kind: List`. */
  listIndex?: number;
  /** Pointer of the object inside its document: '' or '/items/3'. */
  basePointer: string;
  document: YamlDocument;
}

export type FileProblemKind = 'yaml-syntax' | 'duplicate-key' | 'missing-kind' | 'file-unreadable' | 'object-too-large';

export interface FileProblem {
  kind: FileProblemKind;
  message: string;
  range: SourceRange;
  documentIndex?: number;
  /** A problem that stopped the document (or file) from being read. */
  fatal: boolean;
}

/** A file read whole: all its objects in memory. */
export interface ManifestFile extends ManifestSource {
  objects: ManifestObject[];
  problems: FileProblem[];
}

/** What the engine needs of a file to locate findings: its text and a way from offsets to lines. */
export interface ManifestSource {
  filePath: string;
  /** The file's text as read (with its byte-order mark, if any). */
  text: string;
  /** The text the YAML offsets refer to: `text` without a byte-order mark. */
  yamlText: string;
  /** JSON pointer inside an object → source range. */
  locate(object: ManifestObject, pointer: string, at?: 'key' | 'value' | 'auto'): SourceRange & { exact: boolean };
  /** Source range of offsets. */
  rangeOf(span: Span): SourceRange;
}

/**
 * A file's source for the engine: its text, and offsets into it turned into lines and columns
 * (columns of line 1 count a byte-order mark, which the YAML offsets do not).
 */
export function manifestSource(filePath: string, text: string): ManifestSource {
  const bomShift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const yamlText = bomShift ? text.slice(1) : text;
  const index = new LineIndex(yamlText);
  const rangeOf = (span: Span): SourceRange => index.range(span[0], span[1], bomShift);
  const span: SpanOut = { start: 0, end: 0 };
  return {
    filePath,
    text,
    yamlText,
    rangeOf,
    locate(object, pointer, at = 'auto') {
      const exact = locateSpan(object.document, object.basePointer ? object.basePointer + pointer : pointer, at, span);
      return index.located(span.start, span.end, bomShift, exact);
    },
  };
}

export function parseManifestText(text: string, filePath: string): ManifestFile {
  const source = manifestSource(filePath, text);
  const parsed: ParsedYaml = parseYaml(source.yamlText);
  const objects: ManifestObject[] = [];
  const problems: FileProblem[] = [];
  readDocuments(parsed.documents, source.rangeOf, objects, problems);
  return { ...source, objects, problems };
}

/** Documents → the objects they hold (each item of a List is one) and the problems that stop one from being read. */
export function readDocuments(documents: Iterable<YamlDocument>, rangeOf: (span: Span) => SourceRange, objects: ManifestObject[], problems: FileProblem[]): void {
  for (const doc of documents) {
    if (doc.fatal) {
      problems.push({ kind: doc.fatal.kind === 'too-large' ? 'object-too-large' : 'yaml-syntax', message: doc.fatal.message, range: rangeOf([doc.fatal.offset, doc.fatal.endOffset]), documentIndex: doc.index, fatal: true });
      continue;
    }
    for (const p of doc.problems) {
      problems.push({
        kind: p.kind === 'duplicate-key' ? 'duplicate-key' : 'yaml-syntax',
        message: p.message,
        range: rangeOf([p.offset, p.endOffset]),
        documentIndex: doc.index,
        fatal: false,
      });
    }
    const v = doc.value;
    if (v === undefined || v === null) continue; // empty or comment-only document
    if (typeof v !== 'object' || Array.isArray(v)) {
      problems.push({ kind: 'missing-kind', message: `the document is not a Kubernetes object (a mapping with apiVersion and kind); found ${Array.isArray(v) ? 'a sequence' : `a ${typeof v}`}`, range: rangeOf(doc.span), documentIndex: doc.index, fatal: false });
      continue;
    }
    const obj = v as K8sObject;
    if (obj.kind === 'List' && !Array.isArray(obj.items)) {
      const at = locateIn(doc, obj.items === undefined ? '' : '/items');
      problems.push({ kind: 'missing-kind', message: `a List needs "items", a sequence of Kubernetes objects${obj.items === undefined ? '' : `; found ${obj.items === null ? 'null' : typeof obj.items}`}`, range: rangeOf(at.span), documentIndex: doc.index, fatal: false });
      continue;
    }
    // kubectl sends each object (each item of a List) as its own request: one over the API server's
    // limit is refused at its first line, and not linted.
    const overLimit = doc.jsonBytes > MAX_REQUEST_BODY_BYTES;
    if (isList(obj)) {
      const items = obj.items as unknown[];
      items.forEach((item, i) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          const at = locateIn(doc, `/items/${i}`);
          problems.push({ kind: 'missing-kind', message: `item ${i} of the List is not a Kubernetes object`, range: rangeOf(at.span), documentIndex: doc.index, fatal: false });
          return;
        }
        const bytes = overLimit ? jsonBytes(item) : 0;
        if (bytes > MAX_REQUEST_BODY_BYTES) {
          const at = locateIn(doc, `/items/${i}`, 'value').span[0];
          problems.push({ kind: 'object-too-large', message: objectTooLargeMessage(bytes), range: rangeOf([at, at + 1]), documentIndex: doc.index, fatal: true });
          return;
        }
        objects.push({ value: item as K8sObject, documentIndex: doc.index, listIndex: i, basePointer: `/items/${i}`, document: doc });
      });
      continue;
    }
    if (overLimit) {
      problems.push({ kind: 'object-too-large', message: objectTooLargeMessage(doc.jsonBytes), range: rangeOf([doc.span[0], doc.span[0] + 1]), documentIndex: doc.index, fatal: true });
      continue;
    }
    objects.push({ value: obj, documentIndex: doc.index, basePointer: '', document: doc });
  }
}

/** `kind: List` (and the typed lists kubectl prints, e.g. `PodList`) with an `items` array. */
function isList(obj: K8sObject): boolean {
  return typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items) && (obj.kind === 'List' || obj.apiVersion === undefined || typeof obj.apiVersion === 'string');
}
