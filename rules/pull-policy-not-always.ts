import { defineRule } from '../src/engine/rule.js';
import { containersOf } from '../src/k8s/podspec.js';
import { defaultImagePullPolicy } from '../src/k8s/image.js';
import { containerLabel } from './_runtime.js';

/** The container waiting reason when imagePullPolicy is Never and the image is absent (pkg/kubelet/images/types.go, ErrImageNeverPull). */
export const ERR_IMAGE_NEVER_PULL = 'ErrImageNeverPull';

export interface PullPolicyOptions {
  /** Also report a container whose imagePullPolicy is not written, even when it defaults to Always (Polaris's behaviour). */
  requireExplicit: boolean;
}

export default defineRule<'ifNotPresent' | 'defaultIfNotPresent' | 'never' | 'implicit', PullPolicyOptions>({
  meta: {
    id: 'pull-policy-not-always',
    category: 'best-practice',
    severity: 'info',
    messages: {
      ifNotPresent:
        '{{container}} has imagePullPolicy IfNotPresent: a node that already has "{{image}}" starts it without asking the registry, so imagePullSecrets are not checked and a re-pushed tag is not picked up',
      defaultIfNotPresent:
        'imagePullPolicy of {{container}} defaults to IfNotPresent for "{{image}}": a node that already has the image starts it without asking the registry, so imagePullSecrets are not checked and a re-pushed tag is not picked up',
      never: '{{container}} has imagePullPolicy Never: the kubelet never pulls "{{image}}", and on a node that does not already have it the container cannot start (' + ERR_IMAGE_NEVER_PULL + ')',
      implicit: 'imagePullPolicy of {{container}} is not set; it defaults to Always for "{{image}}" only because the image has no fixed tag',
    },
    docs: {
      summary: 'A container\'s effective imagePullPolicy is not Always.',
      rationale:
        'With IfNotPresent (the default for every image with a fixed tag or a digest) a node that has the image cached starts it without contacting the registry: a pod that lacks the right imagePullSecrets still runs a private image some other pod pulled onto the node, and a tag that was pushed again is not picked up. With Never the kubelet does not pull at all; on a node without the image the container waits with ErrImageNeverPull. Always costs one registry round-trip per container start (layers are cached). The rule judges the effective policy after SetDefaults_Container, so an untagged image (which defaults to Always) is not reported unless `requireExplicit: true` asks for the field to be written out, as Polaris does. Severity info: with immutable tags or digests IfNotPresent is a sound choice.',
      remediation: 'Set `imagePullPolicy: Always`, or accept IfNotPresent deliberately for immutable tags and digests (turn the rule off).',
      example: {
        before: 'containers:\n- name: web\n  image: registry.example.com/web:1.4.2',
        after: 'containers:\n- name: web\n  image: registry.example.com/web:1.4.2\n  imagePullPolicy: Always',
      },
      peers: { kubeScore: ['container-image-pull-policy'], polaris: ['pullPolicyNotAlways'] },
      source: 'pkg/apis/core/v1/defaults.go (SetDefaults_Container), pkg/kubelet/images/image_manager.go (EnsureImageExists), pkg/kubelet/images/types.go',
    },
    optionsSchema: {
      type: 'object',
      properties: { requireExplicit: { type: 'boolean', description: 'Report a missing imagePullPolicy even when it defaults to Always.' } },
      additionalProperties: false,
    },
    defaultOptions: { requireExplicit: false },
  },
  podSpec(target, ctx) {
    for (const c of containersOf(target)) {
      const raw = c.container as unknown as Record<string, unknown>;
      if (typeof raw.image !== 'string' || raw.image === '') continue;
      const image = raw.image;
      const data = { container: containerLabel(c), image };
      const explicit = typeof raw.imagePullPolicy === 'string' && raw.imagePullPolicy !== '' ? raw.imagePullPolicy : undefined;
      if (explicit === 'IfNotPresent') ctx.report({ messageId: 'ifNotPresent', path: `${c.path}/imagePullPolicy`, data });
      else if (explicit === 'Never') ctx.report({ messageId: 'never', path: `${c.path}/imagePullPolicy`, data });
      else if (explicit === undefined) {
        if (defaultImagePullPolicy(image) === 'IfNotPresent') ctx.report({ messageId: 'defaultIfNotPresent', path: `${c.path}/imagePullPolicy`, data });
        else if (ctx.options.requireExplicit) ctx.report({ messageId: 'implicit', path: `${c.path}/imagePullPolicy`, data });
      }
    }
  },
});
