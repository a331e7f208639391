/**
 * Conformance with the peers' own fixture suites (../shared/corpus): run podlint with only the
 * corresponding rule(s) enabled on each fixture, decide per unit (file, object or container) whether
 * podlint fires, and compare with the peer's expected verdict. CONFORMANCE.md is rendered from the rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { allRules, lintText, type RuleSettingInput } from '../../src/api.js';
import { podSpecLocation } from '../../src/engine/kinds.js';
import { getAt } from '../../src/source/locate.js';

export const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');

export type Verdict = 'fires' | 'quiet';

export interface Deliberate {
  /** Applies to units of this kind (e.g. every DeploymentConfig)… */
  kind?: string;
  /** …or to this unit key exactly. */
  key?: string;
  /** Why podlint's verdict differs from the peer's. */
  reason: string;
}

export interface ConformanceSpec {
  peer: 'Polaris' | 'kube-linter' | 'kube-score';
  check: string;
  /** Fixture paths relative to CORPUS. */
  fixtures: string[];
  /** podlint rules that together correspond to the peer's check. */
  rules: string[];
  /** Options per podlint rule. */
  options?: Record<string, unknown>;
  /**
   * 'file': one verdict per fixture, expected from `expected(file)`;
   * 'object': one per workload object, key `Kind name` (or `Kind` when unnamed);
   * 'container': one per regular container of a workload, key `Kind name/container` (`Kind/container` when unnamed).
   */
  granularity: 'file' | 'object' | 'container';
  /** For 'file': the expected verdict of a fixture. */
  expected?: (fixture: string) => Verdict;
  /** For 'object' / 'container': the keys the peer reports (from its EXPECTED.md); every other unit is expected quiet. */
  fires?: string[];
  deliberate?: Deliberate[];
}

export interface ConformanceRow {
  peer: string;
  check: string;
  fixture: string;
  unit: string;
  expected: Verdict;
  podlint: Verdict;
  rules: string;
  /** undefined when podlint agrees. */
  deliberate?: string;
}

interface Unit {
  key: string;
  kind: string;
  doc: number;
  containerIndex?: number;
}

/** Where an OpenShift DeploymentConfig keeps its pod spec (podlint does not lint the kind). */
const DEPLOYMENT_CONFIG_SPEC = '/spec/template/spec';

function specPathOf(doc: Record<string, unknown>): string | undefined {
  const kind = typeof doc.kind === 'string' ? doc.kind : undefined;
  if (kind === 'DeploymentConfig') return DEPLOYMENT_CONFIG_SPEC;
  return podSpecLocation(typeof doc.apiVersion === 'string' ? doc.apiVersion : undefined, kind)?.spec;
}

function unitsOf(text: string, granularity: 'object' | 'container'): Unit[] {
  const units: Unit[] = [];
  parseAllDocuments(text).forEach((d, doc) => {
    const obj = d.toJS() as Record<string, unknown> | null;
    if (!obj || typeof obj !== 'object') return;
    const spec = specPathOf(obj);
    if (!spec) return;
    const kind = String(obj.kind);
    const name = (obj.metadata as Record<string, unknown> | undefined)?.name;
    if (granularity === 'object') {
      units.push({ key: typeof name === 'string' ? `${kind} ${name}` : kind, kind, doc });
      return;
    }
    const containers = getAt(obj, `${spec}/containers`);
    if (!Array.isArray(containers)) return;
    const owner = typeof name === 'string' ? `${kind} ${name}` : kind;
    containers.forEach((c, i) => units.push({ key: `${owner}/${String((c as Record<string, unknown>)?.name)}`, kind, doc, containerIndex: i }));
  });
  return units;
}

function settingsFor(spec: ConformanceSpec): Record<string, RuleSettingInput> {
  const rules: Record<string, RuleSettingInput> = Object.fromEntries(allRules().map((r) => [r.meta.id, 'off' as const]));
  for (const id of spec.rules) {
    if (!(id in rules)) throw new Error(`conformance: unknown podlint rule ${id}`);
    const opts = spec.options?.[id];
    rules[id] = opts === undefined ? 'warning' : ['warning', opts];
  }
  return rules;
}

/** A kind-wide note (a kind podlint does not lint) only explains the units the peer expects to fire. */
function deliberateFor(spec: ConformanceSpec, key: string, kind: string, expected: Verdict): string | undefined {
  return spec.deliberate?.find((d) => d.key === key || (d.kind !== undefined && d.kind === kind && expected === 'fires'))?.reason;
}

