/**
 * Kubernetes' format and semver CEL libraries, and CEL's optional values and syntax (`.?`, `[?]`,
 * optional list elements and map entries, optional.*, or/orValue), in rules of a CRD and on their own.
 */
import { describe, expect, it } from 'vitest';
import { isCelList, isCelMap } from '@bufbuild/cel';
import { compileExpression, PER_CALL_LIMIT, UnsupportedExpression } from '../../src/crd/cel.js';
import { toCel } from '../../src/crd/validate.js';
import type { JSONSchemaProps } from '../../src/crd/schema.js';
import { lintText } from '../../src/lint.js';
import { crdText } from '../helpers/crd.js';
import { isOptional, optionalValue } from '../../src/crd/cel-library.js';

function evalRule(rule: string, value: unknown = null, schema: JSONSchemaProps = {}) {
  const r = compileExpression(rule).run(toCel(value, schema), PER_CALL_LIMIT);
  return r.ok ? r.value : `error: ${r.error}`;
}
const plain = (v: unknown): unknown => {
  if (isOptional(v)) {
    const h = optionalValue(v);
    return h ? { of: plain(h.value) } : 'none';
  }
  if (isCelMap(v) || v instanceof Map) return Object.fromEntries([...(v as Map<string, unknown>).entries()].map(([k, x]) => [k, plain(x)]));
  if (isCelList(v) || Array.isArray(v)) return [...(v as Iterable<unknown>)].map(plain);
  return v;
};

