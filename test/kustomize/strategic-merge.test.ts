import { describe, expect, it } from 'vitest';
import { isDeletedByPatch, strategicMerge } from '../../src/kustomize/strategic-merge.js';
import { locateBuilt } from '../../src/kustomize/origin.js';
import { KustomizeError } from '../../src/kustomize/resource.js';
import { kubectlMissing, kustomize, plain, tracked } from './patch-oracle.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
  finalizers: [f1, f2]
  annotations: {a: "1", b: "2"}
spec:
  replicas: 1
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1}
  template:
    spec:
      securityContext: {runAsUser: 1, fsGroup: 2}
      containers:
      - name: a
        image: a:1
        args: [x, w]
        resources: {limits: {cpu: 1}}
        ports:
        - containerPort: 80
        - containerPort: 81
          protocol: UDP
        - containerPort: 83
          protocol: TCP
        env:
        - name: E1
          value: "1"
        - name: E2
          value: "2"
        - name: E3
          value: "3"
      - name: b
        image: b:1
      volumes:
      - name: v1
        emptyDir: {}
      tolerations:
      - key: k1
`;

const customResource = `apiVersion: example.com/v1
kind: Foo
metadata:
  name: foo
  finalizers: [f1]
spec:
  items:
  - name: i1
    v: 1
  - name: i2
    v: 2
  strs: [a, b]
  nested: {a: 1, b: {c: 2}}
`;

const duplicates = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  creationTimestamp: null
  deletionTimestamp: ~
  annotations:
    empty:
    keep: k
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - name: a
        env:
        - {name: X, value: "1", a: 1}
        - {name: "Y", value: "2"}
        - {name: X, value: "3", b: 3}
        - {name: Z, value: "4"}
        args: [x, null]
      - name: b
        env:
        - {name: X, value: "1"}
        - {name: X, value: "3"}
        - {}
      tolerations:
      - {}
      - key: k
        value: null
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
`;

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      hostAliases:
      - {ip: 10.0.0.1, hostnames: [a]}
      imagePullSecrets: [{name: r1}]
      topologySpreadConstraints:
      - {topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 1}
      - {topologyKey: host, whenUnsatisfiable: ScheduleAnyway, maxSkew: 1}
      initContainers:
      - {name: init, image: busybox}
      containers:
      - name: db
        image: postgres
        volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce]}
