/**
 * Rendering fix values as YAML or JSON text that reads back, through podlint's own reader (go-yaml v2
 * scalar rules, see src/source/scalars.ts), as exactly the value the fix asked for.
 */
import { resolvePlainScalar } from '../source/scalars.js';

/** Characters a plain scalar may contain here (a conservative subset: no spaces, no flow indicators). */
const PLAIN_SAFE = /^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/;

export type Scalar = string | number | boolean | null;

export function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** A string is written plain only when Kubernetes' decoder would read it back as the same string. */
export function plainSafe(s: string): boolean {
  return PLAIN_SAFE.test(s) && !s.endsWith(':') && resolvePlainScalar(s) === s;
}

/** A scalar in block context: plain when that reads back unchanged, else a JSON (double-quoted) string. */
export function blockScalar(v: Scalar): string {
  if (typeof v === 'string') return plainSafe(v) ? v : JSON.stringify(v);
  return v === null ? 'null' : String(v);
}

/** A scalar in a flow collection: `json` keeps a JSON file JSON. */
export function flowScalar(v: Scalar, json: boolean): string {
  return json ? JSON.stringify(v) : blockScalar(v);
}

export interface BlockStyle {
  /** Spaces per nesting level. */
  unit: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false, kubectl's style). */
  indentSequences: boolean;
}

/**
 * The lines of a block mapping `key: value` at `indent` spaces, for a mapping entry that is inserted
 * or whose value is replaced. Empty collections are written in flow style (`{}`, `[]`).
 */
export function blockEntry(key: string, value: unknown, indent: number, style: BlockStyle): string[] {
  const pad = ' '.repeat(indent);
  const k = blockScalar(key);
  if (isScalar(value)) return [`${pad}${k}: ${blockScalar(value)}`];
  if (isEmptyCollection(value)) return [`${pad}${k}: ${Array.isArray(value) ? '[]' : '{}'}`];
  return [`${pad}${k}:`, ...blockValue(value, Array.isArray(value) && !style.indentSequences ? indent : indent + style.unit, style)];
}

/** The lines of a non-empty collection value at `indent`. */
export function blockValue(value: unknown, indent: number, style: BlockStyle): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    const lines: string[] = [];
    for (const item of value) {
      if (isScalar(item) || isEmptyCollection(item)) {
        lines.push(`${pad}- ${isScalar(item) ? blockScalar(item) : Array.isArray(item) ? '[]' : '{}'}`);
        continue;
      }
      // The item's first line goes on the dash line; the rest keep the item's indentation (indent + 2).
      const inner = blockValue(item, indent + 2, style);
      lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
    }
    return lines;
  }
  const lines: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) lines.push(...blockEntry(k, v, indent, style));
  return lines;
}

/**
 * A value inside a flow collection: JSON (multi-line with `unit` spaces, continuation lines indented by
 * `indent`) in a JSON file, else YAML flow style on one line (`{matchLabels: {app: web}}`).
 */
export function flowValue(value: unknown, json: boolean, indent: number, unit: number, multiline: boolean): string {
  if (!json) return yamlFlow(value);
  if (!multiline) return JSON.stringify(value);
  return JSON.stringify(value, null, unit).split('\n').join('\n' + ' '.repeat(indent));
}

function yamlFlow(value: unknown): string {
  if (isScalar(value)) return blockScalar(value);
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${blockScalar(k)}: ${yamlFlow(v)}`).join(', ')}}`;
}

function isEmptyCollection(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
}
