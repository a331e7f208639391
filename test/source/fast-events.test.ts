/**
 * fastEvents (src/source/fast-events.ts) must give exactly js-yaml's events for the text it accepts,
 * and accept nothing js-yaml rejects: over the manifests we have, hand-picked edge cases, and random
 * YAML-like text.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseEvents, type Event } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fastEvents } from '../../src/source/fast-events.js';
import { documentStarts } from '../../src/source/yaml.js';

const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus');

/** What js-yaml gives: its events without the per-document directives list, or 'error'. */
function reference(text: string): unknown[] | 'error' {
  try {
    return strip(parseEvents(text, { maxDepth: 1000 }));
  } catch {
    return 'error';
  }
}
function strip(events: Event[]): unknown[] {
  return events.map((e) => {
    const { directives: _d, ...rest } = e as Event & { directives?: unknown };
    return rest;
  });
}

/** The invariant: undefined (left to js-yaml), or js-yaml's own events for text js-yaml accepts. */
function check(text: string): 'fast' | 'left' {
  const fast = fastEvents(text);
  if (fast === undefined) return 'left';
  const ref = reference(text);
  expect(ref, `fastEvents accepted text js-yaml rejects: ${JSON.stringify(text)}`).not.toBe('error');
  expect(strip(fast), JSON.stringify(text)).toEqual(ref);
  return 'fast';
}

function* files(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ya?ml|json)$/.test(e.name)) yield p;
  }
}

/** A file cut as documentBatches cuts it (64 documents a chunk). */
function chunks(text: string): string[] {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = documentStarts(t);
  const out: string[] = [];
  for (let b = 0; b < starts.length; b += 64) out.push(t.slice(starts[b], b + 64 < starts.length ? starts[b + 64] : t.length));
  return out;
}

describe('fastEvents over real manifests', () => {
  it('examples/ and the corpus: js-yaml\'s events wherever it answers, and it answers for most', () => {
    let fast = 0;
    let total = 0;
    for (const dir of [path.join(root, 'examples'), path.join(root, 'test'), corpus]) {
      for (const f of files(dir)) {
        for (const chunk of chunks(fs.readFileSync(f, 'utf8'))) {
          total++;
          if (check(chunk) === 'fast') fast++;
          // The same with Windows line ends.
          if (!chunk.includes('\r')) check(chunk.replace(/\n/g, '\r\n'));
        }
      }
    }
    expect(total).toBeGreaterThan(50);
    // Without ../shared only the project's own files are read; most of them are plain block YAML too.
    expect(fast / total).toBeGreaterThan(fs.existsSync(corpus) ? 0.85 : 0.6);
  });
});

