/** Bad input never makes the narrative throw: arbitrary values where a pod spec expects structure. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderNarrative } from '../../src/explain/narrative.js';
import { explainManifest } from '../../src/manifest-narrative.js';
import { explainField, ExplainLookupError } from '../../src/explain/field-reference.js';

const value = fc.oneof(fc.anything({ maxDepth: 3 }), fc.constantFrom(0, -1, 1.5, '', 'abc', '8080', null, [], {}));

describe('narrative robustness', () => {
  it('accepts any value in any pod-spec field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'Job', 'CronJob', 'StatefulSet', 'DaemonSet'),
        fc.record({ containers: value, initContainers: value, restartPolicy: value, terminationGracePeriodSeconds: value, overhead: value }, { requiredKeys: [] }),
        fc.record({ name: value, image: value, ports: value, livenessProbe: value, readinessProbe: value, startupProbe: value, resources: value, lifecycle: value, imagePullPolicy: value, restartPolicy: value }, { requiredKeys: [] }),
        fc.record({ replicas: value, selector: value }, { requiredKeys: [] }),
        async (kind, spec, container, ctl) => {
          const podSpec = { ...spec, containers: [container, ...(Array.isArray(spec.containers) ? spec.containers : [])] };
          const apiVersion = kind === 'Pod' || kind === 'ReplicationController' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
          const obj =
            kind === 'Pod'
              ? { apiVersion, kind, metadata: { name: 'x' }, spec: podSpec }
              : kind === 'CronJob'
                ? { apiVersion, kind, metadata: { name: 'x' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: podSpec } } } } }
                : { apiVersion, kind, metadata: { name: 'x' }, spec: { ...ctl, template: { metadata: { labels: { a: 'b' } }, spec: podSpec } } };
          const n = await explainManifest(JSON.stringify(obj), 'fuzz.json', { kubernetesVersion: '1.36' });
          expect(typeof renderNarrative(n)).toBe('string');
        },
      ),
      { numRuns: 150, seed: 4 },
    );
  }, 120_000);
});

describe('field reference robustness', () => {
  it('answers any string with a reference or a lookup error', () => {
    const segment = fc.oneof(fc.constantFrom('pods', 'po', 'spec', 'containers', 'livenessProbe', '__proto__', 'constructor', 'toString', '', 'apps', 'metadata', 'labels'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), (parts, recursive) => {
        try {
          const ref = explainField(parts.join('.'), { kubernetesVersion: '1.32', recursive });
          expect(ref.kubectlText).toMatch(/KIND: {7}\S/);
        } catch (err) {
          expect(err).toBeInstanceOf(ExplainLookupError);
        }
      }),
      { numRuns: 400, seed: 4 },
    );
  });
});
