/**
 * `podlint explain -f`: the plain-words account of a manifest. Goldens for every seed example at two
 * Kubernetes versions; the findings in those goldens are reduced to rule id, severity and position
 * (their wording belongs to the rules, which have their own tests), and a separate test checks that
 * each finding carries its rule's message and fix.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden, podlint } from './helpers.js';
import { renderNarrative, type ManifestNarrative } from '../../src/explain/narrative.js';
import { explainManifest } from '../../src/manifest-narrative.js';
import { getRule } from '../../src/engine/registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const seedDir = path.resolve(here, '../../../shared/seed-examples');
const haveSeeds = fs.existsSync(seedDir);
if (!haveSeeds) console.warn(`test/explain/narrative.test.ts: seed-example goldens skipped, ${seedDir} is absent`);
const seeds = haveSeeds ? fs.readdirSync(seedDir).filter((f) => f.endsWith('.yaml')).sort() : [];

/** The narrative with findings reduced to what does not depend on rule wording. */
function withoutFindingText(n: ManifestNarrative): ManifestNarrative {
  const strip = (f: ManifestNarrative['fileFindings'][number]) => ({ ...f, message: '…', fix: undefined });
  return { ...n, objects: n.objects.map((o) => ({ ...o, findings: o.findings.map(strip) })), fileFindings: n.fileFindings.map(strip) };
}

async function narrate(text: string, version = '1.36', file = 'test.yaml') {
  return explainManifest(text, file, { kubernetesVersion: version });
}

function seed(name: string): string {
  return fs.readFileSync(path.join(seedDir, name), 'utf8');
}

describe.skipIf(!haveSeeds)('seed examples', () => {
  for (const file of seeds) {
    for (const version of ['1.28', '1.36']) {
      it(`${file} (Kubernetes ${version})`, async () => {
        const n = await narrate(seed(file), version, file);
        expectGolden(`narrative/${file.replace(/\.yaml$/, '')}-${version}.txt`, renderNarrative(withoutFindingText(n)));
      });
    }
  }

  it('myweb-liveness-err: the probe targets a port nothing declares, and what follows', async () => {
    const n = await narrate(seed('myweb-liveness-err.yaml'), '1.36', 'myweb-liveness-err.yaml');
    const probe = n.objects[0]!.podSpec!.containers[0]!.probes[0]!;
    expect(probe.type).toBe('liveness');
    expect(probe.port).toBe(8080);
    expect(probe.portDeclared).toBe(false);
    const text = probe.timeline.join(' ');
    expect(text).toContain('This liveness probe targets port 8080, which no container port declares (container "myweb" declares 80/TCP)');
    expect(text).toContain('every check fails');
    expect(text).toContain('kills the container about 30 s after each start (3 × 10 s), restarts it, and after a few restarts the pod ends in CrashLoopBackOff');
    const rendered = renderNarrative(n);
    expect(rendered).toContain('10 s, 20 s, 40 s');
    expect(rendered).toContain('at most 5 min');
    // The finding that says so, with its rule's fix.
    const f = n.objects[0]!.findings.find((x) => x.ruleId === 'probe-port-not-declared');
    expect(f, 'probe-port-not-declared finding').toBeDefined();
    expect(f!.line).toBe(15);
    expect(f!.fix).toBe(getRule('probe-port-not-declared')!.meta.docs.remediation);
    expect(rendered).toContain(`Fix: ${f!.fix!.split(' ').slice(0, 4).join(' ')}`);
  });

  it('myweb-liveness: the probe targets the declared port, so no warning about it', async () => {
    const n = await narrate(seed('myweb-liveness.yaml'));
    const probe = n.objects[0]!.podSpec!.containers[0]!.probes[0]!;
    expect(probe.portDeclared).toBe(true);
    expect(probe.timeline.join(' ')).not.toContain('no container port declares');
  });

  it('myweb-rc: keeps 3 pods, names them, owns its selector, is legacy', async () => {
    const n = await narrate(seed('myweb-rc.yaml'));
    const o = n.objects[0]!;
    expect(o.controller).toMatchObject({ replicas: 3, replicasDefaulted: false, selector: 'app=web', selectorMatchesTemplate: true });
    expect(o.controller!.podNames).toMatch(/^myweb-rc-xxxxx /);
    expect(o.lifecycle.join(' ')).toContain('legacy');
    expect(o.podSpec!.containers[0]!.pullPolicy).toMatchObject({ value: 'Always', explicit: false });
  });

  it('myweb-rs-set: set-based selector', async () => {
    const n = await narrate(seed('myweb-rs-set.yaml'));
    expect(n.objects[0]!.controller!.selector).toBe('app in (web),env');
  });

  it('myweb-startup: liveness waits for the startup probe', async () => {
    const n = await narrate(seed('myweb-startup.yaml'));
    const [startup, liveness] = n.objects[0]!.podSpec!.containers[0]!.probes;
    expect(startup!.type).toBe('startup');
    expect(startup!.timeline.join(' ')).toContain('has about 30 s to start answering');
    expect(liveness!.timeline[0]).toContain('once the startup probe has succeeded');
  });
});

