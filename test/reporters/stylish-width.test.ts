/**
 * stylish on a terminal (options.width): every line fits, messages wrap under themselves, colour codes
 * do not count; without a width nothing changes. And the tally of findings per rule.
 */
import { describe, expect, it } from 'vitest';
import { displayWidth, type ReporterOptions } from '../../src/reporters/common.js';
import { formatResult } from '../../src/reporters/index.js';
import { ruleTally, TALLY_HEADING } from '../../src/reporters/stylish.js';
import type { Finding, LintResult } from '../../src/types.js';
import { CWD, FIXTURE } from './fixture.js';
import { expectGolden } from './golden.js';

const ANSI = /\u001b\[[\d;]*m/gu;
const strip = (s: string) => s.replace(ANSI, '');

const long: Finding = {
  ruleId: 'resource-requests-missing',
  severity: 'warning',
  line: 17,
  column: 11,
  endLine: 17,
  endColumn: 12,
  path: '/spec/template/spec/containers/0',
  messageId: 'missing',
  message:
    'container "myweb" sets no CPU or memory request: the scheduler counts it as using nothing, so the pod can be placed on a node without room for it',
  object: { apiVersion: 'v1', kind: 'ReplicationController', name: 'myweb-rc-mismatch', documentIndex: 0 },
};
const word: Finding = {
  ...long,
  ruleId: 'unknown-field',
  severity: 'error',
  line: 5,
  column: 1,
  message: 'unknown field "spec.template.spec.containers[0].livenessProbe.httpGet.portNumberThatIsTooLong" in io.k8s.api.core.v1.Container',
  object: { apiVersion: 'v1', kind: 'Pod', name: 'web', documentIndex: 1 },
};
const short: Finding = { ...word, line: 9, column: 3, severity: 'info', ruleId: 'bare-pod', message: 'short one' };
const SMALL: LintResult = {
  kubernetesVersion: '1.36',
  skippedKinds: [],
  files: [
    { filePath: `${CWD}/deploy/rc.yaml`, objectCount: 1, findings: [long] },
    { filePath: `${CWD}/deploy/pod.yaml`, objectCount: 2, findings: [word, short] },
  ],
};

const at = (width: number | undefined, color = false): ReporterOptions => ({ color, cwd: CWD, width });

function expectFits(text: string, width: number): void {
  for (const line of strip(text).split('\n')) expect(displayWidth(line), JSON.stringify(line)).toBeLessThanOrEqual(width);
}

describe('stylish fitted to a terminal', () => {
  it('at 80 columns: the message column wraps under itself; rows too wide for that are stacked', () => {
    expect(formatResult('stylish', SMALL, at(80))).toBe(
      [
        '',
        'deploy/rc.yaml',
        '  17:11  warning  ReplicationController/myweb-rc-mismatch',
        '                  resource-requests-missing',
        '                  container "myweb" sets no CPU or memory request: the scheduler',
        '                  counts it as using nothing, so the pod can be placed on a node',
        '                  without room for it',
        '',
        'deploy/pod.yaml',
        '  5:1  error  Pod/web  unknown field                               unknown-field',
        '                       "spec.template.spec.containers[0].liveness',
        '                       Probe.httpGet.portNumberThatIsTooLong" in',
        '                       io.k8s.api.core.v1.Container',
        '  9:3  info   Pod/web  short one                                   bare-pod',
        '',
        TALLY_HEADING,
        '  1  error    unknown-field',
        '  1  warning  resource-requests-missing',
        '  1  info     bare-pod',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('at 120 columns: object and rule id on the row line, the message under them', () => {
    const out = formatResult('stylish', SMALL, at(120)).split('\n');
    expect(out.slice(1, 5)).toEqual([
      'deploy/rc.yaml',
      '  17:11  warning  ReplicationController/myweb-rc-mismatch  resource-requests-missing',
      '                  container "myweb" sets no CPU or memory request: the scheduler counts it as using nothing, so the pod',
      '                  can be placed on a node without room for it',
    ]);
    expect(out[7]).toBe('  5:1  error  Pod/web  unknown field                                                                       unknown-field');
  });

  it('at 40 columns: stacked, indented by 4, long words broken, the summary wrapped', () => {
    expect(formatResult('stylish', SMALL, at(40))).toBe(
      [
        '',
        'deploy/rc.yaml',
        '  17:11  warning  ReplicationController/',
        '    myweb-rc-mismatch',
        '    resource-requests-missing',
        '    container "myweb" sets no CPU or',
        '    memory request: the scheduler counts',
        '    it as using nothing, so the pod can',
        '    be placed on a node without room for',
        '    it',
        '',
        'deploy/pod.yaml',
        '  5:1  error  Pod/web  unknown-field',
        '    unknown field',
        '    "spec.template.spec.containers[0].li',
        '    venessProbe.httpGet.portNumberThatIs',
        '    TooLong" in',
        '    io.k8s.api.core.v1.Container',
        '  9:3  info   Pod/web  bare-pod',
        '    short one',
        '',
        TALLY_HEADING,
        '  1  error    unknown-field',
        '  1  warning  resource-requests-missing',
        '  1  info     bare-pod',
        '',
        '✖ 3 problems (1 error, 1 warning, 1',
        '  info)',
        '',
      ].join('\n'),
    );
  });

  it('no line is wider than the terminal, whatever the width; colour codes do not count', () => {
    for (const result of [SMALL, FIXTURE]) {
      for (let width = 20; width <= 200; width += 7) {
        const plain = formatResult('stylish', result, at(width));
        expectFits(plain, width);
        const coloured = formatResult('stylish', result, { ...at(width, true), maxWarnings: 0 });
        expect(coloured).toMatch(ANSI);
        expectFits(coloured, width);
        expect(strip(coloured)).toBe(formatResult('stylish', result, { ...at(width), maxWarnings: 0 }));
      }
    }
  });

  it('keeps all the text: every word of every message, every rule id, every path', () => {
    for (const width of [40, 80, 120]) {
      const out = formatResult('stylish', FIXTURE, at(width));
      const joined = out.replace(/\s+/gu, '');
      const words = out.split(/\s+/u);
      for (const file of FIXTURE.files) {
        for (const f of file.findings) {
          if (f.ruleId) expect(words, `${width}: ${f.ruleId}`).toContain(f.ruleId);
          for (const w of f.message.replace(/\u001b/gu, '\\u001b').replace(/\.$/u, '').split(/\s+/u)) expect(joined).toContain(w);
        }
      }
      for (const p of ['manifests/web.yaml', 'broken.yaml', '<stdin>']) expect(joined).toContain(p);
    }
  });

  it('without a width, or when everything fits, the output is the piped one, byte for byte', () => {
    expectGolden('stylish.txt', formatResult('stylish', FIXTURE, { ...at(undefined), ruleMeta: () => undefined }));
    expect(formatResult('stylish', FIXTURE, at(1000))).toBe(formatResult('stylish', FIXTURE, at(undefined)));
    expect(formatResult('stylish', FIXTURE, at(1000, true))).toBe(formatResult('stylish', FIXTURE, at(undefined, true)));
  });
});

describe('the tally of findings per rule', () => {
  const f = (ruleId: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({ ...short, ruleId, severity, ...extra });
  const two = (a: Finding[], b: Finding[]): LintResult => ({
    kubernetesVersion: '1.36',
    skippedKinds: [],
    files: [
      { filePath: `${CWD}/a.yaml`, objectCount: 1, findings: a },
      { filePath: `${CWD}/b.yaml`, objectCount: 1, findings: b },
    ],
  });

  it('orders by count (most first), then severity (errors first), then rule id', () => {
    const result = two(
      [f('zeta', 'warning'), f('beta', 'error'), f('alpha', 'info'), f('gamma', 'error'), f('zeta', 'warning')],
      [f('gamma', 'error'), f('beta', 'error'), f('delta', 'warning'), f('alpha', 'info'), f('alpha', 'info'), f('gamma', 'warning', { fatal: true })],
    );
    // gamma: two errors and a fatal finding (an error whatever its severity).
    expect(ruleTally(result).map((r) => `${r.count} ${r.severity} ${r.ruleId}`)).toEqual(['3 error gamma', '3 info alpha', '2 error beta', '2 warning zeta', '1 warning delta']);
    const out = formatResult('stylish', result, at(undefined));
    expect(out).toContain(`\n${TALLY_HEADING}\n  3  error    gamma\n  3  info     alpha\n  2  error    beta\n  2  warning  zeta\n  1  warning  delta\n\n✖ 11 problems (5 errors, 3 warnings, 3 info)\n`);
  });

  it('a rule with findings of two severities has a line for each', () => {
    expect(ruleTally(two([f('r', 'warning')], [f('r', 'error'), f('r', 'warning')]))).toEqual([
      { ruleId: 'r', severity: 'warning', count: 2 },
      { ruleId: 'r', severity: 'error', count: 1 },
    ]);
  });

  it('appears when the findings span more than one file, piped or not; not for one file', () => {
    const one = two([f('r', 'warning'), f('s', 'error')], []);
    expect(formatResult('stylish', one, at(undefined))).not.toContain(TALLY_HEADING);
    expect(formatResult('stylish', one, at(80))).not.toContain(TALLY_HEADING);
    const both = two([f('r', 'warning')], [f('s', 'error')]);
    expect(formatResult('stylish', both, at(undefined))).toContain(`${TALLY_HEADING}\n  1  error    s\n  1  warning  r\n`);
    expect(formatResult('stylish', both, at(80))).toContain(TALLY_HEADING);
    expect(strip(formatResult('stylish', both, at(undefined, true)))).toBe(formatResult('stylish', both, at(undefined)));
  });
});