export function rulesLabel(spec: ConformanceSpec): string {
  return spec.rules
    .map((id) => (spec.options?.[id] !== undefined ? `${id} ${JSON.stringify(spec.options[id])}` : id))
    .join(' + ');
}

export async function runSpec(spec: ConformanceSpec): Promise<ConformanceRow[]> {
  const rows: ConformanceRow[] = [];
  const rules = settingsFor(spec);
  for (const fixture of spec.fixtures) {
    const text = fs.readFileSync(path.join(CORPUS, fixture), 'utf8');
    const result = await lintText(text, fixture, { rules });
    const findings = result.files.flatMap((f) => f.findings).filter((f) => f.ruleId !== null && spec.rules.includes(f.ruleId));
    const base = { peer: spec.peer, check: spec.check, fixture, rules: rulesLabel(spec) };
    if (spec.granularity === 'file') {
      const expected = spec.expected!(fixture);
      const podlint: Verdict = findings.length > 0 ? 'fires' : 'quiet';
      rows.push({ ...base, unit: '(file)', expected, podlint, deliberate: deliberateFor(spec, fixture, '', expected) });
      continue;
    }
    const units = unitsOf(text, spec.granularity);
    const hit = new Set<Unit>();
    for (const f of findings) {
      const doc = f.object?.documentIndex;
      const m = /\/containers\/(\d+)(?:\/|$)/.exec(f.path);
      const u = units.find((x) => x.doc === doc && (spec.granularity === 'object' || (m !== null && x.containerIndex === Number(m[1]))));
      if (!u) throw new Error(`conformance: ${spec.check} finding at ${fixture} doc ${doc} ${f.path} belongs to no unit: ${f.message}`);
      hit.add(u);
    }
    const fires = new Set(spec.fires ?? []);
    for (const u of units) {
      const expected: Verdict = fires.has(u.key) ? 'fires' : 'quiet';
      rows.push({ ...base, unit: u.key, expected, podlint: hit.has(u) ? 'fires' : 'quiet', deliberate: deliberateFor(spec, u.key, u.kind, expected) });
    }
  }
  return rows;
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

export function renderConformance(rows: ConformanceRow[]): string {
  const peers = [...new Set(rows.map((r) => r.peer))];
  const out: string[] = [
    '# Conformance with the peers\' fixture suites',
    '',
    '<!-- Generated by test/conformance/conformance.test.ts from the test results. Do not edit: run `node scripts/gen-conformance.mjs`. -->',
    '',
    'podlint is run on the fixtures that kube-linter, kube-score and Polaris use to test their own checks',
    '(copied, unmodified, under `../shared/corpus`; expected verdicts from each folder\'s EXPECTED.md), with only',
    'the corresponding podlint rule(s) enabled. A unit is a fixture file, a workload object or a container,',
    'depending on how precisely the peer states its expectation. "agree" means podlint fires exactly where the',
    'peer expects a finding; a deliberate difference is a place where podlint follows Kubernetes\' behaviour (or',
    'its own documented default) instead, with the reason. The test fails if a verdict changes in either direction.',
    '',
    '## Summary',
    '',
    '| peer | units | agree | deliberate difference |',
    '|---|---|---|---|',
  ];
  for (const p of peers) {
    const rs = rows.filter((r) => r.peer === p);
    const d = rs.filter((r) => r.deliberate !== undefined).length;
    out.push(`| ${p} | ${rs.length} | ${rs.length - d} | ${d} |`);
  }
  const d = rows.filter((r) => r.deliberate !== undefined).length;
  out.push(`| **total** | **${rows.length}** | **${rows.length - d}** | **${d}** |`, '');
  for (const p of peers) {
    out.push(`## ${p}`, '', '| check | fixture | unit | expected | podlint rule | podlint | result |', '|---|---|---|---|---|---|---|');
    for (const r of rows.filter((x) => x.peer === p)) {
      const result = r.deliberate === undefined ? 'agree' : `deliberate difference: ${r.deliberate}`;
      out.push(`| ${esc(r.check)} | ${esc(r.fixture)} | ${esc(r.unit)} | ${r.expected} | ${esc(r.rules)} | ${r.podlint} | ${esc(result)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
