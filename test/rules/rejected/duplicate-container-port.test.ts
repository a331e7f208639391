import rule from '../../../rules/duplicate-container-port.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    { name: 'same number, different protocols', code: pod('  containers:\n    - name: a\n      image: dns\n      ports:\n        - {containerPort: 53, protocol: TCP}\n        - {containerPort: 53, protocol: UDP}\n') },
    { name: 'different numbers in two containers', code: pod('  containers:\n    - name: a\n      image: x\n      ports: [{containerPort: 80}]\n    - name: b\n      image: y\n      ports: [{containerPort: 81}]\n') },
  ],
  invalid: [
    {
      name: 'the same port in two containers: the API server warning',
      code: pod('  containers:\n    - name: web\n      image: x\n      ports: [{containerPort: 8080}]\n    - name: metrics\n      image: y\n      ports: [{containerPort: 8080, protocol: TCP}]\n'),
      errors: [{ messageId: 'duplicate', line: 12, column: 15, path: '/spec/containers/1/ports/0', message: 'spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0] (8080/TCP)' }],
    },
    {
      name: 'one with a hostPort: overlapping; init container visited first',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      initContainers:\n        - name: i\n          image: x\n          ports: [{containerPort: 80}]\n      containers:\n        - name: a\n          image: y\n          ports: [{containerPort: 80, hostPort: 80}]\n',
      errors: [{ messageId: 'overlapping', line: 17, column: 19, message: 'spec.template.spec.containers[0].ports[0]: overlapping port definition with spec.template.spec.initContainers[0].ports[0] (80/TCP; one of them has no hostPort)' }],
    },
    {
      name: 'three identical ports: each later one reported once, against the first (not once per earlier port)',
      code: pod('  containers:\n    - name: a\n      image: x\n      ports: [{containerPort: 80}]\n    - name: b\n      image: y\n      ports: [{containerPort: 80}]\n    - name: c\n      image: z\n      ports: [{containerPort: 80}]\n'),
      errors: [
        { messageId: 'duplicate', line: 12, column: 15, message: 'spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0] (80/TCP)' },
        { messageId: 'duplicate', line: 15, column: 15, message: 'spec.containers[2].ports[0]: duplicate port definition with spec.containers[0].ports[0] (80/TCP)' },
      ],
    },
    {
      name: 'same hostPort, only one hostIP',
      code: pod('  containers:\n    - name: a\n      image: x\n      ports: [{containerPort: 80, hostPort: 80}]\n    - name: b\n      image: y\n      ports: [{containerPort: 80, hostPort: 80, hostIP: 10.0.0.1}]\n'),
      errors: [{ messageId: 'ambiguous', line: 12, column: 15 }],
    },
  ],
});
