#!/usr/bin/env node
// pre-commit hook benchmark: how long `pre-commit run podlint --files …` takes on a handful of manifests
// once the hook repository is cloned (pre-commit's one-time set-up, measured separately), against running
// podlint directly. The hook repository is a clone of this repository at HEAD (committed files only).
// --markdown prints a section for BENCHMARKS.md (scripts/bench.mjs runs every scripts/bench-*.mjs);
// --runs N (default 10). Without pre-commit or git the section says so and exits 0.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 10;
const markdown = args.includes('--markdown');
const TITLE = '## pre-commit hook';

const has = (cmd) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
if (!has('pre-commit') || !has('git')) {
  const why = 'skipped: pre-commit (or git) is not installed (`apt-get install pre-commit`).';
  console.log(markdown ? `${TITLE}\n\n${why}` : why);
  process.exit(0);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-bench-precommit-'));
const env = { ...process.env, PRE_COMMIT_HOME: path.join(tmp, 'home'), GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid', NO_COLOR: '1' };
function run(cmd, argv, cwd, ok = [0, 1]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  // The project: five manifests from examples/ (a handful of files, as a typical commit stages).
  const project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  const files = ['myweb-rc.yaml', 'myweb-rs.yaml', 'myweb-liveness.yaml', 'myweb-startup.yaml', 'broken/rc-selector-mismatch.yaml'];
  for (const f of files) fs.copyFileSync(path.join(root, 'examples', f), path.join(project, path.basename(f)));
  const names = files.map((f) => path.basename(f));
  const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  // A no-op local hook on the same files measures pre-commit's own overhead.
  fs.writeFileSync(
    path.join(project, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${root}\n    rev: ${rev}\n    hooks:\n      - id: podlint\n  - repo: local\n    hooks:\n      - id: noop\n        name: noop\n        entry: "true"\n        language: system\n        files: \\.ya?ml$\n`,
  );
  run('git', ['init', '-q', '.'], project, [0]);
  run('git', ['add', '.'], project, [0]);

  const setup = run('pre-commit', ['install-hooks'], project, [0]);
  const hook = [];
  for (let i = 0; i < runs; i++) hook.push(run('pre-commit', ['run', 'podlint', '--files', ...names], project));
  const noop = [];
  for (let i = 0; i < runs; i++) noop.push(run('pre-commit', ['run', 'noop', '--files', ...names], project, [0]));
  const direct = [];
  const bundle = path.join(root, 'bundle', 'podlint.mjs');
  for (let i = 0; i < runs; i++) direct.push(run(process.execPath, [bundle, ...names], project));
  const node = [];
  for (let i = 0; i < runs; i++) node.push(run(process.execPath, ['-e', '0'], project, [0]));

  const fmt = (ms) => `${Math.round(ms)} ms`;
  const rows = [
    ['`pre-commit run podlint --files` (5 manifests)', fmt(median(hook)), '', ''],
    ['`pre-commit run noop --files` (a no-op hook: pre-commit\'s own overhead)', fmt(median(noop)), '', ''],
    ['time the podlint hook adds (the two above, subtracted)', fmt(median(hook) - median(noop)), '≤ 1 s: feels instant', median(hook) - median(noop) <= 1000 ? 'yes' : '**no**'],
    ['podlint run directly (`node bundle/podlint.mjs`, same files)', fmt(median(direct)), '', ''],
    ['`node -e 0` (Node start-up, for scale)', fmt(median(node)), '', ''],
    ['one-time set-up (`pre-commit install-hooks`: clone, nothing to install)', fmt(setup), '', ''],
  ];
  if (markdown) {
    console.log(
      [
        TITLE,
        '',
        `Measured by \`node scripts/bench-precommit.mjs\` with ${spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).stdout.trim()}: the hook from this repository at HEAD, run on five manifests from examples/ in a scratch git repository; medians of ${runs} runs, on a machine with ${os.cpus().length} CPUs and load average ${os.loadavg()[0].toFixed(1)} when it started. The hook runs the committed bundle (language: script), so there is no environment to install.`,
        '',
        '| measurement | result | target | met |',
        '|---|---|---|---|',
        ...rows.map((r) => `| ${r.join(' | ')} |`),
      ].join('\n'),
    );
  } else for (const r of rows) console.log(`${r[0]}: ${r[1]}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
