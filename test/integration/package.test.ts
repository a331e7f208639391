/**
 * The npm package: `npm pack` (which builds through `prepare`) holds only what podlint needs at run time;
 * installed from the tarball into a scratch project — dependencies from the npm cache where possible —
 * `npx podlint` lints a manifest there (nothing next to the project: no ../shared), and the library
 * API imports and type-checks with the project's TypeScript.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let tmp: string;
let project: string;
let tarball: string;
let files: string[];
let packedBytes: number;

function sh(cmd: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', NO_COLOR: '1' } });
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-pack-'));
  const packed = sh(npm, ['pack', '--json', '--pack-destination', tmp], root);
  expect(packed.status, packed.stderr).toBe(0);
  // npm prints the prepare step's banner before the JSON.
  const info = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[/m)))[0] as { filename: string; size: number; files: Array<{ path: string }> };
  tarball = path.join(tmp, info.filename);
  files = info.files.map((f) => f.path).sort();
  packedBytes = info.size;
  console.log(`npm pack: ${info.filename}, ${(packedBytes / 1024).toFixed(0)} KiB packed, ${files.length} files`);

  // A scratch project, away from the repository: ../shared does not exist from here.
  project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
  const installed = sh(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], project, 180_000);
  expect(installed.status, installed.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('holds the built JavaScript, its types, the schemas with their provenance and licence, README and LICENSE', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'bin/podlint.js', 'bundle/podlint.mjs', 'dist/src/api.js', 'dist/src/api.d.ts', 'dist/src/cli/main.js', 'dist/rules/index.js', 'schemas/podlint-config.schema.json', 'schemas/explain-openapi.json.gz', 'schemas/PROVENANCE.md', 'schemas/LICENSE-kubernetes-openapi']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^schemas\/validation-v1\.\d+\.jsonl\.gz$/.test(f)).length).toBeGreaterThanOrEqual(9);
  });

  it('holds nothing else: no tests, sources, scripts or CI files (the CLI bundle runs bin/podlint.js)', () => {
    const unexpected = files.filter((f) => !/^(package\.json|README\.md|LICENSE|bin\/podlint\.js|bundle\/[^/]+\.mjs|bundle\/chunks\/[^/]+\.mjs|dist\/(src|rules)\/.+\.(js|d\.ts)|schemas\/([^/]+\.(json|gz|md)|LICENSE-[^/]+))$/.test(f));
    expect(unexpected).toEqual([]);
    expect(files.some((f) => f.startsWith('dist/test/') || f.startsWith('test/') || f.startsWith('src/'))).toBe(false);
  });

  it('stays small', () => {
    expect(packedBytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('never refers to ../shared at run time', () => {
    const dir = path.join(project, 'node_modules', pkg.name);
    const offenders = files.filter((f) => f.endsWith('.js')).filter((f) => /['"`][^'"`]*\.\.\/shared\b|['"`]\/work\/shared/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('the installed package', () => {
  const bad = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      restartPolicy: OnFailure\n      containers:\n        - name: api\n          image: api:1.2\n';

  it('runs npx podlint on a manifest', () => {
    fs.writeFileSync(path.join(project, 'deploy.yaml'), bad);
    const version = sh('npx', ['--no-install', 'podlint', '--version'], project);
    expect(version.stdout.trim(), version.stderr).toBe(pkg.version);
    const r = sh('npx', ['--no-install', 'podlint', '--format', 'json', 'deploy.yaml'], project);
    expect(r.status, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>;
    expect(json[0]!.messages.find((m) => m.ruleId === 'restart-policy')?.line).toBe(12);
  });

  it('imports the library API at run time', () => {
    const script = `import { lint, lintText } from 'podlint';
const r = await lintText(${JSON.stringify(bad)}, 'x.yaml');
const p = await lint(['deploy.yaml']);
console.log(JSON.stringify([typeof lint, r.files[0].findings.some((f) => f.ruleId === 'restart-policy'), p.files.length]));`;
    fs.writeFileSync(path.join(project, 'use.mjs'), script);
    const r = sh(process.execPath, ['use.mjs'], project);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(['function', true, 1]);
  });

  it('type-checks a TypeScript user of the API with the project\'s tsc', () => {
    fs.writeFileSync(
      path.join(project, 'check.ts'),
      `import { lint, lintText, type LintResult, type Finding } from 'podlint';
const r: LintResult = await lintText('apiVersion: v1\\nkind: Pod\\n', 'x.yaml', { kubernetesVersion: '1.30' });
const f: Finding | undefined = r.files[0]?.findings[0];
const line: number = f?.line ?? 0;
const all: LintResult = await lint(['deploy.yaml'], { config: false });
// @ts-expect-error lint takes a list of paths
await lint('deploy.yaml');
// @ts-expect-error a finding's line is a number
const wrong: string = f!.line;
export { line, all, wrong };
`,
    );
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(root, 'node_modules', '@types')] }, files: ['check.ts'] }),
    );
    const r = sh(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
