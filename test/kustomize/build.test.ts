import { describe, expect, it } from 'vitest';
import { posix } from 'node:path';
import { buildKustomization, renderBuild, isKustomizationRoot, type BuildHost } from '../../src/kustomize/build.js';
import { locateBuilt } from '../../src/kustomize/origin.js';
import type { Resource } from '../../src/kustomize/resource.js';

/** An in-memory file system under /w. */
function host(files: Record<string, string>): BuildHost {
  const abs = new Map(Object.entries(files).map(([k, v]) => [posix.join('/w', k), v]));
  const dirs = new Set<string>();
  for (const p of abs.keys()) for (let d = posix.dirname(p); d !== '/'; d = posix.dirname(d)) dirs.add(d);
  return { readFile: (p) => abs.get(p), isDirectory: (p) => dirs.has(p) };
}

function find(resources: Resource[], kind: string): Resource {
  const r = resources.find((x) => x.object.kind === kind);
  if (!r) throw new Error(`no ${kind} in ${resources.map((x) => x.object.kind).join(', ')}`);
  return r;
}

/** file:line:column of a built field. */
function at(r: Resource, pointer: string): string {
  const l = locateBuilt(r.object, pointer);
  if (!l) return 'nowhere';
  return `${l.origin.filePath.replace('/w/', '')}:${l.origin.line}:${l.origin.column}${l.exact ? '' : ' (parent)'}`;
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: runner
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: settings
`;
const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  MODE: prod
`;
const SA = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
`;

describe('kustomize build: transformers and their origins', () => {
  it('namespace: every namespaced object is moved; the new value points at the namespace entry', () => {
    const h = host({ 'base/kustomization.yaml': 'resources:\n- deploy.yaml\n- sa.yaml\n', 'base/deploy.yaml': DEPLOY, 'base/sa.yaml': SA, 'app/kustomization.yaml': 'resources:\n- ../base\nnamespace: shop\n' });
    const r = buildKustomization('/w/app', h);
    expect(r.problems).toEqual([]);
    const d = find(r.resources, 'Deployment');
    expect(d.object.metadata?.namespace).toBe('shop');
    expect(at(d, '/metadata/namespace')).toBe('app/kustomization.yaml:3:12');
    expect(at(d, '/spec/template/spec/containers/0/image')).toBe('base/deploy.yaml:19:16');
    expect(r.kustomizationsUsed).toEqual(['/w/base']);
    expect(r.filesRead).toEqual(['/w/app/kustomization.yaml', '/w/base/deploy.yaml', '/w/base/kustomization.yaml', '/w/base/sa.yaml']);
  });

  it('namePrefix and nameSuffix rename objects and the references to them; a reference keeps the line it was written on', () => {
    const h = host({ 'kustomization.yaml': 'namePrefix: shop-\nnameSuffix: -v2\nresources:\n- deploy.yaml\n- cm.yaml\n- sa.yaml\n', 'deploy.yaml': DEPLOY, 'cm.yaml': CM, 'sa.yaml': SA });
    const r = buildKustomization('/w', h);
    const d = find(r.resources, 'Deployment');
    expect(d.object.metadata?.name).toBe('shop-web-v2');
    const spec = (d.object.spec as any).template.spec;
    expect(spec.containers[0].envFrom[0].configMapRef.name).toBe('shop-settings-v2');
    expect(spec.serviceAccountName).toBe('shop-runner-v2');
    expect(at(d, '/spec/template/spec/containers/0/envFrom/0/configMapRef/name')).toBe('deploy.yaml:22:19');
    expect(at(d, '/metadata/name')).toBe('deploy.yaml:4:9');
  });

  it('labels: includeSelectors reaches selectors and templates; commonLabels too; each value points at its entry', () => {
    const k = 'resources:\n- deploy.yaml\nlabels:\n- pairs:\n    team: blue\n  includeSelectors: true\n- pairs:\n    tier: web\ncommonLabels:\n  owner: ops\ncommonAnnotations:\n  note: hi\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': DEPLOY }));
    const d = find(r.resources, 'Deployment');
    const o = d.object as any;
    expect(o.spec.selector.matchLabels).toEqual({ app: 'web', team: 'blue', owner: 'ops' });
    expect(o.spec.template.metadata.labels).toEqual({ app: 'web', team: 'blue', owner: 'ops' });
    expect(o.metadata.labels).toEqual({ app: 'web', team: 'blue', tier: 'web', owner: 'ops' });
    expect(o.spec.template.metadata.annotations).toEqual({ note: 'hi' });
    expect(at(d, '/spec/selector/matchLabels/team')).toBe('kustomization.yaml:5:11');
    expect(at(d, '/metadata/labels/tier')).toBe('kustomization.yaml:8:11');
    expect(at(d, '/metadata/labels/owner')).toBe('kustomization.yaml:10:10');
    expect(at(d, '/metadata/annotations/note')).toBe('kustomization.yaml:12:9');
    expect(at(d, '/metadata/labels/app')).toBe('deploy.yaml:6:10');
  });

  it('images: the new image points at the images entry that set it', () => {
    const k = 'resources:\n- deploy.yaml\nimages:\n- name: nginx\n  newName: registry.local/nginx\n  newTag: "1.27"\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': DEPLOY }));
    const d = find(r.resources, 'Deployment');
    expect((d.object as any).spec.template.spec.containers[0].image).toBe('registry.local/nginx:1.27');
    expect(at(d, '/spec/template/spec/containers/0/image')).toBe('kustomization.yaml:6:11');
  });

  it('images: a tag written as a YAML number is refused, as kustomize decodes it strictly', () => {
    const k = 'resources:\n- deploy.yaml\nimages:\n- name: nginx\n  newTag: 1.10\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': DEPLOY }));
    expect(r.problems).toMatchObject([{ kind: 'kustomize', message: 'invalid Kustomization: json: cannot unmarshal number into Go struct field Image.images.newTag of type string', origin: { line: 5, column: 11 } }]);
  });

  it('replicas: the count points at the replicas entry', () => {
    const k = 'resources:\n- deploy.yaml\nreplicas:\n- name: web\n  count: 3\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': DEPLOY }));
    const d = find(r.resources, 'Deployment');
    expect((d.object as any).spec.replicas).toBe(3);
    expect(at(d, '/spec/replicas')).toBe('kustomization.yaml:5:10');
  });

  it('configMapGenerator / secretGenerator: kustomize content hash, references renamed, data points at the literal', () => {
    const k = 'namePrefix: shop-\nconfigMapGenerator:\n- name: app-config\n  literals:\n  - MODE=prod\n  - GREETING="hello <world> & all"\nsecretGenerator:\n- name: creds\n  literals:\n  - password=s3cret\nresources:\n- deploy.yaml\n';
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        envFrom:\n        - configMapRef:\n            name: app-config\n        - secretRef:\n            name: creds\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': deploy }));
    expect(r.problems).toEqual([]);
    // The names kubectl kustomize (kustomize v5.5) gives these objects.
    expect(r.resources.map((x) => x.object.metadata?.name)).toEqual(['shop-app-config-kb9gk2fg42', 'shop-creds-bf5fk5d75b', 'shop-web']);
    const cm = find(r.resources, 'ConfigMap');
    expect(cm.object.data).toEqual({ MODE: 'prod', GREETING: 'hello <world> & all' });
    expect(at(cm, '/data/GREETING')).toBe('kustomization.yaml:6:5');
    const env = (find(r.resources, 'Deployment').object as any).spec.template.spec.containers[0].envFrom;
    expect(env.map((e: any) => (e.configMapRef ?? e.secretRef).name)).toEqual(['shop-app-config-kb9gk2fg42', 'shop-creds-bf5fk5d75b']);
    expect(find(r.resources, 'Secret').object.data).toEqual({ password: 'czNjcmV0' });
  });

  it('generators: files, env files and options (no hash, labels)', () => {
    const k = 'generatorOptions:\n  disableNameSuffixHash: true\n  labels:\n    gen: "yes"\nconfigMapGenerator:\n- name: files\n  files:\n  - app.properties\n  - renamed=other.txt\n  envs:\n  - vars.env\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'app.properties': 'a=1\n', 'other.txt': 'x', 'vars.env': '# comment\nFOO=bar\n\nBAZ=qux=1\n' }));
    expect(r.problems).toEqual([]);
    const cm = r.resources[0]!.object;
    expect(cm.metadata).toEqual({ name: 'files', labels: { gen: 'yes' } });
    expect(cm.data).toEqual({ 'app.properties': 'a=1\n', renamed: 'x', FOO: 'bar', BAZ: 'qux=1' });
  });

  it('patches: an inline strategic merge patch sets fields at their real lines inside kustomization.yaml', () => {
    const k = [
      'resources:',
      '- deploy.yaml',
      'patches:',
      '- patch: |-',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    metadata:',
      '      name: web',
      '    spec:',
      '      replicas: 5',
      '- target:',
      '    kind: Deployment',
      '  patch: |-',
      '    - op: replace',
      '      path: /spec/template/spec/containers/0/image',
      '      value: nginx:1.26',
      '',
    ].join('\n');
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': DEPLOY }));
    expect(r.problems).toEqual([]);
    const d = find(r.resources, 'Deployment');
    expect((d.object as any).spec.replicas).toBe(5);
    expect(at(d, '/spec/replicas')).toBe('kustomization.yaml:10:17');
    expect((d.object as any).spec.template.spec.containers[0].image).toBe('nginx:1.26');
    expect(at(d, '/spec/template/spec/containers/0/image')).toBe('kustomization.yaml:16:14');
  });

  it('an inline patchesStrategicMerge entry (a block scalar in a list) is located at its real lines and columns', () => {
    const k = 'resources:\n- deploy.yaml\npatchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    paused: true\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': DEPLOY }));
    expect(r.problems).toEqual([]);
    expect(at(find(r.resources, 'Deployment'), '/spec/paused')).toBe('kustomization.yaml:10:13');
  });

  it('patchesStrategicMerge and patchesJson6902 (deprecated forms) from files', () => {
    const k = 'resources:\n- deploy.yaml\npatchesStrategicMerge:\n- sm.yaml\npatchesJson6902:\n- target:\n    group: apps\n    version: v1\n    kind: Deployment\n    name: web\n  path: ops.yaml\n';
    const sm = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        resources:\n          limits:\n            memory: 128Mi\n';
    const ops = '- op: add\n  path: /spec/paused\n  value: true\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': DEPLOY, 'sm.yaml': sm, 'ops.yaml': ops }));
    expect(r.problems).toEqual([]);
    const d = find(r.resources, 'Deployment');
    expect(at(d, '/spec/template/spec/containers/0/resources/limits/memory')).toBe('sm.yaml:12:21');
    expect(at(d, '/spec/template/spec/containers/0/image')).toBe('deploy.yaml:19:16');
    expect((d.object as any).spec.paused).toBe(true);
    expect(at(d, '/spec/paused')).toBe('ops.yaml:3:10');
  });

  it('components apply their transformers to what the including kustomization has gathered', () => {
    const h = host({
      'kustomization.yaml': 'resources:\n- deploy.yaml\ncomponents:\n- comp\n',
      'deploy.yaml': DEPLOY,
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  via: component\n',
    });
    const r = buildKustomization('/w', h);
    expect(r.problems).toEqual([]);
    const d = find(r.resources, 'Deployment');
    expect(d.object.metadata?.annotations).toEqual({ via: 'component' });
    expect(at(d, '/metadata/annotations/via')).toBe('comp/kustomization.yaml:4:8');
    expect(r.kustomizationsUsed).toEqual(['/w/comp']);
  });

  it('YAML 1.1 words stay strings, as kustomize reads them', () => {
    const r = buildKustomization('/w', host({ 'kustomization.yaml': 'resources:\n- cm.yaml\n', 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: yes\n  b: N\n  c: true\n' }));
    expect(r.resources[0]!.object.data).toEqual({ a: 'yes', b: 'N', c: true });
  });
});

describe('kustomize build: a block scalar that ends its file without a line break', () => {
  // kustomize reads with go-yaml v3: no final line break where the text has none (see src/source/yaml.ts).
  it('in a resource file and in an inline patch, once (not dropped twice)', () => {
    const patch = 'patches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n    data:\n      p: |\n        z\n';
    const r = buildKustomization('/w', host({
      'kustomization.yaml': `resources:\n- cm.yaml\n${patch}`,
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: |+\n\n \n  a: |\n    x',
    }));
    expect(r.problems).toEqual([]);
    expect(r.resources[0]!.object.data).toEqual({ k: '\n\n', a: 'x', p: 'z' });
    const keep = buildKustomization('/w', host({ 'kustomization.yaml': 'resources:\n- cm.yaml\n', 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: |+\n\n ' }));
    expect(keep.resources[0]!.object.data).toEqual({ k: '\n' });
  });
});

describe('kustomize build: problems', () => {
  it('a missing resource is kustomize\'s error, located at the entry', () => {
    const r = buildKustomization('/w', host({ 'kustomization.yaml': 'resources:\n- deploy.yaml\n- gone.yaml\n', 'deploy.yaml': DEPLOY }));
    expect(r.resources).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: 'error', kind: 'kustomize', origin: { filePath: '/w/kustomization.yaml', line: 3, column: 3 } });
    expect(r.problems[0]!.message).toMatch(/^accumulating resources: accumulation err='accumulating resources from 'gone.yaml': .*no such file or directory/);
  });

  it('remote resources and helmCharts are not fetched; the rest builds', () => {
    const k = 'resources:\n- https://github.com/example/repo//deploy?ref=v1\n- deploy.yaml\nhelmCharts:\n- name: redis\n  repo: https://charts.example.com\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'deploy.yaml': DEPLOY }));
    expect(r.resources.map((x) => x.object.kind)).toEqual(['Deployment']);
    expect(r.problems.map((p) => [p.severity, p.kind, p.origin.line])).toEqual([
      ['info', 'not-fetched', 2],
      ['info', 'not-fetched', 5],
    ]);
  });

  it('a plugin that would run a program is not run: an info problem at its entry, the rest builds', () => {
    const k = 'resources:\n- cm.yaml\ntransformers:\n- |-\n  apiVersion: example.com/v1\n  kind: SopsDecrypt\n  metadata:\n    name: x\n    annotations:\n      config.kubernetes.io/function: |\n        exec:\n          path: ./decrypt\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': k, 'cm.yaml': CM }));
    expect(r.resources.map((x) => x.object.kind)).toEqual(['ConfigMap']);
    // Located at the plugin's config, inside the block scalar.
    expect(r.problems).toMatchObject([{ severity: 'info', kind: 'not-fetched', origin: { filePath: '/w/kustomization.yaml', line: 5, column: 3 } }]);
    expect(r.problems[0]!.message).toMatch(/^SopsDecrypt x was not run: podlint runs only kustomize's built-in plugins/);
  });

  it('an unknown field, a wrong kind and a duplicate id are kustomize\'s errors', () => {
    // kustomize decodes the YAML as JSON with sorted keys: the first error in that order is the one reported.
    const typed = buildKustomization('/w', host({ 'kustomization.yaml': 'resources:\n- cm.yaml\ncommonLabels:\n  b: true\n  a: 1\nnamespace: 5\n', 'cm.yaml': CM }));
    expect(typed.problems[0]).toMatchObject({ message: 'invalid Kustomization: json: cannot unmarshal number into Go struct field Kustomization.commonLabels of type string', origin: { line: 5, column: 6 } });
    const nested = buildKustomization('/w', host({ 'kustomization.yaml': 'labels:\n- pairs:\n    a: b\n  includeSelector: true\n' }));
    expect(nested.problems[0]).toMatchObject({ message: 'invalid Kustomization: json: unknown field "includeSelector"', origin: { line: 4, column: 3 } });
    const unknown = buildKustomization('/w', host({ 'kustomization.yaml': 'resource:\n- a.yaml\n' }));
    expect(unknown.problems[0]).toMatchObject({ kind: 'kustomize', message: 'invalid Kustomization: json: unknown field "resource"', origin: { line: 1, column: 1 } });
    const comp = buildKustomization('/w', host({ 'kustomization.yaml': 'components:\n- c\n', 'c/kustomization.yaml': 'resources: []\n' }));
    expect(comp.problems[0]!.message).toBe("expected kind 'Component' for path '/w/c' but got 'Kustomization'");
    const dup = buildKustomization('/w', host({ 'kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n', 'a.yaml': CM, 'b.yaml': CM }));
    expect(dup.problems[0]).toMatchObject({ message: "accumulating resources: accumulation err='merging resources from 'b.yaml': may not add resource with an already registered id: ConfigMap.v1.[noGrp]/settings.[noNs]': must build at directory: '/w/b.yaml': file is not directory", origin: { line: 3 } });
  });

  it('a kustomization with nothing but apiVersion and kind is empty, as kustomize says', () => {
    const r = buildKustomization('/w', host({ 'kustomization.yml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' }));
    expect(r.problems.map((p) => p.message)).toEqual(['kustomization.yml is empty']);
    expect(r.kustomizationFile).toBe('/w/kustomization.yml');
  });

  it('a role binding without roleRef.apiGroup is refused at its roleRef', () => {
    const rb = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nroleRef:\n  kind: Role\n  name: r\n';
    const r = buildKustomization('/w', host({ 'kustomization.yaml': 'namePrefix: p-\nresources:\n- rb.yaml\n', 'rb.yaml': rb }));
    expect(r.problems[0]).toMatchObject({ kind: 'kustomize', message: 'apiGroup cannot be found in roleRef {"kind":"Role","name":"r"}', origin: { filePath: '/w/rb.yaml', line: 5 } });
  });

  it('isKustomizationRoot finds the file by any of its names', () => {
    expect(isKustomizationRoot('/w', host({ Kustomization: 'resources: []\n' }))).toBe('/w/Kustomization');
    expect(isKustomizationRoot('/w', host({ 'a.yaml': CM }))).toBeUndefined();
  });
});

describe('renderBuild', () => {
  it('prints kustomize\'s legacy order with sorted keys', () => {
    const r = buildKustomization('/w', host({ 'kustomization.yaml': 'resources:\n- deploy.yaml\n- cm.yaml\n- sa.yaml\n', 'deploy.yaml': DEPLOY, 'cm.yaml': CM, 'sa.yaml': SA }));
    const text = renderBuild(r);
    expect(r.resources.map((x) => x.object.kind)).toEqual(['ServiceAccount', 'ConfigMap', 'Deployment']);
    expect(text.startsWith('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n---\napiVersion: v1\ndata:\n  MODE: prod\nkind: ConfigMap\n')).toBe(true);
  });
});

describe('kustomize build: load restrictions', () => {
  it('a resource file outside the kustomization directory is refused with kustomize\'s message', () => {
    const r = buildKustomization('/w/ov', host({ 'ov/kustomization.yaml': 'resources:\n- ../base/cm.yaml\n', 'base/cm.yaml': CM }));
    expect(r.problems).toEqual([
      {
        severity: 'error',
        kind: 'kustomize',
        message: "accumulating resources: accumulation err='accumulating resources from '../base/cm.yaml': security; file '/w/base/cm.yaml' is not in or below '/w/ov'': must build at directory: '/w/base/cm.yaml': file is not directory",
        origin: { filePath: '/w/ov/kustomization.yaml', line: 2, column: 3, endLine: 2, endColumn: 18 },
      },
    ]);
  });
});

describe('kustomize build: errors inside other kustomizations', () => {
  it('carry kustomize\'s wrapping and stay located where they happened', () => {
    const h = host({
      'base/kustomization.yaml': 'resources:\n- cm.yaml\npatches:\n- patch: |-\n    kind: ConfigMap\n    apiVersion: v1\n    metadata:\n      name: nope\n',
      'base/cm.yaml': CM,
      'ov/kustomization.yaml': 'resources:\n- ../base\n',
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- gone.yaml\n',
      'ov2/kustomization.yaml': 'components:\n- ../comp\n',
    });
    const r = buildKustomization('/w/ov', h);
    expect(r.problems).toMatchObject([
      {
        message: "accumulating resources: accumulation err='accumulating resources from '../base': '/w/base' must resolve to a file': recursed accumulation of path '/w/base': no resource matches strategic merge patch \"ConfigMap.v1.[noGrp]/nope.[noNs]\": no matches for Id ConfigMap.v1.[noGrp]/nope.[noNs]; failed to find unique target for patch ConfigMap.v1.[noGrp]/nope.[noNs]",
        origin: { filePath: '/w/base/kustomization.yaml', line: 8, column: 13 },
      },
    ]);
    const c = buildKustomization('/w/ov2', h);
    expect(c.problems[0]!.message).toMatch(/^accumulating components: accumulateDirectory: "recursed accumulation of path '\/w\/comp': accumulating resources: accumulation err='accumulating resources from 'gone.yaml': /);
    expect(c.problems[0]!.origin).toMatchObject({ filePath: '/w/comp/kustomization.yaml', line: 4, column: 3 });
  });
});
