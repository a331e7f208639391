import { describe, expect, it } from 'vitest';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, parseKubernetesVersion } from '../../src/schema/versions.js';
import { schemaFile } from '../../src/schema/validate.js';
import fs from 'node:fs';

describe('Kubernetes versions', () => {
  it('bundles 1.28 … 1.36, newest by default, each with its data file', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.36');
    for (const v of KUBERNETES_VERSIONS) expect(fs.existsSync(schemaFile(v)), v).toBe(true);
  });

  it.each([
    ['1.30', '1.30'],
    ['v1.30', '1.30'],
    ['1.30.2', '1.30'],
    ['v1.28.15', '1.28'],
    [' 1.36 ', '1.36'],
  ])('parses %j as %s', (input, name) => {
    const v = parseKubernetesVersion(input);
    expect(v?.name).toBe(name);
    expect(v?.minor).toBe(Number(name.split('.')[1]));
  });

  it.each(['1.27', '1.37', '2.30', '1', '1.30.2.1', 'latest', '', '1.030', 'v', '1.3x'])('rejects %j', (input) => {
    expect(parseKubernetesVersion(input)).toBeUndefined();
  });

  it('compares versions with atLeast()', () => {
    const v = parseKubernetesVersion('1.30')!;
    expect(v.atLeast(29)).toBe(true);
    expect(v.atLeast(30)).toBe(true);
    expect(v.atLeast(31)).toBe(false);
    expect(parseKubernetesVersion('v1.30.1')).toBe(v);
  });
});
