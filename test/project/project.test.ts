/**
 * A repository linted as it is applied (src/project, src/lint.ts, the engine's built objects): kustomize
 * roots built and linted through the files their fields came from, Helm charts, files that are not
 * manifests, application units for the cross-object rules, duplicate objects.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lint, lintInputs, readPaths, resolveLintOptions } from '../../src/lint.js';
import { formatResult } from '../../src/reporters/index.js';
import type { Finding, LintResult } from '../../src/types.js';

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-project-')));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const abs = path.join(dir, name);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}

const deployment = (name: string, labels: string, image = 'registry.example/web:1.2.3') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: web
          image: ${image}
`;

/** A base used by two overlays (prefixes dev-, prod-), one of them patching it, the other setting an image tag. */
const TREE = {
  'app/base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
  'app/base/deploy.yaml': deployment('web', '{app: web}', 'nginx:latest'),
  'app/overlays/dev/kustomization.yaml': 'namePrefix: dev-\nresources:\n  - ../../base\npatches:\n  - path: patch.yaml\n',
  'app/overlays/dev/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n',
  'app/overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n  - ../../base\nimages:\n  - name: nginx\n    newTag: "1.27"\n',
};

const rel = (r: LintResult) => r.files.map((f) => path.relative(dir, f.filePath)).sort();
const findingsOf = (r: LintResult, file: string, ruleId?: string): Finding[] =>
  (r.files.find((f) => f.filePath === path.join(dir, file))?.findings ?? []).filter((f) => ruleId === undefined || f.ruleId === ruleId);
const ruleIds = (r: LintResult) => r.files.flatMap((f) => f.findings.map((x) => x.ruleId));

