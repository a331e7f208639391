import rule from '../../../rules/invalid-env-name.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (env: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n${env}`;

ruleTester(rule, {
  valid: [
    { name: 'ordinary names', code: pod('      env:\n        - {name: MY_VAR, value: x}\n        - {name: my.env-name, value: y}\n') },
    { name: 'relaxed names from 1.32', kubernetesVersion: '1.32', code: pod('      env:\n        - {name: 1ST_RUN, value: x}\n        - {name: "MY VAR", value: y}\n') },
  ],
  invalid: [
    {
      name: 'leading digit before 1.32: strict wording',
      kubernetesVersion: '1.31',
      code: pod('      env:\n        - name: 1ST_RUN\n          value: "true"\n'),
      errors: [
        {
          messageId: 'invalid',
          line: 10,
          column: 17,
          message:
            "spec.containers[0].env[0].name: Invalid value: \"1ST_RUN\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*') (Kubernetes 1.31 checks env names strictly; 1.32 and later accept any printable ASCII except '=')",
        },
      ],
    },
    {
      name: 'an equals sign is refused on every version',
      code: pod('      env:\n        - name: A=B\n          value: x\n'),
      errors: [{ messageId: 'invalid', line: 10, column: 17, message: "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='" }],
    },
    { name: 'missing name', code: pod('      env:\n        - value: x\n'), errors: [{ messageId: 'required', line: 10, column: 11 }] },
    { name: 'envFrom prefix', kubernetesVersion: '1.28', code: pod('      envFrom:\n        - prefix: "9_"\n          configMapRef: {name: c}\n'), errors: [{ messageId: 'invalid', line: 10, column: 19 }] },
  ],
});
