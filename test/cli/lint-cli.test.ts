import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-cli-'));
const goodPod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';

describe('podlint lint (CLI)', () => {
  it('exits 0 on a valid manifest, 1 on errors, with the finding at file:line:column', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'ok.yaml'), goodPod);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), goodPod.replace('metadata:', 'metadate:'));
    const ok = await runCli(['--format', 'json', 'ok.yaml'], { cwd: dir });
    expect(JSON.parse(ok.stdout)[0].errorCount).toBe(0);
    expect(ok.code).toBe(0);
    const bad = await runCli(['--format', 'json', 'bad.yaml'], { cwd: dir });
    expect(bad.code).toBe(1);
    const [file] = JSON.parse(bad.stdout);
    expect(file.filePath).toBe(path.join(dir, 'bad.yaml'));
    const m = file.messages.find((x: { ruleId: string }) => x.ruleId === 'unknown-field');
    expect(m).toMatchObject({ severity: 2, line: 3, column: 1, path: '/metadate', object: { apiVersion: 'v1', kind: 'Pod', documentIndex: 0 } });
  });

  it('a kind that is not a string is the API server\'s decode error at the value, not a missing kind', async () => {
    const r = await runCli(['--format', 'json', '-'], { stdin: goodPod.replace('kind: Pod', 'kind: [Pod]') });
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout);
    expect(file.messages).toEqual([
      expect.objectContaining({ ruleId: 'missing-kind', severity: 2, line: 2, column: 7, path: '/kind', message: "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go struct field .kind of type string" }),
    ]);
  });

  it('reads standard input with -', async () => {
    const r = await runCli(['--format', 'json', '-'], { stdin: goodPod.replace('image: nginx:1.27', 'image: 123') });
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout);
    expect(file.filePath).toBe('<stdin>');
    expect(file.messages.find((x: { ruleId: string }) => x.ruleId === 'invalid-type')).toMatchObject({ line: 8, column: 14 });
  });

  it('writes --output-file and several formats in one run', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'p.yaml'), goodPod.replace('metadata:', 'metadate:'));
    const r = await runCli(['--format', 'stylish', '--format', 'json=out/result.json', 'p.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('unknown field "metadate"');
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out/result.json'), 'utf8'));
    expect(json[0].errorCount).toBeGreaterThan(0);
    const r2 = await runCli(['-f', 'json', '-o', 'x.json', 'p.yaml'], { cwd: dir });
    expect(r2.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'x.json'), 'utf8'))[0].filePath).toBe(path.join(dir, 'p.yaml'));
  });

  it('--kubernetes-version selects the schema', async () => {
    // ephemeralContainers' targetContainerName exists everywhere; use a field added in 1.33+: Pod spec.hostnameOverride? Use resizePolicy (1.27+)… pick
    // a kind served only in some versions instead: flowcontrol v1beta3 was removed in 1.32.
    const text = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: PriorityLevelConfiguration\nmetadata:\n  name: p\nspec:\n  type: Exempt\n';
    const old = await runCli(['--format', 'json', '--kubernetes-version', '1.28', '-'], { stdin: text });
    const cur = await runCli(['--format', 'json', '--kubernetes-version', '1.36', '-'], { stdin: text });
    expect(old.code).toBe(0);
    expect(cur.code).toBe(1);
    expect(JSON.parse(cur.stdout)[0].messages[0].ruleId).toBe('unserved-api-version');
    const bad = await runCli(['--kubernetes-version', '1.20', '-'], { stdin: text });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unsupported Kubernetes version "1.20"; bundled: 1.28, .*1.36/);
  });

  it('goes on after unreadable, binary and broken files, and never prints a stack trace', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a-broken.yaml'), 'a: [1\n');
    fs.writeFileSync(path.join(dir, 'b-binary.yaml'), Buffer.from([0, 1, 2, 3, 0]));
    fs.writeFileSync(path.join(dir, 'c-good.yaml'), goodPod.replace('metadata:', 'metadate:'));
    // A file found by the walk that cannot be read (a dangling link) is a finding; a path named on the
    // command line that does not exist is a usage error (test/cli/paths.test.ts).
    fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'missing.yaml'));
    const r = await runCli(['--format', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    const files = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; fatal?: boolean; message: string; line: number }> }>;
    const by = Object.fromEntries(files.map((f) => [path.basename(f.filePath), f.messages]));
    expect(by['a-broken.yaml']![0]).toMatchObject({ ruleId: 'yaml-syntax', fatal: true, line: 1 });
    expect(by['b-binary.yaml']![0]).toMatchObject({ ruleId: 'file-unreadable', fatal: true });
    expect(by['missing.yaml']![0]).toMatchObject({ ruleId: 'file-unreadable', fatal: true, message: `no such file or directory: ${path.join(dir, 'missing.yaml')}` });
    expect(by['c-good.yaml']!.some((m) => m.ruleId === 'unknown-field')).toBe(true);
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('--quiet drops warnings, --max-warnings turns them into exit 1', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    podlint.io/ignore: nothing\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';
    const base = ['--format', 'json', '--no-config', '--report-unused-disable-directives', '-'];
    const loud = await runCli(base, { stdin: text });
    const warnings = JSON.parse(loud.stdout)[0].warningCount;
    expect(warnings).toBeGreaterThan(0);
    expect(loud.code).toBe(0);
    const quiet = await runCli(['--quiet', ...base], { stdin: text });
    expect(JSON.parse(quiet.stdout)[0].warningCount).toBe(0);
    const max = await runCli(['--max-warnings', '0', ...base], { stdin: text });
    expect(max.code).toBe(1);
    expect(max.stderr).toContain('too many warnings (maximum: 0)');
  });

  it('usage errors exit 2 with a clear message', async () => {
    for (const argv of [[], ['--format', 'xml', 'a.yaml'], ['--bogus', 'a.yaml'], ['--rule', 'nope', 'a.yaml'], ['--rule', 'no-such-rule=off', '-'], ['--max-warnings', 'x', '-']]) {
      const r = await runCli(argv, { stdin: goodPod });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^podlint: /);
    }
  });

  it('output is byte-identical across runs', async () => {
    const a = await runCli(['--format', 'json', 'examples'], { cwd: root });
    const b = await runCli(['--format', 'json', 'examples'], { cwd: root });
    expect(a.stdout).toBe(b.stdout);
    expect(a.code).toBe(1);
  });

  it('colour follows NO_COLOR, FORCE_COLOR and the terminal', async () => {
    const text = goodPod.replace('metadata:', 'metadate:');
    const plain = await runCli(['-'], { stdin: text, isTTY: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const forced = await runCli(['-'], { stdin: text, isTTY: false, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[/);
    const tty = await runCli(['-'], { stdin: text, isTTY: true, env: {} });
    expect(tty.stdout).toMatch(/\x1b\[/);
    const pipe = await runCli(['-'], { stdin: text, isTTY: false, env: {} });
    expect(pipe.stdout).not.toMatch(/\x1b\[/);
  });

  it('podlint rules lists every rule with its default severity', async () => {
    const r = await runCli(['rules', '--format', 'json']);
    const rules = JSON.parse(r.stdout) as Array<{ id: string; severity: string }>;
    expect(rules.map((x) => x.id)).toContain('unknown-field');
    expect(rules.every((x) => ['error', 'warning', 'info'].includes(x.severity))).toBe(true);
    const text = await runCli(['rules']);
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+SEVERITY\s+CATEGORY\s+SUMMARY$/);
  });
});

describe('--ignore-pattern', () => {
  it('leaves out matching files found in directories', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-ignore-'));
    fs.mkdirSync(path.join(dir, 'gen'));
    fs.writeFileSync(path.join(dir, 'gen/broken.yaml'), 'a: [\n');
    fs.writeFileSync(path.join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const r = await runCli(['--format', 'json', '--no-config', '--ignore-pattern', 'gen/**', '.'], { cwd: dir });
    expect((JSON.parse(r.stdout) as Array<{ filePath: string }>).map((f) => path.basename(f.filePath))).toEqual(['ok.yaml']);
    expect(r.code).toBe(0);
  });
});
