/**
 * Suppression comments, ESLint style:
 *   # podlint-disable-next-line rule-a, rule-b   (the next line; no ids = every rule)
 *   image: nginx  # podlint-disable-line latest-tag
 *   # podlint-disable rule-a   …   # podlint-enable rule-a   (a region; without enable: to the end of the file)
 * Text after ` -- ` is a free comment (a reason), as in ESLint.
 */
import type { SourceRange } from '../types.js';

export interface Directive {
  kind: 'disable' | 'enable' | 'next-line' | 'line';
  /** Rule ids; undefined = every rule. */
  rules: string[] | undefined;
  range: SourceRange;
  /** For 'disable': the line of the matching enable (exclusive). */
  until?: number;
  used: Set<string>;
  usedAny: boolean;
}

const DIRECTIVE = /(?:^|\s)#\s*podlint-(disable-next-line|disable-line|disable|enable)\b([^\n]*)/;

export function collectDirectives(text: string): Directive[] {
  if (!text.includes('podlint-')) return [];
  const out: Directive[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = DIRECTIVE.exec(line);
    if (!m) continue;
    const kind = m[1] === 'disable-next-line' ? 'next-line' : m[1] === 'disable-line' ? 'line' : (m[1] as 'disable' | 'enable');
    const body = m[2]!.split(' -- ')[0]!.trim();
    const rules = body ? body.split(/[\s,]+/).filter(Boolean) : undefined;
    const col = line.indexOf('#', m.index) + 1;
    out.push({ kind, rules, range: { line: i + 1, column: col, endLine: i + 1, endColumn: line.length + 1 }, used: new Set(), usedAny: false });
  }
  // Close disable regions at the next enable that covers them.
  for (let i = 0; i < out.length; i++) {
    const d = out[i]!;
    if (d.kind !== 'disable') continue;
    for (let j = i + 1; j < out.length; j++) {
      const e = out[j]!;
      if (e.kind !== 'enable') continue;
      if (e.rules === undefined || (d.rules !== undefined && d.rules.every((r) => e.rules!.includes(r)))) {
        d.until = e.range.line;
        break;
      }
    }
  }
  return out;
}
