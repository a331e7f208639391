import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../src/schema/validate.js';
import { getAt } from '../../src/source/locate.js';

const KINDS: Array<[string, string]> = [
  ['v1', 'Pod'],
  ['v1', 'ReplicationController'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'Deployment'],
  ['batch/v1', 'CronJob'],
  ['v1', 'Secret'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
];

/** JSON-like values whose keys are often real field names, so that validation goes deep. */
const FIELD_NAMES = ['metadata', 'spec', 'template', 'containers', 'name', 'image', 'ports', 'containerPort', 'labels', 'replicas', 'selector', 'matchLabels', 'resources', 'limits', 'cpu', 'data', 'jobTemplate', 'schema', 'a/b', '~x', '__proto__'];
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
  ),
}));

describe('validateObject on arbitrary input', () => {
  it('never throws, and every problem points into the object', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.dictionary(fc.constantFrom(...FIELD_NAMES), value, { maxKeys: 4 }), ([apiVersion, kind], body) => {
        const obj = { ...body, apiVersion, kind };
        const problems = validateObject(obj, '1.36');
        expect(problems).not.toBeNull();
        for (const p of problems!) {
          expect(getAt(obj, p.path), `${p.path}: ${p.message}`).not.toBeUndefined();
          if (p.type === 'required') expect([undefined, null]).toContain(getAt(obj, `${p.path}/${p.field!.replace(/~/g, '~0').replace(/\//g, '~1')}`));
          if (p.type === 'unknown-field') expect(p.message).toMatch(/^unknown field ".*" in io\.k8s\./);
        }
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });
});
