import { describe, expect, it } from 'vitest';
import { selectTargets, parseSelector, type PatchTarget } from '../../src/kustomize/targets.js';
import { KustomizeError, type Resource } from '../../src/kustomize/resource.js';
import { kubectlMissing, kustomize, tracked } from './patch-oracle.js';

const resources = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod, labels: {app: web, tier: front}, annotations: {team: a}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, labels: {app: worker, tier: back, size: "3"}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: prod, labels: {app: web}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
---
apiVersion: batch/v1
kind: Job
metadata: {name: web-migrate, namespace: default, annotations: {team: b, note: x}}
---
apiVersion: example.com/v1alpha1
kind: Widget
metadata: {name: w1}
`;

const targets: PatchTarget[] = [
  { kind: 'Deployment' },
  { kind: 'Deploy' },
  { kind: 'Deployment|Service' },
  { name: 'web' },
  { name: 'web.*' },
  { name: 'eb' },
  { namespace: 'prod' },
  { namespace: 'default' },
  { namespace: 'prod', kind: 'Service' },
  { group: 'apps' },
  { group: '' , version: 'v1' },
  { version: 'v1.*' },
  { group: 'example.com' },
  { labelSelector: 'app=web' },
  { labelSelector: 'app==web,tier=front' },
  { labelSelector: 'app!=web' },
  { labelSelector: 'tier' },
  { labelSelector: '!tier' },
  { labelSelector: 'tier in (front, back)' },
  { labelSelector: 'tier notin (front)' },
  { labelSelector: 'size>2' },
  { annotationSelector: 'team=b' },
  { annotationSelector: 'team' },
  { kind: 'Deployment', labelSelector: 'app=worker', annotationSelector: '!team' },
];

function names(rs: Resource[]): string[] {
  return rs.map((r) => `${r.object.kind}/${(r.object.metadata as { name: string }).name}`);
}

function built(): Resource[] {
  return tracked(resources, 'all.yaml').map((object) => ({ object, previousIds: [] }));
}

describe('selectTargets against kubectl kustomize', () => {
  if (kubectlMissing) it.skip(kubectlMissing, () => {});
  for (const t of targets) {
    it.skipIf(!!kubectlMissing)(JSON.stringify(t), () => {
      const want = kustomize({
        'kustomization.yaml': `resources: [all.yaml]\npatches:\n- path: mark.yaml\n  target: ${JSON.stringify(t)}\n`,
        'all.yaml': resources,
        'mark.yaml': '- {op: add, path: /metadata/marked, value: "yes"}\n',
      });
      if (!want.ok) throw new Error(want.error);
      const hit = want.objects.filter((o) => (o.metadata as { marked?: string }).marked === 'yes');
      expect(names(selectTargets(built(), t)).sort()).toEqual(hit.map((o) => `${o.kind}/${(o.metadata as { name: string }).name}`).sort());
    });
  }

  it.skipIf(!!kubectlMissing)('matches the name and namespace a resource had in its base (previous ids)', () => {
    const want = kustomize({
      'base/kustomization.yaml': 'resources: [all.yaml]\nnamePrefix: pre-\nnamespace: moved\n',
      'base/all.yaml': resources,
      'kustomization.yaml': 'resources: [base]\npatches:\n- path: mark.yaml\n  target: {name: web, namespace: prod}\n',
      'mark.yaml': '- {op: add, path: /metadata/marked, value: "yes"}\n',
    });
    if (!want.ok) throw new Error(want.error);
    const hit = want.objects.filter((o) => (o.metadata as { marked?: string }).marked === 'yes').map((o) => `${o.kind}/${(o.metadata as { name: string }).name}`);
    // The same resources as the base built them: renamed and moved, remembering their ids.
    const rs = built().map((r) => {
      const before = { ...r };
      const md = r.object.metadata as Record<string, unknown>;
      const id = { group: '', version: '', kind: String(r.object.kind), name: String(md.name), ...(md.namespace ? { namespace: String(md.namespace) } : {}) };
      const av = String(r.object.apiVersion);
      id.group = av.includes('/') ? av.slice(0, av.lastIndexOf('/')) : '';
      id.version = av.slice(av.lastIndexOf('/') + 1);
      md.name = `pre-${md.name}`;
      if (r.object.kind !== 'ClusterRole') md.namespace = 'moved';
      return { ...before, previousIds: [id] };
    });
    expect(names(selectTargets(rs, { name: 'web', namespace: 'prod' })).sort()).toEqual(hit.sort());
    expect(hit.length).toBe(2);
  });
});

describe('selectTargets', () => {
  it('keeps build order', () => {
    expect(names(selectTargets(built(), { name: 'web.*' }))).toEqual(['Deployment/web', 'Service/web', 'Job/web-migrate']);
  });

  it('rejects bad selectors and regular expressions with kustomize\'s messages', () => {
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(KustomizeError);
        return (e as Error).message;
      }
      return undefined;
    };
    expect(message(() => parseSelector('a in (x'))).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(message(() => parseSelector('a=b,'))).toBe("found '', expected: identifier after ','");
    expect(message(() => parseSelector('a>x'))).toBe("unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer");
    expect(message(() => parseSelector('!'))).toBe("unable to parse requirement: found '', expected: identifier");
    expect(message(() => parseSelector('a notin x'))).toBe("unable to parse requirement: found 'x' expected: '('");
    expect(message(() => parseSelector('a b'))).toBe("unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'");
    expect(message(() => selectTargets(built(), { name: 'web(' }))).toBe('error parsing regexp: missing closing ): `^(?:web()$`');
  });
});