describe('fastEvents on edge cases', () => {
  const accepted = [
    'a: 1\n',
    'a: 1',
    '---\na: 1\n---\nb: 2\n',
    '# header\n---\na: 1\n',
    '---\n---\n',
    '---\n# only a comment\n---\na: b\n',
    'a:\n  b:\n    c: d\n  e: f\ng: h\n',
    'a:\n- 1\n- 2\nb: 3\n',
    'a:\n  - x: 1\n    y: 2\n  - x: 3\n',
    '- a\n- b\n',
    '- name: web\n  image: nginx\n- name: side\n',
    '"quoted key": "quoted value"\n\'single\': \'x y\'\n',
    'a: b # comment\nc: d#e\n',
    'a:    # nothing here\nb:\n',
    'a: {}\nb: []\nc: {x: 1, y: [1, 2, {z: w}]}\nd: ["sh", "-c", \'x\']\n',
    'url: http://example.com:8080/x\n',
    'a: -1\nb: -c\nc: .5\nd: ~\ne: yes\nf: 0777\n',
    'k8s.io/name: web\napp.kubernetes.io/part-of: x\n',
    'a:   spaced   \n',
    'a :  b\n',
    '  a: 1\n  b: 2\n',
    'a: ünïcödé ✓\n',
    'a: [a b, c]\n',
    'a: {b: c d}\n',
    'a: |\n  text\n',
    'a: >\n  text\n',
    'a: |-\n  one\n\n  two\n\nb: |+\n    keep\n\n',
    'a: >-  # comment\n  folded\n  text\nb: 1\n',
    '- |\n  item\n- >\n  item\n',
    'a: "esc\\"aped \\n \\x41 \\u00e9"\n',
    "a: 'it''s'\n",
    'a: "multi\n  line"\n',
    "a: 'multi\n\n  line'\nb: 1\n",
    'a: plain\n  continued\n',
    'description: a long text\n  folded by a dumper\n  over lines\nnext: 1\n',
    '- 1\n  ',
    'a: 1\r\nb:\r\n  - c: |\r\n      x\r\n\r\n    d: "e\r\n      f"\r\n',
    'a: [1,\n  2]\n',
    'a: {"b":c}\n',
    '{}\n',
    '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "x", "labels": {}},\n  "spec": {\n    "containers": [\n      {"name": "c", "image": "nginx", "ports": [{"containerPort": 80}]}\n    ]\n  }\n}\n',
    '[\n  1, # one\n  two\n  , 3\n]\n',
    '{"a":1,"b":[true,null,"x\\u00e9"]}',
    'a: [1,\n  ...]\n',
    // Block scalars that end the text without a line break (yaml.ts drops js-yaml's extra "\n" from the value, not here).
    'data:\n  a: |\n    x',
    'a: >\n  x\n\n  y',
    'a: |\n  x\n   ',
    'a: |+\n\n ',
  ];
  const left = [
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a:\n\tb: 1\n',
    'a: 1\rb: 2\r',
    '%YAML 1.2\n---\na: 1\n',
    'a: 1\n...\n',
    '? a\n: b\n',
    'a: [1,\n2]\n',
    '- - a\n',
    '-\n  a: 1\n',
    'a: 1\n b: 2\n',
    'a: b: c\n',
    'a:\n  b: 1\n c: 2\n',
    '--- a\n',
    'scalar document\n',
    'a: [1, 2, ]\n',
    'a: {b:c}\n',
    'a: [b: c]\n',
    'a: "x" y\n',
    'a: \u{1F600}\n',
    'a: @x\n',
    '{\n  "a": 1\n}\n---\nx\n',
    '{\n"a": 1,\n... "b": 2\n}\n',
    '[\n1,\n---\n]\n',
  ];
  it.each(accepted)('takes %j and gives js-yaml\'s events', (text) => {
    expect(check(text)).toBe('fast');
  });
  it.each(left)('leaves %j to js-yaml', (text) => {
    expect(fastEvents(text)).toBeUndefined();
  });
});

describe('fastEvents on random YAML-like text', () => {
  const key = fc.constantFrom('a', 'b', 'name', 'app.kubernetes.io/name', '"q k"', "'s k'", '-x', 'a b', '1', 'yes', '<<', 'a:b', 'k#', '"', 'x ');
  const scalar = fc.constantFrom('1', 'x', '"q"', "'s'", 'a b', 'http://h:1/p', '-1', '- x', '# c', '[]', '{}', '[a, b]', '{a: 1, b: [c]}', '[a,b]', '{a:1}', '&a x', '*a', '!t x', '|', '>-', '"e\\n"', "'it''s'", 'a: b', 'x #c', ' ', '', '@', '`', '%', '?', ':', ',', '---', '...', '[a, {b: c}]', '{a: [}', "'open", '"open', 'x\'y', '"a\\x41"', '"\\u00e9 \\U0001F600"', '"bad\\q"', '"\\x4"', '|+', '|2', '|-  # c', '>+', '| x', '"a \\\n');
  const indent = fc.constantFrom('', ' ', '  ', '   ', '    ', '      ');
  const line = fc.oneof(
    fc.tuple(indent, key, scalar).map(([i, k, v]) => `${i}${k}: ${v}`),
    fc.tuple(indent, key).map(([i, k]) => `${i}${k}:`),
    fc.tuple(indent, scalar).map(([i, v]) => `${i}- ${v}`),
    fc.tuple(indent, key, scalar).map(([i, k, v]) => `${i}- ${k}: ${v}`),
    fc.tuple(indent).map(([i]) => `${i}-`),
    fc.tuple(indent, fc.constantFrom(' ', '   '), key, scalar).map(([i, sp, k, v]) => `${i}-${sp}${k}: ${v}`),
    fc.tuple(indent, fc.constantFrom('# c', '#', '#c: d', '- # c')).map(([i, c]) => `${i}${c}`),
    fc.tuple(indent, key, scalar, fc.constantFrom(' ', '  ', ' # c', '\t')).map(([i, k, v, tail]) => `${i}${k}: ${v}${tail}`),
    fc.constantFrom('---', '--- # c', '...', '# comment', '', '  # indented comment', '\t- tab', 'a: 1\r', 'plain'),
    fc.tuple(indent, fc.constantFrom('{', '}', '[', ']', '],', '},', '"k": 1,', '"k": [', '"k":{', '1,', 'x', '"s"', '# c', 'a, b]', '{"a": 1}')).map(([i, c]) => `${i}${c}`),
    fc.tuple(indent, fc.constantFrom('text', 'more text', "close'", 'close"', "it''s'", 'a: b', '# not a comment?', '- item', '"', '---', '  ')).map(([i, c]) => `${i}${c}`),
  );
  it('never disagrees with js-yaml', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), fc.boolean(), fc.constantFrom('\n', '\n', '\r\n'), (lines, trailing, eol) => {
        check(lines.join(eol) + (trailing ? eol : ''));
      }),
      { numRuns: 4000, seed: 20261127 },
    );
  });
  it('takes well-formed block YAML (so the property above is not all "left")', () => {
    let fast = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'name'), fc.constantFrom('1', 'x', '"q"', '[a, b]', '{k: v}')), { minLength: 1, maxLength: 6 }),
        (pairs) => {
          const text = pairs.map(([k, v], i) => `${k}${i}: ${v}\nlist${i}:\n- ${v}\n- n: ${v}\n  m: x\nmap${i}:\n  ${k}: ${v}\n`).join('');
          if (check(text) === 'fast') fast++;
        },
      ),
      { numRuns: 300, seed: 7 },
    );
    expect(fast).toBe(300);
  });
});

