import { ruleTester } from '../../helpers/rule-tester.js';
import livenessMissing from '../../../rules/liveness-probe-missing.js';
import readinessMissing from '../../../rules/readiness-probe-missing.js';

const probe = (field: string) => `    ${field}:\n      httpGet:\n        path: /\n        port: 80\n`;

const pod = (extra = '', spec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
${spec}  containers:
  - name: web
    image: nginx:1.27
${extra}`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: web
        image: nginx:1.27
      - name: logger
        image: busybox:1.36
`;

const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: once
        image: busybox:1.36
`;

const sidecarPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.30.0
    restartPolicy: Always
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      tcpSocket:
        port: 80
    readinessProbe:
      tcpSocket:
        port: 80
`;

ruleTester(livenessMissing, {
  valid: [
    { name: 'liveness probe present', code: pod(probe('livenessProbe')) },
    { name: 'Job is skipped', code: job },
    { name: 'bare Pod with restartPolicy OnFailure runs to completion', code: pod('', '  restartPolicy: OnFailure\n') },
    { name: 'sidecar not checked by default', code: sidecarPod },
    { name: 'skipKinds option', code: deployment, options: { skipKinds: ['Deployment'] } },
  ],
  invalid: [
    {
      name: 'Pod without liveness probe',
      code: pod(probe('readinessProbe')),
      errors: [{ messageId: 'missing', line: 9, column: 5, path: '/spec/containers/0', message: 'container "web" has no livenessProbe: if it hangs without exiting (a deadlock, a stuck event loop), the kubelet keeps it running and nothing restarts it' }],
    },
    {
      name: 'every regular container of a Deployment, not the init container',
      code: deployment,
      errors: [
        { messageId: 'missing', line: 18, column: 9, path: '/spec/template/spec/containers/0' },
        { messageId: 'missing', line: 20, column: 9, path: '/spec/template/spec/containers/1' },
      ],
    },
    {
      name: 'sidecar checked with includeSidecars',
      code: sidecarPod,
      options: { includeSidecars: true },
      errors: [{ messageId: 'missing', line: 7, column: 5, message: 'sidecar container "proxy" has no livenessProbe: if it hangs without exiting (a deadlock, a stuck event loop), the kubelet keeps it running and nothing restarts it' }],
    },
  ],
});

const service = `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

ruleTester(readinessMissing, {
  valid: [
    { name: 'readiness probe present', code: pod(probe('readinessProbe')) },
    { name: 'CronJob is skipped', code: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: c\n            image: busybox:1.36\n` },
    { name: 'onlyWhenServiced: no Service selects the pod', code: pod(), options: { onlyWhenServiced: true } },
    { name: 'onlyWhenServiced: Service in another namespace', code: pod() + service.replace('  name: web\n', '  name: web\n  namespace: other\n'), options: { onlyWhenServiced: true } },
  ],
  invalid: [
    {
      name: 'Pod without readiness probe',
      code: pod(probe('livenessProbe')),
      errors: [{ messageId: 'missing', line: 9, column: 5, path: '/spec/containers/0' }],
    },
    {
      name: 'Deployment containers',
      code: deployment,
      errors: [
        { messageId: 'missing', line: 18, column: 9 },
        { messageId: 'missing', line: 20, column: 9 },
      ],
    },
    {
      name: 'onlyWhenServiced: a Service selects the pod',
      code: pod() + service,
      options: { onlyWhenServiced: true },
      errors: [{ messageId: 'missingServiced', line: 9, column: 5, message: 'container "web" has no readinessProbe, and Service "web" selects this pod: it receives requests as soon as its containers start, before it can serve them, and keeps receiving them when it cannot' }],
    },
  ],
});