describe('kustomize roots', () => {
  it('builds the overlays (not the base they use) and lints the built objects where their fields were written', async () => {
    write(TREE);
    const r = await lint(['.'], { cwd: dir, config: false });
    // Every file a build read is listed as linted; none is linted as a standalone manifest.
    expect(rel(r)).toEqual(['app/base/deploy.yaml', 'app/base/kustomization.yaml', 'app/overlays/dev/kustomization.yaml', 'app/overlays/dev/patch.yaml', 'app/overlays/prod/kustomization.yaml']);
    expect(ruleIds(r)).not.toContain('missing-kind');
    expect(ruleIds(r)).not.toContain('selector-mismatch');
    expect(ruleIds(r)).not.toContain('invalid-name');

    // The patch set restartPolicy: the finding is in the patch, at its value, about the object as built.
    const [restart] = findingsOf(r, 'app/overlays/dev/patch.yaml', 'restart-policy');
    expect(restart).toMatchObject({ line: 8, column: 22, endLine: 8, endColumn: 31, severity: 'error', path: '/spec/template/spec/restartPolicy' });
    expect(restart!.object).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'dev-web' });

    // The base's image (nginx:latest) is used as it is by dev only: the finding is in the base.
    const latest = findingsOf(r, 'app/base/deploy.yaml', 'latest-tag');
    expect(latest.map((f) => [f.line, f.column, f.object?.name])).toEqual([[14, 18, 'dev-web']]);
  });

  it('reports a finding two builds share (the same place, rule and message) once', async () => {
    write(TREE);
    const r = await lint(['.'], { cwd: dir, config: false });
    // Both overlays keep the base's container without a memory limit: one finding in the base.
    const limits = findingsOf(r, 'app/base/deploy.yaml', 'resource-limits-missing');
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatchObject({ line: 13, column: 11 });
  });

  it('locates a value a kustomization entry wrote in kustomization.yaml', async () => {
    write({ ...TREE, 'app/overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n  - ../../base\nimages:\n  - name: nginx\n    newTag: latest\n' });
    const r = await lint(['.'], { cwd: dir, config: false });
    const [latest] = findingsOf(r, 'app/overlays/prod/kustomization.yaml', 'latest-tag');
    expect(latest).toMatchObject({ line: 6, column: 13, path: '/spec/template/spec/containers/0/image' });
    expect(latest!.object).toMatchObject({ kind: 'Deployment', name: 'prod-web' });
  });

  it('lints a file named on its own (as a pre-commit hook passes it) through the nearest kustomization above it', async () => {
    write(TREE);
    const r = await lint(['app/overlays/dev/patch.yaml'], { cwd: dir, config: false });
    // The patch is a fragment: as it stands it would be a Deployment without selector, containers or image.
    expect(ruleIds(r)).not.toContain('selector-mismatch');
    expect(ruleIds(r)).not.toContain('invalid-image');
    expect(findingsOf(r, 'app/overlays/dev/patch.yaml').map((f) => [f.ruleId, f.line, f.object?.name])).toEqual([['restart-policy', 8, 'dev-web']]);
  });

  it('builds a base named on its own (nothing in the run uses it)', async () => {
    write(TREE);
    const r = await lint(['app/base'], { cwd: dir, config: false });
    expect(rel(r)).toEqual(['app/base/deploy.yaml', 'app/base/kustomization.yaml']);
    expect(findingsOf(r, 'app/base/deploy.yaml', 'latest-tag').map((f) => f.object?.name)).toEqual(['web']);
  });

  it('reports what kustomize refuses at the kustomization entry, and goes on with the rest of the run', async () => {
    write({ 'k/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - missing.yaml\n', 'k/deploy.yaml': deployment('web', '{app: web}'), 'plain/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n' });
    const r = await lint(['.'], { cwd: dir, config: false });
    const [failed] = findingsOf(r, 'k/kustomization.yaml', 'kustomize-build');
    expect(failed).toMatchObject({ severity: 'error', line: 3 });
    expect(failed!.message).toContain('missing.yaml');
    expect(findingsOf(r, 'plain/pod.yaml').length).toBeGreaterThan(0);
  });

  it('says once that a remote resource was not fetched, and lints the rest of the build', async () => {
    write({ 'k/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - https://github.com/example/repo/config?ref=v1\n', 'k/deploy.yaml': deployment('web', '{app: web}', 'nginx:latest') });
    const r = await lint(['.'], { cwd: dir, config: false });
    expect(findingsOf(r, 'k/kustomization.yaml').map((f) => [f.ruleId, f.severity, f.line])).toEqual([['kustomize-not-fetched', 'info', 3]]);
    expect(findingsOf(r, 'k/deploy.yaml', 'latest-tag')).toHaveLength(1);
  });

  it('keeps podlint.io/ignore and suppression comments working on built objects', async () => {
    write({
      ...TREE,
      'app/overlays/dev/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      # podlint-disable-next-line restart-policy\n      restartPolicy: OnFailure\n',
      'app/base/deploy.yaml': deployment('web', '{app: web}', 'nginx:latest').replace('  name: web\n', '  name: web\n  annotations:\n    podlint.io/ignore: latest-tag\n'),
    });
    const r = await lint(['.'], { cwd: dir, config: false });
    expect(ruleIds(r)).not.toContain('restart-policy');
    expect(ruleIds(r)).not.toContain('latest-tag');
  });
});

