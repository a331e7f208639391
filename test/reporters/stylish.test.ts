/** `stylish` and `compact`: layout, summary, colour control, terminal safety. */
import { afterEach, describe, it, expect } from 'vitest';
import { objectLabel } from '../../src/reporters/common.js';
import { formatResult } from '../../src/reporters/index.js';
import type { Finding, LintResult } from '../../src/types.js';
import { CWD, FIXTURE } from './fixture.js';

const plain = { color: false, cwd: CWD };
const ESC = '\u001b';

function only(findings: Finding[], skippedKinds: string[] = []): LintResult {
  return { files: [{ filePath: `${CWD}/a.yaml`, objectCount: 1, findings }], skippedKinds, kubernetesVersion: '1.36' };
}
const base = FIXTURE.files[0]!.findings;

describe('stylish', () => {
  const saved = { FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('prints nothing for a clean run', () => {
    expect(formatResult('stylish', { files: [FIXTURE.files[2]!], skippedKinds: [], kubernetesVersion: '1.36' }, plain)).toBe('');
    expect(formatResult('stylish', { files: [], skippedKinds: [], kubernetesVersion: '1.36' }, plain)).toBe('');
  });

  it('a clean run with skipped kinds prints only the note', () => {
    expect(formatResult('stylish', only([], ['example.com/v1 Widget']), plain)).toBe('Skipped 1 kind with no bundled schema (not validated): example.com/v1 Widget\n');
  });

  it('counts the files a walk skipped because they hold no Kubernetes object (json lists them)', () => {
    const note = 'Skipped 2 files with no Kubernetes object found by the directory walk (values.yaml, Chart.yaml, CI and tool configuration …); --format json lists them\n';
    expect(formatResult('stylish', { ...only([]), skippedFiles: [`${CWD}/values.yaml`, `${CWD}/.github/ci.yaml`] }, plain)).toBe(note);
    const both = formatResult('stylish', { ...only([], ['example.com/v1 Widget']), skippedFiles: [`${CWD}/values.yaml`, `${CWD}/x.yaml`] }, plain);
    expect(both).toBe(`Skipped 1 kind with no bundled schema (not validated): example.com/v1 Widget\n\n${note}`);
    expect(formatResult('stylish', { ...only(base), skippedFiles: [`${CWD}/values.yaml`, `${CWD}/x.yaml`] }, plain).endsWith(`\n\n${note}`)).toBe(true);
  });

  it('colour follows options.color only, never the environment', () => {
    process.env.FORCE_COLOR = '3';
    expect(formatResult('stylish', FIXTURE, plain)).not.toContain(ESC);
    process.env.NO_COLOR = '1';
    delete process.env.FORCE_COLOR;
    const coloured = formatResult('stylish', FIXTURE, { ...plain, color: true });
    expect(coloured).toContain(`${ESC}[31merror${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[33mwarning${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[36minfo${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[4mmanifests/web.yaml${ESC}[24m`);
    expect(formatResult('stylish', FIXTURE, { ...plain, color: true, colorLevel: 0 })).not.toContain(ESC);
    // Without escapes, the coloured output is the plain one.
    expect(coloured.replace(/\u001b\[\d+m/gu, '')).toBe(formatResult('stylish', FIXTURE, plain));
  });

  it('aligns columns per file, counting wide characters as two cells', () => {
    const out = formatResult('stylish', FIXTURE, plain);
    const block = out.split('\n\n')[0]!.split('\n').slice(2); // the rows of manifests/web.yaml
    expect(block).toHaveLength(5);
    const starts = block.map((row, i) => cells(row.slice(0, row.indexOf(tableText(base[i]!)))));
    expect(new Set(starts).size).toBe(1);
    const ruleStarts = block.map((row, i) => cells(row.slice(0, row.lastIndexOf(base[i]!.ruleId!))));
    expect(new Set(ruleStarts).size).toBe(1);
    expect(block[0]).toMatch(/^ {4}3:1 {3}error {4}Pod\/web {2,}unknown field/u);
    expect(block[3]).toMatch(/^ {2}104:9 {3}info {5}ReplicaSet\/api /u);
    for (const row of block) expect(row).not.toMatch(/\s$/u);
  });

  it('summary counts info separately and mentions fixes only when there are some', () => {
    expect(formatResult('stylish', only([base[0]!]), plain)).toBe('\na.yaml\n  3:1  error  Pod/web  unknown field "metadate" — did you mean "metadata"?  unknown-field\n\n✖ 1 problem (1 error, 0 warnings)\n');
    const out = formatResult('stylish', only([base[1]!, base[3]!]), plain);
    expect(out).toContain('✖ 2 problems (0 errors, 1 warning, 1 info)\n  0 errors, 0 warnings and 1 info potentially fixable with the `--fix` option.\n');
    expect(formatResult('stylish', only([base[2]!]), plain)).toContain('✖ 1 problem (1 error, 0 warnings)\n  1 error and 0 warnings potentially fixable with the `--fix` option.\n');
  });

  it('drops the final period as ESLint does, and an empty object column', () => {
    expect(formatResult('stylish', only([base[1]!]), plain)).toContain('uses the latest tag  image-tag-latest');
    const fatal = FIXTURE.files[1]!.findings[0]!;
    expect(formatResult('stylish', only([fatal]), plain)).toContain('\n  2:7  error  Nested mappings are not allowed in compact mappings at line 2, column 7\n');
  });

  it('never lets control characters from a manifest reach the terminal', () => {
    const out = formatResult('stylish', FIXTURE, { ...plain, color: true });
    expect(out.replace(/\u001b\[\d+m/gu, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/u);
    expect(out).toContain('unknown field "na\\u001b[31mme,x:y" second line third: 50%');
  });

  it('--max-warnings: a line when exceeded, none otherwise', () => {
    const warnings = 3;
    expect(formatResult('stylish', FIXTURE, { ...plain, maxWarnings: warnings - 1 })).toContain('podlint found too many warnings (maximum: 2).\n');
    expect(formatResult('stylish', FIXTURE, { ...plain, maxWarnings: warnings })).not.toContain('too many warnings');
  });
});

describe('object labels', () => {
  it('name the object compactly', () => {
    expect(objectLabel({ kind: 'Pod', name: 'web', documentIndex: 0 })).toBe('Pod/web');
    expect(objectLabel({ kind: 'Pod', name: 'web', namespace: 'prod', documentIndex: 0 })).toBe('Pod/prod/web');
    expect(objectLabel({ kind: 'Pod', documentIndex: 2, listIndex: 0 })).toBe('Pod (document 3, item 1)');
    expect(objectLabel({ documentIndex: 0 })).toBe('document 1');
    expect(objectLabel(undefined)).toBe('');
  });
});

describe('compact', () => {
  it('one line per finding and a count, ESLint style', () => {
    const out = formatResult('compact', FIXTURE, plain).split('\n');
    expect(out[0]).toBe('manifests/web.yaml: line 3, col 1, Error - unknown field "metadate" — did you mean "metadata"? (unknown-field)');
    expect(out[3]).toBe('manifests/web.yaml: line 104, col 9, Info - restartPolicy is not set: Kubernetes uses "Always" (restart-policy-default)');
    expect(out[5]).toBe('broken.yaml: line 2, col 7, Error - Nested mappings are not allowed in compact mappings at line 2, column 7');
    expect(out.slice(-3)).toEqual(['', '9 problems', '']);
  });

  it('prints nothing for a clean run and one line per finding even with line breaks in messages', () => {
    expect(formatResult('compact', { files: [FIXTURE.files[2]!], skippedKinds: ['x/v1 Y'], kubernetesVersion: '1.36' }, plain)).toBe('');
    const out = formatResult('compact', { ...FIXTURE, files: [FIXTURE.files[4]!] }, plain);
    expect(out).toBe('<stdin>: line 4, col 3, Error - unknown field "na\\u001b[31mme,x:y" second line third: 50% (unknown-field)\n\n1 problem\n');
  });
});

/** Terminal cells of the fixture's text: its only wide characters are the two Han ideographs. */
function cells(s: string): number {
  return [...s].reduce((n, ch) => n + (/\p{Script=Han}/u.test(ch) ? 2 : 1), 0);
}

function tableText(f: Finding): string {
  return f.message.replace(/([^ ])\.$/u, '$1');
}
