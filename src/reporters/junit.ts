/**
 * `junit`: JUnit XML for CI test dashboards (GitLab, Jenkins, Azure DevOps, GitHub test-report actions).
 *
 * One <testsuite> per linted file (name = the path relative to cwd), one <testcase> per finding, named
 * `rule-id: Kind/name (line L, col C)` (` #2`, ` #3` … for repeats) with the file as classname, so a
 * dashboard lists each problem by rule and object. Pass and fail follow podlint's severities: an
 * error is a <failure>, a fatal finding (a file that does not parse) an <error>; warnings and info
 * findings are passing test cases that carry their text in <system-out>, so the report is red exactly
 * when errors fail the build (a `--max-warnings` failure shows in the exit code only).
 * A file without findings is one passing test case (`no problems (N objects)`), so clean files are
 * counted too. Counts on <testsuites> and <testsuite>; time is always 0 (no clock: the output is
 * deterministic). Text is XML-escaped; characters XML 1.0 cannot carry become visible `\uXXXX`.
 */
import type { FileResult, Finding, LintResult } from '../types.js';
import { displayPath, effectiveSeverity, objectLabel, Pieces, plural, ruleLabel, type ReporterOptions } from './common.js';

const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(s: string): string {
  return s.replace(INVALID_XML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeXmlText(s: string): string {
  return visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attrs(pairs: [string, string | number][]): string {
  return pairs.map(([k, v]) => ` ${k}="${escapeXmlAttribute(String(v))}"`).join('');
}

function caseName(f: Finding): string {
  const label = objectLabel(f.object);
  return `${ruleLabel(f)}${label ? `: ${label}` : ''} (line ${f.line}, col ${f.column})`;
}

function detail(f: Finding, shownPath: string): string {
  const label = objectLabel(f.object);
  const where = `${shownPath}:${f.line}:${f.column}${label ? ` in ${label}` : ''}${f.path ? ` at ${f.path}` : ''}`;
  return `${effectiveSeverity(f)} ${where}\n${f.message}`;
}

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
}

/** A file's counts, known before its test cases are written: they go on its <testsuite>. */
function suiteCounts(file: FileResult): SuiteCounts {
  let failures = 0;
  let errors = 0;
  for (const f of file.findings) {
    if (f.fatal) errors++;
    else if (effectiveSeverity(f) === 'error') failures++;
  }
  return { tests: Math.max(file.findings.length, 1), failures, errors };
}

/** A file's <testsuite> in parts — its opening tag, each test case, its closing tag — each ending with a line break. */
function* suiteParts(file: FileResult, counts: SuiteCounts, cwd: string): Generator<string> {
  const shown = displayPath(file.filePath, cwd);
  yield `  <testsuite${attrs([['name', shown], ['tests', counts.tests], ['failures', counts.failures], ['errors', counts.errors], ['skipped', 0], ['time', 0]])}>\n`;
  const seen = new Map<string, number>();
  for (const f of file.findings) {
    // Two findings of one rule at one place (e.g. two missing requests) must stay two test cases:
    // dashboards merge cases with equal names.
    const base = caseName(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const name = n === 1 ? base : `${base} #${n}`;
    const head = `    <testcase${attrs([['name', name], ['classname', shown], ['time', 0]])}>`;
    const body = escapeXmlText(detail(f, shown));
    if (f.fatal) {
      yield `${head}\n      <error${attrs([['message', f.message], ['type', ruleLabel(f)]])}>${body}</error>\n    </testcase>\n`;
    } else if (effectiveSeverity(f) === 'error') {
      yield `${head}\n      <failure${attrs([['message', f.message], ['type', ruleLabel(f)]])}>${body}</failure>\n    </testcase>\n`;
    } else {
      yield `${head}\n      <system-out>${body}</system-out>\n    </testcase>\n`;
    }
  }
  if (file.findings.length === 0) {
    yield `    <testcase${attrs([['name', `no problems (${plural(file.objectCount, 'object')})`], ['classname', shown], ['time', 0]])}/>\n`;
  }
  yield '  </testsuite>\n';
}

export function formatJunit(result: LintResult, options: ReporterOptions): string {
  return [...formatJunitChunks(result, options)].join('');
}

/** formatJunit's text in pieces (see Pieces in common.ts); the counts are added up first. */
export function* formatJunitChunks(result: LintResult, options: ReporterOptions): Generator<string> {
  const counts = result.files.map(suiteCounts);
  const sum = (k: keyof SuiteCounts) => counts.reduce((n, c) => n + c[k], 0);
  const root = `<testsuites${attrs([['name', 'podlint'], ['tests', sum('tests')], ['failures', sum('failures')], ['errors', sum('errors')], ['time', 0]])}>`;
  const pieces = new Pieces();
  pieces.add(`<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`);
  for (let i = 0; i < result.files.length; i++) {
    for (const part of suiteParts(result.files[i]!, counts[i]!, options.cwd)) {
      pieces.add(part);
      const piece = pieces.full();
      if (piece) yield piece;
    }
  }
  yield pieces.rest() + '</testsuites>\n';
}
