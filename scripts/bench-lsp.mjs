#!/usr/bin/env node
// Language server benchmark: how long after a change to a 1,000-line manifest its diagnostics arrive
// (target: within 100 ms on this machine's kind), measured as an editor sees it — from sending
// textDocument/didChange to receiving the textDocument/publishDiagnostics of that version, through
// `podlint lsp --stdio` (bin/podlint.js, the bundle) over pipes. The server debounces changes
// (DEFAULT_DEBOUNCE_MS, src/lsp/server.ts): that wait is part of the figure.
// --markdown prints a section for BENCHMARKS.md (scripts/bench.mjs runs every scripts/bench-*.mjs);
// --runs N (default 30).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 30;
const markdown = args.includes('--markdown');
const TITLE = '## Language server (`podlint lsp`)';
const TARGET_MS = 100;

// A 1,000-line file: Deployments with probes, resources and a Service each.
function manifest(lines) {
  const docs = [];
  let n = 0;
  let i = 0;
  while (n < lines) {
    const doc = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: web
          image: registry.example/app-${i}:1.${i}
          ports:
            - containerPort: 8080
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector:
    app: app-${i}
  ports:
    - port: 80
      targetPort: 8080
`;
    docs.push(doc);
    n += doc.split('\n').length;
    i++;
  }
  return docs.join('---\n');
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-bench-lsp-'));
const file = path.join(tmp, 'apps.yaml');
const text = manifest(1000);
fs.writeFileSync(file, text);
const lineCount = text.split('\n').length - 1;
const uri = pathToFileURL(file).href;

const child = spawn(process.execPath, [path.join(root, 'bin/podlint.js'), 'lsp', '--stdio'], { cwd: tmp, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  const w = waiting.get(p.version);
  if (w) {
    waiting.delete(p.version);
    w(p);
  }
});
connection.listen();
const diagnosticsOf = (version) => new Promise((resolve) => waiting.set(version, resolve));

const t0 = performance.now();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(tmp).href, capabilities: {} });
await connection.sendNotification('initialized', {});
const first = diagnosticsOf(1);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
const opened = await first;
const openMs = performance.now() - t0;

// Each change edits one image tag (line 19: `image: registry.example/app-0:1.0`), as typing does.
const line = text.split('\n').findIndex((l) => l.includes('image: registry.example/app-0:'));
const column = text.split('\n')[line].length;
const times = [];
let count = opened.diagnostics.length;
for (let v = 2; v < runs + 2; v++) {
  const next = diagnosticsOf(v);
  const start = performance.now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: v },
    contentChanges: [{ range: { start: { line, character: column - 1 }, end: { line, character: column } }, text: String(v % 10) }],
  });
  const p = await next;
  times.push(performance.now() - start);
  count = p.diagnostics.length;
  // Like a person typing: changes more than a debounce apart.
  await new Promise((r) => setTimeout(r, 60));
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
fs.rmSync(tmp, { recursive: true, force: true });

times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p90 = times[Math.floor(times.length * 0.9)];
const met = median <= TARGET_MS;
const lines = [
  TITLE,
  '',
  `A ${lineCount}-line manifest (${text.split('\n---\n').length} objects, ${count} findings) open in \`podlint lsp --stdio\`: from textDocument/didChange to its publishDiagnostics, ${runs} edits of one image tag, the server's debounce included.`,
  '',
  '| measurement | podlint | target | met |',
  '|---|---|---|---|',
  `| diagnostics after a change, median | ${median.toFixed(0)} ms | ≤ ${TARGET_MS} ms | ${met ? 'yes' : '**no**'} |`,
  `| the same, 90th percentile / slowest | ${p90.toFixed(0)} / ${times[times.length - 1].toFixed(0)} ms | | |`,
  `| start-up, initialize and first diagnostics of the open file | ${openMs.toFixed(0)} ms | | |`,
];
console.log(markdown ? lines.join('\n') : lines.slice(2).join('\n'));
