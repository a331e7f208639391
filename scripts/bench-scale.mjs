#!/usr/bin/env node
// Large runs in the shapes users have, each beside js-yaml loadAll of the same file (run alternately):
//   (d) 10,000 documents made from the seed examples (examples/myweb*.yaml) renamed myweb<i>-, so that
//       thousands of controllers share `app: web`, as in any real namespace    target ≤ 2.5×, ≤ 200 MB
//   (e) 20,000 such documents: the cost per document does not grow with the run   target ≤ 2.5×
//   (f) a cluster dump (`kubectl get pods,rs -A -o yaml`): one List of 50 ReplicaSets and 10,000 Pods
//       with their ownerReferences, all sharing `app: web`                         target ≤ 2.5×
// Prints a section for BENCHMARKS.md (scripts/bench.mjs runs every scripts/bench-*.mjs with --markdown).
// Options: --runs N (default 5). Needs a build (npm run build).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const bin = path.join(root, 'bin/podlint.js');
const hook = path.join(root, 'scripts/rss-hook.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-bench-scale-'));

/** `n` documents: the seed examples in turn, copy i renamed myweb<i>-. */
export function seedCopies(n) {
  const dir = path.join(root, 'examples');
  const seeds = fs.readdirSync(dir).filter((f) => /^myweb.*\.yaml$/.test(f)).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim());
  const docs = [];
  for (let i = 0; docs.length < n; i++) for (const s of seeds) if (docs.length < n) docs.push(s.replace(/name: myweb-/g, `name: myweb${i}-`));
  return docs.join('\n---\n') + '\n';
}

/** `kubectl get pods,rs -A -o yaml` of `replicaSets` ReplicaSets (10 per namespace) and their `pods`: Pods first, as kubectl lists them. */
export function clusterDump(replicaSets, pods) {
  const hash = (r) => (0x7d4b9c8f6 + r * 7919).toString(36).slice(-9);
  const ns = (r) => `team-${Math.floor(r / 10)}`;
  const uid = (k, i) => `${k.toString(16).padStart(8, '0')}-0000-4000-8000-${((i * 2654435761) >>> 0).toString(16).padStart(12, '0')}`;
  const perSet = Math.ceil(pods / replicaSets);
  const container = (ind) =>
    [
      '- image: registry.example.com/web:1.25.3',
      '  imagePullPolicy: IfNotPresent',
      '  name: web',
      '  ports:',
      '  - containerPort: 8080',
      '    name: http',
      '    protocol: TCP',
      '  readinessProbe:',
      '    failureThreshold: 3',
      '    httpGet:',
      '      path: /ready',
      '      port: http',
      '      scheme: HTTP',
      '    periodSeconds: 10',
      '    successThreshold: 1',
      '    timeoutSeconds: 1',
      '  resources:',
      '    limits:',
      '      cpu: 500m',
      '      memory: 256Mi',
      '    requests:',
      '      cpu: 100m',
      '      memory: 128Mi',
      '  terminationMessagePath: /dev/termination-log',
      '  terminationMessagePolicy: File',
    ]
      .map((l) => ind + l)
      .join('\n');
  const out = ['apiVersion: v1', 'items:'];
  for (let p = 0; p < pods; p++) {
    const r = p % replicaSets;
    const owner = `web-${r}-${hash(r)}`;
    out.push(`- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2026-11-20T10:${String(p % 60).padStart(2, '0')}:00Z"
    generateName: ${owner}-
    labels:
      app: web
      pod-template-hash: ${hash(r)}
    name: ${owner}-${((p * 48271) % 60466176).toString(36).padStart(5, 'x').slice(-5)}
    namespace: ${ns(r)}
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: ReplicaSet
      name: ${owner}
      uid: ${uid(1, r)}
    resourceVersion: "${100000 + p}"
    uid: ${uid(2, p)}
  spec:
    containers:
${container('    ')}
    dnsPolicy: ClusterFirst
    enableServiceLinks: true
    nodeName: node-${p % 20}
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:
    - effect: NoExecute
      key: node.kubernetes.io/not-ready
      operator: Exists
      tolerationSeconds: 300
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2026-11-20T10:00:00Z"
      status: "True"
      type: Ready
    containerStatuses:
    - containerID: containerd://${((p * 2654435761) >>> 0).toString(16).padStart(16, '0')}
      image: registry.example.com/web:1.25.3
      imageID: registry.example.com/web@sha256:${'ab'.repeat(32)}
      lastState: {}
      name: web
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "2026-11-20T10:00:05Z"
    hostIP: 10.0.0.${p % 20}
    phase: Running
    podIP: 10.244.${p % 250}.${p % 200}
    qosClass: Burstable
    startTime: "2026-11-20T10:00:00Z"`);
  }
  for (let r = 0; r < replicaSets; r++) {
    const name = `web-${r}-${hash(r)}`;
    out.push(`- apiVersion: apps/v1
  kind: ReplicaSet
  metadata:
    annotations:
      deployment.kubernetes.io/desired-replicas: "${perSet}"
      deployment.kubernetes.io/max-replicas: "${perSet + 1}"
      deployment.kubernetes.io/revision: "1"
    creationTimestamp: "2026-11-20T09:59:00Z"
    generation: 1
    labels:
      app: web
      pod-template-hash: ${hash(r)}
    name: ${name}
    namespace: ${ns(r)}
    ownerReferences:
    - apiVersion: apps/v1
      blockOwnerDeletion: true
      controller: true
      kind: Deployment
      name: web-${r}
      uid: ${uid(3, r)}
    resourceVersion: "${200000 + r}"
    uid: ${uid(1, r)}
  spec:
    replicas: ${perSet}
    selector:
      matchLabels:
        app: web
        pod-template-hash: ${hash(r)}
    template:
      metadata:
        labels:
          app: web
          pod-template-hash: ${hash(r)}
      spec:
        containers:
${container('        ')}
        dnsPolicy: ClusterFirst
        restartPolicy: Always
        schedulerName: default-scheduler
        securityContext: {}
        terminationGracePeriodSeconds: 30
  status:
    availableReplicas: ${perSet}
    fullyLabeledReplicas: ${perSet}
    observedGeneration: 1
    readyReplicas: ${perSet}
    replicas: ${perSet}`);
  }
  out.push('kind: List', 'metadata:', '  resourceVersion: ""');
  return out.join('\n') + '\n';
}

