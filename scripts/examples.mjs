#!/usr/bin/env node
// npm run examples: lint the bundled examples. podlint exits 1 on them because examples/broken is
// meant to fail; this script reports that and exits 0, but passes on exit code 2 (a usage or internal error).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, [path.join(root, 'bin/podlint.js'), 'examples/', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (r.status === 1) {
  console.log('\npodlint exited 1: the errors above are expected — examples/broken shows what podlint catches.');
  console.log('Try also: node bin/podlint.js explain -f examples/myweb-liveness-err.yaml');
  console.log('          node bin/podlint.js simulate examples/myweb-liveness-err.yaml --until 5m');
  process.exit(0);
}
process.exit(r.status ?? 2);
