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
import { displayPath, effectiveSeverity, objectLabel, plural, ruleLabel, type ReporterOptions } from './common.js';

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

interface Suite {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
}

function suite(file: FileResult, cwd: string): Suite {
  const shown = displayPath(file.filePath, cwd);
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
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
    const sev = effectiveSeverity(f);
    if (f.fatal) {
      errors++;
      cases.push(`${head}\n      <error${attrs([['message', f.message], ['type', ruleLabel(f)]])}>${body}</error>\n    </testcase>`);
    } else if (sev === 'error') {
      failures++;
      cases.push(`${head}\n      <failure${attrs([['message', f.message], ['type', ruleLabel(f)]])}>${body}</failure>\n    </testcase>`);
    } else {
      cases.push(`${head}\n      <system-out>${body}</system-out>\n    </testcase>`);
    }
  }
  if (file.findings.length === 0) {
    cases.push(`    <testcase${attrs([['name', `no problems (${plural(file.objectCount, 'object')})`], ['classname', shown], ['time', 0]])}/>`);
  }
  const tests = cases.length;
  const open = `  <testsuite${attrs([['name', shown], ['tests', tests], ['failures', failures], ['errors', errors], ['skipped', 0], ['time', 0]])}>`;
  return { xml: `${open}\n${cases.join('\n')}\n  </testsuite>`, tests, failures, errors };
}

export function formatJunit(result: LintResult, options: ReporterOptions): string {
  const suites = result.files.map((f) => suite(f, options.cwd));
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[k], 0);
  const root = `<testsuites${attrs([['name', 'podlint'], ['tests', sum('tests')], ['failures', sum('failures')], ['errors', sum('errors')], ['time', 0]])}>`;
  const body = suites.map((s) => `${s.xml}\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${body}</testsuites>\n`;
}
