/**
 * The API server's estimated-cost check when a CRD is created (apiextensions validation.go with cel-go's
 * checker/cost.go and Kubernetes' size estimates from maxItems / maxLength / maxProperties, unbounded
 * ones from the 3 MiB request limit): a rule over the per-rule limit, and a schema over the total.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { crdText } from '../helpers/crd.js';

function crd(specProps: string, rules: string[]): string {
  return crdText({ group: 'example.com', kind: 'Cost', plural: 'costs', properties: specProps, validations: rules.map((r) => `            - rule: ${r}`).join('\n') });
}
async function findings(text: string) {
  const r = await lintText(text, 'crd.yaml');
  return r.files[0]!.findings.filter((f) => f.ruleId === 'invalid-crd' || f.ruleId === 'yaml-syntax').map((f) => ({ line: f.line, column: f.column, message: f.message }));
}
const HINT = '(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)';
const AT = 'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations';
const NESTED = "self.a.all(x, self.b.all(y, x != y))";

describe('estimated rule cost (validation.go StaticEstimatedCostLimit, StaticEstimatedCRDCostLimit)', () => {
  it('nested all over two unbounded lists of strings is refused: the rule, its share of the total, and the total', async () => {
    const props = '              a: {type: array, items: {type: string}}\n              b: {type: array, items: {type: string}}';
    const text = crd(props, [NESTED]);
    const line = text.split('\n').findIndex((l) => l.includes(NESTED)) + 1;
    expect(await findings(text)).toEqual([
      { line: 14, column: 7, message: `spec.versions[0].schema.openAPIV3Schema: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}` },
      { line, column: 21, message: `${AT}[0].rule: Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema` },
      { line, column: 21, message: `${AT}[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}` },
    ]);
  });

  it('the same rule over lists with small maxItems and strings with maxLength is accepted', async () => {
    const props = '              a: {type: array, maxItems: 10, items: {type: string, maxLength: 16}}\n              b: {type: array, maxItems: 10, items: {type: string, maxLength: 16}}';
    expect(await findings(crd(props, [NESTED]))).toEqual([]);
  });

  it('the factor as the API server prints it: one decimal from 1.5x, six below (cel-go: 2 + 1 + maxItems × 5 for all/startsWith)', async () => {
    const rule = "self.l.all(x, x.startsWith('a'))";
    const two = await findings(crd('              l: {type: array, maxItems: 4000000, items: {type: string}}', [rule]));
    expect(two.map((f) => f.message)).toEqual([`${AT}[0].rule: Forbidden: estimated rule cost exceeds budget by factor of 2.0x ${HINT}`]);
    const small = await findings(crd('              l: {type: array, maxItems: 2200000, items: {type: string}}', [rule]));
    expect(small.map((f) => f.message)).toEqual([`${AT}[0].rule: Forbidden: estimated rule cost exceeds budget by factor of 1.100000x ${HINT}`]);
    expect(await findings(crd('              l: {type: array, maxItems: 1999999, items: {type: string}}', [rule]))).toEqual([]);
  });

  it('a rule runs once per item of the lists above it: unbounded lists multiply its cost by what fits in a request', async () => {
    const text = (bounded: boolean) =>
      crdText({
        group: 'example.com',
        kind: 'Cost',
        plural: 'costs',
        properties: `              hosts:
                type: array${bounded ? '\n                maxItems: 100' : ''}
                items:
                  type: string${bounded ? '\n                  maxLength: 64' : ''}
                  x-kubernetes-validations:
                  - rule: self.matches('^[a-z.]+$')`,
      });
    const unbounded = await findings(text(false));
    expect(unbounded.filter((f) => f.message.includes('estimated rule cost exceeds'))).toEqual([
      { line: 25, column: 27, message: `spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[hosts].items.x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}` },
    ]);
    expect(await findings(text(true))).toEqual([]);
  });

  it('over the total for the schema: the four most expensive rules and the total are reported', async () => {
    const rule = "self.l.all(x, x.startsWith('a'))";
    const text = crd('              l: {type: array, maxItems: 1900000, items: {type: string}}', Array.from({ length: 11 }, () => rule));
    const first = text.split('\n').findIndex((l) => l.includes(rule)) + 1;
    expect(await findings(text)).toEqual([
      { line: 14, column: 7, message: `spec.versions[0].schema.openAPIV3Schema: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of 1.045000x ${HINT}` },
      ...[0, 1, 2, 3].map((i) => ({ line: first + i, column: 21, message: `${AT}[${i}].rule: Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema` })),
    ]);
  });

  it('indexOf on a list literal of strings is unbounded whatever the field\'s maxLength (its items have no size estimate); a map lookup is cheap', async () => {
    const props = '              size: {type: string, maxLength: 16}';
    const refused = await findings(crd(props, ["\"self.size == '' || ['small', 'medium', 'large'].indexOf(self.size) >= 0\""]));
    expect(refused.map((f) => f.message)).toContain(`${AT}[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}`);
    expect(await findings(crd(props, ["\"self.size == '' || {'small': 0, 'medium': 1, 'large': 2}[self.size] >= 0\""]))).toEqual([]);
  });

  it('a messageExpression concatenating string() of a number has no size bound and is refused, as the API server refuses it', async () => {
    const text = crd('              count: {type: integer}', ["self.count > 0\n              messageExpression: \"'count is ' + string(self.count)\""]);
    expect((await findings(text)).map((f) => f.message)).toEqual([
      `spec.versions[0].schema.openAPIV3Schema: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}`,
      `${AT}[0].messageExpression: Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema`,
      `${AT}[0].messageExpression: Forbidden: estimated messageExpression cost exceeds budget by factor of more than 100x ${HINT}`,
    ]);
    expect(await findings(crd('              count: {type: integer}', ["self.count > 0\n              messageExpression: \"'count is %d'.format([self.count])\""]))).toEqual([]);
  });
});
