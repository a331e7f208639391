/**
 * Agreement with the PodSecurity admission plugin's own fixtures (test/fixtures/pod-security, see
 * PROVENANCE.md there): every `pass` pod must be admitted, and every `fail` pod rejected, at the level
 * and version of its directory, by the checks of Kubernetes 1.36 — through the pod-security rule.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/pod-security.js';
import { runRule } from '../helpers/rule-tester.js';

const ROOT = path.resolve(__dirname, '../fixtures/pod-security');

/**
 * Fixtures the index holds from intermediate upstream commits that later commits contradict (the
 * generated testdata is rewritten when a check changes). Each stays here only while podlint disagrees
 * with it, so the list cannot hide a regression.
 */
const SUPERSEDED: Record<string, string> = {
  'restricted/v1.35/pass/procmount1.yaml':
    'an intermediate state of kubernetes#132157 let restricted v1.35 admit procMount Unmasked for hostUsers: false; the merged code adds procMount_restricted (OverrideCheckIDs procMount), which forbids it, as restricted/v1.35/fail/procmount_restricted0.yaml shows',
  'restricted/v1.35/pass/procmount_baseline1.yaml': 'the same intermediate state (before procMount_restricted)',
  'baseline/v1.34/pass/hostprobesandhostlifecycle0.yaml':
    'an intermediate state of the host-probe check (kubernetes#125271) allowed loopback hosts; the merged check forbids any non-empty host, as baseline/v1.35/fail/hostprobesandhostlifecycle4.yaml (host ::1) shows',
  'baseline/v1.34/pass/hostprobesandhostlifecycle1.yaml': 'the same intermediate state (loopback host allowed)',
  'baseline/v1.34/pass/hostprobesandhostlifecycle2.yaml': 'the same intermediate state (loopback host allowed)',
  'restricted/v1.8/fail/apparmorprofile3.yaml':
    'generated on a branch whose API types lacked securityContext.appArmorProfile: the field the fail case sets was lost when the pod was serialized, leaving a pod that passes',
};

interface Fixture {
  file: string;
  level: string;
  version: string;
  expect: 'pass' | 'fail';
}

function fixtures(): Fixture[] {
  if (!fs.existsSync(ROOT)) return [];
  const out: Fixture[] = [];
  for (const level of fs.readdirSync(ROOT).filter((d) => fs.statSync(path.join(ROOT, d)).isDirectory())) {
    for (const version of fs.readdirSync(path.join(ROOT, level))) {
      for (const outcome of ['pass', 'fail'] as const) {
        const dir = path.join(ROOT, level, version, outcome);
        if (!fs.existsSync(dir)) continue;
        for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) out.push({ file: `${level}/${version}/${outcome}/${f}`, level, version, expect: outcome });
      }
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

function admitted(fx: Fixture): boolean {
  const text = fs.readFileSync(path.join(ROOT, fx.file), 'utf8');
  const found = runRule(rule, text, { kubernetesVersion: '1.36', options: { enforce: `${fx.level}:${fx.version}` } });
  return !found.some((f) => f.messageId === 'enforcePod');
}

describe('pod-security agrees with the PodSecurity plugin\'s fixtures', () => {
  const all = fixtures();
  it('has the fixtures', () => {
    expect(all.length).toBeGreaterThan(50);
  });
  for (const fx of all) {
    const superseded = SUPERSEDED[fx.file];
    it(`${fx.file}${superseded ? ' (superseded upstream)' : ''}`, () => {
      const ok = admitted(fx) === (fx.expect === 'pass');
      expect(ok).toBe(!superseded);
    });
  }
  it('lists no superseded fixture that is missing', () => {
    for (const f of Object.keys(SUPERSEDED)) expect(fs.existsSync(path.join(ROOT, f))).toBe(true);
  });
});
