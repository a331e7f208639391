/** `github`: workflow command syntax and escaping. */
import { describe, it, expect } from 'vitest';
import { escapeData, escapeProperty } from '../../src/reporters/github.js';
import { formatResult } from '../../src/reporters/index.js';
import type { LintResult } from '../../src/types.js';
import { CWD, FIXTURE } from './fixture.js';

const lines = (result: LintResult = FIXTURE) => formatResult('github', result, { color: false, cwd: CWD }).split('\n').slice(0, -1);

describe('github', () => {
  it('escapes data and properties as the Actions runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeData('a:b,c')).toBe('a:b,c');
    expect(escapeProperty('dir/a:b,c%.yaml')).toBe('dir/a%3Ab%2Cc%25.yaml');
    expect(escapeData('x\u001b[31my')).toBe('x\\u001b[31my');
  });

  it('one command per finding: error, warning, notice for info', () => {
    const out = lines();
    expect(out).toHaveLength(9);
    expect(out.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::warning', '::error', '::notice', '::warning', '::error', '::error', '::warning', '::error']);
    expect(out[0]).toBe('::error file=manifests/web.yaml,line=3,col=1,endLine=3,endColumn=9,title=unknown-field::unknown field "metadate" — did you mean "metadata"?');
  });

  it('every line is a single well-formed command', () => {
    for (const l of lines()) {
      expect(l).toMatch(/^::(error|warning|notice) ([A-Za-z]+=[^,:]*)(,[A-Za-z]+=[^,:]*)*::[^\r\n]*$/u);
      expect(l).not.toMatch(/[\u0000-\u001f]/u);
    }
  });

  it('escapes file names and messages; stdin has no file property', () => {
    const out = lines();
    expect(out[7]).toContain('file=déploiement/ñ app%2C1.yaml,');
    expect(out[7]).toContain('100%25 "latest"');
    expect(out[8]).toBe('::error line=4,col=3,endLine=4,endColumn=15,title=unknown-field::unknown field "na\\u001b[31mme,x:y"%0Asecond line%0D%0Athird: 50%25');
    expect(out[5]).toContain('title=fatal::');
  });

  it('prints nothing for a clean run, even with skipped kinds (their unknown-kind findings are the notices)', () => {
    expect(formatResult('github', { files: [FIXTURE.files[2]!], skippedKinds: ['example.com/v1 Widget'], kubernetesVersion: '1.36' }, { color: false, cwd: CWD })).toBe('');
  });
});
