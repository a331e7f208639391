import { describe, expect, it } from 'vitest';
import { applyReplacements } from '../../src/kustomize/replacements.js';
import { locateBuilt } from '../../src/kustomize/origin.js';
import { KustomizeError, type Resource } from '../../src/kustomize/resource.js';
import { kubectlMissing, kustomize, plain, tracked, trackedValue } from './patch-oracle.js';
import type { K8sObject } from '../../src/types.js';

const all = `apiVersion: v1
kind: ConfigMap
metadata:
  name: src
  annotations: {a.b/c: dotted}
data:
  image: nginx:1.27
  port: "8080"
  list: a,b,c
  flag: "true"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: web
        image: old
        ports: [{containerPort: 80}]
      - name: web-sidecar
        image: old2:v1
      - name: other
        image: old3
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: other
  namespace: ns1
  labels: {a: b}
data: {image: x}
`;

/** Cases checked against kubectl kustomize: [name, replacements YAML]. */
const cases: Array<[string, string]> = [
  ['a scalar into list items matched by an unanchored regex', `- source: {kind: ConfigMap, name: src, fieldPath: data.image}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: ["spec.template.spec.containers.[name=web].image"]`],
  [
    'target types are kept; wildcards and indices',
    `- source: {kind: ConfigMap, name: src, fieldPath: data.port}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [spec.replicas, "spec.template.spec.containers.*.ports.0.containerPort", "spec.template.spec.containers.[name=other].name"]`,
  ],
  ['a number into a string field', `- source: {kind: Deployment, name: web, fieldPath: spec.replicas}\n  targets:\n  - select: {kind: ConfigMap, name: src}\n    fieldPaths: [data.image]`],
  ['a list replaces a map', `- source: {kind: Deployment, fieldPath: spec.template.spec.containers.0.ports}\n  targets:\n  - select: {name: src}\n    fieldPaths: [data]`],
  [
    'delimiters on the source and the target, create',
    `- source: {kind: ConfigMap, name: src, fieldPath: data.list, options: {delimiter: ",", index: 1}}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: ["spec.template.spec.containers.[name=other].image", metadata.labels.x, "spec.template.spec.containers.[name=new].image"]\n    options: {create: true}\n  - select: {kind: Deployment}\n    fieldPaths: ["spec.template.spec.containers.[name=web-sidecar].image"]\n    options: {delimiter: ":", index: 0}\n  - select: {kind: Deployment}\n    fieldPaths: ["spec.template.spec.containers.[name=other].image"]\n    options: {delimiter: ":", index: 5}`,
  ],
  ['created fields take the type YAML gives the text', `- source: {kind: ConfigMap, name: src, fieldPath: data.port}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [metadata.annotations.x, spec.newint]\n    options: {create: true}\n- source: {kind: ConfigMap, name: src, fieldPath: data.flag}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [spec.newbool, spec.template.spec.containers.0.name]\n    options: {create: true}`],
  ['keys with dots in brackets', `- source: {kind: ConfigMap, name: src, fieldPath: "metadata.annotations.[a.b/c]"}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: ["metadata.labels.[d.e/f]"]\n    options: {create: true}`],
  ['default field path and namespace selection', `- source: {kind: ConfigMap, namespace: ns1}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: ["spec.template.spec.containers.*.image"]`],
  ['select by label, reject by name', `- source: {kind: ConfigMap, name: src}\n  targets:\n  - select: {labelSelector: "a=b"}\n    fieldPaths: [data.image]\n  - select: {kind: ConfigMap}\n    reject: [{name: src}]\n    fieldPaths: [metadata.annotations.r]\n    options: {create: true}`],
  ['a map source replaces list items', `- source: {kind: ConfigMap, namespace: ns1, fieldPath: data}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: ["spec.template.spec.containers.[name=web]"]`],
  ['a missing target field: error', `- source: {kind: ConfigMap, name: src}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [metadata.annotations.x]`],
  ['a missing source field: error', `- source: {kind: ConfigMap, name: src, fieldPath: data.nope}\n  targets:\n  - select: {kind: Deployment}`],
  ['no source: error', `- source: {name: nope}\n  targets:\n  - select: {kind: Deployment}`],
  ['several sources: error', `- source: {kind: ConfigMap}\n  targets:\n  - select: {kind: Deployment}`],
  ['no targets: error', `- source: {kind: ConfigMap, name: src}`],
  ['a target without select: error', `- source: {kind: ConfigMap, name: src}\n  targets:\n  - fieldPaths: [metadata.annotations.x]`],
  ['a source index out of bounds: error', `- source: {kind: ConfigMap, name: src, fieldPath: data.image, options: {delimiter: ":", index: 3}}\n  targets:\n  - select: {kind: Deployment}`],
  ['a field under a list: error', `- source: {kind: ConfigMap, name: src, fieldPath: data.image}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [spec.template.spec.containers.image]`],
  ['a field under a scalar: error', `- source: {kind: ConfigMap, name: src, fieldPath: data.image}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [spec.replicas.x]`],
  ['an index past the end: error', `- source: {kind: ConfigMap, name: src, fieldPath: data.image}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [spec.template.spec.containers.5.image]`],
  ['a source field under a scalar: error', `- source: {kind: ConfigMap, name: src, fieldPath: data.image.x}\n  targets:\n  - select: {kind: Deployment}`],
  ['a delimiter on a map target: error', `- source: {kind: ConfigMap, name: src}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [spec.template]\n    options: {delimiter: ":"}`],
];

