import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function cli(args: string[], cwd = root): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd, env: {}, readStdin: async () => '', isTTY: false };
  const code = await run(['simulate', ...args], io);
  return { code, out, err };
}

function tmp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-sim-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('podlint simulate (CLI)', () => {
  it('prints help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: podlint simulate');
  });
  it('JSON has the contract shape, times in seconds', async () => {
    const r = await cli(['examples/myweb-liveness-err.yaml', '--format', 'json', '--until', '2m']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['assumptions', 'events', 'pods', 'controllers', 'timeline']));
    expect(j.events[0]).toEqual({ time: 0, object: 'pod/myweb-liveness-err', namespace: 'default', type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/myweb-liveness-err to node-1', source: 'default-scheduler' });
    expect(j.pods[0]).toMatchObject({ name: 'myweb-liveness-err', owner: null, node: 'node-1', phase: 'Running', status: 'CrashLoopBackOff', ready: '0/1', restarts: 2 });
    expect(j.timeline[0].restarts.map((x: { time: number }) => x.time)).toEqual([31, 71]);
  });
  it('writes --output-file and is byte-identical across runs', async () => {
    const dir = tmp({});
    const a = await cli(['examples/myweb-rc.yaml', '--seed', '7', '--output-file', path.join(dir, 'a.txt')]);
    const b = await cli(['examples/myweb-rc.yaml', '--seed', '7', '--output-file', path.join(dir, 'b.txt')]);
    expect(a.code + b.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'b.txt'), 'utf8'));
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toContain('replicationcontroller/myweb-rc');
  });
  it('bad input: file and line, exit 2, no stack trace', async () => {
    const dir = tmp({
      'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: [\n',
      'bad-behavior.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    podlint.io/behavior: "{app: {exitCode: lots}}"\nspec:\n  containers: [{name: app, image: nginx}]\n',
      'scn.yaml': 'steps:\n  - at: 1s\n    run: kubectl get pods\n  - at: 2s\n    run: kubectl drain node-1\n',
      'nodes.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: notanode}\n',
      'ok.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers: [{name: app, image: nginx}]\n',
    });
    const broken = await cli(['broken.yaml'], dir);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^podlint simulate: broken\.yaml:\d+:\d+: /);
    const behavior = await cli(['bad-behavior.yaml'], dir);
    expect(behavior).toMatchObject({ code: 2, err: 'podlint simulate: bad-behavior.yaml:1: podlint.io/behavior, container "app": exitCode must be an integer from 0 to 255, not "lots"\n' });
    const scn = await cli(['--scenario', 'scn.yaml'], dir);
    expect(scn.code).toBe(2);
    expect(scn.err).toBe('podlint simulate: scn.yaml:5: podlint scenarios support kubectl apply, create, replace, scale, label, annotate, patch, set image, delete, get, cordon and uncordon; not "kubectl drain"\n');
    const nodes = await cli(['--cluster', 'nodes.yaml', 'ok.yaml'], dir);
    expect(nodes.code).toBe(2);
    expect(nodes.err).toContain('nodes.yaml:1: --cluster expects Node objects');
    for (const r of [broken, behavior, scn, nodes]) expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('usage errors', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['examples/myweb-rc.yaml', '--until', 'forever'])).code).toBe(2);
    expect((await cli(['examples/myweb-rc.yaml', '-k', '1.20'])).code).toBe(2);
    expect((await cli(['examples/myweb-rc.yaml', '--format', 'yaml'])).code).toBe(2);
  });
});
