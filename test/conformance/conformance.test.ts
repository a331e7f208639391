import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_SPECS } from './cases.js';
import { CORPUS, renderConformance, rulesLabel, runSpec, type ConformanceRow } from './harness.js';

const CONFORMANCE_MD = path.resolve(import.meta.dirname, '../../CONFORMANCE.md');
const haveCorpus = fs.existsSync(CORPUS);
/** `node scripts/gen-conformance.mjs` sets this to rewrite CONFORMANCE.md instead of comparing it. */
const UPDATE = process.env.PODLINT_UPDATE_CONFORMANCE === '1';

describe.skipIf(!haveCorpus)('conformance with the peers\' fixtures (../shared/corpus)', () => {
  const all: ConformanceRow[][] = CONFORMANCE_SPECS.map(() => []);

  CONFORMANCE_SPECS.forEach((spec, i) => {
    it(`${spec.peer} ${spec.check} ↔ ${rulesLabel(spec)}`, async () => {
      const rows = await runSpec(spec);
      all[i] = rows;
      expect(rows.length).toBeGreaterThan(0);
      const wrong = rows
        .filter((r) => (r.deliberate === undefined ? r.podlint !== r.expected : r.podlint === r.expected))
        .map((r) => `${r.fixture} ${r.unit}: expected ${r.expected}, podlint ${r.podlint}${r.deliberate ? ' (recorded as a deliberate difference, which no longer exists)' : ''}`);
      expect(wrong).toEqual([]);
      // Every peer expectation of a finding is covered by a unit (a typo in `fires` would silently pass otherwise).
      for (const key of spec.fires ?? []) expect(rows.some((r) => r.unit === key)).toBe(true);
    });
  });

  it('CONFORMANCE.md is up to date (node scripts/gen-conformance.mjs)', () => {
    expect(all.every((rows) => rows.length > 0)).toBe(true);
    const text = renderConformance(all.flat());
    if (UPDATE) fs.writeFileSync(CONFORMANCE_MD, text);
    expect(fs.existsSync(CONFORMANCE_MD) ? fs.readFileSync(CONFORMANCE_MD, 'utf8') : '').toBe(text);
  });
});

if (!haveCorpus) {
  describe('conformance', () => {
    it.skip(`skipped: the peers' fixtures are not at ${CORPUS}`, () => {});
  });
}
