#!/usr/bin/env node
// Custom resources benchmark: 5,000 custom resources validated against a CRD with x-kubernetes-validations
// (CEL) rules, against 5,000 Pods; target: the custom resources cost at most 3× the Pods. Whole processes
// (node bin/podlint.js on the compiled dist/, the same for both), medians of --runs (default 5).
// --markdown prints a section for BENCHMARKS.md (scripts/bench.mjs runs every scripts/bench-*.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const markdown = args.includes('--markdown');
if (!fs.existsSync(path.join(root, 'dist/src/cli/main.js'))) {
  console.error('bench-crd: build first (npm run build)');
  process.exit(2);
}
const N = 5000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-bench-crd-'));

// A route CRD in the manner of the Gateway API: enums, bounds, patterns, a map-list, and CEL rules at
// the spec, on every rule and on every match.
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: routes.bench.example.com
spec:
  group: bench.example.com
  names: {kind: Route, plural: routes, singular: route}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [hostnames, rules]
            x-kubernetes-validations:
            - rule: "self.rules.all(r, r.backends.size() > 0)"
              message: every rule needs a backend
            - rule: "self.hostnames.all(h, !h.startsWith('*') || h.size() > 2)"
              message: a wildcard host needs a domain
            properties:
              hostnames:
                type: array
                maxItems: 16
                items: {type: string, maxLength: 253, pattern: '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'}
              rules:
                type: array
                maxItems: 16
                items:
                  type: object
                  x-kubernetes-validations:
                  - rule: "!has(self.timeout) || duration(self.timeout) <= duration('1h')"
                    message: timeout may not exceed one hour
                  properties:
                    timeout: {type: string}
                    matches:
                      type: array
                      maxItems: 8
                      items:
                        type: object
                        x-kubernetes-validations:
                        - rule: "(self.path.type in ['Exact', 'PathPrefix']) ? self.path.value.startsWith('/') : true"
                          message: value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']
                        - rule: "!self.path.value.contains('//')"
                          message: must not contain '//'
                        properties:
                          path:
                            type: object
                            properties:
                              type: {type: string, enum: [Exact, PathPrefix, RegularExpression], default: PathPrefix}
                              value: {type: string, maxLength: 1024, default: /}
                          method: {type: string, enum: [GET, POST, PUT, DELETE]}
                    backends:
                      type: array
                      x-kubernetes-list-type: map
                      x-kubernetes-list-map-keys: [name]
                      items:
                        type: object
                        required: [name, port]
                        properties:
                          name: {type: string, maxLength: 253}
                          port: {type: integer, minimum: 1, maximum: 65535}
                          weight: {type: integer, minimum: 0, maximum: 1000000, default: 1}
`;
const routes = [];
const pods = [];
for (let i = 0; i < N; i++) {
  routes.push(`apiVersion: bench.example.com/v1
kind: Route
metadata:
  name: route-${i}
  namespace: ns${i % 7}
  labels: {app: web-${i}}
spec:
  hostnames: [web-${i}.example.com, "*.example.org"]
  rules:
  - timeout: 30s
    matches:
    - path: {type: PathPrefix, value: /api/v${i % 3}}
      method: GET
    - path: {type: Exact, value: /healthz}
    backends:
    - {name: web-${i}, port: 8080, weight: 90}
    - {name: web-${i}-canary, port: 8080, weight: 10}
  - matches:
    - path: {type: RegularExpression, value: "^/static/.*"}
    backends:
    - {name: static-${i}, port: 80}`);
  pods.push(`apiVersion: v1
kind: Pod
metadata:
  name: web-${i}
  namespace: ns${i % 7}
  labels: {app: web-${i}}
spec:
  containers:
  - name: web
    image: nginx:1.25.${i % 10}
    imagePullPolicy: IfNotPresent
    ports:
    - {containerPort: 80, name: http}
    resources:
      requests: {cpu: 100m, memory: 128Mi}
      limits: {cpu: 500m, memory: 256Mi}
    livenessProbe:
      httpGet: {path: /healthz, port: http}
    readinessProbe:
      httpGet: {path: /ready, port: 80}`);
}
const crdFile = path.join(tmp, 'crd.yaml');
const routesFile = path.join(tmp, 'routes.yaml');
const podsFile = path.join(tmp, 'pods.yaml');
fs.writeFileSync(crdFile, crd);
fs.writeFileSync(routesFile, routes.join('\n---\n') + '\n');
fs.writeFileSync(podsFile, pods.join('\n---\n') + '\n');

const bin = path.join(root, 'bin/podlint.js');
// The process's own CPU time (user + system) is measured besides the wall time: on a machine shared
// with other work the wall time also counts the time spent waiting for a core.
const cpuHook = path.join(tmp, 'cpu-hook.mjs');
fs.writeFileSync(cpuHook, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nBENCH_CPU_US=${u.userCPUTime + u.systemCPUTime}\\n`); });\n");
function time(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('node', ['--import', cpuHook, bin, '--no-config', '--format', 'json', '--output-file', path.join(tmp, 'out.json'), ...argv], { encoding: 'utf8', env: { ...process.env, PODLINT_NO_BUNDLE: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`podlint ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = /BENCH_CPU_US=(\d+)/.exec(r.stderr);
  return { ms, cpuMs: cpu ? Number(cpu[1]) / 1000 : NaN };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The routes must be valid (every rule evaluated and passing), or the measurement is of something else.
time(['--crd', crdFile, routesFile]);
const out = JSON.parse(fs.readFileSync(path.join(tmp, 'out.json'), 'utf8'));
const crdFindings = out.flatMap((f) => f.messages).filter((m) => ['crd-validation', 'cel-rule', 'unknown-field', 'invalid-type', 'required-field', 'unknown-kind'].includes(m.ruleId));
if (crdFindings.length) throw new Error(`bench-crd: the generated routes have CRD findings: ${JSON.stringify(crdFindings.slice(0, 3))}`);

const podRuns = [];
const routeRuns = [];
for (let i = 0; i < runs; i++) {
  podRuns.push(time([podsFile]));
  routeRuns.push(time(['--crd', crdFile, routesFile]));
}
fs.rmSync(tmp, { recursive: true, force: true });
const p = median(podRuns.map((x) => x.cpuMs)), r = median(routeRuns.map((x) => x.cpuMs)), ratio = r / p;
const pw = median(podRuns.map((x) => x.ms)), rw = median(routeRuns.map((x) => x.ms));
const line = `| ${N.toLocaleString('en')} custom resources against a CRD with 5 CEL rules (${(N * 10).toLocaleString("en")} rule evaluations), CPU time | ${(r / 1000).toFixed(2)} s (wall ${(rw / 1000).toFixed(2)} s) | ${N.toLocaleString('en')} Pods: ${(p / 1000).toFixed(2)} s (wall ${(pw / 1000).toFixed(2)} s) | ${ratio.toFixed(2)}× | ≤ 3× | ${ratio <= 3 ? 'yes' : '**no**'} |`;
if (markdown) {
  console.log(['## Custom resources', '', `Measured by \`node scripts/bench-crd.mjs\` (whole processes on the compiled dist/, medians of ${runs} runs, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs when it ended): structural-schema validation with defaults, list-map keys and patterns, and the CRD's CEL rules on every route, every rule and every match.`, '', '| measurement | podlint | reference | ratio | target | met |', '|---|---|---|---|---|---|', line].join('\n'));
} else console.log(line);
