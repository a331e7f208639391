import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintInputs, prepareLintInputs, resolveLintOptions } from '../../src/lint.js';
import { expandPaths, readInputFile } from '../../src/source/read.js';
import { getRule } from '../../src/engine/registry.js';

const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus');
const have = fs.existsSync(path.join(corpus, 'real'));
if (!have) console.warn(`test/corpus/real.test.ts: skipped, ${corpus} is absent`);

describe.skipIf(!have)('every manifest of ../shared/corpus', () => {
  it('is linted without a crash, and the schema findings over corpus/real are pinned', async () => {
    const resolved = await resolveLintOptions({ config: false });
    const { files } = expandPaths([corpus], { cwd: corpus });
    const inputs = files.map(readInputFile);
    await prepareLintInputs(inputs, resolved);
    const result = lintInputs(inputs, resolved);
    expect(result.internalError).toBe(false);
    const all = result.files.flatMap((f) => f.findings.map((x) => ({ ...x, filePath: f.filePath })));
    expect(all.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    for (const f of all) {
      expect(f.line, `${f.filePath} ${f.ruleId}`).toBeGreaterThanOrEqual(1);
      expect(f.column, `${f.filePath} ${f.ruleId}`).toBeGreaterThanOrEqual(1);
    }
    // Schema-category findings over corpus/real, by rule: a change in the reader or the validator shows here.
    const real = all.filter((f) => f.filePath.startsWith(path.join(corpus, 'real') + path.sep));
    const counts: Record<string, number> = {};
    for (const f of real) if (getRule(f.ruleId ?? '')?.meta.category === 'schema') counts[f.ruleId!] = (counts[f.ruleId!] ?? 0) + 1;
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect({ files: result.files.filter((f) => f.filePath.startsWith(path.join(corpus, 'real'))).length, ...sorted }).toMatchInlineSnapshot(`
      {
        "crd-validation": 1,
        "duplicate-key": 5,
        "files": 600,
        "invalid-type": 1,
        "required-field": 2,
        "unknown-field": 6,
        "unknown-kind": 18,
        "unserved-api-version": 16,
        "yaml-syntax": 1,
      }
    `);
  }, 240_000);
});
