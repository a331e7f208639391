/** Every format's exact output on the fixed fixture, compared with test/reporters/golden/. */
import { describe, it, expect } from 'vitest';
import { formatResult, REPORTER_NAMES } from '../../src/reporters/index.js';
import { CWD, FIXTURE, fixtureRuleMeta } from './fixture.js';
import { expectGolden } from './golden.js';

const EXT: Record<string, string> = { json: 'json', sarif: 'sarif.json', junit: 'xml' };
const options = { color: false, cwd: CWD, version: '0.1.0', ruleMeta: fixtureRuleMeta };

describe('golden output on the fixture', () => {
  for (const name of REPORTER_NAMES) {
    it(name, () => {
      const out = formatResult(name, FIXTURE, options);
      expectGolden(`${name}.${EXT[name] ?? 'txt'}`, out);
      // Deterministic: a second run prints the same bytes.
      expect(formatResult(name, structuredClone(FIXTURE), options)).toBe(out);
    });
  }

  it('stylish with colour (16 colours)', () => {
    expectGolden('stylish-color.txt', formatResult('stylish', FIXTURE, { ...options, color: true }));
  });

  it('stylish with --max-warnings exceeded', () => {
    expectGolden('stylish-max-warnings.txt', formatResult('stylish', FIXTURE, { ...options, maxWarnings: 1 }));
  });
});
