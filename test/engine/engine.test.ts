import { describe, expect, it } from 'vitest';
import { runLint, type EngineOptions } from '../../src/engine/run.js';
import { defineRule } from '../../src/engine/rule.js';
import { parseManifestText } from '../../src/source/manifests.js';
import { validateObject, kindStatus } from '../../src/schema/validate.js';
import { parseKubernetesVersion } from '../../src/schema/versions.js';
import { BUILTIN_CHECKS } from '../../src/engine/builtin.js';
import { collectDirectives } from '../../src/engine/directives.js';

/** A test rule: flags every container image that is exactly "bad". */
const badImage = defineRule({
  meta: {
    id: 'bad-image',
    category: 'runtime',
    severity: 'warning',
    messages: { bad: 'container {{name}} uses the bad image' },
    docs: { summary: 'test rule', rationale: 'test rule rationale', remediation: 'test' },
  },
  podSpec(target, ctx) {
    (target.spec.containers ?? []).forEach((c, i) => {
      if (c.image === 'bad') ctx.report({ messageId: 'bad', path: `${target.specPath}/containers/${i}/image`, data: { name: c.name } });
    });
  },
});

const crashing = defineRule({
  meta: { id: 'crashing', category: 'runtime', severity: 'warning', messages: { x: 'x' }, docs: { summary: 'crashes', rationale: 'a rule that throws', remediation: 'none' } },
  object() {
    throw new Error('boom');
  },
});

