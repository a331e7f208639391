/** `json`: ESLint's JSON formatter shape (field names, order, severities, counts) plus podlint's fields. */
import { describe, it, expect } from 'vitest';
import { formatResult } from '../../src/reporters/index.js';
import type { LintResult } from '../../src/types.js';
import { CWD, FIXTURE } from './fixture.js';

/** ESLint's LintResult fields in the order its json formatter prints them (source/output omitted). */
const ESLINT_RESULT_KEYS = ['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'usedDeprecatedRules'];
/** ESLint's LintMessage fields in its order, then podlint's additions. */
const MESSAGE_KEY_ORDER = ['ruleId', 'fatal', 'severity', 'message', 'line', 'column', 'messageId', 'endLine', 'endColumn', 'fix', 'level', 'path', 'object'];
const OBJECT_KEY_ORDER = ['apiVersion', 'kind', 'name', 'namespace', 'documentIndex', 'listIndex'];

const parse = (result: LintResult = FIXTURE) => {
  const text = formatResult('json', result, { color: false, cwd: CWD });
  return { text, json: JSON.parse(text) as Record<string, any>[] };
};

function inOrder(keys: string[], order: string[]): boolean {
  const idx = keys.map((k) => order.indexOf(k));
  return idx.every((i) => i >= 0) && idx.every((i, n) => n === 0 || idx[n - 1]! < i);
}

describe('json', () => {
  it('is one line of JSON, like ESLint', () => {
    const { text } = parse();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
  });

  it('has one entry per file with ESLint result fields in ESLint order', () => {
    const { json } = parse();
    expect(json.map((r) => r.filePath)).toEqual([
      '/work/project/manifests/web.yaml',
      '/work/project/broken.yaml',
      '/work/project/clean.yaml',
      '/work/project/déploiement/ñ app,1.yaml',
      '<stdin>',
    ]);
    for (const r of json) {
      expect(Object.keys(r)).toEqual(ESLINT_RESULT_KEYS);
      expect(r.suppressedMessages).toEqual([]);
      expect(r.usedDeprecatedRules).toEqual([]);
    }
    expect(json[2]!.messages).toEqual([]);
  });

  it('messages keep ESLint field order and types, then path/object/level', () => {
    const { json } = parse();
    for (const r of json) {
      for (const m of r.messages) {
        expect(inOrder(Object.keys(m), MESSAGE_KEY_ORDER), Object.keys(m).join(',')).toBe(true);
        expect([1, 2]).toContain(m.severity);
        for (const k of ['line', 'column', 'endLine', 'endColumn']) expect(Number.isInteger(m[k])).toBe(true);
        expect(typeof m.path).toBe('string');
        if (m.object) expect(inOrder(Object.keys(m.object), OBJECT_KEY_ORDER)).toBe(true);
      }
    }
    const first = json[0]!.messages[0];
    expect(first).toEqual({
      ruleId: 'unknown-field',
      severity: 2,
      message: 'unknown field "metadate" — did you mean "metadata"?',
      line: 3,
      column: 1,
      messageId: 'unknown',
      endLine: 3,
      endColumn: 9,
      path: '/metadate',
      object: { apiVersion: 'v1', kind: 'Pod', name: 'web', documentIndex: 0 },
    });
  });

  it('info findings: severity 1 with level "info", not counted as warnings', () => {
    const { json } = parse();
    const web = json[0]!;
    const info = web.messages[3];
    expect(info.severity).toBe(1);
    expect(info.level).toBe('info');
    expect(info.object).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api', documentIndex: 2, listIndex: 1 });
    expect(web.messages.filter((m: any) => m.level !== undefined)).toHaveLength(1);
    expect(web).toMatchObject({ errorCount: 2, fatalErrorCount: 0, warningCount: 2, fixableErrorCount: 1, fixableWarningCount: 0 });
  });

  it('fatal findings: fatal true right after ruleId, counted in errorCount and fatalErrorCount', () => {
    const { json } = parse();
    const broken = json[1]!;
    expect(Object.keys(broken.messages[0]).slice(0, 3)).toEqual(['ruleId', 'fatal', 'severity']);
    expect(broken.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 2, column: 7 });
    expect(broken.messages[0].object).toBeUndefined();
    expect(broken).toMatchObject({ errorCount: 2, fatalErrorCount: 2, warningCount: 0 });
    // Non-fatal messages carry no fatal key at all (ESLint omits it).
    expect('fatal' in json[0]!.messages[0]).toBe(false);
  });

  it('fix is podlint\'s JSON-pointer fix', () => {
    const { json } = parse();
    expect(json[0]!.messages[2].fix).toEqual({ path: '/spec/selector', op: 'set', value: { app: 'wéb-日本' } });
  });

  it('relative file paths are made absolute against cwd; control characters survive JSON escaping', () => {
    const result: LintResult = { ...FIXTURE, files: [{ ...FIXTURE.files[4]!, filePath: 'sub/x.yaml' }] };
    const { text, json } = parse(result);
    expect(json[0]!.filePath).toBe('/work/project/sub/x.yaml');
    expect(text).toContain('\\u001b[31m');
    expect(json[0]!.messages[0].message).toBe(FIXTURE.files[4]!.findings[0]!.message);
  });

  it('an empty run is an empty array', () => {
    expect(formatResult('json', { files: [], skippedKinds: [], kubernetesVersion: '1.36' }, { color: false, cwd: CWD })).toBe('[]\n');
  });
});
