#!/usr/bin/env node
// Regenerates REAL-WORLD.md from podlint's run over ../shared/repos and ../shared/corpus
// (test/project/real-world.test.ts, which fails when REAL-WORLD.md is stale).
// Run: npm run gen:real-world
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync('npx', ['vitest', 'run', 'test/project/real-world.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PODLINT_UPDATE_REAL_WORLD: '1' },
});
process.exit(r.status ?? 1);
