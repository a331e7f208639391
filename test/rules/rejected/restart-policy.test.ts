import { describe, expect, it } from 'vitest';
import rule from '../../../rules/restart-policy.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

const deployment = (rp: string) => `apiVersion: apps/v1
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
      restartPolicy: ${rp}
      containers:
        - name: app
          image: nginx:1.27
`;

const job = (rp?: string, extra = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:${extra}
  template:
    spec:
${rp ? `      restartPolicy: ${rp}\n` : ''}      containers:
        - name: app
          image: busybox:1.36
`;

ruleTester(rule, {
  valid: [
    { name: 'Deployment Always', code: deployment('Always') },
    { name: 'Job Never', code: job('Never') },
    { name: 'Job OnFailure', code: job('OnFailure') },
    { name: 'Job Never with podFailurePolicy', code: job('Never', '\n  podFailurePolicy:\n    rules: []') },
    { name: 'Pod OnFailure', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: OnFailure\n  containers:\n    - name: a\n      image: nginx\n' },
    {
      name: 'RC without restartPolicy (defaults to Always)',
      code: 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: a\n          image: nginx\n',
    },
    {
      name: 'sidecar init container on 1.29',
      kubernetesVersion: '1.29',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: proxy\n      image: envoy\n      restartPolicy: Always\n  containers:\n    - name: a\n      image: nginx\n',
    },
    {
      name: 'container restartPolicy on 1.35 (ContainerRestartRules beta)',
      kubernetesVersion: '1.35',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n      restartPolicy: Never\n',
    },
  ],
  invalid: [
    {
      name: 'Deployment OnFailure',
      code: deployment('OnFailure'),
      errors: [{ messageId: 'controllerNotAlways', line: 14, column: 22, path: '/spec/template/spec/restartPolicy' }],
    },
    {
      name: 'Deployment Never: Kubernetes wording',
      code: deployment('Never'),
      errors: [
        {
          messageId: 'controllerNotAlways',
          line: 14,
          column: 22,
          message: 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always" — a Deployment keeps its pods running, so its template must restart them',
        },
      ],
    },
    {
      name: 'ReplicaSet, StatefulSet, DaemonSet, RC',
      code: ['apps/v1 ReplicaSet', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'v1 ReplicationController']
        .map((s) => {
          const [v, k] = s.split(' ');
          return `apiVersion: ${v}\nkind: ${k}\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: a\n          image: nginx\n`;
        })
        .join('---\n'),
      errors: [
        { messageId: 'controllerNotAlways', line: 8, column: 22 },
        { messageId: 'controllerNotAlways', line: 20, column: 22 },
        { messageId: 'controllerNotAlways', line: 32, column: 22 },
        { messageId: 'controllerNotAlways', line: 44, column: 22 },
      ],
    },
    {
      name: 'Job without restartPolicy: reported at the pod spec',
      code: job(),
      errors: [{ messageId: 'jobRequired', line: 7, column: 5, message: 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never" — a Job runs pods to completion, and an omitted restartPolicy defaults to Always' }],
    },
    { name: 'Job Always', code: job('Always'), errors: [{ messageId: 'jobRequired', line: 8, column: 22 }] },
    { name: 'Job Sometimes', code: job('Sometimes'), errors: [{ messageId: 'jobUnsupported', line: 8, column: 22, message: 'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"' }] },
    {
      name: 'Job OnFailure with podFailurePolicy',
      code: job('OnFailure', '\n  podFailurePolicy:\n    rules: []'),
      errors: [{ messageId: 'jobPodFailurePolicy', line: 10, column: 22, message: 'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified' }],
    },
    {
      name: 'CronJob Always: the field path goes through jobTemplate',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Always\n          containers:\n            - name: a\n              image: busybox\n',
      errors: [{ messageId: 'jobRequired', line: 11, column: 26, message: 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never" — a CronJob runs pods to completion, and an omitted restartPolicy defaults to Always' }],
    },
    {
      name: 'Pod Sometimes',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Sometimes\n  containers:\n    - name: a\n      image: nginx\n',
      errors: [{ messageId: 'podUnsupported', line: 6, column: 18, message: 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"' }],
    },
    {
      name: 'regular container restartPolicy before 1.35',
      kubernetesVersion: '1.34',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n      restartPolicy: Always\n',
      errors: [{ messageId: 'containerForbidden', line: 9, column: 7, message: 'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers (a container-level restartPolicy needs Kubernetes 1.35 or later; on 1.34 only sidecar init containers may set it)' }],
    },
    {
      name: 'init container restartPolicy Never',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: i\n      image: busybox\n      restartPolicy: Never\n  containers:\n    - name: a\n      image: nginx\n',
      errors: [{ messageId: 'initUnsupported', line: 9, column: 22, path: '/spec/initContainers/0/restartPolicy' }],
    },
    {
      name: 'sidecar on 1.28 is dropped',
      kubernetesVersion: '1.28',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: proxy\n      image: envoy\n      restartPolicy: Always\n  containers:\n    - name: a\n      image: nginx\n',
      errors: [{ messageId: 'sidecarDropped', line: 9, column: 22 }],
    },
  ],
});

describe('restart-policy fix', () => {
  it('offers Always for a controller template and nothing for a Job', () => {
    const [f] = runRule(rule, deployment('OnFailure'));
    expect(f!.fix).toEqual({ path: '/spec/template/spec/restartPolicy', op: 'set', value: 'Always' });
    expect(runRule(rule, job('Always'))[0]!.fix).toBeUndefined();
  });
});
