/**
 * RuleTester, ESLint style: valid cases must produce no finding of the rule; invalid cases must
 * produce exactly the listed findings (messageId, line, column, and optionally path / message / data).
 */
import { describe, expect, it } from 'vitest';
import { runLint } from '../../src/engine/run.js';
import { parseManifestText } from '../../src/source/manifests.js';
import { validateObject, kindStatus } from '../../src/schema/validate.js';
import { parseKubernetesVersion, DEFAULT_KUBERNETES_VERSION } from '../../src/schema/versions.js';
import type { Rule } from '../../src/engine/rule.js';
import { BUILTIN_CHECKS } from '../../src/engine/builtin.js';
import type { Finding } from '../../src/types.js';

export interface RunRuleOptions {
  kubernetesVersion?: string;
  options?: unknown;
  filePath?: string;
}

/** Lint `code` (YAML, possibly several documents) with only `rule` enabled; return its findings. */
export function runRule(rule: Rule<string, any>, code: string, opts: RunRuleOptions = {}): Finding[] {
  const version = parseKubernetesVersion(opts.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION)!;
  const file = parseManifestText(code, opts.filePath ?? 'test.yaml');
  const settings = new Map(opts.options !== undefined ? [[rule.meta.id, { options: opts.options }]] : []);
  const result = runLint([file], { kubernetesVersion: version, rules: [...BUILTIN_CHECKS, rule], settings, validate: validateObject, kindStatus });
  if (result.internalError) {
    throw new Error(`rule ${rule.meta.id} crashed: ${JSON.stringify(result.files[0]?.findings.filter((f) => f.ruleId === 'internal-error'))}`);
  }
  return result.files.flatMap((f) => f.findings).filter((f) => f.ruleId === rule.meta.id);
}

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column: number;
  path?: string;
  message?: string;
  endLine?: number;
  endColumn?: number;
}

export interface ValidCase extends RunRuleOptions {
  name?: string;
  code: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export function ruleTester(rule: Rule<string, any>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it('has complete documentation', () => {
      const d = rule.meta.docs;
      expect(d.summary.length).toBeGreaterThan(10);
      expect(d.rationale.length).toBeGreaterThan(20);
      expect(d.remediation.length).toBeGreaterThan(10);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    });
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        expect(runRule(rule, c.code, c)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = runRule(rule, c.code, c);
        const actual = found.map((f, j) => {
          const e = c.errors[j];
          const a: Record<string, unknown> = { messageId: f.messageId, line: f.line, column: f.column };
          if (e?.path !== undefined) a.path = f.path;
          if (e?.message !== undefined) a.message = f.message;
          if (e?.endLine !== undefined) a.endLine = f.endLine;
          if (e?.endColumn !== undefined) a.endColumn = f.endColumn;
          return a;
        });
        expect(actual).toEqual(c.errors.map((e) => ({ ...e })));
      });
    });
  });
}
