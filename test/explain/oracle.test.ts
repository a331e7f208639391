/**
 * podlint's field reference against the real kubectl, run offline through
 * ../shared/tools/kubectl-oracle (a mock kube-apiserver serving the same OpenAPI document).
 *
 * Which kubectl answers (the dispatcher on PATH picks it from the mock's /version):
 *   spec 1.28 → kubectl v1.28.15, spec 1.32 → the dispatcher's built-in v1.32.4,
 *   spec 1.36 → also v1.32.4 (no newer kubectl is installed).
 * The comparison is byte-for-byte: no whitespace is normalised. podlint's own notes (the PODLINT:
 * section the CLI appends) are not part of `kubectlText` and are not compared.
 * Skipped, with a message, when ../shared or kubectl is absent.
 * PODLINT_ORACLE_DEEP=1 also compares every served resource of each version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainField } from '../../src/explain/field-reference.js';
import { openApiModel } from '../../src/explain/openapi-data.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(root, '..', 'shared');
const oracleDir = path.join(shared, 'tools', 'kubectl-oracle');
const oracle = path.join(oracleDir, 'kubectl-oracle.sh');

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

const haveShared = fs.existsSync(oracle);
const haveKubectl = onPath('kubectl');
const skipReason = !haveShared ? `${oracle} is absent` : !haveKubectl ? 'kubectl is not installed' : '';
if (skipReason) console.warn(`test/explain/oracle.test.ts skipped: ${skipReason}`);

/** At least 20 paths per version: plural, singular, short names, kinds, deep paths, maps, arrays, IntOrString, Quantity. */
export const ORACLE_PATHS = [
  'pods',
  'pods.spec',
  'pods.spec.containers',
  'pods.spec.containers.livenessProbe',
  'pods.spec.containers.livenessProbe.httpGet.port',
  'pods.spec.restartPolicy',
  'po.spec.containers.resources',
  'po.spec.containers.resources.requests',
  'pod.spec.initContainers.lifecycle.preStop',
  'Pod.spec.terminationGracePeriodSeconds',
  'pods.status.containerStatuses.state.waiting',
  'rc',
  'rc.spec.selector',
  'rc.spec.template',
  'rs.spec.selector',
  'rs.spec.selector.matchExpressions',
  'replicasets.apps.spec.template.metadata.labels',
  'deploy.spec.strategy',
  'deployments.spec.strategy.rollingUpdate.maxSurge',
  'cj.spec.jobTemplate.spec.template.spec.containers.ports',
  'svc.spec.ports.targetPort',
  'secret',
  'hpa.spec.metrics',
  'HorizontalPodAutoscaler.spec',
];

/** A shorter list for the newest version (read by kubectl 1.32.4 as well). */
export const ORACLE_PATHS_SHORT = ['pods.spec.containers', 'po.spec.containers.startupProbe', 'rs.spec.selector', 'rc.spec.template', 'deploy.spec.template.spec.resourceClaims', 'svc.spec.ports', 'cm', 'events.involvedObject'];

interface Mock {
  child: ChildProcess;
  url: string;
  dir: string;
}

async function startMock(version: string): Promise<Mock> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-oracle-'));
  const portFile = path.join(dir, 'port');
  const child = spawn(process.execPath, [path.join(oracleDir, 'mock-apiserver.mjs'), '--spec', path.join(shared, 'k8s-openapi', `swagger-v${version}.json.gz`), '--port', '0', '--port-file', portFile, '--idle-minutes', '5'], { stdio: 'ignore' });
  for (let i = 0; i < 200 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  const port = fs.readFileSync(portFile, 'utf8').trim();
  return { child, url: `http://127.0.0.1:${port}`, dir };
}

function kubectlExplain(mock: Mock, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(oracle, ['explain', ...args], { env: { ...process.env, KUBECTL_ORACLE_SERVER: mock.url }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const VERSIONS = ['1.28', '1.32', '1.36'];
const PATHS_BY_VERSION: Record<string, string[]> = { '1.28': ORACLE_PATHS, '1.32': ORACLE_PATHS, '1.36': ORACLE_PATHS_SHORT };

describe.skipIf(Boolean(skipReason))('field reference = kubectl explain (oracle)', () => {
  const mocks = new Map<string, Mock>();
  beforeAll(async () => {
    for (const v of VERSIONS) mocks.set(v, await startMock(v));
  });
  afterAll(() => {
    for (const m of mocks.values()) {
      m.child.kill();
      fs.rmSync(m.dir, { recursive: true, force: true });
    }
  });

  for (const version of VERSIONS) {
    const paths = PATHS_BY_VERSION[version]!;
    it(`matches kubectl byte for byte for ${paths.length} paths × (plain, --recursive), Kubernetes ${version}`, { timeout: 180_000 }, async () => {
      const mock = mocks.get(version)!;
      const cases = paths.flatMap((p) => [{ p, recursive: false }, { p, recursive: true }]);
      const results = await pool(cases, 8, async (c) => {
        const want = await kubectlExplain(mock, [c.p, ...(c.recursive ? ['--recursive'] : [])]);
        const got = explainField(c.p, { kubernetesVersion: version, recursive: c.recursive }).kubectlText;
        return { ...c, want, got };
      });
      for (const r of results) {
        expect(r.want.code, `kubectl explain ${r.p}: ${r.want.stderr}`).toBe(0);
        expect(r.got, `${r.p}${r.recursive ? ' --recursive' : ''} (Kubernetes ${version})`).toBe(r.want.stdout);
      }
    });
  }

  it('matches kubectl with --api-version (hpa in autoscaling/v1, Kubernetes 1.32)', async () => {
    const mock = mocks.get('1.32')!;
    for (const recursive of [false, true]) {
      const want = await kubectlExplain(mock, ['hpa.spec', '--api-version', 'autoscaling/v1', ...(recursive ? ['--recursive'] : [])]);
      expect(want.code).toBe(0);
      expect(explainField('hpa.spec', { kubernetesVersion: '1.32', recursive, apiVersion: 'autoscaling/v1' }).kubectlText).toBe(want.stdout);
    }
  });

  it.skipIf(!process.env.PODLINT_ORACLE_DEEP)('matches kubectl for every served resource (PODLINT_ORACLE_DEEP=1)', { timeout: 1_800_000 }, async () => {
    for (const version of VERSIONS) {
      const mock = mocks.get(version)!;
      const model = openApiModel(version)!;
      // kubectl maps "events.events.k8s.io" to core events plus a field path and fails; podlint explains
      // the events.k8s.io resource instead (a deliberate difference), so that one is left out.
      const names = [...new Set(model.resources.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource)))].filter((n) => n !== 'events.events.k8s.io');
      const cases = names.flatMap((p) => [{ p, recursive: false }, { p, recursive: true }]);
      const results = await pool(cases, 8, async (c) => ({ ...c, want: await kubectlExplain(mock, [c.p, ...(c.recursive ? ['--recursive'] : [])]) }));
      for (const r of results) {
        expect(explainField(r.p, { kubernetesVersion: version, recursive: r.recursive }).kubectlText, `${r.p} ${version}`).toBe(r.want.stdout);
      }
    }
  });
});
