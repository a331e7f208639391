import { defineRule } from '../src/engine/rule.js';
import { containersOf, fieldPath, isRecord } from '../src/k8s/podspec.js';
import { duplicateMsg, goQuote, invalidMsg, isDNS1123Label, notFoundMsg, requiredMsg } from '../src/k8s/validation.js';

export default defineRule({
  meta: {
    id: 'volume-reference',
    category: 'rejected',
    severity: 'error',
    messages: {
      mountNotFound: '{{message}} — no volume of the pod is named {{name}}{{known}}',
      mountNameRequired: '{{message}}',
      volumeNameRequired: '{{message}}',
      volumeNameInvalid: '{{message}}',
      volumeDuplicate: '{{message}}',
    },
    docs: {
      summary: "A volumeMount names a volume the pod does not define, or a volume's name is missing, not a DNS label, or duplicated.",
      rationale:
        'A container mounts volumes by name, and the name must be one of the pod\'s `volumes` (in a StatefulSet also one of its `volumeClaimTemplates`). A typo, or a volume defined in another container\'s manifest section, makes the API server reject the object with `spec.containers[0].volumeMounts[0].name: Not found: "data"`. Volume names themselves must be unique DNS-1123 labels.',
      remediation: 'Define the volume under `spec.volumes` (or the StatefulSet\'s `volumeClaimTemplates`), or correct the name in `volumeMounts` to match an existing volume.',
      example: {
        before: 'containers:\n- name: app\n  volumeMounts:\n  - name: data\n    mountPath: /data\nvolumes:\n- name: date\n  emptyDir: {}',
        after: 'containers:\n- name: app\n  volumeMounts:\n  - name: data\n    mountPath: /data\nvolumes:\n- name: data\n  emptyDir: {}',
      },
      source: 'pkg/apis/core/validation/validation.go (ValidateVolumes, ValidateVolumeMounts); pkg/apis/apps/validation/validation.go (StatefulSet volumeClaimTemplates)',
    },
  },
  podSpec(target, ctx) {
    const spec = target.spec as unknown as Record<string, unknown>;
    const names = new Set<string>();
    if (Array.isArray(spec.volumes)) {
      spec.volumes.forEach((v: unknown, i: number) => {
        if (!isRecord(v)) return;
        const path = `${target.specPath}/volumes/${i}/name`;
        const field = (): string => fieldPath(path);
        if (v.name === undefined || v.name === null || v.name === '') {
          ctx.report({ messageId: 'volumeNameRequired', path, data: { message: requiredMsg(field()) } });
          return;
        }
        if (typeof v.name !== 'string') return;
        for (const d of isDNS1123Label(v.name)) ctx.report({ messageId: 'volumeNameInvalid', path, data: { message: invalidMsg(field(), goQuote(v.name), d) } });
        if (names.has(v.name)) ctx.report({ messageId: 'volumeDuplicate', path, data: { message: duplicateMsg(field(), v.name) } });
        names.add(v.name);
      });
    }
    // A StatefulSet's volumeClaimTemplates become volumes of its pods (pkg/controller/statefulset/stateful_set_utils.go).
    const claims = target.owner.kind === 'StatefulSet' && isRecord(target.owner.object.spec) ? target.owner.object.spec.volumeClaimTemplates : undefined;
    const available = new Set(names);
    if (Array.isArray(claims)) for (const c of claims) if (isRecord(c) && isRecord(c.metadata) && typeof c.metadata.name === 'string') available.add(c.metadata.name);
    for (const c of containersOf(target, { ephemeral: true })) {
      const mounts = (c.container as unknown as Record<string, unknown>).volumeMounts;
      if (!Array.isArray(mounts)) continue;
      mounts.forEach((m: unknown, i: number) => {
        if (!isRecord(m)) return;
        const path = `${c.path}/volumeMounts/${i}/name`;
        const field = (): string => fieldPath(path);
        if (m.name === undefined || m.name === null || m.name === '') {
          ctx.report({ messageId: 'mountNameRequired', path, data: { message: requiredMsg(field()) } });
          return;
        }
        if (typeof m.name !== 'string' || available.has(m.name)) return;
        const known = available.size ? ` (it has ${[...available].sort().map((n) => goQuote(n)).join(', ')})` : ' (it has none)';
        ctx.report({ messageId: 'mountNotFound', path, data: { message: notFoundMsg(field(), m.name), name: goQuote(m.name), known } });
      });
    }
  },
});
