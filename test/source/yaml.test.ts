import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseYaml, EXCESSIVE_ALIASING_MESSAGE, MERGE_WANTS_MAP } from '../../src/source/yaml.js';
import { resolvePlainScalar } from '../../src/source/scalars.js';
import { parseManifestText } from '../../src/source/manifests.js';
import { locate } from '../../src/source/locate.js';
import { fastEvents } from '../../src/source/fast-events.js';

describe('scalars are resolved as the API server decodes YAML (go-yaml v2, YAML 1.1)', () => {
  it.each([
    ['yes', true], ['Yes', true], ['on', true], ['ON', true], ['y', true], ['true', true],
    ['no', false], ['off', false], ['n', false], ['False', false],
    ['~', null], ['null', null], ['', null],
    ['0777', 511], ['0x1F', 31], ['0o17', 15], ['0b101', 5], ['1_000', 1000], ['-12', -12], ['+7', 7],
    ['1.5', 1.5], ['1e3', 1000], ['.5', 0.5], ['08', 8],
    ['2001-12-14', '2001-12-14'], ['1:20', '1:20'], ['nginx', 'nginx'], ['0.0.1', '0.0.1'], ['100m', '100m'],
  ])('%j → %j', (text, expected) => {
    expect(resolvePlainScalar(text)).toEqual(expected);
  });

  it('quoted scalars stay strings', () => {
    const d = parseYaml('a: "yes"\nb: \'0777\'\nc: !!str 12\n').documents[0]!;
    expect(d.value).toEqual({ a: 'yes', b: '0777', c: '12' });
  });

  it('turns non-string keys into strings like sigs.k8s.io/yaml (y: becomes "true")', () => {
    expect(parseYaml('80: http\ny: 1\n').documents[0]!.value).toEqual({ '80': 'http', true: 1 });
  });
});

describe('documents', () => {
  it('reads several documents and skips empty and comment-only ones', () => {
    const p = parseYaml('---\n# only a comment\n---\na: 1\n---\n---\nb: 2\n...\n');
    const values = p.documents.map((d) => d.value).filter((v) => v !== undefined);
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('a syntax error fails only its own document, at its line and column', () => {
    const p = parseYaml('a: 1\n---\nb: [1, 2\n---\nc: 3\n');
    expect(p.documents.map((d) => d.value)).toEqual([{ a: 1 }, undefined, { c: 3 }]);
    const bad = p.documents[1]!;
    expect(bad.fatal?.kind).toBe('syntax');
    expect(p.lines.position(bad.fatal!.offset).line).toBe(3);
  });

  it('reports tab indentation', () => {
    const p = parseYaml('a:\n\tb: 1\n');
    expect(p.documents[0]!.fatal?.message).toMatch(/tab/);
    expect(p.lines.position(p.documents[0]!.fatal!.offset)).toEqual({ line: 2, column: 1 });
  });

  it('reports duplicate keys at the repeated key and keeps the last value', () => {
    const p = parseYaml('metadata:\n  labels:\n    app: web\n    app: api\n');
    const d = p.documents[0]!;
    expect(d.value).toEqual({ metadata: { labels: { app: 'api' } } });
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]!.message).toBe('key "app" already set in map');
    expect(p.lines.position(d.problems[0]!.offset)).toEqual({ line: 4, column: 5 });
  });

  it('expands merge keys and aliases', () => {
    const p = parseYaml('base: &b {cpu: 1, mem: 2}\nx:\n  <<: *b\n  mem: 3\n');
    expect(p.documents[0]!.value).toEqual({ base: { cpu: 1, mem: 2 }, x: { cpu: 1, mem: 3 } });
    expect(p.documents[0]!.problems).toEqual([]);
  });

  it('refuses a merge of anything but a map or a sequence of maps, as go-yaml v2 does', () => {
    for (const text of ['env: &e [a, b]\nx:\n  <<: *e\n', 'x:\n  <<: 3\n', 'a: &a {k: 1}\nx:\n  <<: [*a, 2]\n']) {
      expect(parseYaml(text).documents[0]!.fatal?.message, text).toBe(MERGE_WANTS_MAP);
    }
    expect(parseYaml('a: &a {k: 1}\nb: &b {k: 2, j: 3}\nx:\n  <<: [*a, *b]\n').documents[0]!.value).toMatchObject({ x: { k: 1, j: 3 } });
  });

  it('refuses an alias bomb with the API server decoder\'s message', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const p = parseYaml(levels.join('\n') + '\n');
    expect(p.documents[0]!.fatal?.message).toBe(EXCESSIVE_ALIASING_MESSAGE);
  });

  it('reads JSON with positions', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {"containers": [{"name": "a", "image": "x"}]}\n}\n';
    const p = parseYaml(text);
    const d = p.documents[0]!;
    const l = locate(d, '/spec/containers/0/image');
    expect(p.lines.position(l.span[0])).toEqual({ line: 4, column: 50 });
  });
});

