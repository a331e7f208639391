/**
 * A file's valid/invalid verdict from podlint's reader and schema validation alone, as the conformance
 * tests compare it with kubeconform's and kubectl's: a syntax error, a duplicate key, a document that is
 * not an object or has no apiVersion/kind, a kind not served at its apiVersion, or any schema problem
 * makes the file invalid. Kinds without a bundled schema (custom resources) are skipped.
 */
import { parseYaml } from '../../src/source/yaml.js';
import { kindStatus, validateObject } from '../../src/schema/validate.js';
import type { SchemaProblem } from '../../src/engine/rule.js';

export interface FileVerdict {
  valid: boolean;
  /** Objects read (items of a List count one by one). */
  objects: number;
  /** Why the file is invalid, one line each. */
  reasons: string[];
  schemaProblems: SchemaProblem[];
  /** "apiVersion kind" of objects skipped for lack of a schema. */
  skipped: string[];
  /** Whether the YAML reader reported a duplicate key. */
  duplicateKeys: boolean;
}

export function verdict(text: string, version: string): FileVerdict {
  const out: FileVerdict = { valid: true, objects: 0, reasons: [], schemaProblems: [], skipped: [], duplicateKeys: false };
  const fail = (reason: string) => {
    out.valid = false;
    out.reasons.push(reason);
  };
  const visit = (value: unknown, where: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(`${where}: not an object`);
    const obj = value as Record<string, unknown>;
    if (obj.kind === 'List' && (obj.apiVersion === 'v1' || obj.apiVersion === undefined) && Array.isArray(obj.items)) {
      obj.items.forEach((item, i) => visit(item, `${where} item ${i}`));
      return;
    }
    out.objects++;
    if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') return fail(`${where}: missing apiVersion`);
    if (typeof obj.kind !== 'string' || obj.kind === '') return fail(`${where}: missing kind`);
    const status = kindStatus(obj.apiVersion, obj.kind, version);
    if (status.status === 'unknown') {
      out.skipped.push(`${obj.apiVersion} ${obj.kind}`);
      return;
    }
    if (status.status === 'not-served') return fail(`${where}: ${obj.kind} is not served at ${obj.apiVersion}`);
    const problems = validateObject(obj, version) ?? [];
    out.schemaProblems.push(...problems);
    for (const p of problems) fail(`${where}: ${p.path}: ${p.message}`);
  };
  for (const doc of parseYaml(text).documents) {
    const where = `document ${doc.index}`;
    if (doc.fatal) {
      fail(`${where}: ${doc.fatal.message}`);
      continue;
    }
    for (const p of doc.problems) {
      if (p.kind === 'duplicate-key') out.duplicateKeys = true;
      fail(`${where}: ${p.message}`);
    }
    if (doc.value === undefined) continue; // empty or comment-only
    visit(doc.value, where);
  }
  return out;
}