describe('Helm charts and files that are not manifests', () => {
  const CHART = {
    'charts/demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
    'charts/demo/values.yaml': 'replicas: 2\nimage: {tag: latest}\n',
    'charts/demo/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n',
    'charts/demo/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
    'charts/demo/charts/sub/templates/cm.yaml': 'kind: ConfigMap\n{{ include "x" . }}\n',
  };

  it('reports a chart once (not its subcharts) and lints none of its templates', async () => {
    write(CHART);
    const r = await lint(['.'], { cwd: dir, config: false });
    expect(ruleIds(r)).toEqual(['helm-chart']);
    const [chart] = findingsOf(r, 'charts/demo/Chart.yaml');
    expect(chart).toMatchObject({ severity: 'info', line: 2, column: 1 });
    expect(chart!.message).toBe('Helm chart "demo": its templates are not YAML until rendered and were not linted; lint it with `helm template charts/demo | podlint -`');
    expect(r.skippedFiles).toEqual([path.join(dir, 'charts/demo/values.yaml')]);
  });

  it('skips files a walk finds that hold no Kubernetes object, lists them in json, and still reports them when named', async () => {
    write({ '.github/workflows/ci.yaml': 'on: push\njobs: {}\n', 'tool.yaml': 'rules: [a, b]\n', 'kustomization-alt.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n', 'broken.yaml': 'a: [1\n', 'half.yaml': 'kind: Pod\nmetadata: {name: x}\n', 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n', 'node_modules/x/k.yaml': 'kind: Pod\n', '.git/k.yaml': 'kind: Pod\n' });
    const r = await lint(['.'], { cwd: dir, config: false });
    // kustomize's own configuration is not a Kubernetes object either.
    expect(r.skippedFiles).toEqual([path.join(dir, '.github/workflows/ci.yaml'), path.join(dir, 'kustomization-alt.yaml'), path.join(dir, 'tool.yaml')]);
    // A file that does not parse may be a manifest: its syntax error is reported.
    expect(rel(r)).toEqual(['broken.yaml', 'half.yaml', 'pod.yaml']);
    expect(findingsOf(r, 'broken.yaml').map((f) => [f.ruleId, f.fatal])).toEqual([['yaml-syntax', true]]);
    // One of apiVersion/kind without the other is still an error.
    expect(findingsOf(r, 'half.yaml').map((f) => f.ruleId)).toEqual(['missing-kind']);
    const json = JSON.parse(formatResult('json', r, { cwd: dir, color: false }));
    expect(json.filter((x: { skipped?: string }) => x.skipped).map((x: { filePath: string; skipped: string; messages: unknown[]; errorCount: number }) => [path.relative(dir, x.filePath), x.skipped, x.messages.length, x.errorCount])).toEqual([
      ['.github/workflows/ci.yaml', 'no Kubernetes object', 0, 0],
      ['kustomization-alt.yaml', 'no Kubernetes object', 0, 0],
      ['tool.yaml', 'no Kubernetes object', 0, 0],
    ]);

    const named = await lint(['tool.yaml'], { cwd: dir, config: false });
    expect(named.skippedFiles).toBeUndefined();
    expect(ruleIds(named)).toEqual(['missing-kind']);
  });

  it('routes the findings of a helm template stream to the template named by its # Source: comment', async () => {
    const stream = '---\n# Source: demo/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n---\n# Source: demo/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: [{port: 80}]\n';
    const resolved = await resolveLintOptions({ config: false, rules: { 'latest-tag': 'error' } });
    const r = lintInputs([{ filePath: '<stdin>', text: stream, found: 'stdin' }], resolved, { cwd: dir });
    const [latest] = findingsOf(r, 'demo/templates/pod.yaml', 'latest-tag');
    // The template's file, the line in the rendered stream.
    expect(latest).toMatchObject({ line: 10, column: 14 });
    expect(r.files.map((f) => f.filePath)).toEqual([path.join(dir, 'demo/templates/pod.yaml'), path.join(dir, 'demo/templates/svc.yaml')]);
    const sarif = JSON.parse(formatResult('sarif', r, { cwd: dir, color: false }));
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'latest-tag');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('demo/templates/pod.yaml');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(10);
  });
});

describe('cross-object rules compare what is applied together', () => {
  // Two Deployments whose selectors overlap, in different directories, and two copies of one object.
  const TWO_DIRS = {
    'a/web.yaml': deployment('web', '{app: web}'),
    'b/api.yaml': deployment('api', '{app: web}'),
  };

  it("by default, the objects of one directory's files (not of two directories)", async () => {
    write({ ...TWO_DIRS, 'a/worker.yaml': deployment('worker', '{app: web}') });
    const r = await lint(['.'], { cwd: dir, config: false });
    const overlap = r.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'overlapping-selectors').map((x) => `${path.relative(dir, f.filePath)} ${x.object?.name}`));
    expect(overlap.sort()).toEqual(['a/web.yaml web', 'a/worker.yaml worker']);
  });

  it('with --cross-object-scope run, directory and file', async () => {
    write({ ...TWO_DIRS, 'a/worker.yaml': deployment('worker', '{app: web}') });
    const count = async (scope: 'run' | 'directory' | 'file') => {
      const r = await lint(['.'], { cwd: dir, config: false, crossObjectScope: scope });
      return r.files.flatMap((f) => f.findings).filter((x) => x.ruleId === 'overlapping-selectors').length;
    };
    expect(await count('run')).toBe(3);
    expect(await count('directory')).toBe(2);
    expect(await count('file')).toBe(0);
  });

  it('never compares the variants of one object in two overlays, and each overlay is one unit', async () => {
    write(TREE);
    const r = await lint(['.'], { cwd: dir, config: false });
    expect(ruleIds(r)).not.toContain('overlapping-selectors');
    expect(ruleIds(r)).not.toContain('duplicate-object');
    // dev-web and prod-web select the same pods: compared only when the whole run is one unit.
    const run = await lint(['.'], { cwd: dir, config: false, crossObjectScope: 'run' });
    const overlap = findingsOf(run, 'app/base/deploy.yaml', 'overlapping-selectors');
    expect(overlap.map((f) => [f.line, f.object?.name])).toEqual([[6, "dev-web"], [6, "prod-web"]]); // spec.selector
  });

  it('reports two copies of one object in one file (duplicate-object); copies in two files are variants', async () => {
    write({ 'a/web.yaml': `${deployment('web', '{app: web}')}---\n${deployment('web', '{app: web}')}`, 'a/web-copy.yaml': deployment('web', '{app: web}'), 'b/web.yaml': deployment('web', '{app: web}') });
    const r = await lint(['.'], { cwd: dir, config: false });
    const dups = r.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'duplicate-object').map((x) => ({ file: path.relative(dir, f.filePath), ...x })));
    expect(dups.map((d) => [d.file, d.line, d.column, d.severity])).toEqual([['a/web.yaml', 19, 9, 'warning']]);
    expect(dups[0]!.message).toBe('Deployment "web" is defined twice (first at line 4): kubectl apply would apply the second over the first');
    expect(ruleIds(r)).not.toContain('overlapping-selectors');
  });

  it('reports two copies of one object in a stream', async () => {
    const resolved = await resolveLintOptions({ config: false });
    const text = `${deployment('web', '{app: web}').replace('  name: web\n', '  name: web\n  namespace: prod\n')}---\n${deployment('web', '{app: web}').replace('  name: web\n', '  name: web\n  namespace: prod\n')}`;
    const r = lintInputs([{ filePath: '<stdin>', text, found: 'stdin' }], resolved, { cwd: dir });
    expect(r.files[0]!.findings.filter((x) => x.ruleId === 'duplicate-object').map((x) => [x.line, x.message])).toEqual([
      [20, 'Deployment "web" in namespace "prod" is defined twice (first at line 4): kubectl apply would apply the second over the first'],
    ]);
  });
});

