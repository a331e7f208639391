/**
 * `sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; `tool.driver.rules`
 * holds every rule that has a result (sorted by id) with its documentation from rule meta:
 * shortDescription = docs.summary, fullDescription = docs.rationale, help = docs.remediation plus the
 * before/after example (text and markdown), defaultConfiguration.level = the rule's default severity.
 * An id without rule meta (or a fatal finding without a rule id, shown as `fatal`) gets an entry with
 * its id only. Results carry ruleId/ruleIndex, level (error, warning, note for info), the message,
 * the region (1-based, end column exclusive, columns in UTF-16 code units as `columnKind` says),
 * the file as a URI relative to `%SRCROOT%` (= cwd; a file outside cwd gets an absolute file: URI,
 * standard input a description instead of a URI), the Kubernetes object as a logical location
 * `Kind/namespace/name` (kind "resource"), and a partial fingerprint that survives line moves (hash
 * of rule, file, object, JSON pointer and message id, with an occurrence number). The JSON pointer,
 * fatal flag and object reference are in `result.properties`. No timestamps; 2-space indentation.
 */
import { nodeCrypto } from '../source/builtins.js';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { getRule } from '../engine/registry.js';
import type { RuleMeta } from '../engine/rule.js';
import type { Finding, LintResult, Severity, SourceRange } from '../types.js';
import {
  displayPath,
  effectiveSeverity,
  isRelativeDisplayPath,
  objectLabel,
  orderedObjectRef,
  Pieces,
  ruleLabel,
  STDIN_FILE_PATH,
  usedRuleIds,
  type ReporterOptions,
} from './common.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
export const SRCROOT = '%SRCROOT%';
/** Where SARIF viewers link the tool's name to. */
export const PODLINT_INFORMATION_URI = 'https://www.npmjs.com/package/podlint';
export const FINGERPRINT_KEY = 'podlintFindingHash/v1';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface Message {
  text: string;
  markdown?: string;
}

function helpOf(meta: RuleMeta<string, unknown>): Message {
  const { remediation, example } = meta.docs;
  let text = remediation;
  let markdown = remediation;
  if (example) {
    text += `\n\nBefore:\n${example.before}\n\nAfter:\n${example.after}`;
    markdown += `\n\n**Before**\n\n\`\`\`yaml\n${example.before}\n\`\`\`\n\n**After**\n\n\`\`\`yaml\n${example.after}\n\`\`\``;
  }
  return { text, markdown };
}

function ruleDescriptor(id: string, meta: RuleMeta<string, unknown> | undefined): Record<string, unknown> {
  if (!meta) return { id };
  return {
    id,
    shortDescription: { text: meta.docs.summary },
    fullDescription: { text: meta.docs.rationale },
    help: helpOf(meta),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { category: meta.category, tags: [meta.category] },
  };
}

/** A URI reference for a path relative to %SRCROOT%: each segment percent-encoded. */
function relativeUri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(filePath: string, cwd: string): Record<string, unknown> {
  if (filePath === STDIN_FILE_PATH) return { description: { text: 'standard input' } };
  const shown = displayPath(filePath, cwd);
  if (isRelativeDisplayPath(shown)) return { uri: relativeUri(shown), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(path.resolve(cwd, filePath)).href };
}

function region(f: SourceRange): Record<string, number> | undefined {
  if (!(f.line >= 1)) return undefined;
  const r: Record<string, number> = { startLine: f.line };
  if (f.column >= 1) r.startColumn = f.column;
  const endValid = f.endLine > f.line || (f.endLine === f.line && f.endColumn >= Math.max(f.column, 1));
  if (endValid && f.endColumn >= 1) {
    r.endLine = f.endLine;
    r.endColumn = f.endColumn;
  }
  return r;
}

