/** SARIF 2.1.0: schema validity, rule metadata, locations, fingerprints. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { Ajv } from 'ajv';
import { allRules } from '../../src/engine/registry.js';
import { formatResult } from '../../src/reporters/index.js';
import { FINGERPRINT_KEY } from '../../src/reporters/sarif.js';
import type { LintResult } from '../../src/types.js';
import { CWD, FIXTURE, FIXTURE_RULES, fixtureRuleMeta } from './fixture.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA_FILE = path.join(here, '../fixtures/sarif/sarif-schema-2.1.0.json');
const SHARED_SCHEMA = path.join(here, '../../../shared/sarif/sarif-schema-2.1.0.json');

/** The OASIS schema is draft-04; ajv 8 speaks draft-07, which reads it once `id` is `$id`. */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const isUri = (s: string) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  };
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', (s: string) => isUri(s) || /^[^\s:<>"{}|\\^`]*$/u.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

const options = { color: false, cwd: CWD, version: '0.1.0', ruleMeta: fixtureRuleMeta };

interface SarifLog {
  runs: {
    tool: { driver: { name: string; version?: string; rules: { id: string; shortDescription?: { text: string }; fullDescription?: { text: string }; help?: { text: string; markdown: string }; defaultConfiguration?: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri?: string; uriBaseId?: string; description?: { text: string } }; region?: Record<string, number> }; logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[] }[];
      partialFingerprints: Record<string, string>;
      properties: { path: string; fatal?: boolean };
    }[];
    properties: { kubernetesVersion: string; skippedKinds: string[] };
  }[];
}

const sarif = (result: LintResult = FIXTURE, opts = options): SarifLog => JSON.parse(formatResult('sarif', result, opts)) as SarifLog;

