/** `junit`: well-formed XML, counts that match podlint's verdict, escaping. */
import { describe, it, expect } from 'vitest';
import { formatResult } from '../../src/reporters/index.js';
import { escapeXmlAttribute, escapeXmlText } from '../../src/reporters/junit.js';
import type { LintResult } from '../../src/types.js';
import { CWD, FIXTURE } from './fixture.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/u.test(s)) throw new Error(`bare & in ${JSON.stringify(s)}`);
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+);/gu, (_, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!));
}

/** A strict little parser for the XML subset JUnit reports use: throws on anything malformed. */
function parseXml(xml: string): El {
  const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!xml.startsWith(decl)) throw new Error('missing XML declaration');
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/u.test(xml)) throw new Error('character not allowed in XML 1.0');
  const root: El = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<(\/?)([A-Za-z-]+)((?:\s+[A-Za-z-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let pos = decl.length;
  re.lastIndex = pos;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    pos = re.lastIndex;
    const top = stack.at(-1)!;
    if (m[5] !== undefined) {
      if (m[5].includes('>')) throw new Error('raw > in text');
      top.text += decode(m[5]);
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(/([A-Za-z-]+)="([^"]*)"/gu)) {
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]!] = decode(a[2]!);
      }
      const el: El = { name: m[2]!, attrs, children: [], text: '' };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    }
  }
  if (pos !== xml.length) throw new Error(`cannot parse at ${pos}: ${JSON.stringify(xml.slice(pos, pos + 40))}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  const elements = root.children;
  if (elements.length !== 1) throw new Error('expected one root element');
  return elements[0]!;
}

const junit = (result: LintResult = FIXTURE) => formatResult('junit', result, { color: false, cwd: CWD });

describe('junit', () => {
  it('the test parser rejects malformed XML', () => {
    const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
    expect(() => parseXml(`${decl}<a><b></a></b>`)).toThrow();
    expect(() => parseXml(`${decl}<a>x & y</a>`)).toThrow();
    expect(() => parseXml(`${decl}<a t="x"y"/>`)).toThrow();
    expect(() => parseXml(`${decl}<a>\u001b</a>`)).toThrow();
  });

  it('is well-formed, one suite per file, counts matching the findings', () => {
    const root = parseXml(junit());
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toEqual({ name: 'podlint', tests: '10', failures: '3', errors: '2', time: '0' });
    expect(root.children.map((s) => s.attrs.name)).toEqual(['manifests/web.yaml', 'broken.yaml', 'clean.yaml', 'déploiement/ñ app,1.yaml', '<stdin>']);
    for (const s of root.children) {
      expect(Number(s.attrs.tests)).toBe(s.children.length);
      expect(Number(s.attrs.failures)).toBe(s.children.filter((c) => c.children.some((x) => x.name === 'failure')).length);
      expect(Number(s.attrs.errors)).toBe(s.children.filter((c) => c.children.some((x) => x.name === 'error')).length);
    }
  });

  it('errors fail, fatal findings are errors, warnings and info pass with their text', () => {
    const [web, broken, clean] = parseXml(junit()).children;
    const kinds = web!.children.map((c) => c.children.map((x) => x.name).join(''));
    expect(kinds).toEqual(['failure', 'system-out', 'failure', 'system-out', 'system-out']);
    expect(web!.children[0]!.attrs.name).toBe('unknown-field: Pod/web (line 3, col 1)');
    expect(web!.children[0]!.children[0]!.attrs).toEqual({ message: 'unknown field "metadate" — did you mean "metadata"?', type: 'unknown-field' });
    expect(web!.children[3]!.children[0]!.text).toBe('info manifests/web.yaml:104:9 in ReplicaSet/api at /spec/template/spec\nrestartPolicy is not set: Kubernetes uses "Always"');
    expect(broken!.children.map((c) => c.children[0]!.name)).toEqual(['error', 'error']);
    expect(broken!.children[0]!.attrs.name).toBe('fatal (line 2, col 7)');
    expect(clean!.children).toHaveLength(1);
    expect(clean!.children[0]!.attrs.name).toBe('no problems (2 objects)');
    expect(clean!.children[0]!.children).toEqual([]);
  });

  it('escapes markup, keeps line breaks in attributes, shows characters XML cannot carry', () => {
    const suites = parseXml(junit()).children;
    const stdin = suites[4]!.children[0]!.children[0]!;
    expect(stdin.attrs.message).toBe('unknown field "na\\u001b[31mme,x:y"\nsecond line\r\nthird: 50%');
    expect(suites[3]!.children[0]!.children[0]!.text).toContain(`<&> 'quoted'`);
    expect(escapeXmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeXmlAttribute('"\'\t\n')).toBe('&quot;&apos;&#9;&#10;');
    expect(escapeXmlText('x\ud800y\ufffe')).toBe('x\\ud800y\\ufffe');
    expect(escapeXmlText('emoji 😀 ok')).toBe('emoji 😀 ok');
  });

  it('keeps repeated findings at one place as distinct test cases', () => {
    const f = FIXTURE.files[0]!.findings[1]!;
    const result: LintResult = { files: [{ filePath: `${CWD}/a.yaml`, objectCount: 1, findings: [f, { ...f, message: 'another' }, f] }], skippedKinds: [], kubernetesVersion: '1.36' };
    const names = parseXml(junit(result)).children[0]!.children.map((c) => c.attrs.name);
    expect(names).toEqual(['image-tag-latest: Pod/web (line 12, col 14)', 'image-tag-latest: Pod/web (line 12, col 14) #2', 'image-tag-latest: Pod/web (line 12, col 14) #3']);
  });

  it('an empty run is a valid, empty report', () => {
    expect(parseXml(junit({ files: [], skippedKinds: [], kubernetesVersion: '1.36' })).attrs.tests).toBe('0');
  });
});
