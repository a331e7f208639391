import rule from '../../../rules/invalid-resources.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (resources: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n      resources:\n${resources}`;

ruleTester(rule, {
  valid: [
    { name: 'requests below limits, mixed notations', code: pod('        requests: {cpu: 500m, memory: 128Mi}\n        limits: {cpu: "1", memory: 0.5Gi}\n') },
    { name: 'numbers and exponents', code: pod('        requests: {cpu: 0.5, memory: 1e9}\n        limits: {cpu: 1, memory: 1G}\n') },
    { name: 'extended resource with equal request and limit', code: pod('        requests: {nvidia.com/gpu: 1}\n        limits: {nvidia.com/gpu: 1}\n') },
  ],
  invalid: [
    {
      name: 'request above limit: Kubernetes wording',
      code: pod('        requests:\n          cpu: "2"\n        limits:\n          cpu: "1"\n'),
      errors: [{ messageId: 'requestAboveLimit', line: 11, column: 16, path: '/spec/containers/0/resources/requests/cpu', message: 'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1' }],
    },
    {
      name: 'unparsable quantities',
      code: pod('        requests:\n          memory: 512MB\n          cpu: 2 cores\n'),
      errors: [
        { messageId: 'unparsable', line: 11, column: 19, message: "spec.containers[0].resources.requests[memory]: \"512MB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' — the API server cannot even decode the object" },
        { messageId: 'unparsable', line: 12, column: 16 },
      ],
    },
    { name: 'unknown suffix', code: pod('        limits: {memory: 1K}\n'), errors: [{ messageId: 'unparsable', line: 10, column: 26, message: "spec.containers[0].resources.limits[memory]: \"1K\": unable to parse quantity's suffix — the API server cannot even decode the object" }] },
    { name: 'negative', code: pod('        limits: {memory: -1Gi}\n'), errors: [{ messageId: 'negative', line: 10, column: 26, message: 'spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0' }] },
    {
      name: 'memory request above limit in a StatefulSet template',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  selector: {matchLabels: {a: b}}\n  serviceName: s\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - name: a\n          image: x\n          resources:\n            requests: {memory: 2Gi}\n            limits: {memory: 1Gi}\n',
      errors: [{ messageId: 'requestAboveLimit', line: 15, column: 32, message: 'spec.template.spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi' }],
    },
    {
      name: 'hugepages and extended resources cannot be overcommitted',
      code: pod('        requests: {hugepages-2Mi: 64Mi, example.com/fpga: 1}\n        limits: {hugepages-2Mi: 128Mi}\n'),
      errors: [
        { messageId: 'requestNotEqualLimit', line: 10, column: 35 },
        { messageId: 'limitRequired', line: 10, column: 59, message: 'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources (example.com/fpga is requested without a limit)' },
      ],
    },
  ],
});
