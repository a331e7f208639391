import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../src/source/manifests.js';
import { cloneTracked, locateBuilt, setOrigin, trackDocumentValue } from '../../src/kustomize/origin.js';

const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: web\n      image: nginx\n';

describe('origins of built objects', () => {
  it('locates fields of a tracked document like the file it came from', () => {
    const f = parseManifestText(text, 'base/pod.yaml');
    const v = trackDocumentValue(f.objects[0]!.document, '', 'base/pod.yaml', f.rangeOf);
    const image = locateBuilt(v, '/spec/containers/0/image')!;
    expect(image).toEqual({ origin: { filePath: 'base/pod.yaml', line: 8, column: 14, endLine: 8, endColumn: 19 }, exact: true });
    expect(locateBuilt(v, '/spec/containers/0', 'auto')!.origin.line).toBe(7);
    const missing = locateBuilt(v, '/spec/containers/0/resources/limits')!;
    expect(missing.exact).toBe(false);
    expect(missing.origin.line).toBe(7);
    expect(locateBuilt(v, '/metadata', 'key')!.origin).toMatchObject({ line: 3, column: 1 });
  });

  it('keeps origins through a clone and records where a transformer wrote a value', () => {
    const f = parseManifestText(text, 'base/pod.yaml');
    const v = cloneTracked(trackDocumentValue(f.objects[0]!.document, '', 'base/pod.yaml', f.rangeOf)) as any;
    v.spec.containers[0].image = 'nginx:1.27';
    setOrigin(v.spec.containers[0], 'image', { value: { filePath: 'overlay/kustomization.yaml', line: 4, column: 5, endLine: 4, endColumn: 20 } });
    expect(locateBuilt(v, '/spec/containers/0/image')!.origin.filePath).toBe('overlay/kustomization.yaml');
    expect(locateBuilt(v, '/spec/containers/0/name')!.origin.filePath).toBe('base/pod.yaml');
  });
});
