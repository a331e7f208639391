import { defineRule } from '../src/engine/rule.js';
import { containersOf, fieldPath } from '../src/k8s/podspec.js';
import { duplicateMsg, goQuote, invalidMsg, isDNS1123Label, requiredMsg } from '../src/k8s/validation.js';

export default defineRule({
  meta: {
    id: 'invalid-container-name',
    category: 'rejected',
    severity: 'error',
    supersedes: ['required-field'],
    messages: {
      required: '{{message}}',
      invalid: '{{message}}',
      duplicate: '{{message}} — container names must be unique across containers and init containers ({{other}} has it too)',
    },
    docs: {
      summary: 'A container or init container without a name, with a name that is not a DNS label, or with a name another container of the pod already uses.',
      rationale:
        'The kubelet, `kubectl logs -c`, `kubectl exec -c` and container status all identify containers by name, so every container and init container needs one, it must be a DNS-1123 label (lower-case alphanumerics and `-`, at most 63 characters) and it must be unique across containers, init containers and ephemeral containers. The API server rejects the pod or the controller otherwise, e.g. `spec.containers[1].name: Duplicate value: "app"` or `spec.initContainers[0].name: Duplicate value: "app"` for an init container that reuses a container name.',
      remediation: 'Give every container a distinct lower-case name such as `app`, `sidecar`, `init-db`.',
      example: {
        before: 'containers:\n- name: app\n  image: web:1.0\n- name: app\n  image: proxy:2.1',
        after: 'containers:\n- name: app\n  image: web:1.0\n- name: proxy\n  image: proxy:2.1',
      },
      source: 'pkg/apis/core/validation/validation.go (validateContainerCommon, validateContainers, validateInitContainers, validateEphemeralContainers)',
    },
  },
  podSpec(target, ctx) {
    const all = containersOf(target, { ephemeral: true });
    // validateInitContainers compares init container names with the regular containers (reported on the init
    // container); regular containers among themselves are reported on the later one. containersOf lists
    // regular, then init, then ephemeral containers: the order they are validated in.
    const seen = new Map<string, string>(); // name → pointer of the container that has it
    for (const c of all) {
      const raw = (c.container as unknown as Record<string, unknown>).name;
      const path = `${c.path}/name`;
      const field = (): string => fieldPath(path);
      if (raw === undefined || raw === null || raw === '') {
        ctx.report({ messageId: 'required', path, data: { message: requiredMsg(field()) } });
        continue;
      }
      if (typeof raw !== 'string') continue;
      for (const d of isDNS1123Label(raw)) ctx.report({ messageId: 'invalid', path, data: { message: invalidMsg(field(), goQuote(raw), d) } });
      const other = seen.get(raw);
      if (other !== undefined) ctx.report({ messageId: 'duplicate', path, data: { message: duplicateMsg(field(), raw), other: fieldPath(other) } });
      else seen.set(raw, c.path);
    }
  },
});
