/** Shared logic of resource-requests-missing and resource-limits-missing (not a rule). */
import type { PodSpecTarget } from '../src/engine/rule.js';
import { containersOf, isRecord, type ContainerRef } from '../src/k8s/podspec.js';

export const RESOURCE_NAMES = ['cpu', 'memory'] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

export interface ResourceOptions {
  /** Which resources must be set. */
  resources: ResourceName[];
}

export const RESOURCE_OPTIONS_SCHEMA = {
  type: 'object',
  properties: {
    resources: { type: 'array', items: { enum: [...RESOURCE_NAMES] }, uniqueItems: true, description: 'Resources that must be set.' },
  },
  additionalProperties: false,
} as const;

/** A quantity counts as set when it is a non-empty string or a number (Polaris: non-empty string). */
export function isSet(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
}

export function resourceMap(c: ContainerRef, field: 'requests' | 'limits'): Record<string, unknown> | undefined {
  const res = (c.container as unknown as Record<string, unknown>).resources;
  if (!isRecord(res)) return undefined;
  const m = res[field];
  return isRecord(m) ? m : undefined;
}

/** Regular containers and sidecars (they run for the pod's lifetime and count in its request); plain init containers are skipped. */
export function longRunningContainers(target: PodSpecTarget): ContainerRef[] {
  return containersOf(target).filter((c) => c.kind === 'container' || c.isSidecar);
}
