/**
 * One defect, one finding: over examples/, the test fixtures and all of ../shared/corpus, no two findings
 * of different rules stand on the same object and node — or on a node and its parent — for the same
 * cause. Pairs that do share a place but have different causes are listed below, each with its reason;
 * any other pair fails the test (keep the more precise finding: `supersedes` in its rule's meta).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintInputs, prepareLintInputs, lintText, resolveLintOptions } from '../../src/lint.js';
import { expandPaths, readInputFile } from '../../src/source/read.js';
import type { Finding } from '../../src/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus');
const haveCorpus = fs.existsSync(corpus);
if (!haveCorpus) console.warn(`test/engine/one-defect.test.ts: ${corpus} is absent; auditing examples/ and test fixtures only`);

/** A rule pair that may share a node (or a node and its parent): different causes. '*' stands for any other rule. */
interface DifferentCauses {
  rule: string;
  other: string;
  reason: string;
}
const DIFFERENT_CAUSES: DifferentCauses[] = [
  { rule: 'liveness-probe-missing', other: '*', reason: 'reported at the container for a probe it lacks; a finding about one of the container\'s fields has a cause of its own' },
  { rule: 'readiness-probe-missing', other: '*', reason: 'reported at the container for a probe it lacks; a finding about one of the container\'s fields has a cause of its own' },
  { rule: 'liveness-with-restart-never', other: '*', reason: 'about the pod\'s restartPolicy, reported at the probe; what is wrong inside the probe, or its likeness to the readiness probe, is another cause' },
  { rule: 'liveness-same-as-readiness', other: '*', reason: 'about two probes being one check; a bad value inside one of them is another cause' },
];

function explained(a: string, b: string): DifferentCauses | undefined {
  return DIFFERENT_CAUSES.find((d) => (d.rule === a && (d.other === b || d.other === '*')) || (d.rule === b && (d.other === a || d.other === '*')));
}

type Relation = 'same node' | 'node and parent';
function relation(a: string, b: string): Relation | undefined {
  if (a === b) return 'same node';
  const [parent, child] = a.length < b.length ? [a, b] : [b, a];
  if (child.startsWith(parent + '/') && !child.slice(parent.length + 1).includes('/')) return 'node and parent';
  return undefined;
}

/** Pairs of findings of different rules on one object that share a node, or a node and its parent. */
function sharedPlaces(files: Array<{ filePath: string; findings: Finding[] }>): Array<{ rules: [string, string]; relation: Relation; where: string }> {
  const out: Array<{ rules: [string, string]; relation: Relation; where: string }> = [];
  for (const f of files) {
    const byObject = new Map<string, Finding[]>();
    for (const x of f.findings) {
      if (!x.object || !x.ruleId) continue;
      const key = `${x.object.documentIndex}/${x.object.listIndex ?? ''}`;
      let list = byObject.get(key);
      if (!list) byObject.set(key, (list = []));
      list.push(x);
    }
    for (const list of byObject.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i]!;
          const b = list[j]!;
          if (a.ruleId === b.ruleId) continue;
          const rel = relation(a.path, b.path);
          if (!rel) continue;
          const rules = [a.ruleId!, b.ruleId!].sort() as [string, string];
          out.push({ rules, relation: rel, where: `${path.relative(root, f.filePath)}:${a.line}:${a.column} ${a.path} / ${b.path}` });
        }
      }
    }
  }
  return out;
}

describe('one defect, one finding', () => {
  it('no two rules report the same cause at one node of examples/, the test fixtures and ../shared/corpus', async () => {
    const resolved = await resolveLintOptions({ config: false });
    const roots = [path.join(root, 'examples'), path.join(root, 'test/engine/fixtures'), path.join(root, 'test/fix/fixtures'), ...(haveCorpus ? [corpus] : [])];
    const { files } = expandPaths(roots, { cwd: root });
    const inputs = files.map(readInputFile);
    await prepareLintInputs(inputs, resolved);
    const result = lintInputs(inputs, resolved);
    expect(result.internalError).toBe(false);
    const pairs = sharedPlaces(result.files);
    const unexplained = pairs.filter((p) => !explained(...p.rules));
    // One example of each unexplained pair of rules, to read.
    const byRules = new Map<string, string>();
    for (const p of unexplained) if (!byRules.has(p.rules.join(' + '))) byRules.set(p.rules.join(' + '), `${p.relation}: ${p.where}`);
    expect(Object.fromEntries(byRules)).toEqual({});
    // Every listed pair still occurs: a stale entry would hide nothing and explain nothing.
    if (haveCorpus) {
      for (const d of DIFFERENT_CAUSES) expect(pairs.some((p) => explained(...p.rules) === d), `${d.rule} + ${d.other}`).toBe(true);
    }
  }, 240_000);

  it('a container without a name: Kubernetes\' "Required value" only, not the schema\'s "missing required field" too', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: nginx:1.25\n    ports:\n    - name: http\n';
    const r = await lintText(text, 'p.yaml', { rules: { 'liveness-probe-missing': 'off', 'readiness-probe-missing': 'off', 'resource-limits-missing': 'off', 'resource-requests-missing': 'off', 'pull-policy-not-always': 'off', 'bare-pod': 'off' } });
    expect(r.files[0]!.findings.map((f) => [f.ruleId, f.message, f.line, f.column])).toEqual([
      ['invalid-container-name', 'spec.containers[0].name: Required value', 7, 5],
      ['invalid-container-port', 'spec.containers[0].ports[0].containerPort: Required value', 9, 7],
    ]);
  });

  it('without the precise rule, the schema\'s finding is kept (a rule that is off supersedes nothing)', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: nginx:1.25\n';
    const r = await lintText(text, 'p.yaml', { rules: { 'invalid-container-name': 'off' } });
    const f = r.files[0]!.findings.filter((x) => x.ruleId === 'required-field');
    expect(f.map((x) => [x.message, x.line, x.column])).toEqual([['missing required field "name" in io.k8s.api.core.v1.Container', 7, 5]]);
  });

  it('an apps/v1 selector: missing is one finding; labels written straight under it are unknown fields, not also an empty selector', async () => {
    const base = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n';
    const tpl = '  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: web, image: nginx:1.25}\n';
    const ids = (r: Awaited<ReturnType<typeof lintText>>) => r.files[0]!.findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.line, f.column]);
    expect(ids(await lintText(base + tpl, 'd.yaml'))).toEqual([['selector-mismatch', 5, 1]]);
    expect(ids(await lintText(base + '  selector:\n    app: web\n' + tpl, 'd.yaml'))).toEqual([['unknown-field', 7, 5]]);
  });
});
