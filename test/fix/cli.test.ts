/** podlint --fix / --fix-dry-run from the command line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const BROKEN = `# keep me
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
      restartPolicy: OnFailure   # was a Job once
`;
const FIXED = BROKEN.replace('restartPolicy: OnFailure', 'restartPolicy: Always') + '  selector:\n    matchLabels:\n      app: web\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-fix-'));
  fs.writeFileSync(path.join(dir, 'web.yaml'), BROKEN);
  fs.writeFileSync(path.join(dir, 'clean.yaml'), FIXED);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--fix', () => {
  it('rewrites the files that have fixes and reports what remains', async () => {
    const before = await runCli(['--no-config', '--format', 'compact', '.'], { cwd: dir });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('restart-policy');
    expect(before.stdout).toContain('selector-mismatch');
    const cleanStat = fs.statSync(path.join(dir, 'clean.yaml')).mtimeMs;

    const r = await runCli(['--no-config', '--fix', '--format', 'compact', '.'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8')).toBe(FIXED);
    expect(fs.statSync(path.join(dir, 'clean.yaml')).mtimeMs).toBe(cleanStat);
    expect(r.stdout).not.toContain('restart-policy');
    expect(r.stdout).not.toContain('selector-mismatch');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('--fix-dry-run prints a unified diff and writes nothing; the report goes to stderr', async () => {
    const r = await runCli(['--no-config', '--fix-dry-run', '--format', 'compact', 'web.yaml', 'clean.yaml'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8')).toBe(BROKEN);
    expect(r.stdout.startsWith('--- a/web.yaml\n+++ b/web.yaml\n@@ ')).toBe(true);
    expect(r.stdout).toContain('-      restartPolicy: OnFailure   # was a Job once\n+      restartPolicy: Always   # was a Job once\n');
    expect(r.stdout).toContain('+  selector:\n+    matchLabels:\n+      app: web\n');
    expect(r.stdout).not.toContain('clean.yaml');
    expect(r.stderr).not.toContain('restart-policy');
    expect(r.code).toBe(0);
  });

  it('on standard input prints the fixed text, with the report on stderr', async () => {
    const r = await runCli(['--no-config', '--fix', '-'], { cwd: dir, stdin: BROKEN });
    expect(r.stdout).toBe(FIXED);
    const unfixable = BROKEN.replace('image: nginx:1.27', 'image: nginx:1.27\n          imagePullPolicy: Sometimes');
    const r2 = await runCli(['--no-config', '--fix', '--format', 'compact', '-'], { cwd: dir, stdin: unfixable });
    expect(r2.stdout).toBe(unfixable.replace('restartPolicy: OnFailure', 'restartPolicy: Always') + '  selector:\n    matchLabels:\n      app: web\n');
    expect(r2.stderr).toContain('imagePullPolicy');
    expect(r2.code).toBe(1);
  });

  it('never writes to a --stdin-filename file', async () => {
    const r = await runCli(['--no-config', '--fix', '--stdin-filename', 'web.yaml', '-'], { cwd: dir, stdin: BROKEN });
    expect(r.stdout).toBe(FIXED);
    expect(fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8')).toBe(BROKEN);
  });

  it('refuses --fix with --fix-dry-run', async () => {
    const r = await runCli(['--fix', '--fix-dry-run', 'web.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fix and --fix-dry-run cannot be used together');
  });

  it('leaves a file that does not parse alone', async () => {
    const broken = 'apiVersion: apps/v1\nkind: Deployment\nspec: [\n';
    fs.writeFileSync(path.join(dir, 'bad.yaml'), broken);
    const r = await runCli(['--no-config', '--fix', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'bad.yaml'), 'utf8')).toBe(broken);
  });
});
