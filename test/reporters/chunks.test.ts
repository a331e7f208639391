/**
 * Every reporter written in pieces (formatXChunks, see Pieces in src/reporters/common.ts): joined, the
 * pieces are exactly the text each reporter gave when it built one string (recorded below as length and
 * SHA-256, with the rest of the golden tests guarding the small fixture), no piece is large, and a
 * large report comes in many pieces. test/reporters/json-chunks.test.ts has json's own tests.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatCompact, formatCompactChunks } from '../../src/reporters/compact.js';
import { formatGithub, formatGithubChunks } from '../../src/reporters/github.js';
import { formatResult, formatResultChunks, REPORTER_NAMES } from '../../src/reporters/index.js';
import { formatJson, formatJsonChunks } from '../../src/reporters/json.js';
import { formatJunit, formatJunitChunks } from '../../src/reporters/junit.js';
import { formatSarif, formatSarifChunks } from '../../src/reporters/sarif.js';
import { formatStylish, formatStylishChunks } from '../../src/reporters/stylish.js';
import { PIECE_FINDINGS, type ReporterOptions } from '../../src/reporters/common.js';
import type { Finding, LintResult } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { CWD, FIXTURE, fixtureRuleMeta } from './fixture.js';
import { largeFile, largeResult, largeVariants } from './large.js';

const MB = 1024 * 1024;
const OPTIONS: ReporterOptions = { color: false, cwd: CWD, ruleMeta: fixtureRuleMeta };

type Reporter = [whole: (r: LintResult, o: ReporterOptions) => string, chunks: (r: LintResult, o: ReporterOptions) => Generator<string>];
const REPORTERS: Record<string, Reporter> = {
  stylish: [formatStylish, formatStylishChunks],
  json: [formatJson, formatJsonChunks],
  sarif: [formatSarif, formatSarifChunks],
  github: [formatGithub, formatGithubChunks],
  junit: [formatJunit, formatJunitChunks],
  compact: [formatCompact, formatCompactChunks],
};

/**
 * UTF-8 length and SHA-256 of each variant's text as the reporters gave it when each built one string
 * (podlint at cb5594d, before the reporters were written in pieces).
 */