`;

const header = (kind = 'Deployment', apiVersion = 'apps/v1', name = 'web') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;

/** Cases checked against kubectl kustomize: [name, base, patch]. */
const cases: Array<[string, string, string, string?]> = [
  ['scalars replace, maps merge, null deletes', deployment, `${header()}  annotations: {a: null, c: "3"}\nspec:\n  replicas: 3\n  strategy: {rollingUpdate: null}\n`],
  [
    'containers merge by name: patch items first, then the others',
    deployment,
    `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: c:1\n      - name: a\n        image: a:2\n`,
  ],
  ['args (no patch strategy) and tolerations are replaced', deployment, `${header()}spec:\n  template:\n    spec:\n      tolerations: [{key: k2}]\n      containers:\n      - name: a\n        args: [z]\n`],
  [
    'env merges by name with $patch: delete',
    deployment,
    `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - name: E3\n          value: "33"\n        - name: E0\n        - name: E1\n          $patch: delete\n`,
  ],
  [
    'ports merge by containerPort and protocol',
    deployment,
    `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        ports:\n        - containerPort: 83\n          protocol: TCP\n          name: x\n        - containerPort: 82\n        - containerPort: 81\n          name: y\n`,
  ],
  ['finalizers merge by value', deployment, `${header()}  finalizers: [f3, f1]\n`],
  ['finalizers replaced by a $patch: replace item', deployment, `${header()}  finalizers: [f3, {$patch: replace}, f4]\n`],
  ['$patch: replace on a map', deployment, `${header()}spec:\n  template:\n    spec:\n      securityContext: {$patch: replace, runAsUser: 5}\n`],
  ['$patch: delete on a map', deployment, `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {$patch: delete}\n      newmap: {$patch: delete}\n`],
  ['$patch: replace on a list', deployment, `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a:2\n      - $patch: replace\n`],
  ['$patch: delete on a list', deployment, `${header()}spec:\n  template:\n    spec:\n      volumes:\n      - $patch: delete\n`],
  ['$patch: replace on a list item keeps the item (kyaml)', deployment, `${header()}spec:\n  template:\n    spec:\n      volumes:\n      - name: v1\n        $patch: replace\n        secret: {secretName: s}\n      - name: v2\n        configMap: {name: x}\n`],
  ['an item without its merge key', deployment, `${header()}spec:\n  template:\n    spec:\n      containers:\n      - image: x\n`],
  ['apimachinery-only directives are kept as fields', deployment, `${header()}spec:\n  strategy:\n    $retainKeys: [type]\n    type: Recreate\n  template:\n    spec:\n      $setElementOrder/containers: [{name: b}, {name: a}]\n      containers:\n      - name: a\n        image: a:3\n`],
  ['an added subtree drops its nulls and applies its directives', deployment, `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        newmap: {a: null, b: 1, c: {$patch: delete}}\n        newlist: [{name: nn, v: null}]\n`],
  ['the patch cannot rename or move the resource', deployment, `${header('Deployment', 'apps/v1', 'other')}  namespace: other\n  labels: {tier: front}\n`, 'target: {kind: Deployment}'],
  ['fields the patch does not name: empty nulls dropped, keyed lists without duplicates', duplicates, `${header()}spec:\n  replicas: 2\n`],
  ['duplicate keyed items: the last one wins, patch values included', duplicates, `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - {name: X, value: p}\n`],
  ['duplicate keyed items with new patch items', duplicates, `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - {name: Z, value: p}\n        - {name: W, value: w}\n`],
  ['service ports merge by port and protocol', service, `${header('Service', 'v1', 'svc')}spec:\n  ports:\n  - {name: dns, port: 53, protocol: UDP, targetPort: 5353}\n  - {name: https, port: 443}\n  - {port: 80, targetPort: 9090}\n`],
  [
    'pod spec lists of a StatefulSet: hostAliases by ip, imagePullSecrets by name, spread constraints by two keys, claim templates replaced',
    statefulSet,
    `${header('StatefulSet', 'apps/v1', 'db')}spec:\n  template:\n    spec:\n      hostAliases:\n      - {ip: 10.0.0.2, hostnames: [b]}\n      imagePullSecrets: [{name: r2}]\n      topologySpreadConstraints:\n      - {topologyKey: host, whenUnsatisfiable: ScheduleAnyway, maxSkew: 2}\n      - {topologyKey: rack, whenUnsatisfiable: DoNotSchedule, maxSkew: 1}\n      initContainers:\n      - {name: init2, image: alpine}\n      containers:\n      - name: db\n        volumeMounts:\n        - {name: data, mountPath: /data}\n  volumeClaimTemplates:\n  - metadata: {name: other}\n`,
  ],
  [
    "fields kustomize's bundled OpenAPI (v1.21.2) lacks are replaced",
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  schedulingGates: [{name: a}]\n  resourceClaims: [{name: c1, resourceClaimName: x}]\n  containers:\n  - name: c\n    resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]\n`,
    `${header('Pod', 'v1', 'p')}spec:\n  schedulingGates: [{name: b}]\n  resourceClaims: [{name: c2, resourceClaimName: z}]\n  containers:\n  - name: c\n    resizePolicy: [{resourceName: memory, restartPolicy: NotRequired}]\n`,
  ],
  [
    'kinds newer than kustomize\'s OpenAPI have no schema',
    `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n  finalizers: [a]\nspec:\n  metrics: [{type: Resource, resource: {name: cpu}}]\n`,
    `${header('HorizontalPodAutoscaler', 'autoscaling/v2', 'h')}  finalizers: [b]\n`,
  ],
  ['custom resources: lists are replaced, maps merge', customResource, `${header('Foo', 'example.com/v1', 'foo')}  finalizers: [f2]\nspec:\n  items:\n  - name: i3\n  strs: [c]\n  nested: {b: {d: 3}}\n`],
  ['a map replaces a scalar: error', deployment, `${header()}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: {x: 1}\n`],
  ['an unknown patch strategy: error', deployment, `${header()}spec:\n  template:\n    spec:\n      securityContext: {$patch: bogus}\n`],
];

