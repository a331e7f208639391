import rule from '../../../rules/invalid-selector.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const deploy = (selector: string, kind = 'Deployment', apiVersion = 'apps/v1') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: web
spec:
  selector:
${selector}  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx
`;

ruleTester(rule, {
  valid: [
    { name: 'every operator used correctly', code: deploy('    matchExpressions:\n      - {key: app, operator: In, values: [web]}\n      - {key: env, operator: NotIn, values: [prod]}\n      - {key: app, operator: Exists}\n      - {key: canary, operator: DoesNotExist}\n') },
    { name: 'prefixed keys', code: deploy('    matchLabels:\n      app.kubernetes.io/name: web\n') },
    { name: 'RC map selector', code: deploy('    app: web\n', 'ReplicationController', 'v1') },
    { name: 'a Service selector is not a workload selector', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    "bad key": x\n' },
  ],
  invalid: [
    {
      name: 'In without values',
      code: deploy('    matchExpressions:\n      - key: app\n        operator: In\n'),
      errors: [{ messageId: 'valuesRequired', line: 8, column: 9, path: '/spec/selector/matchExpressions/0/values', message: "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'" }],
    },
    {
      name: 'NotIn with an empty list',
      code: deploy('    matchExpressions:\n      - key: app\n        operator: NotIn\n        values: []\n'),
      errors: [{ messageId: 'valuesRequired', line: 10, column: 9 }],
    },
    {
      name: 'Exists with values',
      code: deploy('    matchExpressions:\n      - key: app\n        operator: Exists\n        values: [web]\n'),
      errors: [{ messageId: 'valuesForbidden', line: 10, column: 9, message: "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'" }],
    },
    {
      name: 'unknown operator (case matters)',
      code: deploy('    matchExpressions:\n      - key: app\n        operator: in\n        values: [web]\n'),
      errors: [{ messageId: 'badOperator', line: 9, column: 19, message: 'spec.selector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator (use In, NotIn, Exists or DoesNotExist)' }],
    },
    {
      name: 'bad key and bad In value',
      code: deploy('    matchExpressions:\n      - key: -app\n        operator: In\n        values: ["web app"]\n'),
      errors: [
        { messageId: 'badKey', line: 8, column: 14, path: '/spec/selector/matchExpressions/0/key' },
        { messageId: 'badValue', line: 10, column: 18, path: '/spec/selector/matchExpressions/0/values/0' },
      ],
    },
    {
      name: 'matchLabels value too long, reported at the value',
      code: deploy(`    matchLabels:\n      app: ${'a'.repeat(64)}\n`),
      errors: [{ messageId: 'badValue', line: 8, column: 12, message: `spec.selector.matchLabels: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters` }],
    },
    {
      name: 'RC selector key with two slashes, reported at the key',
      code: deploy('    a/b/c: web\n', 'ReplicationController', 'v1'),
      errors: [{ messageId: 'badKey', line: 7, column: 5, path: '/spec/selector/a~1b~1c' }],
    },
    { name: 'StatefulSet, DaemonSet, ReplicaSet, Job are checked', code: ['StatefulSet', 'DaemonSet', 'ReplicaSet'].map((k) => deploy('    matchLabels: {"x y": a}\n', k)).join('---\n'), errors: [{ messageId: 'badKey', line: 7, column: 19 }, { messageId: 'badKey', line: 22, column: 19 }, { messageId: 'badKey', line: 37, column: 19 }] },
  ],
});
