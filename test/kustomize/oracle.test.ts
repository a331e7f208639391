/**
 * The oracle: every kustomization of ../shared/repos and ../shared/corpus built by podlint and by the real
 * `kubectl kustomize` (kustomize v5.5), compared as parsed data. Kustomizations that reference remote
 * resources are not given to kubectl (it would go to the network): podlint must leave the remote part out
 * with a not-fetched problem and build the rest.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { buildKustomization, renderBuild, type BuildResult } from '../../src/kustomize/build.js';
import { parseYaml } from '../../src/source/yaml.js';
import { locateBuilt } from '../../src/kustomize/origin.js';

// Its real path: kubectl evaluates symbolic links in the paths its messages name (a ../shared that is a link).
const sharedGiven = path.resolve(__dirname, '../../../shared');
const shared = fs.existsSync(sharedGiven) ? fs.realpathSync(sharedGiven) : sharedGiven;
const roots = ['repos', 'corpus'].map((d) => path.join(shared, d)).filter((d) => fs.existsSync(d));
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => fs.existsSync(p));
const NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Kustomizations whose build differs from kubectl's, each with the reason. Empty: every one agrees. A new
 * difference fails the test; so does a listed one that starts agreeing (remove it then).
 */
const KNOWN_DIFFERENT: Record<string, string> = {};

function kustomizationDirs(dir: string, out: string[]): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (entries.some((e) => e.isFile() && NAMES.has(e.name))) out.push(dir);
  for (const e of entries) if (e.isDirectory()) kustomizationDirs(path.join(dir, e.name), out);
  return out;
}

function documents(text: string): unknown[] {
  return parseYaml(text).documents.map((d) => d.value).filter((v) => v !== undefined && v !== null);
}

interface Oracle {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function kubectlKustomize(dir: string): Promise<Oracle> {
  return new Promise((resolve) => {
    const child = spawn(KUBECTL!, ['kustomize', dir], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ ok: code === 0, stdout, stderr }));
    child.on('error', (e) => resolve({ ok: false, stdout, stderr: String(e) }));
  });
}

const dirs = roots.flatMap((r) => kustomizationDirs(r, []));
const rel = (d: string) => path.relative(shared, d);

