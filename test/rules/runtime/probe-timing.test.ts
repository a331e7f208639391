import { ruleTester } from '../../helpers/rule-tester.js';
import timeout from '../../../rules/probe-timeout-too-long.js';
import same from '../../../rules/liveness-same-as-readiness.js';
import killsEarly from '../../../rules/liveness-kills-before-ready.js';
import startupShort from '../../../rules/startup-budget-too-short.js';
import restartNever from '../../../rules/liveness-with-restart-never.js';

/** A Pod whose single container gets `probes` (already indented by 4). Container starts at line 7. */
const pod = (probes: string, specExtra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
${specExtra}  containers:
  - name: app
    image: app:1.0
    ports:
    - containerPort: 8080
${probes}`;

const http = (type: string, path: string, extra = '') => `    ${type}Probe:\n      httpGet:\n        path: ${path}\n        port: 8080\n${extra}`;

ruleTester(timeout, {
  valid: [
    { name: 'defaults: 1 s timeout, 10 s period', code: pod(http('liveness', '/healthz')) },
    { name: 'timeout below period', code: pod(http('readiness', '/ready', '      timeoutSeconds: 4\n      periodSeconds: 5\n')) },
  ],
  invalid: [
    {
      name: 'timeout above period',
      code: pod(http('liveness', '/healthz', '      periodSeconds: 5\n      timeoutSeconds: 10\n')),
      errors: [
        {
          messageId: 'timeout',
          line: 16,
          column: 23,
          path: '/spec/containers/0/livenessProbe/timeoutSeconds',
          message:
            'liveness probe of container "app" has timeoutSeconds 10, not less than periodSeconds 5: the kubelet runs one probe at a time, so a slow answer delays the next probe, probes run back to back every 10 s, and a hung container is noticed only after failureThreshold × timeoutSeconds = 3 × 10 s = 30 s',
        },
      ],
    },
    {
      name: 'timeout equal to the default period',
      code: pod(http('readiness', '/ready', '      timeoutSeconds: 10\n')),
      errors: [{ messageId: 'timeout', line: 15, column: 23 }],
    },
    {
      name: 'periodSeconds 1 with the default timeout: pointed at periodSeconds',
      code: pod(http('startup', '/healthz', '      periodSeconds: 1\n      failureThreshold: 30\n')),
      errors: [{ messageId: 'timeout', line: 15, column: 22, path: '/spec/containers/0/startupProbe/periodSeconds' }],
    },
  ],
});

ruleTester(same, {
  valid: [
    { name: 'different endpoints', code: pod(http('liveness', '/healthz') + http('readiness', '/ready')) },
    { name: 'same endpoint, more tolerant liveness', code: pod(http('liveness', '/ready', '      failureThreshold: 6\n') + http('readiness', '/ready')) },
    { name: 'only one probe', code: pod(http('liveness', '/ready')) },
  ],
  invalid: [
    {
      name: 'identical httpGet, defaults make them equal',
      code: pod(http('liveness', '/ready', '      periodSeconds: 10\n') + http('readiness', '/ready', '      timeoutSeconds: 1\n')),
      errors: [
        {
          messageId: 'identical',
          line: 11,
          column: 5,
          path: '/spec/containers/0/livenessProbe',
          message:
            'liveness and readiness probes of container "app" are identical (httpGet /ready on port 8080, every 10 s, 3 failures): when the check fails, the pod is taken out of its Services and the container is killed at the same moment, so a container that is only busy is restarted instead of being given time to recover',
        },
      ],
    },
    {
      name: 'identical exec; absent path equals "/"',
      code: pod('    livenessProbe:\n      exec:\n        command: [cat, /tmp/ok]\n    readinessProbe:\n      exec:\n        command: [cat, /tmp/ok]\n'),
      errors: [{ messageId: 'identical', line: 11, column: 5 }],
    },
  ],
});

ruleTester(killsEarly, {
  valid: [
    { name: 'liveness waits longer than readiness', code: pod(http('liveness', '/healthz', '      initialDelaySeconds: 60\n') + http('readiness', '/ready', '      initialDelaySeconds: 20\n')) },
    { name: 'a startupProbe protects the start', code: pod(http('startup', '/healthz', '      failureThreshold: 30\n') + http('liveness', '/healthz') + http('readiness', '/ready', '      initialDelaySeconds: 60\n')) },
    { name: 'both with defaults: kill at 30 s, ready at 0 s', code: pod(http('liveness', '/healthz') + http('readiness', '/ready')) },
  ],
  invalid: [
    {
      name: 'readiness only starts after the liveness budget is spent',
      code: pod(http('liveness', '/healthz') + http('readiness', '/ready', '      initialDelaySeconds: 60\n')),
      errors: [
        {
          messageId: 'early',
          line: 11,
          column: 5,
          message:
            'liveness probe of container "app" can kill it 30 s after start (3 × 10 s ≈ 30 s), no later than its readiness probe can first pass (1 min): a container that really needs that long to start is killed and restarted again and again (back-off 10 s, 20 s, 40 s … up to 5 min: CrashLoopBackOff) and never becomes Ready',
        },
      ],
    },
    {
      name: 'equal times count (successThreshold adds periods)',
      code: pod(http('liveness', '/healthz', '      initialDelaySeconds: 10\n      periodSeconds: 5\n      failureThreshold: 2\n') + http('readiness', '/ready', '      periodSeconds: 5\n      successThreshold: 5\n')),
      errors: [{ messageId: 'early', line: 11, column: 5 }],
    },
  ],
});

ruleTester(startupShort, {
  valid: [
    { name: 'the seed note myweb-startup: default budget, no liveness delay', code: pod(http('liveness', '/') + http('startup', '/')) },
    { name: 'budget covers the liveness delay', code: pod(http('startup', '/healthz', '      failureThreshold: 12\n') + http('liveness', '/healthz', '      initialDelaySeconds: 120\n')) },
  ],
  invalid: [
    {
      name: 'startup gives up at 30 s, liveness waits 2 min',
      code: pod(http('startup', '/healthz') + http('liveness', '/healthz', '      initialDelaySeconds: 120\n')),
      errors: [
        {
          messageId: 'short',
          line: 11,
          column: 5,
          path: '/spec/containers/0/startupProbe',
          message:
            'startup probe of container "app" gives up after 3 × 10 s ≈ 30 s, but its liveness probe waits initialDelaySeconds 2 min before probing: if start-up really takes that long, the startup probe kills the container first and it restarts with back-off (10 s, 20 s, 40 s … up to 5 min): CrashLoopBackOff; raise the startup failureThreshold to at least 12',
        },
      ],
    },
  ],
});

ruleTester(restartNever, {
  valid: [
    { name: 'restartPolicy Always (default)', code: pod(http('liveness', '/healthz')) },
    { name: 'restartPolicy OnFailure restarts the killed container', code: pod(http('liveness', '/healthz'), '  restartPolicy: OnFailure\n') },
    { name: 'Never without liveness', code: pod(http('readiness', '/ready'), '  restartPolicy: Never\n') },
  ],
  invalid: [
    {
      name: 'bare Pod',
      code: pod(http('liveness', '/healthz'), '  restartPolicy: Never\n'),
      errors: [
        {
          messageId: 'never',
          line: 12,
          column: 5,
          message:
            'container "app" has a livenessProbe but the pod\'s restartPolicy is Never: the first time the probe fails 3 times in a row (3 × 10 s ≈ 30 s) the kubelet kills the container and does not restart it; the pod ends Failed',
        },
      ],
    },
    {
      name: 'Job template',
      code: `apiVersion: batch/v1
kind: Job
metadata:
  name: batch
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: batch
        image: busybox:1.36
        livenessProbe:
          exec:
            command: [cat, /tmp/healthy]
          failureThreshold: 1
`,
      errors: [
        {
          messageId: 'never',
          line: 12,
          column: 9,
          message:
            'container "batch" has a livenessProbe but the pod\'s restartPolicy is Never: the first time the probe fails once (1 × 10 s ≈ 10 s) the kubelet kills the container and does not restart it; the pod ends Failed; the Job counts the pod as failed toward its backoffLimit and starts a new one from scratch',
        },
      ],
    },
  ],
});
