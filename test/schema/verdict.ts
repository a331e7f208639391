/**
 * A file's valid/invalid verdict from podlint's reader and schema validation alone, as the conformance
 * tests compare it with kubeconform's and kubectl's: a syntax error, a duplicate key, a document that is
 * not an object or has no apiVersion/kind, a kind not served at its apiVersion, or any schema problem
 * makes the file invalid. Kinds without a bundled schema (custom resources) are skipped.
 */
import { parseYaml } from '../../src/source/yaml.js';
import { kindStatus, validateObject } from '../../src/schema/validate.js';
import type { SchemaProblem } from '../../src/engine/rule.js';

/** What podlint found in one YAML document (the items of a List included). */
export interface DocumentVerdict {
  index: number;
  problems: Array<SchemaProblem & { kind: string }>;
  duplicateKeys: boolean;
  syntaxError: boolean;
  /** Not an object, or no apiVersion/kind. */
  notAnObject: boolean;
  notServed: string[];
}

export interface FileVerdict {
  documents: DocumentVerdict[];
  valid: boolean;
  /** Objects read (items of a List count one by one). */
  objects: number;
  /** Why the file is invalid, one line each. */
  reasons: string[];
  /** Schema problems, each with the kind of the object it is in. */
  schemaProblems: Array<SchemaProblem & { kind: string }>;
  /** "apiVersion kind" of objects skipped for lack of a schema. */
  skipped: string[];
  /** "apiVersion kind" of built-in kinds not served at that apiVersion. */
  notServed: string[];
  /** Whether a document does not parse. */
  syntaxError: boolean;
  /** Whether the YAML reader reported a duplicate key. */
  duplicateKeys: boolean;
}

export function verdict(text: string, version: string): FileVerdict {
  const out: FileVerdict = { documents: [], valid: true, objects: 0, reasons: [], schemaProblems: [], skipped: [], notServed: [], syntaxError: false, duplicateKeys: false };
  const fail = (reason: string) => {
    out.valid = false;
    out.reasons.push(reason);
  };
  let cur: DocumentVerdict;
  const visit = (value: unknown, where: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      cur.notAnObject = true;
      return fail(`${where}: not an object`);
    }
    const obj = value as Record<string, unknown>;
    if (obj.kind === 'List' && (obj.apiVersion === 'v1' || obj.apiVersion === undefined) && Array.isArray(obj.items)) {
      obj.items.forEach((item, i) => visit(item, `${where} item ${i}`));
      return;
    }
    out.objects++;
    if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '' || typeof obj.kind !== 'string' || obj.kind === '') {
      cur.notAnObject = true;
      return fail(`${where}: missing ${typeof obj.apiVersion !== 'string' || obj.apiVersion === '' ? 'apiVersion' : 'kind'}`);
    }
    const status = kindStatus(obj.apiVersion, obj.kind, version);
    if (status.status === 'unknown') {
      out.skipped.push(`${obj.apiVersion} ${obj.kind}`);
      return;
    }
    if (status.status === 'not-served') {
      out.notServed.push(`${obj.apiVersion} ${obj.kind}`);
      cur.notServed.push(`${obj.apiVersion} ${obj.kind}`);
      return fail(`${where}: ${obj.kind} is not served at ${obj.apiVersion}`);
    }
    const problems = validateObject(obj, version) ?? [];
    for (const p of problems) {
      out.schemaProblems.push({ ...p, kind: obj.kind });
      cur.problems.push({ ...p, kind: obj.kind });
    }
    for (const p of problems) fail(`${where}: ${p.path}: ${p.message}`);
  };
  for (const doc of parseYaml(text).documents) {
    const where = `document ${doc.index}`;
    cur = { index: doc.index, problems: [], duplicateKeys: false, syntaxError: false, notAnObject: false, notServed: [] };
    out.documents.push(cur);
    if (doc.fatal) {
      out.syntaxError = true;
      cur.syntaxError = true;
      fail(`${where}: ${doc.fatal.message}`);
      continue;
    }
    for (const p of doc.problems) {
      if (p.kind === 'duplicate-key') out.duplicateKeys = cur.duplicateKeys = true;
      fail(`${where}: ${p.message}`);
    }
    if (doc.value === undefined) continue; // empty or comment-only
    visit(doc.value, where);
  }
  return out;
}
