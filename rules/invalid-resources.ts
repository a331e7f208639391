import { defineRule } from '../src/engine/rule.js';
import { compareQuantities, parseQuantity, type Quantity } from '../src/k8s/quantity.js';
import { containersOf, fieldPath, isRecord } from '../src/k8s/podspec.js';
import { goQuote, invalidMsg, IS_NEGATIVE_ERROR_MSG, requiredMsg } from '../src/k8s/validation.js';

/** ValidateContainerResourceRequirements / validateResourceRequirements, pkg/apis/core/validation/validation.go. */
const requestAboveLimit = (resource: string, limit: string) => `must be less than or equal to ${resource} limit of ${limit}`;
const requestNotEqualLimit = (resource: string, limit: string) => `must be equal to ${resource} limit of ${limit}`;
const LIMIT_REQUIRED = 'Limit must be set for non overcommitable resources';
/** helper.IsOvercommitAllowed (pkg/apis/core/helper/helpers.go): native resources except hugepages may be overcommitted. */
const HUGEPAGES_PREFIX = 'hugepages-';
function overcommitAllowed(resource: string): boolean {
  const native = !resource.includes('/') || resource.includes('kubernetes.io/');
  return native && !resource.startsWith(HUGEPAGES_PREFIX);
}

export default defineRule({
  meta: {
    id: 'invalid-resources',
    category: 'rejected',
    severity: 'error',
    messages: {
      unparsable: '{{field}}: {{value}}: {{error}} — the API server cannot even decode the object',
      negative: '{{message}}',
      requestAboveLimit: '{{message}}',
      requestNotEqualLimit: '{{message}} ({{resource}} cannot be overcommitted)',
      limitRequired: '{{message}} ({{resource}} is requested without a limit)',
    },
    docs: {
      summary: 'Resource requests and limits that do not parse, are negative, or where a request exceeds its limit.',
      rationale:
        'Quantities are parsed when the object is decoded: `512M` and `0.5` are fine, but `512MB`, `1 Gi`, `500mi` or `2 cores` are not quantities and the request fails before validation (`quantities must match the regular expression …` or `unable to parse quantity\'s suffix`). Quantities may not be negative, and a request may not exceed the limit of the same resource (`spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`). Extended resources and hugepages cannot be overcommitted: their request must equal their limit, and a request needs a limit.',
      remediation: 'Use Kubernetes quantity syntax (`250m`, `0.5`, `128Mi`, `1Gi`, case-sensitive suffixes) and keep every request at or below its limit.',
      example: {
        before: 'resources:\n  requests:\n    cpu: "2"\n    memory: 512MB\n  limits:\n    cpu: "1"',
        after: 'resources:\n  requests:\n    cpu: "1"\n    memory: 512Mi\n  limits:\n    cpu: "1"',
      },
      source: 'pkg/apis/core/validation/validation.go (ValidateContainerResourceRequirements, ValidateResourceQuantityValue, ValidateNonnegativeQuantity), staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go',
    },
  },
  podSpec(target, ctx) {
    for (const c of containersOf(target)) {
      const res = (c.container as unknown as Record<string, unknown>).resources;
      if (!isRecord(res)) continue;
      const parsed: Record<'limits' | 'requests', Map<string, Quantity>> = { limits: new Map(), requests: new Map() };
      for (const kind of ['limits', 'requests'] as const) {
        const list = res[kind];
        if (!isRecord(list)) continue;
        for (const [name, raw] of Object.entries(list)) {
          if (typeof raw !== 'string' && typeof raw !== 'number') continue; // a type problem: invalid-type reports it
          const path = `${c.path}/resources/${kind}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          const r = parseQuantity(raw);
          if (!r.ok) {
            ctx.report({ messageId: 'unparsable', path, data: { field: fieldPath(path), value: goQuote(String(raw)), error: r.error } });
            continue;
          }
          if (r.quantity.nanos < 0n) {
            ctx.report({ messageId: 'negative', path, data: { message: invalidMsg(fieldPath(path), goQuote(String(raw)), IS_NEGATIVE_ERROR_MSG) } });
            continue;
          }
          parsed[kind].set(name, r.quantity);
        }
      }
      const reqField = (): string => fieldPath(`${c.path}/resources/requests`);
      for (const [name, req] of parsed.requests) {
        const path = `${c.path}/resources/requests/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const limit = parsed.limits.get(name);
        if (limit) {
          if (!overcommitAllowed(name) && compareQuantities(req, limit) !== 0) {
            ctx.report({ messageId: 'requestNotEqualLimit', path, data: { message: invalidMsg(reqField(), goQuote(req.text), requestNotEqualLimit(name, limit.text)), resource: name } });
          } else if (compareQuantities(req, limit) > 0) {
            ctx.report({ messageId: 'requestAboveLimit', path, data: { message: invalidMsg(reqField(), goQuote(req.text), requestAboveLimit(name, limit.text)) } });
          }
        } else if (!overcommitAllowed(name) && !(isRecord(res.limits) && name in res.limits)) {
          ctx.report({ messageId: 'limitRequired', path, data: { message: requiredMsg(fieldPath(`${c.path}/resources/limits`), LIMIT_REQUIRED), resource: name } });
        }
      }
    }
  },
});