function mine(base: string, patch: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const r = strategicMerge(tracked(base, 'base.yaml')[0]!, tracked(patch, 'patch.yaml')[0]!);
    return { ok: true, value: isDeletedByPatch(r) ? undefined : plain(r) };
  } catch (e) {
    if (e instanceof KustomizeError) return { ok: false, error: e.message };
    throw e;
  }
}

describe('strategicMerge against kubectl kustomize', () => {
  if (kubectlMissing) it.skip(kubectlMissing, () => {});
  for (const [name, base, patch, target] of cases) {
    it.skipIf(!!kubectlMissing)(name, () => {
      const kustomization = `resources: [base.yaml]\npatches:\n- path: patch.yaml\n${target ? `  ${target}\n` : ''}`;
      const want = kustomize({ 'kustomization.yaml': kustomization, 'base.yaml': base, 'patch.yaml': patch });
      const got = mine(base, patch);
      if (!want.ok) {
        expect(got.ok, `kustomize failed (${want.error}) but strategicMerge did not`).toBe(false);
        if (!got.ok) expect(want.error).toContain(got.error.split('\n')[0]);
        return;
      }
      expect(got).toEqual({ ok: true, value: want.objects[0] });
    });
  }
});

describe('strategicMerge', () => {
  it('gives patched fields the patch origin and keeps the target origin elsewhere', () => {
    const patch = `${header()}spec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a:2\n      - name: c\n        image: c:1\n`;
    const r = strategicMerge(tracked(deployment, 'base/deploy.yaml')[0]!, tracked(patch, 'overlay/patch.yaml')[0]!);
    expect(locateBuilt(r, '/spec/replicas')!.origin).toMatchObject({ filePath: 'overlay/patch.yaml', line: 6 });
    expect(locateBuilt(r, '/spec/strategy/type')!.origin).toMatchObject({ filePath: 'base/deploy.yaml', line: 11 });
    // containers: [a (merged), c (added), b]
    const a = (r as any).spec.template.spec.containers;
    expect(a.map((c: any) => c.name)).toEqual(['a', 'c', 'b']);
    expect(locateBuilt(r, '/spec/template/spec/containers/0/image')!.origin).toMatchObject({ filePath: 'overlay/patch.yaml', line: 11 });
    // The patch wrote the merge key too (kyaml takes the patch's scalar).
    expect(locateBuilt(r, '/spec/template/spec/containers/0/name')!.origin).toMatchObject({ filePath: 'overlay/patch.yaml', line: 10 });
    expect(locateBuilt(r, '/spec/template/spec/containers/0/resources/limits/cpu')!.origin).toMatchObject({ filePath: 'base/deploy.yaml', line: 20 });
    expect(locateBuilt(r, '/spec/template/spec/containers/0/args/0')!.origin).toMatchObject({ filePath: 'base/deploy.yaml', line: 19 });
    expect(locateBuilt(r, '/spec/template/spec/containers/1/image')!.origin).toMatchObject({ filePath: 'overlay/patch.yaml', line: 13 });
    expect(locateBuilt(r, '/spec/template/spec/containers/2/image')!.origin).toMatchObject({ filePath: 'base/deploy.yaml', line: 35 });
  });

  it('locates merged scalar list items where each was written', () => {
    const r = strategicMerge(tracked(deployment, 'base.yaml')[0]!, tracked(`${header()}  finalizers: [f3, f1]\n`, 'patch.yaml')[0]!);
    expect((r as any).metadata.finalizers).toEqual(['f3', 'f1', 'f2']);
    expect(locateBuilt(r, '/metadata/finalizers/0')!.origin).toMatchObject({ filePath: 'patch.yaml', line: 5 });
    expect(locateBuilt(r, '/metadata/finalizers/1')!.origin).toMatchObject({ filePath: 'base.yaml', line: 6 });
    expect(locateBuilt(r, '/metadata/finalizers/2')!.origin).toMatchObject({ filePath: 'base.yaml', line: 6 });
  });

  it('locates a replaced map at the patch and a deleted item nowhere', () => {
    const patch = `${header()}spec:\n  template:\n    spec:\n      securityContext:\n        $patch: replace\n        runAsUser: 5\n      containers:\n      - name: b\n        $patch: delete\n`;
    const r = strategicMerge(tracked(deployment, 'base.yaml')[0]!, tracked(patch, 'patch.yaml')[0]!) as any;
    expect(r.spec.template.spec.securityContext).toEqual({ runAsUser: 5 });
    expect(locateBuilt(r, '/spec/template/spec/securityContext', 'key')!.origin).toMatchObject({ filePath: 'patch.yaml', line: 8 });
    expect(locateBuilt(r, '/spec/template/spec/securityContext/runAsUser')!.origin).toMatchObject({ filePath: 'patch.yaml', line: 10 });
    expect(r.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['a']);
    expect(locateBuilt(r, '/spec/template/spec/containers/0/image')!.origin).toMatchObject({ filePath: 'base.yaml', line: 18 });
  });

  it('keeps scalar item origins when a directive item is taken out of a list', () => {
    const r = strategicMerge(tracked(deployment, 'base.yaml')[0]!, tracked(`${header()}  finalizers:\n  - f3\n  - $patch: replace\n  - f4\n`, 'patch.yaml')[0]!) as any;
    expect(r.metadata.finalizers).toEqual(['f3', 'f4']);
    expect(locateBuilt(r, '/metadata/finalizers/1')!.origin).toMatchObject({ filePath: 'patch.yaml', line: 8 });
  });

  it('does not change its inputs', () => {
    const base = tracked(deployment, 'base.yaml')[0]!;
    const patch = tracked(`${header()}spec:\n  template:\n    spec:\n      securityContext: {$patch: replace, runAsUser: 5}\n`, 'patch.yaml')[0]!;
    const before = [plain(base), plain(patch)];
    strategicMerge(base, patch);
    expect([plain(base), plain(patch)]).toEqual(before);
  });

  it('deletes the resource for a top-level $patch: delete', () => {
    const r = strategicMerge(tracked(deployment, 'base.yaml')[0]!, tracked(`${header()}$patch: delete\n`, 'patch.yaml')[0]!);
    expect(isDeletedByPatch(r)).toBe(true);
  });

  it('locates errors at the patch value', () => {
    const patch = `${header()}spec:\n  template:\n    spec:\n      securityContext: {$patch: bogus}\n`;
    try {
      strategicMerge(tracked(deployment, 'base.yaml')[0]!, tracked(patch, 'patch.yaml')[0]!);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KustomizeError);
      expect((e as KustomizeError).message).toBe("unknown patch strategy 'bogus'");
      expect((e as KustomizeError).origin).toMatchObject({ filePath: 'patch.yaml', line: 8 });
    }
  });

  it('lets a patch rename the resource when allowed', () => {
    const r = strategicMerge(tracked(deployment, 'base.yaml')[0]!, tracked(`${header('Deployment', 'apps/v1', 'other')}`, 'patch.yaml')[0]!, { allowNameChange: true });
    expect((r as any).metadata.name).toBe('other');
  });
});
