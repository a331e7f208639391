import { defineRule } from '../src/engine/rule.js';
import { containersOf, fieldPath, isRecord } from '../src/k8s/podspec.js';
import { containerLabel } from './_runtime.js';

/** pkg/api/pod/warnings.go: the API server's warning for a repeated env name. */
export const HIDES_PREVIOUS_DEFINITION = 'hides previous definition of';

export default defineRule({
  meta: {
    id: 'duplicate-env-var',
    category: 'runtime',
    severity: 'warning',
    messages: {
      duplicate:
        'environment variable "{{name}}" is set again in {{container}}: only the last definition{{value}} takes effect, and because `kubectl apply` merges env entries by name one of them can silently disappear (the API server warns "{{field}}: {{hides}} "{{name}}", which may be dropped when using apply")',
    },
    docs: {
      summary: 'A container sets the same environment variable twice.',
      rationale:
        'The kubelet builds the environment in order and a later entry overrides an earlier one of the same name, without any error. Since env is merged by name in strategic-merge and server-side apply, updates can drop one of the entries, so what runs depends on how the manifest was applied. The API server only prints a warning ("hides previous definition of …, which may be dropped when using apply"). A later entry whose value builds on the earlier one through `$(NAME)` (e.g. PATH=$(PATH):/opt/bin) is deliberate and not reported, as the API server does not warn about it.',
      remediation: 'Keep one entry per name; delete the stale one.',
      example: {
        before: 'env:\n- name: PORT\n  value: "8080"\n- name: PORT\n  value: "9090"',
        after: 'env:\n- name: PORT\n  value: "9090"',
      },
      peers: { kubeLinter: ['duplicate-env-var'], kubeScore: ['environment-variable-key-duplication'] },
      source: 'pkg/api/pod/warnings.go (warningsForPodSpecAndMeta), pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables)',
    },
  },
  podSpec(target, ctx) {
    for (const c of containersOf(target)) {
      const env = (c.container as unknown as Record<string, unknown>).env;
      if (!Array.isArray(env)) continue;
      const seen = new Set<string>();
      env.forEach((e, i) => {
        if (!isRecord(e) || typeof e.name !== 'string') return;
        const name = e.name;
        if (!seen.has(name)) {
          seen.add(name);
          return;
        }
        const ref = `$(${name})`;
        const value = typeof e.value === 'string' ? e.value : undefined;
        const last = [...env].reverse().find((x) => isRecord(x) && x.name === name) as Record<string, unknown>;
        const composes = e.valueFrom === undefined && value !== undefined && value !== ref && value.includes(ref);
        if (composes) return;
        const path = `${c.path}/env/${i}`;
        ctx.report({
          messageId: 'duplicate',
          path: `${path}/name`,
          data: { name, container: containerLabel(c), field: fieldPath(path), hides: HIDES_PREVIOUS_DEFINITION, value: typeof last.value === 'string' ? ` (value "${last.value}")` : '' },
        });
      });
    }
  },
});