describe('a block scalar that ends the text without a line break (go-yaml: no final line break)', () => {
  // Expected values worked out from go-yaml's scannerc.go (yaml_parser_scan_block_scalar, read_line):
  // a line break is kept only where the text has one.
  const cases: [string, unknown][] = [
    ['data:\n  a: |\n    x', { data: { a: 'x' } }],
    ['a: >\n  x', { a: 'x' }],
    ['a: |+\n  x', { a: 'x' }],
    ['a: |-\n  x', { a: 'x' }],
    ['a: >\n  x\n\n  y', { a: 'x\ny' }],
    ['a: >\n  x\n   y', { a: 'x\n y' }],
    ['a: |\n  x  ', { a: 'x  ' }],
    ['a: |\r\n  x', { a: 'x' }],
    ['- |\n  x', ['x']],
    // A last line of spaces past the indentation is content; one not past it is not.
    ['a: |\n  x\n   ', { a: 'x\n ' }],
    ['a: |\n  x\n  ', { a: 'x\n' }],
    // Keep chomping with no content: only the line breaks the text holds.
    ['a: |+\n\n ', { a: '\n' }],
    ['a: |+\n ', { a: '' }],
  ];
  it.each(cases)('%j (fast path) → %j', (text, expected) => {
    expect(fastEvents(text), 'the fast path reads it').toBeDefined();
    expect(parseYaml(text).documents[0]!.value).toEqual(expected);
  });
  it.each(cases)('%j behind an anchor (js-yaml path) → the same', (text, expected) => {
    // An anchor on the root sends the text to js-yaml's own events; the value must not change.
    const anchored = `&r\n${text}`;
    expect(fastEvents(anchored), 'left to js-yaml').toBeUndefined();
    expect(parseYaml(anchored).documents[0]!.value).toEqual(expected);
  });
  it('a tagged block scalar: the tag applies to go-yaml\'s text', () => {
    expect(parseYaml('a: !!str |\n  x').documents[0]!.value).toEqual({ a: 'x' });
  });
  it('keeps the line break a document before `---` has, also at a batch boundary, and one at the end of the text', () => {
    expect(parseYaml('a: |\n  x\n---\nb: |\n  y').documents.map((d) => d.value)).toEqual([{ a: 'x\n' }, { b: 'y' }]);
    expect(parseYaml('a: |\n  x\n').documents[0]!.value).toEqual({ a: 'x\n' });
    expect(parseYaml('a: |+\n  x\n\n').documents[0]!.value).toEqual({ a: 'x\n\n' });
    // 64 documents a batch: the 64th ends its chunk just before a `---` line.
    const docs = Array.from({ length: 65 }, (_, i) => `i: ${i}\nt: |\n  x\n`).join('---\n');
    const values = parseYaml(docs.slice(0, -1)).documents.map((d) => (d.value as { t: string }).t);
    expect(values).toEqual([...Array(64).fill('x\n'), 'x']);
  });
  it('counts the JSON size of the value it keeps', () => {
    expect(parseYaml('a: |\n  x').documents[0]!.jsonBytes).toBe(JSON.stringify({ a: 'x' }).length);
  });
});

