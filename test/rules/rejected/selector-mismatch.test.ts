import { describe, expect, it } from 'vitest';
import rule from '../../../rules/selector-mismatch.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

const apps = (kind: string, selector: string, labels = '        app: web\n', apiVersion = 'apps/v1') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: web
spec:
${selector}  template:
    metadata:
      labels:
${labels}    spec:
      containers:
        - name: app
          image: nginx:1.27
`;
const rc = (selector: string, labels = '        app: web\n') => apps('ReplicationController', selector, labels, 'v1');

ruleTester(rule, {
  valid: [
    { name: 'Deployment matchLabels subset of labels', code: apps('Deployment', '  selector:\n    matchLabels:\n      app: web\n', '        app: web\n        tier: front\n') },
    {
      name: 'ReplicaSet matchExpressions In / NotIn / Exists / DoesNotExist',
      code: apps(
        'ReplicaSet',
        '  selector:\n    matchExpressions:\n      - {key: app, operator: In, values: [web, api]}\n      - {key: env, operator: NotIn, values: [prod]}\n      - {key: tier, operator: Exists}\n      - {key: canary, operator: DoesNotExist}\n',
        '        app: web\n        tier: front\n',
      ),
    },
    { name: 'RC without selector: defaulted from the template labels', code: rc('') },
    { name: 'RC with empty selector map: defaulted too', code: rc('  selector: {}\n') },
    { name: 'RC selector subset', code: rc('  selector:\n    app: web\n', '        app: web\n        version: "2"\n') },
    { name: 'StatefulSet and DaemonSet matching', code: apps('StatefulSet', '  selector:\n    matchLabels: {app: web}\n') + '---\n' + apps('DaemonSet', '  selector:\n    matchLabels: {app: web}\n') },
    { name: 'a bad operator is left to invalid-selector', code: apps('Deployment', '  selector:\n    matchExpressions:\n      - {key: app, operator: in, values: [x]}\n') },
    { name: 'Job with a generated selector is not checked', code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: a\n          image: busybox\n' },
  ],
  invalid: [
    {
      name: 'Deployment: Kubernetes wording (JSON value from 1.34)',
      code: apps('Deployment', '  selector:\n    matchLabels:\n      app: api\n'),
      errors: [
        {
          messageId: 'mismatch',
          line: 11,
          column: 7,
          path: '/spec/template/metadata/labels',
          message: 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels` — the selector app=api does not select the pods this Deployment creates',
        },
      ],
    },
    {
      name: 'Deployment on 1.33: Go map syntax',
      kubernetesVersion: '1.33',
      code: apps('Deployment', '  selector:\n    matchLabels:\n      app: api\n', '        tier: x\n        app: web\n'),
      errors: [{ messageId: 'mismatch', line: 11, column: 7, message: 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"x"}: `selector` does not match template `labels` — the selector app=api does not select the pods this Deployment creates' }],
    },
    { name: 'ReplicaSet NotIn excludes the template value', code: apps('ReplicaSet', '  selector:\n    matchExpressions:\n      - {key: app, operator: NotIn, values: [web]}\n'), errors: [{ messageId: 'mismatch', line: 11, column: 7 }] },
    { name: 'StatefulSet Exists on a missing key', code: apps('StatefulSet', '  selector:\n    matchExpressions:\n      - {key: tier, operator: Exists}\n'), errors: [{ messageId: 'mismatch', line: 11, column: 7 }] },
    { name: 'DaemonSet DoesNotExist on a present key', code: apps('DaemonSet', '  selector:\n    matchExpressions:\n      - {key: app, operator: DoesNotExist}\n'), errors: [{ messageId: 'mismatch', line: 11, column: 7 }] },
    { name: 'In with other values', code: apps('Deployment', '  selector:\n    matchExpressions:\n      - {key: app, operator: In, values: [api]}\n'), errors: [{ messageId: 'mismatch', line: 11, column: 7 }] },
    {
      name: 'RC map selector mismatch',
      code: rc('  selector:\n    app: frontend\n'),
      errors: [{ messageId: 'mismatch', line: 10, column: 7, message: 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels` — the selector app=frontend does not select the pods this ReplicationController creates' }],
    },
    {
      name: 'template without labels: value null, reported at template metadata',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata: {}\n    spec:\n      containers:\n        - name: app\n          image: nginx\n',
      errors: [{ messageId: 'mismatch', line: 9, column: 5, message: 'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels` — the selector app=web does not select the pods this Deployment creates' }],
    },
    { name: 'RC without selector or template labels', code: rc('', '        {}\n').replace('      labels:\n        {}\n', '      labels: {}\n'), errors: [{ messageId: 'rcRequired', line: 5, column: 1, message: 'spec.selector: Required value — the selector can only default to the template labels, and the template has none' }] },
    { name: 'Deployment without selector', code: apps('Deployment', ''), errors: [{ messageId: 'required', line: 5, column: 1, path: '/spec/selector', message: 'spec.selector: Required value — apps/v1 Deployments do not take their selector from the template labels' }] },
    {
      name: 'empty selectors: the word Kubernetes uses per kind',
      code: [apps('Deployment', '  selector: {}\n'), apps('ReplicaSet', '  selector: {}\n'), apps('StatefulSet', '  selector:\n    matchLabels: {}\n'), apps('DaemonSet', '  selector: {}\n')].join('---\n'),
      errors: [
        { messageId: 'empty', line: 6, column: 3, message: 'spec.selector: Invalid value: {}: empty selector is invalid for deployment — an empty selector would select every pod in the namespace' },
        { messageId: 'empty', line: 21, column: 3, message: 'spec.selector: Invalid value: {}: empty selector is invalid for deployment — an empty selector would select every pod in the namespace' },
        { messageId: 'empty', line: 36, column: 3, message: 'spec.selector: Invalid value: {}: empty selector is invalid for statefulset — an empty selector would select every pod in the namespace' },
        { messageId: 'empty', line: 52, column: 3 },
      ],
    },
    {
      name: 'empty selector before 1.34 in Go syntax',
      kubernetesVersion: '1.30',
      code: apps('Deployment', '  selector: {}\n'),
      errors: [{ messageId: 'empty', line: 6, column: 3, message: 'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment — an empty selector would select every pod in the namespace' }],
    },
    {
      name: 'Job with manualSelector',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  manualSelector: true\n  selector:\n    matchLabels: {job: a}\n  template:\n    metadata:\n      labels: {job: b}\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: a\n          image: busybox\n',
      errors: [{ messageId: 'mismatch', line: 11, column: 7 }],
    },
  ],
});

describe('selector-mismatch fix', () => {
  it('takes a missing apps/v1 selector from the template labels', () => {
    const [f] = runRule(rule, apps('Deployment', '', '        app: web\n        tier: front\n'));
    expect(f!.fix).toEqual({ path: '/spec/selector', op: 'set', value: { matchLabels: { app: 'web', tier: 'front' } } });
  });
  it('offers no fix for a mismatch', () => {
    expect(runRule(rule, apps('Deployment', '  selector:\n    matchLabels:\n      app: api\n'))[0]!.fix).toBeUndefined();
  });
});
