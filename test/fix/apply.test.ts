/** applyFix: one fix descriptor → a minimal, verified text edit (or the Document API, or nothing). */
import { describe, expect, it } from 'vitest';
import { applyFix, applyFixes, type TargetedFix } from '../../src/fix/apply.js';
import { parseYaml } from '../../src/source/yaml.js';

const set = (path: string, value: unknown, documentIndex = 0, basePointer = ''): TargetedFix => ({ documentIndex, basePointer, fix: { path, op: 'set', value } });
const remove = (path: string, documentIndex = 0, basePointer = ''): TargetedFix => ({ documentIndex, basePointer, fix: { path, op: 'remove' } });
const value = (text: string, i = 0) => parseYaml(text).documents[i]!.value;

describe('scalars', () => {
  it('replaces only the scalar, keeping its trailing comment', () => {
    expect(applyFix('a:\n  b: x   # why\n  c: 1\n', set('/a/b', 'Always'))).toBe('a:\n  b: Always   # why\n  c: 1\n');
  });
  it('quotes strings Kubernetes would read as something else (YAML 1.1)', () => {
    for (const s of ['yes', 'on', 'true', '1.0', '0777', '1_000', 'null', '~', '', 'a b', 'x: y', '#x', '- x']) {
      const out = applyFix('k: v\n', set('/k', s))!;
      expect(out, s).toBe(`k: ${JSON.stringify(s)}\n`);
      expect(value(out)).toEqual({ k: s });
    }
    expect(applyFix('k: v\n', set('/k', 'nginx:1.27'))).toBe('k: nginx:1.27\n');
    expect(applyFix('k: v\n', set('/k', 3))).toBe('k: 3\n');
    expect(applyFix('k: v\n', set('/k', false))).toBe('k: false\n');
  });
  it('writes after the colon of an empty value', () => {
    expect(applyFix('a:\n  b:\n  c: 1\n', set('/a/b', 'x'))).toBe('a:\n  b: x\n  c: 1\n');
  });
  it('sets a sequence item', () => {
    expect(applyFix('l:\n- a\n- b\n', set('/l/1', 'c'))).toBe('l:\n- a\n- c\n');
  });
  it('keeps a JSON file JSON', () => {
    expect(applyFix('{"a": {"b": "x"}}', set('/a/b', 'yes'))).toBe('{"a": {"b": "yes"}}');
  });
});

describe('inserting keys', () => {
  it('adds a scalar at the mapping entries\' indentation, after the last entry and its nested lines', () => {
    const text = 'spec:\n    template:\n        x: 1\n    # a comment about z\n    z: [1,\n      2]\nother: 1\n';
    expect(applyFix(text, set('/spec/r', 'Always'))).toBe('spec:\n    template:\n        x: 1\n    # a comment about z\n    z: [1,\n      2]\n    r: Always\nother: 1\n');
  });
  it('adds a block for an object value, in the file\'s style', () => {
    expect(applyFix('s:\n    a: 1\n', set('/s/sel', { matchLabels: { app: 'web' }, list: ['x', { k: 'v', w: 'y' }] }))).toBe(
      's:\n    a: 1\n    sel:\n        matchLabels:\n            app: web\n        list:\n            - x\n            - k: v\n              w: "y"\n',
    );
    // kubectl's style: sequences not indented under their key.
    expect(applyFix('s:\n  c:\n  - a\n', set('/s/l', ['x']))).toBe('s:\n  c:\n  - a\n  l:\n  - x\n');
  });
  it('adds to a mapping that is a sequence item', () => {
    expect(applyFix('l:\n  - name: a\n    image: b\n', set('/l/0/x', 'z'))).toBe('l:\n  - name: a\n    image: b\n    x: z\n');
  });
  it('adds at the end of a file without a final newline, keeping it so', () => {
    expect(applyFix('a:\n  b: 1', set('/a/c', 2))).toBe('a:\n  b: 1\n  c: 2');
  });
  it('replaces a null with a block', () => {
    expect(applyFix('a:\n  s: null # none\n  t: 1\n', set('/a/s', { k: 'v' }))).toBe('a:\n  s:\n    k: v # none\n  t: 1\n');
  });
  it('adds to flow mappings, YAML and multi-line JSON', () => {
    expect(applyFix('a: {b: 1}\n', set('/a/c', { d: 'yes' }))).toBe('a: {b: 1, c: {d: "yes"}}\n');
    expect(applyFix('{\n  "a": {\n    "b": 1\n  }\n}\n', set('/a/c', { d: 2 }))).toBe('{\n  "a": {\n    "b": 1,\n    "c": {\n      "d": 2\n    }\n  }\n}\n');
  });
  it('targets the right document and List item', () => {
    const text = 'a: 1\n---\nkind: List\nitems:\n- x: 1\n- x: 2\n';
    expect(applyFix(text, set('/z', 3, 1, '/items/1'))).toBe('a: 1\n---\nkind: List\nitems:\n- x: 1\n- x: 2\n  z: 3\n');
  });
  it('keeps a byte order mark', () => {
    expect(applyFix('\ufeffa:\n  b: 1\n', set('/a/c', 2))).toBe('\ufeffa:\n  b: 1\n  c: 2\n');
  });
});

