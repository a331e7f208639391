import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildKustomization, renderBuild } from '../../src/kustomize/build.js';
import { compareKeys } from '../../src/kustomize/render.js';

const dir = path.resolve(__dirname, '../fixtures/kustomize/render-edge');
/** Written by `kubectl kustomize test/fixtures/kustomize/render-edge` (kubectl v1.32, kustomize v5.5.0). */
const expected = fs.readFileSync(path.join(dir, 'expected.kubectl-kustomize.txt'), 'utf8');
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => fs.existsSync(p));

describe('renderBuild prints what kubectl kustomize prints', () => {
  it('quoting, escapes, block scalars, folding at 80 columns, numbers, key order, empty collections', () => {
    expect(renderBuild(buildKustomization(dir))).toBe(expected);
  });

  it.skipIf(!KUBECTL)('the expected text is still what kubectl kustomize prints', () => {
    const r = spawnSync(KUBECTL!, ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe(expected);
  });

  it("orders keys as go-yaml v2 does: other characters before letters, digit runs as numbers", () => {
    expect(['z10', 'Zed', 'ab', 'a-b', 'z9', '_under', 'A', 'a.b'].sort(compareKeys)).toEqual(['_under', 'A', 'Zed', 'a-b', 'a.b', 'ab', 'z9', 'z10']);
  });
});
