/** References from a pod spec to other objects: ConfigMaps, Secrets (volumes, env, envFrom) and PVCs. */
import type { Json } from './model.js';

export interface PodRefs {
  /** Volume sources: the pod cannot start until they mount. */
  volumes: { volume: string; kind: 'configmap' | 'secret' | 'persistentvolumeclaim'; name: string }[];
  /** Per container name: env / envFrom references that are not optional. */
  env: Map<string, { kind: 'configmap' | 'secret'; name: string }[]>;
}

export function podRefs(spec: Json): PodRefs {
  const volumes: PodRefs['volumes'] = [];
  for (const v of spec?.volumes ?? []) {
    if (v?.configMap?.name && v.configMap.optional !== true) volumes.push({ volume: v.name, kind: 'configmap', name: v.configMap.name });
    if (v?.secret?.secretName && v.secret.optional !== true) volumes.push({ volume: v.name, kind: 'secret', name: v.secret.secretName });
    if (v?.persistentVolumeClaim?.claimName) volumes.push({ volume: v.name, kind: 'persistentvolumeclaim', name: v.persistentVolumeClaim.claimName });
    for (const s of v?.projected?.sources ?? []) {
      if (s?.configMap?.name && s.configMap.optional !== true) volumes.push({ volume: v.name, kind: 'configmap', name: s.configMap.name });
      if (s?.secret?.name && s.secret.optional !== true) volumes.push({ volume: v.name, kind: 'secret', name: s.secret.name });
    }
  }
  const env = new Map<string, { kind: 'configmap' | 'secret'; name: string }[]>();
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    const list: { kind: 'configmap' | 'secret'; name: string }[] = [];
    for (const e of c?.envFrom ?? []) {
      if (e?.configMapRef?.name && e.configMapRef.optional !== true) list.push({ kind: 'configmap', name: e.configMapRef.name });
      if (e?.secretRef?.name && e.secretRef.optional !== true) list.push({ kind: 'secret', name: e.secretRef.name });
    }
    for (const e of c?.env ?? []) {
      const cm = e?.valueFrom?.configMapKeyRef;
      const sk = e?.valueFrom?.secretKeyRef;
      if (cm?.name && cm.optional !== true) list.push({ kind: 'configmap', name: cm.name });
      if (sk?.name && sk.optional !== true) list.push({ kind: 'secret', name: sk.name });
    }
    if (list.length) env.set(c.name, list);
  }
  return { volumes, env };
}
