/**
 * The real kubectl as an oracle (../shared/tools/kubectl-oracle, see its README): kubectl's client-side
 * validator (`create --dry-run=client --validate=strict`, against a mock API server serving the same
 * OpenAPI document podlint bundles) judges every manifest of ../shared/corpus. Every manifest kubectl
 * rejects, podlint must reject too; where kubectl names a field, podlint must name the same field with
 * a problem of the same type. Where podlint is stricter, the case must fall into one of the deliberate,
 * explained categories below. Skipped, with a message, when kubectl or ../shared is absent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointerTokens } from '../../src/source/locate.js';
import type { SchemaProblem } from '../../src/engine/rule.js';
import { verdict, type FileVerdict } from './verdict.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(projectRoot, '../shared');
const corpus = path.join(shared, 'corpus');
const oracleDir = path.join(shared, 'tools', 'kubectl-oracle');
const VERSION = '1.36';
const SPEC = path.join(shared, 'k8s-openapi', `swagger-v${VERSION}.json.gz`);
/** Parallel kubectl calls against the one mock server. */
const BATCHES = 8;

function onPath(exe: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => {
    try {
      fs.accessSync(path.join(d, exe), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const skipReason = !fs.existsSync(corpus) || !fs.existsSync(oracleDir) || !fs.existsSync(SPEC)
  ? `${shared} (corpus, kubectl-oracle, OpenAPI ${VERSION}) is absent`
  : !onPath('kubectl')
    ? 'kubectl is not installed'
    : undefined;

/**
 * Why podlint may reject what kubectl's client-side validator accepts. Each problem podlint reports
 * that kubectl does not must fall into one of these.
 */
const STRICTER: Record<string, { reason: string; matches(p: SchemaProblem | 'duplicate-key'): boolean }> = {
  'duplicate-key': {
    reason: 'YAML with a repeated mapping key: kubectl\'s YAML→JSON conversion keeps the last value silently; the API server\'s strict decoding rejects the object.',
    matches: (p) => p === 'duplicate-key',
  },
  'scalar-for-string': {
    reason: 'A number or boolean where a string is expected (`value: true`, a label `version: 1`): kubectl\'s validator accepts any scalar for a string, but the API server cannot decode it into a Go string and rejects the object (kubectl itself fails decoding label values).',
    matches: (p) => p !== 'duplicate-key' && p.type === 'invalid-type' && /got "(integer|number|boolean)", expected "(string|base64-encoded string)"$/.test(p.message),
  },
  'fraction-for-integer': {
    reason: 'A fraction where an integer is expected: kubectl\'s validator accepts any number, the API server cannot decode it into a Go integer.',
    matches: (p) => p !== 'duplicate-key' && p.type === 'invalid-type' && /got "number", expected "(integer|integer or string)"$/.test(p.message),
  },
  'int32-range': {
    reason: 'An integer outside the int32 range of the Go field.',
    matches: (p) => p !== 'duplicate-key' && p.type === 'invalid-type' && /expected "int(32|64)"/.test(p.message),
  },
  'base64': {
    reason: 'A []byte field (Secret data) holding text that is not base64: the API server fails to decode it.',
    matches: (p) => p !== 'duplicate-key' && p.type === 'invalid-type' && p.message.includes('not valid base64'),
  },
  'boolean-for-int-or-string-or-quantity': {
    reason: 'A boolean for an int-or-string or a quantity: v2 declares these as strings, which kubectl lets any scalar through; the Go types decode only strings and numbers.',
    matches: (p) => p !== 'duplicate-key' && p.type === 'invalid-type' && /got "boolean", expected "(integer or string|string or number)"$/.test(p.message),
  },
};

/**
 * Files that kubectl cannot parse but podlint's reader can: gaps in src/source/yaml.ts, reported to its
 * owner. (podlint may still reject the file for another reason.) This test fails once a gap is closed,
 * so that the entry is removed.
 */
const KNOWN_READER_GAPS: Record<string, string> = {};

interface KubectlFile {
  /** kubectl named a schema problem: [type, kubectl path of the object or field, field name?, message]. */
  errors: Array<{ type: SchemaProblem['type']; path: string; message: string }>;
  /** Other reasons kubectl rejected the file. */
  other: string[];
  /** Kinds kubectl could not map ("apiVersion kind"). */
  unmapped: string[];
}

/** kubectl's path of a problem: `Kind.spec.containers[0].name`. */
function kubectlPath(kind: string, pointer: string): string {
  let out = kind;
  for (const t of pointerTokens(pointer)) out += /^\d+$/.test(t) ? `[${t}]` : `.${t}`;
  return out;
}

/** The kubectl path of the object or field kubectl names for a podlint problem. */
function kubectlPathOf(p: SchemaProblem & { kind: string }): string {
  if (p.type === 'unknown-field') return kubectlPath(p.kind, p.path.slice(0, p.path.lastIndexOf('/')));
  return kubectlPath(p.kind, p.path);
}

const VALIDATION_ERROR = /ValidationError\((.*?)\): (unknown field "[^"]*" in [\w.-]+|invalid type for [\w.-]+: got "\w+", expected "\w+"|missing required field "[^"]*" in [\w.-]+)/g;

function parseKubectl(stderr: string, files: Set<string>): Map<string, KubectlFile> {
  const out = new Map<string, KubectlFile>();
  const entry = (f: string) => {
    let e = out.get(f);
    if (!e) out.set(f, (e = { errors: [], other: [], unmapped: [] }));
    return e;
  };
  for (const line of stderr.split('\n')) {
    const m = /(\/[^":]+\.(?:ya?ml|json))/.exec(line);
    const unmappedNoFile = /^unable to recognize no matches for kind "([^"]*)" in version "([^"]*)"/.exec(line);
    if (!m && unmappedNoFile) {
      entry('<no file>').unmapped.push(`${unmappedNoFile[2]} ${unmappedNoFile[1]}`);
      continue;
    }
    if (!m || !files.has(m[1]!)) {
      if (line.trim() && !/^ensure CRDs are installed first$/.test(line.trim())) entry('<no file>').other.push(line);
      continue;
    }
    const e = entry(m[1]!);
    const unmapped = /no matches for kind "([^"]*)" in version "([^"]*)"/.exec(line);
    if (unmapped) {
      e.unmapped.push(`${unmapped[2]} ${unmapped[1]}`);
      continue;
    }
    let named = false;
    for (const v of line.matchAll(VALIDATION_ERROR)) {
      named = true;
      const msg = v[2]!;
      const type = msg.startsWith('unknown') ? 'unknown-field' : msg.startsWith('invalid') ? 'invalid-type' : 'required';
      e.errors.push({ type, path: v[1]!, message: msg });
    }
    const rest = line.replace(VALIDATION_ERROR, '');
    if (!named || /apiVersion not set|kind not set|duplicate key|error parsing|unable to decode/.test(rest)) e.other.push(line);
  }
  return out;
}

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(d.name)) out.push(p);
    }
  };
  walk(corpus);
  return out;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(skipReason !== undefined)(`kubectl ${VERSION} client-side validation as an oracle over ../shared/corpus`, () => {
  let mock: ChildProcess | undefined;
  let tmp = '';
  let kubectl = new Map<string, KubectlFile>();
  let files: string[] = [];
  const podlint = new Map<string, FileVerdict>();

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-oracle-'));
    const portFile = path.join(tmp, 'port');
    mock = spawn(process.execPath, [path.join(oracleDir, 'mock-apiserver.mjs'), '--spec', SPEC, '--port', '0', '--port-file', portFile, '--idle-minutes', '5'], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
    const port = fs.readFileSync(portFile, 'utf8').trim();
    const env = { ...process.env, KUBECTL_ORACLE_SERVER: `http://127.0.0.1:${port}` };

    files = corpusFiles();
    for (const f of files) podlint.set(f, verdict(fs.readFileSync(f, 'utf8'), VERSION));
    const batches: string[][] = Array.from({ length: BATCHES }, () => []);
    files.forEach((f, i) => batches[i % BATCHES]!.push(f));
    const results = await Promise.all(
      batches.map((b) => run(path.join(oracleDir, 'kubectl-oracle.sh'), ['create', '--dry-run=client', '--validate=strict', '-o', 'name', ...b.flatMap((f) => ['-f', f])], env)),
    );
    const stderr = results.map((r) => r.stderr).join('\n');
    kubectl = parseKubectl(stderr, new Set(files));
  }, 300_000);

  afterAll(() => {
    if (mock?.pid !== undefined && mock.exitCode === null) mock.kill('SIGTERM');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('kubectl ran and every error line names a corpus file', () => {
    expect(kubectl.get('<no file>')?.other ?? []).toEqual([]);
    expect(files.length).toBeGreaterThan(1000);
    expect(kubectl.size).toBeGreaterThan(100);
  });

  it('podlint rejects every manifest kubectl rejects, naming the same fields; where it is stricter, for a deliberate reason', () => {
    const counts = {
      filesCompared: files.length,
      kubectlRejects: 0,
      podlintRejectsToo: 0,
      customResourcesOnly: 0,
      kubectlNamedErrors: 0,
      podlintNamesSameField: 0,
      sameMessage: 0,
      documentsKubectlDidNotReach: 0,
      knownReaderGaps: 0,
    };
    const disagreements: string[] = [];
    const messageDifferences = new Set<string>();
    const stricter: Record<string, string[]> = {};
    const unexplained: string[] = [];
    const sameProblem = (q: SchemaProblem & { kind: string }, e: KubectlFile['errors'][number]) =>
      q.type === e.type &&
      kubectlPathOf(q) === e.path &&
      (e.type !== 'required' || e.message.includes(`"${q.field}"`)) &&
      (e.type !== 'unknown-field' || e.message.startsWith(`unknown field "${pointerTokens(q.path).pop()}" `));

    for (const f of files) {
      const k = kubectl.get(f) ?? { errors: [], other: [], unmapped: [] };
      const p = podlint.get(f)!;
      const rel = path.relative(corpus, f);
      if (KNOWN_READER_GAPS[rel] !== undefined) {
        expect(p.syntaxError, `${rel} does not parse now: remove it from KNOWN_READER_GAPS`).toBe(false);
        expect(k.other.length + k.errors.length, rel).toBeGreaterThan(0);
        counts.kubectlRejects++;
        counts.knownReaderGaps++;
        continue;
      }
      const custom = k.unmapped.filter((gvk) => !p.notServed.includes(gvk));
      for (const gvk of custom) if (!p.skipped.includes(gvk)) disagreements.push(`${rel}: kubectl cannot map ${gvk}; podlint neither skips it nor calls it not served`);
      const rejects = k.errors.length > 0 || k.other.length > 0 || k.unmapped.length > custom.length;
      if (rejects || custom.length > 0) counts.kubectlRejects++;
      if (!rejects && custom.length > 0) counts.customResourcesOnly++; // deliberate: podlint skips custom resources with a notice
      if (rejects) {
        if (p.valid) disagreements.push(`${rel}: kubectl rejects (${[...k.errors.map((e) => e.message), ...k.other].join('; ').slice(0, 300)}), podlint accepts`);
        else counts.podlintRejectsToo++;
      }

      // kubectl stops reading a file at the first document that fails validation or parsing.
      const docs = p.documents;
      let stop = docs.length - 1;
      const stopAt = (i: number, what: string) => {
        if (i < 0) disagreements.push(`${rel}: kubectl reports ${what}; podlint has no such document`);
        else stop = i;
      };
      if (k.errors.length > 0) {
        counts.kubectlNamedErrors += k.errors.length;
        stopAt(docs.findIndex((d) => k.errors.every((e) => d.problems.some((q) => sameProblem(q, e)))), k.errors.map((e) => `${e.path}: ${e.message}`).join(', '));
        for (const e of k.errors) {
          const q = docs[stop]?.problems.find((x) => sameProblem(x, e));
          if (!q) continue;
          counts.podlintNamesSameField++;
          if (q.message === e.message) counts.sameMessage++;
          else messageDifferences.add(`${e.message} | ${q.message}`);
        }
      } else if (k.other.some((o) => /apiVersion not set|kind not set/.test(o))) {
        stopAt(docs.findIndex((d) => d.notAnObject), 'a document without apiVersion or kind');
      } else if (k.other.some((o) => o.includes('error parsing'))) {
        stopAt(docs.findIndex((d) => d.syntaxError), 'a YAML syntax error');
      } else if (k.other.some((o) => o.includes('duplicate key'))) {
        stopAt(docs.findIndex((d) => d.duplicateKeys), 'a duplicate key');
      }
      if (k.other.some((o) => o.includes('unable to decode')) && !p.schemaProblems.some((q) => q.type === 'invalid-type')) {
        disagreements.push(`${rel}: kubectl cannot decode it (${k.other.join('; ').slice(0, 200)}); podlint finds no invalid type`);
      }
      counts.documentsKubectlDidNotReach += docs.length - 1 - stop;

      // Whatever podlint reports in the documents kubectl judged, beyond what kubectl names.
      for (const d of docs.slice(0, stop + 1)) {
        const extra: Array<SchemaProblem | 'duplicate-key'> = d.problems.filter((q) => !k.errors.some((e) => sameProblem(q, e)));
        if (d.duplicateKeys && !k.other.some((o) => o.includes('duplicate key'))) extra.push('duplicate-key');
        for (const q of extra) {
          const cat = Object.keys(STRICTER).find((c) => STRICTER[c]!.matches(q));
          const what = `${rel} document ${d.index}: ${q === 'duplicate-key' ? 'duplicate key' : `${q.path}: ${q.message}`}`;
          if (cat) (stricter[cat] ??= []).push(what);
          else unexplained.push(what);
        }
      }
    }
    for (const gvk of kubectl.get('<no file>')?.unmapped ?? []) {
      if (![...podlint.values()].some((v) => v.skipped.includes(gvk))) disagreements.push(`kubectl cannot map ${gvk}; podlint does not skip it anywhere`);
    }

    expect(disagreements).toEqual([]);
    expect(unexplained).toEqual([]);
    // The only wording differences: podlint names both JSON types a quantity or an int-or-string accepts.
    for (const both of messageDifferences) expect(both).toMatch(/expected "string" \| .*expected "(string or number|integer or string)"$/);
    // Pinned so that a regression (or a corpus change) shows.
    expect(counts).toMatchInlineSnapshot(`
      {
        "customResourcesOnly": 120,
        "documentsKubectlDidNotReach": 219,
        "filesCompared": 1179,
        "knownReaderGaps": 0,
        "kubectlNamedErrors": 203,
        "kubectlRejects": 400,
        "podlintNamesSameField": 203,
        "podlintRejectsToo": 280,
        "sameMessage": 203,
      }
    `);
    // Every case where podlint is stricter than kubectl's validator, by category (reasons in STRICTER).
    expect(stricter).toMatchInlineSnapshot(`
      {
        "duplicate-key": [
          "kube-linter/tests/checks/cel.yml document 4: duplicate key",
          "kubeconform/fixtures/duplicate_property.yaml document 0: duplicate key",
          "real/kubernetes-examples/_archived/openshift-origin/etcd-controller.yaml document 0: duplicate key",
          "real/kubernetes-examples/_archived/openshift-origin/etcd-discovery-controller.yaml document 0: duplicate key",
          "real/kubernetes-examples/_archived/openshift-origin/openshift-controller.yaml document 0: duplicate key",
          "real/kubernetes-examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml document 0: duplicate key",
          "real/kubernetes-examples/_archived/volumes/scaleio/sc-pvc.yaml document 0: duplicate key",
        ],
        "scalar-for-string": [
          "kube-linter/pkg/templates/kubeconform/testdata/demonset.yaml document 0: /spec/selector/matchLabels/k8s-app: invalid type for io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector.matchLabels: got "boolean", expected "string"",
        ],
      }
    `);
  }, 60_000);
});

if (skipReason !== undefined) {
  describe('kubectl oracle', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
