/**
 * `podlint explain <rule-id>`: everything about one rule, from its meta (the one source that
 * `podlint rules` and any docs also read).
 */
import type { Rule } from '../engine/rule.js';
import { IGNORE_ANNOTATION } from '../engine/run.js';
import { CONFIG_FILE_NAMES } from '../config/config.js';
import { RULE_FIELDS } from './field-notes.js';
import { wrapLikeKubectl } from './wrap.js';

/** The suppression comment for the next line (src/engine/directives.ts). */
export const DISABLE_NEXT_LINE_DIRECTIVE = 'podlint-disable-next-line';

export interface RuleOptionDoc {
  name: string;
  type?: string;
  description?: string;
  default?: unknown;
}

export interface RuleReference {
  id: string;
  category: string;
  severity: string;
  fixable: boolean;
  summary: string;
  rationale: string;
  remediation: string;
  example?: { before: string; after: string };
  options: RuleOptionDoc[];
  messages: Record<string, string>;
  suppress: { annotation: string; comment: string; config: string };
  peers: { kubeLinter: string[]; kubeScore: string[]; polaris: string[] };
  /** Fields the rule looks at (`Definition.field`), from podlint's table. */
  fields: string[];
  source?: string;
}

function optionDocs(rule: Rule<string, any>): RuleOptionDoc[] {
  const schema = rule.meta.optionsSchema as { properties?: Record<string, { type?: unknown; description?: string }> } | undefined;
  const defaults = (rule.meta.defaultOptions ?? {}) as Record<string, unknown>;
  const names = new Set([...Object.keys(schema?.properties ?? {}), ...Object.keys(defaults)]);
  return [...names].sort().map((name) => {
    const p = schema?.properties?.[name];
    const type = p?.type === undefined ? undefined : Array.isArray(p.type) ? p.type.join('|') : String(p.type);
    return { name, type, description: p?.description, default: defaults[name] };
  });
}

export function ruleReference(rule: Rule<string, any>): RuleReference {
  const m = rule.meta;
  return {
    id: m.id,
    category: m.category,
    severity: m.severity,
    fixable: m.fixable === true,
    summary: m.docs.summary,
    rationale: m.docs.rationale,
    remediation: m.docs.remediation,
    example: m.docs.example,
    options: optionDocs(rule),
    messages: { ...m.messages },
    suppress: {
      annotation: `metadata:\n  annotations:\n    ${IGNORE_ANNOTATION}: "${m.id}"`,
      comment: `# ${DISABLE_NEXT_LINE_DIRECTIVE} ${m.id}`,
      config: `rules:\n  ${m.id}: off`,
    },
    peers: { kubeLinter: [...(m.docs.peers?.kubeLinter ?? [])], kubeScore: [...(m.docs.peers?.kubeScore ?? [])], polaris: [...(m.docs.peers?.polaris ?? [])] },
    fields: [...(RULE_FIELDS[m.id] ?? [])],
    source: m.docs.source,
  };
}

const WIDTH = 76;

function para(text: string, indent = 4): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : wrapLikeKubectl(line, WIDTH - indent + 4).split('\n').map((l) => pad + l).join('\n')))
    .join('\n');
}

function block(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text.replace(/\n+$/, '').split('\n').map((l) => (l ? pad + l : '')).join('\n');
}

function shortFieldName(key: string): string {
  // io.k8s.api.core.v1.Probe.periodSeconds → Probe.periodSeconds
  const parts = key.split('.');
  return parts.slice(-2).join('.');
}

export function renderRuleReference(ref: RuleReference): string {
  const out: string[] = [];
  out.push(`RULE:       ${ref.id}`);
  out.push(`CATEGORY:   ${ref.category}`);
  out.push(`SEVERITY:   ${ref.severity} (default)`);
  out.push(`FIXABLE:    ${ref.fixable ? 'yes (podlint --fix)' : 'no'}`);
  out.push('');
  out.push('SUMMARY:', para(ref.summary), '');
  out.push('WHAT HAPPENS IN THE CLUSTER, AND WHY:', para(ref.rationale), '');
  out.push('HOW TO FIX IT:', para(ref.remediation), '');
  if (ref.example) {
    out.push('EXAMPLE:', '  Before:', block(ref.example.before, 4), '', '  After:', block(ref.example.after, 4), '');
  }
  out.push('OPTIONS:');
  if (ref.options.length === 0) out.push('    none');
  for (const o of ref.options) {
    out.push(`    ${o.name}${o.type ? ` <${o.type}>` : ''}${o.default !== undefined ? `  default: ${JSON.stringify(o.default)}` : ''}`);
    if (o.description) out.push(para(o.description, 6));
  }
  out.push('', 'MESSAGES:');
  for (const id of Object.keys(ref.messages).sort()) out.push(`    ${id}:`, para(ref.messages[id]!, 6));
  out.push('');
  if (ref.fields.length) {
    out.push('FIELDS IT LOOKS AT:', para(ref.fields.map(shortFieldName).join(', ')), '');
  }
  out.push('HOW TO SUPPRESS IT:');
  out.push('  On one object, with an annotation (a comma-separated list of rule ids):', block(ref.suppress.annotation, 4), '');
  out.push('  On the next line of a manifest, with a comment:', block(ref.suppress.comment, 4), '');
  out.push(`  Everywhere, in the configuration file (${CONFIG_FILE_NAMES[0]}):`, block(ref.suppress.config, 4), '');
  out.push('  Or change its severity there: off, info, warning or error.', '');
  out.push('EQUIVALENT CHECKS IN OTHER TOOLS:');
  const peer = (name: string, list: string[]) => `    ${name.padEnd(12)}${list.length ? list.join(', ') : 'none'}`;
  out.push(peer('kube-linter', ref.peers.kubeLinter), peer('kube-score', ref.peers.kubeScore), peer('Polaris', ref.peers.polaris), '');
  if (ref.source) out.push('KUBERNETES SOURCE:', para(ref.source), '');
  return out.join('\n') + '\n';
}
