/**
 * `--fix`: lint, apply the findings' fixes, lint again — at most MAX_FIX_PASSES times, as ESLint does,
 * because one fix can make another finding appear or change. Pure: texts in, texts and the final lint
 * result out; the caller writes files (or prints a diff).
 */
import type { InputFile } from '../source/read.js';
import type { LintResult } from '../types.js';
import { applyFixes, type TargetedFix } from './apply.js';

/** ESLint's limit (MAX_AUTOFIX_PASSES in eslint/lib/linter/linter.js). */
export const MAX_FIX_PASSES = 10;

export interface FixedFile {
  filePath: string;
  /** The text as it was read. */
  original: string;
  /** The text after every pass. */
  output: string;
  /** Number of fixes applied, over all passes. */
  fixCount: number;
}

export interface FixRun<R extends LintResult> {
  /** The lint result of the final texts. */
  result: R;
  /** The inputs with their final texts. */
  inputs: InputFile[];
  /** Files whose text changed, in input order. */
  fixed: FixedFile[];
  /** Lint-and-fix passes that changed something. */
  passes: number;
}

/** Fix the inputs in place (texts only), re-linting after every pass; `lint` lints a set of inputs together. */
export function fixInputs<R extends LintResult>(inputs: readonly InputFile[], lint: (inputs: InputFile[]) => R, maxPasses = MAX_FIX_PASSES): FixRun<R> {
  const current = inputs.map((i) => ({ ...i }));
  const counts = new Map<number, number>();
  let result = lint(current);
  let passes = 0;
  while (passes < maxPasses) {
    let changed = false;
    const byPath = new Map(result.files.map((f) => [f.filePath, f]));
    current.forEach((input, i) => {
      if (input.text === undefined) return;
      const file = byPath.get(input.filePath);
      if (!file) return;
      const fixes = fixesOf(file.findings);
      if (fixes.length === 0) return;
      const { output, applied } = applyFixes(input.text, fixes);
      if (output === input.text) return;
      current[i] = { ...input, text: output };
      counts.set(i, (counts.get(i) ?? 0) + applied.length);
      changed = true;
    });
    if (!changed) break;
    passes++;
    result = lint(current);
  }
  const fixed: FixedFile[] = [];
  current.forEach((input, i) => {
    const original = inputs[i]!.text;
    if (original !== undefined && input.text !== undefined && input.text !== original) {
      fixed.push({ filePath: input.filePath, original, output: input.text, fixCount: counts.get(i) ?? 0 });
    }
  });
  return { result, inputs: current, fixed, passes };
}

/** The distinct fixes of a file's findings, in finding order. */
export function fixesOf(findings: LintResult['files'][number]['findings']): TargetedFix[] {
  const seen = new Set<string>();
  const out: TargetedFix[] = [];
  for (const f of findings) {
    if (!f.fix || !f.object) continue;
    const t: TargetedFix = { documentIndex: f.object.documentIndex, basePointer: f.object.listIndex !== undefined ? `/items/${f.object.listIndex}` : '', fix: f.fix };
    const key = JSON.stringify([t.documentIndex, t.basePointer, f.fix.path, f.fix.op, f.fix.value]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}
