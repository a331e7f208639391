#!/usr/bin/env node
// npm run examples: lint the bundled examples. podlint exits 1 on them because examples/broken is
// meant to fail; this script reports that and exits 0, but passes on exit code 2 (a usage or internal error).
// The scenario files of examples/scenarios (for podlint simulate: a top-level `steps:`, no kind) are not
// manifests, so they are left out; the manifests beside them are linted.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scenarioDir = path.join(root, 'examples/scenarios');
const scenarios = fs.existsSync(scenarioDir)
  ? fs.readdirSync(scenarioDir).filter((f) => /\.ya?ml$/.test(f) && /^steps:/m.test(fs.readFileSync(path.join(scenarioDir, f), 'utf8')))
  : [];
const ignore = scenarios.flatMap((f) => ['--ignore-pattern', `examples/scenarios/${f}`]);
const r = spawnSync(process.execPath, [path.join(root, 'bin/podlint.js'), 'examples/', ...ignore, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (r.status === 1) {
  console.log('\npodlint exited 1: the errors above are expected — examples/broken shows what podlint catches.');
  console.log('Try also: node bin/podlint.js explain -f examples/myweb-liveness-err.yaml');
  console.log('          node bin/podlint.js simulate examples/myweb-liveness-err.yaml --until 5m');
  console.log('          node bin/podlint.js simulate --scenario examples/scenarios/relabel-out-and-back.yaml');
  process.exit(0);
}
process.exit(r.status ?? 2);
