/**
 * Name references (api/internal/accumulator/namereferencetransformer.go, api/filters/nameref): after
 * every rename of a build (prefix, suffix, namespace, hash suffix), a field that named an object by an
 * earlier name is given the object's name as built. The field keeps the origin it was written at.
 */
import { KustomizeError, resIdOf, type Resource } from './resource.js';
import { gvkSelected, idString, isClusterScoped, effectiveNamespace, walkFieldSpec, type Gvk, type NameBackReference } from './fieldspecs.js';
import { orgId } from './transformers.js';
import { locateBuilt, originOf, setOrigin } from './origin.js';

function sameList(a: string[] | undefined, b: string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** api/resmap/reswrangler.go SubsetThatCouldBeReferencedByResource */
function couldBeReferenced(resources: Resource[], referrer: Resource): Resource[] {
  const rid = resIdOf(referrer.object);
  if (isClusterScoped(rid)) return resources;
  const bindingNamespaces = new Set<string>();
  if (rid.kind === 'RoleBinding' && Array.isArray(referrer.object.subjects)) {
    for (const s of referrer.object.subjects as Array<Record<string, unknown>>) {
      if (s && s.kind === 'ServiceAccount' && typeof s.namespace === 'string') bindingNamespaces.add(s.namespace);
    }
  }
  return resources.filter((t) => {
    const id = resIdOf(t.object);
    if (isClusterScoped(id)) return true;
    if (effectiveNamespace(id) === effectiveNamespace(rid)) return true;
    return bindingNamespaces.has(id.namespace ?? '');
  });
}

/** api/filters/nameref/nameref.go selectReferral */
function selectReferral(oldName: string, referrer: Resource, target: Gvk, candidates: Resource[], roleRef: Gvk | undefined): Resource | undefined {
  let c = candidates.filter((r) => r.previousIds.some((id) => id.name === oldName));
  c = c.filter((r) => r.previousIds.some((id) => gvkSelected(id, target)));
  if (roleRef) c = c.filter((r) => r.previousIds.some((id) => gvkSelected(id, roleRef)));
  const rid = resIdOf(referrer.object);
  if (!isClusterScoped(rid)) {
    c = c.filter((r) => {
      const id = resIdOf(r.object);
      return isClusterScoped(id) || id.kind === 'ServiceAccount' || effectiveNamespace(id) === effectiveNamespace(rid);
    });
  }
  if (c.length === 1) return c[0];
  c = c.filter((r) => sameList(r.prefixes, referrer.prefixes) && sameList(r.suffixes, referrer.suffixes));
  if (c.length === 1) return c[0];
  if (c.length === 0) return undefined;
  const first = c[0]!.object.metadata?.name;
  if (c.every((r) => r.object.metadata?.name === first)) return c[0];
  throw new KustomizeError(` found multiple possible referrals: ${c.map((r) => idString(resIdOf(r.object))).join(' ')}`);
}

/** Rewrite every name reference of every resource. */
export function fixNameReferences(resources: Resource[], backRefs: NameBackReference[]): void {
  for (const referrer of resources) {
    try {
      fixReferrer(resources, backRefs, referrer);
    } catch (err) {
      // A problem with a referrer's fields is located at the referrer.
      if (err instanceof KustomizeError && !err.origin) throw new KustomizeError(err.message, locateBuilt(referrer.object, '/roleRef')?.origin ?? locateBuilt(referrer.object, '')?.origin);
      throw err;
    }
  }
}

function fixReferrer(resources: Resource[], backRefs: NameBackReference[], referrer: Resource): void {
  {
    const rid = orgId(referrer);
    let candidates: Resource[] | undefined;
    for (const br of backRefs) {
      for (const spec of br.referrers) {
        if (!gvkSelected(rid, spec)) continue;
        candidates ??= couldBeReferenced(resources, referrer);
        const all = candidates;
        let roleRef: Gvk | undefined;
        if (spec.path.endsWith('roleRef/name')) {
          const rr = referrer.object.roleRef as Record<string, unknown> | undefined;
          if (!rr || typeof rr !== 'object') throw new KustomizeError(`roleRef cannot be found in ${referrer.object.metadata?.name ?? ''}`);
          // api/filters/nameref/nameref.go getRoleRefGvk
          if (rr.apiGroup === undefined || rr.apiGroup === null) throw new KustomizeError(`apiGroup cannot be found in roleRef ${JSON.stringify(rr)}`);
          if (rr.kind === undefined || rr.kind === null) throw new KustomizeError(`kind cannot be found in roleRef ${JSON.stringify(rr)}`);
          roleRef = { group: String(rr.apiGroup), kind: String(rr.kind) };
          if (roleRef.group === '') roleRef = { kind: roleRef.kind };
        }
        const setScalar = (parent: Record<string, unknown> | unknown[], key: string | number) => {
          const v = (parent as Record<string, unknown>)[key as string];
          if (typeof v !== 'string') return;
          const ref = selectReferral(v, referrer, br.target, all, roleRef);
          const name = ref?.object.metadata?.name;
          if (ref && typeof name === 'string' && name !== v) (parent as Record<string, unknown>)[key as string] = name;
        };
        const setMapping = (m: Record<string, unknown>) => {
          if (typeof m.name !== 'string') {
            if (!('name' in m)) throw new KustomizeError(`cannot find field 'name' in node`);
            return;
          }
          let subset = all;
          if (typeof m.namespace === 'string') {
            const ns = m.namespace;
            subset = all.filter((r) => !isClusterScoped(orgId(r)) && (orgId(r).namespace || 'default') === ns);
            if (subset.length === 0) return;
          }
          const ref = selectReferral(m.name, referrer, br.target, subset, roleRef);
          if (!ref) return;
          const name = ref.object.metadata?.name;
          const ns = ref.object.metadata?.namespace;
          if (typeof name === 'string' && name !== m.name) m.name = name;
          if (typeof ns === 'string' && ns !== '' && ns !== m.namespace) {
            const had = 'namespace' in m;
            m.namespace = ns;
            // A namespace the reference did not have comes from where the object's namespace was set.
            const from = ref.object.metadata ? originOf(ref.object.metadata, 'namespace') : undefined;
            if (!had && from) setOrigin(m, 'namespace', from);
          }
        };
        walkFieldSpec(referrer.object, spec, undefined, (parent, key) => {
          const v = parent[key];
          if (v === null || v === undefined) return;
          if (typeof v === 'string') setScalar(parent, key);
          else if (Array.isArray(v)) {
            v.forEach((item, i) => {
              if (typeof item === 'string') setScalar(v, i);
              else if (item && typeof item === 'object' && !Array.isArray(item)) setMapping(item as Record<string, unknown>);
            });
          } else if (typeof v === 'object') setMapping(v as Record<string, unknown>);
        });
      }
    }
  }
}
