/**
 * `github`: GitHub Actions workflow commands, one per finding, which the runner turns into annotations
 * on the pull request's diff:
 *
 *   ::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=rule-id::message
 *
 * `::warning` for warnings and `::notice` for info findings. Paths are relative to cwd (the workspace
 * when run in Actions) with forward slashes; for standard input the `file` property is left out. Values
 * are escaped as the runner expects: in the message `%` `\r` `\n` become `%25` `%0D` `%0A`; in
 * properties `:` and `,` also become `%3A` and `%2C`; other control characters become visible `\u001b`
 * escapes. Nothing is printed when there are no findings. Skipped kinds get no extra line: the engine
 * already reports each as an `unknown-kind` finding, which becomes a notice on its object.
 */
import type { LintResult, Severity } from '../types.js';
import { displayPath, effectiveSeverity, Pieces, ruleLabel, STDIN_FILE_PATH, type ReporterOptions } from './common.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * Escape the data part of a workflow command. Other control characters (ESC from a manifest could
 * colour or rewrite the job log) are shown as visible `\u001b` escapes.
 */
export function escapeData(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escape a property value of a workflow command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, props: [string, string | number][], message: string): string {
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name}${p ? ` ${p}` : ''}::${escapeData(message)}\n`;
}

export function formatGithub(result: LintResult, options: ReporterOptions): string {
  return [...formatGithubChunks(result, options)].join('');
}

/** formatGithub's text in pieces (see Pieces in common.ts). */
export function* formatGithubChunks(result: LintResult, options: ReporterOptions): Generator<string> {
  const pieces = new Pieces();
  for (const file of result.files) {
    for (const f of file.findings) {
      const props: [string, string | number][] = [];
      if (file.filePath !== STDIN_FILE_PATH) props.push(['file', displayPath(file.filePath, options.cwd)]);
      if (f.line >= 1) {
        props.push(['line', f.line]);
        if (f.column >= 1) props.push(['col', f.column]);
        if (f.endLine >= f.line) {
          props.push(['endLine', f.endLine]);
          if (f.endColumn >= 1) props.push(['endColumn', f.endColumn]);
        }
      }
      props.push(['title', ruleLabel(f)]);
      pieces.add(command(COMMAND[effectiveSeverity(f)], props, f.message));
      const piece = pieces.full();
      if (piece) yield piece;
    }
  }
  const rest = pieces.rest();
  if (rest) yield rest;
}
