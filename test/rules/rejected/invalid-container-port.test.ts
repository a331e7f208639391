import rule from '../../../rules/invalid-container-port.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    { name: 'named ports, protocols, host ports on different protocols', code: pod('  containers:\n    - name: a\n      image: nginx\n      ports:\n        - {name: http, containerPort: 80, hostPort: 8080}\n        - {name: dns, containerPort: 53, protocol: UDP, hostPort: 8080}\n        - {name: sctp-1, containerPort: 9000, protocol: SCTP}\n') },
    { name: 'same host port on different host IPs', code: pod('  containers:\n    - name: a\n      image: nginx\n      ports: [{containerPort: 80, hostPort: 80, hostIP: 10.0.0.1}]\n    - name: b\n      image: nginx\n      ports: [{containerPort: 81, hostPort: 80, hostIP: 10.0.0.2}]\n') },
    { name: 'hostNetwork with matching ports', code: pod('  hostNetwork: true\n  containers:\n    - name: a\n      image: nginx\n      ports: [{containerPort: 80, hostPort: 80}]\n') },
  ],
  invalid: [
    {
      name: 'out of range, lower-case protocol, bad name: Kubernetes wording',
      code: pod('  containers:\n    - name: a\n      image: nginx\n      ports:\n        - name: http_web\n          containerPort: 80800\n          protocol: tcp\n'),
      errors: [
        { messageId: 'name', line: 10, column: 17, message: 'spec.containers[0].ports[0].name: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' },
        { messageId: 'containerPortRange', line: 11, column: 26, message: 'spec.containers[0].ports[0].containerPort: Invalid value: 80800: must be between 1 and 65535, inclusive' },
        { messageId: 'protocol', line: 12, column: 21, message: 'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"' },
      ],
    },
    { name: 'containerPort missing or 0', code: pod('  containers:\n    - name: a\n      image: nginx\n      ports:\n        - containerPort: 0\n        - name: web\n'), errors: [{ messageId: 'containerPortRequired', line: 10, column: 26, message: 'spec.containers[0].ports[0].containerPort: Required value' }, { messageId: 'containerPortRequired', line: 11, column: 11 }] },
    { name: 'hostPort out of range', code: pod('  containers:\n    - name: a\n      image: nginx\n      ports: [{containerPort: 80, hostPort: -1}]\n'), errors: [{ messageId: 'hostPortRange', line: 9, column: 45 }] },
    {
      name: 'duplicate port names in one container',
      code: pod('  containers:\n    - name: a\n      image: nginx\n      ports:\n        - {name: web, containerPort: 80}\n        - {name: web, containerPort: 81}\n'),
      errors: [{ messageId: 'duplicateName', line: 11, column: 18, message: 'spec.containers[0].ports[1].name: Duplicate value: "web" — port names must be unique within a container' }],
    },
    {
      name: 'host port conflict between containers of a DaemonSet',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - name: a\n          image: x\n          ports: [{containerPort: 80, hostPort: 8080}]\n        - name: b\n          image: y\n          ports: [{containerPort: 81, hostPort: 8080}]\n',
      errors: [{ messageId: 'hostPortConflict', line: 16, column: 49, message: 'spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080" — spec.template.spec.containers[0].ports[0] already binds the same host port' }],
    },
    {
      name: 'hostNetwork with a different hostPort',
      code: pod('  hostNetwork: true\n  containers:\n    - name: a\n      image: nginx\n      ports: [{containerPort: 80, hostPort: 8080}]\n'),
      errors: [{ messageId: 'hostNetwork', line: 10, column: 45, message: 'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true' }],
    },
  ],
});
