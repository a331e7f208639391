import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { generate, OUTPUT_NAME, FORMAT } from '../../scripts/gen-merge-schema.mjs';
import { kindDefinition, mergeField, mergesByKey, MERGE_SCHEMA_FILE_NAME } from '../../src/kustomize/merge-schema.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(projectRoot, '../shared');
const haveSpecs = fs.existsSync(path.join(shared, 'k8s-openapi'));

describe('schemas/merge-schema-v1.36.json', () => {
  it('is the file src/kustomize/merge-schema.ts reads and says how it was generated', () => {
    expect(OUTPUT_NAME).toBe(MERGE_SCHEMA_FILE_NAME);
    const data = JSON.parse(fs.readFileSync(path.join(projectRoot, 'schemas', OUTPUT_NAME as string), 'utf8')) as { format: string; generatedBy: string };
    expect(data.format).toBe(FORMAT);
    expect(data.generatedBy).toMatch(/^scripts\/gen-merge-schema\.mjs from swagger-v1\.36\.json\.gz \(sha256 [0-9a-f]{64}\)/);
  });

  it.skipIf(!haveSpecs)('is up to date with ../shared/k8s-openapi (run node scripts/gen-merge-schema.mjs when this fails)', () => {
    const committed = fs.readFileSync(path.join(projectRoot, 'schemas', OUTPUT_NAME as string), 'utf8');
    expect(committed === generate(shared), `schemas/${OUTPUT_NAME} is stale: run node scripts/gen-merge-schema.mjs`).toBe(true);
  });
  if (!haveSpecs) it.skip(`staleness check skipped: ${path.join(shared, 'k8s-openapi')} is absent`, () => {});

  it('holds the merge keys of the pod template lists', () => {
    const pod = kindDefinition('v1', 'Pod')!;
    const spec = mergeField(pod, 'spec')!.ref;
    expect(mergeField(spec, 'containers')).toMatchObject({ strategy: 'merge', keys: ['name'] });
    expect(mergeField(spec, 'volumes')).toMatchObject({ strategy: 'merge,retainKeys', keys: ['name'] });
    expect(mergesByKey(mergeField(spec, 'tolerations'))).toBe(false);
    const container = mergeField(spec, 'containers')!.ref;
    expect(mergeField(container, 'ports')).toMatchObject({ keys: ['containerPort', 'protocol'] });
    expect(mergeField(mergeField(pod, 'metadata')!.ref, 'finalizers')).toMatchObject({ strategy: 'merge', keys: [''] });
    expect(kindDefinition('example.com/v1', 'Widget')).toBeUndefined();
  });
});
