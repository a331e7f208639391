/** The CEL environment of CRD rules: standard macros, the Kubernetes libraries, values typed by the schema, cost limits. */
import { describe, expect, it } from 'vitest';
import { compileExpression, CompileError, PER_CALL_LIMIT } from '../../src/crd/cel.js';
import { escapePropertyName, toCel } from '../../src/crd/validate.js';
import type { JSONSchemaProps } from '../../src/crd/schema.js';

function evalRule(rule: string, value: unknown, schema: JSONSchemaProps = {}) {
  const r = compileExpression(rule).run(toCel(value, schema), PER_CALL_LIMIT);
  return r.ok ? r.value : `error: ${r.error}`;
}

describe('CEL for CRD rules', () => {
  it('the standard macros and has() on optional fields', () => {
    const s: JSONSchemaProps = { type: 'object', properties: { a: { type: 'string' }, l: { type: 'array', items: { type: 'integer' } } } };
    expect(evalRule('has(self.a) && self.a == "x"', { a: 'x' }, s)).toBe(true);
    expect(evalRule('!has(self.a)', {}, s)).toBe(true);
    expect(evalRule('self.l.all(x, x > 0) && self.l.exists(x, x == 2) && self.l.exists_one(x, x == 3)', { l: [1, 2, 3] }, s)).toBe(true);
    expect(evalRule('self.l.map(x, x * 2).filter(x, x > 2).size() == 2', { l: [1, 2, 3] }, s)).toBe(true);
    expect(evalRule('self.a == "x"', {}, s)).toBe('error: no such key: a');
  });

  it('values are typed by the schema: integer fields are int, number fields double, int-or-string either', () => {
    expect(evalRule('self == 3', 3, { type: 'integer' })).toBe(true);
    expect(evalRule('type(self) == int', 3, { type: 'integer' })).toBe(true);
    expect(evalRule('type(self) == double', 3, { type: 'number' })).toBe(true);
    expect(evalRule('type(self) == string', '50%', { 'x-kubernetes-int-or-string': true })).toBe(true);
    expect(evalRule('type(self) == int', 5, { 'x-kubernetes-int-or-string': true })).toBe(true);
  });

  it('property names are escaped as the API server escapes them; undeclared fields are not visible', () => {
    expect(escapePropertyName('foo-bar')).toBe('foo__dash__bar');
    expect(escapePropertyName('a.b/c')).toBe('a__dot__b__slash__c');
    expect(escapePropertyName('x__y')).toBe('x__underscores__y');
    expect(escapePropertyName('namespace')).toBe('__namespace__');
    expect(escapePropertyName('1a')).toBeUndefined();
    const s: JSONSchemaProps = { type: 'object', properties: { 'foo-bar': { type: 'string' }, namespace: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true };
    expect(evalRule('self.foo__dash__bar == "x" && self.__namespace__ == "n" && !has(self.other)', { 'foo-bar': 'x', namespace: 'n', other: 1 }, s)).toBe(true);
  });

  it('the Kubernetes libraries: lists, strings, regex, URLs, quantities, IPs and CIDRs', () => {
    expect(evalRule('[1, 2, 3].isSorted() && [3, 1].sum() == 4 && [2, 5].max() == 5 && [2, 5].min() == 2 && [1, 2, 1].lastIndexOf(1) == 2', null)).toBe(true);
    expect(evalRule("'Hello'.lowerAscii() == 'hello' && 'a,b'.split(',').size() == 2 && 'abc'.substring(1) == 'bc' && 'x'.upperAscii() == 'X'", null)).toBe(true);
    expect(evalRule("'abc123'.matches('^[a-z]+[0-9]+$') && 'ABC'.matches('(?i)^abc$') && 'a1b22'.findAll('[0-9]+') == ['1', '22'] && 'xy12'.find('[0-9]+') == '12'", null)).toBe(true);
    expect(evalRule("isURL('https://example.com:8443/p?q=1') && url('https://example.com:8443/p').getHostname() == 'example.com' && url('https://example.com:8443/p').getPort() == '8443' && url('https://example.com/p?q=1').getQuery()['q'] == ['1'] && !isURL('not a url')", null)).toBe(true);
    expect(evalRule("quantity('1Gi').isGreaterThan(quantity('1G')) && quantity('500m').asApproximateFloat() == 0.5 && quantity('2').asInteger() == 2 && isQuantity('1.5Gi') && !isQuantity('1.5GiB') && quantity('1').add(quantity('500m')).compareTo(quantity('1500m')) == 0", null)).toBe(true);
    expect(evalRule("isIP('10.0.0.1') && !isIP('10.0.0.01') && ip('::1').family() == 6 && ip('127.0.0.1').isLoopback() && ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')", null)).toBe(true);
    expect(evalRule("cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('11.0.0.1')) && cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && cidr('10.1.2.3/8').masked() == cidr('10.0.0.0/8') && cidr('10.0.0.0/8').prefixLength() == 8 && isCIDR('::/0')", null)).toBe(true);
    expect(evalRule("duration('1m30s').getSeconds() == 90", null)).toBe(true);
    expect(evalRule("quantity('abc') == quantity('1')", null)).toMatch(/^error: quantities must match the regular expression/);
  });

  it('strings with a format are what the API server makes of them: date-time and date timestamps, duration a duration, byte bytes', () => {
    const s: JSONSchemaProps = {
      type: 'object',
      properties: { created: { type: 'string', format: 'date-time' }, day: { type: 'string', format: 'date' }, timeout: { type: 'string', format: 'duration' }, data: { type: 'string', format: 'byte' } },
    };
    const v = { created: '2024-05-01T10:00:00.5+02:00', day: '2024-05-01', timeout: '1h30m', data: 'aGVsbG8=' };
    expect(evalRule("self.created < timestamp('2030-01-01T00:00:00Z') && self.created == timestamp('2024-05-01T08:00:00.5Z') && self.created.getFullYear() == 2024", v, s)).toBe(true);
    expect(evalRule("self.day == timestamp('2024-05-01T00:00:00Z') && self.timeout == duration('90m') && self.timeout <= duration('2h') && self.data == b'hello'", v, s)).toBe(true);
    expect(evalRule('self.timeout', { timeout: '2d' }, s)).toEqual(evalRule("duration('48h')", null));
  });

  it('the sets extension (cel-go ext/sets.go): contains, equivalent, intersects with CEL equality', () => {
    expect(evalRule('sets.contains([1, 2, 3, 4], [2, 3]) && sets.contains([], []) && !sets.contains([], [1]) && sets.contains([1, 2.0, 3u], [1.0, 2u, 3])', null)).toBe(true);
    expect(evalRule('sets.equivalent([1], [1, 1]) && sets.equivalent([1, 2, 3], [3u, 2.0, 1]) && !sets.equivalent([1], [2])', null)).toBe(true);
    expect(evalRule('!sets.intersects([1], []) && sets.intersects([1], [1, 2]) && sets.intersects([[1], [2, 3]], [[1, 2], [2, 3.0]])', null)).toBe(true);
  });

  it('transition rules are recognised by their use of oldSelf (not a comprehension variable of that name)', () => {
    expect(compileExpression('self == oldSelf').usesOldSelf).toBe(true);
    expect(compileExpression('self.all(x, x > 0)').usesOldSelf).toBe(false);
    expect(compileExpression('self.all(oldSelf, oldSelf > 0)').usesOldSelf).toBe(false);
  });

  it('a rule that does not parse is a compile error', () => {
    expect(() => compileExpression('self.a ==')).toThrow(CompileError);
  });

  it('cost: a nested loop is stopped at the limit; a cheap rule costs little', () => {
    const list = Array.from({ length: 200 }, (_, i) => i);
    const s: JSONSchemaProps = { type: 'array', items: { type: 'integer' } };
    const r = compileExpression('self.all(a, self.all(b, self.all(c, a + b + c >= 0)))').run(toCel(list, s), PER_CALL_LIMIT);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.costExceeded).toBe(true);
    expect(r.cost).toBeGreaterThan(PER_CALL_LIMIT);
    expect(r.cost).toBeLessThan(PER_CALL_LIMIT + 100);
    const cheap = compileExpression('self.size() > 1').run(toCel(list, s), PER_CALL_LIMIT);
    expect(cheap).toMatchObject({ ok: true, value: true });
    expect(cheap.cost).toBeLessThan(10);
  });
});