const BEFORE: Record<string, [bytes: number, sha256: string]> = {
  'stylish': [673_490, '3084c2d7d6806c7c8ccb379a7276cda924a0f535c9b36fa9dc3f767115fb81c3'],
  'stylish (info only)': [143_254, '05cbc81b75acdca55e9be6ccefe554143a49de54e0b4a1e6eb629a7ce9f26de5'],
  'stylish (12,000 findings in one file)': [2_016_980, 'ce978b87d2f1b03d309408529e7d067d31848416ed659d0de0b19f1ec6a7f4d0'],
  'stylish (files of 999 to 2,001 findings)': [1_165_094, 'e47e72d0d8f2b66aa83725b5fd29b42dc29da259cb33662755565c51f44283b9'],
  'stylish (no files)': [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  'stylish (clean files)': [77, '37c04183162aca1766b79bf1c1e6541ca208c0f7456e7e5c77220cc4ccb9a168'],
  'json': [1_294_032, '8e08b2cbdf4844d52ecc8a27636a38f78a44284d523c1226ce5180a07c474d33'],
  'json (info only)': [439_382, 'a396549069150b95025cd1602b874bc5bf4443b1c005be418a269ac33a57c714'],
  'json (12,000 findings in one file)': [3_863_955, 'd8c4ae40c6350485356b321967ffc13e870d2f9319f3a701732b18e8f28f0b5e'],
  'json (files of 999 to 2,001 findings)': [2_236_079, '294e46a3fac94ea35d062f84d89b163f507229e73aa6db212de8e418065d8b09'],
  'json (no files)': [3, '37517e5f3dc66819f61f5a7bb8ace1921282415f10551d2defa5c3eb0985b570'],
  'json (clean files)': [383, '532b932ce9160e368cf71900642d295f1546641476bad93adaf9c4706142e1a2'],
  'sarif': [4_933_739, 'b235ba983e3922071057388ac011148bff299d64829f1b55c15fb9c7a153e6bf'],
  'sarif (info only)': [1_609_891, '424b44615621858647d9610969710739b68bf51f13c9f73994e9ffd483b0e15c'],
  'sarif (12,000 findings in one file)': [14_471_496, 'f32563f8dcaeed4c629d243a8ad6384e6cca23a580d66a55edbc0f460947a939'],
  'sarif (files of 999 to 2,001 findings)': [8_456_387, 'cc3ab7ce670c8bdce00f1c679cf72921d340e5b7b8c75fb575fbbaa8efdd8110'],
  'sarif (no files)': [489, '4e589ac499b92c327a29605647cc67f1c203aa3290a21c8a2f68d5d371c64324'],
  'sarif (clean files)': [532, '553c88f845bae20bc7c7418205e058d75fc800d978aa1f66b82f600e68d51cd8'],
  'github': [582_028, '95c65752615a3b6538e2935d698113d9e6800626fec703ff4688a93566a4a277'],
  'github (info only)': [187_282, '19bd3215583c4c939d23d5e5fd59f4571f6d0a694c64a0b9990df7025ccbf55b'],
  'github (12,000 findings in one file)': [1_645_164, '27a5b66e8c08db53dbcb7a15b5ead3d733c3da9097ee0ab248946b7dd726361c'],
  'github (files of 999 to 2,001 findings)': [978_943, '86794c73e6612c349cfc6ebbf342f8b36dd0284379d81980eb1aee0192eda669'],
  'github (no files)': [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  'github (clean files)': [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  'junit': [1_416_486, '3aaa0a18f1cbe7c7c93784db9c1cb82f8842013a52fefc3a432fadc62eefd8a9'],
  'junit (info only)': [420_471, '9fd71ad92e3cc94091f3ca5e01c1c22efa1950b06210702573cd59a18bb7bc07'],
  'junit (12,000 findings in one file)': [3_933_968, '8dd12cdc1fa091d73a82f4b57c54144acca3a582f7f0813fdd9cb4ef4f9c919d'],
  'junit (files of 999 to 2,001 findings)': [2_346_043, '288f2a172f9f243fa453954990ecf75d938b81f07582fffa7a067d61c6feef42'],
  'junit (no files)': [124, '9618be4304861e4152a142c003f52de3abdde491abf4490cd3f21176e5e89c4e'],
  'junit (clean files)': [484, '2b774871897321899743bb9ce80c16f81ebf8a7467f702b884b5cc71ebcdf151'],
  'compact': [460_386, 'aa797ff6db93c87200f4e2994d41591ed658763da6de528d58e18dda4dedc055'],
  'compact (info only)': [146_382, '00b7bf2d8adf9fb731abe24965e19fb4d7cbc81d360c7b8bfc498a197f7630c7'],
  'compact (12,000 findings in one file)': [1_252_646, '0ac1f8ba6cb2460f56a9d54322958bbee23893b101e3570e369a92bfe84287f1'],
  'compact (files of 999 to 2,001 findings)': [754_779, 'd70403bfd4e854ccfbe4dffd63209f65f802e9a67856d14f8182c3ebac4c8f2a'],
  'compact (no files)': [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  'compact (clean files)': [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  'stylish (16 colours)': [787_779, '42ddf00e5e8d3d5a7754929a9d36fd2bc9c5ed72cfe24909805babb4bac7a182'],
  'stylish (truecolor, --max-warnings 3)': [787_835, '0d3d03a77421c1764baff73ce7686dc2118d4cdb0882f1bd9f0ba819410f6152'],
  'stylish (no fixes, --max-warnings 100000)': [523_972, '99ce6079eabd0de7666020493bb95ed680fd3b5f9a7c822684401a4286b67e5d'],
  'stylish (info only, colour)': [180_708, 'bf67df6432bc3e9c67e49cd82e92a035039fa4b35f1f90bc0b22624cd0ac4508'],
  'sarif (no fixes, a version)': [3_839_989, 'a5f5699a3d8f362c1160d50bf5bdb69a5b116b5a864565d9d4bc2c3da5955368'],
};

/**
 * stylish's tally of findings per rule (`Problems by rule:` and its rows, before the summary) came
 * after BEFORE was recorded: the rest of the text must still be what it was, byte for byte.
 */
const TALLY_BLOCK = /\n\n(?:\u001b\[\d+m)*Problems by rule:(?:\u001b\[\d+m)*\n(?: {2}.*\n)+\n/u;
function withoutTally(format: string, result: LintResult, text: string): string {
  if (format !== 'stylish') return text;
  const filesWithFindings = result.files.filter((f) => f.findings.length > 0).length;
  expect(TALLY_BLOCK.test(text), 'a tally exactly when the findings span several files').toBe(filesWithFindings > 1);
  return text.replace(TALLY_BLOCK, '\n\n');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** toBe for texts of megabytes: on a difference, shows where it starts instead of diffing it all. */
function expectSameText(actual: string, expected: string, label?: string): void {
  if (actual === expected) return;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  const around = (t: string) => t.slice(Math.max(0, i - 200), i + 200);
  expect({ at: i, lengths: [actual.length, expected.length], text: around(actual) }, label).toEqual({ at: i, lengths: [expected.length, expected.length], text: around(expected) });
}

describe('formatXChunks: the text of each format, in pieces', () => {
  const variants = largeVariants(CWD, fixtureRuleMeta);

  it('covers every format and what the large result claims to hold', () => {
    expect(new Set(variants.map((v) => v.format))).toEqual(new Set(REPORTER_NAMES));
    expect(Object.keys(BEFORE).sort()).toEqual(variants.map((v) => v.label).sort());
    const findings = largeResult(CWD).files.flatMap((f) => f.findings);
    expect(findings.length).toBeGreaterThanOrEqual(2_500);
    const has = (p: (f: Finding) => boolean) => findings.some(p);
    for (const sev of ['error', 'warning', 'info'] as const) expect(has((f) => f.severity === sev && !f.fatal)).toBe(true);
    expect(has((f) => !!f.fatal && f.ruleId === null)).toBe(true);
    expect(has((f) => !!f.fatal && f.ruleId !== null)).toBe(true);
    expect(has((f) => !f.fatal && f.ruleId === null)).toBe(true);
    expect(has((f) => f.fix?.op === 'set')).toBe(true);
    expect(has((f) => f.fix?.op === 'remove')).toBe(true);
    expect(has((f) => f.object?.listIndex !== undefined)).toBe(true);
    expect(has((f) => f.object !== undefined && f.object.name === undefined)).toBe(true);
    expect(has((f) => f.object === undefined)).toBe(true);
    for (const odd of ['<', '&', '"', "'", '%', '\u001b', '\u0000', '\ud800', '\u2028', '\r', '\t', '日本']) expect(has((f) => f.message.includes(odd)), JSON.stringify(odd)).toBe(true);
  });

  it.each(variants.map((v) => [v.label, v] as const))('%s: joined, the text as it was', (label, v) => {
    const [whole, chunks] = REPORTERS[v.format]!;
    const pieces = [...chunks(v.result, v.options)];
    const text = pieces.join('');
    const [length, hash] = BEFORE[label]!;
    const before = withoutTally(v.format, v.result, text);
    expect(bytes(before)).toBe(length);
    expect(sha256(before)).toBe(hash);
    expectSameText(whole(v.result, v.options), text);
    expectSameText(formatResult(v.format, v.result, v.options), text);
    expectSameText([...formatResultChunks(v.format, v.result, v.options)].join('\u0000'), pieces.join('\u0000'));
    // Bounded pieces; no empty ones.
    for (const p of pieces) {
      expect(bytes(p)).toBeLessThan(MB);
      expect(p).not.toBe('');
    }
    // A report of thousands of findings comes in pieces of at most a thousand findings.
    const findings = v.result.files.reduce((n, f) => n + f.findings.length, 0);
    if (findings > PIECE_FINDINGS) expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(findings / PIECE_FINDINGS));
  });

  it('SARIF in pieces is still one JSON.stringify(log, null, 2) of the whole log', () => {
    for (const v of variants.filter((x) => x.format === 'sarif')) {
      const text = [...formatSarifChunks(v.result, v.options)].join('');
      const log = JSON.parse(text);
      expectSameText(`${JSON.stringify(log, null, 2)}\n`, text, v.label);
      expect(log.runs[0].results).toHaveLength(v.result.files.reduce((n, f) => n + f.findings.length, 0));
    }
  });

  it('JUnit in pieces: the counts on <testsuites> and each <testsuite> match the test cases', () => {
    const result = largeResult(CWD);
    const text = formatJunit(result, OPTIONS);
    const suites = [...text.matchAll(/<testsuite name="[^"]*" tests="(\d+)" failures="(\d+)" errors="(\d+)"[^>]*>([\s\S]*?)<\/testsuite>/g)];
    expect(suites).toHaveLength(result.files.length);
    let tests = 0;
    for (const [, t, failures, errors, body] of suites) {
      expect((body!.match(/<testcase /g) ?? []).length).toBe(Number(t));
      expect((body!.match(/<failure /g) ?? []).length).toBe(Number(failures));
      expect((body!.match(/<error /g) ?? []).length).toBe(Number(errors));
      tests += Number(t);
    }
    expect(text).toContain(`<testsuites name="podlint" tests="${tests}"`);
  });

  it('one finding per line in compact and github', () => {
    const result = largeResult(CWD);
    const n = result.files.reduce((k, f) => k + f.findings.length, 0);
    expect(formatGithub(result, OPTIONS).split('\n')).toHaveLength(n + 1);
    expect(formatCompact(result, OPTIONS).split('\n')).toHaveLength(n + 3);
  });

  it('pieces stay under 1 MB when every finding has a long message (fewer findings a piece)', () => {
    const long: LintResult = {
      kubernetesVersion: '1.36',
      skippedKinds: [],
      files: [largeFile(`${CWD}/long.yaml`, 600)].map((f) => ({ ...f, findings: f.findings.map((x, i) => ({ ...x, message: `${x.message} ${'日本語 <&> "x" '.repeat(200 + (i % 50))}` })) })),
    };
    for (const [name, [whole, chunks]] of Object.entries(REPORTERS)) {
      const pieces = [...chunks(long, OPTIONS)];
      expect(bytes(pieces.join('')), name).toBeGreaterThan(2 * MB);
      expect(pieces.length, name).toBeGreaterThan(3);
      for (const p of pieces) expect(bytes(p), name).toBeLessThan(MB);
      expectSameText(pieces.join(''), whole(long, OPTIONS), name);
    }
  });

  it('a small report comes in one piece (json: a few, each file apart)', () => {
    for (const name of REPORTER_NAMES) {
      const pieces = [...formatResultChunks(name, FIXTURE, OPTIONS)];
      expect(pieces.join(''), name).toBe(formatResult(name, FIXTURE, OPTIONS));
      if (name !== 'json') expect(pieces, name).toHaveLength(1);
    }
  });

  it('nothing to say: no pieces at all (stylish, compact, github)', () => {
    const clean: LintResult = { kubernetesVersion: '1.36', skippedKinds: [], files: [largeFile('a.yaml', 0)] };
    for (const name of ['stylish', 'compact', 'github']) expect([...formatResultChunks(name, clean, OPTIONS)], name).toEqual([]);
  });

  it('an unknown format name throws', () => {
    expect(() => formatResultChunks('xml', FIXTURE, OPTIONS)).toThrow(/unknown format "xml"/);
  });
});

describe('podlint --format X (CLI): the same report on stdout and in -o FILE', () => {
  const pod = (i: number) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${i}\n  labels: {app: a${i % 4}}\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n      ports: [{containerPort: ${8000 + i}}]\n    - name: d\n      image: busybox\n`;

  it.each(REPORTER_NAMES.map((n) => [n]))('%s', async (format) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `podlint-${format}-`));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    // Well over a thousand findings in one file, so that every format writes it in several pieces.
    fs.writeFileSync(path.join(dir, 'many.yaml'), Array.from({ length: 300 }, (_, i) => pod(i)).join('---\n'));
    fs.writeFileSync(path.join(dir, 'clean.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n');
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: [\n');
    const toStdout = await runCli(['--format', format, '.'], { cwd: dir });
    const toFile = await runCli(['--format', format, '-o', 'out/report', '.'], { cwd: dir });
    expect(toStdout.code).toBe(1);
    expect(toFile.code).toBe(1);
    expect(toFile.stdout).toBe('');
    const written = fs.readFileSync(path.join(dir, 'out/report'), 'utf8');
    expectSameText(written, toStdout.stdout);
    expect(written.length).toBeGreaterThan(100_000);
  });
});