const sameName = defineRule({
  meta: { id: 'same-name', category: 'runtime', severity: 'warning', messages: { dup: '{{kind}} {{name}} is defined twice' }, docs: { summary: 'dup', rationale: 'two objects with one name', remediation: 'rename' } },
  objects(all, ctx) {
    const seen = new Map<string, number>();
    for (const o of all) {
      const key = `${o.kind}/${o.name}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (seen.get(key) === 2) ctx.report({ object: o, messageId: 'dup', path: '/metadata/name', data: { kind: o.kind, name: o.name ?? '' } });
    }
  },
});

function lint(files: Record<string, string>, extra: Partial<EngineOptions> = {}) {
  return runLint(
    Object.entries(files).map(([name, text]) => parseManifestText(text, name)),
    {
      kubernetesVersion: parseKubernetesVersion('1.36')!,
      rules: [...BUILTIN_CHECKS, badImage, sameName, ...(extra.rules ?? [])],
      validate: validateObject,
      kindStatus,
      // The test's own same-name rule reports what duplicate-object would.
      settings: new Map([['duplicate-object', { severity: 'off' }]]),
      ...extra,
      ...(extra.rules ? { rules: [...BUILTIN_CHECKS, badImage, sameName, ...extra.rules] } : {}),
    },
  );
}

const pod = (name: string, image: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extra}spec:\n  containers:\n    - name: c\n      image: ${image}\n`;

describe('engine', () => {
  it('locates a rule finding at the offending value and names the object', () => {
    const r = lint({ 'a.yaml': pod('web', 'bad') });
    expect(r.files[0]!.findings).toEqual([
      expect.objectContaining({ ruleId: 'bad-image', severity: 'warning', line: 8, column: 14, path: '/spec/containers/0/image', message: 'container c uses the bad image', object: { apiVersion: 'v1', kind: 'Pod', name: 'web', documentIndex: 0 } }),
    ]);
  });

  it('applies pod-spec rules to every template kind, at the template path', () => {
    const rs = 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: bad}]\n';
    const cj = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: bad}]\n';
    const r = lint({ 'rs.yaml': rs, 'cj.yaml': cj });
    const byFile = Object.fromEntries(r.files.map((f) => [f.filePath, f.findings.map((x) => [x.ruleId, x.path, x.line])]));
    expect(byFile['rs.yaml']).toEqual([['bad-image', '/spec/template/spec/containers/0/image', 9]]);
    expect(byFile['cj.yaml']).toEqual([['bad-image', '/spec/jobTemplate/spec/template/spec/containers/0/image', 11]]);
  });

  it('severity settings: off silences a rule, error upgrades it', () => {
    expect(lint({ 'a.yaml': pod('web', 'bad') }, { settings: new Map([['bad-image', { severity: 'off' }]]) }).files[0]!.findings).toEqual([]);
    expect(lint({ 'a.yaml': pod('web', 'bad') }, { settings: new Map([['bad-image', { severity: 'error' }]]) }).files[0]!.findings[0]!.severity).toBe('error');
  });

  it('suppression by annotation, by comment on the line before, on the line, and in a region', () => {
    const annotated = pod('web', 'bad', '  annotations:\n    podlint.io/ignore: "bad-image, other"\n');
    expect(lint({ 'a.yaml': annotated }).files[0]!.findings).toEqual([]);
    const nextLine = pod('web', 'bad').replace('      image: bad', '      # podlint-disable-next-line bad-image -- known\n      image: bad');
    expect(lint({ 'a.yaml': nextLine }).files[0]!.findings).toEqual([]);
    const sameLine = pod('web', 'bad').replace('      image: bad', '      image: bad # podlint-disable-line');
    expect(lint({ 'a.yaml': sameLine }).files[0]!.findings).toEqual([]);
    const region = `# podlint-disable bad-image\n${pod('a', 'bad')}# podlint-enable bad-image\n---\n${pod('b', 'bad')}`;
    const f = lint({ 'a.yaml': region }).files[0]!.findings;
    expect(f.map((x) => x.object?.name)).toEqual(['b']);
    const otherRule = pod('web', 'bad').replace('      image: bad', '      # podlint-disable-next-line some-other-rule\n      image: bad');
    expect(lint({ 'a.yaml': otherRule }).files[0]!.findings).toHaveLength(1);
  });

  it('reports unused suppressions when asked', () => {
    const text = `# podlint-disable-next-line bad-image\n${pod('web', 'good', '  annotations:\n    podlint.io/ignore: bad-image\n')}`;
    const r = lint({ 'a.yaml': text }, { reportUnusedDisableDirectives: true });
    expect(r.files[0]!.findings.map((x) => [x.ruleId, x.line, x.message])).toEqual([
      ['unused-disable-directive', 1, 'unused podlint-disable directive (no bad-image finding to suppress here)'],
      ['unused-disable-directive', 7, 'unused podlint.io/ignore entry "bad-image" (no such finding on this object)'],
    ]);
  });

  it('never suppresses a fatal syntax error', () => {
    const r = lint({ 'a.yaml': '# podlint-disable\na: [1\n' });
    expect(r.files[0]!.findings).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', fatal: true, severity: 'error' })]);
  });

  it('a crashing rule becomes an internal-error finding; the other rules still run', () => {
    const r = lint({ 'a.yaml': pod('web', 'bad') }, { rules: [crashing] });
    expect(r.internalError).toBe(true);
    expect(r.files[0]!.findings.map((f) => f.ruleId).sort()).toEqual(['bad-image', 'internal-error']);
  });

  it('cross-object rules see every object of one directory, across files', () => {
    const r = lint({ 'a.yaml': pod('web', 'good'), 'b.yaml': pod('web', 'good') });
    expect(r.files.map((f) => [f.filePath, f.findings.map((x) => x.ruleId)])).toEqual([['a.yaml', []], ['b.yaml', ['same-name']]]);
  });

  it('documents without apiVersion or kind, unknown kinds, and unserved API versions', () => {
    const text = 'metadata: {name: x}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2}\n---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n';
    const r = lint({ 'a.yaml': text });
    expect(r.files[0]!.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['missing-kind', 'error', 1],
      ['unknown-kind', 'info', 4],
      ['unserved-api-version', 'error', 11],
    ]);
    expect(r.files[0]!.findings[2]!.message).toBe('no matches for kind "Deployment" in version "extensions/v1beta1": Kubernetes 1.36 serves Deployment at apps/v1');
    expect(r.skippedKinds).toEqual(['example.com/v1 Widget']);
  });

  it('a kind or apiVersion that is not a string: the API server decoder\'s type error, located at the value', () => {
    const doc = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\n`;
    const text = [doc('v1', '[a, list]'), doc('v1', '\n  a: b'), doc('v1', '3'), doc('[v1]', 'Pod'), doc('{a: b}', '[Pod]'), doc('v1', 'yes'), doc('v1', '~'), doc('v1', '"3"')].join('---\n');
    const r = lint({ 'a.yaml': text });
    const found = r.files[0]!.findings.filter((f) => f.ruleId === 'missing-kind').map((f) => [f.line, f.column, f.path, f.message]);
    const decode = (type: string, field: string) => `couldn't get version/kind; json parse error: json: cannot unmarshal ${type} into Go struct field .${field} of type string`;
    expect(found).toEqual([
      [2, 7, '/kind', decode('array', 'kind')],
      [7, 3, '/kind', decode('object', 'kind')],
      [11, 7, '/kind', decode('number', 'kind')],
      [14, 13, '/apiVersion', decode('array', 'apiVersion')],
      // Both wrong: the API server fails on apiVersion first (kubectl sends the JSON with its keys sorted).
      [18, 13, '/apiVersion', decode('object', 'apiVersion')],
      [23, 7, '/kind', decode('bool', 'kind')],
      // null is no value at all: missing (reported where the empty value is written).
      [27, 7, '/kind', 'missing "kind": every Kubernetes object needs apiVersion and kind'],
    ]);
  });

  it('sorts findings by line, then column, then rule', () => {
    const text = `${pod('a', 'bad')}---\n${pod('a', 'bad')}`;
    const lines = lint({ 'a.yaml': text }).files[0]!.findings.map((f) => [f.line, f.ruleId]);
    expect(lines).toEqual([[8, 'bad-image'], [13, 'same-name'], [17, 'bad-image']]);
  });
});

