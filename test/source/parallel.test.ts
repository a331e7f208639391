import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/source/yaml.js';

// The worker thread runs compiled JavaScript: this test uses the build in dist/ (npm ci builds it).
const root = path.resolve(import.meta.dirname, '../..');
const built = path.join(root, 'dist/src/source/parallel.js');
const haveBuild = fs.existsSync(built) && fs.existsSync(path.join(root, 'dist/src/source/parse-worker.js'));

function manifests(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${i}\n  labels: {app: web, i: "${i}"}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.${i % 30}\n      ports: [{containerPort: ${1000 + i}}]\n`);
    if (i === 17) docs.push('broken: [\n');
    if (i === 40) docs.push('dup: 1\ndup: 2\n');
  }
  return docs.join('---\n');
}

describe.skipIf(!haveBuild)('parsing a large file on two threads', () => {
  it('gives exactly what the one-thread parse gives: values, positions, problems, indexes', async () => {
    const { parseYamlParallel } = (await import(built)) as typeof import('../../src/source/parallel.js');
    const text = manifests(400);
    const one = parseYaml(text);
    const two = parseYamlParallel(text, { minBytes: 0 });
    expect(two.threads).toBe(2);
    expect(two.documents.length).toBe(one.documents.length);
    const strip = (d: (typeof one.documents)[number]) => ({ ...d, tape: Array.from(d.tape) });
    expect(two.documents.map(strip)).toEqual(one.documents.map(strip));
  });
});

if (!haveBuild) console.warn('test/source/parallel.test.ts: skipped, dist/ is not built (npm run build)');
