/**
 * The streaming engine (src/engine/run.ts, src/engine/files.ts) must give exactly what linting whole
 * files gives: batch by batch (documents of different batches seeing each other through the cross-object
 * rules, suppressions and once-per-run findings), with the cross-object rules seeing only the fields they
 * declare (projectObject).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLintRun, projectObject, runLint, type EngineOptions, type EngineResult, type RuleSetting } from '../../src/engine/run.js';
import { lintFileText } from '../../src/engine/files.js';
import { allRules } from '../../src/engine/registry.js';
import type { K8sObject, Rule } from '../../src/engine/rule.js';
import { parseManifestText, type ManifestFile, type ManifestSource } from '../../src/source/manifests.js';
import { documentStarts } from '../../src/source/yaml.js';
import { validateObject, kindStatus } from '../../src/schema/validate.js';
import { parseKubernetesVersion } from '../../src/schema/versions.js';
import type { Finding } from '../../src/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const VERSION = '1.36';
const version = parseKubernetesVersion(VERSION)!;

// ---------------------------------------------------------------------------------------------------
// The generated file: fillers, with special documents near the start (the first batch) and
// near the end (later batches).

interface Generated {
  text: string;
  /** Document index by marker (a name that occurs once in the text). */
  index: Map<string, number>;
}

const pod = (name: string, labels: string, image = 'nginx:1.27', extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: ${labels}\n${extra}spec:\n  containers:\n    - name: app\n      image: ${image}\n      ports: [{containerPort: 8080}]\n`;

const controller = (kind: 'ReplicaSet' | 'ReplicationController' | 'Deployment', name: string, selector: string | undefined, labels: string, opts: { replicas?: number; namespace?: string; annotations?: string; selectorComment?: string } = {}) => {
  const apiVersion = kind === 'ReplicationController' ? 'v1' : 'apps/v1';
  const sel = selector === undefined ? '' : kind === 'ReplicationController' ? `  selector: ${selector}\n` : `  selector:\n    matchLabels: ${selector}\n`;
  return (
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n` +
    (opts.namespace ? `  namespace: ${opts.namespace}\n` : '') +
    (opts.annotations ? `  annotations:\n${opts.annotations}` : '') +
    `spec:\n  replicas: ${opts.replicas ?? 2}\n` +
    (opts.selectorComment ?? '') +
    sel +
    `  template:\n    metadata:\n      labels: ${labels}\n    spec:\n      containers:\n        - name: app\n          image: registry.example/app:2.${name.length}\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n`
  );
};