describe('fastEvents on mutated manifests', () => {
  // Real manifests with one to three small edits: a character inserted, deleted or replaced, a line's
  // indentation changed, a line doubled. Most edits make text js-yaml rejects or reads differently.
  const rich = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: scripts # trailing comment',
    '  annotations:',
    '    description: a long description that a YAML dumper',
    '      folded over two lines',
    "    quoted: 'a single-quoted value, folded",
    "      over lines, with ''quotes'''",
    '    "double key": "with \\"escapes\\" and \\u00e9"',
    'data:',
    '  run.sh: |',
    '    #!/bin/sh',
    '    echo "hello"',
    '',
    '      indented more',
    '  folded: >-',
    '    one',
    '    two',
    '  keep: |+',
    '    kept',
    '',
    'list:',
    '- |',
    '  item',
    '- plain',
    '  continued',
    '- {a: 1, b: [x, "y"]}',
    '---',
    'b: 2',
    '',
  ].join('\n');
  const json = JSON.stringify(
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', args: ['-c', 'a "quoted" \\ value', 'é'], ports: [{ containerPort: 80 }], env: [], resources: {} }] } } } },
    null,
    2,
  );
  const samples = [rich, json, ...[...files(path.join(root, 'examples'))].map((f) => fs.readFileSync(f, 'utf8'))].filter((t) => t.length < 20_000 && fastEvents(t) !== undefined);
  const tricky = [' ', '  ', '-', ':', '#', '"', "'", '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '?', '\n', '\t', '\r', '%', '@', '`', '\\', '- ', ': ', ' #', '---\n', '...'];
  const edit = fc.oneof(
    fc.tuple(fc.constant('insert'), fc.nat(), fc.constantFrom(...tricky)),
    fc.tuple(fc.constant('delete'), fc.nat(), fc.integer({ min: 1, max: 3 })),
    fc.tuple(fc.constant('indent'), fc.nat(), fc.integer({ min: -2, max: 2 })),
    fc.tuple(fc.constant('double'), fc.nat(), fc.constant(0)),
  );
  function apply(text: string, [kind, at, arg]: [string, number, string | number]): string {
    const i = at % (text.length + 1);
    if (kind === 'insert') return text.slice(0, i) + (arg as string) + text.slice(i);
    if (kind === 'delete') return text.slice(0, i) + text.slice(i + (arg as number));
    const lines = text.split('\n');
    const l = at % lines.length;
    if (kind === 'double') lines.splice(l, 0, lines[l]!);
    else lines[l] = (arg as number) > 0 ? ' '.repeat(arg as number) + lines[l] : lines[l]!.replace(new RegExp(`^ {0,${-(arg as number)}}`), '');
    return lines.join('\n');
  }
  it('never disagrees with js-yaml', () => {
    expect(samples.length).toBeGreaterThan(3);
    expect(samples.slice(0, 2)).toEqual([rich, json]);
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), (n, edits) => {
        // Half the time the sample with block scalars and multi-line scalars (a quarter with CRLF line ends).
        const base = n % 4 === 0 ? rich : n % 4 === 2 ? rich.replace(/\n/g, '\r\n') : n % 8 === 1 ? json : samples[n % samples.length]!;
        check(edits.reduce(apply, base));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});
