import { defineRule } from '../src/engine/rule.js';
import { PORT_PROTOCOLS, DEFAULT_PORT_PROTOCOL } from '../src/k8s/defaults.js';
import { containersOf, fieldPath, isRecord } from '../src/k8s/podspec.js';
import { duplicateMsg, goQuote, invalidMsg, isValidPortName, isValidPortNum, notSupportedMsg, requiredMsg } from '../src/k8s/validation.js';

/** validateHostNetwork, pkg/apis/core/validation/validation.go. */
const HOST_NETWORK_PORT_MISMATCH = 'must match `containerPort` when `hostNetwork` is true';

export default defineRule({
  meta: {
    id: 'invalid-container-port',
    category: 'rejected',
    severity: 'error',
    supersedes: ['required-field'],
    messages: {
      containerPortRequired: '{{message}}',
      containerPortRange: '{{message}}',
      hostPortRange: '{{message}}',
      protocol: '{{message}}',
      name: '{{message}}',
      duplicateName: '{{message}} — port names must be unique within a container',
      hostPortConflict: '{{message}} — {{other}} already binds the same host port',
      hostNetwork: '{{message}}',
    },
    docs: {
      summary: 'Container ports the API server rejects: missing or out-of-range numbers, unknown protocols, invalid or duplicate port names, conflicting host ports.',
      rationale:
        'Every entry in `ports` needs a containerPort between 1 and 65535 (`must be between 1 and 65535, inclusive`), a hostPort, when given, in the same range, and a protocol of TCP, UDP or SCTP (case-sensitive: `tcp` is rejected). A port name must be an IANA service name — at most 15 characters, lower-case letters, digits and single hyphens, with at least one letter — and unique within its container, because Services and probes refer to ports by name. Two containers of a pod cannot bind the same host port, protocol and host IP (`spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"`), and with `hostNetwork: true` a hostPort must equal its containerPort. The API server rejects the whole object in each case.',
      remediation: 'Use a port number in range, the protocol in capitals, a short lower-case name (`http`, `metrics`, `grpc-api`), and distinct host ports per container.',
      example: {
        before: 'ports:\n- name: http_web\n  containerPort: 80800\n  protocol: tcp',
        after: 'ports:\n- name: http-web\n  containerPort: 8080\n  protocol: TCP',
      },
      peers: { kubeLinter: ['invalid-target-ports'], kubeScore: ['container-ports-check'] },
      source: 'pkg/apis/core/validation/validation.go (validateContainerPorts, checkHostPortConflicts, AccumulateUniqueHostPorts, validateHostNetwork), staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (IsValidPortNum, IsValidPortName)',
    },
  },
  podSpec(target, ctx) {
    const hostNetwork = (target.spec as unknown as Record<string, unknown>).hostNetwork === true;
    const hostPorts = new Map<string, string>();
    for (const c of containersOf(target)) {
      const ports = (c.container as unknown as Record<string, unknown>).ports;
      if (!Array.isArray(ports)) continue;
      const names = new Set<string>();
      // Init containers run one at a time, so only regular containers are checked against each other.
      const initHostPorts = new Map<string, string>();
      ports.forEach((p: unknown, i: number) => {
        if (!isRecord(p)) return;
        const base = `${c.path}/ports/${i}`;
        if (typeof p.name === 'string' && p.name !== '') {
          const errs = isValidPortName(p.name);
          for (const d of errs) ctx.report({ messageId: 'name', path: `${base}/name`, data: { message: invalidMsg(fieldPath(`${base}/name`), goQuote(p.name), d) } });
          if (errs.length === 0) {
            if (names.has(p.name)) ctx.report({ messageId: 'duplicateName', path: `${base}/name`, data: { message: duplicateMsg(fieldPath(`${base}/name`), p.name) } });
            names.add(p.name);
          }
        }
        const cp = p.containerPort;
        if (cp === undefined || cp === null || cp === 0) {
          ctx.report({ messageId: 'containerPortRequired', path: `${base}/containerPort`, data: { message: requiredMsg(fieldPath(`${base}/containerPort`)) } });
        } else if (typeof cp === 'number') {
          for (const d of isValidPortNum(cp)) ctx.report({ messageId: 'containerPortRange', path: `${base}/containerPort`, data: { message: invalidMsg(fieldPath(`${base}/containerPort`), String(cp), d) } });
        }
        const hp = p.hostPort;
        if (typeof hp === 'number' && hp !== 0) {
          const errs = isValidPortNum(hp);
          for (const d of errs) ctx.report({ messageId: 'hostPortRange', path: `${base}/hostPort`, data: { message: invalidMsg(fieldPath(`${base}/hostPort`), String(hp), d) } });
          if (errs.length === 0) {
            const protocol = typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : DEFAULT_PORT_PROTOCOL;
            const key = `${protocol}/${typeof p.hostIP === 'string' ? p.hostIP : ''}/${hp}`;
            const seen = c.kind === 'container' ? hostPorts : initHostPorts;
            const other = seen.get(key);
            if (other !== undefined) ctx.report({ messageId: 'hostPortConflict', path: `${base}/hostPort`, data: { message: duplicateMsg(fieldPath(`${base}/hostPort`), key), other } });
            else seen.set(key, fieldPath(base));
          }
          if (hostNetwork && typeof cp === 'number' && hp !== cp) {
            ctx.report({ messageId: 'hostNetwork', path: `${base}/hostPort`, data: { message: invalidMsg(fieldPath(`${base}/hostPort`), String(hp), HOST_NETWORK_PORT_MISMATCH) } });
          }
        }
        if (typeof p.protocol === 'string' && p.protocol !== '' && !(PORT_PROTOCOLS as readonly string[]).includes(p.protocol)) {
          ctx.report({ messageId: 'protocol', path: `${base}/protocol`, data: { message: notSupportedMsg(fieldPath(`${base}/protocol`), p.protocol, PORT_PROTOCOLS) } });
        }
      });
    }
  },
});
