import { defineRule } from '../src/engine/rule.js';
import { IMAGE_PULL_POLICIES } from '../src/k8s/defaults.js';
import { parseImageReference } from '../src/k8s/image.js';
import { containersOf, fieldPath } from '../src/k8s/podspec.js';
import { goQuote, invalidMsg, notSupportedMsg, requiredMsg } from '../src/k8s/validation.js';

/** validateContainerOnlyForPod, pkg/apis/core/validation/validation.go. */
const WHITESPACE = 'must not have leading or trailing whitespace';

export default defineRule({
  meta: {
    id: 'invalid-image',
    category: 'rejected',
    severity: 'error',
    messages: {
      required: '{{message}}',
      whitespace: '{{message}}',
      invalidName:
        '{{field}}: {{image}} is not a valid image reference ({{error}}): the API server accepts it, but the kubelet cannot parse it, so the container stays Waiting with reason InvalidImageName and the pod never starts',
      pullPolicy: '{{message}}',
    },
    docs: {
      summary: 'A container image reference that is missing, or that the kubelet cannot parse (the pod stays in InvalidImageName), or an unknown imagePullPolicy.',
      rationale:
        'The API server only requires a non-empty image (and, for bare Pods, no leading or trailing whitespace); it does not parse the reference. The kubelet does, with the Docker reference grammar: repository path components must be lower case, a tag follows a single `:` and has at most 128 characters of `[A-Za-z0-9_.-]`, a digest follows `@`. An image like `Nginx:1.27`, `nginx:` or `my registry/app` passes admission and then every container start fails: the container waits with reason `InvalidImageName`. The pod never leaves Pending/ContainerCreating and the kubelet does not back off — it retries and fails on every sync. imagePullPolicy must be Always, IfNotPresent or Never.',
      remediation: 'Write the reference as `[registry[:port]/]path/name[:tag][@sha256:digest]` with a lower-case repository, e.g. `ghcr.io/acme/web:1.4.2`; fix the pull policy spelling.',
      example: { before: 'image: ghcr.io/Acme/Web:1.4', after: 'image: ghcr.io/acme/web:1.4' },
      source: 'pkg/apis/core/validation/validation.go (validateContainerCommon, validateContainerOnlyForPod, validatePullPolicy), pkg/util/parsers/parsers.go (ParseImageName), pkg/kubelet/images/image_manager.go, distribution/reference reference.go',
    },
  },
  podSpec(target, ctx) {
    for (const c of containersOf(target, { ephemeral: true })) {
      const ctr = c.container as unknown as Record<string, unknown>;
      const path = `${c.path}/image`;
      const field = (): string => fieldPath(path);
      const image = ctr.image;
      if (image === undefined || image === null || image === '') {
        ctx.report({ messageId: 'required', path, data: { message: requiredMsg(field()) } });
      } else if (typeof image === 'string') {
        const trimmed = image.trim();
        if (trimmed !== image && !target.template) {
          ctx.report({ messageId: 'whitespace', path, data: { message: invalidMsg(field(), goQuote(image), WHITESPACE) } });
        } else {
          const r = parseImageReference(image);
          if (!r.ok) ctx.report({ messageId: 'invalidName', path, data: { field: field(), image: goQuote(image), error: r.error } });
        }
      }
      const policy = ctr.imagePullPolicy;
      if (typeof policy === 'string' && policy !== '' && !(IMAGE_PULL_POLICIES as readonly string[]).includes(policy)) {
        ctx.report({ messageId: 'pullPolicy', path: `${c.path}/imagePullPolicy`, data: { message: notSupportedMsg(fieldPath(`${c.path}/imagePullPolicy`), policy, IMAGE_PULL_POLICIES) } });
      }
    }
  },
});
