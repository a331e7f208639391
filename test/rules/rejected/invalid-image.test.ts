import rule from '../../../rules/invalid-image.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pod = (image: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: ${image}\n${extra}`;
const rc = (image: string) => `apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - name: a\n          image: ${image}\n`;

ruleTester(rule, {
  valid: [
    { name: 'registry, port, path, tag and digest', code: pod(`localhost:5000/team/app:1.2.3@sha256:${'a'.repeat(64)}`) },
    { name: 'upper case in the registry host is fine', code: pod('Registry.Example.com/app:v1') },
    { name: 'pull policies', code: pod('nginx', '      imagePullPolicy: IfNotPresent\n') },
  ],
  invalid: [
    {
      name: 'upper-case repository: InvalidImageName explained',
      code: pod('Nginx:1.27'),
      errors: [
        {
          messageId: 'invalidName',
          line: 8,
          column: 14,
          path: '/spec/containers/0/image',
          message: 'spec.containers[0].image: "Nginx:1.27" is not a valid image reference (repository name must be lowercase): the API server accepts it, but the kubelet cannot parse it, so the container stays Waiting with reason InvalidImageName and the pod never starts',
        },
      ],
    },
    { name: 'empty tag in an RC template', code: rc('"nginx:"'), errors: [{ messageId: 'invalidName', line: 11, column: 18 }] },
    { name: 'missing image', code: pod('""'), errors: [{ messageId: 'required', line: 8, column: 14, message: 'spec.containers[0].image: Required value' }] },
    { name: 'whitespace in a Pod', code: pod('" nginx"'), errors: [{ messageId: 'whitespace', line: 8, column: 14, message: 'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace' }] },
    { name: 'whitespace in a template is a kubelet problem', code: rc('"nginx "'), errors: [{ messageId: 'invalidName', line: 11, column: 18 }] },
    {
      name: 'unknown pull policy',
      code: pod('nginx', '      imagePullPolicy: always\n'),
      errors: [{ messageId: 'pullPolicy', line: 9, column: 24, message: 'spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"' }],
    },
  ],
});
