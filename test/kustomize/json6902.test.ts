import { describe, expect, it } from 'vitest';
import { applyJson6902 } from '../../src/kustomize/json6902.js';
import { locateBuilt } from '../../src/kustomize/origin.js';
import { KustomizeError } from '../../src/kustomize/resource.js';
import { kubectlMissing, kustomize, plain, tracked, trackedValue } from './patch-oracle.js';

const base = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  a: "1"
  list: x
spec:
  arr: [1, 2, 3]
  m: {k: v, "a/b": 1, "t~": 2}
`;

/** Cases checked against kubectl kustomize: [name, operations as YAML]. */
const cases: Array<[string, string]> = [
  [
    'add, replace, move, copy, test and remove',
    `- {op: add, path: /spec/arr/-, value: 4}
- {op: add, path: /spec/arr/0, value: 0}
- {op: replace, path: /data/a, value: "2"}
- {op: move, from: /data/list, path: /data/moved}
- {op: copy, from: /spec/m, path: /spec/m2}
- {op: test, path: /data/a, value: "2"}
- {op: remove, path: /spec/arr/1}`,
  ],
  ['escaped pointer tokens', `- {op: replace, path: /spec/m/a~1b, value: 5}\n- {op: remove, path: /spec/m/t~0}`],
  ['add replaces an existing key', `- {op: add, path: /spec/m/k, value: new}`],
  ['add a whole map', `- op: add\n  path: /spec/new\n  value: {x: [1, {y: 2}]}`],
  ['negative and zero-padded indices', `- {op: add, path: /spec/arr/-1, value: 8}\n- {op: add, path: /spec/arr/01, value: 9}\n- {op: remove, path: /spec/arr/-2}`],
  ['replace of a missing key adds it', `- {op: replace, path: /spec/nope, value: 1}`],
  ['copy from a missing key copies null', `- {op: copy, from: /spec/none, path: /spec/x}`],
  ['replace with null', `- {op: replace, path: /spec/m, value: null}`],
  ['test of an object passes with a subset', `- {op: test, path: /spec/m, value: {k: v}}\n- {op: test, path: /spec/missing, value: null}`],
  ['add under a missing parent: error', `- {op: add, path: /spec/nope/x, value: 4}`],
  ['remove a missing key: error', `- {op: remove, path: /spec/nope}`],
  ['remove under a missing parent: error', `- {op: remove, path: /spec/nope/deeper}`],
  ['replace under a missing parent: error', `- {op: replace, path: /spec/nope/deeper, value: 1}`],
  ['replace past the end of an array: error', `- {op: replace, path: /spec/arr/7, value: 1}`],
  ['remove past the end of an array: error', `- {op: remove, path: /spec/arr/7}`],
  ['add past the end of an array: error', `- {op: add, path: /spec/arr/9, value: 4}`],
  ['add at a non-numeric index: error', `- {op: add, path: /spec/arr/x, value: 4}`],
  ['a failed test: error', `- {op: test, path: /data/a, value: "9"}`],
  ['an unknown op: error', `- {op: bogus, path: /spec/arr/9, value: 4}`],
  ['move from a missing key: error', `- {op: move, from: /spec/none, path: /spec/x}`],
  ['move into itself: error', `- {op: move, from: /spec/m, path: /spec/m/x}`],
  ['add without a path: error', `- {op: add, value: new}`],
  ['add at the root: error', `- {op: add, path: "", value: {a: 1}}`],
];

function mine(ops: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: plain(applyJson6902(tracked(base, 'base.yaml')[0]!, trackedValue(ops, 'patch.yaml') as unknown[])) };
  } catch (e) {
    if (e instanceof KustomizeError) return { ok: false, error: e.message };
    throw e;
  }
}

describe('applyJson6902 against kubectl kustomize', () => {
  if (kubectlMissing) it.skip(kubectlMissing, () => {});
  for (const [name, ops] of cases) {
    it.skipIf(!!kubectlMissing)(name, () => {
      const want = kustomize({
        'kustomization.yaml': 'resources: [base.yaml]\npatches:\n- path: patch.yaml\n  target: {kind: ConfigMap}\n',
        'base.yaml': base,
        'patch.yaml': ops + '\n',
      });
      const got = mine(ops);
      if (!want.ok) {
        expect(got.ok, `kustomize failed (${want.error}) but applyJson6902 did not`).toBe(false);
        if (!got.ok) expect(want.error.replace(/\\"/g, '"')).toContain(got.error);
        return;
      }
      expect(got).toEqual({ ok: true, value: want.objects[0] });
    });
  }
});

describe('applyJson6902', () => {
  const ops = `- {op: replace, path: /data/a, value: "2"}
- op: add
  path: /spec/new
  value: {x: 1}
- {op: move, from: /data/list, path: /data/moved}
- {op: add, path: /spec/arr/0, value: 0}`;

  it('gives written values the operation value origin and keeps the others', () => {
    const r = applyJson6902(tracked(base, 'base.yaml')[0]!, trackedValue(ops, 'patch.yaml') as unknown[]);
    // trackedValue indents the operations under a two-line header: operation line N is file line N + 2.
    expect(locateBuilt(r, '/data/a')!.origin).toMatchObject({ filePath: 'patch.yaml', line: 3 });
    expect(locateBuilt(r, '/spec/new/x')!.origin).toMatchObject({ filePath: 'patch.yaml', line: 6 });
    expect(locateBuilt(r, '/data/moved')!.origin).toMatchObject({ filePath: 'base.yaml', line: 7 });
    expect(locateBuilt(r, '/spec/arr/0')!.origin).toMatchObject({ filePath: 'patch.yaml', line: 8 });
    expect(locateBuilt(r, '/spec/arr/1')!.origin).toMatchObject({ filePath: 'base.yaml', line: 9 });
    expect(locateBuilt(r, '/metadata/name')!.origin).toMatchObject({ filePath: 'base.yaml', line: 4 });
  });

  it('keeps origins through copy and remove', () => {
    const r = applyJson6902(tracked(base, 'base.yaml')[0]!, trackedValue(`- {op: copy, from: /data/a, path: /data/c}\n- {op: remove, path: /spec/arr/0}\n- {op: copy, from: /spec/m, path: /spec/m3}`, 'patch.yaml') as unknown[]);
    expect(locateBuilt(r, '/data/c')!.origin).toMatchObject({ filePath: 'base.yaml', line: 6 });
    expect((r as any).spec.arr).toEqual([2, 3]);
    expect(locateBuilt(r, '/spec/arr/0')!.origin).toMatchObject({ filePath: 'base.yaml', line: 9, column: 12 });
    expect(locateBuilt(r, '/spec/m3/k')!.origin).toMatchObject({ filePath: 'base.yaml', line: 10 });
  });

  it('does not change the target', () => {
    const t = tracked(base, 'base.yaml')[0]!;
    const before = plain(t);
    applyJson6902(t, trackedValue(ops, 'patch.yaml') as unknown[]);
    expect(plain(t)).toEqual(before);
  });

  it('locates a failing operation at its path', () => {
    try {
      applyJson6902(tracked(base, 'base.yaml')[0]!, trackedValue(`- {op: add, path: /spec/arr/0, value: 0}\n- {op: remove, path: /spec/nope}`, 'patch.yaml') as unknown[]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KustomizeError);
      expect((e as KustomizeError).message).toBe("error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value");
      expect((e as KustomizeError).origin).toMatchObject({ filePath: 'patch.yaml', line: 4 });
    }
  });
});
