/**
 * The CustomResourceDefinitions known to a run: from the run's own objects, `--crd` paths and the
 * configuration's `crds:`. Custom resources are looked up by API group, version and kind.
 */
import { isRecord } from '../k8s/podspec.js';
import { normalizeSchema, type JSONSchemaProps } from './schema.js';

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
export const CRD_KIND = 'CustomResourceDefinition';

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  schema?: JSONSchemaProps;
  /** The version has the status subresource: the main endpoint ignores `status` (it is reset on create). */
  statusSubresource: boolean;
}

export interface Crd {
  group: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  scope: string;
  versions: CrdVersion[];
  /** Where it was read, for messages. */
  source: string;
}

/** Whether an object is an apiextensions.k8s.io/v1 CustomResourceDefinition. */
export function isCrdObject(o: unknown): o is Record<string, unknown> {
  return isRecord(o) && o.apiVersion === CRD_API_VERSION && o.kind === CRD_KIND;
}

/** Read a CRD object; undefined when it lacks what a lookup needs (group, kind, versions). */
export function readCrd(o: Record<string, unknown>, source: string): Crd | undefined {
  const spec = o.spec;
  if (!isRecord(spec) || typeof spec.group !== 'string' || !isRecord(spec.names) || typeof spec.names.kind !== 'string' || !Array.isArray(spec.versions)) return undefined;
  const names = spec.names;
  const versions: CrdVersion[] = [];
  for (const v of spec.versions) {
    if (!isRecord(v) || typeof v.name !== 'string') continue;
    const schema = isRecord(v.schema) && isRecord(v.schema.openAPIV3Schema) ? normalizeSchema(v.schema.openAPIV3Schema) : undefined;
    const statusSubresource = isRecord(v.subresources) && v.subresources.status !== undefined;
    const version: CrdVersion = { name: v.name, served: v.served === true, storage: v.storage === true, deprecated: v.deprecated === true, statusSubresource };
    if (typeof v.deprecationWarning === 'string') version.deprecationWarning = v.deprecationWarning;
    if (schema) version.schema = schema;
    versions.push(version);
  }
  return {
    group: spec.group,
    kind: names.kind as string,
    plural: typeof names.plural === 'string' ? names.plural : '',
    singular: typeof names.singular === 'string' ? names.singular : (names.kind as string).toLowerCase(),
    shortNames: Array.isArray(names.shortNames) ? names.shortNames.filter((s): s is string => typeof s === 'string') : [],
    scope: typeof spec.scope === 'string' ? spec.scope : 'Namespaced',
    versions,
    source,
  };
}

export class CrdRegistry {
  private readonly byGroupKind = new Map<string, Crd>();

  get size(): number {
    return this.byGroupKind.size;
  }

  /** Add a CRD object (the first definition of a group and kind wins, as a second create would be refused). */
  add(o: unknown, source: string): boolean {
    if (!isCrdObject(o)) return false;
    const crd = readCrd(o, source);
    if (!crd) return false;
    const key = `${crd.group}/${crd.kind}`;
    if (this.byGroupKind.has(key)) return false;
    this.byGroupKind.set(key, crd);
    return true;
  }

  /** The CRD defining `kind` in the group of `apiVersion`, and the version asked for (undefined when the CRD lacks it). */
  lookup(apiVersion: string, kind: string): { crd: Crd; version: CrdVersion | undefined } | undefined {
    const slash = apiVersion.indexOf('/');
    if (slash < 0) return undefined;
    const crd = this.byGroupKind.get(`${apiVersion.slice(0, slash)}/${kind}`);
    if (!crd) return undefined;
    const name = apiVersion.slice(slash + 1);
    return { crd, version: crd.versions.find((v) => v.name === name) };
  }

  all(): Crd[] {
    return [...this.byGroupKind.values()].sort((a, b) => (a.group + a.kind < b.group + b.kind ? -1 : 1));
  }
}

/** Kubernetes' version priority: GA > beta > alpha, then higher numbers (apimachinery version/helpers.go CompareKubeAwareVersionStrings). */
export function compareKubeAwareVersions(a: string, b: string): number {
  const p = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    return [m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1, Number(m[1]), m[3] === undefined ? 0 : Number(m[3])];
  };
  const pa = p(a), pb = p(b);
  if (pa[0] === 0 && pb[0] === 0) return a < b ? 1 : a > b ? -1 : 0;
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** customresource_handler.go defaultDeprecationWarning. */
export function deprecationWarning(crd: Crd, version: CrdVersion): string {
  if (version.deprecationWarning !== undefined) return version.deprecationWarning;
  let msg = `${crd.group}/${version.name} ${crd.kind} is deprecated`;
  const newer = crd.versions
    .filter((v) => v.served && !v.deprecated && compareKubeAwareVersions(version.name, v.name) < 0)
    .map((v) => v.name)
    .sort((x, y) => compareKubeAwareVersions(y, x));
  if (newer.length) msg += `; use ${crd.group}/${newer[0]} ${crd.kind}`;
  return msg;
}
