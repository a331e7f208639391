/**
 * The resources of a kustomize build, as the build steps pass them along: each object is a plain JSON
 * value whose fields carry their origins (see origin.ts), plus what kustomize itself remembers of it.
 */
import type { K8sObject } from '../types.js';
import type { Origin } from './origin.js';

/** kustomize's resource id (api/resid): group, version, kind, name and namespace. */
export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  /** Absent for cluster-scoped objects and for objects without a namespace. */
  namespace?: string;
}

export interface Resource {
  /** The object as built so far: a plain JSON value with origins (origin.ts). */
  object: K8sObject;
  /** The ids the object had before transformers renamed it (namePrefix/nameSuffix, namespace), oldest first. */
  previousIds: ResId[];
  /** For objects a generator made (configMapGenerator, secretGenerator): how kustomize treats them. */
  generated?: { behavior: 'create' | 'merge' | 'replace'; hashSuffix: boolean };
  /** The name prefixes and suffixes transformers added, innermost first (kustomize's build annotations; name references match on them). */
  prefixes?: string[];
  suffixes?: string[];
}

/** A build that kustomize itself would refuse: kustomize's message, located where the cause was written. */
export class KustomizeError extends Error {
  constructor(
    message: string,
    readonly origin?: Origin,
  ) {
    super(message);
    this.name = 'KustomizeError';
  }
}

/** The id of an object as it is now. */
export function resIdOf(object: K8sObject): ResId {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const slash = apiVersion.lastIndexOf('/');
  const md = object.metadata;
  const id: ResId = {
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: typeof object.kind === 'string' ? object.kind : '',
    name: typeof md?.name === 'string' ? md.name : '',
  };
  if (typeof md?.namespace === 'string' && md.namespace !== '') id.namespace = md.namespace;
  return id;
}