function run(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('node', ['--import', hook, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { ms, mb: rss ? Number(rss[1]) / 1024 : 0 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const loadAtStart = os.loadavg()[0];
const loadAllScript = path.join(tmp, 'load-all.mjs');
const jsyaml = path.join(root, 'node_modules/js-yaml/dist/js-yaml.mjs');
fs.writeFileSync(loadAllScript, `import fs from 'node:fs';\nimport { loadAll } from ${JSON.stringify(jsyaml)};\nloadAll(fs.readFileSync(process.argv[2], 'utf8'));\n`);

/** Medians of `runs` runs of loadAll and of podlint on the same file, alternately. */
function measure(name, text) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  const out = path.join(tmp, 'out.json');
  const lint = [bin, '--no-config', '--format', 'json', '--output-file', out, file];
  run(lint); // warm the file cache
  const l = [];
  const p = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    l.push(run([loadAllScript, file]).ms);
    const r = run(lint);
    p.push(r.ms);
    peak = Math.max(peak, r.mb);
  }
  const findings = JSON.parse(fs.readFileSync(out, 'utf8')).reduce((n, f) => n + f.messages.length, 0);
  return { mib: Buffer.byteLength(text) / 1048576, loadAll: median(l), lint: median(p), peak, findings };
}

const rows = [];
const add = (label, m, memTarget) => {
  const ratio = m.lint / m.loadAll;
  rows.push(`| ${label} (${m.mib.toFixed(1)} MiB, ${m.findings.toLocaleString('en-US')} findings) | ${(m.lint / 1000).toFixed(2)} s, ${m.peak.toFixed(0)} MB | js-yaml loadAll: ${(m.loadAll / 1000).toFixed(2)} s | ${ratio.toFixed(2)}× | ≤ 2.5×${memTarget ? `, ≤ ${memTarget} MB` : ''} | ${ratio <= 2.5 && (!memTarget || m.peak <= memTarget) ? 'yes' : '**no**'} |`);
  return m;
};
const d = add('(d) 10,000 documents from the seed examples, shared labels', measure('seed-10k.yaml', seedCopies(10_000)), 200);
const e = add('(e) 20,000 such documents', measure('seed-20k.yaml', seedCopies(20_000)));
add('(f) cluster dump: one List of 50 ReplicaSets and 10,000 Pods', measure('dump.yaml', clusterDump(50, 10_000)));
const perDoc = `${((d.lint / 10_000) * 1000).toFixed(0)} µs per document at 10,000, ${((e.lint / 20_000) * 1000).toFixed(0)} µs at 20,000`;

const md = [
  '## Large runs with shared labels',
  '',
  `Measured by \`node scripts/bench-scale.mjs\`: medians of ${runs} runs, podlint (full lint, \`--format json\` to a file) and js-yaml \`loadAll\` of the same file run alternately; every figure is a whole process. (d) and (e) are the seed examples (examples/myweb*.yaml) copied and renamed \`myweb<i>-\`: thousands of ReplicationControllers and ReplicaSets share \`app: web\`, so overlapping-selectors reports every one of them ("… and N more"); the cross-object rules index objects by namespace and label and share one answer per selector instead of comparing every pair. (f) is a \`kubectl get pods,rs -A -o yaml\` dump: one document, read whole. ${perDoc}. On ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadAtStart.toFixed(1)} when it started and ${os.loadavg()[0].toFixed(1)} at the end (the machine is shared: compare ratios, not seconds).`,
  '',
  '| measurement | podlint | reference | ratio | target | met |',
  '|---|---|---|---|---|---|',
  ...rows,
].join('\n');
console.log(md); // the same with or without --markdown
fs.rmSync(tmp, { recursive: true, force: true });
