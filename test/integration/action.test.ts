/**
 * The GitHub Action: action.yml's contract, the committed bundle's freshness, and the bundle run as the
 * runner runs it (node bundle/action.mjs) with a simulated runner environment: INPUT_* variables,
 * GITHUB_WORKSPACE, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, formatSummary, SUMMARY_ROW_LIMIT } from '../../src/action/summary.js';
import type { LintResult } from '../../src/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const BUNDLE = path.join(root, 'bundle', 'action.mjs');

const BAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      restartPolicy: OnFailure
      containers:
        - name: api
          image: api:1.2
`;
const WARNINGS_ONLY = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
`;
const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';

let ws: string;
let runnerTemp: string;
beforeAll(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-action-ws-'));
  runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-action-runner-'));
  fs.mkdirSync(path.join(ws, 'deploy', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'deploy', 'api.yaml'), BAD);
  fs.writeFileSync(path.join(ws, 'deploy', 'nested', 'pod.yaml'), WARNINGS_ONLY);
  fs.writeFileSync(path.join(ws, 'clean.yaml'), CLEAN);
});
afterAll(() => {
  fs.rmSync(ws, { recursive: true, force: true });
  fs.rmSync(runnerTemp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

let runs = 0;
/** Run the committed bundle as the runner would: `node bundle/action.mjs`, inputs in the environment. */
function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Run {
  const n = runs++;
  const outputFile = path.join(runnerTemp, `output-${n}`);
  const summaryFile = path.join(runnerTemp, `summary-${n}`);
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  // The runner starts the action in the workspace; a different directory proves GITHUB_WORKSPACE is used.
  const r = spawnSync(process.execPath, [BUNDLE], { cwd: runnerTemp, env, encoding: 'utf8', timeout: 60_000 });
  const outputs: Record<string, string> = {};
  for (const line of fs.readFileSync(outputFile, 'utf8').split('\n').filter(Boolean)) {
    const eq = line.indexOf('=');
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { code: r.status, stdout: r.stdout, outputs, summary: fs.readFileSync(summaryFile, 'utf8') };
}

describe('action.yml', () => {
  const meta = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };
  it('is a Node action running the committed bundle', () => {
    expect(meta.runs.using).toBe('node20');
    expect(meta.runs.main).toBe('bundle/action.mjs');
    expect(fs.existsSync(path.join(root, meta.runs.main))).toBe(true);
  });
  it('declares the inputs and outputs the entry uses', () => {
    expect(Object.keys(meta.inputs).sort()).toEqual(['config', 'format', 'kubernetes-version', 'max-warnings', 'paths', 'sarif-file']);
    expect(Object.keys(meta.outputs).sort()).toEqual(['error-count', 'warning-count']);
    const source = fs.readFileSync(path.join(root, 'src', 'action', 'run.ts'), 'utf8');
    for (const name of Object.keys(meta.inputs)) expect(source).toContain(`getInput(env, '${name}')`);
  });
  it('runs a bundle that is fresh (node scripts/build-bundles.mjs rebuilds it)', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-bundles.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  it('bundles everything: the bundle files import only node built-ins and each other', () => {
    const dir = path.join(root, 'bundle');
    const text = [BUNDLE, path.join(dir, 'podlint.mjs'), ...fs.readdirSync(path.join(dir, 'chunks')).map((f) => path.join(dir, 'chunks', f))].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const imports = [...text.matchAll(/^import\s[^;]*?from\s*['"]([^'"]+)['"]/gm), ...text.matchAll(/\bimport\(['"]([^'"]+)['"]\)/g), ...text.matchAll(/(?<![`'"])\brequire\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]!);
    expect(imports.filter((m) => !m.startsWith('node:') && !m.startsWith('./') && !['fs', 'path', 'url', 'os', 'zlib', 'util', 'module', 'crypto', 'tty', 'process', 'assert', 'events', 'stream', 'buffer'].includes(m))).toEqual([]);
  });
});

describe('the action in a simulated runner', () => {
  it('annotates, summarises, writes SARIF and outputs, and fails the step on errors', () => {
    const r = runAction(
      { paths: 'deploy\nclean.yaml', format: 'compact', 'sarif-file': 'reports/podlint.sarif', 'kubernetes-version': '1.33' },
      { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_SHA: '0123abc' },
    );
    expect(r.code).toBe(1);
    // Annotations (workflow commands) with the finding's region and the rule as title.
    expect(r.stdout).toMatch(/^::error file=deploy\/api\.yaml,line=12,col=22,endLine=12,endColumn=31,title=restart-policy::spec\.template\.spec\.restartPolicy: Unsupported value: "OnFailure"/m);
    expect(r.stdout).toMatch(/^::warning file=deploy\/nested\/pod\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=readiness-probe-missing::/m);
    // The log format.
    expect(r.stdout).toMatch(/^deploy\/api\.yaml: line 12, col 22, Error - /m);
    // Outputs match the annotations.
    const errors = (r.stdout.match(/^::error /gm) ?? []).length;
    const warnings = (r.stdout.match(/^::warning /gm) ?? []).length;
    expect(r.outputs).toEqual({ 'error-count': String(errors), 'warning-count': String(warnings) });
    expect(errors).toBeGreaterThanOrEqual(1);
    expect(warnings).toBeGreaterThanOrEqual(1);
    // Summary: headline and a table row linking the line.
    expect(r.summary).toContain('## podlint');
    expect(r.summary).toContain(`❌ **${errors} error${errors === 1 ? '' : 's'}**, ${warnings} warnings`);
    expect(r.summary).toContain('(Kubernetes 1.33)');
    expect(r.summary).toContain('| ❌ error | [`deploy/api.yaml`](https://github.com/acme/app/blob/0123abc/deploy/api.yaml#L12) | 12:22 | `restart-policy` | spec.template.spec.restartPolicy: Unsupported value:');
    // SARIF for code scanning.
    const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'reports', 'podlint.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
    const restart = results.find((x) => x.ruleId === 'restart-policy')!;
    expect(restart.level).toBe('error');
    expect(restart.locations[0]!.physicalLocation.artifactLocation.uri).toBe('deploy/api.yaml');
    expect(restart.locations[0]!.physicalLocation.region.startLine).toBe(12);
    expect(sarif.runs[0].tool.driver.version).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  it('passes a clean run, with zero outputs and a clean summary', () => {
    const r = runAction({ paths: 'clean.yaml' });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('::error');
    expect(r.outputs).toEqual({ 'error-count': '0', 'warning-count': '0' });
    expect(r.summary).toContain('✅ No problems in 1 file');
  });

  it('fails on too many warnings only when max-warnings says so', () => {
    expect(runAction({ paths: 'deploy/nested', 'max-warnings': '-1' }).code).toBe(0);
    const r = runAction({ paths: 'deploy/nested', 'max-warnings': '0' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error title=podlint::podlint found too many warnings (maximum: 0).');
    expect(Number(r.outputs['warning-count'])).toBeGreaterThan(0);
  });

  it('fails with exit code 2 and an error annotation on bad inputs', () => {
    for (const [inputs, message] of [
      [{ format: 'xml' }, 'unknown format "xml"'],
      [{ 'max-warnings': 'many' }, 'input max-warnings'],
      [{ 'kubernetes-version': '1.12' }, 'unsupported Kubernetes version "1.12"'],
      [{ config: 'missing.yaml' }, 'missing.yaml'],
    ] as const) {
      const r = runAction({ paths: 'clean.yaml', ...inputs });
      expect(r.code, JSON.stringify(inputs)).toBe(2);
      expect(r.stdout).toMatch(/^::error title=podlint::/m);
      expect(r.stdout).toContain(message);
    }
  });

  it('reads one path per line, spaces included', () => {
    fs.mkdirSync(path.join(ws, 'with space'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'with space', 'api.yaml'), BAD);
    const r = runAction({ paths: 'with space/api.yaml\nclean.yaml\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=with space\/api\.yaml,line=12,/m);
  });

  it('a path that does not exist is a bad input (exit 2, an annotation naming it), not a crash', () => {
    const r = runAction({ paths: 'nope/' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error title=podlint::input paths: no such file or directory: "nope\/"$/m);
  });
});

describe('job summary', () => {
  const finding = (i: number, message = `m${i}`) => ({ ruleId: 'r', severity: (i % 2 ? 'warning' : 'error') as 'warning' | 'error', message, path: '', line: i + 1, column: 1, endLine: i + 1, endColumn: 2 });
  it('escapes table cells', () => {
    expect(cell('a | b\nc <script> `x`')).toBe("a \\| b c &lt;script&gt; 'x'");
  });
  it('lists errors first and stops at the row limit', () => {
    const result: LintResult = { files: [{ filePath: '/w/a.yaml', objectCount: 1, findings: Array.from({ length: SUMMARY_ROW_LIMIT + 5 }, (_, i) => finding(i)) }], skippedKinds: [], kubernetesVersion: '1.36' };
    const text = formatSummary(result, { cwd: '/w' });
    const rows = text.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    expect(rows.length).toBe(SUMMARY_ROW_LIMIT);
    expect(rows[0]).toContain('error');
    expect(rows.findIndex((l) => l.includes('warning'))).toBe(Math.ceil((SUMMARY_ROW_LIMIT + 5) / 2));
    expect(text).toContain('… and 5 more');
  });
});
