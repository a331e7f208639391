/**
 * --fix goldens: every fixtures/NAME.input.EXT is fixed with the real rules and compared byte for byte
 * with fixtures/NAME.output.EXT (`UPDATE_GOLDEN=1 npx vitest run test/fix` rewrites them; review the diff).
 * Fixing a fixed file again must change nothing (idempotence), and no finding with a fix may remain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintInputs, resolveLintOptions } from '../../src/api.js';
import { fixInputs } from '../../src/fix/fix.js';
import { parseYaml } from '../../src/source/yaml.js';

const dir = path.join(import.meta.dirname, 'fixtures');
const cases = fs.readdirSync(dir).filter((f) => f.includes('.input.')).sort();

async function fix(filePath: string, text: string) {
  const resolved = await resolveLintOptions({ config: false, cwd: dir });
  return fixInputs([{ filePath, text }], (inputs) => lintInputs(inputs, resolved));
}

describe('--fix goldens', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(6));
  for (const name of cases) {
    it(name, async () => {
      const input = fs.readFileSync(path.join(dir, name), 'utf8');
      const goldenFile = path.join(dir, name.replace('.input.', '.output.'));
      const filePath = path.join(dir, name);
      const run = await fix(filePath, input);
      expect(run.fixed.length, 'the fixture has something to fix').toBe(1);
      const output = run.fixed[0]!.output;
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(goldenFile, output);
      expect(output, `differs from ${path.basename(goldenFile)} (UPDATE_GOLDEN=1 rewrites it)`).toBe(fs.readFileSync(goldenFile, 'utf8'));

      // Every comment line of the input is still there, in order.
      const comments = (t: string) => t.split(/\r?\n/).map((l) => /#.*$/.exec(l)?.[0]).filter(Boolean);
      expect(comments(output)).toEqual(comments(input));
      // Line endings and the final newline are kept.
      expect(output.includes('\r\n')).toBe(input.includes('\r\n'));
      if (input.includes('\r\n')) expect(output.replace(/\r\n/g, '')).not.toContain('\n');
      expect(output.endsWith('\n')).toBe(input.endsWith('\n'));
      // The same number of documents, none broken.
      const docs = parseYaml(output).documents;
      expect(docs.length).toBe(parseYaml(input).documents.length);
      expect(docs.every((d) => !d.fatal && d.problems.length === 0)).toBe(true);
      // No fixable finding is left, and fixing again changes nothing.
      expect(run.result.files.flatMap((f) => f.findings.filter((x) => x.fix))).toEqual([]);
      const again = await fix(filePath, output);
      expect(again.fixed).toEqual([]);
      expect(again.passes).toBe(0);
    });
  }
});
