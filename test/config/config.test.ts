import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, findConfigFile, ConfigError } from '../../src/config/config.js';
import { allRules } from '../../src/engine/registry.js';
import { runCli } from '../helpers/cli.js';

const rules = allRules();
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-config-'));
const badPod = 'apiVersion: v1\nkind: Pod\nmetadate:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';

describe('.podlint.yaml', () => {
  it('reads severities, options, ignore patterns and the Kubernetes version', async () => {
    const c = await parseConfig('kubernetesVersion: "1.30"\nrules:\n  unknown-field: warning\n  unknown-kind: [off]\nignorePatterns: ["vendor/**"]\nreportUnusedDisableDirectives: true\n', '/x/.podlint.yaml', rules);
    expect(c.kubernetesVersion).toBe('1.30');
    expect(c.rules.get('unknown-field')).toEqual({ severity: 'warning', options: undefined });
    expect(c.rules.get('unknown-kind')?.severity).toBe('off');
    expect(c.ignorePatterns).toEqual(['vendor/**']);
    expect(c.reportUnusedDisableDirectives).toBe(true);
  });

  it.each([
    ['rules:\n  unknown-feld: off\n', /\.podlint\.yaml:2:3: unknown rule "unknown-feld" — did you mean "unknown-field"\?/],
    ['rules:\n  unknown-field: loud\n', /\.podlint\.yaml:2:18: invalid configuration/],
    ['rulez: {}\n', /\.podlint\.yaml:1:1: invalid configuration: unknown setting "rulez"/],
    ['rules: [\n', /\.podlint\.yaml:\d+:\d+: /],
    ['rules:\n  unknown-field: [warning, {x: 1}]\n', /rule "unknown-field" takes no options/],
  ])('rejects %j with a located message', async (text, re) => {
    await expect(parseConfig(text, '/x/.podlint.yaml', rules)).rejects.toThrow(ConfigError);
    await expect(parseConfig(text, '/x/.podlint.yaml', rules)).rejects.toThrow(re);
  });

  it('is found upward from the working directory and applied by the CLI', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'sub/vendor'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.podlint.yaml'), 'rules:\n  unknown-field: warning\nignorePatterns: ["sub/vendor/**"]\n');
    fs.writeFileSync(path.join(dir, 'sub/p.yaml'), badPod);
    fs.writeFileSync(path.join(dir, 'sub/vendor/v.yaml'), 'a: [\n');
    expect(findConfigFile(path.join(dir, 'sub'))).toBe(path.join(dir, '.podlint.yaml'));
    const r = await runCli(['--format', 'json', '.'], { cwd: path.join(dir, 'sub') });
    const files = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number }> }>;
    expect(files.map((f) => path.basename(f.filePath))).toEqual(['p.yaml']);
    expect(files[0]!.messages.find((m) => m.ruleId === 'unknown-field')?.severity).toBe(1);
    // --rule beats the file; --no-config ignores it.
    const r2 = await runCli(['--format', 'json', '--rule', 'unknown-field=error', '.'], { cwd: path.join(dir, 'sub') });
    expect(r2.code).toBe(1);
    const r3 = await runCli(['--format', 'json', '--no-config', '.'], { cwd: path.join(dir, 'sub') });
    expect((JSON.parse(r3.stdout) as unknown[]).length).toBe(2);
  });

  it('a bad configuration exits 2 with file:line:column', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, '.podlint.yaml'), 'rules:\n  nope: off\n');
    const r = await runCli(['-'], { cwd: dir, stdin: badPod });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, '.podlint.yaml')}:2:3: unknown rule "nope"`);
  });
});