const SPEC: JSONSchemaProps = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    replicas: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' } },
    nested: { type: 'object', properties: { inner: { type: 'string' } } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

describe('format library (apiserver/pkg/cel/library/format.go)', () => {
  it('validate() is optional.none() for a valid string and the apimachinery messages otherwise', () => {
    expect(evalRule("format.dns1123Label().validate('my-name').hasValue()")).toBe(false);
    expect(plain(evalRule("format.dns1123Label().validate('My_Name')"))).toEqual({
      of: ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"],
    });
    expect(plain(evalRule("format.dns1035Label().validate('1abc').value()"))).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(evalRule("format.dns1123LabelPrefix().validate('my-prefix-').hasValue() || format.dns1123Label().validate('my-prefix-').hasValue()")).toBe(true);
    expect(evalRule("!format.dns1123LabelPrefix().validate('my-prefix-').hasValue() && format.dns1123Label().validate('my-prefix-').hasValue()")).toBe(true);
    expect(evalRule("format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue() || format.qualifiedName().validate('example.com/Name').hasValue() || format.labelValue().validate('').hasValue()")).toBe(false);
    expect(plain(evalRule("format.qualifiedName().validate('a/b/c').value()"))).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
    expect(plain(evalRule("format.uri().validate('not a uri').value()"))).toEqual(['parse "not a uri": invalid URI for request']);
    expect(plain(evalRule("format.uuid().validate('nope').value() + format.byte().validate('!!').value() + format.date().validate('2021-02-30').value() + format.datetime().validate('2021-01-01').value()"))).toEqual([
      'does not match the UUID format',
      'invalid base64',
      'invalid date',
      'invalid datetime',
    ]);
    expect(evalRule("!format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue() && !format.byte().validate('aGVsbG8=').hasValue() && !format.date().validate('2021-01-01').hasValue() && !format.datetime().validate('2021-01-01T00:00:00Z').hasValue()")).toBe(true);
  });

  it('format.named() is an optional format; an unknown name is optional.none()', () => {
    expect(evalRule("format.named('dns1123Label').hasValue() && !format.named('dns1123label').hasValue()")).toBe(true);
    expect(evalRule("format.named('labelValue').value().validate('ok').orValue(['x']) == ['x']")).toBe(true);
    expect(evalRule("format.named('labelValue').value() == format.labelValue()")).toBe(true);
  });
});

describe('semver library (apiserver/pkg/cel/library/semverlib.go, version 1: normalize)', () => {
  it('parses as blang/semver does, with its messages', () => {
    expect(evalRule("isSemver('1.2.3') && isSemver('1.0.0-alpha.1+build.5') && !isSemver('v1.2.3') && !isSemver('1.2') && !isSemver('01.2.3')")).toBe(true);
    expect(evalRule("semver('1.02.0')")).toBe('error: Minor number must not contain leading zeroes "02"');
    expect(evalRule("semver('1.2')")).toBe('error: No Major.Minor.Patch elements found');
    expect(evalRule("semver('1.2.x')")).toBe('error: Invalid character(s) found in patch number "x"');
    expect(evalRule("semver('1.2.3-01')")).toBe('error: Numeric PreRelease version must not contain leading zeroes "01"');
    expect(evalRule("semver('')")).toBe('error: Version string empty');
  });

  it('normalize drops a v prefix and leading zeros and fills in minor and patch', () => {
    expect(evalRule("isSemver('v1.0', true) && semver('v1.0', true) == semver('1.0.0') && semver('01.01.01', true).minor() == 1 && semver('2', true).patch() == 0")).toBe(true);
    expect(evalRule("semver('1.2-rc1', true)")).toBe('error: short version cannot contain PreRelease/Build meta data');
  });

  it('major/minor/patch and the comparisons (pre-releases before the release, build metadata ignored)', () => {
    expect(evalRule("semver('1.2.3').major() == 1 && semver('1.2.3').minor() == 2 && semver('1.2.3').patch() == 3")).toBe(true);
    expect(evalRule("semver('1.0.0-alpha').isLessThan(semver('1.0.0')) && semver('1.0.0-alpha.1').compareTo(semver('1.0.0-alpha.beta')) == -1 && semver('1.0.0-2').isLessThan(semver('1.0.0-10'))")).toBe(true);
    expect(evalRule("semver('2.0.0').isGreaterThan(semver('1.9.9')) && semver('1.0.0+a').compareTo(semver('1.0.0+b')) == 0")).toBe(true);
  });
});

describe('optional values and syntax (cel-go optional library, on by default in Kubernetes since 1.28)', () => {
  const v = { name: 'web', replicas: 3, tags: ['a', 'b'], nested: { inner: 'x' }, labels: { app: 'web' } };
  it('.? and [?] give optionals; a missing field, key or index is optional.none()', () => {
    expect(evalRule("self.?name.orValue('none') == 'web' && self.?nested.?inner.value() == 'x'", v, SPEC)).toBe(true);
    expect(evalRule("self.?nested.?inner.orValue('none')", { name: 'w' }, SPEC)).toBe('none');
    expect(evalRule("self.tags[?1].orValue('') == 'b' && !self.tags[?5].hasValue() && self.labels[?'app'].value() == 'web' && !self.labels[?'x'].hasValue()", v, SPEC)).toBe(true);
    expect(evalRule("self[?'replicas'].value() == 3", v, SPEC)).toBe(true);
  });

  it('after an optional, further selections and indexes are optional too (attributes.go)', () => {
    expect(evalRule("self.?nested.inner.orValue('none')", v, SPEC)).toBe('x');
    expect(evalRule("self.?nested.inner.orValue('none')", {}, SPEC)).toBe('none');
    expect(evalRule("self.?tags[0].orValue('none')", {}, SPEC)).toBe('none');
  });

  it('optional.of / none / ofNonZeroValue, hasValue, value, or, orValue', () => {
    expect(evalRule('optional.of(1).hasValue() && !optional.none().hasValue() && optional.of(2).value() == 2')).toBe(true);
    expect(evalRule("!optional.ofNonZeroValue('').hasValue() && !optional.ofNonZeroValue(0).hasValue() && !optional.ofNonZeroValue([]).hasValue() && optional.ofNonZeroValue('a').hasValue()")).toBe(true);
    expect(evalRule('optional.none().value()')).toBe('error: optional.none() dereference');
    expect(evalRule('optional.none().or(optional.of(3)).value() == 3 && optional.of(1).or(optional.of(3)).value() == 1')).toBe(true);
    expect(evalRule('optional.of(1) == optional.of(1) && optional.of(1) != optional.of(2) && optional.none() == optional.none()')).toBe(true);
  });

  it('or / orValue evaluate their argument only when the optional is empty', () => {
    expect(evalRule("self.?name.orValue(self.nested.inner)", { name: 'n' }, SPEC)).toBe('n');
    expect(evalRule("self.?name.orValue(self.nested.inner)", {}, SPEC)).toBe('error: no such key: nested');
    expect(evalRule("self.?name.or(optional.of(self.nested.inner)).value()", { name: 'n' }, SPEC)).toBe('n');
  });

  it('the optMap and optFlatMap macros', () => {
    expect(evalRule("self.?replicas.optMap(r, r * 2).orValue(0)", v, SPEC)).toBe(6n);
    expect(evalRule("self.?replicas.optMap(r, r * 2).orValue(0)", {}, SPEC)).toBe(0n);
    expect(evalRule("self.?nested.optFlatMap(n, n.?inner).orValue('none')", v, SPEC)).toBe('x');
    expect(evalRule("self.?nested.optFlatMap(n, n.?inner).orValue('none')", { nested: {} }, SPEC)).toBe('none');
  });

  it('optional list elements and map entries are left out when empty', () => {
    expect(plain(evalRule("[?self.?name, ?self.?missing, 'z']", { name: 'web' }, { type: 'object', properties: { name: { type: 'string' }, missing: { type: 'string' } } }))).toEqual(['web', 'z']);
    expect(plain(evalRule("{?'a': self.?name, ?'b': optional.none(), 'c': 'd'}", { name: 'web' }, SPEC))).toEqual({ a: 'web', c: 'd' });
    expect(plain(evalRule("[[1, ?optional.none()], [?optional.of(2)], 3]"))).toEqual([[1n], [2n], 3n]);
    expect(evalRule('[?1]')).toMatch(/^error: cannot initialize optional list element from non-optional value 1/);
  });

  it('a ? inside a string, a comment or the conditional operator is not an optional marker', () => {
    expect(evalRule("'a.?b[?c' == 'a.?b[?c' ? [1, 2][?0].value() == 1 : false")).toBe(true);
    expect(evalRule("true ?\n// a comment with .? and [?\n1 : 2")).toBe(1n);
  });

  it('a marker podlint cannot place makes the rule unsupported, not guessed', () => {
    expect(() => compileExpression('Msg{?f: 1}')).toThrow(UnsupportedExpression);
  });
});

const CRD = crdText({
  group: 'example.com',
  kind: 'Gadget',
  plural: 'gadgets',
  properties: `              host: {type: string}
              version: {type: string}
              minVersion: {type: string}
              extra: {type: object, additionalProperties: {type: string}}`,
  validations: `            - rule: "!format.dns1123Subdomain().validate(self.?host.orValue('')).hasValue()"
              messageExpression: "format.dns1123Subdomain().validate(self.?host.orValue('')).value()[0]"
            - rule: "isSemver(self.version, true) && semver(self.version, true).isGreaterThan(semver(self.?minVersion.orValue('0.0.0')))"
              message: version must be a semantic version above minVersion
            - rule: "self.?extra[?'owner'].orValue('') != 'nobody'"
              message: the owner must not be nobody`,
});

describe('in the rules of a CRD, reported at the field as the API server reports them', () => {
  it('format, semver and optional rules pass and fail', async () => {
    const cr = (spec: string) => `apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n${spec}`;
    const ok = await lintText(`${CRD}---\n${cr('  host: example.com\n  version: v1.2\n  minVersion: 1.0.0\n')}`, 'all.yaml');
    expect(ok.files[0]!.findings.filter((f) => f.ruleId === 'cel-rule' || f.ruleId === 'invalid-crd' || f.ruleId === 'cel-transition-rule')).toEqual([]);
    const lines = CRD.split('\n').length - 1;
    const bad = await lintText(`${CRD}---\n${cr('  host: Example_com\n  version: "1.0"\n  minVersion: 1.2.0\n  extra:\n    owner: nobody\n')}`, 'all.yaml');
    expect(bad.files[0]!.findings.filter((f) => f.ruleId === 'cel-rule').map((f) => ({ line: f.line - lines - 1, column: f.column, message: f.message }))).toEqual([
      {
        line: 5,
        column: 1,
        message: "spec: Invalid value: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      { line: 5, column: 1, message: 'spec: Invalid value: the owner must not be nobody' },
      { line: 5, column: 1, message: 'spec: Invalid value: version must be a semantic version above minVersion' },
    ]);
  });
});
