/**
 * Large, deterministic lint results for the streaming tests (chunks.test.ts): thousands of findings
 * over several files, in every shape a finding takes — error, warning, info, fatal (with and without a
 * rule id), a rule id without meta, no rule id at all, fixes (set with nested values, remove), objects
 * (named, namespaced, unnamed, kindless, inside a `kind: List`), no object, lines and columns of 0,
 * ends before starts, repeats of one finding — and text that needs escaping in every format: quotes,
 * backslashes, line breaks, CR, tabs, <&>'", %, commas, colons, ESC and NUL, a lone surrogate, U+2028,
 * wide characters, emoji and combining marks.
 */
import type { ReporterOptions } from '../../src/reporters/common.js';
import type { FileResult, Finding, LintResult } from '../../src/types.js';

const RULES = ['unknown-field', 'image-tag-latest', 'rc-selector-mismatch', 'restart-policy-default', 'mystery-check'] as const;

const ODD = [
  'message with "quotes", back\\slash, new\nline and CR\r\nLF, tab\t end',
  'markup <tag attr=\'x\'> & &amp; "q" > done',
  'percent 100% , comma: colon %0A literal',
  'control \u001b[31mred\u001b[0m and NUL \u0000 and \u0007 bell and \u007f del and \u0085 NEL',
  'lone surrogate \ud800 here and \udc00 there, pair 😀 ok',
  'separators \u2028 line \u2029 para, wide 日本語テキスト, combining é, ＡＢ full-width',
  'trailing spaces and a final period.   ',
  '',
];

/** Finding number `i`: every shape in turn, so any few hundred consecutive findings have them all. */
export function largeFinding(i: number): Finding {
  const line = i % 53 === 0 ? 0 : i + 1;
  const column = i % 29 === 0 ? 0 : (i % 40) + 1;
  const f: Finding = {
    ruleId: RULES[i % RULES.length]!,
    severity: (['error', 'warning', 'info'] as const)[i % 3]!,
    message: i % 9 === 0 ? `${ODD[(i / 9) % ODD.length]} #${i}` : `message number ${i} about container "c-${i % 13}".`,
    messageId: i % 6 === 0 ? undefined : `m${i % 5}`,
    line,
    column,
    endLine: i % 31 === 0 ? line - 1 : line + (i % 4 === 0 ? 1 : 0),
    endColumn: i % 37 === 0 ? 0 : column + (i % 11),
    path: i % 13 === 0 ? '' : `/spec/template/spec/containers/${i % 3}/na"me,x:y~1<${i % 5}>`,
  };
  if (i % 2 === 0) f.object = { apiVersion: 'apps/v1', kind: 'Deployment', name: `web-${i % 50}`, documentIndex: Math.floor(i / 10) };
  if (i % 10 === 3) f.object = { apiVersion: 'v1', kind: 'Pod', name: `item-<${i}>&"日本"`, namespace: 'prod', documentIndex: 7, listIndex: i % 9 };
  if (i % 10 === 5) f.object = { apiVersion: 'v1', kind: 'ConfigMap', documentIndex: 3 };
  if (i % 10 === 7) f.object = { documentIndex: i % 4, listIndex: i % 8 === 7 ? 2 : undefined };
  if (i % 7 === 0) f.fix = { path: '/spec/selector', op: 'set', value: { matchLabels: { app: `wéb-${i}\n"x"` }, n: i, list: [1, null, 'x', { deep: [true, 0.5] }] } };
  if (i % 11 === 5) f.fix = { path: '/spec/replicas', op: 'remove' };
  if (i % 97 === 1) Object.assign(f, { ruleId: i % 2 ? null : 'yaml-syntax', severity: 'error', fatal: true, path: '', object: undefined });
  if (i % 89 === 4) Object.assign(f, { ruleId: null, severity: 'warning' });
  // The same finding twice in a row: SARIF occurrence numbers, JUnit's ` #2` names.
  if (i % 41 === 1) return { ...largeFinding(i - 1) };
  return f;
}

