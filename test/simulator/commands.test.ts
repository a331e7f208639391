import { describe, expect, it } from 'vitest';
import { parseCommand, parseSelectorString, shellWords } from '../../src/simulator/commands.js';
import { jsonMergePatch, jsonPatch, strategicMergePatch } from '../../src/simulator/patch.js';
import { parseScenario, SimInputError } from '../../src/simulator/scenario.js';
import { matchesLabelSelector } from '../../src/k8s/selector.js';
import { simulate } from '../../src/simulator/simulate.js';
import { s } from './helpers.js';

const RC = `apiVersion: v1
kind: ReplicationController
metadata: {name: web}
spec:
  replicas: 2
  selector: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx:1.27}]
`;
const files: Record<string, string> = { 'rc.yaml': RC, 'rc5.yaml': RC.replace('replicas: 2', 'replicas: 5'), 'broken.yaml': 'a: [1,\n', 'patch.yaml': 'spec:\n  replicas: 4\n' };
const read = (p: string) => {
  if (!(p in files)) throw new Error('no such file');
  return { text: files[p]!, label: p };
};

describe('command lines', () => {
  it('splits words like a shell', () => {
    expect(shellWords(`kubectl patch pod x -p '{"metadata": {"labels": {"a": "b"}}}'`)).toEqual(['kubectl', 'patch', 'pod', 'x', '-p', '{"metadata": {"labels": {"a": "b"}}}']);
    expect(shellWords('a "b c" d\\ e')).toEqual(['a', 'b c', 'd e']);
    expect(shellWords("a 'b")).toBe('unterminated single quote');
  });
  it('parses label selectors as kubectl -l does', () => {
    const sel = parseSelectorString('app=web,env!=prod,tier in (a, b),!canary,track');
    expect(typeof sel).toBe('object');
    expect(matchesLabelSelector(sel as object, { app: 'web', env: 'dev', tier: 'a', track: 'x' })).toBe(true);
    expect(matchesLabelSelector(sel as object, { app: 'web', env: 'prod', tier: 'a', track: 'x' })).toBe(false);
    expect(matchesLabelSelector(sel as object, { app: 'web', tier: 'a', track: 'x', canary: '1' })).toBe(false);
  });
  it('rejects what it does not know, in words a user can act on', () => {
    expect(parseCommand('kubectl rollout restart rc web', read)).toMatchObject({ ok: false, error: expect.stringContaining('not "kubectl rollout"') });
    expect(parseCommand('helm install x', read)).toMatchObject({ ok: false, error: expect.stringContaining('unknown command "helm"') });
    expect(parseCommand('kubectl scale rc web', read)).toMatchObject({ ok: false, error: expect.stringContaining('--replicas') });
    expect(parseCommand('kubectl delete rc web --cascade=sideways', read)).toMatchObject({ ok: false, error: expect.stringContaining('invalid cascade value') });
    expect(parseCommand('kubectl apply -f missing.yaml', read)).toMatchObject({ ok: false, error: expect.stringContaining('"missing.yaml" does not exist') });
    expect(parseCommand('kubectl apply -f broken.yaml', read)).toMatchObject({ ok: false, error: expect.stringContaining('error parsing broken.yaml: line') });
    expect(parseCommand('node explode node-1', read)).toMatchObject({ ok: false });
    expect(parseCommand('behavior web-* c exitCode=x', read)).toMatchObject({ ok: false, error: expect.stringContaining('exitCode must be an integer') });
    expect(parseCommand('behavior web-* c colour=red', read)).toMatchObject({ ok: false, error: expect.stringContaining('unknown behaviour key "colour"') });
  });
});

describe('patches', () => {
  it('strategic merge merges containers by name and deletes with null', () => {
    const live = { metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [{ name: 'x', image: 'i:1' }, { name: 'y', image: 'j:1' }] } };
    expect(strategicMergePatch(live, { metadata: { labels: { b: null, c: '3' } }, spec: { containers: [{ name: 'y', image: 'j:2' }] } })).toEqual({
      metadata: { labels: { a: '1', c: '3' } }, spec: { containers: [{ name: 'x', image: 'i:1' }, { name: 'y', image: 'j:2' }] },
    });
    expect(strategicMergePatch(live, { spec: { containers: [{ name: 'x', $patch: 'delete' }] } }).spec.containers).toEqual([{ name: 'y', image: 'j:1' }]);
  });
  it('JSON merge patch replaces lists', () => {
    expect(jsonMergePatch({ spec: { containers: [{ name: 'x' }, { name: 'y' }] } }, { spec: { containers: [{ name: 'z' }] } })).toEqual({ spec: { containers: [{ name: 'z' }] } });
  });
  it('JSON patch add / replace / remove / test', () => {
    const doc = { metadata: { labels: { app: 'web' } }, spec: { replicas: 3 } };
    expect(jsonPatch(doc, [{ op: 'replace', path: '/spec/replicas', value: 5 }, { op: 'add', path: '/metadata/labels/env', value: 'dev' }, { op: 'remove', path: '/metadata/labels/app' }])).toEqual({ metadata: { labels: { env: 'dev' } }, spec: { replicas: 5 } });
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/spec/replicas', value: 4 }])).toThrow('testing value /spec/replicas failed');
  });
});

