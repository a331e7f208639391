/**
 * Cost of schema validation alone (not a test): `npx tsx test/schema/bench-validate.ts [version]`.
 * Prints the cost of the first validateObject() call (it loads the version's data) and of validating
 * 10,000 Pod / ReplicationController / ReplicaSet / Deployment documents, in wall and CPU time.
 */
import { validateObject } from '../../src/schema/validate.js';

const version = process.argv[2] ?? '1.36';

const container = (name: string) => ({
  name,
  image: 'nginx:1.27',
  imagePullPolicy: 'IfNotPresent',
  ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
  env: [{ name: 'MODE', value: 'production' }, { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: 1, memory: '128Mi' } },
  livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 },
  readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
  volumeMounts: [{ name: 'data', mountPath: '/data' }],
});
const podSpec = () => ({
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  containers: [container('web'), container('sidecar')],
  volumes: [{ name: 'data', emptyDir: {} }],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
});
const meta = (name: string) => ({ name, namespace: 'default', labels: { app: name, tier: 'frontend' }, annotations: { 'example.com/owner': 'team-a' } });
const template = (name: string) => ({ metadata: { labels: { app: name } }, spec: podSpec() });
const samples = [
  { apiVersion: 'v1', kind: 'Pod', metadata: meta('pod'), spec: podSpec() },
  { apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('rc'), spec: { replicas: 3, selector: { app: 'rc' }, template: template('rc') } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('rs'), spec: { replicas: 3, selector: { matchLabels: { app: 'rs' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }] }, template: template('rs') } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('d'), spec: { replicas: 3, selector: { matchLabels: { app: 'd' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }, template: template('d') } },
];
const docs = Array.from({ length: 10_000 }, (_, i) => structuredClone(samples[i % samples.length]));

const ms = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000).toFixed(2);
let t = performance.now();
let c = process.cpuUsage();
validateObject(samples[0], version);
console.log(`first validateObject (loads the ${version} data): ${(performance.now() - t).toFixed(2)} ms wall, ${ms(process.cpuUsage(c))} ms CPU`);
for (let round = 1; round <= 5; round++) {
  t = performance.now();
  c = process.cpuUsage();
  let problems = 0;
  for (const d of docs) problems += validateObject(d, version)!.length;
  console.log(`round ${round}: 10,000 documents in ${(performance.now() - t).toFixed(1)} ms wall, ${ms(process.cpuUsage(c))} ms CPU, ${problems} problems`);
}
