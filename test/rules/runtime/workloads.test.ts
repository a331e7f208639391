import { ruleTester } from '../../helpers/rule-tester.js';
import rcLegacy from '../../../rules/replication-controller-legacy.js';
import barePod from '../../../rules/bare-pod.js';
import dupEnv from '../../../rules/duplicate-env-var.js';
import overlap from '../../../rules/overlapping-selectors.js';
import adopted from '../../../rules/pod-adopted-by-controller.js';

const rc = (name: string, labels: string, selector = labels, extra = '') => `apiVersion: v1
kind: ReplicationController
metadata:
  name: ${name}
${extra}spec:
  replicas: 3
${selector === '' ? '' : `  selector:\n    ${selector}\n`}  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

const rs = (name: string, labels: string, matchLabels: string, replicas = 3) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      ${matchLabels}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

const pod = (name: string, labels: string, extraMeta = '', spec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${extraMeta}  labels:
    ${labels}
spec:
${spec}  containers:
  - name: web
    image: nginx:1.27
`;

ruleTester(rcLegacy, {
  valid: [{ name: 'ReplicaSet', code: rs('web', 'app: web', 'app: web') }],
  invalid: [
    {
      name: 'ReplicationController',
      code: rc('web', 'app: web'),
      errors: [
        {
          messageId: 'legacy',
          line: 2,
          column: 7,
          path: '/kind',
          message:
            'ReplicationController is the legacy way to keep pods running: use a Deployment (rolling updates and rollback) or at least a ReplicaSet (set-based selectors); kubectl rolling-update, which updated ReplicationControllers, was removed in kubectl 1.18',
        },
      ],
    },
  ],
});

ruleTester(barePod, {
  valid: [
    { name: 'a controller template is not a bare Pod', code: rs('web', 'app: web', 'app: web') },
    { name: 'Pod owned by a controller', code: pod('web-abcde', 'app: web', '  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: web\n    uid: 0b6c1c5e-1111-2222-3333-444455556666\n    controller: true\n') },
  ],
  invalid: [
    {
      name: 'long-running bare Pod',
      code: pod('web', 'app: web'),
      errors: [{ messageId: 'bare', line: 2, column: 7, message: 'Pod "web" is not managed by a controller: if its node fails, or it is evicted or deleted, nothing recreates it; use a Deployment (or a ReplicaSet) to keep it running' }],
    },
    { name: 'run-to-completion bare Pod: suggest a Job', code: pod('task', 'app: task', '', '  restartPolicy: OnFailure\n'), errors: [{ messageId: 'bareBatch', line: 2, column: 7 }] },
  ],
});

const envPod = (env: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: app:1.0
    env:
${env}`;

ruleTester(dupEnv, {
  valid: [
    { name: 'distinct names', code: envPod('    - name: PORT\n      value: "8080"\n    - name: HOST\n      value: localhost\n') },
    { name: 'a later entry that builds on the earlier one', code: envPod('    - name: PATH\n      value: /bin\n    - name: PATH\n      value: $(PATH):/opt/bin\n') },
  ],
  invalid: [
    {
      name: 'the same name twice',
      code: envPod('    - name: PORT\n      value: "8080"\n    - name: PORT\n      value: "9090"\n'),
      errors: [
        {
          messageId: 'duplicate',
          line: 12,
          column: 13,
          path: '/spec/containers/0/env/1/name',
          message:
            'environment variable "PORT" is set again in container "app": only the last definition (value "9090") takes effect, and because `kubectl apply` merges env entries by name one of them can silently disappear (the API server warns "spec.containers[0].env[1]: hides previous definition of "PORT", which may be dropped when using apply")',
        },
      ],
    },
    {
      name: 'three times, once from a secret',
      code: envPod('    - name: TOKEN\n      value: a\n    - name: TOKEN\n      valueFrom:\n        secretKeyRef:\n          name: s\n          key: k\n    - name: TOKEN\n      value: $(TOKEN)\n'),
      errors: [
        { messageId: 'duplicate', line: 12, column: 13 },
        { messageId: 'duplicate', line: 17, column: 13 },
      ],
    },
  ],
});

ruleTester(overlap, {
  valid: [
    { name: 'disjoint selectors', code: rs('a', 'app: a', 'app: a') + '---\n' + rs('b', 'app: b', 'app: b') },
    { name: 'same labels in different namespaces', code: rc('a', 'app: web', 'app: web', '  namespace: one\n') + '---\n' + rc('b', 'app: web', 'app: web', '  namespace: two\n') },
    { name: 'a single controller', code: rc('a', 'app: web') },
    { name: 'two copies of the same object (kustomize base and overlay)', code: rc('a', 'app: web') + '---\n' + rc('a', 'app: web') },
  ],
  invalid: [
    {
      name: 'the seed note: myweb-rc and myweb-rs select each other\'s pods (absent and explicit default namespace are the same)',
      code: rc('myweb-rc', 'app: web') + '---\n' + rs('myweb-rs', 'app: web\n        env: dev', 'app: web\n      env: dev').replace('  name: myweb-rs\n', '  name: myweb-rs\n  namespace: default\n'),
      errors: [
        {
          messageId: 'overlap',
          line: 7,
          column: 3,
          path: '/spec/selector',
          message:
            'selector app=web of ReplicationController "myweb-rc" also matches the pods of ReplicaSet "myweb-rs" (labels app=web,env=dev) in namespace "default": the controllers fight over these pods — each pod belongs to whichever adopts it first, and when one controller is deleted with its pods orphaned the other adopts them and deletes the surplus',
        },
      ],
    },
    {
      name: 'RC without selector defaults to its template labels (reported there); matchExpressions',
      code:
        rc('legacy', 'app: web', '') +
        '---\n' +
        `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: exprs
spec:
  selector:
    matchExpressions:
    - key: app
      operator: In
      values: [web, api]
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
      errors: [
        { messageId: 'overlap', line: 9, column: 7, path: '/spec/template/metadata/labels' },
        { messageId: 'overlap', line: 21, column: 3, path: '/spec/selector' },
      ],
    },
    {
      name: 'one finding per controller, listing at most three others',
      code: ['a', 'b', 'c', 'd', 'e'].map((n) => rs(n, 'app: web', 'app: web', 1)).join('---\n'),
      errors: ['a', 'b', 'c', 'd', 'e'].map((n, i) => ({
        messageId: 'overlap',
        line: 7 + i * 18,
        column: 3,
        ...(n === 'a'
          ? {
              message:
                'selector app=web of ReplicaSet "a" also matches the pods of ReplicaSet "b" (labels app=web), ReplicaSet "c" (labels app=web), ReplicaSet "d" (labels app=web), and 1 more in namespace "default": the controllers fight over these pods — each pod belongs to whichever adopts it first, and when one controller is deleted with its pods orphaned the other adopts them and deletes the surplus',
            }
          : {}),
      })),
    },
  ],
});

