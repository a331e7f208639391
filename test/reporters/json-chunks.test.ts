/**
 * `json` written in pieces (formatJsonChunks, a file's messages a thousand at a time): the pieces
 * joined are exactly ESLint's one JSON.stringify of the results array, and no piece is large. The
 * other formats in pieces, and all of them from the CLI: chunks.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatJson, formatJsonChunks, jsonFileResult } from '../../src/reporters/json.js';
import { formatResult, formatResultChunks } from '../../src/reporters/index.js';
import type { FileResult, Finding, LintResult } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { CWD, FIXTURE } from './fixture.js';

const OPTIONS = { color: false, cwd: CWD };
const MB = 1024 * 1024;

/** The text formatJson must give: ESLint's formatter is one JSON.stringify of the results. */
const expected = (result: LintResult) => JSON.stringify(result.files.map((f) => jsonFileResult(f, CWD))) + '\n';

/** Finding number `i` of a file: every shape a message can take, in turn. */
function finding(i: number): Finding {
  const base: Finding = {
    ruleId: ['unknown-field', 'latest-tag', 'readiness-probe-missing', 'overlapping-selectors'][i % 4]!,
    severity: (['error', 'warning', 'info'] as const)[i % 3]!,
    message: i % 17 === 0 ? `message ${i}: "quotes", back\\slash, new\nline, unicode wéb-日本 \u2028 tab\t ✓` : `message number ${i} about container "c-${i % 13}"`,
    messageId: `m${i % 5}`,
    line: i + 1,
    column: (i % 40) + 1,
    endLine: i + 1,
    endColumn: (i % 40) + 9,
    path: `/spec/template/spec/containers/${i % 3}/image`,
  };
  if (i % 2 === 0) base.object = { apiVersion: 'apps/v1', kind: 'Deployment', name: `web-${i % 50}`, documentIndex: Math.floor(i / 10) };
  if (i % 10 === 3) base.object = { apiVersion: 'v1', kind: 'Pod', name: `item-${i}`, namespace: 'prod', documentIndex: 7, listIndex: i % 9 };
  if (i % 7 === 0) base.fix = { path: '/spec/selector', op: 'set', value: { matchLabels: { app: `wéb-${i}` }, n: i, list: [1, null, 'x'] } };
  if (i % 11 === 5) base.fix = { path: '/spec/replicas', op: 'remove' };
  if (i % 97 === 1) Object.assign(base, { ruleId: i % 2 ? null : 'yaml-syntax', severity: 'error', fatal: true, path: '', object: undefined });
  return base;
}

const file = (filePath: string, n: number, from = 0): FileResult => ({
  filePath,
  objectCount: Math.ceil(n / 10),
  source: 'apiVersion: v1\nkind: Pod\n',
  findings: Array.from({ length: n }, (_, i) => finding(from + i)),
});

const LARGE: LintResult = {
  kubernetesVersion: '1.36',
  skippedKinds: ['example.com/v1 Widget'],
  files: [file('manifests/big.yaml', 1_499), file('/abs/other file ñ.yaml', 1_001, 5_000)],
};

/** The pieces of each file: its opening (filePath …), its message pieces, its closing. */
function piecesPerFile(chunks: string[]): number[][] {
  const files: number[][] = [];
  for (const c of chunks) {
    if (c.includes('"filePath":')) files.push([]);
    else if (c.startsWith('],"suppressedMessages"')) continue;
    else if (files.length && c !== ']\n') files[files.length - 1]!.push(c.length);
  }
  return files;
}

