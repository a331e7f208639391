import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { generateAll, outputName, MINOR_VERSIONS } from '../../scripts/gen-schemas.mjs';
import { KUBERNETES_VERSIONS } from '../../src/schema/versions.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(projectRoot, '../shared');
const haveSpecs = fs.existsSync(path.join(shared, 'k8s-openapi'));

describe('schemas/validation-v1.NN.jsonl.gz', () => {
  it('covers exactly the versions src/schema/versions.ts offers', () => {
    expect((MINOR_VERSIONS as number[]).map((m) => `1.${m}`)).toEqual(KUBERNETES_VERSIONS);
  });

  it.skipIf(!haveSpecs)('is up to date with ../shared/k8s-openapi (run npm run gen:schemas when this fails)', () => {
    for (const { name, text } of generateAll(shared) as Array<{ name: string; text: string }>) {
      const file = path.join(projectRoot, 'schemas', name);
      expect(fs.existsSync(file), `${file} is missing`).toBe(true);
      const committed = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
      expect(committed === text, `schemas/${name} is stale: run npm run gen:schemas`).toBe(true);
    }
  });

  if (!haveSpecs) it.skip(`staleness check skipped: ${path.join(shared, 'k8s-openapi')} is absent`, () => {});

  it('holds only the bundled data files and says how each was generated', () => {
    for (const v of KUBERNETES_VERSIONS) {
      const name = outputName(Number(v.split('.')[1])) as string;
      const first = zlib.gunzipSync(fs.readFileSync(path.join(projectRoot, 'schemas', name))).toString('utf8').split('\n', 1)[0]!;
      const header = JSON.parse(first) as { format: string; generatedBy: string; kubernetesVersion: string };
      expect(header.format).toBe('podlint-validation/1');
      expect(header.kubernetesVersion).toBe(v);
      expect(header.generatedBy).toMatch(new RegExp(`^scripts/gen-schemas\\.mjs from swagger-v${v.replace('.', '\\.')}\\.json\\.gz \\(sha256 [0-9a-f]{64}\\)`));
    }
  });
});
