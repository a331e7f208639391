/**
 * overlapping-selectors and pod-adopted-by-controller find what selects what through a label index and
 * shared per-selector answers. The oracle here is the plain pairwise way (every controller against every
 * object): both must give exactly the same findings — on examples/, the test fixtures, all of
 * ../shared/corpus, the benchmark's shape, and random label sets and selectors.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import overlap from '../../../rules/overlapping-selectors.js';
import adopted from '../../../rules/pod-adopted-by-controller.js';
import {
  POD_ADOPTING_KINDS,
  controllerOf,
  controllerSelects,
  describeSelector,
  formatLabels,
  hasControllerRef,
  namespaceOf,
  objectLabel,
  stringLabels,
  type Controller,
} from '../../../rules/_runtime.js';
import { defineRule, type CrossObjectContext, type ObjectInfo, type Rule } from '../../../src/engine/rule.js';
import { groupOf } from '../../../src/engine/kinds.js';
import { BUILTIN_CHECKS } from '../../../src/engine/builtin.js';
import { runLint } from '../../../src/engine/run.js';
import { getAt } from '../../../src/source/locate.js';
import { parseManifestText } from '../../../src/source/manifests.js';
import { kindStatus, validateObject } from '../../../src/schema/validate.js';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../../../src/schema/versions.js';
import type { ManifestFile } from '../../../src/source/manifests.js';

// ---------------------------------------------------------------------------------------------
// The oracle: every pair, compared directly.

function pairwiseOverlap(all: ObjectInfo[], ctx: CrossObjectContext<'overlap', Record<string, never>>): void {
  const controllers = all.map(controllerOf).filter((c): c is Controller => c !== undefined);
  for (const owner of controllers) {
    const others = controllers.filter(
      (other) =>
        other.namespace === owner.namespace &&
        !(other.info.kind === owner.info.kind && other.info.name === owner.info.name) &&
        other.templateLabels !== undefined &&
        Object.keys(other.templateLabels).length > 0 &&
        controllerSelects(owner, other.templateLabels),
    );
    if (!others.length) continue;
    const described = others.slice(0, 3).map((o) => `${objectLabel(o.info)} (labels ${formatLabels(o.templateLabels)})`);
    if (others.length > 3) described.push(`and ${others.length - 3} more`);
    ctx.report({
      object: owner.info,
      messageId: 'overlap',
      path: owner.selectorPath,
      data: { selector: describeSelector(owner), owner: objectLabel(owner.info), others: described.join(', '), namespace: owner.namespace },
    });
  }
}

function pairwiseAdopted(all: ObjectInfo[], ctx: CrossObjectContext<'counted' | 'deleted' | 'daemon', Record<string, never>>): void {
  const controllers = all.map(controllerOf).filter((c): c is Controller => c !== undefined && POD_ADOPTING_KINDS.has(c.info.kind));
  for (const c of controllers) {
    for (const pod of all) {
      if (pod.kind !== 'Pod' || groupOf(pod.apiVersion) !== '' || hasControllerRef(pod)) continue;
      const labels = stringLabels(getAt(pod.object, '/metadata/labels'));
      if (!labels || Object.keys(labels).length === 0 || namespaceOf(pod) !== c.namespace || !controllerSelects(c, labels)) continue;
      const base = { pod: pod.name ?? '<unnamed>', labels: formatLabels(labels), selector: describeSelector(c), controller: objectLabel(c.info) };
      if (c.info.kind === 'DaemonSet') ctx.report({ object: pod, messageId: 'daemon', path: '/metadata/labels', data: base });
      else if ((c.replicas ?? 1) < 1) ctx.report({ object: pod, messageId: 'deleted', path: '/metadata/labels', data: { ...base, replicas: c.replicas ?? 0 } });
      else {
        const n = c.replicas ?? 1;
        const replicas = n === 1 ? '1 replica' : `${n} replicas`;
        const creates = n === 1 ? 'no pod' : n === 2 ? 'only 1 pod' : `only ${n - 1} pods`;
        ctx.report({ object: pod, messageId: 'counted', path: '/metadata/labels', data: { ...base, replicas, creates } });
      }
    }
  }
}

const oracles: Array<[Rule<string, any>, Rule<string, any>]> = [
  [overlap, defineRule({ ...overlap, objects: pairwiseOverlap })],
  [adopted, defineRule({ ...adopted, objects: pairwiseAdopted })],
];

// ---------------------------------------------------------------------------------------------

const root = path.resolve(import.meta.dirname, '../../..');
const corpus = path.resolve(root, '../shared/corpus');
const version = parseKubernetesVersion(DEFAULT_KUBERNETES_VERSION)!;

function lintWith(rule: Rule<string, any>, files: ManifestFile[]) {
  const result = runLint(files, { kubernetesVersion: version, rules: [...BUILTIN_CHECKS, rule], validate: validateObject, kindStatus });
  expect(result.internalError).toBe(false);
  return result.files.flatMap((f) => f.findings.filter((x) => x.ruleId === rule.meta.id).map((x) => ({ file: f.filePath, ...x })));
}

/** The findings without their related locations (the pairwise oracle gives none), after checking that each names an object the message names. */
function withoutRelated<T extends { message: string; related?: Array<{ message: string }> }>(found: T[]): Array<Omit<T, 'related'>> {
  return found.map(({ related, ...rest }) => {
    expect(related?.length).toBeGreaterThan(0);
    for (const r of related!) expect(rest.message).toContain(/(\S+ "[^"]*")/.exec(r.message)![1]);
    return rest;
  });
}

/** Both rules give the oracle's findings; returns the findings of each. */
function expectSameAsOracle(files: ManifestFile[]): Record<string, Array<{ message: string }>> {
  const found: Record<string, Array<{ message: string }>> = {};
  for (const [rule, oracle] of oracles) {
    const mine = withoutRelated(lintWith(rule, files));
    expect(mine).toEqual(lintWith(oracle, files));
    found[rule.meta.id] = mine;
  }
  return found;
}
const count = (found: Record<string, unknown[]>, id: string) => found[id]!.length;

function manifestFiles(dir: string): ManifestFile[] {
  const out: ManifestFile[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(e.name)) out.push(parseManifestText(fs.readFileSync(p, 'utf8'), p));
    }
  };
  walk(dir);
  return out;
}

