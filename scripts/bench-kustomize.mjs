#!/usr/bin/env node
// Linting a real kustomize tree, built in-process, beside `kubectl kustomize` building the same roots (for
// scale; no target). The tree is the repository of ../shared/repos with the most kustomizations.
// Run by npm run bench (scripts/bench.mjs, with --markdown), or alone: node scripts/bench-kustomize.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const markdown = args.includes('--markdown');
const repos = path.resolve(root, '../shared/repos');
const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;

function roots(dir, out = []) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (entries.some((e) => e.isFile() && KUSTOMIZATION.test(e.name))) out.push(dir);
  for (const e of entries) if (e.isDirectory() && e.name !== '.git' && e.name !== 'node_modules') roots(path.join(dir, e.name), out);
  return out;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(cmd, argv, opts) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, stdout: r.stdout };
}

if (!fs.existsSync(repos)) {
  console.log(markdown ? '## kustomize trees\n\nSkipped: ../shared/repos is absent.' : 'bench-kustomize: ../shared/repos is absent');
  process.exit(0);
}
const trees = fs.readdirSync(repos).filter((d) => fs.statSync(path.join(repos, d)).isDirectory()).map((d) => ({ dir: path.join(repos, d), roots: roots(path.join(repos, d)) }));
trees.sort((a, b) => b.roots.length - a.roots.length || (a.dir < b.dir ? -1 : 1));
const tree = trees[0];
const kubectl = ['/usr/bin/kubectl', 'kubectl'].find((k) => spawnSync(k, ['version', '--client'], { encoding: 'utf8' }).status === 0);

const lint = [];
let files = 0;
for (let i = 0; i < runs; i++) {
  const r = time('node', [path.join(root, 'bin/podlint.js'), '--no-config', '--format', 'json', '.'], { cwd: tree.dir });
  lint.push(r.ms);
  files = JSON.parse(r.stdout).length;
}
const kustomize = [];
let built = 0;
if (kubectl) {
  for (let i = 0; i < runs; i++) {
    let total = 0;
    built = 0;
    for (const dir of tree.roots) {
      const r = time(kubectl, ['kustomize', dir], {});
      total += r.ms;
      if (r.status === 0) built++;
    }
    kustomize.push(total);
  }
}
const name = path.basename(tree.dir);
const load = os.loadavg()[0].toFixed(1);
const lines = [
  '## kustomize trees',
  '',
  `Measured by \`node scripts/bench-kustomize.mjs\`, medians of ${runs} runs on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} CPUs, load average ${load} when it ended): ../shared/repos/${name} (${tree.roots.length} kustomizations, ${files} files in the report). podlint builds every kustomization in-process (one process) and lints what the top-level ones make; kubectl builds each kustomization in a process of its own, printing the objects and linting nothing (for scale, no target).`,
  '',
  '| measurement | time |',
  '|---|---|',
  `| \`podlint .\` (every kustomization built, all objects linted) | ${(median(lint) / 1000).toFixed(2)} s |`,
  kubectl ? `| \`kubectl kustomize DIR\` for each of the ${tree.roots.length} kustomizations (${built} build), summed | ${(median(kustomize) / 1000).toFixed(2)} s |` : '| `kubectl kustomize` | not installed |',
];
console.log(lines.join('\n'));
