import rule from '../../../rules/probe-named-port.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const deploy = (containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
${containers}`;

ruleTester(rule, {
  valid: [
    { name: 'named port declared by the container', code: deploy('        - name: app\n          image: nginx\n          ports: [{name: http, containerPort: 80}]\n          readinessProbe:\n            httpGet: {path: /, port: http}\n') },
    { name: 'numeric port (probe-port-not-declared judges it)', code: deploy('        - name: app\n          image: nginx\n          livenessProbe:\n            tcpSocket: {port: 8080}\n') },
    { name: 'invalid port syntax is left to invalid-probe', code: deploy('        - name: app\n          image: nginx\n          livenessProbe:\n            tcpSocket: {port: "8080"}\n') },
  ],
  invalid: [
    {
      name: 'readiness on an undeclared name: what happens',
      code: deploy('        - name: app\n          image: nginx\n          ports: [{containerPort: 8080}]\n          readinessProbe:\n            httpGet:\n              path: /ready\n              port: http\n'),
      errors: [
        {
          messageId: 'notDeclared',
          line: 17,
          column: 21,
          path: '/spec/template/spec/containers/0/readinessProbe/httpGet/port',
          message:
            'Readiness probe of container "app" uses port "http", but container "app" declares no port of that name: every probe errors with "port http not found" and its result is discarded — the readiness result stays at its initial Failure, so the container never becomes Ready: the pod is never added to Service endpoints and a rollout waiting for it stalls',
        },
      ],
    },
    {
      name: 'liveness on a name another container declares',
      code: deploy('        - name: app\n          image: nginx\n          livenessProbe:\n            tcpSocket: {port: metrics}\n        - name: exporter\n          image: exporter\n          ports: [{name: metrics, containerPort: 9100}]\n'),
      errors: [
        {
          messageId: 'notDeclared',
          line: 14,
          column: 31,
          message:
            'Liveness probe of container "app" uses port "metrics", but container "app" declares no port of that name (only container "exporter" does, and names resolve within one container): every probe errors with "port metrics not found" and its result is discarded — the liveness result stays at its initial Success, so the probe never restarts the container, however unhealthy it gets — it protects nothing',
        },
      ],
    },
    {
      name: 'startup probe in a Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx\n      startupProbe:\n        httpGet: {path: /, port: web}\n',
      errors: [{ messageId: 'notDeclared', line: 10, column: 34 }],
    },
  ],
});
