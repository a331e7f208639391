/**
 * Built objects in the engine (createLintRun().built): findings located through the unit's origins and
 * routed to the file each field came from, with that file's suppression comments; a finding two builds
 * share reported once; fixes aimed at the node a value came from; cross-object rules per unit.
 */
import { describe, expect, it } from 'vitest';
import { createLintRun, type BuiltUnit, type EngineOptions } from '../../src/engine/run.js';
import { defineRule, type K8sObject } from '../../src/engine/rule.js';
import { BUILTIN_CHECKS } from '../../src/engine/builtin.js';
import { validateObject, kindStatus } from '../../src/schema/validate.js';
import { parseKubernetesVersion } from '../../src/schema/versions.js';
import type { SourceRange } from '../../src/types.js';

const badImage = defineRule({
  meta: { id: 'bad-image', category: 'runtime', severity: 'error', fixable: true, messages: { bad: 'image "{{image}}" is bad' }, docs: { summary: 'bad image', rationale: 'bad images do not run', remediation: 'use a good one' } },
  podSpec(target, ctx) {
    target.spec.containers?.forEach((c, i) => {
      if (c.image === 'bad') ctx.report({ messageId: 'bad', path: `${target.specPath}/containers/${i}/image`, data: { image: c.image }, fix: { path: `${target.specPath}/containers/${i}/image`, op: 'set', value: 'good' } });
    });
  },
});
const pairs = defineRule({
  meta: { id: 'pairs', category: 'runtime', severity: 'warning', messages: { pair: '{{name}} meets {{others}}' }, docs: { summary: 'pairs', rationale: 'objects compared', remediation: 'none' } },
  objects(all, ctx) {
    for (const o of all) ctx.report({ object: o, messageId: 'pair', path: '/metadata/name', data: { name: o.name ?? '', others: all.filter((x) => x !== o).map((x) => x.name).join(',') } });
  },
});

const options = (settings: Array<[string, { severity: 'off' | 'error' | 'warning' | 'info' }]> = []): EngineOptions => ({
  kubernetesVersion: parseKubernetesVersion('1.36')!,
  rules: [...BUILTIN_CHECKS, badImage, pairs],
  settings: new Map(settings),
  validate: validateObject,
  kindStatus,
  readText: (filePath) => TEXTS[filePath],
});

/** The files the fake builds' fields come from. */
const TEXTS: Record<string, string> = {
  '/r/base/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      image: bad\n',
  '/r/dev/kustomization.yaml': 'namePrefix: dev-\nresources: [../base]\n',
  '/r/prod/kustomization.yaml': '# podlint-disable bad-image\nnamePrefix: prod-\nresources: [../base]\n',
};
const at = (line: number, column: number, endColumn: number): SourceRange => ({ line, column, endLine: line, endColumn });

/** A build of the base's Pod with a prefix: the name comes from the kustomization, everything else from the base. */
function unit(root: string, prefix: string, image = 'bad', imageFrom = '/r/base/pod.yaml'): BuiltUnit {
  const object: K8sObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${prefix}web` }, spec: { containers: [{ name: 'c', image }] } };
  const where: Record<string, { filePath: string } & SourceRange> = {
    '': { filePath: '/r/base/pod.yaml', ...at(1, 1, 1) },
    '/metadata/name': { filePath: `${root}/kustomization.yaml`, ...at(1, 13, 17) },
    '/spec/containers/0/image': { filePath: imageFrom, ...(imageFrom === '/r/base/pod.yaml' ? at(8, 14, 17) : at(2, 1, 5)) },
    '/spec/containers/0': { filePath: '/r/base/pod.yaml', ...at(7, 7, 14) },
  };
  return {
    root,
    kustomizationFile: `${root}/kustomization.yaml`,
    objects: [object],
    locate: (_o, pointer) => {
      for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
        if (where[p]) return { ...where[p]!, exact: p === pointer };
        if (p === '') return undefined;
      }
    },
  };
}

describe('built objects', () => {
  it('route each finding to the file its field came from, once for two builds, with that file\'s comments', () => {
    const run = createLintRun(options());
    run.built(unit('/r/dev', 'dev-'));
    run.built(unit('/r/prod', 'prod-'));
    const r = run.finish();
    const base = r.files.find((f) => f.filePath === '/r/base/pod.yaml')!;
    // Both builds keep the base's bad image: one finding, in the base, about the first build's object.
    expect(base.findings.filter((f) => f.ruleId === 'bad-image').map((f) => [f.line, f.column, f.object?.name])).toEqual([[8, 14, 'dev-web']]);
    expect(base.source).toBe(TEXTS['/r/base/pod.yaml']);
    // pairs sees each build alone (one object each), and reports at the name, which a kustomization wrote.
    const dev = r.files.find((f) => f.filePath === '/r/dev/kustomization.yaml')!;
    expect(dev.findings.map((f) => [f.ruleId, f.line, f.message])).toEqual([['pairs', 1, 'dev-web meets ']]);
  });

  it("apply the comments of the file a finding is located in (prod's kustomization disables bad-image there)", () => {
    const run = createLintRun(options());
    run.built(unit('/r/prod', 'prod-', 'bad', '/r/prod/kustomization.yaml'));
    const r = run.finish();
    expect(r.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'bad-image')).toEqual([]);
  });

  it('aim a fix at the node its value came from', () => {
    const run = createLintRun(options());
    run.built(unit('/r/dev', 'dev-'));
    const [f] = run.finish().files.find((x) => x.filePath === '/r/base/pod.yaml')!.findings.filter((x) => x.ruleId === 'bad-image');
    expect(f!.fix).toEqual({ path: '/spec/containers/0/image', op: 'set', value: 'good' });
    expect(f!.fixAt).toEqual({ filePath: '/r/base/pod.yaml', line: 8, column: 14, endLine: 8, endColumn: 17, path: '' });
  });

  it('compare the objects of the whole run with crossObjectScope run', () => {
    const run = createLintRun({ ...options(), crossObjectScope: 'run' });
    run.built(unit('/r/dev', 'dev-'));
    run.built(unit('/r/prod', 'prod-'));
    const r = run.finish();
    expect(r.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'pairs').map((f) => f.message).sort()).toEqual(['dev-web meets prod-web', 'prod-web meets dev-web']);
  });

  it('report two copies of one object in one build', () => {
    const run = createLintRun(options([['pairs', { severity: 'off' }]]));
    const u = unit('/r/dev', 'dev-');
    run.built({ ...u, objects: [u.objects[0]!, structuredClone(u.objects[0]!)] });
    const r = run.finish();
    expect(r.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'duplicate-object').map((f) => f.message)).toEqual([
      'Pod "dev-web" is defined twice (first at line 1): kubectl apply would apply the second over the first',
    ]);
  });
});
