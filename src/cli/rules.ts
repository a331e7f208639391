/** `podlint rules [--format text|json]`: every rule with its default severity and summary. */
import { parseArgs } from 'node:util';
import type { Command } from './io.js';
import { UsageError } from './io.js';
import { allRules } from '../engine/registry.js';

export const rulesCommand: Command = async (argv, io) => {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    io.stdout('Usage: podlint rules [--format text|json]\n\nList every rule: id, default severity, category and summary. `podlint explain <rule-id>` tells more.\n');
    return 0;
  }
  const rules = allRules();
  const format = values.format ?? 'text';
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rules.map((r) => ({ id: r.meta.id, severity: r.meta.severity, category: r.meta.category, fixable: r.meta.fixable === true, summary: r.meta.docs.summary })), null, 2)}\n`);
    return 0;
  }
  if (format !== 'text') throw new UsageError(`unknown format "${format}" for podlint rules; use text or json`);
  const idWidth = Math.max(...rules.map((r) => r.meta.id.length), 2);
  const lines = [`${'ID'.padEnd(idWidth)}  SEVERITY  CATEGORY       SUMMARY`];
  for (const r of rules) {
    lines.push(`${r.meta.id.padEnd(idWidth)}  ${r.meta.severity.padEnd(8)}  ${r.meta.category.padEnd(13)}  ${r.meta.docs.summary}${r.meta.fixable ? ' (fixable)' : ''}`);
  }
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
};
