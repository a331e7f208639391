import { describe, expect, it } from 'vitest';
import rule from '../../../rules/invalid-finalizer.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

/** An object with `finalizers` (YAML flow items) at line 5, one item a line from line 6. */
const obj = (apiVersion: string, kind: string, finalizers: string[], extra = '') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n  finalizers:\n${finalizers.map((f) => `    - ${f}\n`).join('')}${extra}`;
const pod = (finalizers: string[]) => obj('v1', 'Pod', finalizers, 'spec:\n  containers:\n    - name: a\n      image: nginx\n');
const widget = (finalizers: string[]) => obj('example.com/v1', 'Widget', finalizers);

const PREFER = 'prefer a domain-qualified finalizer name to avoid accidental conflicts with other finalizer writers';
const PREFER_PATH = 'prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers';
const QUALIFIED_NAME_REGEX = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

ruleTester(rule, {
  valid: [
    { name: 'domain-qualified names and the standard ones', code: pod(['example.com/cleanup', 'kubernetes', 'orphan']) },
    { name: 'a repeated finalizer is accepted (ValidateFinalizers has no duplicate check)', code: pod(['example.com/cleanup', 'example.com/cleanup']) },
    { name: 'foregroundDeletion alone, on a Deployment', code: obj('apps/v1', 'Deployment', ['foregroundDeletion']) },
    { name: 'no finalizers, an empty list', code: pod([]).replace('  finalizers:\n', '  finalizers: []\n') },
    { name: 'a bare name on a custom resource before 1.29: no warning yet', code: widget(['cleanup']), kubernetesVersion: '1.28' },
    { name: 'a bare name on a built-in kind outside core validation (RBAC): only the generic checks', code: obj('rbac.authorization.k8s.io/v1', 'Role', ['cleanup']) },
    { name: 'a non-string item is a type problem, not this rule\'s', code: pod(['3']) },
  ],
  invalid: [
    {
      name: 'a bare name on a Pod: core validation\'s error, at the item, with its index',
      code: pod(['example.com/ok', 'cleanup']),
      errors: [{ messageId: 'notQualified', line: 7, column: 7, path: '/metadata/finalizers/1', message: 'metadata.finalizers[1]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified' }],
    },
    {
      name: 'not a qualified name: ValidateFinalizerName reports against the list; a name without / on a Job gets both errors',
      code: obj('batch/v1', 'Job', ['"bad name"', 'a/b/c']),
      errors: [
        { messageId: 'invalid', line: 6, column: 7, message: `metadata.finalizers: Invalid value: "bad name": ${QUALIFIED_NAME_REGEX}` },
        { messageId: 'notQualified', line: 6, column: 7, message: 'metadata.finalizers[0]: Invalid value: "bad name": name is neither a standard finalizer name nor is it fully qualified' },
        {
          messageId: 'invalid',
          line: 7,
          column: 7,
          message:
            "metadata.finalizers: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        },
      ],
    },
    {
      name: 'orphan and foregroundDeletion together (JSON value from 1.34), at the second of them',
      code: pod(['orphan', 'example.com/x', 'foregroundDeletion']),
      errors: [{ messageId: 'conflict', line: 8, column: 7, message: 'metadata.finalizers: Invalid value: ["orphan","example.com/x","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set' }],
    },
    {
      name: 'the same before 1.34: Go\'s %#v of a []string',
      code: pod(['foregroundDeletion', 'orphan']),
      kubernetesVersion: '1.33',
      errors: [{ messageId: 'conflict', line: 7, column: 7, message: 'metadata.finalizers: Invalid value: []string{"foregroundDeletion", "orphan"}: finalizer orphan and foregroundDeletion cannot be both set' }],
    },
    {
      name: 'a custom resource: a warning per distinct bare name (a dotted one is told to add a path from 1.32)',
      code: widget(['cleanup', 'example.com/ok', 'finalizers.example.com', 'cleanup', 'kubernetes']),
      errors: [
        { messageId: 'preferQualified', line: 6, column: 7, message: `metadata.finalizers: "cleanup": ${PREFER} (a warning: the API server accepts the object)` },
        { messageId: 'preferQualified', line: 8, column: 7, message: `metadata.finalizers: "finalizers.example.com": ${PREFER_PATH} (a warning: the API server accepts the object)` },
      ],
    },
    {
      name: 'a dotted bare name before 1.32: the first wording',
      code: widget(['finalizers.example.com']),
      kubernetesVersion: '1.31',
      errors: [{ messageId: 'preferQualified', line: 6, column: 7, message: `metadata.finalizers: "finalizers.example.com": ${PREFER} (a warning: the API server accepts the object)` }],
    },
    {
      name: 'a custom resource the API server rejects gets no warning, only the error',
      code: widget(['cleanup', '"bad name"']),
      errors: [{ messageId: 'invalid', line: 7, column: 7, message: `metadata.finalizers: Invalid value: "bad name": ${QUALIFIED_NAME_REGEX}` }],
    },
  ],
});

describe('invalid-finalizer severities', () => {
  it('errors on built-in kinds, a warning on a custom resource', () => {
    expect(runRule(rule, pod(['cleanup'])).map((f) => f.severity)).toEqual(['error']);
    expect(runRule(rule, widget(['cleanup'])).map((f) => f.severity)).toEqual(['warning']);
  });
});
