import { describe, expect, it } from 'vitest';
import { applyVars } from '../../src/kustomize/vars.js';
import { locateBuilt } from '../../src/kustomize/origin.js';
import { KustomizeError, type Resource } from '../../src/kustomize/resource.js';
import { kubectlMissing, kustomize, plain, tracked, trackedValue } from './patch-oracle.js';
import type { K8sObject } from '../../src/types.js';

const all = `apiVersion: v1
kind: Service
metadata:
  name: svc
  namespace: ns1
spec:
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: web
        image: x
        command: ["run", "$(SVC)", "$$(SVC)", "$(NOPE)", "a$(SVC)b", "$(REPLICAS)", "$(", "$x", "$(MAP)"]
        args: ["$(REPLICAS)"]
        env:
        - name: A
          value: "$(SVC):$(PORT)"
        - name: B
          value: "$(PORT)"
        volumeMounts:
        - {name: v, mountPath: "/data/$(SVC)"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  a: "$(SVC)"
`;

const good = `- name: SVC
  objref: {kind: Service, name: svc, apiVersion: v1}
- name: PORT
  objref: {kind: Service, name: svc, apiVersion: v1}
  fieldref: {fieldPath: "spec.ports[0].port"}
- name: REPLICAS
  objref: {kind: Deployment, name: web, apiVersion: apps/v1}
  fieldref: {fieldPath: spec.replicas}
- name: MAP
  objref: {kind: Deployment, name: web, group: apps, version: v1}
  fieldref: {fieldPath: spec.template}`;

/** Cases checked against kubectl kustomize: [name, vars YAML]. */
const cases: Array<[string, string]> = [
  ['references replaced in varReference fields, types kept for whole references', good],
  ['an objref namespace must match', `- name: SVC\n  objref: {kind: Service, name: svc, apiVersion: v1, namespace: ns1}`],
  ['an objref in another namespace: error', `- name: SVC\n  objref: {kind: Service, name: svc, apiVersion: v1, namespace: other}`],
  ['an objref without a version: error', `- name: SVC\n  objref: {kind: Service, name: svc}`],
  ['an unknown resource: error', `- name: SVC\n  objref: {kind: Service, name: nope, apiVersion: v1}`],
  ['a missing field: error', `- name: SVC\n  objref: {kind: Service, name: svc, apiVersion: v1}\n  fieldref: {fieldPath: spec.nope}`],
  ['a duplicate var: error', `- name: SVC\n  objref: {kind: Service, name: svc, apiVersion: v1}\n- name: SVC\n  objref: {kind: Service, name: svc, apiVersion: v1}`],
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
    applyVars(rs, trackedValue(text, 'kustomization.yaml') as unknown[]);
    return { ok: true, value: Object.fromEntries(rs.map((r) => [key(r.object), plain(r.object)])) };
  } catch (e) {
    if (e instanceof KustomizeError) return { ok: false, error: e.message };
    throw e;
  }
}

describe('applyVars against kubectl kustomize', () => {
  if (kubectlMissing) it.skip(kubectlMissing, () => {});
  for (const [name, text] of cases) {
    it.skipIf(!!kubectlMissing)(name, () => {
      const want = kustomize({ 'kustomization.yaml': `resources: [all.yaml]\nvars:\n${text}\n`, 'all.yaml': all });
      const got = mine(text);
      if (!want.ok) {
        expect(got.ok, `kustomize failed (${want.error}) but applyVars did not`).toBe(false);
        if (!got.ok) expect(want.error.replace(/\\"/g, '"')).toContain(got.error);
        return;
      }
      expect(got).toEqual({ ok: true, value: Object.fromEntries(want.objects.map((o) => [key(o), o])) });
    });
  }
});

describe('applyVars', () => {
  it('gives whole references the origin of the var source and keeps the others', () => {
    const rs = resources();
    applyVars(rs, trackedValue(good, 'kustomization.yaml') as unknown[]);
    const d = rs[1]!.object;
    expect((d as any).spec.template.spec.containers[0].env[1].value).toBe(80);
    expect(locateBuilt(d, '/spec/template/spec/containers/0/env/1/value')!.origin).toMatchObject({ filePath: 'all.yaml', line: 7 });
    expect(locateBuilt(d, '/spec/template/spec/containers/0/command/1')!.origin).toMatchObject({ filePath: 'all.yaml', line: 4 });
    expect(locateBuilt(d, '/spec/template/spec/containers/0/env/0/value')!.origin).toMatchObject({ filePath: 'all.yaml', line: 24 });
  });

  it('uses the given field specs', () => {
    const rs = resources();
    applyVars(rs, trackedValue(good, 'k.yaml') as unknown[], [{ path: 'data', kind: 'ConfigMap' }]);
    expect((rs[2]!.object as any).data.a).toBe('svc');
    expect((rs[1]!.object as any).spec.template.spec.containers[0].args[0]).toBe('$(REPLICAS)');
  });

  it('finds a var resource by the id it had before', () => {
    const rs = resources();
    (rs[0]!.object.metadata as any).name = 'pre-svc';
    rs[0]!.previousIds = [{ group: '', version: 'v1', kind: 'Service', name: 'svc', namespace: 'ns1' }];
    applyVars(rs, trackedValue(`- name: SVC\n  objref: {kind: Service, name: svc, apiVersion: v1}`, 'k.yaml') as unknown[]);
    expect((rs[1]!.object as any).spec.template.spec.containers[0].command[1]).toBe('pre-svc');
  });

  it('locates errors at the var', () => {
    try {
      applyVars(resources(), trackedValue(`- name: SVC\n  objref: {kind: Service, name: nope, apiVersion: v1}`, 'kustomization.yaml') as unknown[]);
      expect.unreachable();
    } catch (e) {
      expect((e as KustomizeError).message).toBe("var '{SVC Service.v1.[noGrp] {metadata.name}}' cannot be mapped to a field in the set of known resources");
      expect((e as KustomizeError).origin).toMatchObject({ filePath: 'kustomization.yaml', line: 3 });
    }
  });
});
