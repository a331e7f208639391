/** The json reporter writes each message field by field: exactly `JSON.stringify(jsonMessage(f))`, for any finding. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MessageWriter, formatJson, formatJsonBytes, jsonMessage } from '../../src/reporters/json.js';
import { largeVariants } from './large.js';
import { CWD, FIXTURE, fixtureRuleMeta } from './fixture.js';
import { formatMessage } from '../../src/engine/rule.js';
import type { Finding } from '../../src/types.js';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const int = fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(Number.NaN, Infinity));
const ref = fc.record(
  { apiVersion: text, kind: text, name: text, namespace: text, documentIndex: fc.nat(), listIndex: fc.nat() },
  { requiredKeys: ['documentIndex'] },
);
const finding: fc.Arbitrary<Finding> = fc.record(
  {
    ruleId: text,
    severity: fc.constantFrom('error', 'warning', 'info'),
    message: text,
    messageId: text,
    line: int,
    column: int,
    endLine: int,
    endColumn: int,
    path: text,
    fatal: fc.boolean(),
    fix: fc.record({ path: text, op: fc.constantFrom('set', 'remove'), value: fc.jsonValue() }, { requiredKeys: ['path', 'op'] }),
    object: ref,
  },
  { requiredKeys: ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'path'] },
) as fc.Arbitrary<Finding>;

describe('MessageWriter', () => {
  it('writes what JSON.stringify writes of the ESLint-shaped message', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), (findings) => {
        const w = new MessageWriter(); // one writer for several findings: its caches must not leak between them
        for (const f of findings) expect(w.message(f)).toBe(JSON.stringify(jsonMessage(f)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the object several findings share as JSON.stringify does, each time', () => {
    const object = { apiVersion: 'v1', kind: 'Pod', name: 'a', namespace: 'ns', documentIndex: 3 };
    const f: Finding = { ruleId: 'r', severity: 'warning', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2, path: '/spec', object };
    const w = new MessageWriter();
    for (const g of [f, { ...f, line: 2, severity: 'info' as const }, { ...f, ruleId: 'q', fatal: true }]) expect(w.message(g)).toBe(JSON.stringify(jsonMessage(g)));
  });
});

describe('formatJsonBytes (what the CLI writes to a file)', () => {
  const OPTIONS = { color: false, cwd: CWD, ruleMeta: fixtureRuleMeta };
  const bytesOf = (pieces: Iterable<Uint8Array>) => Buffer.concat([...pieces]);

  it('is formatJson as UTF-8, for every large variant (escapes, lone surrogates, fixes, skipped files, no files)', () => {
    const variants = largeVariants(CWD, fixtureRuleMeta).filter((v) => v.format === 'json');
    expect(variants.length).toBeGreaterThan(3);
    const skipped = { ...FIXTURE, skippedFiles: ['/work/values.yaml', '/work/z/ci.yaml'] };
    for (const v of [...variants, { label: 'fixture', result: FIXTURE, options: OPTIONS }, { label: 'skipped files', result: skipped, options: OPTIONS }]) {
      const pieces = [...formatJsonBytes(v.result, v.options)];
      expect(bytesOf(pieces).toString('utf8'), v.label).toBe(formatJson(v.result, v.options));
      // pieces of about a mebibyte, never the report whole
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(1 << 20);
    }
  });

  it('is formatJson as UTF-8 for any findings, and a message larger than a piece gets a piece of its own', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 20 }), fc.nat({ max: 3 }), (findings, big) => {
        if (big === 3 && findings.length) findings[0] = { ...findings[0]!, message: 'é'.repeat(600_000) };
        const result = { kubernetesVersion: '1.36', skippedKinds: [], files: [{ filePath: 'a.yaml', findings, objectCount: 1 }, { filePath: 'b.yaml', findings: findings.slice(1), objectCount: 0 }] };
        expect(bytesOf(formatJsonBytes(result, OPTIONS)).toString('utf8')).toBe(formatJson(result, OPTIONS));
      }),
      { numRuns: 200 },
    );
  });
  it('is formatJson as UTF-8 when a message kept for its repeats must be escaped at the end of a piece', () => {
    // A message of control characters grows sixfold when escaped: where that crosses the end of a piece,
    // the bytes kept for its second use must still be the ones written.
    const control = '\u0001'.repeat(300);
    const f = (message: string, ruleId: string): Finding => ({ ruleId, messageId: 'm', severity: 'warning', message, line: 1, column: 1, endLine: 1, endColumn: 2, path: '' });
    for (let padding = 6000; padding < 6400; padding += 5) {
      const findings = Array.from({ length: padding }, (_, i) => f(`p${String(i).padStart(49, '0')}`, 'pad'));
      findings.push(f(control, 'control'), f(control, 'control'));
      const result = { kubernetesVersion: '1.36', skippedKinds: [], files: [{ filePath: 'a.yaml', findings, objectCount: 1 }] };
      expect(bytesOf(formatJsonBytes(result, OPTIONS)).toString('utf8') === formatJson(result, OPTIONS), `${padding} findings before it`).toBe(true);
    }
  });
});


describe('formatMessage', () => {
  it('fills placeholders as a regular-expression replace would, leaving unknown ones', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('{{a}}', '{{ b }}', '{{c}}', '{{', '}}', '$&', '{{a}}{{a}}')), { maxLength: 8 }), fc.dictionary(fc.constantFrom('a', 'b', 'd'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean())), (pieces, data) => {
        const template = pieces.join('');
        const expected = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
        expect(formatMessage(template, data)).toBe(expected);
        expect(formatMessage(template, undefined)).toBe(template);
      }),
      { numRuns: 300 },
    );
  });
});