describe('narrative facts', () => {
  it('hooks: preStop runs before the container is stopped, postStart right after it is created', async () => {
    const n = await narrate(`apiVersion: v1
kind: Pod
metadata: {name: hooks}
spec:
  terminationGracePeriodSeconds: 45
  containers:
  - name: app
    image: nginx:1.27
    lifecycle:
      postStart: {exec: {command: [sh, -c, "echo hi"]}}
      preStop: {exec: {command: [sleep, "5"]}}
`);
    const c = n.objects[0]!.podSpec!.containers[0]!;
    expect(c.hooks[0]).toMatch(/^postStart runs right after the container is created/);
    expect(c.hooks[1]).toMatch(/^preStop runs before the container is stopped/);
    expect(c.hooks[1]).toContain('within the grace period (45 s)');
    expect(c.hooks.join(' ')).not.toMatch(/before (it|the container) starts/);
    expect(c.pullPolicy).toMatchObject({ value: 'IfNotPresent', explicit: false });
    expect(c.pullPolicy!.reason).toContain('the tag ":1.27"');
  });

  it('node needs: containers add up, an init container counts only when larger, sidecars add to both', async () => {
    const n = await narrate(`apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      initContainers:
      - {name: migrate, image: m:1, resources: {requests: {cpu: 500m, memory: 1Gi}}}
      - {name: proxy, image: p:1, restartPolicy: Always, resources: {requests: {cpu: 100m, memory: 64Mi}}}
      - {name: late, image: l:1, resources: {requests: {cpu: "1"}}}
      containers:
      - {name: a, image: a:1, resources: {requests: {cpu: 250m}, limits: {memory: 256Mi}}}
      - {name: b, image: b:1, resources: {requests: {cpu: 150m, memory: 128Mi}}}
`);
    const ps = n.objects[0]!.podSpec!;
    // sum = a 250m + b 150m + sidecar 100m = 500m; memory 256Mi (limit → request) + 128Mi + 64Mi = 448Mi.
    // init: migrate 500m / 1Gi (no sidecar before it); late 1 + 100m (sidecar before it) = 1100m.
    expect(ps.nodeNeeds.requests).toEqual({ cpu: '1100m', memory: '1Gi' });
    expect(ps.nodeNeeds.explanation).toContain('an init container needs more');
    expect(ps.containers.find((c) => c.name === 'a')!.requestsFromLimits).toEqual(['memory']);
    expect(ps.containers.map((c) => c.role)).toEqual(['init', 'sidecar', 'init', 'container', 'container']);
    expect(n.objects[0]!.controller!.podNames).toContain('through a ReplicaSet named d-<pod-template-hash>');
    expect(n.objects[0]!.controller!.replicasDefaulted).toBe(true);
  });

  it('restartPolicy Never: a liveness kill ends the pod Failed', async () => {
    const n = await narrate(`apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox@sha256:${'a'.repeat(64)}
    livenessProbe: {tcpSocket: {port: 9000}, periodSeconds: 5, failureThreshold: 2, initialDelaySeconds: 15}
`);
    const ps = n.objects[0]!.podSpec!;
    expect(ps.restartPolicyDefaulted).toBe(false);
    expect(ps.restartPolicyMeaning).toMatch(/^Never: /);
    const probe = ps.containers[0]!.probes[0]!;
    expect(probe.timeline[0]).toContain('15 s after the container starts (initialDelaySeconds)');
    expect(probe.timeline[1]).toContain('2 × 5 s = 10 s');
    expect(probe.timeline.join(' ')).toContain('the pod ends Failed');
    expect(ps.containers[0]!.pullPolicy!.reason).toContain('pinned by digest');
  });

  it('a named probe port that the container does not declare cannot be resolved', async () => {
    const n = await narrate(`apiVersion: v1
kind: Pod
metadata: {name: named}
spec:
  containers:
  - name: app
    image: app:1
    ports: [{name: http, containerPort: 8080}]
    readinessProbe: {httpGet: {port: web}}
`);
    const probe = n.objects[0]!.podSpec!.containers[0]!.probes[0]!;
    expect(probe.portNameUnresolved).toBe(true);
    expect(probe.timeline.join(' ')).toContain('never becomes Ready');
  });

  it('reads kind: List items and non-workload kinds, deterministically', async () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: cfg}
- apiVersion: batch/v1
  kind: Job
  metadata: {name: once}
  spec:
    template:
      spec:
        restartPolicy: OnFailure
        containers: [{name: c, image: busybox:1.36}]
`;
    const a = await narrate(text);
    const b = await narrate(text);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.objects.map((o) => [o.kind, o.listIndex])).toEqual([['ConfigMap', 0], ['Job', 1]]);
    expect(a.objects[0]!.summary).toContain('only what workloads');
    expect(a.objects[1]!.podSpec!.restartPolicyMeaning).toMatch(/^OnFailure/);
    expect(a.objects[1]!.podSpec!.restartPolicyMeaning).not.toContain('rejects');
    const job = await narrate('apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {containers: [{name: c, image: c:1}]}}}\n');
    expect(job.objects[0]!.podSpec!.restartPolicyMeaning).toContain("But a Job's pods must use OnFailure or Never: the API server rejects this one.");
    const rs = await narrate('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {restartPolicy: Never, containers: [{name: c, image: c:1}]}}}\n');
    expect(rs.objects[0]!.podSpec!.restartPolicyMeaning).toContain('But a ReplicaSet template allows only Always');
  });

  it('selector that does not match the template is called out', async () => {
    const n = await narrate(`apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, image: c:1}]}