describe.skipIf(roots.length === 0)('kustomize builds of ../shared/repos and ../shared/corpus', () => {
  const builds = new Map<string, BuildResult>();
  const oracle = new Map<string, Oracle>();

  beforeAll(async () => {
    for (const d of dirs) builds.set(d, buildKustomization(d));
    if (!KUBECTL) return;
    const queue = dirs.filter((d) => !builds.get(d)!.problems.some((p) => p.kind === 'not-fetched'));
    const worker = async () => {
      for (let d = queue.shift(); d !== undefined; d = queue.shift()) oracle.set(d, await kubectlKustomize(d));
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 900_000);

  it('finds the 123 kustomizations of the three real trees', () => {
    expect(dirs.filter((d) => rel(d).startsWith('repos/')).length).toBe(123);
  });

  it('leaves remote resources out with a not-fetched problem and builds the rest (metallb frr-k8s, prometheus-frr-k8s)', () => {
    const remote = dirs.filter((d) => builds.get(d)!.problems.some((p) => p.kind === 'not-fetched')).map(rel);
    expect(remote).toEqual(['repos/metallb+metallb/config/frr-k8s', 'repos/metallb+metallb/config/prometheus-frr-k8s']);
    for (const d of dirs.filter((x) => remote.includes(rel(x)))) {
      const b = builds.get(d)!;
      expect(b.problems.filter((p) => p.kind === 'kustomize')).toEqual([]);
      const first = b.problems.find((p) => p.kind === 'not-fetched')!;
      expect(first.message).toMatch(/^remote resource 'https:\/\/github.com\/metallb\/frr-k8s\/config\/.*' was not fetched/);
      expect(first.origin).toMatchObject({ filePath: path.join(d, 'kustomization.yaml'), line: 4, column: 3 });
      // The local part (../native or ../prometheus-native) is built: the speaker and controller are there, in the namespace.
      const names = b.resources.map((r) => `${r.object.kind}/${r.object.metadata?.namespace ?? ''}/${r.object.metadata?.name}`);
      expect(names).toContain('DaemonSet/metallb-system/speaker');
      expect(names).toContain('Deployment/metallb-system/controller');
    }
  });

  it('reports the two missing upstream files at their kustomization entries', () => {
    const failing = dirs.filter((d) => builds.get(d)!.problems.some((p) => p.kind === 'kustomize')).map(rel);
    expect(failing).toEqual(['repos/aws-samples+eks-workshop-v2/manifests/modules/automation/gitops/flux/pipeline/ui', 'repos/aws-samples+eks-workshop-v2/manifests/modules/networking/vpc-lattice/controller']);
    for (const d of failing) {
      const p = builds.get(path.join(shared, d))!.problems.find((x) => x.kind === 'kustomize')!;
      expect(p.message).toMatch(/^accumulating resources: accumulation err='accumulating resources from '[^']+': evalsymlink failure on '.*no such file or directory/);
      expect(p.origin.filePath.endsWith('kustomization.yaml')).toBe(true);
      expect(p.origin.line).toBeGreaterThan(1);
    }
  });

  it('gives every field of every built object the file, line and column it was written at', () => {
    const missing: string[] = [];
    const walk = (root: unknown, v: unknown, pointer: string, where: string): void => {
      const entries = v !== null && typeof v === 'object' ? (Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v)) : [];
      if (entries.length === 0) {
        const l = locateBuilt(root, pointer);
        if (!l?.exact || !fs.existsSync(l.origin.filePath)) missing.push(`${where} ${pointer}`);
        return;
      }
      for (const [k, x] of entries) walk(root, x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, where);
    };
    for (const d of dirs) for (const r of builds.get(d)!.resources) walk(r.object, r.object, '', `${rel(d)} ${r.object.kind}/${r.object.metadata?.name}`);
    expect(missing.length, missing.slice(0, 10).join('\n')).toBe(0);
  });

  it.skipIf(!KUBECTL)('equals kubectl kustomize as data (and as text)', () => {
    const differ: Record<string, string> = {};
    let equal = 0;
    for (const d of dirs) {
      const o = oracle.get(d);
      if (!o) continue;
      const b = builds.get(d)!;
      const refused = b.problems.some((p) => p.kind === 'kustomize');
      let verdict: string | undefined;
      if (!o.ok) {
        if (!refused) verdict = `kubectl refuses the build (${o.stderr.trim().slice(0, 200)}), podlint builds it`;
        else {
          // kubectl logs `"command failed" err="<kustomize's message>"` (klog quoting).
          const m = /"command failed" err="(.*)"\s*$/s.exec(o.stderr);
          const theirs = m ? (JSON.parse(`"${m[1]}"`) as string) : o.stderr.trim();
          const ours = b.problems.find((p) => p.kind === 'kustomize')!.message;
          if (ours !== theirs) verdict = `both refuse, with other words: podlint "${ours}", kubectl "${theirs}"`;
        }
      }
      else if (refused) verdict = `podlint refuses the build: ${b.problems.find((p) => p.kind === 'kustomize')!.message}`;
      else {
        const ours = documents(renderBuild(b));
        const theirs = documents(o.stdout);
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
          const i = ours.findIndex((x, j) => JSON.stringify(x) !== JSON.stringify(theirs[j]));
          verdict = `document ${i < 0 ? ours.length : i} differs (${ours.length} documents, kubectl ${theirs.length})`;
        } else if (renderBuild(b) !== o.stdout) {
          // podlint build prints what kubectl kustomize prints, to the byte.
          verdict = 'equal as data, but the text differs';
        }
      }
      if (verdict) differ[rel(d)] = verdict;
      else equal++;
    }
    const unexpected = Object.fromEntries(Object.entries(differ).filter(([d]) => !(d in KNOWN_DIFFERENT)));
    const fixed = Object.keys(KNOWN_DIFFERENT).filter((d) => !(d in differ));
    expect({ unexpected, fixed }).toEqual({ unexpected: {}, fixed: [] });
    expect(equal).toBe(oracle.size - Object.keys(KNOWN_DIFFERENT).length);
  });
});
