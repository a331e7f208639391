import rule from '../../../rules/invalid-name.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const obj = (kind: string, meta: string, apiVersion = 'v1') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n${meta}`;

ruleTester(rule, {
  valid: [
    { name: 'subdomain names with dots', code: obj('Pod', '  name: web.v2\n') + '---\n' + obj('Deployment', '  name: web.v2\n', 'apps/v1') },
    { name: 'generateName with a trailing dash', code: obj('Pod', '  generateName: web-\n') },
    { name: 'StatefulSet name of 63 characters', code: obj('StatefulSet', `  name: ${'a'.repeat(63)}\n`, 'apps/v1') },
    { name: 'CronJob name of 52 characters', code: obj('CronJob', `  name: ${'c'.repeat(52)}\n`, 'batch/v1') },
    { name: 'kinds with other name rules are left alone (RBAC allows colons)', code: obj('ClusterRole', '  name: system:Aggregate\n', 'rbac.authorization.k8s.io/v1') },
    { name: 'a Service name on 1.35 is not judged (RelaxedServiceNameValidation)', kubernetesVersion: '1.35', code: obj('Service', '  name: 1web\n') },
  ],
  invalid: [
    {
      name: 'missing name',
      code: obj('Pod', '  labels: {app: web}\n'),
      errors: [{ messageId: 'required', line: 3, column: 1, path: '/metadata/name', message: 'metadata.name: Required value: name or generateName is required' }],
    },
    { name: 'no metadata at all', code: 'apiVersion: apps/v1\nkind: Deployment\nspec: {}\n', errors: [{ messageId: 'required', line: 1, column: 1 }] },
    {
      name: 'upper case in a Deployment name: Kubernetes wording',
      code: obj('Deployment', '  name: My_Web\n', 'apps/v1'),
      errors: [
        {
          messageId: 'invalid',
          line: 4,
          column: 9,
          message:
            "metadata.name: Invalid value: \"My_Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*') (Deployment names must be a DNS subdomain)",
        },
      ],
    },
    {
      name: 'StatefulSet name with a dot is not a DNS label',
      code: obj('StatefulSet', '  name: db.primary\n', 'apps/v1'),
      errors: [{ messageId: 'invalid', line: 4, column: 9 }],
    },
    {
      name: 'StatefulSet name too long',
      code: obj('StatefulSet', `  name: ${'a'.repeat(64)}\n`, 'apps/v1'),
      errors: [{ messageId: 'invalid', line: 4, column: 9, message: `metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters (StatefulSet names must be a DNS label)` }],
    },
    {
      name: 'CronJob name of 53 characters',
      code: obj('CronJob', `  name: ${'c'.repeat(53)}\n`, 'batch/v1'),
      errors: [{ messageId: 'cronJobTooLong', line: 4, column: 9, message: `metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters — the CronJob controller appends an 11-character suffix to name the Jobs it creates` }],
    },
    { name: 'Job name longer than a label value', code: obj('Job', `  name: ${'j'.repeat(64)}\n`, 'batch/v1'), errors: [{ messageId: 'jobTooLong', line: 4, column: 9 }] },
    { name: 'Service name starting with a digit (DNS-1035)', kubernetesVersion: '1.34', code: obj('Service', '  name: 1web\n'), errors: [{ messageId: 'invalid', line: 4, column: 9 }] },
    { name: 'bad generateName', code: obj('Pod', '  generateName: Web-\n'), errors: [{ messageId: 'generateName', line: 4, column: 17 }] },
    {
      name: 'bad namespace on an RC',
      code: obj('ReplicationController', '  name: rc\n  namespace: Team_A\n'),
      errors: [{ messageId: 'namespace', line: 5, column: 14, path: '/metadata/namespace' }],
    },
  ],
});
