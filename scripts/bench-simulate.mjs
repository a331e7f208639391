#!/usr/bin/env node
// Simulator benchmark: 1,000 pods (10 ReplicationControllers × 100) on 10 nodes for one simulated hour,
// 400 of them crash-looping, 300 killed by a failing liveness probe, 300 healthy with readiness probes.
// Wall time (median of --runs, default 5) and peak memory of the process; needs a build (npm run build).
// --markdown prints a section for BENCHMARKS.md (scripts/bench.mjs runs every scripts/bench-*.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const entry = path.join(root, 'dist/src/simulator/index.js');
if (!fs.existsSync(entry)) {
  console.error('bench-simulate: build first (npm run build)');
  process.exit(2);
}
const { simulate } = await import(entry);

function rc(i, kind) {
  const container = { name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } };
  const annotations = {};
  if (kind === 'crash') annotations['podlint.io/behavior'] = '{app: {exitCode: 1, exitAfter: 20s}}';
  if (kind === 'liveness') container.livenessProbe = { httpGet: { path: '/', port: 8080 } };
  if (kind === 'healthy') container.readinessProbe = { httpGet: { path: '/', port: 80 }, periodSeconds: 5 };
  return {
    file: 'bench.yaml', line: 1,
    value: { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: `rc-${i}` }, spec: { replicas: 100, selector: { app: `a${i}` }, template: { metadata: { labels: { app: `a${i}` }, annotations }, spec: { containers: [container] } } } },
  };
}
const objects = [];
for (let i = 0; i < 10; i++) objects.push(rc(i, i < 4 ? 'crash' : i < 7 ? 'liveness' : 'healthy'));
const cluster = [];
for (let i = 0; i < 10; i++) cluster.push({ file: 'nodes.yaml', line: 1, value: { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}` }, status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' } } } });

const times = [];
const cpu = [];
let trace;
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  trace = simulate(objects, { seed: 1, until: 3_600_000, cluster });
  const c = process.cpuUsage(c0);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  cpu.push((c.user + c.system) / 1000);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const median = med(times);
const cpuMedian = med(cpu);
const rssMB = process.resourceUsage().maxRSS / 1024;
const pods = trace.pods.length;
const restarts = trace.pods.reduce((n, p) => n + p.restarts, 0);
const line = `1,000 pods × 1 simulated hour: ${(median / 1000).toFixed(2)} s wall, ${(cpuMedian / 1000).toFixed(2)} s CPU (medians of ${runs}; CPU time includes garbage collection threads), peak RSS ${rssMB.toFixed(0)} MB; ${trace.events.length.toLocaleString('en')} events, ${restarts.toLocaleString('en')} container restarts, ${pods} pods.`;
if (args.includes('--markdown')) {
  console.log(['## Simulator', '', `Measured by \`node scripts/bench-simulate.mjs\`: 10 ReplicationControllers × 100 pods on 10 nodes for one simulated hour; 400 pods crash-loop (exit 1 after 20 s), 300 are killed by a failing liveness probe, 300 are healthy with readiness probes every 5 s. Target: about a second.`, '', `| measurement | result | target | met |`, '|---|---|---|---|', `| ${line.split(':')[0]} | ${line.slice(line.indexOf(':') + 2)} | ≈ 1 s | ${median <= 1500 ? 'yes' : '**no**'} |`].join('\n'));
} else console.log(line);
