import { defineRule } from '../src/engine/rule.js';
import { containersOf, fieldPath, isRecord } from '../src/k8s/podspec.js';
import { envVarNameErrors, goQuote, invalidMsg, RELAXED_ENV_VAR_VALIDATION_DEFAULT_ON_MINOR, requiredMsg } from '../src/k8s/validation.js';

export default defineRule({
  meta: {
    id: 'invalid-env-name',
    category: 'rejected',
    severity: 'error',
    messages: {
      required: '{{message}}',
      invalid: '{{message}}{{hint}}',
    },
    docs: {
      summary: 'An environment variable (or envFrom prefix) whose name the API server of the target version rejects.',
      rationale:
        'Up to Kubernetes 1.31 an env var name must match `[-._a-zA-Z][-._a-zA-Z0-9]*` (no leading digit, no spaces, and not `.`/`..`); from 1.32 the RelaxedEnvironmentVariableValidation feature (beta, on by default; GA in 1.34) accepts any printable ASCII character except `=`. A name such as `1ST_RUN` or `MY VAR` is therefore rejected by older clusters (`spec.containers[0].env[0].name: Invalid value: "1ST_RUN": a valid environment variable name must consist of …`), and a name containing `=` or a tab is rejected everywhere. Names are required.',
      remediation: 'Use letters, digits and `_` (start with a letter or `_`) so the name works on every version and in every shell.',
      example: { before: 'env:\n- name: 1ST_RUN\n  value: "true"', after: 'env:\n- name: FIRST_RUN\n  value: "true"' },
      source: 'pkg/apis/core/validation/validation.go (ValidateEnv, ValidateEnvFrom), staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (IsEnvVarName, IsRelaxedEnvVarName), pkg/features/kube_features.go (RelaxedEnvironmentVariableValidation)',
    },
  },
  podSpec(target, ctx) {
    const version = ctx.kubernetesVersion;
    const hint = version.atLeast(RELAXED_ENV_VAR_VALIDATION_DEFAULT_ON_MINOR) ? '' : ` (Kubernetes ${version.name} checks env names strictly; 1.32 and later accept any printable ASCII except '=')`;
    for (const c of containersOf(target, { ephemeral: true })) {
      const ctr = c.container as unknown as Record<string, unknown>;
      if (Array.isArray(ctr.env)) {
        ctr.env.forEach((e: unknown, i: number) => {
          if (!isRecord(e)) return;
          const path = `${c.path}/env/${i}/name`;
          const field = (): string => fieldPath(path);
          if (e.name === undefined || e.name === null || e.name === '') {
            ctx.report({ messageId: 'required', path, data: { message: requiredMsg(field()) } });
            return;
          }
          if (typeof e.name !== 'string') return;
          for (const d of envVarNameErrors(e.name, version)) ctx.report({ messageId: 'invalid', path, data: { message: invalidMsg(field(), goQuote(e.name), d), hint } });
        });
      }
      if (Array.isArray(ctr.envFrom)) {
        ctr.envFrom.forEach((e: unknown, i: number) => {
          if (!isRecord(e) || typeof e.prefix !== 'string' || e.prefix === '') return;
          const path = `${c.path}/envFrom/${i}/prefix`;
          for (const d of envVarNameErrors(e.prefix, version)) ctx.report({ messageId: 'invalid', path, data: { message: invalidMsg(fieldPath(path), goQuote(e.prefix), d), hint } });
        });
      }
    }
  },
});