describe('locating JSON pointers', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: ReplicaSet',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: "nginx:1.27"',
    '          livenessProbe:',
    '            httpGet: {path: /, port: 8080}',
    '',
  ].join('\n');
  const p = parseYaml(text);
  const d = p.documents[0]!;
  const at = (ptr: string, t: 'key' | 'value' | 'auto' = 'auto') => {
    const l = locate(d, ptr, t);
    return { ...p.lines.position(l.span[0]), exact: l.exact };
  };

  it('finds nested scalars at their value', () => {
    expect(at('/spec/template/spec/containers/0/livenessProbe/httpGet/port')).toEqual({ line: 10, column: 38, exact: true });
    expect(at('/spec/template/spec/containers/0/image')).toEqual({ line: 8, column: 18, exact: true });
  });
  it('finds collections at their key, and keys on request', () => {
    expect(at('/spec/template/spec/containers/0/livenessProbe')).toEqual({ line: 9, column: 11, exact: true });
    expect(at('/spec/template/spec/containers/0/image', 'key')).toEqual({ line: 8, column: 11, exact: true });
  });
  it('finds a sequence item at its start', () => {
    expect(at('/spec/template/spec/containers/0')).toEqual({ line: 7, column: 11, exact: true });
  });
  it('puts a missing field at its nearest parent', () => {
    expect(at('/spec/template/spec/containers/0/readinessProbe')).toEqual({ line: 7, column: 11, exact: false });
    expect(at('/spec/selector')).toEqual({ line: 3, column: 1, exact: false });
  });
});

describe('manifests', () => {
  it('expands kind: List into objects located at their own lines', () => {
    const f = parseManifestText('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: b}\n', 'list.yaml');
    expect(f.objects.map((o) => [o.listIndex, (o.value.metadata as { name: string }).name])).toEqual([[0, 'a'], [1, 'b']]);
    expect(f.locate(f.objects[1]!, '/metadata/name')).toMatchObject({ line: 9, column: 22 });
  });
  it('flags a List whose items are not a sequence', () => {
    const f = parseManifestText('apiVersion: v1\nkind: List\nitems: 5\n', 'list.yaml');
    expect(f.objects).toEqual([]);
    expect(f.problems).toEqual([expect.objectContaining({ kind: 'missing-kind', message: 'a List needs "items", a sequence of Kubernetes objects; found number', range: expect.objectContaining({ line: 3, column: 8 }) })]);
  });

  it('flags documents that are not objects', () => {
    const f = parseManifestText('- a\n- b\n', 'seq.yaml');
    expect(f.problems).toEqual([expect.objectContaining({ kind: 'missing-kind', fatal: false })]);
  });
  it('handles a byte-order mark', () => {
    const f = parseManifestText('\uFEFFapiVersion: v1\nkind: Pod\n', 'bom.yaml');
    expect(f.objects[0]!.value.kind).toBe('Pod');
    expect(f.locate(f.objects[0]!, '/kind')).toMatchObject({ line: 2, column: 7 });
  });
});

describe('properties', () => {
  it('every value path of a generated document can be located exactly', () => {
    const key = fc.stringMatching(/^k[a-zA-Z0-9]{0,7}$/);
    const scalar = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.stringMatching(/^s[a-z0-9-]{0,8}$/));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
      map: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 }),
      seq: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    })).map;
    fc.assert(
      fc.property(tree, (obj) => {
        const text = toYaml(obj, 0);
        const p = parseYaml(text);
        const d = p.documents[0]!;
        expect(d.value).toEqual(obj);
        for (const [ptr, v] of leaves(obj, '')) {
          const l = locate(d, ptr, 'value');
          expect(l.exact).toBe(true);
          expect(text.slice(l.span[0], l.span[1])).toBe(String(v));
        }
      }),
      { numRuns: 150 },
    );
  });
});

function toYaml(v: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) return v.map((x) => (isCollection(x) ? `${pad}-\n${toYaml(x, indent + 2)}` : `${pad}- ${x}\n`)).join('');
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => (isCollection(x) ? `${pad}${k}:\n${toYaml(x, indent + 2)}` : `${pad}${k}: ${x}\n`)).join('');
}
function isCollection(x: unknown): boolean {
  return x !== null && typeof x === 'object';
}
function* leaves(v: unknown, ptr: string): Generator<[string, unknown]> {
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* leaves(v[i], `${ptr}/${i}`);
  else if (isCollection(v)) for (const [k, x] of Object.entries(v as object)) yield* leaves(x, `${ptr}/${k}`);
  else yield [ptr, v];
}
