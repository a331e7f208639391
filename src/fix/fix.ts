/**
 * `--fix`: lint, apply the findings' fixes, lint again — at most MAX_FIX_PASSES times, as ESLint does,
 * because one fix can make another finding appear or change. Pure: texts in, texts and the final lint
 * result out; the caller writes files (or prints a diff).
 */
import type { InputFile } from '../source/read.js';
import type { LintResult } from '../types.js';
import { applyFixes, type TargetedFix } from './apply.js';
import { nodeAt } from './target.js';

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

/**
 * Fix the inputs in place (texts only), re-linting after every pass; `lint` lints a set of inputs together.
 * A fix may land in a file that is not an input (the kustomize base or patch a built object's field came
 * from): that file joins the inputs as `found: 'read'`, with the text the lint result showed.
 */
export function fixInputs<R extends LintResult>(inputs: readonly InputFile[], lint: (inputs: InputFile[]) => R, maxPasses = MAX_FIX_PASSES): FixRun<R> {
  const current = inputs.map((i) => ({ ...i }));
  const originals = inputs.map((i) => i.text);
  const counts = new Map<number, number>();
  let result = lint(current);
  let passes = 0;
  while (passes < maxPasses) {
    let changed = false;
    const index = new Map(current.map((input, i) => [input.filePath, i]));
    const sources = new Map(result.files.map((f) => [f.filePath, f.source]));
    const textOf = (filePath: string) => {
      const i = index.get(filePath);
      return i !== undefined ? current[i]!.text : sources.get(filePath);
    };
    const byFile = new Map<string, TargetedFix[]>();
    for (const file of result.files) {
      for (const t of targetedFixes(file, textOf)) {
        let list = byFile.get(t.filePath);
        if (!list) byFile.set(t.filePath, (list = []));
        list.push(t.fix);
      }
    }
    for (const [filePath, list] of byFile) {
      const fixes = distinct(list);
      let i = index.get(filePath);
      if (i === undefined) {
        const text = sources.get(filePath);
        if (text === undefined) continue;
        i = current.push({ filePath, text, found: 'read' }) - 1;
        originals.push(text);
        index.set(filePath, i);
      }
      const input = current[i]!;
      if (input.text === undefined) continue;
      const { output, applied } = applyFixes(input.text, fixes);
      if (output === input.text) continue;
      current[i] = { ...input, text: output };
      counts.set(i, (counts.get(i) ?? 0) + applied.length);
      changed = true;
    }
    if (!changed) break;
    passes++;
    result = lint(current);
  }
  const fixed: FixedFile[] = [];
  current.forEach((input, i) => {
    const original = originals[i];
    if (original !== undefined && input.text !== undefined && input.text !== original) {
      fixed.push({ filePath: input.filePath, original, output: input.text, fixCount: counts.get(i) ?? 0 });
    }
  });
  return { result, inputs: current, fixed, passes };
}

/** The fixes of a file's findings, each with the file it edits (its own, or the one its fixAt names). */
function targetedFixes(file: LintResult['files'][number], textOf: (filePath: string) => string | undefined): Array<{ filePath: string; fix: TargetedFix }> {
  const out: Array<{ filePath: string; fix: TargetedFix }> = [];
  for (const f of file.findings) {
    if (!f.fix) continue;
    const at = f.fixAt;
    if (!at) {
      if (f.object) out.push({ filePath: file.filePath, fix: { documentIndex: f.object.documentIndex, basePointer: f.object.listIndex !== undefined ? `/items/${f.object.listIndex}` : '', fix: f.fix } });
    } else if ('documentIndex' in at) {
      out.push({ filePath: at.filePath, fix: { documentIndex: at.documentIndex, basePointer: at.basePointer, fix: f.fix } });
    } else {
      const text = textOf(at.filePath);
      const node = text === undefined ? undefined : nodeAt(text, at.line, at.column);
      if (node) out.push({ filePath: at.filePath, fix: { documentIndex: node.documentIndex, basePointer: node.pointer, fix: { ...f.fix, path: at.path } } });
    }
  }
  return out;
}

function distinct(fixes: readonly TargetedFix[]): TargetedFix[] {
  const seen = new Set<string>();
  return fixes.filter((t) => {
    const key = JSON.stringify([t.documentIndex, t.basePointer, t.fix.path, t.fix.op, t.fix.value]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
