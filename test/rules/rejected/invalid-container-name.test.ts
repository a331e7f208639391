import rule from '../../../rules/invalid-container-name.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;
const rs = (spec: string) => `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: r\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n${spec.replace(/^/gm, '    ')}`;

ruleTester(rule, {
  valid: [
    { name: 'distinct names', code: pod('  initContainers:\n    - {name: init, image: busybox}\n  containers:\n    - {name: app, image: nginx}\n    - {name: proxy, image: envoy}\n') },
  ],
  invalid: [
    {
      name: 'duplicate regular containers (Kubernetes wording, on the later one)',
      code: pod('  containers:\n    - name: app\n      image: a\n    - name: app\n      image: b\n'),
      errors: [
        {
          messageId: 'duplicate',
          line: 9,
          column: 13,
          path: '/spec/containers/1/name',
          message: 'spec.containers[1].name: Duplicate value: "app" — container names must be unique across containers and init containers (spec.containers[0] has it too)',
        },
      ],
    },
    {
      name: 'an init container reusing a container name is reported on the init container',
      code: rs('  initContainers:\n    - name: app\n      image: a\n  containers:\n    - name: app\n      image: b\n'),
      errors: [{ messageId: 'duplicate', line: 11, column: 17, message: 'spec.template.spec.initContainers[0].name: Duplicate value: "app" — container names must be unique across containers and init containers (spec.template.spec.containers[0] has it too)' }],
    },
    { name: 'missing name', code: pod('  containers:\n    - image: nginx\n'), errors: [{ messageId: 'required', line: 7, column: 7, message: 'spec.containers[0].name: Required value' }] },
    { name: 'not a DNS label', code: pod('  containers:\n    - name: My_App\n      image: nginx\n'), errors: [{ messageId: 'invalid', line: 7, column: 13 }] },
  ],
});
