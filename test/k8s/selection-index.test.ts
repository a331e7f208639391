import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SelectionIndex, canonicalSelector, matchesSelector, type AnySelector, type Labels } from '../../src/k8s/selector.js';

const keys = ['app', 'env', 'tier', 'constructor'];
const values = ['web', 'dev', 'x'];
const labelsArb = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values), { maxKeys: 4 });
const requirementArb = fc.oneof(
  fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('In', 'NotIn'), values: fc.array(fc.constantFrom(...values), { maxLength: 3 }) }),
  fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('Gt', 'in') }),
);
const selectorArb: fc.Arbitrary<AnySelector> = fc.oneof(
  labelsArb.map((selector) => ({ type: 'map' as const, selector })),
  fc.record({ matchLabels: labelsArb, matchExpressions: fc.array(requirementArb, { maxLength: 3 }) }, { requiredKeys: [] }).map((selector) => ({ type: 'label' as const, selector })),
);

describe('SelectionIndex', () => {
  it('selects exactly what testing every item selects, in the order added', () => {
    fc.assert(
      fc.property(fc.array(labelsArb, { maxLength: 40 }), fc.array(selectorArb, { minLength: 1, maxLength: 8 }), (items, selectors) => {
        const index = new SelectionIndex<number>();
        items.forEach((labels, i) => index.add(i, labels));
        for (const s of selectors) {
          const expected = items.map((labels, i) => [labels, i] as [Labels, number]).filter(([l]) => matchesSelector(s, l)).map(([, i]) => i);
          expect(index.select(s)).toEqual(expected);
        }
      }),
      { numRuns: 1000, seed: 20261204 },
    );
  });

  it('answers a selector written another way (requirements or values reordered, values repeated) from the same selection', () => {
    const index = new SelectionIndex<string>();
    index.add('a', { app: 'web', env: 'dev' });
    index.add('b', { app: 'web' });
    const one = index.select({ type: 'label', selector: { matchLabels: { app: 'web', env: 'dev' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }, { key: 'env', operator: 'In', values: ['dev', 'prod'] }] } });
    const two = index.select({ type: 'label', selector: { matchLabels: { env: 'dev', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev', 'dev'] }, { key: 'tier', operator: 'DoesNotExist' }] } });
    expect(one).toEqual(['a']);
    expect(two).toBe(one);
    // A map selector and a label selector are not confused, nor are In and NotIn of the same values.
    expect(canonicalSelector({ type: 'map', selector: { app: 'web' } })).not.toBe(canonicalSelector({ type: 'label', selector: { matchLabels: { app: 'web' } } }));
    expect(canonicalSelector({ type: 'label', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } })).not.toBe(
      canonicalSelector({ type: 'label', selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } }),
    );
  });

  it('forgets its answers when an item is added', () => {
    const index = new SelectionIndex<string>();
    index.add('a', { app: 'web' });
    expect(index.select({ type: 'map', selector: { app: 'web' } })).toEqual(['a']);
    index.add('b', { app: 'web' });
    expect(index.select({ type: 'map', selector: { app: 'web' } })).toEqual(['a', 'b']);
  });
});