describe('sarif', () => {
  it('the bundled schema copy is the original', () => {
    if (!fs.existsSync(SHARED_SCHEMA)) {
      console.warn('skipped: ../shared/sarif is not available to compare the schema copy with');
      return;
    }
    expect(fs.readFileSync(SCHEMA_FILE)).toEqual(fs.readFileSync(SHARED_SCHEMA));
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const ok = validate(JSON.parse(formatResult('sarif', FIXTURE, options)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('a cross-object finding names the other objects as relatedLocations (still a valid log)', () => {
    const f = FIXTURE.files[0]!.findings[0]!;
    const withRelated: LintResult = {
      ...FIXTURE,
      files: [{ ...FIXTURE.files[0]!, findings: [{ ...f, related: [{ filePath: `${CWD}/other.yaml`, line: 12, column: 7, endLine: 12, endColumn: 13, message: 'the pod labels of ReplicaSet "b", which this selector matches' }] }] }],
    };
    const log = JSON.parse(formatResult('sarif', withRelated, options));
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results[0].relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'other.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 7, endLine: 12, endColumn: 13 } },
        message: { text: 'the pod labels of ReplicaSet "b", which this selector matches' },
      },
    ]);
    expect(JSON.parse(formatResult('sarif', FIXTURE, options)).runs[0].results.some((r: Record<string, unknown>) => 'relatedLocations' in r)).toBe(false);
  });

  it('the validator does catch an invalid log', () => {
    const validate = sarifValidator();
    const log = sarif() as unknown as { runs: { results: Record<string, unknown>[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('an empty result is a valid log with no results', () => {
    const validate = sarifValidator();
    const empty: LintResult = { files: [], skippedKinds: [], kubernetesVersion: '1.36' };
    const log = JSON.parse(formatResult('sarif', empty, options));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
  });

  it('lists every rule used, sorted, with help from rule meta', () => {
    const log = sarif();
    const { driver } = log.runs[0]!.tool;
    expect(driver.name).toBe('podlint');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r) => r.id)).toEqual(['fatal', 'image-tag-latest', 'mystery-check', 'rc-selector-mismatch', 'restart-policy-default', 'unknown-field', 'yaml-syntax']);
    const uf = driver.rules.find((r) => r.id === 'unknown-field')!;
    expect(uf.shortDescription?.text).toBe(FIXTURE_RULES['unknown-field']!.docs.summary);
    expect(uf.fullDescription?.text).toBe(FIXTURE_RULES['unknown-field']!.docs.rationale);
    expect(uf.help?.text).toContain('Remove the field or fix its spelling.');
    expect(uf.help?.text).toContain('metadate:\n  name: web');
    expect(uf.help?.markdown).toContain('```yaml\nmetadata:\n  name: web\n```');
    expect(uf.defaultConfiguration?.level).toBe('error');
    expect(driver.rules.find((r) => r.id === 'restart-policy-default')!.defaultConfiguration?.level).toBe('note');
    // Unknown ids get an entry without invented documentation.
    expect(driver.rules.find((r) => r.id === 'mystery-check')).toEqual({ id: 'mystery-check' });
    expect(driver.rules.find((r) => r.id === 'fatal')).toEqual({ id: 'fatal' });
  });

  it('results point at their rule, level and region', () => {
    const log = sarif();
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(9);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(run.results.map((r) => r.level)).toEqual(['error', 'warning', 'error', 'note', 'warning', 'error', 'error', 'warning', 'error']);
    const rc = run.results[2]!;
    expect(rc.locations[0]!.physicalLocation.region).toEqual({ startLine: 27, startColumn: 5, endLine: 28, endColumn: 1 });
    expect(rc.locations[0]!.logicalLocations).toEqual([{ name: 'wéb-日本', fullyQualifiedName: 'ReplicationController/prod/wéb-日本', kind: 'resource' }]);
    expect(rc.properties.path).toBe('/spec/selector');
    const fatal = run.results[5]!;
    expect(fatal.ruleId).toBe('fatal');
    expect(fatal.properties.fatal).toBe(true);
    expect(fatal.locations[0]!.logicalLocations).toBeUndefined();
    expect(run.properties).toEqual({ kubernetesVersion: '1.36', skippedKinds: ['example.com/v1 Widget', 'stable.example.com/v1 CronTab'] });
  });

  it('file locations are URIs relative to %SRCROOT%, percent-encoded', () => {
    const run = sarif().runs[0]!;
    const loc = (i: number) => run.results[i]!.locations[0]!.physicalLocation.artifactLocation;
    expect(loc(0)).toEqual({ uri: 'manifests/web.yaml', uriBaseId: '%SRCROOT%' });
    expect(loc(7)).toEqual({ uri: 'd%C3%A9ploiement/%C3%B1%20app%2C1.yaml', uriBaseId: '%SRCROOT%' });
    expect(loc(8)).toEqual({ description: { text: 'standard input' } });
  });

  it('a file outside cwd gets an absolute file URI', () => {
    const result: LintResult = { ...FIXTURE, files: [{ ...FIXTURE.files[0]!, filePath: '/elsewhere/a b.yaml' }] };
    const run = sarif(result).runs[0]!;
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/a%20b.yaml' });
    expect(sarifValidator()(sarif(result))).toBe(true);
  });

  it('fingerprints are unique and survive lines moving', () => {
    const prints = sarif().runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(prints.length);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{32}:\d+$/);
    const moved = structuredClone(FIXTURE);
    for (const f of moved.files) for (const x of f.findings) (x.line += 10), (x.endLine += 10);
    expect(sarif(moved).runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(prints);
    // …and change when the finding concerns another field.
    const other = structuredClone(FIXTURE);
    other.files[0]!.findings[0]!.path = '/metadata/labelz';
    expect(sarif(other).runs[0]!.results[0]!.partialFingerprints[FINGERPRINT_KEY]).not.toBe(prints[0]);
  });

  it('has no timestamps or machine-specific data', () => {
    const text = formatResult('sarif', FIXTURE, options);
    expect(text).not.toMatch(/"(startTimeUtc|endTimeUtc|timeUtc|invocations|originalUriBaseIds)"/);
    expect(text).not.toContain(CWD);
  });

  it('takes rule documentation from the registry by default', () => {
    const rule = allRules()[0];
    if (!rule) {
      console.warn('skipped: the registry has no rules yet');
      return;
    }
    const result: LintResult = {
      files: [{ filePath: `${CWD}/x.yaml`, objectCount: 1, findings: [{ ...FIXTURE.files[0]!.findings[0]!, ruleId: rule.meta.id }] }],
      skippedKinds: [],
      kubernetesVersion: '1.36',
    };
    const log = JSON.parse(formatResult('sarif', result, { color: false, cwd: CWD }));
    expect(log.runs[0].tool.driver.rules[0].shortDescription.text).toBe(rule.meta.docs.summary);
    expect(log.runs[0].tool.driver.version).toBeUndefined();
  });
});
