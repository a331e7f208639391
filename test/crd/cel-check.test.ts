/**
 * The API server's compile step for CRD rules: cel-go's type checker with `self` typed by the schema.
 * A rule with an argument type mismatch, a field the schema does not declare, a non-bool result or a
 * messageExpression that is not a string makes the CRD invalid (invalid-crd), with cel-go's wording, at
 * the rule in the CRD. Rules the API server accepts are not flagged.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { crdText } from '../helpers/crd.js';

function crd(rules: string[], extraSchema = ''): string {
  return crdText({
    group: 'example.com',
    kind: 'Gizmo',
    plural: 'gizmos',
    properties: `              replicas: {type: integer}
              ratio: {type: number}
              name: {type: string, maxLength: 64}
              created: {type: string, format: date-time}
              size: {x-kubernetes-int-or-string: true}
              labels: {type: object, maxProperties: 16, additionalProperties: {type: string, maxLength: 64}}
              items:
                type: array
                maxItems: 16
                items:
                  type: object
                  properties:
                    name: {type: string, maxLength: 64}
                    port: {type: integer}${extraSchema}`,
    validations: rules.map((r) => `            - ${r}`).join('\n'),
  });
}
const RULE_LINE = 35; // the line before the first rule in crd()

async function invalid(rules: string[]) {
  const r = await lintText(crd(rules), 'crd.yaml');
  expect(r.files[0]!.findings.filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
  return r.files[0]!.findings.filter((f) => f.ruleId === 'invalid-crd').map((f) => ({ line: f.line - RULE_LINE, column: f.column, message: f.message }));
}
const AT = 'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations';

describe('type errors in rules (compilation.go; cel-go checker/errors.go)', () => {
  it('an operator or function applied to the wrong types', async () => {
    expect(await invalid(['rule: self.replicas + "a" > 0', 'rule: self.name.startsWith(1)', "rule: self.replicas == 'x' || self.ratio > 1", 'rule: size(self.replicas) > 0'])).toEqual([
      { line: 0, column: 21, message: `${AT}[0].rule: Invalid value: "self.replicas + \\"a\\" > 0": compilation failed: ERROR: <input>:1:15: found no matching overload for '_+_' applied to '(int, string)'` },
      { line: 1, column: 21, message: `${AT}[1].rule: Invalid value: "self.name.startsWith(1)": compilation failed: ERROR: <input>:1:21: found no matching overload for 'startsWith' applied to 'string.(int)'` },
      { line: 2, column: 21, message: `${AT}[2].rule: Invalid value: "self.replicas == 'x' || self.ratio > 1": compilation failed: ERROR: <input>:1:15: found no matching overload for '_==_' applied to '(int, string)'` },
      { line: 3, column: 21, message: `${AT}[3].rule: Invalid value: "size(self.replicas) > 0": compilation failed: ERROR: <input>:1:5: found no matching overload for 'size' applied to '(int)'` },
    ]);
  });

  it('the libraries\' signatures: sets wants two lists of one element type, quantity a string', async () => {
    expect(await invalid(["rule: \"sets.contains(self.items.map(i, i.port), ['a'])\"", 'rule: quantity(self.replicas).sign() > 0'])).toEqual([
      { line: 0, column: 21, message: `${AT}[0].rule: Invalid value: "sets.contains(self.items.map(i, i.port), ['a'])": compilation failed: ERROR: <input>:1:14: found no matching overload for 'sets.contains' applied to '(list(int), list(string))'` },
      { line: 1, column: 21, message: `${AT}[1].rule: Invalid value: "quantity(self.replicas).sign() > 0": compilation failed: ERROR: <input>:1:9: found no matching overload for 'quantity' applied to '(int)'` },
    ]);
  });

  it('a library newer than the chosen Kubernetes version is an undeclared reference (environment/base.go)', async () => {
    const rules = ["rule: \"!format.dns1123Label().validate(self.name).hasValue() && isSemver('1.0.0') && sets.contains([1], [1])\""];
    const at = async (version: string) => {
      const r = await lintText(crd(rules), 'crd.yaml', { kubernetesVersion: version });
      return r.files[0]!.findings.filter((f) => f.ruleId === 'invalid-crd').map((f) => f.message);
    };
    const rule = `"!format.dns1123Label().validate(self.name).hasValue() \u0026\u0026 isSemver('1.0.0') \u0026\u0026 sets.contains([1], [1])"`;
    expect(await at('1.28')).toEqual([
      `${AT}[0].rule: Invalid value: ${rule}: compilation failed: ERROR: <input>:1:21: undeclared reference to 'format.dns1123Label' (in container '')\nERROR: <input>:1:66: undeclared reference to 'isSemver' (in container '')\nERROR: <input>:1:92: undeclared reference to 'sets.contains' (in container '')`,
    ]);
    expect(await at('1.32')).toEqual([`${AT}[0].rule: Invalid value: ${rule}: compilation failed: ERROR: <input>:1:66: undeclared reference to 'isSemver' (in container '')`]);
    expect(await at('1.33')).toEqual([]);
  });

  it('a rule that is not a bool, a messageExpression that is not a string', async () => {
    expect(await invalid(['rule: self.replicas', "rule: self.name\n              messageExpression: self.replicas", "rule: \"self.?name.orValue('') != ''\"\n              messageExpression: \"'name ' + self.name\""])).toEqual([
      { line: 0, column: 21, message: `${AT}[0].rule: Invalid value: "self.replicas": cel expression must evaluate to a bool` },
      { line: 1, column: 21, message: `${AT}[1].rule: Invalid value: "self.name": cel expression must evaluate to a bool` },
      { line: 2, column: 34, message: `${AT}[1].messageExpression: Invalid value: "self.replicas": messageExpression must evaluate to a string` },
    ]);
  });

  it('fields the schema does not declare, on self and on list items; selection on a scalar; a range that is not a list or map; a mixed list', async () => {
    expect(await invalid(["rule: self.items.all(i, i.nmae == 'x')", "rule: self.name.first == 'x'", 'rule: self.replicas.all(x, x > 0)', "rule: \"[1, 'a'].size() == 2\"", "rule: self.metadata.name == 'x'"])).toEqual([
      { line: 0, column: 21, message: `${AT}[0].rule: Invalid value: "self.items.all(i, i.nmae == 'x')": compilation failed: ERROR: <input>:1:20: undefined field 'nmae'` },
      { line: 1, column: 21, message: `${AT}[1].rule: Invalid value: "self.name.first == 'x'": compilation failed: ERROR: <input>:1:10: type 'string' does not support field selection` },
      { line: 2, column: 21, message: `${AT}[2].rule: Invalid value: "self.replicas.all(x, x > 0)": compilation failed: ERROR: <input>:1:5: expression of type 'int' cannot be range of a comprehension (must be list, map, or dynamic)` },
      { line: 3, column: 21, message: `${AT}[3].rule: Invalid value: "[1, 'a'].size() == 2": compilation failed: ERROR: <input>:1:5: type 'string' does not match previous type 'int' in aggregate. Use 'dyn(x)' to make the aggregate dynamic.` },
      { line: 4, column: 21, message: `${AT}[4].rule: Invalid value: "self.metadata.name == 'x'": compilation failed: ERROR: <input>:1:5: undefined field 'metadata'` },
    ]);
  });

  it('format date-time is a timestamp, int-or-string is dyn, additionalProperties a map (schemas.go SchemaDeclType)', async () => {
    expect(await invalid(["rule: self.created.startsWith('2')", "rule: \"self.created < timestamp('2030-01-01T00:00:00Z') && (type(self.size) == string ? self.size.endsWith('%') : self.size > 0) && self.labels.all(k, self.labels[k].size() < 64)\""])).toEqual([
      { line: 0, column: 21, message: `${AT}[0].rule: Invalid value: "self.created.startsWith('2')": compilation failed: ERROR: <input>:1:24: found no matching overload for 'startsWith' applied to 'google.protobuf.Timestamp.(string)'` },
    ]);
  });

  it('a syntax error keeps cel-go\'s frame (ERROR: <input>:line:column: Syntax error: …) with the parser\'s own detail', async () => {
    expect(await invalid(['rule: self.replicas >'])).toEqual([
      { line: 0, column: 21, message: `${AT}[0].rule: Invalid value: "self.replicas >": compilation failed: ERROR: <input>:1:15: Syntax error: found > but expecting end of input` },
    ]);
  });

  it('rules the API server accepts are not flagged (rules in the style of the Gateway API and the Kubernetes libraries)', async () => {
    expect(
      await invalid([
        'rule: self.items.all(i1, self.items.exists_one(i2, i1.name == i2.name))',
        "rule: \"!has(self.name) || !self.name.contains('*')\"",
        "rule: self.items.filter(i, i.port > 1024).size() <= 1 && self.items.map(i, i.port).all(p, p > 0)",
        "rule: \"(has(self.name) && self.name == 'x') ? has(self.replicas) : true\"",
        "rule: size(self.items) <= 16 && self.items.size() < 2 || 'a' in self.labels",
        "rule: self.ratio > 0 && self.replicas > 0.5 && self.replicas < 10u",
        "rule: \"self.?name.orValue('') == '' || format.dns1123Label().validate(self.name).hasValue() == false\"",
        "rule: \"isSemver(self.?name.orValue('1.0.0'), true) && quantity('1Gi').isGreaterThan(quantity('1G')) && url('https://x').getHost() == 'x'\"",
        "rule: \"self.labels.exists(k, k.startsWith('app')) && self.items.all(i, !has(i.port) || i.port in [80, 443])\"",
        "rule: \"[?self.?name, ?optional.none()].size() <= 1 && {'a': 1}.a == 1 && duration('1s') < duration('2s') && string(self.replicas) != ''\"",
        "rule: self == oldSelf",
        "rule: \"self.?replicas.optMap(r, r * 2).orValue(0) >= 0 && sets.intersects(self.items.map(i, i.port), [80, 443])\"",
      ]),
    ).toEqual([]);
  });
});