/** The benchmark's shape: copies of the seed examples renamed myweb<i>-, so that many controllers share `app: web`. */
function seedCopies(copies: number): ManifestFile {
  const seeds = fs
    .readdirSync(path.join(root, 'examples'))
    .filter((f) => /^myweb.*\.yaml$/.test(f))
    .sort()
    .map((f) => fs.readFileSync(path.join(root, 'examples', f), 'utf8').trim());
  const docs: string[] = [];
  for (let i = 0; i < copies; i++) for (const s of seeds) docs.push(s.replace(/name: myweb-/g, `name: myweb${i}-`));
  return parseManifestText(docs.join('\n---\n') + '\n', 'seed-copies.yaml');
}

describe('cross-object rules: the index gives the pairwise findings', () => {
  it('on examples/ (one run)', () => {
    expect(count(expectSameAsOracle(manifestFiles(path.join(root, 'examples'))), 'overlapping-selectors')).toBeGreaterThan(0);
  });

  it('on the YAML fixtures under test/', () => {
    expectSameAsOracle(manifestFiles(path.join(root, 'test')).filter((f) => !f.filePath.includes(`${path.sep}golden${path.sep}`)));
  });

  it('on copies of the seed examples sharing their labels, with bare Pods that the controllers adopt', () => {
    const extra = parseManifestText(
      ['debug-a', 'debug-b'].map((n, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\n  labels: {app: web${i ? ', env: dev' : ''}}\nspec:\n  containers: [{name: c, image: x}]`).join('\n---\n'),
      'bare.yaml',
    );
    const found = expectSameAsOracle([seedCopies(40), extra]);
    expect(count(found, 'overlapping-selectors')).toBe(120);
    expect(found['overlapping-selectors']!.every((f) => / and \d+ more in namespace/.test(f.message))).toBe(true);
    expect(count(found, 'pod-adopted-by-controller')).toBe(40 * 3 + 40);
  });

  const haveCorpus = fs.existsSync(corpus);
  if (!haveCorpus) console.warn(`cross-object-oracle.test.ts: corpus cases skipped, ${corpus} is absent`);
  describe.skipIf(!haveCorpus)('on ../shared/corpus', () => {
    const folders = haveCorpus ? fs.readdirSync(corpus, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
    for (const folder of folders) {
      it(`${folder}/ (one run)`, () => {
        expectSameAsOracle(manifestFiles(path.join(corpus, folder)));
      }, 120_000);
    }
    it('all of it as one run (many unrelated manifests share `app: nginx` in "default")', () => {
      const found = expectSameAsOracle(manifestFiles(corpus));
      expect(count(found, 'overlapping-selectors')).toBeGreaterThan(100);
      expect(count(found, 'pod-adopted-by-controller')).toBeGreaterThan(0);
    }, 240_000);
  });
});

// ---------------------------------------------------------------------------------------------
// Random manifests: few names, namespaces, keys and values, so that copies, overlaps and "and N more" are common.

const keys = ['app', 'env', 'tier'];
const values = ['web', 'dev'];
const labelsArb = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values), { maxKeys: 3 });
const someLabelsArb = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values), { minKeys: 1, maxKeys: 3 });
const requirementArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('In', 'NotIn'), values: fc.uniqueArray(fc.constantFrom(...values, 'x'), { maxLength: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('Exists', 'DoesNotExist') }) },
  { weight: 1, arbitrary: fc.record({ key: fc.constantFrom(...keys), operator: fc.constant('Matches'), values: fc.constant(['web']) }) },
);
const labelSelectorArb = fc.record({ matchLabels: labelsArb, matchExpressions: fc.array(requirementArb, { maxLength: 3 }) }, { requiredKeys: [] });
const metadataArb = (labels: fc.Arbitrary<Record<string, string> | undefined>) =>
  fc.record(
    { name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), namespace: fc.constantFrom('default', 'default', 'other', ''), labels },
    { requiredKeys: ['name'] },
  );
const templateArb = fc.record({ metadata: fc.record({ labels: fc.oneof({ weight: 5, arbitrary: someLabelsArb }, { weight: 1, arbitrary: labelsArb }) }, { requiredKeys: [] }), spec: fc.constant({ containers: [{ name: 'c', image: 'x' }] }) });
const replicasArb = fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined });

const objectArb = fc.oneof(
  fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('ReplicationController'),
    metadata: metadataArb(fc.constant(undefined)),
    spec: fc.record({ replicas: replicasArb, selector: labelsArb, template: templateArb }, { requiredKeys: ['template'] }),
  }),
  fc.record({
    apiVersion: fc.constant('apps/v1'),
    kind: fc.constantFrom('ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet'),
    metadata: metadataArb(fc.constant(undefined)),
    spec: fc.record({ replicas: replicasArb, selector: labelSelectorArb, template: templateArb }, { requiredKeys: ['selector', 'template'] }),
  }),
  fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Pod'),
    metadata: fc.tuple(metadataArb(fc.oneof(someLabelsArb, labelsArb)), fc.boolean()).map(([m, owned]) =>
      owned ? { ...m, ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'a', uid: 'u', controller: true }] } : m,
    ),
    spec: fc.constant({ containers: [{ name: 'c', image: 'x' }] }),
  }),
);

describe('cross-object rules: random label sets and selectors', () => {
  it('give the pairwise findings (In/NotIn/Exists/DoesNotExist, empty and defaulted selectors, absent namespaces, copies of one object)', () => {
    const seen = { overlap: 0, more: 0, adopted: 0 };
    fc.assert(
      fc.property(fc.array(objectArb, { minLength: 4, maxLength: 30 }), (objects) => {
        const text = objects.map((o) => JSON.stringify(o)).join('\n---\n');
        const file = parseManifestText(text, 'random.yaml');
        const found = expectSameAsOracle([file]);
        seen.overlap += count(found, 'overlapping-selectors');
        seen.adopted += count(found, 'pod-adopted-by-controller');
        if (found['overlapping-selectors']!.some((f) => / and \d+ more in namespace/.test(f.message))) seen.more++;
      }),
      { numRuns: 300, seed: 20261204 },
    );
    // The generator reaches the cases that matter.
    expect(seen.overlap).toBeGreaterThan(100);
    expect(seen.adopted).toBeGreaterThan(100);
    expect(seen.more).toBeGreaterThan(5);
  });
});