function filler(i: number): string {
  const ns = i % 7 === 0 ? `  namespace: team-${i % 3}\n` : '';
  switch (i % 5) {
    case 0:
      return pod(`filler-pod-${i}`, `{app: filler-${i % 11}, n: "${i}"}`, `nginx:1.${i % 30}`, ns);
    case 1:
      return controller('ReplicaSet', `filler-rs-${i}`, `{app: filler-rs-${i}}`, `{app: filler-rs-${i}}`, { namespace: `team-${i % 4}` });
    case 2:
      return controller('ReplicationController', `filler-rc-${i}`, i % 2 ? undefined : `{app: filler-rc-${i}}`, `{app: filler-rc-${i}}`);
    case 3:
      return controller('Deployment', `filler-deploy-${i}`, `{app: filler-deploy-${i}}`, `{app: filler-deploy-${i}, tier: t${i % 3}}`);
    default:
      // A pod with env vars and a probe, to give the documents some weight.
      return (
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: filler-probe-${i}\n  labels: {app: probe-${i}}\nspec:\n  containers:\n    - name: web\n      image: web:3.${i}\n` +
        `      env:\n${Array.from({ length: 6 }, (_, k) => `        - {name: VAR_${k}, value: "value ${i} ${k}"}\n`).join('')}` +
        `      readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}\n      livenessProbe: {httpGet: {path: /ready, port: 8080}}\n`
      );
  }
}

/** Documents of the first batch (near the start). */
const FRONT: Array<[string, string]> = [
  // Selects the pods of back-a and of list-rs, both in the last batches.
  ['front-a', controller('ReplicaSet', 'front-a', '{app: cross-x}', '{app: cross-x, side: front}')],
  // Its pods are selected by back-b (last batches); its own selector selects nothing else.
  ['front-b', controller('Deployment', 'front-b', '{tier: cross-y, x: "1"}', '{tier: cross-y, x: "1"}')],
  // Two ReplicationControllers of the first batch that overlap (one with a defaulted selector).
  ['front-rc1', controller('ReplicationController', 'front-rc1', '{app: rc-front}', '{app: rc-front}')],
  ['front-rc2', controller('ReplicationController', 'front-rc2', undefined, '{app: rc-front}')],
  // A bare Pod adopted by back-adopter (last batches).
  ['front-bare', pod('front-bare', '{app: adopt-back}')],
  // Adopts back-bare (last batches), and wants no replica: it deletes it.
  ['front-adopter', controller('ReplicationController', 'front-adopter', '{app: adopt-front}', '{app: adopt-front}', { replicas: 0 })],
  ['widget-1', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: widget-1\nspec: {size: 3}\n'],
  // A Service selecting back-served (readiness-probe-missing with onlyWhenServiced).
  ['front-svc', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: front-svc\nspec:\n  selector: {app: served}\n  ports: [{port: 80, targetPort: 8080}]\n'],
  // podlint.io/ignore: latest-tag is used, invalid-image is not.
  ['front-ignored', pod('front-ignored', '{app: ignored-front}', 'nginx:latest', '  annotations:\n    podlint.io/ignore: latest-tag, invalid-image\n')],
  ['front-scalar', 'just a scalar, not an object (front)\n'],
];

/** Documents of later batches (near the end). */
const BACK: Array<[string, string]> = [
  // Its selector matches no one else's pods.
  ['back-a', controller('ReplicaSet', 'back-a', '{app: cross-x, side: back}', '{app: cross-x, side: back}')],
  // Selects the pods of front-b (first batch).
  ['back-b', controller('Deployment', 'back-b', '{tier: cross-y}', '{tier: cross-y, x: "2"}')],
  // Two Deployments of the last batches that overlap; back-d2 ignores overlapping-selectors by annotation (bare-pod unused).
  ['back-d1', controller('Deployment', 'back-d1', '{app: dd}', '{app: dd}')],
  ['back-d2', controller('Deployment', 'back-d2', '{app: dd}', '{app: dd, v: "2"}', { annotations: '    podlint.io/ignore: overlapping-selectors, bare-pod\n' })],
  // Two more that overlap, one finding suppressed by a comment on the line before its selector.
  ['back-e1', controller('ReplicaSet', 'back-e1', '{app: ee}', '{app: ee}', { selectorComment: '  # podlint-disable-next-line overlapping-selectors\n' })],
  ['back-e2', controller('ReplicaSet', 'back-e2', '{app: ee}', '{app: ee}')],
  ['back-adopter', controller('ReplicaSet', 'back-adopter', '{app: adopt-back}', '{app: adopt-back}', { replicas: 3 })],
  ['back-bare', pod('back-bare', '{app: adopt-front}')],
  // Matches front-adopter too, but has a controller already.
  ['back-owned', pod('back-owned', '{app: adopt-front}', 'nginx:1.27', '  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: other, uid: 0f6d5c2e-1b0a-4c55-9a55-2d4c1b1e7a10, controller: true}]\n')],
  ['back-served', controller('Deployment', 'back-served', '{app: served}', '{app: served}')],
  ['widget-2', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: widget-2\nspec: {size: 4}\n'],
  ['gadget-1', 'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: gadget-1\n'],
  ['gadget-2', 'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: gadget-2\n'],
  [
    'the-list',
    'apiVersion: v1\nkind: List\nmetadata:\n  name: the-list\nitems:\n' +
      '  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: list-pod\n      labels: {app: adopt-back}\n    spec:\n      containers: [{name: c, image: "nginx:latest"}]\n' +
      '  - apiVersion: apps/v1\n    kind: ReplicaSet\n    metadata: {name: list-rs}\n    spec:\n      selector:\n        matchLabels: {app: cross-x}\n      template:\n        metadata:\n          labels: {app: cross-x, side: list}\n        spec:\n          containers: [{name: c, image: "busybox:1.36"}]\n' +
      '  - {apiVersion: example.com/v1, kind: Gadget, metadata: {name: list-gadget}}\n',
  ],
  ['broken-doc', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken-doc}\ndata: [\n'],
  ['dup-doc', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup-doc\n  name: dup-doc-again\ndata: {a: b}\n'],
  // latest-tag suppressed by the comment; the second comment suppresses nothing.
  ['back-commented', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: back-commented\n  labels: {app: commented}\nspec:\n  containers:\n    - name: app\n      # podlint-disable-next-line latest-tag\n      image: nginx:latest\n      # podlint-disable-next-line bare-pod\n      ports: [{containerPort: 8080}]\n'],
  ['back-ignored', pod('back-ignored', '{app: ignored-back}', 'nginx:latest', '  annotations:\n    podlint.io/ignore: "*"\n')],
  ['back-scalar', 'just a scalar, not an object (back)\n'],
];

function generate(fillers: number, bom: boolean): Generated {
  const docs: Array<[string | undefined, string]> = [];
  // The first document is on line 1, in flow style: findings there have columns after the BOM.
  docs.push(['bom-pod', '{apiVersion: v1, kind: Pod, metadata: {name: bom-pod}, spec: {containers: [{name: c, image: "nginx:latest"}]}}\n']);
  let i = 0;
  const fill = (n: number) => {
    for (let k = 0; k < n; k++, i++) docs.push([undefined, filler(i)]);
  };
  fill(4);
  for (const d of FRONT) {
    docs.push(d);
    fill(2);
  }
  fill(fillers);
  for (const d of BACK) {
    docs.push(d);
    fill(2);
  }
  fill(4);
  const index = new Map<string, number>();
  docs.forEach(([marker], n) => marker && index.set(marker, n));
  return { text: (bom ? '\uFEFF' : '') + docs.map(([, d]) => d).join('---\n'), index };
}

const big = generate(560, true);

/** Line (1-based) of the first line at or after `from` that contains `needle`. */
function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}

// ---------------------------------------------------------------------------------------------------

const READINESS_SERVICED: [string, RuleSetting] = ['readiness-probe-missing', { severity: 'warning', options: { onlyWhenServiced: true } }];

function engineOptions(settings: Array<[string, RuleSetting]>, rules: readonly Rule<string, any>[] = allRules()): EngineOptions {
  return { kubernetesVersion: version, rules, settings: new Map(settings), validate: validateObject, kindStatus, reportUnusedDisableDirectives: true };
}

type Files = Array<[filePath: string, text: string]>;

const wholeFiles = (files: Files, settings: Array<[string, RuleSetting]>): EngineResult =>
  runLint(
    files.map(([f, t]) => parseManifestText(t, f)),
    engineOptions(settings),
  );

function streamed(files: Files, settings: Array<[string, RuleSetting]>): EngineResult {
  const run = createLintRun(engineOptions(settings));
  for (const [f, t] of files) lintFileText(run, f, t);
  return run.finish();
}

const byRule = (r: EngineResult, filePath: string, ruleId: string): Finding[] => r.files.find((f) => f.filePath === filePath)!.findings.filter((f) => f.ruleId === ruleId);
const named = (fs: Finding[], name: string) => fs.filter((f) => f.object?.name === name);

/** A small second file: its Pod is adopted by back-adopter of the big file; a Widget again (not reported). */
const SMALL = pod('small-pod', '{app: adopt-back}') + '---\n' + 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: widget-small}\n';
const FILES: Files = [
  ['big.yaml', big.text],
  ['small.yaml', SMALL],
];
/** The same with CRLF line ends. */
const FILES_CRLF: Files = FILES.map(([f, t]) => [f, t.replace(/\n/g, '\r\n')]);

describe('the generated file', () => {
  it('has its special documents in different batches (of BATCH_DOCUMENTS = 64)', () => {
    const yaml = big.text.slice(1);
    expect(big.text.charCodeAt(0)).toBe(0xfeff);
    expect(big.index.size).toBe(FRONT.length + BACK.length + 1);
    expect(big.text.length).toBeGreaterThan(200_000);
    expect(big.text.length).toBeLessThan(1_000_000);
    const docs = big.text.split('---\n').length;
    expect(docs).toBeGreaterThan(400);
    expect(docs).toBeLessThan(800);
    expect(documentStarts(yaml)).toHaveLength(docs);
    for (const [m] of FRONT) expect(big.index.get(m)!, m).toBeLessThan(64);
    for (const [m] of BACK) expect(big.index.get(m)!, m).toBeGreaterThanOrEqual(128);
  });
});

describe('whole files = batch by batch', () => {
  const variants: Array<[string, Files, Array<[string, RuleSetting]>]> = [
    ['default settings', FILES, []],
    ['readiness-probe-missing onlyWhenServiced', FILES, [READINESS_SERVICED]],
    ['CRLF', FILES_CRLF, [READINESS_SERVICED]],
  ];

  it.each(variants)('batch by batch = whole files (%s)', (_, files, settings) => {
    const whole = wholeFiles(files, settings);
    expect(whole.internalError).toBe(false);
    expect(streamed(files, settings)).toEqual(whole);
  });

  {
    // Batch edges: suppressions, markers and once-per-run findings across batches.
    const pods = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('---\n');
    const edges: Array<[string, string]> = [
      ['a comment header as long as the rest (the split is the first ---)', `# ${'x'.repeat(3000)}\n---\n${pod('a', '{app: a}')}---\n${pod('b', '{app: a}')}`],
      ['empty and comment-only documents around the middle', `${pod('a', '{app: a}')}${'---\n# nothing\n'.repeat(40)}${'---\n'.repeat(40)}---\n${pod('b', '{app: a}')}`],
      ['an unknown kind only in the last batches', pods(120, (i) => (i > 80 ? `apiVersion: x.example/v1\nkind: Foo\nmetadata: {name: foo-${i}}\n` : pod(`p-${i}`, `{app: p${i % 5}}`)))],
      ['a disable region over the split', `${pod('first', '{app: f}', 'nginx:latest')}---\n# podlint-disable latest-tag\n${pods(100, (i) => pod(`p-${i}`, '{app: p}', 'nginx:latest'))}# podlint-enable latest-tag\n---\n${pod('last', '{app: l}', 'nginx:latest')}`],
      ['document end markers and a directive', pods(120, (i) => pod(`p-${i}`, `{app: p${i % 3}}`) + (i % 7 === 0 ? '...\n' : '') + (i % 29 === 0 ? '...\n%YAML 1.2\n' : ''))],
      ['documents opened on their --- line', pods(120, (i) => (i % 2 ? `--- {apiVersion: v1, kind: Pod, metadata: {name: q-${i}, labels: {app: q}}, spec: {containers: [{name: c, image: "nginx"}]}}\n` : pod(`p-${i}`, '{app: q}'))).replace(/---\n---/g, '---')],
    ];
    it.each(edges)('= whole files: %s', (_, text) => {
      const whole = wholeFiles([['edge.yaml', text]], []);
      expect(whole.files[0]!.findings.length).toBeGreaterThan(0);
      expect(streamed([['edge.yaml', text]], [])).toEqual(whole);
    });
  }

  describe('what the findings are (so that "equal" is not equal emptiness)', () => {
    const r = wholeFiles(FILES, []);
    const t = big.text;

    it('an overlap across batches is found both ways, at the selector of its owner', () => {
      const overlaps = byRule(r, 'big.yaml', 'overlapping-selectors');
      const frontA = named(overlaps, 'front-a');
      expect(frontA).toHaveLength(1);
      expect(frontA[0]!.message).toContain('ReplicaSet "back-a"');
      expect(frontA[0]!.message).toContain('ReplicaSet "list-rs"');
      const frontAAt = t.indexOf('name: front-a');
      expect(frontA[0]!).toMatchObject({ line: lineOf(t, 'matchLabels: {app: cross-x}', frontAAt) - 1, path: '/spec/selector', object: { kind: 'ReplicaSet', name: 'front-a', documentIndex: big.index.get('front-a') } });
      const backB = named(overlaps, 'back-b');
      expect(backB).toHaveLength(1);
      expect(backB[0]!.message).toContain('Deployment "front-b"');
      expect(backB[0]!).toMatchObject({ line: lineOf(t, 'matchLabels: {tier: cross-y}', t.indexOf('name: back-b')) - 1, object: { documentIndex: big.index.get('back-b') } });
      // Within the first and the last batches; back-d2's by its annotation, back-e1's by a comment.
      expect(named(overlaps, 'front-rc1')).toHaveLength(1);
      expect(named(overlaps, 'front-rc2')).toHaveLength(1);
      expect(named(overlaps, 'front-rc2')[0]!.path).toBe('/spec/template/metadata/labels');
      expect(named(overlaps, 'back-d1')).toHaveLength(1);
      expect(named(overlaps, 'back-d2')).toHaveLength(0);
      expect(named(overlaps, 'back-e1')).toHaveLength(0);
      expect(named(overlaps, 'back-e2')).toHaveLength(1);
      // The List item, in the last batches: its listIndex and the List's document index.
      expect(named(overlaps, 'list-rs')).toEqual([expect.objectContaining({ line: lineOf(t, 'matchLabels: {app: cross-x}', t.indexOf('name: list-rs')) - 1, object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'list-rs', documentIndex: big.index.get('the-list'), listIndex: 1 } })]);
    });

    it('readiness-probe-missing with onlyWhenServiced: the Service of the first batch selects back-served', () => {
      const serviced = byRule(wholeFiles(FILES, [READINESS_SERVICED]), 'big.yaml', 'readiness-probe-missing');
      expect(serviced.map((f) => [f.messageId, f.object?.name])).toEqual([['missingServiced', 'back-served']]);
      expect(serviced[0]!.message).toContain('Service "front-svc"');
      expect(serviced[0]!.line).toBe(lineOf(t, '- name: app', t.indexOf('name: back-served')));
      expect(byRule(r, 'big.yaml', 'readiness-probe-missing').length).toBeGreaterThan(100);
    });

    it('bare Pods adopted by a controller of another batch (and of the other file)', () => {
      const adopted = byRule(r, 'big.yaml', 'pod-adopted-by-controller');
      expect(named(adopted, 'front-bare')).toEqual([expect.objectContaining({ messageId: 'counted', line: lineOf(t, 'labels: {app: adopt-back}'), object: expect.objectContaining({ documentIndex: big.index.get('front-bare') }) })]);
      expect(named(adopted, 'front-bare')[0]!.message).toContain('ReplicaSet "back-adopter"');
      expect(named(adopted, 'back-bare')).toEqual([expect.objectContaining({ messageId: 'deleted', line: lineOf(t, 'labels: {app: adopt-front}', t.indexOf('name: back-bare')) })]);
      expect(named(adopted, 'back-owned')).toEqual([]);
      expect(named(adopted, 'list-pod')).toEqual([expect.objectContaining({ object: expect.objectContaining({ documentIndex: big.index.get('the-list'), listIndex: 0 }) })]);
      expect(named(byRule(r, 'small.yaml', 'pod-adopted-by-controller'), 'small-pod')).toHaveLength(1);
    });

    it('an unknown kind is reported once per run, where it first occurs', () => {
      const unknown = r.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'unknown-kind').map((x) => [f.filePath, x.object?.name, x.line]));
      expect(unknown).toEqual([
        ['big.yaml', 'widget-1', lineOf(t, 'kind: Widget')],
        ['big.yaml', 'gadget-1', lineOf(t, 'kind: Gadget')],
      ]);
      expect(r.skippedKinds).toEqual(['example.com/v1 Gadget', 'example.com/v1 Widget']);
    });

    it('problems of the text: a syntax error, a duplicate key, documents that are no object', () => {
      const found = r.files.find((f) => f.filePath === 'big.yaml')!.findings;
      const syntax = found.filter((f) => f.ruleId === 'yaml-syntax');
      expect(syntax).toHaveLength(1);
      expect(syntax[0]!.fatal).toBe(true);
      expect(syntax[0]!.line).toBeGreaterThanOrEqual(lineOf(t, 'name: broken-doc'));
      expect(syntax[0]!.line).toBeLessThan(lineOf(t, 'name: dup-doc'));
      expect(found.filter((f) => f.ruleId === 'duplicate-key').map((f) => f.line)).toEqual([lineOf(t, '  name: dup-doc-again')]);
      expect(found.filter((f) => f.ruleId === 'missing-kind' && f.messageId === 'notObject').map((f) => f.line)).toEqual([lineOf(t, 'just a scalar'), lineOf(t, 'just a scalar, not an object (back)')]);
    });

    it('suppressions: annotations and comments, used and unused, in both', () => {
      const found = r.files.find((f) => f.filePath === 'big.yaml')!.findings;
      expect(named(found, 'front-ignored').map((f) => f.ruleId)).not.toContain('latest-tag');
      expect(named(found, 'back-ignored').filter((f) => f.ruleId !== 'unused-disable-directive')).toEqual([]);
      expect(named(found, 'back-commented').map((f) => f.ruleId)).not.toContain('latest-tag');
      const unused = found.filter((f) => f.ruleId === 'unused-disable-directive').map((f) => [f.messageId, f.line, f.message]);
      expect(unused).toEqual([
        ['unusedAnnotation', lineOf(t, 'podlint.io/ignore: latest-tag, invalid-image'), expect.stringContaining('invalid-image')],
        ['unusedAnnotation', lineOf(t, 'podlint.io/ignore: overlapping-selectors, bare-pod'), expect.stringContaining('bare-pod')],
        ['unusedComment', lineOf(t, '# podlint-disable-next-line bare-pod'), expect.stringContaining('bare-pod')],
      ]);
      // Other findings of the same objects are not suppressed.
      expect(named(found, 'back-commented').length).toBeGreaterThan(0);
    });

    it('the BOM: columns of line 1 count it; document indexes are the real ones', () => {
      const found = r.files.find((f) => f.filePath === 'big.yaml')!.findings;
      const latest = found.filter((f) => f.ruleId === 'latest-tag' && f.line === 1);
      expect(latest).toHaveLength(1);
      expect(latest[0]!.column).toBe(t.split('\n')[0]!.indexOf('"nginx:latest"') + 1);
      for (const [m, i] of big.index) {
        const of = named(found, m);
        if (of.length) expect(of.every((f) => f.object!.documentIndex === i), m).toBe(true);
      }
      const withObject = found.filter((f) => f.object);
      expect(Math.max(...withObject.map((f) => f.object!.documentIndex))).toBeGreaterThan(big.text.split('---\n').length - 10);
      expect(r.files.find((f) => f.filePath === 'big.yaml')!.objectCount).toBeGreaterThan(400);
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// Projection: the cross-object rules see only the fields they declare with fields(); with whole
// objects they must find exactly the same.

const corpus = path.resolve(root, '../shared/corpus');
const haveCorpus = fs.existsSync(corpus);
if (!haveCorpus) console.warn(`test/engine/streaming.test.ts: ${corpus} is absent, the projection check uses examples/ and test fixtures only`);

function manifestPaths(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) manifestPaths(p, out);
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('projection of the objects the cross-object rules keep', () => {
  const paths = [...manifestPaths(path.join(root, 'examples')), ...manifestPaths(path.join(root, 'test/fix/fixtures')), ...(haveCorpus ? manifestPaths(corpus) : [])];
  let files: ManifestFile[] | undefined;
  const parsed = () => (files ??= paths.map((p) => parseManifestText(fs.readFileSync(p, 'utf8'), path.relative(root, p))));
  const registry = allRules();
  const crossRules = registry.filter((r) => r.objects);
  const unprojected = registry.map((r) => (r.fields ? { ...r, fields: undefined } : r));

  it('the cross-object rules are the ones that declare fields', () => {
    expect(crossRules.map((r) => r.meta.id).sort()).toEqual(['overlapping-selectors', 'pod-adopted-by-controller', 'readiness-probe-missing']);
    expect(crossRules.every((r) => typeof r.fields === 'function')).toBe(true);
    expect(unprojected.filter((r) => r.objects).every((r) => r.fields === undefined)).toBe(true);
  });

  it.each([
    ['default settings', [] as Array<[string, RuleSetting]>],
    ['readiness-probe-missing onlyWhenServiced', [READINESS_SERVICED]],
  ])('projected objects give what whole objects give, over every example and fixture (%s)', (name, settings) => {
    expect(paths.length).toBeGreaterThan(haveCorpus ? 1000 : 20);
    const projected = runLint(parsed(), engineOptions(settings, registry));
    const whole = runLint(parsed(), engineOptions(settings, unprojected));
    expect(projected.internalError).toBe(false);
    const count = (r: EngineResult, ruleId: string, messageId?: string) => r.files.reduce((n, f) => n + f.findings.filter((x) => x.ruleId === ruleId && (!messageId || x.messageId === messageId)).length, 0);
    // The comparison is worth something only if the cross-object rules found things.
    expect(count(whole, 'overlapping-selectors')).toBeGreaterThan(0);
    if (haveCorpus) {
      expect(count(whole, 'pod-adopted-by-controller')).toBeGreaterThan(0);
      if (name !== 'default settings') expect(count(whole, 'readiness-probe-missing', 'missingServiced')).toBeGreaterThan(0);
    }
    expect(projected).toEqual(whole);
  });

  it('the generated file too (replicas, ownerReferences, Lists)', () => {
    for (const settings of [[], [READINESS_SERVICED]] as Array<Array<[string, RuleSetting]>>) {
      const whole = runLint(
        FILES.map(([f, t]) => parseManifestText(t, f)),
        engineOptions(settings, unprojected),
      );
      expect(wholeFiles(FILES, settings)).toEqual(whole);
    }
  });

  it('findings located from the anchors recorded while reading equal those located by reading the documents again', () => {
    const unanchored = registry.map((r) => (r.anchors ? { ...r, anchors: undefined } : r));
    expect(registry.filter((r) => r.anchors).map((r) => r.meta.id).sort()).toEqual(['overlapping-selectors', 'pod-adopted-by-controller']);
    const batched = (rules: readonly Rule<string, any>[]) => {
      const run = createLintRun(engineOptions([READINESS_SERVICED], rules));
      for (const f of parsed()) lintFileText(run, f.filePath, f.text);
      for (const [f, t] of FILES) lintFileText(run, f, t);
      return run.finish();
    };
    const anchored = batched(registry);
    const related = anchored.files.reduce((n, f) => n + f.findings.filter((x) => x.related?.length).length, 0);
    expect(related).toBeGreaterThan(0);
    expect(anchored).toEqual(batched(unanchored));
  });

  it('every file linted batch by batch (lintFileText) gives what it gives whole', () => {
    const run = createLintRun(engineOptions([READINESS_SERVICED]));
    for (const f of parsed()) lintFileText(run, f.filePath, f.text);
    expect(run.finish()).toEqual(runLint(parsed(), engineOptions([READINESS_SERVICED])));
  });
});

// ---------------------------------------------------------------------------------------------------

describe('projectObject', () => {
  const object = (): K8sObject => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'podlint.io/ignore': 'latest-tag', note: 'x' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      paused: null,
    },
  });

  const spec = (o: K8sObject) => o.spec as Record<string, unknown>;

  it('keeps apiVersion, kind and only the listed fields', () => {
    expect(projectObject(object(), ['/metadata/labels', '/spec/replicas', '/spec/template/metadata/labels'])).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { labels: { app: 'web' } },
      spec: { replicas: 3, template: { metadata: { labels: { app: 'web', tier: 'front' } } } },
    });
    expect(projectObject(object(), [])).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet' });
    expect(projectObject({ metadata: { name: 'x' } }, ['/metadata/name'])).toEqual({ metadata: { name: 'x' } });
  });

  it('shares the values it keeps (no copies)', () => {
    const o = object();
    const p = projectObject(o, ['/spec/selector', '/metadata/labels', '/spec/template']);
    expect(spec(p).selector).toBe(spec(o).selector);
    expect(p.metadata!.labels).toBe(o.metadata!.labels);
    expect(spec(p).template).toBe(spec(o).template);
    // The containers of the objects it reduces are new.
    expect(p.spec).not.toBe(o.spec);
    expect(p.metadata).not.toBe(o.metadata);
  });

  it('a pointer inside a field already kept leaves the original object alone', () => {
    for (const pointers of [
      ['/spec/template', '/spec/template/metadata/labels', '/spec/template/spec/nope'],
      ['/spec/template/metadata/labels', '/spec/template'],
      ['/metadata', '/metadata/labels', '/metadata/annotations/podlint.io~1ignore'],
      ['/spec/selector/matchLabels/app', '/spec/selector', '/spec/selector/matchLabels'],
    ]) {
      const o = object();
      const before = structuredClone(o);
      const p = projectObject(o, pointers);
      expect(o, pointers.join(' ')).toEqual(before);
      const outer = pointers.reduce((a, b) => (a.length <= b.length ? a : b));
      const keys = outer.split('/').slice(1);
      const at = (x: unknown) => keys.reduce<any>((v, k) => v?.[k], x);
      expect(at(p), pointers.join(' ')).toBe(at(o));
      expect(Object.keys(at(p)!)).toEqual(Object.keys(at(before)!));
    }
  });

  it('a field that is absent is skipped (no empty parents), null is kept', () => {
    const o = object();
    const p = projectObject(o, ['/metadata/namespace', '/status/replicas', '/spec/template/metadata/annotations', '/metadata/name/x', '/spec/paused']);
    expect(p).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { paused: null } });
    expect('metadata' in p).toBe(false);
    expect('status' in p).toBe(false);
    expect('template' in spec(p)).toBe(false);
  });

  it('reads escaped pointer tokens', () => {
    expect(projectObject(object(), ['/metadata/annotations/podlint.io~1ignore']).metadata).toEqual({ annotations: { 'podlint.io/ignore': 'latest-tag' } });
  });

  it("'' is the whole object", () => {
    const o = object();
    expect(projectObject(o, [''])).toBe(o);
    expect(projectObject(o, ['/metadata/labels', ''])).toBe(o);
  });
});