/** The SARIF results of the findings, one at a time, in order (fingerprints count repeats as they come). */
function* sarifResults(result: LintResult, cwd: string, index: ReadonlyMap<string, number>): Generator<Record<string, unknown>> {
  const occurrences = new Map<string, number>();
  for (const file of result.files) {
    if (file.findings.length === 0) continue;
    const artifact = artifactLocation(file.filePath, cwd);
    const fileKey = displayPath(file.filePath, cwd);
    for (const f of file.findings) {
      const id = ruleLabel(f);
      const physicalLocation: Record<string, unknown> = { artifactLocation: artifact };
      const reg = region(f);
      if (reg) physicalLocation.region = reg;
      const location: Record<string, unknown> = { physicalLocation };
      const label = objectLabel(f.object);
      if (f.object) {
        location.logicalLocations = [{ name: f.object.name ?? label, fullyQualifiedName: label, kind: 'resource' }];
      }
      const hash = nodeCrypto().createHash('sha256')
        .update(JSON.stringify([id, fileKey, label, f.path, f.messageId ?? '']))
        .digest('hex')
        .slice(0, 32);
      const n = (occurrences.get(hash) ?? 0) + 1;
      occurrences.set(hash, n);
      const properties: Record<string, unknown> = { path: f.path };
      if (f.fatal) properties.fatal = true;
      if (f.object) properties.object = orderedObjectRef(f.object);
      // The other objects of a cross-object finding, where they are written (SARIF relatedLocations).
      const related = f.related?.map((r, i) => {
        const at: Record<string, unknown> = { artifactLocation: artifactLocation(r.filePath, cwd) };
        const rr = region(r);
        if (rr) at.region = rr;
        return { id: i, physicalLocation: at, message: { text: r.message } };
      });
      yield {
        ruleId: id,
        ruleIndex: index.get(id),
        level: LEVEL[effectiveSeverity(f)],
        message: { text: f.message },
        locations: [location],
        ...(related?.length ? { relatedLocations: related } : {}),
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${n}` },
        properties,
      };
    }
  }
}

/**
 * Where the results go in the document stringified with none: `runs[0].results`, a key at depth 3
 * (6 spaces). Only that key sits at that depth on a line of its own (JSON strings hold no line breaks).
 */
const EMPTY_RESULTS = '\n      "results": []';
/** A result's lines in the document: at depth 4 (8 spaces). */
const RESULT_INDENT = '\n        ';

export function formatSarif(result: LintResult, options: ReporterOptions): string {
  return [...formatSarifChunks(result, options)].join('');
}

/**
 * formatSarif's text in pieces (see Pieces in common.ts): the document — one `JSON.stringify(log, null,
 * 2)` — is stringified without its results and cut where they go; each result is stringified alone
 * and indented to its depth, which gives the same text.
 */
export function* formatSarifChunks(result: LintResult, options: ReporterOptions): Generator<string> {
  const lookup = options.ruleMeta ?? ((id: string) => getRule(id)?.meta);
  const ids = usedRuleIds(result);
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => ruleDescriptor(id, lookup(id)));
  const driver: Record<string, unknown> = { name: 'podlint', informationUri: PODLINT_INFORMATION_URI };
  if (options.version !== undefined) {
    driver.version = options.version;
  }
  driver.rules = rules;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver },
        columnKind: 'utf16CodeUnits',
        results: [],
        properties: { kubernetesVersion: result.kubernetesVersion, skippedKinds: [...result.skippedKinds] },
      },
    ],
  };
  const shell = `${JSON.stringify(log, null, 2)}\n`;
  const slot = shell.indexOf(EMPTY_RESULTS);
  if (slot < 0 || shell.indexOf(EMPTY_RESULTS, slot + 1) >= 0) throw new Error('sarif: cannot find the place of the results');
  const open = slot + EMPTY_RESULTS.length - 1; // the `]` of `[]`
  const pieces = new Pieces();
  pieces.add(shell.slice(0, open));
  let any = false;
  for (const r of sarifResults(result, options.cwd, index)) {
    pieces.add((any ? ',' : '') + RESULT_INDENT + JSON.stringify(r, null, 2).replace(/\n/g, RESULT_INDENT));
    any = true;
    const piece = pieces.full();
    if (piece) yield piece;
  }
  // A non-empty array closes on a line of its own, at the depth of its key.
  yield pieces.rest() + (any ? '\n      ' : '') + shell.slice(open);
}
