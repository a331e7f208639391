/**
 * Custom resources validated against their CRDs: structural-schema keywords, defaults, list types,
 * embedded resources, served/deprecated versions, CEL rules with the Kubernetes libraries and cost
 * limits, CRD self-checks, and where CRDs come from (the run, --crd, configuration). Exact messages,
 * lines and columns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, lintText } from '../../src/lint.js';
import { runCli } from '../helpers/cli.js';
import type { Finding } from '../../src/types.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const CRD = path.join(FIXTURES, 'widgets-crd.yaml');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const CRD_RULES = new Set(['crd-validation', 'cel-rule', 'cel-transition-rule', 'deprecated-crd-version', 'invalid-crd', 'unknown-field', 'invalid-type', 'required-field', 'unserved-api-version', 'unknown-kind']);

type Row = { ruleId: string | null; line: number; column: number; message: string };
const rows = (fs: Finding[]): Row[] => fs.filter((f) => CRD_RULES.has(f.ruleId ?? '')).map((f) => ({ ruleId: f.ruleId, line: f.line, column: f.column, message: f.message }));

async function lintCr(text: string, kubernetesVersion?: string): Promise<Row[]> {
  const r = await lintText(text, 'cr.yaml', { crds: [CRD], kubernetesVersion });
  return rows(r.files[0]!.findings);
}

const BLOCKED = '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('custom resources against their CRD (1.36)', () => {
  it('a valid Widget passes; its transition rule is reported once as not evaluated', async () => {
    expect(await lintCr(read('widgets-valid.yaml'))).toEqual([
      { ruleId: 'cel-transition-rule', line: 25, column: 3, message: 'spec.immutableId: the transition rule "self == oldSelf" compares the object with its previous version (oldSelf) and is checked only on update; it was not evaluated' },
    ]);
  });

  it('every schema keyword, list type, embedded resource and CEL rule, with the API server\'s messages at the field', async () => {
    expect(await lintCr(read('widgets-invalid.yaml'))).toEqual([
      { ruleId: 'cel-rule', line: 1, column: 1, message: BLOCKED },
      { ruleId: 'crd-validation', line: 6, column: 9, message: 'spec.mode: Unsupported value: "FooBar": supported values: "Exact", "PathPrefix", "RegularExpression"' },
      { ruleId: 'crd-validation', line: 7, column: 13, message: 'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10' },
      { ruleId: 'crd-validation', line: 8, column: 9, message: 'spec.port: Invalid value: 70000: spec.port in body should be less than or equal to 65535' },
      { ruleId: 'crd-validation', line: 9, column: 10, message: 'spec.ratio: Invalid value: 0.3: spec.ratio in body should be a multiple of 0.25' },
      { ruleId: 'crd-validation', line: 10, column: 9, message: "spec.name: Invalid value: \"Abcdefghij\": spec.name in body should match '^[a-z]+$'" },
      { ruleId: 'crd-validation', line: 10, column: 9, message: 'spec.name: Too long: may not be more than 8 bytes' },
      { ruleId: 'invalid-type', line: 11, column: 12, message: 'spec.created: Invalid value: "yesterday": spec.created in body must be of type date-time: "yesterday"' },
      { ruleId: 'crd-validation', line: 12, column: 9, message: 'spec.tags: Too many: 4: must have at most 3 items' },
      { ruleId: 'crd-validation', line: 12, column: 16, message: 'spec.tags[2]: Duplicate value: "a"' },
      { ruleId: 'crd-validation', line: 13, column: 11, message: 'spec.labels: Too many: 3: must have at most 2 items' },
      { ruleId: 'unknown-field', line: 14, column: 3, message: 'unknown field "spec.colour"' },
      { ruleId: 'crd-validation', line: 19, column: 5, message: 'spec.backends[1]: Duplicate value: {"name":"one"}' },
      { ruleId: 'required-field', line: 20, column: 3, message: 'spec.template.apiVersion: Required value: must not be empty' },
      { ruleId: 'required-field', line: 20, column: 3, message: 'spec.template.kind: Required value: must not be empty' },
      { ruleId: 'cel-rule', line: 23, column: 1, message: BLOCKED },
      { ruleId: 'invalid-type', line: 29, column: 9, message: 'spec.port: Invalid value: "string": spec.port in body must be of type integer: "string"' },
      { ruleId: 'crd-validation', line: 30, column: 9, message: 'spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items' },
      { ruleId: 'crd-validation', line: 31, column: 11, message: 'spec.labels: Invalid value: 0: spec.labels in body should have at least 1 properties' },
      { ruleId: 'cel-rule', line: 37, column: 1, message: 'spec.name: Required value: a regular expression needs a name' },
      { ruleId: 'cel-rule', line: 37, column: 1, message: 'spec: Invalid value: size must be less than 1Gi' },
      { ruleId: 'cel-rule', line: 41, column: 5, message: 'spec.backends[0]: Invalid value: value must be an absolute path' },
      { ruleId: 'cel-rule', line: 42, column: 5, message: 'spec.backends[0].weight: Invalid value: weight 150 is over 100' },
      { ruleId: 'cel-rule', line: 45, column: 1, message: BLOCKED },
      { ruleId: 'required-field', line: 49, column: 1, message: 'spec.mode: Required value' },
      { ruleId: 'crd-validation', line: 50, column: 13, message: 'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1' },
      { ruleId: 'deprecated-crd-version', line: 52, column: 13, message: 'example.com/v1beta1 Widget is deprecated; use example.com/v1 Widget' },
      { ruleId: 'unserved-api-version', line: 59, column: 13, message: 'no matches for kind "Widget" in version "example.com/v1alpha1": its CustomResourceDefinition serves example.com/v1beta1, example.com/v1' },
    ]);
  });

  it('metadata is ObjectMeta: a field it does not have is an unknown field, named by its path', async () => {
    const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  lables: {a: b}\n  ownerReferences:\n  - {apiVersion: v1, kind: X, name: n, uid: u, foo: 1}\nspec:\n  mode: Exact\n';
    expect(await lintCr(cr)).toEqual([
      { ruleId: 'unknown-field', line: 5, column: 3, message: 'unknown field "metadata.lables" — did you mean "labels"?' },
      { ruleId: 'unknown-field', line: 7, column: 48, message: 'unknown field "metadata.ownerReferences[0].foo"' },
    ]);
  });

  it('anyOf, oneOf and not: kube-openapi\'s composite errors, reported at the root as the API server does', async () => {
    const r = await lintText(read('composite.yaml'), 'composite.yaml');
    expect(rows(r.files[0]!.findings)).toEqual([
      { ruleId: 'crd-validation', line: 32, column: 11, message: '<nil>: Invalid value: "": "spec.a" must validate at least one schema (anyOf)' },
      // the errors of the branch that matched most (the first on a tie) follow, as kube-openapi merges them
      { ruleId: 'crd-validation', line: 32, column: 11, message: "spec.a: Invalid value: \"q\": spec.a in body should match '^x'" },
      { ruleId: 'crd-validation', line: 32, column: 17, message: '<nil>: Invalid value: "": "spec.b" must validate one and only one schema (oneOf). Found 2 valid alternatives' },
      { ruleId: 'crd-validation', line: 32, column: 24, message: '<nil>: Invalid value: "": "spec.c" must not validate the schema (not)' },
    ]);
  });

  it('exclusive bounds, nullable, int-or-string and defaults', async () => {
    const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  mode: Exact\n  ratio: 1\n  size: true\n  note: null\n';
    expect(await lintCr(cr)).toEqual([
      { ruleId: 'cel-rule', line: 1, column: 1, message: BLOCKED },
      { ruleId: 'crd-validation', line: 7, column: 10, message: 'spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1' },
      { ruleId: 'invalid-type', line: 8, column: 9, message: 'spec.size: Invalid value: "boolean": spec.size in body must be of type integer,string: "boolean"' },
    ]);
    expect(await lintCr(cr.replace('  ratio: 1\n', '  ratio: 0\n').replace('  size: true\n', ''))).toEqual([
      { ruleId: 'crd-validation', line: 7, column: 10, message: 'spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0' },
    ]);
  });
});

describe('status and transition rules', () => {
  it('with the status subresource, status is reset on create and not validated; without it, it is', async () => {
    const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  mode: Exact\nstatus: 3\n';
    expect(await lintCr(cr)).toEqual([
      { ruleId: 'cel-rule', line: 1, column: 1, message: BLOCKED },
      { ruleId: 'invalid-type', line: 7, column: 9, message: 'status: Invalid value: "integer": status in body must be of type object: "integer"' },
    ]);
    const crd = read('widgets-crd.yaml').replace('  - name: v1\n    served: true\n    storage: true\n', '  - name: v1\n    served: true\n    storage: true\n    subresources:\n      status: {}\n');
    const r = await lintText(`${crd}---\n${cr}`, 'all.yaml');
    expect(rows(r.files[0]!.findings)).toEqual([]);
  });

  it('a rule with CEL optional types is evaluated, and does not make the CRD invalid', async () => {
    const crd = read('widgets-crd.yaml').replace("                - rule: self == oldSelf\n", "                - rule: \"[?optional.ofNonZeroValue(self)].size() == 1 && self.size() > 1\"\n");
    const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  mode: Exact\n  immutableId: a\n';
    const r = await lintText(`${crd}---\n${cr}`, 'all.yaml');
    const lines = crd.split('\n').length - 1;
    expect(rows(r.files[0]!.findings)).toEqual([
      { ruleId: 'cel-rule', line: lines + 8, column: 3, message: 'spec.immutableId: Invalid value: "a": immutableId is immutable' },
    ]);
  });

  it('a transition rule on list items is reported once, not per item', async () => {
    const crd = read('widgets-crd.yaml').replace('                    path:\n                      type: string\n', '                    path:\n                      type: string\n                      x-kubernetes-validations:\n                      - rule: self.size() >= oldSelf.size()\n');
    const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  mode: Exact\n  backends:\n  - {name: a, path: /a}\n  - {name: b, path: /b}\n';
    const r = await lintText(`${crd}---\n${cr}---\n${cr}`, 'all.yaml');
    const lines = crd.split('\n').length - 1;
    expect(rows(r.files[0]!.findings)).toEqual([
      { ruleId: 'cel-transition-rule', line: lines + 9, column: 15, message: 'spec.backends[0].path: the transition rule "self.size() >= oldSelf.size()" compares the object with its previous version (oldSelf) and is checked only on update; it was not evaluated' },
    ]);
  });
});

describe('custom resource names', () => {
  it('a name or generateName that is not a DNS subdomain is refused, whatever the kind (customResourceValidator)', async () => {
    const crd = path.join(FIXTURES, 'sensors-crd.yaml');
    const r = await lintText(read('sensors-names.yaml'), 'cr.yaml', { crds: [crd] });
    const subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    expect(rows(r.files[0]!.findings)).toEqual([
      { ruleId: 'crd-validation', line: 4, column: 9, message: `metadata.name: Invalid value: "Porch_Light": ${subdomain}` },
      { ruleId: 'crd-validation', line: 11, column: 17, message: `metadata.generateName: Invalid value: "Attic_": ${subdomain}` },
    ]);
  });
});

describe('messages as the chosen Kubernetes version prints them', () => {
  it('a maxLength violation says "may not be longer than N" through 1.31 and "may not be more than N bytes" from 1.32', async () => {
    const crd = path.join(FIXTURES, 'sensors-crd.yaml');
    const at = async (v: string) => rows((await lintText(read('sensors-too-long.yaml'), 'cr.yaml', { crds: [crd], kubernetesVersion: v })).files[0]!.findings);
    expect(await at('1.31')).toEqual([
      { ruleId: 'crd-validation', line: 6, column: 9, message: 'spec.room: Too long: may not be longer than 5' },
      { ruleId: 'crd-validation', line: 8, column: 11, message: 'spec.tags.zone: Too long: may not be longer than 3' },
    ]);
    expect(await at('1.32')).toEqual([
      { ruleId: 'crd-validation', line: 6, column: 9, message: 'spec.room: Too long: may not be more than 5 bytes' },
      { ruleId: 'crd-validation', line: 8, column: 11, message: 'spec.tags.zone: Too long: may not be more than 3 bytes' },
    ]);
  });

  it('before 1.35 a failed rule shows the schema type; before 1.34 composite values in Go syntax; before 1.32 the old Too long', async () => {
    const out = await lintCr(read('widgets-invalid.yaml'), '1.29');
    expect(out).toContainEqual({ ruleId: 'crd-validation', line: 10, column: 9, message: 'spec.name: Too long: may not be longer than 8' });
    expect(out).toContainEqual({ ruleId: 'crd-validation', line: 19, column: 5, message: 'spec.backends[1]: Duplicate value: map[string]interface {}{"name":"one"}' });
    expect(out).toContainEqual({ ruleId: 'cel-rule', line: 37, column: 1, message: 'spec: Invalid value: "object": size must be less than 1Gi' });
    const v134 = await lintCr(read('widgets-invalid.yaml'), '1.34');
    expect(v134).toContainEqual({ ruleId: 'cel-rule', line: 41, column: 5, message: 'spec.backends[0]: Invalid value: "object": value must be an absolute path' });
    expect(v134).toContainEqual({ ruleId: 'crd-validation', line: 19, column: 5, message: 'spec.backends[1]: Duplicate value: {"name":"one"}' });
  });

  it('from 1.35 a failed rule on a scalar shows the value', async () => {
    const crd = read('widgets-crd.yaml').replace("                - rule: self == oldSelf\n                  message: immutableId is immutable", "                - rule: self.size() > 3\n                  message: immutableId is too short");
    const text = `${crd}---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  mode: Exact\n  immutableId: ab\n`;
    const lines = crd.split('\n').length - 1;
    const run = async (v: string) => rows((await lintText(text, 'all.yaml', { kubernetesVersion: v })).files[0]!.findings).filter((f) => f.ruleId === 'cel-rule');
    expect(await run('1.35')).toEqual([{ ruleId: 'cel-rule', line: lines + 8, column: 3, message: 'spec.immutableId: Invalid value: "ab": immutableId is too short' }]);
    expect(await run('1.34')).toEqual([{ ruleId: 'cel-rule', line: lines + 8, column: 3, message: 'spec.immutableId: Invalid value: "string": immutableId is too short' }]);
  });
});

describe('where CRDs come from', () => {
  const CR = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  mode: Nope\n';
  const ENUM = 'spec.mode: Unsupported value: "Nope": supported values: "Exact", "PathPrefix", "RegularExpression"';
  // an unsupported value blocks the CEL rules, as strategy.go hasBlockingErr does
  const FOUND = [{ ruleId: 'cel-rule', line: 1, column: 1, message: BLOCKED }, { ruleId: 'crd-validation', line: 6, column: 9, message: ENUM }];

  it('a CRD later in the same run (after its resources) is used; without one the kind is skipped as before', async () => {
    const alone = await lintText(CR, 'cr.yaml');
    expect(rows(alone.files[0]!.findings)).toEqual([{ ruleId: 'unknown-kind', line: 2, column: 7, message: 'Widget (example.com/v1) has no bundled schema (a custom resource?); its fields were not validated' }]);
    const r = await lintText(`${CR}---\n${read('widgets-crd.yaml')}`, 'all.yaml');
    expect(rows(r.files[0]!.findings)).toEqual(FOUND);
    expect(r.skippedKinds).toEqual([]);
  });

  it('--crd with a file or a directory; the CRD files are not linted themselves', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-crd-'));
    try {
      fs.mkdirSync(path.join(dir, 'crds'));
      fs.copyFileSync(CRD, path.join(dir, 'crds', 'widgets.yaml'));
      fs.writeFileSync(path.join(dir, 'cr.yaml'), CR);
      const byDir = await runCli(['--no-config', '--format', 'compact', '--crd', 'crds', 'cr.yaml'], { cwd: dir });
      expect(byDir.code).toBe(1);
      expect(byDir.stdout).toContain(`cr.yaml: line 6, col 9, Error - ${ENUM} (crd-validation)`);
      expect(byDir.stdout).not.toContain('widgets.yaml');
      const byFile = await lint(['cr.yaml'], { cwd: dir, config: false, crds: ['crds/widgets.yaml'] });
      expect(rows(byFile.files[0]!.findings)).toEqual(FOUND);
      const missing = await runCli(['--no-config', '--crd', 'nope', 'cr.yaml'], { cwd: dir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--crd');
      // configuration: crds relative to the configuration file
      fs.writeFileSync(path.join(dir, '.podlint.yaml'), 'crds: [crds]\n');
      const byConfig = await lint(['cr.yaml'], { cwd: dir });
      expect(rows(byConfig.files[0]!.findings)).toEqual(FOUND);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CEL cost limits', () => {
  it('a hostile rule stops at the per-call limit with the API server\'s message and no further rules run', async () => {
    const crd = read('widgets-crd.yaml').replace(
      '            - rule: "self.mode != \'RegularExpression\' || has(self.name)"',
      '            - rule: "self.tags.all(a, self.tags.all(b, self.tags.all(c, self.tags.all(d, a == a))))"\n            - rule: "self.mode != \'RegularExpression\' || has(self.name)"',
    ).replace('                maxItems: 3\n', '');
    const tags = Array.from({ length: 60 }, (_, i) => `t${i}`).join(', ');
    const text = `${crd}---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  mode: RegularExpression\n  tags: [${tags}]\n`;
    const lines = crd.split('\n').length - 1;
    const r = await lintText(text, 'all.yaml');
    expect(rows(r.files[0]!.findings).filter((f) => f.ruleId === 'cel-rule')).toEqual([
      { ruleId: 'cel-rule', line: lines + 6, column: 1, message: "spec: Invalid value: \"object\": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.tags.all(a, self.tags.all(b, self.tags.all(c, self.tags.all(d, a == a))))" },
    ]);
  });
});

describe('invalid-crd: what makes the API server refuse the CRD, at the offending line', () => {
  it('storage versions, missing schema, non-structural fields, bad pattern, rules that do not compile (syntax, undeclared references, undefined fields), unknown reason', async () => {
    const r = await lintText(read('broken-crd.yaml'), 'crd.yaml');
    expect(rows(r.files[0]!.findings)).toEqual([
      { ruleId: 'invalid-crd', line: 11, column: 3, message: 'spec.versions: Invalid value: …: must have exactly one version marked as storage version' },
      { ruleId: 'invalid-crd', line: 22, column: 15, message: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields' },
      { ruleId: 'invalid-crd', line: 24, column: 15, message: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[items].items: Required value: must be specified' },
      { ruleId: 'invalid-crd', line: 28, column: 26, message: "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[code].pattern: Invalid value: \"(unclosed\": must be a valid regular expression, but isn't: error parsing regexp: missing closing ): `(unclosed`" },
      { ruleId: 'invalid-crd', line: 30, column: 21, message: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: "self.size >": compilation failed: ERROR: <input>:1:11: Syntax error: found > but expecting end of input' },
      { ruleId: 'invalid-crd', line: 33, column: 34, message: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].messageExpression: Invalid value: "\'code \' +": messageExpression compilation failed: ERROR: <input>:1:9: Syntax error: found + but expecting end of input' },
      { ruleId: 'invalid-crd', line: 34, column: 23, message: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].reason: Unsupported value: "FieldValueWrong": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"' },
      { ruleId: 'invalid-crd', line: 35, column: 5, message: 'spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required' },
      { ruleId: 'invalid-crd', line: 54, column: 21, message: 'spec.versions[2].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: "self.replicas > 0 && has(self.replica) && self.labels.anything == \'x\'": compilation failed: ERROR: <input>:1:25: undefined field \'replica\'' },
      { ruleId: 'invalid-crd', line: 55, column: 21, message: 'spec.versions[2].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].rule: Invalid value: "unknownFn(self)": compilation failed: ERROR: <input>:1:10: undeclared reference to \'unknownFn\' (in container \'\')' },
      { ruleId: 'invalid-crd', line: 57, column: 1, message: 'spec.versions[2].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[2].rule: Invalid value: "self.replicas > 0 &&\\n  self.replicaz < 3": compilation failed: ERROR: <input>:2:7: undefined field \'replicaz\'' },
    ]);
  });

  it('the fixture CRD itself is valid', async () => {
    const r = await lintText(read('widgets-crd.yaml'), 'crd.yaml');
    expect(rows(r.files[0]!.findings)).toEqual([]);
  });
});

describe('podlint explain for custom resources (--crd)', () => {
  it('plural, short name and kind, field paths and enums in kubectl\'s layout; other versions with --api-version', async () => {
    const field = await runCli(['explain', 'wd.spec.mode', '--crd', CRD]);
    expect(field.code).toBe(0);
    expect(field.stdout).toBe('GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\nFIELD: mode <string>\nENUM:\n    Exact\n    PathPrefix\n    RegularExpression\n\nDESCRIPTION:\n    Mode selects the matching.\n    \n\n');
    const spec = await runCli(['explain', 'widgets.spec', '--crd', CRD]);
    expect(spec.stdout).toContain('  mode\t<string> -required-\n  enum: Exact, PathPrefix, RegularExpression\n    Mode selects the matching.\n');
    expect(spec.stdout).toContain('  backends\t<[]Object>\n');
    const root = await runCli(['explain', 'Widget', '--crd', CRD]);
    expect(root.stdout).toContain('DESCRIPTION:\n    A Widget routes requests.\n');
    expect(root.stdout).toContain('  metadata\t<ObjectMeta>\n');
    const old = await runCli(['explain', 'widgets', '--crd', CRD, '--api-version', 'example.com/v1beta1']);
    expect(old.stdout.startsWith('GROUP:      example.com\nKIND:       Widget\nVERSION:    v1beta1\n')).toBe(true);
    const unknown = await runCli(['explain', 'widgets.spec.nope', '--crd', CRD]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('field "nope" does not exist in widgets.spec');
    const without = await runCli(['explain', 'widgets.spec']);
    expect(without.code).toBe(2);
  });
});

describe('CRDs a kustomize build reads from outside the paths linted', () => {
  it('podlint overlays/prod, whose kustomization pulls ../../crds (a kustomize directory: a file outside the root is refused as kustomize does): the CRD is registered and the custom resources of the build validated', async () => {
    const dir = path.join(FIXTURES, 'kustomize-crd');
    const r = await lint(['overlays/prod'], { cwd: dir, config: false });
    const found = r.files.flatMap((f) => rows(f.findings).map((x) => ({ file: path.relative(dir, f.filePath), ...x })));
    expect(found).toEqual([
      { file: 'base/gadget.yaml', ruleId: 'cel-rule', line: 5, column: 1, message: 'spec: Invalid value: size must be even' },
      { file: 'overlays/prod/big.yaml', ruleId: 'crd-validation', line: 6, column: 9, message: 'spec.size: Invalid value: 12: spec.size in body should be less than or equal to 10' },
    ]);
    expect(r.skippedKinds).toEqual([]);
  });
});

describe('junctors and the errors that keep the rules from running', () => {
  it('oneOf, anyOf and allOf report their message and the errors of the branch kube-openapi keeps; blocking errors (type, enum, required, too long, too many) stop the rules', async () => {
    const r = await lintText(read('junctors.yaml'), 'junctors.yaml');
    expect(rows(r.files[0]!.findings)).toEqual([
      // a: valid branches, so only the rule fails
      { ruleId: 'cel-rule', line: 46, column: 1, message: 'spec: Invalid value: gold is sold out' },
      // b: no oneOf branch is valid; the first (more of it matched) shows why, with anyOf's best failure; the format error blocks the rule
      { ruleId: 'cel-rule', line: 53, column: 1, message: BLOCKED },
      { ruleId: 'crd-validation', line: 57, column: 9, message: '<nil>: Invalid value: "": "spec.tier" must validate all the schemas (allOf). None validated' },
      { ruleId: 'crd-validation', line: 57, column: 9, message: 'spec.tier: Invalid value: "X": spec.tier in body should be at least 2 chars long' },
      { ruleId: 'crd-validation', line: 57, column: 9, message: "spec.tier: Invalid value: \"X\": spec.tier in body should match '^[a-z]+$'" },
      { ruleId: 'crd-validation', line: 59, column: 5, message: '<nil>: Invalid value: "": "spec.endpoints[0]" must validate one and only one schema (oneOf). Found none valid' },
      { ruleId: 'crd-validation', line: 59, column: 24, message: '<nil>: Invalid value: "": "spec.endpoints[0].target" must validate at least one schema (anyOf)' },
      { ruleId: 'invalid-type', line: 59, column: 24, message: 'spec.endpoints[0].target: Invalid value: "10.0.0.1:80": spec.endpoints[0].target in body must be of type ipv4: "10.0.0.1:80"' },
      // c: too long and too many block the rule
      { ruleId: 'cel-rule', line: 61, column: 1, message: BLOCKED },
      { ruleId: 'crd-validation', line: 65, column: 9, message: 'spec.tier: Too long: may not be more than 6 bytes' },
      { ruleId: 'crd-validation', line: 66, column: 14, message: 'spec.endpoints: Too many: 4: must have at most 3 items' },
    ]);
  });
});
