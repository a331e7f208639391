/**
 * The pre-commit hook (.pre-commit-hooks.yaml) with the real pre-commit client: `pre-commit try-repo
 * <this repository> podlint --files …` in a scratch git repository. Skipped, with a message, when
 * pre-commit or git is not installed (CI installs Debian's pre-commit in .ci/run).
 * try-repo would see only committed files and changes to tracked ones, so the repository is first
 * snapshotted as it is on disk (every file git does not ignore) into a scratch repository of its own.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const has = (cmd: string) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
const available = has('pre-commit') && has('git');
if (!available) console.warn('pre-commit hook test skipped: pre-commit (or git) is not installed; apt-get install pre-commit');

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
const GOOD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';

describe('.pre-commit-hooks.yaml', () => {
  it('defines the podlint hook on YAML and JSON files, with filenames passed', () => {
    const hooks = parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    const hook = hooks.find((h) => h.id === 'podlint')!;
    expect(hook).toBeDefined();
    expect(hook.pass_filenames).toBe(true);
    const files = new RegExp(String(hook.files));
    for (const f of ['a.yaml', 'deploy/b.yml', 'c.json']) expect(files.test(f), f).toBe(true);
    for (const f of ['README.md', 'yaml.txt', 'x.yaml.bak']) expect(files.test(f), f).toBe(false);
    // language: script runs the committed entry directly: it must be executable in git.
    expect(hook.language).toBe('script');
    const entry = String(hook.entry);
    expect(fs.existsSync(path.join(root, entry))).toBe(true);
    if (has('git')) {
      const mode = spawnSync('git', ['ls-files', '-s', entry], { cwd: root, encoding: 'utf8' }).stdout;
      expect(mode.startsWith('100755 '), `${entry} is committed executable`).toBe(true);
    }
  });
});

describe.skipIf(!available)('pre-commit try-repo', () => {
  let repo: string;
  let home: string;
  let snapshot: string;
  const env = () => ({
    ...process.env,
    PRE_COMMIT_HOME: home,
    GIT_AUTHOR_NAME: 'podlint test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'podlint test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    NO_COLOR: '1',
  });
  const tryRepo = (...files: string[]) => spawnSync('pre-commit', ['try-repo', snapshot, 'podlint', '--color', 'never', '--files', ...files], { cwd: repo, env: env(), encoding: 'utf8', timeout: 120_000 });

  beforeAll(() => {
    snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-precommit-repo-'));
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
    for (const f of listed) {
      if (!fs.existsSync(path.join(root, f))) continue; // deleted, not yet committed
      fs.mkdirSync(path.dirname(path.join(snapshot, f)), { recursive: true });
      fs.copyFileSync(path.join(root, f), path.join(snapshot, f));
      fs.chmodSync(path.join(snapshot, f), fs.statSync(path.join(root, f)).mode);
    }
    for (const args of [['init', '-q', '.'], ['add', '.'], ['commit', '-q', '--no-gpg-sign', '-m', 'snapshot']]) {
      const g = spawnSync('git', args, { cwd: snapshot, env: env(), encoding: 'utf8' });
      expect(g.status, g.stderr).toBe(0);
    }
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-precommit-'));
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-precommit-home-'));
    spawnSync('git', ['init', '-q', '.'], { cwd: repo });
    fs.mkdirSync(path.join(repo, 'deploy'));
    fs.writeFileSync(path.join(repo, 'deploy', 'api.yaml'), BAD);
    fs.writeFileSync(path.join(repo, 'deploy', 'settings.yaml'), GOOD);
    fs.writeFileSync(path.join(repo, 'README.md'), '# not a manifest\n');
    spawnSync('git', ['add', '.'], { cwd: repo });
  });
  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(snapshot, { recursive: true, force: true });
  });

  it('fails the hook on a bad manifest with podlint\'s message', () => {
    const r = tryRepo('deploy/api.yaml', 'deploy/settings.yaml');
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(1);
    expect(out).toMatch(/podlint\.+Failed/);
    expect(out).toContain('deploy/api.yaml');
    expect(out).toContain('spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
    expect(out).toContain('restart-policy');
  });

  it('passes a good manifest and skips files that are not YAML or JSON', () => {
    const ok = tryRepo('deploy/settings.yaml');
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/podlint\.+Passed/);
    const skipped = tryRepo('README.md');
    expect(skipped.status, skipped.stdout + skipped.stderr).toBe(0);
    expect(skipped.stdout).toMatch(/podlint\.+\(no files to check\)Skipped/);
  });
});