describe('removing', () => {
  it('deletes an entry\'s lines, nested ones included', () => {
    expect(applyFix('a:\n  b:\n    c: 1\n    d: [1,\n      2]\n  e: 2\n', remove('/a/b'))).toBe('a:\n  e: 2\n');
  });
  it('deletes a sequence item', () => {
    expect(applyFix('l:\n- a: 1\n  b: 2\n- c\n', remove('/l/0'))).toBe('l:\n- c\n');
  });
});

describe('the Document API fallback', () => {
  it('removes from a flow mapping', () => {
    const out = applyFix('# c\na: {b: 1, c: 2}\n', remove('/a/b'))!;
    expect(out).toContain('# c');
    expect(value(out)).toEqual({ a: { c: 2 } });
  });
  it('fills an empty flow mapping', () => {
    const out = applyFix('a: {}\nb: yes\n', set('/a/k', 'on'))!;
    expect(value(out)).toEqual({ a: { k: 'on' }, b: true });
  });
  it('replaces a collection, keeping the other scalars as they were written', () => {
    const out = applyFix('x: 0777\nz: yes\nsel:\n  a: 1\n', set('/sel', { b: 'true' }))!;
    expect(value(out)).toEqual({ x: 511, z: true, sel: { b: 'true' } });
    expect(out).toContain('x: 0777');
  });
  it('removes the only entry of a block mapping', () => {
    expect(value(applyFix('a:\n  b: 1\nc: 2\n', remove('/a/b'))!)).toEqual({ a: {}, c: 2 });
  });
  it('works on one document of several, leaving the others byte for byte', () => {
    const other = '# first\nk:    v   # spaced\n';
    const out = applyFix(`${other}---\na: {}\n`, set('/a/k', 1, 1))!;
    expect(out.startsWith(`${other}---\n`)).toBe(true);
    expect(value(out, 1)).toEqual({ a: { k: 1 } });
  });
});

describe('refusing', () => {
  it('skips what changes nothing or has nowhere to go', () => {
    expect(applyFix('a: 1\n', set('/a', 1))).toBeUndefined();
    expect(applyFix('a: 1\n', remove('/b'))).toBeUndefined();
    expect(applyFix('a: 1\n', set('/x/y', 1))).toBeUndefined();
    expect(applyFix('a: 1\n', set('/a/y', 1))).toBeUndefined();
    expect(applyFix('a: 1\n', set('/a', 2, 3))).toBeUndefined();
    expect(applyFix('a: [\n', set('/a', 2))).toBeUndefined();
  });
  it('does not edit an anchor through an alias or a merged key', () => {
    // Setting b.x through the merge would change a.x too: the edit is checked and refused, or done on b only.
    const text = 'a: &base\n  x: 1\nb:\n  <<: *base\n  w: 2\n';
    const out = applyFix(text, set('/b/x', 5));
    if (out !== undefined) expect(value(out)).toEqual({ a: { x: 1 }, b: { x: 5, w: 2 } });
    const out2 = applyFix('a: &v OnFailure\nb: *v\n', set('/b', 'Always'));
    if (out2 !== undefined) expect(value(out2)).toEqual({ a: 'OnFailure', b: 'Always' });
  });
});

describe('applyFixes', () => {
  it('applies several fixes to one file, each on the text the previous one left', () => {
    const text = 'a:\n  b: 1\nc:\n  d: 2\n';
    const r = applyFixes(text, [set('/a/b', 3), set('/c/e', { f: 1 }), remove('/zz'), set('/a/g', 'h')]);
    expect(r.output).toBe('a:\n  b: 3\n  g: h\nc:\n  d: 2\n  e:\n    f: 1\n');
    expect(r.applied.length).toBe(3);
    expect(r.skipped.map((s) => s.fix.path)).toEqual(['/zz']);
  });
});

describe('applyFixes in one go', () => {
  it('applies the edits of many documents together', () => {
    const doc = (i: number) => `kind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure # ${i}\n`;
    const text = Array.from({ length: 300 }, (_, i) => doc(i)).join('---\n');
    const fixes = Array.from({ length: 300 }, (_, i) => [set('/spec/template/spec/restartPolicy', 'Always', i), set('/spec/selector', { matchLabels: { app: `web-${i}` } }, i)]).flat();
    const t0 = performance.now();
    const r = applyFixes(text, fixes);
    const ms = performance.now() - t0;
    expect(r.applied.length).toBe(600);
    expect(r.output).toBe(Array.from({ length: 300 }, (_, i) => doc(i).replace('OnFailure', 'Always') + `  selector:\n    matchLabels:\n      app: web-${i}\n`).join('---\n'));
    // One parse for the plan and one for the check, not one per fix (that took minutes for 1,000 fixes).
    expect(ms).toBeLessThan(10_000);
  });
  it('defers an edit that overlaps another and applies it on the result', () => {
    const r = applyFixes('a:\n  b: 1\n  c: 2\nd: 3\n', [set('/a/b', 5), remove('/a'), set('/e', 'x')]);
    expect(r.output).toBe('d: 3\ne: x\n');
    expect(r.applied.map((f) => f.fix.op)).toEqual(['set', 'set', 'remove']);
  });
  it('falls back to one fix at a time when the combined edit does not read back', () => {
    // Two fixes insert the same key with different values: together they make a duplicate key.
    const r = applyFixes('a:\n  b: 1\n', [set('/a/k', 1), set('/a/k', 2)]);
    expect(value(r.output)).toEqual({ a: { b: 1, k: 2 } });
    expect(r.output).toBe('a:\n  b: 1\n  k: 2\n');
  });
});