describe('scenario execution', () => {
  const scenario = (steps: string) => parseScenario(`until: 2m\nsteps:\n${steps}`, 'scn.yaml', read);
  it('reports a bad step with the file and line', () => {
    expect(() => scenario('  - at: 10s\n    run: kubectl apply -f rc.yaml\n  - at: 20s\n    run: kubectl frobnicate\n')).toThrow(new SimInputError('scn.yaml', 6, 'podlint scenarios support kubectl apply, create, replace, scale, label, annotate, patch, set image, delete, get, cordon and uncordon; not "kubectl frobnicate"'));
    expect(() => scenario('  - at: soon\n    run: kubectl get pods\n')).toThrow(/^scn\.yaml:3: at must be a duration/);
    expect(() => parseScenario('steps: [{at: 1s, run: x}]\nfoo: 1\n', 'scn.yaml', read)).toThrow(/^scn\.yaml:2: unknown scenario key "foo"/);
  });
  it('scale, patch (strategic, --patch-file), apply keeps a scaled count (three-way), label errors', () => {
    const t = simulate([], {
      scenario: scenario([
        '  - {at: 0s, run: kubectl apply -f rc.yaml}',
        '  - {at: 10s, run: kubectl scale rc web --replicas=3}',
        '  - {at: 20s, run: kubectl apply -f rc.yaml}',
        "  - {at: 30s, run: \"kubectl patch rc web -p '{\\\"spec\\\":{\\\"replicas\\\":1}}'\"}",
        '  - {at: 40s, run: kubectl patch rc web --patch-file patch.yaml}',
        '  - {at: 50s, run: kubectl label rc web app=other}',
        '  - {at: 60s, run: kubectl label rc web tier=front}',
        '  - {at: 70s, run: kubectl delete pod nosuch}',
      ].join('\n') + '\n'),
    });
    const out = t.steps.map((x) => `${x.time / 1000} ${x.output}`);
    expect(out).toEqual([
      '0 replicationcontroller/web created',
      '10 replicationcontroller/web scaled',
      '20 replicationcontroller/web unchanged',
      '30 replicationcontroller/web patched',
      '40 replicationcontroller/web patched',
      "50 error: 'app' already has a value (web), and --overwrite is false",
      '60 replicationcontroller/web labeled',
      '70 Error from server (NotFound): pods "nosuch" not found',
    ]);
    const history = t.controllerRows.map((r) => `${r.time / 1000}:${r.desired}/${r.current}`);
    expect(history).toContain('10:3/3');
    expect(history).toContain('30:1/1');
    expect(t.controllers[0]).toMatchObject({ desired: 4, current: 4 });
  });
  it('a ReplicaSet selector is immutable; a pod spec cannot change except images', () => {
    const t = simulate([], {
      scenario: parseScenario(`steps:
  - {at: 0s, run: "kubectl apply -f rc.yaml"}
  - {at: 5s, run: "kubectl patch pod {{pod:web:0}} -p '{\\"spec\\":{\\"restartPolicy\\":\\"Never\\"}}'"}
  - {at: 10s, run: "kubectl patch pod {{pod:web:newest}} --type=json -p '[{\\"op\\":\\"replace\\",\\"path\\":\\"/spec/containers/0/image\\",\\"value\\":\\"nginx:1.28\\"}]'"}
`, 'scn.yaml', read),
      until: s(30),
    });
    expect(t.steps[1]!.output).toMatch(/^The Pod "web-\w{5}" is invalid: spec: Forbidden: pod updates may not change fields other than/);
    expect(t.steps[2]!.output).toMatch(/^pod\/web-\w{5} patched$/);
    expect(t.events.some((e) => e.reason === 'Killing' && e.message === 'Container c definition changed, will be restarted')).toBe(true);
    expect(t.events.some((e) => e.reason === 'Pulling' && e.message === 'Pulling image "nginx:1.28"' && e.time === 10000)).toBe(true);
  });
  it('foreground deletion removes the pods first, then the controller; background removes the controller at once', () => {
    const fg = simulate([], { scenario: scenario('  - {at: 0s, run: kubectl apply -f rc.yaml}\n  - {at: 10s, run: kubectl delete rc web --cascade=foreground}\n'), until: s(30) });
    expect(fg.controllers[0]!.deleted).toBe(true);
    expect(fg.pods.every((p) => p.deleted)).toBe(true);
    const orphan = simulate([], { scenario: scenario('  - {at: 0s, run: kubectl apply -f rc.yaml}\n  - {at: 10s, run: kubectl delete rc web --cascade=orphan}\n'), until: s(30) });
    expect(orphan.pods.map((p) => [p.deleted, p.owner])).toEqual([[false, null], [false, null]]);
  });
  it('says which steps fall after until', () => {
    const t = simulate([], { scenario: scenario('  - {at: 0s, run: kubectl apply -f rc.yaml}\n  - {at: 5m, run: kubectl delete rc web}\n'), until: s(60) });
    expect(t.assumptions[t.assumptions.length - 1]).toBe('Steps after 1m did not run: 5m "kubectl delete rc web" (raise --until or the scenario\'s until).');
    expect(t.controllers[0]!.deleted).toBe(false);
  });
});
