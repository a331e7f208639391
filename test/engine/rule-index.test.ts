import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { ruleIndexSource } from '../../scripts/gen-rule-index.mjs';
import { allRules } from '../../src/engine/registry.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('rule registry', () => {
  it('rules/index.ts is up to date (run node scripts/gen-rule-index.mjs)', () => {
    expect(fs.readFileSync(path.join(root, 'rules/index.ts'), 'utf8')).toBe(ruleIndexSource());
  });

  it('every rule id equals its file name, is unique and kebab-case', () => {
    const files = fs.readdirSync(path.join(root, 'rules')).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
    const ruleIds = allRules().map((r) => r.meta.id);
    for (const f of files) expect(ruleIds).toContain(f);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const id of ruleIds) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('every message template only uses placeholders, and every rule is documented', () => {
    for (const r of allRules()) {
      expect(r.meta.docs.summary, r.meta.id).toMatch(/\S/);
      expect(r.meta.docs.rationale, r.meta.id).toMatch(/\S/);
      expect(r.meta.docs.remediation, r.meta.id).toMatch(/\S/);
      expect(['error', 'warning', 'info']).toContain(r.meta.severity);
      for (const m of Object.values(r.meta.messages)) expect(m).not.toMatch(/\{\{\s*\}\}/);
    }
  });
});
