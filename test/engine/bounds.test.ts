/**
 * Bounded work per document: the API server's 3 MiB request limit (aliases expanded), an aliased node
 * reported once at its anchored text with how many places it stands for, and a report that follows the
 * text rather than its expansion.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { formatResult } from '../../src/reporters/index.js';
import { parseYaml, jsonBytes, MAX_REQUEST_BODY_BYTES, REQUEST_TOO_LARGE_MESSAGE, ALIASES_TOO_LARGE_MESSAGE, objectTooLargeMessage } from '../../src/source/yaml.js';
import { placesSuffix } from '../../src/engine/places.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A List of `pods` Pods, each `*pod` of the first, whose `containers` containers are each `*c` of the first. */
function aliasList(pods: number, containers: number): string {
  const lines = ['apiVersion: v1', 'kind: List', 'items:', '- &pod', '  apiVersion: v1', '  kind: Pod', '  metadata:', '    name: web', '  spec:', '    containers:', '    - &c', '      name: web', '      image: nginx', '      ports:', '      - {containerPort: 80}'];
  for (let i = 1; i < containers; i++) lines.push('    - *c');
  for (let i = 1; i < pods; i++) lines.push('- *pod');
  return lines.join('\n') + '\n';
}

describe('the API server\'s request limit', () => {
  it('mirrors k8s.io/apiserver: 3 MiB, "Request entity too large: limit is 3145728"', () => {
    expect(MAX_REQUEST_BODY_BYTES).toBe(3145728);
    expect(REQUEST_TOO_LARGE_MESSAGE).toBe('Request entity too large: limit is 3145728');
  });

  it('refuses a document whose aliases expand past it, at the document\'s first line, and lints the others', async () => {
    const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n';
    // 2,000 × 2,000 containers: 16 KB of text, about 100 MB of JSON.
    const text = first + '---\n# aliases\n' + aliasList(2000, 2000);
    const r = await lintText(text, 'bomb.yaml');
    const findings = r.files[0]!.findings;
    expect(findings).toEqual([
      { ruleId: 'object-too-large', messageId: 'tooLarge', severity: 'error', fatal: true, message: ALIASES_TOO_LARGE_MESSAGE, line: 7, column: 1, endLine: 7, endColumn: 2, path: '' },
    ]);
    expect(ALIASES_TOO_LARGE_MESSAGE.startsWith(REQUEST_TOO_LARGE_MESSAGE + ' (')).toBe(true);
    expect(r.files[0]!.objectCount).toBe(1);
  });

  it('stops at the limit, not at go-yaml\'s alias ratio: a document just under it is read', () => {
    const under = parseYaml(aliasList(1, 1000)).documents[0]!;
    expect(under.fatal).toBeUndefined();
    expect(under.jsonBytes).toBe(JSON.stringify(under.value).length);
    const over = parseYaml(aliasList(2, 60_000)).documents[0]!;
    expect(over.fatal).toEqual({ kind: 'too-large', message: ALIASES_TOO_LARGE_MESSAGE, offset: 0, endOffset: 1 });
    expect(over.value).toBeUndefined();
  });

  it('refuses one object over the limit without aliases (its JSON size in the message), but not a List of objects under it', async () => {
    const big = 'x'.repeat(MAX_REQUEST_BODY_BYTES);
    const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ${big}\n`;
    const bytes = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob: big } }).length;
    const r = await lintText('# a large ConfigMap\n' + cm, 'big.yaml');
    expect(r.files[0]!.findings).toEqual([
      { ruleId: 'object-too-large', messageId: 'tooLarge', severity: 'error', fatal: true, message: objectTooLargeMessage(bytes), line: 2, column: 1, endLine: 2, endColumn: 2, path: '' },
    ]);
    expect(objectTooLargeMessage(bytes)).toBe(`Request entity too large: limit is 3145728 (this object is at least ${bytes} bytes as JSON, as kubectl sends it)`);

    // kubectl sends each item of a List on its own: two items of 2 MiB are fine; one of 3 MiB is refused at its line.
    const half = 'y'.repeat(2 * 1024 * 1024);
    const item = (name: string, blob: string) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ${name}\n  data:\n    blob: ${blob}\n`;
    const list = await lintText(`apiVersion: v1\nkind: List\nitems:\n${item('a', half)}${item('b', half)}${item('c', big)}`, 'list.yaml');
    expect(list.files[0]!.objectCount).toBe(2);
    expect(list.files[0]!.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['object-too-large', 16, 3]]);
  });

  it('counts a document\'s JSON size as JSON.stringify does (ASCII text, no merge keys)', () => {
    for (const f of fs.readdirSync(path.join(root, 'examples')).filter((x) => x.endsWith('.yaml'))) {
      for (const d of parseYaml(fs.readFileSync(path.join(root, 'examples', f), 'utf8')).documents) {
        if (d.value !== undefined) expect(d.jsonBytes, f).toBe(JSON.stringify(d.value).length);
      }
    }
    const doc = parseYaml('a: &a {k: [1, true, null, "s", 2.5]}\nb: [*a, *a]\n').documents[0]!;
    expect(doc.jsonBytes).toBe(JSON.stringify(doc.value).length);
    expect(jsonBytes(doc.value)).toBe(doc.jsonBytes);
  });
});