export function largeFile(filePath: string, n: number, from = 0): FileResult {
  return { filePath, objectCount: Math.ceil(n / 10), findings: Array.from({ length: n }, (_, k) => largeFinding(from + k)) };
}

/** 4,100 findings over six files (one clean, standard input, one outside cwd, one without objects). */
export function largeResult(cwd: string): LintResult {
  const noObjects = largeFile(`${cwd}/broken ñ.yaml`, 120, 9_000);
  noObjects.findings = noObjects.findings.map(({ object: _object, ...f }) => f);
  return {
    kubernetesVersion: '1.36',
    skippedKinds: ['example.com/v1 Widget', 'stable.example.com/v1 <Cron&Tab>'],
    files: [
      largeFile(`${cwd}/manifests/big.yaml`, 2_499),
      largeFile(`${cwd}/clean.yaml`, 0),
      largeFile('<stdin>', 700, 3_000),
      largeFile('/elsewhere/other file,ñ 日本.yaml', 781, 5_000),
      noObjects,
      largeFile('relative/given.yaml', 0),
    ],
  };
}

export interface Variant {
  /** `format` or `format (what differs)`. */
  label: string;
  format: string;
  result: LintResult;
  options: ReporterOptions;
}

/**
 * Every format on the large result, and the options and results that change a format's text: colour
 * levels, --max-warnings, a SARIF version, a result of info findings only, one huge file, files of
 * about a piece's size, no files, clean files.
 */
export function largeVariants(cwd: string, ruleMeta: ReporterOptions['ruleMeta']): Variant[] {
  const result = largeResult(cwd);
  const base: ReporterOptions = { color: false, cwd, ruleMeta };
  const infoOnly: LintResult = { ...result, skippedKinds: [], files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'info' && !x.fatal) })) };
  const noFixes: LintResult = { ...result, files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => !x.fix) })) };
  const huge: LintResult = { kubernetesVersion: '1.36', skippedKinds: [], files: [largeFile(`${cwd}/huge.yaml`, 12_000, 20_000)] };
  // Files of as many findings as a piece holds, one more and one fewer.
  const edges: LintResult = {
    kubernetesVersion: '1.36',
    skippedKinds: ['example.com/v1 Widget'],
    files: [999, 1_000, 1_001, 2_000, 1, 2_001].map((n, k) => largeFile(`${cwd}/edge-${n}.yaml`, n, k * 3_000)),
  };
  const empty: LintResult = { kubernetesVersion: '1.36', skippedKinds: [], files: [] };
  const clean: LintResult = { kubernetesVersion: '1.36', skippedKinds: ['example.com/v1 Widget'], files: [largeFile(`${cwd}/a.yaml`, 0), largeFile('<stdin>', 0)] };
  const out: Variant[] = [];
  for (const format of ['stylish', 'json', 'sarif', 'github', 'junit', 'compact']) {
    out.push({ label: format, format, result, options: base });
    out.push({ label: `${format} (info only)`, format, result: infoOnly, options: base });
    out.push({ label: `${format} (12,000 findings in one file)`, format, result: huge, options: { ...base, version: '9.9.9' } });
    out.push({ label: `${format} (files of 999 to 2,001 findings)`, format, result: edges, options: base });
    out.push({ label: `${format} (no files)`, format, result: empty, options: base });
    out.push({ label: `${format} (clean files)`, format, result: clean, options: { ...base, maxWarnings: 0 } });
  }
  out.push({ label: 'stylish (16 colours)', format: 'stylish', result, options: { ...base, color: true } });
  out.push({ label: 'stylish (truecolor, --max-warnings 3)', format: 'stylish', result, options: { ...base, color: true, colorLevel: 3, maxWarnings: 3 } });
  out.push({ label: 'stylish (no fixes, --max-warnings 100000)', format: 'stylish', result: noFixes, options: { ...base, maxWarnings: 100_000 } });
  out.push({ label: 'stylish (info only, colour)', format: 'stylish', result: infoOnly, options: { ...base, color: true } });
  out.push({ label: 'sarif (no fixes, a version)', format: 'sarif', result: noFixes, options: { ...base, version: '1.2.3-rc.1' } });
  return out;
}
