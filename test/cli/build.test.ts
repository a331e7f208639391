import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-build-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  MODE: prod\n';

describe('podlint build', () => {
  it('prints the build on stdout and exits 0', async () => {
    tree('ok', { 'kustomization.yaml': 'namespace: shop\nresources:\n- cm.yaml\n', 'cm.yaml': CM });
    const r = await runCli(['build', 'ok'], { cwd: tmp });
    expect(r).toEqual({ code: 0, stdout: 'apiVersion: v1\ndata:\n  MODE: prod\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n', stderr: '' });
  });

  it('a build kustomize refuses: its message at file:line:column on stderr, exit 1', async () => {
    tree('bad', { 'kustomization.yaml': 'resources:\n- cm.yaml\n- missing.yaml\n', 'cm.yaml': CM });
    const r = await runCli(['build', 'bad'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bad\/kustomization\.yaml:3:3: accumulating resources: accumulation err='accumulating resources from 'missing\.yaml': /);
  });

  it('a remote resource is not fetched: an info line, the rest printed, exit 0', async () => {
    tree('remote', { 'kustomization.yaml': 'resources:\n- github.com/example/app//base?ref=v1\n- cm.yaml\n', 'cm.yaml': CM });
    const r = await runCli(['build', 'remote'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('name: settings');
    expect(r.stderr).toBe("remote/kustomization.yaml:2:3: remote resource 'github.com/example/app//base?ref=v1' was not fetched: podlint reads local files only, so its objects are not in this build\n");
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['build'], { cwd: tmp })).code).toBe(2);
    expect((await runCli(['build', 'a', 'b'], { cwd: tmp })).code).toBe(2);
    const notKust = await runCli(['build', '.'], { cwd: os.tmpdir() === tmp ? '/' : tmp });
    expect(notKust.code).toBe(2);
    expect(notKust.stderr).toMatch(/is not a kustomization directory/);
    expect((await runCli(['build', '--help'], { cwd: tmp })).stdout).toMatch(/^Usage: podlint build DIR/);
  });
});