function key(o: K8sObject): string {
  const md = o.metadata as { name?: string; namespace?: string };
  return `${o.kind}/${md.namespace ?? ''}/${md.name}`;
}

function resources(): Resource[] {
  return tracked(all, 'all.yaml').map((object) => ({ object, previousIds: [] }));
}

function mine(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const rs = resources();
  try {
    applyReplacements(rs, trackedValue(text, 'kustomization.yaml') as unknown[]);
    return { ok: true, value: Object.fromEntries(rs.map((r) => [key(r.object), plain(r.object)])) };
  } catch (e) {
    if (e instanceof KustomizeError) return { ok: false, error: e.message };
    throw e;
  }
}

describe('applyReplacements against kubectl kustomize', () => {
  if (kubectlMissing) it.skip(kubectlMissing, () => {});
  for (const [name, text] of cases) {
    it.skipIf(!!kubectlMissing)(name, () => {
      const want = kustomize({ 'kustomization.yaml': `resources: [all.yaml]\nreplacements:\n${text}\n`, 'all.yaml': all });
      const got = mine(text);
      if (!want.ok) {
        expect(got.ok, `kustomize failed (${want.error}) but applyReplacements did not`).toBe(false);
        // The first line: kyaml prints node contents in their written style (flow or block), podlint in block style.
        if (!got.ok) expect(want.error.replace(/\\"/g, '"')).toContain(got.error.split('\n')[0]);
        return;
      }
      expect(got).toEqual({ ok: true, value: Object.fromEntries(want.objects.map((o) => [key(o), o])) });
    });
  }
});

describe('applyReplacements', () => {
  it('writes values with the origin of the source field', () => {
    const rs = resources();
    applyReplacements(rs, trackedValue(`- source: {kind: ConfigMap, name: src, fieldPath: data.image}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: ["spec.template.spec.containers.[name=other].image"]`, 'kustomization.yaml') as unknown[]);
    const d = rs[1]!.object;
    expect(locateBuilt(d, '/spec/template/spec/containers/2/image')!.origin).toMatchObject({ filePath: 'all.yaml', line: 7 });
    expect(locateBuilt(d, '/spec/template/spec/containers/0/image')!.origin).toMatchObject({ filePath: 'all.yaml', line: 23 });
  });

  it('locates errors at the replacement entry', () => {
    try {
      applyReplacements(resources(), trackedValue(`- source: {kind: ConfigMap, name: src, fieldPath: data.nope}\n  targets:\n  - select: {kind: Deployment}`, 'kustomization.yaml') as unknown[]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KustomizeError);
      expect((e as KustomizeError).message).toBe('fieldPath `data.nope` is missing for replacement source ConfigMap.[noVer].[noGrp]/src.[noNs]');
      expect((e as KustomizeError).origin).toMatchObject({ filePath: 'kustomization.yaml', line: 3 });
    }
  });

  it('selects sources and targets by the ids they had before (previous ids)', () => {
    const rs = resources();
    rs[0]!.previousIds = [{ group: '', version: 'v1', kind: 'ConfigMap', name: 'base-src' }];
    applyReplacements(rs, trackedValue(`- source: {kind: ConfigMap, name: base-src, fieldPath: data.image}\n  targets:\n  - select: {name: web}\n    fieldPaths: ["spec.template.spec.containers.0.image"]`, 'k.yaml') as unknown[]);
    expect((rs[1]!.object as any).spec.template.spec.containers[0].image).toBe('nginx:1.27');
  });
});