describe('readPaths', () => {
  it('marks files found by a walk and files named, and lists the directories walked', () => {
    write({ 'x/a.yaml': 'kind: Pod\n', 'b.yaml': 'kind: Pod\n', '.git/c.yaml': 'kind: Pod\n' });
    const { inputs, directories } = readPaths(['x', 'b.yaml'], { cwd: dir });
    expect(inputs.map((i) => [path.relative(dir, i.filePath), i.found])).toEqual([['b.yaml', 'named'], ['x/a.yaml', 'walk']]);
    expect(directories).toEqual([path.join(dir, 'x')]);
  });
});

describe('the kustomize build is loaded only for runs that may meet a kustomization', () => {
  it('mayMeetKustomization: a kustomization file among the inputs, or in a directory at or above one', async () => {
    const { mayMeetKustomization } = await import('../../src/project/kustomize.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-may-'));
    try {
      fs.mkdirSync(path.join(dir, 'app/base'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'plain.yaml'), 'kind: Pod\n');
      fs.writeFileSync(path.join(dir, 'app/base/deploy.yaml'), 'kind: Pod\n');
      expect(mayMeetKustomization([path.join(dir, 'plain.yaml'), path.join(dir, 'app/base/deploy.yaml')])).toBe(false);
      expect(mayMeetKustomization([path.join(dir, 'x/kustomization.yml')])).toBe(true);
      fs.writeFileSync(path.join(dir, 'app/Kustomization'), 'resources: [base/deploy.yaml]\n');
      expect(mayMeetKustomization([path.join(dir, 'app/base/deploy.yaml')])).toBe(true);
      expect(mayMeetKustomization([path.join(dir, 'plain.yaml')])).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
