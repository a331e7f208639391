/**
 * Paths on the command line that name nothing to lint: a path that does not exist, or a directory
 * without a manifest file, is a usage error (exit 2, the path named on stderr, nothing linted), as
 * ESLint's "No files matching the pattern" is; what a directory walk meets and cannot read stays a
 * located finding. Also the library's lint() and `-`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api.js';
import { PodlintOptionsError } from '../../src/lint.js';
import { expandPaths, pathArgumentProblems } from '../../src/source/read.js';
import { runCli } from '../helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-paths-'));
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';
const STACK = /\bat .*\.(ts|js):\d+/;

function project(): string {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'ok.yaml'), pod);
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'docs', 'README.md'), '# not a manifest\n');
  fs.mkdirSync(path.join(dir, 'gen'));
  fs.writeFileSync(path.join(dir, 'gen', 'out.yaml'), 'a: [\n');
  return dir;
}

describe('a path that names nothing to lint', () => {
  it('does not exist: exit 2, the path named on stderr, nothing on stdout', async () => {
    const dir = project();
    const r = await runCli(['ok.yaml', 'nope.yaml'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'podlint: no such file or directory: "nope.yaml"\n' });
  });

  it('names every missing path, as typed, before linting anything (also with -)', async () => {
    const dir = project();
    const r = await runCli(['--format', 'json', 'nope/', '-', 'ok.yaml/child.yaml', 'ok.yaml'], { cwd: dir, stdin: pod });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('podlint: no such file or directory: "nope/"\npodlint: no such file or directory: "ok.yaml/child.yaml"\n');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a directory with no manifest file: exit 2; one whose manifests are all ignored: nothing to say', async () => {
    const dir = project();
    const empty = await runCli(['docs'], { cwd: dir });
    expect(empty).toEqual({ code: 2, stdout: '', stderr: 'podlint: no manifest files (.yaml, .yml, .json) in directory "docs"\n' });
    const ignored = await runCli(['--no-config', '--ignore-pattern', 'gen/**', 'gen'], { cwd: dir });
    expect(ignored).toEqual({ code: 0, stdout: '', stderr: '' });
    const both = await runCli(['--no-config', '--format', 'json', 'docs', 'ok.yaml'], { cwd: dir });
    expect(both.code).toBe(2);
  });

  it('an explicitly named file is read whatever its extension, and an ignored one is skipped quietly', async () => {
    const dir = project();
    const named = await runCli(['--format', 'json', 'docs/README.md'], { cwd: dir });
    expect((JSON.parse(named.stdout) as Array<{ filePath: string }>).map((f) => f.filePath)).toEqual([path.join(dir, 'docs', 'README.md')]);
    expect(named.code).toBe(0); // read: a comment, no object
    expect(await runCli(['--no-config', '--ignore-pattern', 'gen/**', 'gen/out.yaml'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('- reads standard input, even when it is empty', async () => {
    expect(await runCli(['-'], { stdin: '' })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('what a walk meets and cannot read stays a located finding (exit 1)', async () => {
    const dir = project();
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'dangling.yaml'));
    const r = await runCli(['--format', 'json', '--no-config', '--ignore-pattern', 'gen/**', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    const files = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }>;
    const dangling = files.find((f) => f.filePath === path.join(dir, 'dangling.yaml'))!;
    expect(dangling.messages).toMatchObject([{ ruleId: 'file-unreadable', line: 1, message: `no such file or directory: ${path.join(dir, 'dangling.yaml')}` }]);
  });

  it('the library: lint() throws PodlintOptionsError naming the path', async () => {
    const dir = project();
    await expect(lint(['nope.yaml'], { cwd: dir, config: false })).rejects.toThrow(new PodlintOptionsError('no such file or directory: "nope.yaml"'));
    await expect(lint(['docs'], { cwd: dir, config: false })).rejects.toBeInstanceOf(PodlintOptionsError);
    expect((await lint(['ok.yaml'], { cwd: dir, config: false })).files).toHaveLength(1);
  });

  it('expandPaths marks paths that do not exist and directories without manifests', () => {
    const dir = project();
    const x = expandPaths(['nope', 'docs', 'ok.yaml', '.'], { cwd: dir });
    expect(x.files.map((f) => path.relative(dir, f))).toEqual(['gen/out.yaml', 'ok.yaml']);
    expect(x.errors).toMatchObject([{ filePath: path.join(dir, 'nope'), notFound: 'nope' }]);
    expect(x.empty).toEqual(['docs']);
    expect(pathArgumentProblems(x)).toEqual(['no such file or directory: "nope"', 'no manifest files (.yaml, .yml, .json) in directory "docs"']);
  });
});