`);
    expect(n.objects[0]!.controller!.selectorMatchesTemplate).toBe(false);
    expect(n.objects[0]!.lifecycle.join(' ')).toContain('do not match the selector, so the API server rejects the object');
  });
});

describe('podlint explain -f', () => {
  it('text and json give the same facts; stdin works', async () => {
    const text = fs.readFileSync(path.join(here, '..', '..', 'examples', fs.readdirSync(path.join(here, '..', '..', 'examples')).filter((f) => f.endsWith('.yaml')).sort()[0]!), 'utf8');
    const json = await podlint(['explain', '-f', '-', '--format', 'json', '--kubernetes-version', '1.30'], { stdin: text });
    expect(json.code).toBe(0);
    const facts = JSON.parse(json.stdout) as ManifestNarrative;
    expect(facts.filePath).toBe('<stdin>');
    expect(facts.kubernetesVersion).toBe('1.30');
    const txt = await podlint(['explain', '-f', '-', '--kubernetes-version', '1.30'], { stdin: text });
    expect(txt.code).toBe(0);
    expect(txt.stdout).toBe(renderNarrative(facts));
  });

  it('golden json for the liveness seed', async () => {
    if (!haveSeeds) return;
    const r = await podlint(['explain', '-f', path.join(seedDir, 'myweb-liveness-err.yaml'), '--format', 'json', '--kubernetes-version', '1.28']);
    expect(r.code).toBe(0);
    const facts = JSON.parse(r.stdout) as ManifestNarrative;
    facts.filePath = 'myweb-liveness-err.yaml';
    expectGolden('narrative/myweb-liveness-err-1.28.json', `${JSON.stringify(withoutFindingText(facts), null, 2)}\n`);
  });

  it('wraps to the terminal width on a terminal, to a fixed width elsewhere', async () => {
    const n = await narrate('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: "nginx:1.27"}]}\n');
    const narrow = renderNarrative(n, 60).split('\n');
    expect(Math.max(...narrow.map((l) => l.length))).toBeLessThanOrEqual(60);
    expect(renderNarrative(n)).toBe(renderNarrative(n, 100));
  });

  it('a file that does not parse still gets an account of what could be read', async () => {
    const r = await podlint(['explain', '-f', '-'], { stdin: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Problems in the file:');
  });
});
