import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './client.js';

// A real editor: Neovim runs headless, attaches `podlint lsp --stdio` to a buffer holding the study note's
// myweb-liveness-err manifest, and the test reads the diagnostics Neovim received.
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const have = nvim.status === 0;
if (!have) console.warn('Neovim test skipped: nvim is not installed (Debian: apt-get install neovim)');

describe.skipIf(!have)('Neovim attaches podlint lsp', () => {
  it('receives the diagnostics of myweb-liveness-err.yaml', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-nvim-'));
    try {
      const file = path.join(dir, 'myweb-liveness-err.yaml');
      fs.copyFileSync(path.join(repoRoot, 'examples/myweb-liveness-err.yaml'), file);
      const out = path.join(dir, 'diagnostics.json');
      const tsx = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
      const cmd = [process.execPath, '--import', tsx, path.join(repoRoot, 'test/lsp/server-entry.ts'), 'lsp', '--stdio'];
      const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${path.join(repoRoot, 'test/lsp/nvim-attach.lua')}`], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, PODLINT_NVIM_OUT: out, PODLINT_NVIM_CMD: JSON.stringify(cmd), PODLINT_NVIM_FILE: file, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir },
      });
      expect(r.error).toBeUndefined();
      const diagnostics = JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{ lnum: number; col: number; end_col: number; severity: number; code: string; message: string; source: string }>;
      const probe = diagnostics.find((d) => d.code === 'probe-port-not-declared');
      expect(probe).toMatchObject({ lnum: 14, col: 16, end_col: 20, severity: 2, source: 'podlint' });
      expect(probe!.message).toContain('liveness probe targets port 8080');
      expect(diagnostics.map((d) => d.code).sort()).toEqual(['bare-pod', 'latest-tag', 'probe-port-not-declared', 'readiness-probe-missing', 'resource-limits-missing', 'resource-requests-missing']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
