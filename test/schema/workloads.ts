/** Valid manifests of every workload kind, shared by the schema tests. */

export function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

export const POD_SPEC = `containers:
- name: web
  image: nginx:1.27
  imagePullPolicy: IfNotPresent
  ports:
  - containerPort: 80
    protocol: TCP
  resources:
    requests: {cpu: 100m, memory: 64Mi}
    limits: {cpu: 1, memory: 128Mi}
  livenessProbe:
    httpGet: {path: /, port: 80}
    periodSeconds: 10
restartPolicy: Always`;

/** One valid manifest per workload kind, and where its pod spec sits. */
export const WORKLOADS: Record<string, { yaml: (spec: string) => string; spec: string }> = {
  Pod: {
    spec: '/spec',
    yaml: (spec) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n${indent(spec, 2)}\n`,
  },
  ReplicationController: {
    spec: '/spec/template/spec',
    yaml: (spec) =>
      `apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n${indent(spec, 6)}\n`,
  },
  ReplicaSet: {
    spec: '/spec/template/spec',
    yaml: (spec) =>
      `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n    matchExpressions:\n    - {key: tier, operator: In, values: [frontend]}\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: frontend\n    spec:\n${indent(spec, 6)}\n`,
  },
  Deployment: {
    spec: '/spec/template/spec',
    yaml: (spec) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n${indent(spec, 6)}\n`,
  },
  StatefulSet: {
    spec: '/spec/template/spec',
    yaml: (spec) =>
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n${indent(spec, 6)}\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n`,
  },
  DaemonSet: {
    spec: '/spec/template/spec',
    yaml: (spec) =>
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  updateStrategy:\n    rollingUpdate: {maxUnavailable: 10%}\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n${indent(spec, 6)}\n`,
  },
  Job: {
    spec: '/spec/template/spec',
    yaml: (spec) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: web\nspec:\n  backoffLimit: 4\n  completions: 1\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n${indent(spec.replace('restartPolicy: Always', 'restartPolicy: Never'), 6)}\n`,
  },
  CronJob: {
    spec: '/spec/jobTemplate/spec/template/spec',
    yaml: (spec) =>
      `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: web\nspec:\n  schedule: "*/5 * * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels:\n            app: web\n        spec:\n${indent(spec.replace('restartPolicy: Always', 'restartPolicy: OnFailure'), 10)}\n`,
  },
};

