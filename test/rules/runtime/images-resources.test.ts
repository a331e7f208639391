import { ruleTester } from '../../helpers/rule-tester.js';
import latestTag from '../../../rules/latest-tag.js';
import pullPolicy from '../../../rules/pull-policy-not-always.js';
import requests from '../../../rules/resource-requests-missing.js';
import limits from '../../../rules/resource-limits-missing.js';

/** A Pod with one container; `extra` lines (indented by 4) follow `image:` on line 8. */
const pod = (image: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: ${image}
${extra}`;

ruleTester(latestTag, {
  valid: [
    { name: 'version tag', code: pod('nginx:1.27.3') },
    { name: 'digest without tag', code: pod('nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef') },
    { name: 'latest pinned by a digest', code: pod('nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef') },
    { name: 'registry with port, tagged', code: pod('registry.local:5000/team/app:2.1') },
    { name: 'invalid reference is another rule', code: pod('Nginx:1.0') },
  ],
  invalid: [
    {
      name: 'no tag',
      code: pod('nginx'),
      errors: [
        {
          messageId: 'untagged',
          line: 8,
          column: 12,
          path: '/spec/containers/0/image',
          message: 'image "nginx" of container "web" has no tag, so the kubelet pulls "nginx:latest", whatever that is at pull time; imagePullPolicy defaults to Always, so every container start pulls again and replicas can run different builds',
        },
      ],
    },
    { name: 'registry port is not a tag', code: pod('registry.local:5000/team/app'), errors: [{ messageId: 'untagged', line: 8, column: 12 }] },
    {
      name: ':latest with IfNotPresent',
      code: pod('nginx:latest', '    imagePullPolicy: IfNotPresent\n'),
      errors: [
        {
          messageId: 'latest',
          line: 8,
          column: 12,
          message: 'image "nginx:latest" of container "web" uses the mutable tag "latest", whatever it points to at pull time; with imagePullPolicy IfNotPresent each node keeps whichever build it pulled first, so replicas run different versions',
        },
      ],
    },
    {
      name: 'init containers too',
      code: pod('nginx:1.27', '  initContainers:\n  - name: setup\n    image: busybox\n'),
      errors: [{ messageId: 'untagged', line: 11, column: 12, path: '/spec/initContainers/0/image' }],
    },
  ],
});

ruleTester(pullPolicy, {
  valid: [
    { name: 'explicit Always', code: pod('nginx:1.27', '    imagePullPolicy: Always\n') },
    { name: 'untagged image defaults to Always', code: pod('nginx') },
  ],
  invalid: [
    {
      name: 'tagged image defaults to IfNotPresent: pointed at the container',
      code: pod('nginx:1.27'),
      errors: [
        {
          messageId: 'defaultIfNotPresent',
          line: 7,
          column: 5,
          path: '/spec/containers/0/imagePullPolicy',
          message: 'imagePullPolicy of container "web" defaults to IfNotPresent for "nginx:1.27": a node that already has the image starts it without asking the registry, so imagePullSecrets are not checked and a re-pushed tag is not picked up',
        },
      ],
    },
    { name: 'explicit IfNotPresent', code: pod('nginx:1.27', '    imagePullPolicy: IfNotPresent\n'), errors: [{ messageId: 'ifNotPresent', line: 9, column: 22 }] },
    {
      name: 'Never',
      code: pod('nginx:1.27', '    imagePullPolicy: Never\n'),
      errors: [{ messageId: 'never', line: 9, column: 22, message: 'container "web" has imagePullPolicy Never: the kubelet never pulls "nginx:1.27", and on a node that does not already have it the container cannot start (ErrImageNeverPull)' }],
    },
    { name: 'requireExplicit: Polaris behaviour', code: pod('nginx'), options: { requireExplicit: true }, errors: [{ messageId: 'implicit', line: 7, column: 5 }] },
  ],
});

const resources = (body: string) => pod('nginx:1.27', `    resources:\n${body}`);

ruleTester(requests, {
  valid: [
    { name: 'both requests', code: resources('      requests:\n        cpu: 100m\n        memory: 128Mi\n') },
    { name: 'limits imply requests', code: resources('      limits:\n        cpu: 1\n        memory: 1Gi\n') },
    { name: 'only memory required by option', code: resources('      requests:\n        memory: 128Mi\n'), options: { resources: ['memory'] } },
    { name: 'plain init containers are not checked', code: resources('      requests:\n        cpu: 100m\n        memory: 128Mi\n') + '  initContainers:\n  - name: setup\n    image: busybox:1.36\n' },
  ],
  invalid: [
    {
      name: 'cpu request missing: pointed at the requests map',
      code: resources('      requests:\n        memory: 128Mi\n'),
      errors: [
        {
          messageId: 'cpu',
          line: 10,
          column: 7,
          path: '/spec/containers/0/resources/requests/cpu',
          message: 'container "web" sets no CPU request: the scheduler counts it as 0 CPU, so the pod can be placed on a node that is already busy, and under contention it gets only the minimum CPU share',
        },
      ],
    },
    {
      name: 'no resources at all: one finding for both, at the container',
      code: pod('nginx:1.27'),
      errors: [
        {
          messageId: 'both',
          line: 7,
          column: 5,
          path: '/spec/containers/0/resources/requests',
          message: 'container "web" sets no CPU or memory request: the scheduler counts it as using nothing, so the pod can be placed on a node without room for it; under contention it gets the minimum CPU share, and when memory runs short it is among the first pods evicted',
        },
      ],
    },
    { name: 'empty string does not count', code: resources('      requests:\n        cpu: ""\n        memory: 128Mi\n'), errors: [{ messageId: 'cpu', line: 11, column: 14 }] },
  ],
});

ruleTester(limits, {
  valid: [
    { name: 'memory limit (the default requirement)', code: resources('      limits:\n        memory: 128Mi\n') },
    { name: 'cpu only by option', code: resources('      limits:\n        cpu: 500m\n'), options: { resources: ['cpu'] } },
  ],
  invalid: [
    {
      name: 'memory limit missing',
      code: resources('      limits:\n        cpu: 500m\n'),
      errors: [
        {
          messageId: 'memory',
          line: 10,
          column: 7,
          path: '/spec/containers/0/resources/limits/memory',
          message: "container \"web\" sets no memory limit: it can use all the memory of its node; when the node runs short, the kernel OOM killer or the kubelet's eviction hits the pods using most above their requests, possibly other workloads",
        },
      ],
    },
    {
      name: 'cpu limit required by option',
      code: resources('      limits:\n        memory: 128Mi\n'),
      options: { resources: ['cpu', 'memory'] },
      errors: [{ messageId: 'cpu', line: 10, column: 7 }],
    },
    {
      name: 'both limits required, neither set',
      code: resources('      requests:\n        memory: 128Mi\n'),
      options: { resources: ['cpu', 'memory'] },
      errors: [{ messageId: 'both', line: 9, column: 5, path: '/spec/containers/0/resources/limits' }],
    },
    {
      name: 'sidecars are checked',
      code: resources('      limits:\n        memory: 128Mi\n') + '  initContainers:\n  - name: proxy\n    image: envoy:1.30\n    restartPolicy: Always\n',
      errors: [{ messageId: 'memory', line: 13, column: 5, path: '/spec/initContainers/0/resources/limits/memory' }],
    },
  ],
});