ruleTester(adopted, {
  valid: [
    { name: 'labels not selected', code: pod('debug', 'app: web-debug') + '---\n' + rs('web', 'app: web', 'app: web') },
    { name: 'other namespace', code: pod('debug', 'app: web', '  namespace: dev\n') + '---\n' + rs('web', 'app: web', 'app: web') },
    {
      name: 'a Deployment does not adopt bare pods',
      code: pod('debug', 'app: web') + '---\n' + rs('web', 'app: web', 'app: web').replace('kind: ReplicaSet', 'kind: Deployment'),
    },
  ],
  invalid: [
    {
      name: 'counted toward the replicas',
      code: pod('debug', 'app: web\n    tier: fe') + '---\n' + rs('web', 'app: web', 'app: web'),
      errors: [
        {
          messageId: 'counted',
          line: 5,
          column: 3,
          path: '/metadata/labels',
          message:
            'Pod "debug" (labels app=web,tier=fe) matches the selector app=web of ReplicaSet "web": the controller adopts it and counts it as one of its 3 replicas, so it creates only 2 pods of its own, and on scale-down it may delete this one',
        },
      ],
    },
    { name: 'replicas 0: deleted', code: pod('debug', 'app: web') + '---\n' + rs('web', 'app: web', 'app: web', 0), errors: [{ messageId: 'deleted', line: 5, column: 3 }] },
    { name: 'ReplicationController', code: rc('web', 'app: web') + '---\n' + pod('debug', 'app: web'), errors: [{ messageId: 'counted', line: 22, column: 3 }] },
    {
      name: 'DaemonSet',
      code:
        pod('agent-debug', 'app: agent') +
        '---\n' +
        rs('agent', 'app: agent', 'app: agent').replace('kind: ReplicaSet', 'kind: DaemonSet').replace('  replicas: 3\n', ''),
      errors: [
        {
          messageId: 'daemon',
          line: 5,
          column: 3,
          message:
            'Pod "agent-debug" (labels app=agent) matches the selector app=agent of DaemonSet "agent": the DaemonSet adopts it as its pod on whatever node it runs, may skip starting its own pod there, and deletes it if the node should not run one or already has one',
        },
      ],
    },
    {
      name: 'a single replica',
      code: pod('debug', 'app: web') + '---\n' + rs('web', 'app: web', 'app: web', 1),
      errors: [{ messageId: 'counted', line: 5, column: 3, message: 'Pod "debug" (labels app=web) matches the selector app=web of ReplicaSet "web": the controller adopts it and counts it as one of its 1 replica, so it creates no pod of its own, and on scale-down it may delete this one' }],
    },
  ],
});
