import { defineRule } from '../src/engine/rule.js';
import { fieldPath, isRecord, probeHandlers, probesOf } from '../src/k8s/podspec.js';
import { forbiddenMsg, goQuote, invalidMsg, IS_NEGATIVE_ERROR_MSG, isValidPortName, isValidPortNum, notSupportedMsg, requiredMsg } from '../src/k8s/validation.js';

/** validateProbe / validateLivenessProbe / validateStartupProbe / validateReadinessProbe, pkg/apis/core/validation/validation.go. */
const NO_HANDLER = 'must specify a handler type';
const TOO_MANY_HANDLERS = 'may not specify more than 1 handler type';
const SUCCESS_THRESHOLD_MUST_BE_1 = 'must be 1';
const GRACE_NOT_FOR_READINESS = 'must not be set for readinessProbes';
const GRACE_MUST_BE_POSITIVE = 'must be greater than 0';
const INIT_PROBE_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';
/** validateHTTPGetAction supportedHTTPSchemes. */
const HTTP_SCHEMES = ['HTTP', 'HTTPS'] as const;
/** The probe fields ValidateNonnegativeField checks; 0 is defaulted (SetDefaults_Probe), so only negatives fail. */
const NON_NEGATIVE_FIELDS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

export default defineRule({
  meta: {
    id: 'invalid-probe',
    category: 'rejected',
    severity: 'error',
    messages: {
      noHandler: '{{message}} (one of exec, httpGet, tcpSocket or grpc)',
      tooManyHandlers: '{{message}} ({{handlers}} are both set; a probe has exactly one)',
      negative: '{{message}}',
      successThreshold: '{{message}} — a {{type}} probe succeeds on its first success; only readiness probes may ask for more',
      graceOnReadiness: '{{message}}',
      gracePositive: '{{message}}',
      initProbe: '{{message}} — a regular init container runs to completion and is never probed',
      execCommand: '{{message}}',
      scheme: '{{message}}',
      port: '{{message}}',
    },
    docs: {
      summary: 'A probe the API server rejects: no handler or several, successThreshold other than 1 for liveness/startup, negative timings, bad ports or scheme.',
      rationale:
        'A probe has exactly one handler — exec, httpGet, tcpSocket or grpc. A probe with none (`Required value: must specify a handler type`, e.g. only timings were written, or the handler is misspelled) or with two (`httpGet: Forbidden: may not specify more than 1 handler type`) is rejected. Liveness and startup probes must have `successThreshold: 1`. initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold and failureThreshold may not be negative (0 means "use the default"). A probe-level terminationGracePeriodSeconds must be positive and is not allowed on readiness probes. Probe ports must be 1–65535 or a valid port name, an httpGet scheme is HTTP or HTTPS, an exec probe needs a command. Init containers that are not sidecars may not have probes at all.',
      remediation: 'Keep one handler per probe, set successThreshold to 1 on liveness and startup probes, use non-negative timings, and move probes off regular init containers.',
      example: {
        before: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  tcpSocket:\n    port: 8080\n  successThreshold: 2',
        after: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080',
      },
      source: 'pkg/apis/core/validation/validation.go (validateProbe, validateLivenessProbe, validateReadinessProbe, validateStartupProbe, validateHandler, validateHTTPGetAction, ValidatePortNumOrName, validateInitContainers)',
    },
  },
  podSpec(target, ctx) {
    for (const ref of probesOf(target)) {
      const probe = ref.probe as unknown as Record<string, unknown>;
      const field = (): string => fieldPath(ref.path);
      if (ref.container.kind === 'init' && !ref.container.isSidecar) {
        ctx.report({ messageId: 'initProbe', path: ref.path, at: 'key', data: { message: forbiddenMsg(field(), INIT_PROBE_FORBIDDEN) } });
        continue;
      }
      const handlers = probeHandlers(probe);
      if (handlers.length === 0) ctx.report({ messageId: 'noHandler', path: ref.path, at: 'key', data: { message: requiredMsg(field(), NO_HANDLER) } });
      for (const h of handlers.slice(1)) {
        ctx.report({ messageId: 'tooManyHandlers', path: `${ref.path}/${h}`, at: 'key', data: { message: forbiddenMsg(fieldPath(`${ref.path}/${h}`), TOO_MANY_HANDLERS), handlers: `${handlers[0]} and ${h}` } });
      }
      for (const f of NON_NEGATIVE_FIELDS) {
        const v = probe[f];
        if (typeof v === 'number' && v < 0) ctx.report({ messageId: 'negative', path: `${ref.path}/${f}`, data: { message: invalidMsg(fieldPath(`${ref.path}/${f}`), String(v), IS_NEGATIVE_ERROR_MSG) } });
      }
      const st = probe.successThreshold;
      if (ref.type !== 'readiness' && typeof st === 'number' && st > 1) {
        ctx.report({ messageId: 'successThreshold', path: `${ref.path}/successThreshold`, data: { message: invalidMsg(fieldPath(`${ref.path}/successThreshold`), String(st), SUCCESS_THRESHOLD_MUST_BE_1), type: ref.type } });
      }
      const grace = probe.terminationGracePeriodSeconds;
      if (typeof grace === 'number') {
        const gpath = `${ref.path}/terminationGracePeriodSeconds`;
        if (ref.type === 'readiness') ctx.report({ messageId: 'graceOnReadiness', path: gpath, data: { message: invalidMsg(fieldPath(gpath), String(grace), GRACE_NOT_FOR_READINESS) } });
        else if (grace <= 0) ctx.report({ messageId: 'gracePositive', path: gpath, data: { message: invalidMsg(fieldPath(gpath), String(grace), GRACE_MUST_BE_POSITIVE) } });
      }
      for (const h of handlers) {
        const action = probe[h];
        if (!isRecord(action)) continue;
        const hpath = `${ref.path}/${h}`;
        if (h === 'exec' && (!Array.isArray(action.command) || action.command.length === 0)) {
          ctx.report({ messageId: 'execCommand', path: `${hpath}/command`, data: { message: requiredMsg(fieldPath(`${hpath}/command`)) } });
        }
        if (h === 'httpGet' && typeof action.scheme === 'string' && action.scheme !== '' && !(HTTP_SCHEMES as readonly string[]).includes(action.scheme)) {
          ctx.report({ messageId: 'scheme', path: `${hpath}/scheme`, data: { message: notSupportedMsg(fieldPath(`${hpath}/scheme`), action.scheme, HTTP_SCHEMES) } });
        }
        if (h === 'httpGet' || h === 'tcpSocket' || h === 'grpc') {
          const port = action.port;
          const ppath = `${hpath}/port`;
          const pfield = (): string => fieldPath(ppath);
          if (typeof port === 'number') {
            for (const d of isValidPortNum(port)) ctx.report({ messageId: 'port', path: ppath, data: { message: invalidMsg(pfield(), String(port), d) } });
          } else if (typeof port === 'string' && h !== 'grpc') {
            for (const d of isValidPortName(port)) ctx.report({ messageId: 'port', path: ppath, data: { message: invalidMsg(pfield(), goQuote(port), d) } });
          }
        }
      }
    }
  },
});