describe('a node that aliases repeat is one place in the text', () => {
  it('is reported once, at the anchored text, with how many places it stands for', async () => {
    const text = aliasList(3, 4);
    const r = await lintText(text, 'aliases.yaml', { rules: { 'pull-policy-not-always': 'off', 'resource-limits-missing': 'off', 'resource-requests-missing': 'off', 'readiness-probe-missing': 'off' } });
    expect(r.files[0]!.objectCount).toBe(3);
    const findings = r.files[0]!.findings;
    // The anchored nodes: the Pod's `kind` (line 6), the container's mapping (line 12, after `- &c`), its name, image and port.
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.message.slice(f.message.lastIndexOf(' ('))])).toEqual([
      ['bare-pod', 6, 9, placesSuffix(3)],
      ['liveness-probe-missing', 12, 7, placesSuffix(12)],
      ['invalid-container-name', 12, 13, placesSuffix(9)],
      ['latest-tag', 13, 14, placesSuffix(12)],
      ['duplicate-container-port', 15, 9, placesSuffix(9)],
    ]);
    expect(findings[2]!.message).toBe(`spec.containers[1].name: Duplicate value: "web" — container names must be unique across containers and init containers (spec.containers[0] has it too)${placesSuffix(9)}`);
  });

  it('an object repeated through an alias is counted, not linted again; other objects between do not disturb the counts', async () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- &pod\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: web}\n  spec:\n    containers: [{name: web, image: "nginx:1.25"}]\n- metadata: {name: no-kind}\n- *pod\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: other}\n  spec:\n    containers: [{name: web, image: "nginx:1.25"}]\n- *pod\n';
    const r = await lintText(text, 'repeat.yaml', { rules: { 'pull-policy-not-always': 'off', 'resource-limits-missing': 'off', 'resource-requests-missing': 'off', 'readiness-probe-missing': 'off' } });
    expect(r.files[0]!.objectCount).toBe(5);
    expect(r.files[0]!.findings.map((f) => [f.ruleId, f.line, f.column, f.message.endsWith(placesSuffix(3))])).toEqual([
      ['bare-pod', 6, 9, true],
      ['liveness-probe-missing', 9, 18, true],
      ['missing-kind', 10, 3, false],
      ['bare-pod', 13, 9, false],
      ['liveness-probe-missing', 16, 18, false],
    ]);
  });

  it('a scalar alias is located at its anchor too', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: &img nginx\n  - name: b\n    image: *img\n';
    const r = await lintText(text, 'scalar.yaml', { rules: { 'latest-tag': 'warning' } });
    const tags = r.files[0]!.findings.filter((f) => f.ruleId === 'latest-tag');
    // Both containers' findings are at the anchored scalar; their messages name different containers, so both stay.
    expect(tags.map((f) => [f.line, f.column, f.message.slice(0, 30)])).toEqual([
      [8, 17, 'image "nginx" of container "a"'],
      [8, 17, 'image "nginx" of container "b"'],
    ]);
  });

  it('100 pods of 100 identical containers: a report of a few kilobytes', async () => {
    const r = await lintText(aliasList(100, 100), 'a100.yaml');
    const json = formatResult('json', r, { cwd: root, color: false });
    expect(json.length).toBeLessThan(10_000);
    expect(r.files[0]!.findings.every((f) => f.message.endsWith(placesSuffix(100)) || f.message.endsWith(placesSuffix(10_000)) || f.message.endsWith(placesSuffix(9_900)))).toBe(true);
  });
});

describe('errors in a later document of a file', () => {
  it('are located where they are (not shifted by the document\'s offset)', () => {
    const p = parseYaml('a: 1\n---\nb: 2\nc: *nope\n');
    const d = p.documents[1]!;
    expect(d.fatal?.message).toBe("unknown anchor 'nope' referenced");
    expect(p.lines.position(d.fatal!.offset)).toEqual({ line: 4, column: 4 });
  });
});