describe('directives', () => {
  it('parses kinds, rule lists and reasons', () => {
    const d = collectDirectives('a: 1 # podlint-disable-line r1,r2 -- because\n# podlint-disable\n# podlint-enable\n');
    expect(d.map((x) => [x.kind, x.rules, x.range.line, x.until])).toEqual([
      ['line', ['r1', 'r2'], 1, undefined],
      ['disable', undefined, 2, 3],
      ['enable', undefined, 3, undefined],
    ]);
  });
});

describe('cross-object rules and the fields they declare', () => {
  /** Reports every Pod whose image it can see: with a projection of only metadata it sees none. */
  const seesImages = (fields: (() => string[]) | undefined) =>
    defineRule({
      meta: { id: 'sees-images', category: 'runtime', severity: 'warning', messages: { seen: 'sees {{image}}' }, docs: { summary: 'test', rationale: 'test', remediation: 'test' } },
      fields,
      objects(all, ctx) {
        for (const o of all) {
          const image = (o.object.spec as { containers?: Array<{ image?: string }> } | undefined)?.containers?.[0]?.image;
          if (image) ctx.report({ object: o, messageId: 'seen', path: '/spec/containers/0/image', data: { image } });
        }
      },
    });
  const images = (r: ReturnType<typeof lint>) => r.files[0]!.findings.filter((f) => f.ruleId === 'sees-images').map((f) => `${f.message} at ${f.line}:${f.column}`);
  // Without the same-name rule of lint(): a rule that declares no fields makes the engine keep whole objects for all.
  const lintWith = (rule: ReturnType<typeof seesImages>) =>
    runLint([parseManifestText(pod('web', 'nginx'), 'a.yaml')], { kubernetesVersion: parseKubernetesVersion('1.36')!, rules: [...BUILTIN_CHECKS, rule], validate: validateObject, kindStatus });

  it('keeps only the declared fields of each object for objects()', () => {
    expect(images(lintWith(seesImages(() => ['/metadata'])))).toEqual([]);
    expect(images(lintWith(seesImages(() => ['/spec/containers'])))).toEqual(['sees nginx at 8:14']);
  });

  it('keeps whole objects for a rule that declares no fields, or whose fields() throws', () => {
    expect(images(lintWith(seesImages(undefined)))).toEqual(['sees nginx at 8:14']);
    const r = lintWith(
      seesImages(() => {
        throw new Error('no idea');
      }),
    );
    expect(r.internalError).toBe(false);
    expect(images(r)).toEqual(['sees nginx at 8:14']);
  });
});
