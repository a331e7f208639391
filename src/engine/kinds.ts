/** Which kinds embed a pod spec, and where (kube-linter's "DeploymentLike" idea, in one place). */
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

export interface PodSpecLocation {
  /** JSON pointer of the pod spec inside the object. */
  spec: string;
  /** JSON pointer of the pod (template) metadata. */
  metadata: string;
  /** True for a template (RC, RS, Deployment …), false for a Pod. */
  template: boolean;
}

/** Kind → where its pod spec lives. Keyed by kind; the group is checked by podSpecLocation(). */
const POD_SPEC_LOCATIONS: Record<string, { groups: string[]; loc: PodSpecLocation }> = {
  Pod: { groups: [''], loc: { spec: '/spec', metadata: '/metadata', template: false } },
  PodTemplate: { groups: [''], loc: { spec: '/template/spec', metadata: '/template/metadata', template: true } },
  ReplicationController: { groups: [''], loc: { spec: '/spec/template/spec', metadata: '/spec/template/metadata', template: true } },
  ReplicaSet: { groups: ['apps', 'extensions'], loc: { spec: '/spec/template/spec', metadata: '/spec/template/metadata', template: true } },
  Deployment: { groups: ['apps', 'extensions'], loc: { spec: '/spec/template/spec', metadata: '/spec/template/metadata', template: true } },
  StatefulSet: { groups: ['apps'], loc: { spec: '/spec/template/spec', metadata: '/spec/template/metadata', template: true } },
  DaemonSet: { groups: ['apps', 'extensions'], loc: { spec: '/spec/template/spec', metadata: '/spec/template/metadata', template: true } },
  Job: { groups: ['batch'], loc: { spec: '/spec/template/spec', metadata: '/spec/template/metadata', template: true } },
  CronJob: { groups: ['batch'], loc: { spec: '/spec/jobTemplate/spec/template/spec', metadata: '/spec/jobTemplate/spec/template/metadata', template: true } },
};

/** The kinds whose pod template is kept alive by a controller with restartPolicy Always. */
export const ALWAYS_RESTART_CONTROLLERS = new Set(['ReplicationController', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet']);

export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion || !apiVersion.includes('/')) return '';
  return apiVersion.slice(0, apiVersion.indexOf('/'));
}

export function podSpecLocation(apiVersion: string | undefined, kind: string | undefined): PodSpecLocation | undefined {
  if (!kind) return undefined;
  const entry = POD_SPEC_LOCATIONS[kind];
  if (!entry || !entry.groups.includes(groupOf(apiVersion))) return undefined;
  return entry.loc;
}

export type { PodSpec, ObjectMeta };