describe('formatJsonChunks', () => {
  it('joined, is one JSON.stringify of the results (2 files, 2,500 findings of every shape)', () => {
    const findings = LARGE.files.flatMap((f) => f.findings);
    // The findings are what the test claims they are.
    expect(findings).toHaveLength(2_500);
    for (const has of [(f: Finding) => !!f.fix, (f: Finding) => f.severity === 'info', (f: Finding) => !!f.fatal, (f: Finding) => f.object?.listIndex !== undefined, (f: Finding) => f.ruleId === null]) {
      expect(findings.some(has)).toBe(true);
    }
    const text = formatJson(LARGE, OPTIONS);
    expect(text).toBe(expected(LARGE));
    expect([...formatJsonChunks(LARGE, OPTIONS)].join('')).toBe(text);
    expect(formatResult('json', LARGE, OPTIONS)).toBe(text);
    expect([...formatResultChunks('json', LARGE, OPTIONS)].join('')).toBe(text);
    const parsed = JSON.parse(text);
    expect(parsed.map((f: { messages: unknown[] }) => f.messages.length)).toEqual([1_499, 1_001]);
    expect(parsed[0].filePath).toBe(path.resolve(CWD, 'manifests/big.yaml'));
  });

  it('gives pieces under 1 MB, a large file in more than one', () => {
    const chunks = [...formatJsonChunks(LARGE, OPTIONS)];
    for (const c of chunks) expect(Buffer.byteLength(c, 'utf8')).toBeLessThan(MB);
    const perFile = piecesPerFile(chunks);
    expect(perFile).toHaveLength(2);
    for (const pieces of perFile) expect(pieces.length).toBeGreaterThan(1);
    // A file with megabytes of messages is still written in pieces under 1 MB.
    const long: LintResult = { ...LARGE, files: [{ ...file('huge.yaml', 5_000), findings: file('huge.yaml', 5_000).findings.map((f) => ({ ...f, message: f.message + ' …'.repeat(100) })) }] };
    const longChunks = [...formatJsonChunks(long, OPTIONS)];
    expect(Buffer.byteLength(longChunks.join(''), 'utf8')).toBeGreaterThan(2 * MB);
    for (const c of longChunks) expect(Buffer.byteLength(c, 'utf8')).toBeLessThan(MB);
    expect(longChunks.join('')).toBe(expected(long));
  });

  it.each([999, 1_000, 1_001, 2_000, 2_001])('is exact at the edges of a piece (%i messages)', (n) => {
    const result: LintResult = { kubernetesVersion: '1.36', skippedKinds: [], files: [file('a.yaml', n), file('b.yaml', 3), file('c.yaml', n, 7)] };
    const text = formatJson(result, OPTIONS);
    expect(text).toBe(expected(result));
    expect(JSON.parse(text).map((f: { messages: unknown[] }) => f.messages.length)).toEqual([n, 3, n]);
  });

  it('no files: []', () => {
    const none: LintResult = { kubernetesVersion: '1.36', skippedKinds: [], files: [] };
    expect(formatJson(none, OPTIONS)).toBe('[]\n');
    expect([...formatJsonChunks(none, OPTIONS)].join('')).toBe('[]\n');
  });

  it('files without findings, alone and among others; standard input', () => {
    const clean = file('clean.yaml', 0);
    const alone: LintResult = { kubernetesVersion: '1.36', skippedKinds: [], files: [clean] };
    expect(formatJson(alone, OPTIONS)).toBe(expected(alone));
    expect(JSON.parse(formatJson(alone, OPTIONS))[0]).toMatchObject({ filePath: path.resolve(CWD, 'clean.yaml'), messages: [], errorCount: 0, warningCount: 0 });
    const mixed: LintResult = { kubernetesVersion: '1.36', skippedKinds: [], files: [clean, file('<stdin>', 1_200), file('empty2.yaml', 0), file('last.yaml', 2)] };
    expect(formatJson(mixed, OPTIONS)).toBe(expected(mixed));
    expect(JSON.parse(formatJson(mixed, OPTIONS))[1].filePath).toBe('<stdin>');
  });

  it('the shared reporter fixture', () => {
    expect(formatJson(FIXTURE, OPTIONS)).toBe(expected(FIXTURE));
  });
});

describe('podlint --format json (CLI)', () => {
  const pod = (name: string, i: number) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: {app: a${i % 4}}\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n      ports: [{containerPort: ${8000 + i}}]\n    - name: d\n      image: busybox\n      imagePullPolicy: IfNotPresent\n`;

  it('writes the same text to stdout and to -o FILE for a directory of files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-json-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-json-out-'));
    onTestFinished(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    });
    fs.mkdirSync(path.join(dir, 'nested/deeper'), { recursive: true });
    // More than a thousand findings in one file, so that it is written in several pieces.
    fs.writeFileSync(path.join(dir, 'many.yaml'), Array.from({ length: 200 }, (_, i) => pod(`p-${i}`, i)).join('---\n'));
    fs.writeFileSync(path.join(dir, 'clean.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n');
    fs.writeFileSync(path.join(dir, 'nested/broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: [\n');
    fs.writeFileSync(path.join(dir, 'nested/deeper/bom.yaml'), '\uFEFF' + pod('bom', 1));
    fs.writeFileSync(path.join(dir, 'nested/deeper/list.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { selector: { matchLabels: { app: 'a1' } }, template: { metadata: { labels: { app: 'a1' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } } }] }));

    const toStdout = await runCli(['--format', 'json', '.'], { cwd: dir });
    const toFile = await runCli(['--format', 'json', '-o', path.join(out, 'report.json'), '.'], { cwd: dir });
    const toRelative = await runCli(['-f', 'json', '--output-file', 'sub/report.json', path.join(dir, 'nested'), path.join(dir, 'many.yaml'), path.join(dir, 'clean.yaml')], { cwd: out });
    expect(toStdout.code).toBe(1);
    expect(toFile.code).toBe(toStdout.code);
    expect(toFile.stdout).toBe('');
    expect(toStdout.stderr).toBe(toFile.stderr);

    const written = fs.readFileSync(path.join(out, 'report.json'), 'utf8');
    expect(written).toBe(toStdout.stdout);
    const json = JSON.parse(written) as Array<{ filePath: string; messages: Array<{ ruleId: string | null }> }>;
    expect(json.map((f) => path.relative(dir, f.filePath)).sort()).toEqual(['clean.yaml', 'many.yaml', 'nested/broken.yaml', 'nested/deeper/bom.yaml', 'nested/deeper/list.json'].map((p) => p.split('/').join(path.sep)).sort());
    expect(json.find((f) => f.filePath.endsWith('many.yaml'))!.messages.length).toBeGreaterThan(1_000);
    expect(json.find((f) => f.filePath.endsWith('clean.yaml'))!.messages).toEqual([]);
    // The same files named one by one: the same report.
    expect(fs.readFileSync(path.join(out, 'sub/report.json'), 'utf8')).toBe(written);
  });
});
