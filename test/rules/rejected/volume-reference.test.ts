import rule from '../../../rules/volume-reference.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    { name: 'mount of a defined volume', code: pod('  containers:\n    - name: a\n      image: nginx\n      volumeMounts:\n        - {name: data, mountPath: /data}\n  volumes:\n    - name: data\n      emptyDir: {}\n') },
    {
      name: 'StatefulSet mount of a volumeClaimTemplate',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  selector: {matchLabels: {a: b}}\n  serviceName: db\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - name: db\n          image: postgres\n          volumeMounts:\n            - {name: pgdata, mountPath: /var/lib/postgresql}\n  volumeClaimTemplates:\n    - metadata:\n        name: pgdata\n      spec:\n        accessModes: [ReadWriteOnce]\n',
    },
  ],
  invalid: [
    {
      name: 'mount of an undefined volume: Kubernetes wording',
      code: pod('  containers:\n    - name: a\n      image: nginx\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: date\n      emptyDir: {}\n'),
      errors: [{ messageId: 'mountNotFound', line: 10, column: 17, message: 'spec.containers[0].volumeMounts[0].name: Not found: "data" — no volume of the pod is named "data" (it has "date")' }],
    },
    {
      name: 'Deployment without volumes',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      initContainers:\n        - name: i\n          image: busybox\n          volumeMounts: [{name: cache, mountPath: /c}]\n      containers:\n        - name: a\n          image: nginx\n',
      errors: [{ messageId: 'mountNotFound', line: 13, column: 33, path: '/spec/template/spec/initContainers/0/volumeMounts/0/name' }],
    },
    {
      name: 'duplicate and invalid volume names',
      code: pod('  containers:\n    - name: a\n      image: nginx\n  volumes:\n    - name: data\n      emptyDir: {}\n    - name: data\n      emptyDir: {}\n    - name: Data_2\n      emptyDir: {}\n'),
      errors: [
        { messageId: 'volumeDuplicate', line: 12, column: 13, message: 'spec.volumes[1].name: Duplicate value: "data"' },
        { messageId: 'volumeNameInvalid', line: 14, column: 13 },
      ],
    },
  ],
});
