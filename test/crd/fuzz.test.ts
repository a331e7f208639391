/** Whatever a CRD's schema and a custom resource hold, validation and the CRD checks report, never throw. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateCustomResource } from '../../src/crd/validate.js';
import { checkCrd } from '../../src/crd/check.js';
import { normalizeSchema } from '../../src/crd/schema.js';

const keyword = fc.constantFrom('type', 'properties', 'items', 'additionalProperties', 'required', 'enum', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'multipleOf', 'maxLength', 'minItems', 'maxProperties', 'nullable', 'default', 'format', 'anyOf', 'allOf', 'not', 'x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-validations', 'a', 'b');
const scalar = fc.oneof(fc.constantFrom('object', 'array', 'string', 'integer', 'number', 'boolean', 'set', 'map', 'date-time', '^[a-z]+$', '(', 'self.a > 0', 'self == oldSelf', 'has(self.a)'), fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(keyword, tie('node'), { maxKeys: 4 }), fc.record({ rule: scalar, message: scalar, fieldPath: fc.constantFrom('.a', "['b']", '.', 'x') })),
})).node;

describe('CRD validation on arbitrary schemas and objects', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(value, value, fc.constantFrom(29, 34, 36), (schema, spec, minor) => {
        const problems = validateCustomResource({ apiVersion: 'x.io/v1', kind: 'X', spec } as Record<string, unknown>, normalizeSchema({ type: 'object', properties: { spec: schema } }), { minor, key: 'k' });
        expect(Array.isArray(problems)).toBe(true);
        const crd = checkCrd({ spec: { versions: [{ name: 'v1', storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: schema } } } }] } });
        expect(Array.isArray(crd)).toBe(true);
      }),
      { numRuns: 1000, seed: 15 },
    );
  });
});
