import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildKustomization, renderBuild } from '../../src/kustomize/build.js';
import { compareKeys } from '../../src/kustomize/render.js';

const fixtures = path.resolve(__dirname, '../fixtures/kustomize');
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => fs.existsSync(p));

/**
 * Each fixture's expected.kubectl-kustomize.txt was written by `kubectl kustomize <fixture>/<dir>`
 * (kubectl v1.32, kustomize v5.5.0; stderr warnings left out).
 */
const CASES: Array<{ fixture: string; dir: string; what: string }> = [
  { fixture: 'render-edge', dir: '.', what: 'quoting, escapes, block scalars, folding at 80 columns, numbers, key order, empty collections' },
  {
    fixture: 'overlay-full',
    dir: 'overlay',
    what: 'prefix and suffix over two levels, namespace (Namespace renamed, role binding subjects), name references (RBAC, webhook, HPA, Ingress, volumes), generator merge with its hash, images with a registry port and digests, labels with templates, commonLabels, annotations, replicas, a JSON patch with a target, a $patch: delete',
  },
  { fixture: 'component-fifo', dir: '.', what: 'a component with a prefix and a secret generator from files (TLS type, options), sortOptions fifo' },
  { fixture: 'namespace-plugin', dir: '.', what: 'a NamespaceTransformer config with unsetOnly and setRoleBindingSubjects: allServiceAccounts' },
  {
    fixture: 'builtin-plugins',
    dir: '.',
    what: 'generators and transformers fields: built-in plugin configs inline, in files and in a kustomization of them (ConfigMap/Secret generators, labels, prefix, annotations, image tag, a JSON patch)',
  },
];

describe('renderBuild prints what kubectl kustomize prints', () => {
  for (const c of CASES) {
    const dir = path.join(fixtures, c.fixture, c.dir);
    const expected = fs.readFileSync(path.join(fixtures, c.fixture, 'expected.kubectl-kustomize.txt'), 'utf8');
    it(`${c.fixture}: ${c.what}`, () => {
      const r = buildKustomization(dir);
      expect(r.problems).toEqual([]);
      expect(renderBuild(r)).toBe(expected);
    });

    it.skipIf(!KUBECTL)(`${c.fixture}: the expected text is still what kubectl kustomize prints`, () => {
      const r = spawnSync(KUBECTL!, ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
      expect(r.stdout).toBe(expected);
    });
  }

  it("orders keys as go-yaml v2 does: other characters before letters, digit runs as numbers", () => {
    expect(['z10', 'Zed', 'ab', 'a-b', 'z9', '_under', 'A', 'a.b'].sort(compareKeys)).toEqual(['_under', 'A', 'Zed', 'a-b', 'a.b', 'ab', 'z9', 'z10']);
  });
});
