#!/usr/bin/env node
// Regenerates CONFORMANCE.md from the conformance test results (test/conformance/conformance.test.ts).
// Run: node scripts/gen-conformance.mjs   (the test fails when CONFORMANCE.md is stale)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync('npx', ['vitest', 'run', 'test/conformance'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PODLINT_UPDATE_CONFORMANCE: '1' },
});
process.exit(r.status ?? 1);
