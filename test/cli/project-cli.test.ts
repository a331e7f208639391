/** `podlint DIR` on a repository: --fix through kustomize origins, --cross-object-scope, stdin from helm template. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-project-cli-')));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example/web:1.2.3
`;
const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      restartPolicy: Never   # the patch sets it
`;

describe('podlint --fix on a kustomize overlay', () => {
  it('edits the patch that set the value, not the base', async () => {
    write({ 'base/kustomization.yaml': 'resources: [deploy.yaml]\n', 'base/deploy.yaml': BASE, 'overlay/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: patch.yaml\n', 'overlay/patch.yaml': PATCH });
    const before = await runCli(['--no-config', '--format', 'compact', '.'], { cwd: dir });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('overlay/patch.yaml: line 8, col 22, Error');
    expect(before.stdout).toContain('(restart-policy)');

    const dry = await runCli(['--no-config', '--fix-dry-run', '--format', 'compact', '.'], { cwd: dir });
    expect(dry.stdout).toBe('--- a/overlay/patch.yaml\n+++ b/overlay/patch.yaml\n@@ -5,4 +5,4 @@\n spec:\n   template:\n     spec:\n-      restartPolicy: Never   # the patch sets it\n+      restartPolicy: Always   # the patch sets it\n');

    const r = await runCli(['--no-config', '--fix', '--format', 'compact', '.'], { cwd: dir });
    expect(read('overlay/patch.yaml')).toBe(PATCH.replace('Never', 'Always'));
    expect(read('base/deploy.yaml')).toBe(BASE);
    expect(r.stdout).not.toContain('restart-policy');
    expect(r.code).toBe(0);
  });

  it('edits a base outside the paths given when the value came from there', async () => {
    write({ 'base/kustomization.yaml': 'resources: [deploy.yaml]\n', 'base/deploy.yaml': BASE.replace('    spec:\n      containers', '    spec:\n      restartPolicy: OnFailure\n      containers'), 'overlay/kustomization.yaml': 'resources: [../base]\nnamePrefix: x-\n' });
    const r = await runCli(['--no-config', '--fix', '--format', 'compact', 'overlay'], { cwd: dir });
    expect(read('base/deploy.yaml')).toContain('restartPolicy: Always');
    expect(r.code).toBe(0);
  });
});

describe('--cross-object-scope', () => {
  const dep = (name: string) => BASE.replace('name: web\nspec', `name: ${name}\nspec`);
  it('defaults to the unit and takes run, directory, file; anything else is a usage error', async () => {
    write({ 'a/web.yaml': dep('web'), 'b/api.yaml': dep('api') });
    const unit = await runCli(['--no-config', '--format', 'compact', '.'], { cwd: dir });
    expect(unit.stdout).not.toContain('overlapping-selectors');
    const run = await runCli(['--no-config', '--format', 'compact', '--cross-object-scope', 'run', '.'], { cwd: dir });
    expect(run.stdout.match(/overlapping-selectors/g)).toHaveLength(2);
    const bad = await runCli(['--no-config', '--cross-object-scope', 'everything', '.'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid cross-object scope "everything": use unit, file, directory, run');
  });

  it('is read from .podlint.yaml (crossObjectScope)', async () => {
    write({ 'a/web.yaml': dep('web'), 'b/api.yaml': dep('api'), '.podlint.yaml': 'crossObjectScope: run\n' });
    const r = await runCli(['--format', 'compact', '.'], { cwd: dir });
    expect(r.stdout.match(/overlapping-selectors/g)).toHaveLength(2);
    write({ '.podlint.yaml': 'crossObjectScope: repo\n' });
    const bad = await runCli(['--format', 'compact', '.'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.podlint.yaml:1:19: invalid configuration: /crossObjectScope must be equal to one of the allowed values');
  });
});

describe('helm template | podlint -', () => {
  it('annotates the template each document came from, at its line in the stream', async () => {
    const stream = '---\n# Source: demo/templates/deploy.yaml\n' + BASE.replace('    spec:\n      containers', '    spec:\n      restartPolicy: Never\n      containers');
    const r = await runCli(['--no-config', '--format', 'github', '-'], { cwd: dir, stdin: stream });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error file=demo/templates/deploy.yaml,line=14,col=22,endLine=14,endColumn=27,title=restart-policy::');
  });
});
