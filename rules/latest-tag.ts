import { defineRule } from '../src/engine/rule.js';
import { containersOf } from '../src/k8s/podspec.js';
import { defaultImagePullPolicy, effectiveTag, parseImageReference } from '../src/k8s/image.js';
import { containerLabel } from './_runtime.js';

export default defineRule({
  meta: {
    id: 'latest-tag',
    category: 'runtime',
    severity: 'warning',
    messages: {
      untagged:
        'image "{{image}}" of {{container}} has no tag, so the kubelet pulls "{{image}}:latest", whatever that is at pull time; {{policy}}',
      latest: 'image "{{image}}" of {{container}} uses the mutable tag "latest", whatever it points to at pull time; {{policy}}',
    },
    docs: {
      summary: 'A container image has no tag or the tag `latest` (and no digest).',
      rationale:
        'An image without tag or digest means `:latest`, and `latest` is just a tag that moves with every push. SetDefaults_Container gives such a container imagePullPolicy Always: every container start, on every node, asks the registry for whatever `latest` is at that moment. Replicas of one workload end up running different builds, a restart after a registry push silently upgrades, a registry outage stops pods from starting, and a rollback to the previous manifest brings back the same moving tag, not the previous image. With an explicit imagePullPolicy IfNotPresent it is worse: each node keeps whichever `latest` it pulled first.',
      remediation: 'Use a specific version tag (`nginx:1.27.3`) or pin a digest (`nginx@sha256:…`).',
      example: { before: 'containers:\n- name: web\n  image: nginx', after: 'containers:\n- name: web\n  image: nginx:1.27.3' },
      peers: { kubeLinter: ['latest-tag'], kubeScore: ['container-image-tag'], polaris: ['tagNotSpecified'] },
      source: 'pkg/apis/core/v1/defaults.go (SetDefaults_Container), github.com/distribution/reference (reference.go), pkg/util/parsers/parsers.go',
    },
  },
  podSpec(target, ctx) {
    for (const c of containersOf(target)) {
      const raw = c.container as unknown as Record<string, unknown>;
      const image = raw.image;
      if (typeof image !== 'string') continue;
      const parsed = parseImageReference(image);
      if (!parsed.ok || parsed.ref.digest) continue; // invalid references are another rule's; a digest pins the image
      if (effectiveTag(parsed.ref) !== 'latest') continue;
      const explicit = typeof raw.imagePullPolicy === 'string' && raw.imagePullPolicy !== '' ? raw.imagePullPolicy : undefined;
      const policy =
        explicit === 'IfNotPresent'
          ? 'with imagePullPolicy IfNotPresent each node keeps whichever build it pulled first, so replicas run different versions'
          : explicit === 'Never'
            ? 'with imagePullPolicy Never each node runs whatever build was loaded on it, and nodes without it fail with ErrImageNeverPull'
            : `imagePullPolicy ${explicit ? 'is' : 'defaults to'} ${explicit ?? defaultImagePullPolicy(image)}, so every container start pulls again and replicas can run different builds`;
      ctx.report({ messageId: parsed.ref.tag ? 'latest' : 'untagged', path: `${c.path}/image`, data: { image, container: containerLabel(c), policy } });
    }
  },
});
