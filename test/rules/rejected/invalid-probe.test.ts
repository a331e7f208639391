import rule from '../../../rules/invalid-probe.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (probes: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
${extra}  containers:
    - name: app
      image: nginx
      ports:
        - {name: http, containerPort: 80}
${probes}`;

ruleTester(rule, {
  valid: [
    {
      name: 'one handler each, defaults written as 0',
      code: pod('      livenessProbe:\n        httpGet: {path: /, port: http}\n        periodSeconds: 0\n      readinessProbe:\n        tcpSocket: {port: 80}\n        successThreshold: 3\n      startupProbe:\n        exec: {command: [cat, /ready]}\n        terminationGracePeriodSeconds: 5\n'),
    },
    { name: 'grpc probe', code: pod('      livenessProbe:\n        grpc: {port: 9090}\n') },
    {
      name: 'probes on a sidecar init container',
      code: pod('', '  initContainers:\n    - name: proxy\n      image: envoy\n      restartPolicy: Always\n      readinessProbe:\n        tcpSocket: {port: 15000}\n'),
    },
  ],
  invalid: [
    {
      name: 'no handler (misspelled httpget)',
      code: pod('      livenessProbe:\n        httpget: {path: /, port: 80}\n'),
      errors: [{ messageId: 'noHandler', line: 11, column: 7, message: 'spec.containers[0].livenessProbe: Required value: must specify a handler type (one of exec, httpGet, tcpSocket or grpc)' }],
    },
    {
      name: 'two handlers: the later one is reported',
      code: pod('      readinessProbe:\n        httpGet: {path: /, port: 80}\n        tcpSocket: {port: 80}\n'),
      errors: [{ messageId: 'tooManyHandlers', line: 13, column: 9, path: '/spec/containers/0/readinessProbe/tcpSocket', message: 'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type (httpGet and tcpSocket are both set; a probe has exactly one)' }],
    },
    {
      name: 'successThreshold on liveness and startup',
      code: pod('      livenessProbe:\n        tcpSocket: {port: 80}\n        successThreshold: 2\n      startupProbe:\n        tcpSocket: {port: 80}\n        successThreshold: 3\n'),
      errors: [
        { messageId: 'successThreshold', line: 13, column: 27, message: 'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1 — a liveness probe succeeds on its first success; only readiness probes may ask for more' },
        { messageId: 'successThreshold', line: 16, column: 27 },
      ],
    },
    {
      name: 'negative timings',
      code: pod('      livenessProbe:\n        tcpSocket: {port: 80}\n        initialDelaySeconds: -5\n        failureThreshold: -1\n'),
      errors: [
        { messageId: 'negative', line: 13, column: 30, message: 'spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -5: must be greater than or equal to 0' },
        { messageId: 'negative', line: 14, column: 27 },
      ],
    },
    {
      name: 'terminationGracePeriodSeconds: forbidden on readiness, positive elsewhere',
      code: pod('      readinessProbe:\n        tcpSocket: {port: 80}\n        terminationGracePeriodSeconds: 10\n      livenessProbe:\n        tcpSocket: {port: 80}\n        terminationGracePeriodSeconds: 0\n'),
      errors: [
        { messageId: 'graceOnReadiness', line: 13, column: 40, message: 'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes' },
        { messageId: 'gracePositive', line: 16, column: 40, message: 'spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0' },
      ],
    },
    {
      name: 'ports, scheme and exec command in a Deployment',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - name: app\n          image: nginx\n          livenessProbe:\n            httpGet: {path: /, port: 70000, scheme: FTP}\n          readinessProbe:\n            tcpSocket: {port: "8080"}\n          startupProbe:\n            exec: {command: []}\n',
      errors: [
        { messageId: 'port', line: 14, column: 38, message: 'spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive' },
        { messageId: 'scheme', line: 14, column: 53, message: 'spec.template.spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"' },
        { messageId: 'port', line: 16, column: 31, message: 'spec.template.spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "8080": must contain at least one letter (a-z)' },
        { messageId: 'execCommand', line: 18, column: 20, message: 'spec.template.spec.containers[0].startupProbe.exec.command: Required value' },
      ],
    },
    {
      name: 'probe on a regular init container',
      code: pod('', '  initContainers:\n    - name: migrate\n      image: app\n      livenessProbe:\n        exec: {command: ["true"]}\n'),
      errors: [{ messageId: 'initProbe', line: 9, column: 7, message: 'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always — a regular init container runs to completion and is never probed' }],
    },
  ],
});
