import rule from '../../../rules/invalid-label.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (meta: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
${meta}spec:
  containers:
    - name: a
      image: nginx
`;

ruleTester(rule, {
  valid: [
    { name: 'usual labels and annotations', code: pod('  labels:\n    app.kubernetes.io/name: web\n    version: "1.2.3"\n    empty: ""\n  annotations:\n    example.com/Note: "any text at all: yes"\n') },
    { name: 'numbers are a type problem, not a syntax one', code: pod('  labels:\n    replicas: 3\n') },
  ],
  invalid: [
    {
      name: 'label value with a space: Kubernetes wording, at the value',
      code: pod('  labels:\n    release: v1.0 beta\n'),
      errors: [
        {
          messageId: 'labelValue',
          line: 6,
          column: 14,
          path: '/metadata/labels/release',
          message:
            "metadata.labels: Invalid value: \"v1.0 beta\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        },
      ],
    },
    {
      name: 'label key with an empty prefix and a bad name part, at the key',
      code: pod('  labels:\n    /app-: x\n'),
      errors: [
        { messageId: 'labelKey', line: 6, column: 5 },
        { messageId: 'labelKey', line: 6, column: 5, message: 'metadata.labels: Invalid value: "/app-": prefix part must be non-empty' },
      ],
    },
    {
      name: 'annotation key with two slashes',
      code: pod('  annotations:\n    a/b/c: x\n'),
      errors: [{ messageId: 'annotationKey', line: 6, column: 5, path: '/metadata/annotations/a~1b~1c' }],
    },
    {
      name: 'template labels of a Deployment and of a CronJob',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels:\n        app: web\n        commit: "fix: the bug"\n    spec:\n      containers:\n        - name: a\n          image: nginx\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    metadata:\n      labels: {"a b": x}\n    spec:\n      template:\n        metadata:\n          labels: {ok: "-x"}\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: a\n              image: nginx\n',
      errors: [
        { messageId: 'labelValue', line: 11, column: 17, message: "spec.template.metadata.labels: Invalid value: \"fix: the bug\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')" },
        { messageId: 'labelKey', line: 25, column: 16, path: '/spec/jobTemplate/metadata/labels/a b' },
        { messageId: 'labelValue', line: 29, column: 24, path: '/spec/jobTemplate/spec/template/metadata/labels/ok' },
      ],
    },
    {
      name: 'annotations over 256 KiB',
      code: pod(`  annotations:\n    big: "${'x'.repeat(262142)}"\n`),
      errors: [{ messageId: 'annotationsTooLong', line: 5, column: 3, message: 'metadata.annotations: Too long: must have at most 262144 bytes (the annotations hold 262145 bytes)' }],
    },
  ],
});
