import { ruleTester } from '../../helpers/rule-tester.js';
import rule from '../../../rules/probe-port-not-declared.js';

const container = (ports: string, probe: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: myweb
spec:
${extra}  containers:
  - name: myweb
    image: httpd:2.4
${ports}${probe}`;

/** The seed note's myweb-liveness-err.yaml. */
const seedLivenessErr = `apiVersion: v1
kind: Pod
metadata:
  name: myweb-liveness-err
spec:
  containers:
    - name: myweb
      image: httpd
      ports:
        - containerPort: 80
          protocol: TCP
      livenessProbe:
        httpGet:
          path: "/"
          port: 8080
`;

const ports80 = '    ports:\n    - containerPort: 80\n      protocol: TCP\n';
const http = (type: string, port: string, more = '') => `    ${type}Probe:\n      httpGet:\n        path: /\n        port: ${port}\n${more}`;

ruleTester(rule, {
  valid: [
    { name: 'probe on the declared port', code: container(ports80, http('liveness', '80')) },
    { name: 'named port is another rule', code: container(ports80, http('liveness', 'http')) },
    { name: 'probe to another host', code: container(ports80, '    livenessProbe:\n      httpGet:\n        host: example.com\n        port: 8080\n') },
    { name: 'exec probe has no port', code: container(ports80, '    livenessProbe:\n      exec:\n        command: [true]\n') },
    { name: 'a container that declares no ports gives no evidence (default)', code: container('', http('liveness', '8080')) },
    { name: 'declared named TCP port', code: container('    ports:\n    - containerPort: 8080\n      name: http\n', http('readiness', 'http')) },
  ],
  invalid: [
    {
      name: 'the seed note: liveness on 8080, container declares 80',
      code: seedLivenessErr,
      errors: [
        {
          messageId: 'undeclared',
          line: 15,
          column: 17,
          path: '/spec/containers/0/livenessProbe/httpGet/port',
          message:
            'liveness probe targets port 8080, which container "myweb" does not declare (it declares 80): if nothing listens there, the probe fails, and after 3 × 10 s ≈ 30 s the kubelet kills the container; restarts back off 10 s, 20 s, 40 s … up to 5 min: CrashLoopBackOff',
        },
      ],
    },
    {
      name: 'timing from the probe itself; no ports declared, checked with checkWithoutPorts',
      code: container('', http('liveness', '8080', '      initialDelaySeconds: 15\n      periodSeconds: 20\n      failureThreshold: 5\n')),
      options: { checkWithoutPorts: true },
      errors: [
        {
          messageId: 'undeclared',
          line: 12,
          column: 15,
          message:
            'liveness probe targets port 8080, which container "myweb" does not declare (it declares no ports): if nothing listens there, the probe fails, and after 15 s + 5 × 20 s ≈ 1 min 55 s the kubelet kills the container; restarts back off 10 s, 20 s, 40 s … up to 5 min: CrashLoopBackOff',
        },
      ],
    },
    {
      name: 'restartPolicy Never: the pod ends Failed',
      code: container(ports80, http('liveness', '8080'), '  restartPolicy: Never\n'),
      errors: [
        {
          messageId: 'undeclared',
          line: 16,
          column: 15,
          message:
            'liveness probe targets port 8080, which container "myweb" does not declare (it declares 80): if nothing listens there, the probe fails, and after 3 × 10 s ≈ 30 s the kubelet kills the container; with restartPolicy Never it is not restarted: the pod ends Failed',
        },
      ],
    },
    {
      name: 'readiness: never Ready',
      code: container(ports80, http('readiness', '8080')),
      errors: [
        {
          messageId: 'undeclared',
          line: 15,
          column: 15,
          message:
            'readiness probe targets port 8080, which container "myweb" does not declare (it declares 80): if nothing listens there, the probe fails every 10 s and the container never becomes Ready: Services send the pod no traffic and it never counts as available, so a rollout stalls',
        },
      ],
    },
    {
      name: 'startup: killed before the other probes run',
      code: container(ports80, '    startupProbe:\n      tcpSocket:\n        port: 8080\n      failureThreshold: 30\n'),
      errors: [
        {
          messageId: 'undeclared',
          line: 14,
          column: 15,
          message:
            'startup probe targets port 8080, which container "myweb" does not declare (it declares 80): if nothing listens there, the probe fails, and after 30 × 10 s ≈ 5 min the kubelet kills the container before its liveness and readiness probes ever run; restarts back off 10 s, 20 s, 40 s … up to 5 min: CrashLoopBackOff',
        },
      ],
    },
    {
      name: 'grpc probe',
      code: container(ports80, '    livenessProbe:\n      grpc:\n        port: 9090\n'),
      errors: [{ messageId: 'undeclared', line: 14, column: 15, path: '/spec/containers/0/livenessProbe/grpc/port' }],
    },
    {
      name: 'port declared only as UDP (numeric and named)',
      code: container('    ports:\n    - containerPort: 53\n      name: dns\n      protocol: UDP\n', '    livenessProbe:\n      tcpSocket:\n        port: dns\n    readinessProbe:\n      tcpSocket:\n        port: 53\n'),
      errors: [
        { messageId: 'notTcp', line: 15, column: 15, message: 'liveness probe connects over TCP to port dns (53), which container "myweb" declares only as UDP: if nothing listens on TCP there, the probe fails, and after 3 × 10 s ≈ 30 s the kubelet kills the container; restarts back off 10 s, 20 s, 40 s … up to 5 min: CrashLoopBackOff' },
        { messageId: 'notTcp', line: 18, column: 15 },
      ],
    },
    {
      name: 'port declared by another container of the pod',
      code: `apiVersion: apps/v1
kind: ReplicaSet
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
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
      - name: metrics
        image: exporter:1.0
        livenessProbe:
          httpGet:
            port: 80
`,
      errors: [
        {
          messageId: 'otherContainer',
          line: 23,
          column: 19,
          message:
            'liveness probe of container "metrics" targets port 80, which container "web" declares: the containers of a pod share one network namespace, so the probe checks container "web", and whenever that one stops answering, the probe fails, and after 3 × 10 s ≈ 30 s the kubelet kills the container; restarts back off 10 s, 20 s, 40 s … up to 5 min: CrashLoopBackOff',
        },
      ],
    },
  ],
});
