/**
 * A fixed LintResult that exercises every reporter: errors, warnings and info; fixable findings; a fatal
 * parse error without a rule id and one with; a file without findings; standard input; an object inside
 * a `kind: List`; a namespaced object; an unnamed object; a rule id without meta; and text that needs
 * escaping in every format (unicode, wide characters, quotes, <&>, %, commas, colons, newlines, ESC).
 */
import type { RuleMeta } from '../../src/engine/rule.js';
import type { LintResult } from '../../src/types.js';

export const CWD = '/work/project';

export const FIXTURE: LintResult = {
  kubernetesVersion: '1.36',
  skippedKinds: ['example.com/v1 Widget', 'stable.example.com/v1 CronTab'],
  files: [
    {
      filePath: '/work/project/manifests/web.yaml',
      objectCount: 3,
      findings: [
        {
          ruleId: 'unknown-field',
          severity: 'error',
          message: 'unknown field "metadate" — did you mean "metadata"?',
          messageId: 'unknown',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 9,
          path: '/metadate',
          object: { apiVersion: 'v1', kind: 'Pod', name: 'web', documentIndex: 0 },
        },
        {
          ruleId: 'image-tag-latest',
          severity: 'warning',
          message: 'image "nginx:latest" uses the latest tag.',
          messageId: 'latest',
          line: 12,
          column: 14,
          endLine: 12,
          endColumn: 26,
          path: '/spec/containers/0/image',
          object: { apiVersion: 'v1', kind: 'Pod', name: 'web', documentIndex: 0 },
        },
        {
          ruleId: 'rc-selector-mismatch',
          severity: 'error',
          message: 'selector {app: web} does not match the template labels {app: wéb-日本}',
          messageId: 'mismatch',
          line: 27,
          column: 5,
          endLine: 28,
          endColumn: 1,
          path: '/spec/selector',
          object: { apiVersion: 'v1', kind: 'ReplicationController', name: 'wéb-日本', namespace: 'prod', documentIndex: 1 },
          fix: { path: '/spec/selector', op: 'set', value: { app: 'wéb-日本' } },
        },
        {
          ruleId: 'restart-policy-default',
          severity: 'info',
          message: 'restartPolicy is not set: Kubernetes uses "Always"',
          messageId: 'implicit',
          line: 104,
          column: 9,
          endLine: 104,
          endColumn: 13,
          path: '/spec/template/spec',
          object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api', documentIndex: 2, listIndex: 1 },
          fix: { path: '/spec/template/spec/restartPolicy', op: 'set', value: 'Always' },
        },
        {
          ruleId: 'mystery-check',
          severity: 'warning',
          message: 'a check that has no rule meta',
          line: 110,
          column: 3,
          endLine: 110,
          endColumn: 7,
          path: '/spec',
          object: { kind: 'Pod', documentIndex: 3 },
        },
      ],
    },
    {
      filePath: '/work/project/broken.yaml',
      objectCount: 0,
      findings: [
        {
          ruleId: null,
          severity: 'error',
          message: 'Nested mappings are not allowed in compact mappings at line 2, column 7',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 8,
          path: '',
          fatal: true,
        },
        {
          ruleId: 'yaml-syntax',
          severity: 'error',
          message: 'tab characters must not be used in indentation.',
          messageId: 'syntax',
          line: 9,
          column: 1,
          endLine: 9,
          endColumn: 2,
          path: '',
          fatal: true,
          object: { documentIndex: 1 },
        },
      ],
    },
    {
      filePath: '/work/project/clean.yaml',
      objectCount: 2,
      findings: [],
    },
    {
      filePath: '/work/project/déploiement/ñ app,1.yaml',
      objectCount: 1,
      findings: [
        {
          ruleId: 'image-tag-latest',
          severity: 'warning',
          message: 'image "registry.local:5000/app" has no tag: 100% "latest", <&> \'quoted\'',
          messageId: 'untagged',
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 40,
          path: '/spec/containers/0/image',
          object: { apiVersion: 'v1', kind: 'Pod', name: 'app', namespace: 'default', documentIndex: 0 },
        },
      ],
    },
    {
      filePath: '<stdin>',
      objectCount: 1,
      findings: [
        {
          ruleId: 'unknown-field',
          severity: 'error',
          message: 'unknown field "na\u001b[31mme,x:y"\nsecond line\r\nthird: 50%',
          messageId: 'unknown',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 15,
          path: '/metadata/na\u001b[31mme,x:y',
          object: { apiVersion: 'v1', kind: 'Pod', name: 'from-stdin', documentIndex: 0 },
        },
      ],
    },
  ],
};

const meta = (m: Omit<RuleMeta<string, unknown>, 'messages'>): RuleMeta<string, unknown> => ({ ...m, messages: {} });

/** Rule documentation for the fixture's rule ids (except `mystery-check`, which has none). */
export const FIXTURE_RULES: Record<string, RuleMeta<string, unknown>> = {
  'unknown-field': meta({
    id: 'unknown-field',
    category: 'schema',
    severity: 'error',
    docs: {
      summary: 'A field that the schema does not know.',
      rationale: 'The API server rejects unknown fields under strict validation.',
      remediation: 'Remove the field or fix its spelling.',
      example: { before: 'metadate:\n  name: web', after: 'metadata:\n  name: web' },
    },
  }),
  'image-tag-latest': meta({
    id: 'image-tag-latest',
    category: 'best-practice',
    severity: 'warning',
    docs: {
      summary: 'An image without a fixed tag.',
      rationale: '"latest" changes under your feet & <pulls> differ between nodes.',
      remediation: 'Pin the image to a version tag or digest.',
    },
  }),
  'rc-selector-mismatch': meta({
    id: 'rc-selector-mismatch',
    category: 'rejected',
    severity: 'error',
    docs: {
      summary: 'The selector does not match the template labels.',
      rationale: 'The API server rejects a controller whose selector does not select its own template.',
      remediation: 'Make the selector match the template labels.',
      example: { before: 'selector:\n  app: web', after: 'selector:\n  app: wéb-日本' },
    },
  }),
  'restart-policy-default': meta({
    id: 'restart-policy-default',
    category: 'runtime',
    severity: 'info',
    docs: {
      summary: 'restartPolicy is implicit.',
      rationale: 'Kubernetes defaults restartPolicy to Always.',
      remediation: 'Set restartPolicy explicitly.',
    },
  }),
  'yaml-syntax': meta({
    id: 'yaml-syntax',
    category: 'schema',
    severity: 'error',
    docs: {
      summary: 'The document is not valid YAML.',
      rationale: 'Nothing in a document that does not parse is applied.',
      remediation: 'Fix the syntax at the line and column shown.',
    },
  }),
};

export const fixtureRuleMeta = (id: string) => FIXTURE_RULES[id];
