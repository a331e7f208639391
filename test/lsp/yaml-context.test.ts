import { describe, expect, it } from 'vitest';
import { completionContext, nodeAt } from '../../src/lsp/yaml-context.js';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: web
    image: nginx
    ima
    livenessProbe:
      httpGet:
        po
  restartPolicy: On
  volumes:
    - name: x
      
`;

describe('completion context from indentation (text that does not parse yet)', () => {
  it('a key being typed in a sequence item written at the indentation of its parent key', () => {
    expect(completionContext(pod, 8, 7)).toEqual({ apiVersion: 'v1', kind: 'Pod', path: ['spec', 'containers', '[]'], present: ['image', 'name', 'livenessProbe'], prefix: 'ima' });
  });
  it('nested mappings below an item', () => {
    expect(completionContext(pod, 11, 10)).toMatchObject({ path: ['spec', 'containers', '[]', 'livenessProbe', 'httpGet'], present: [], prefix: 'po' });
  });
  it('the value after `key:`', () => {
    expect(completionContext(pod, 12, 19)).toMatchObject({ path: ['spec'], valueFor: 'restartPolicy', prefix: 'On' });
  });
  it('a blank line inside an indented sequence item', () => {
    expect(completionContext(pod, 15, 6)).toMatchObject({ path: ['spec', 'volumes', '[]'], present: ['name'], prefix: '' });
  });
  it('the first key of a new item (`- na`)', () => {
    expect(completionContext(pod, 14, 8)).toMatchObject({ path: ['spec', 'volumes', '[]'], present: [], prefix: 'na' });
  });
  it('top level, and the document of the cursor only', () => {
    const two = `apiVersion: apps/v1\nkind: Deployment\n---\napiVersion: v1\nkind: Service\nsp\n`;
    expect(completionContext(two, 5, 2)).toEqual({ apiVersion: 'v1', kind: 'Service', path: [], present: ['kind', 'apiVersion'], prefix: 'sp' });
  });
  it('no context inside a top-level sequence or after text that is no key', () => {
    expect(completionContext('- a\n- b\n  c', 2, 3)).toBeUndefined();
    expect(completionContext('spec:\n  x: "a b', 1, 10)).toBeUndefined();
  });
});

describe('the node at an offset (parsed text)', () => {
  const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: web\n    image: nginx\n';
  it('on a key, on a value, on a collection key', () => {
    expect(nodeAt(text, text.indexOf('image') + 2)).toEqual({ apiVersion: 'v1', kind: 'Pod', tokens: ['spec', 'containers', '0', 'image'], onKey: true, span: [text.indexOf('image'), text.indexOf('image') + 5] });
    expect(nodeAt(text, text.indexOf('nginx') + 1)).toMatchObject({ tokens: ['spec', 'containers', '0', 'image'], onKey: false });
    expect(nodeAt(text, text.indexOf('containers') + 1)).toMatchObject({ tokens: ['spec', 'containers'], onKey: true });
  });
  it('items of a kind: List and JSON documents', () => {
    const list = '{"kind": "List", "apiVersion": "v1", "items": [{"apiVersion": "v1", "kind": "Pod", "spec": {"hostNetwork": true}}]}';
    expect(nodeAt(list, list.indexOf('hostNetwork') + 1)).toEqual({ apiVersion: 'v1', kind: 'Pod', tokens: ['spec', 'hostNetwork'], onKey: true, span: [list.indexOf('hostNetwork') - 1, list.indexOf('hostNetwork') + 12] });
  });
  it('nothing outside objects', () => {
    expect(nodeAt('# only a comment\n', 3)).toBeUndefined();
  });
});
