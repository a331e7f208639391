/**
 * Kubernetes resource quantities, as staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go and
 * suffix.go parse them. Values are exact rationals kept as a BigInt numerator over 10^9 (nano
 * precision), which is enough for every suffix Kubernetes accepts.
 */

/** quantity.go: the syntax every quantity must match (message wording from quantity.go). */
export const QUANTITY_REGEXP_SOURCE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_REGEXP = new RegExp(QUANTITY_REGEXP_SOURCE);
/** quantity.go ErrFormatWrong. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEXP_SOURCE}'`;
/** quantity.go ErrSuffix. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";
/** quantity.go ErrNumeric. */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';

const NANO = 1_000_000_000n;

/** suffix.go: decimal and binary suffixes. */
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Ti: 40, Gi: 30, Pi: 50, Ei: 60 };

export interface Quantity {
  /** The value × 10^9, exact. */
  nanos: bigint;
  /** The text it was parsed from. */
  text: string;
}

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

/** Parse a quantity (a string, or a number as YAML may give it). */
/** Manifests repeat the same few quantities ("100m", "128Mi"): parsed ones are remembered (results are shared: do not change them). */
const quantityCache = new Map<string, QuantityResult>();
const QUANTITY_CACHE_LIMIT = 1000;

export function parseQuantity(input: string | number): QuantityResult {
  if (typeof input !== 'string') return parseQuantityText(input);
  let r = quantityCache.get(input);
  if (r === undefined) {
    r = parseQuantityText(input);
    if (quantityCache.size >= QUANTITY_CACHE_LIMIT) quantityCache.clear();
    quantityCache.set(input, r);
  }
  return r;
}

function parseQuantityText(input: string | number): QuantityResult {
  const text = typeof input === 'number' ? String(input) : input.trim() === input ? input : input;
  if (typeof input === 'number' && !Number.isFinite(input)) return { ok: false, error: ERR_FORMAT_WRONG };
  if (text.length === 0) return { ok: false, error: ERR_FORMAT_WRONG };
  const m = QUANTITY_REGEXP.exec(text);
  if (!m) return { ok: false, error: ERR_FORMAT_WRONG };
  const num = m[1]!;
  const suffix = m[2]!;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(num)) return { ok: false, error: ERR_NUMERIC };
  let pow10 = 0;
  let pow2 = 0;
  if (suffix in DECIMAL_SUFFIX) pow10 = DECIMAL_SUFFIX[suffix]!;
  else if (suffix in BINARY_SUFFIX) pow2 = BINARY_SUFFIX[suffix]!;
  else if (/^[eE][-+]?\d+$/.test(suffix)) pow10 = Number(suffix.slice(1));
  else return { ok: false, error: ERR_SUFFIX };
  const negative = num.startsWith('-');
  const unsigned = num.replace(/^[+-]/, '');
  const [intPart = '0', frac = ''] = unsigned.split('.');
  // value = (int.frac) × 10^pow10 × 2^pow2; keep 9 decimal places, rounding up like RoundUp.
  let digits = BigInt((intPart || '0') + frac);
  let scale = pow10 - frac.length + 9; // multiply digits by 10^scale to get nanos
  let nanos: bigint;
  digits = digits * (1n << BigInt(pow2));
  if (scale >= 0) nanos = digits * 10n ** BigInt(scale);
  else {
    const div = 10n ** BigInt(-scale);
    nanos = digits / div + (digits % div === 0n ? 0n : 1n);
  }
  return { ok: true, quantity: { nanos: negative ? -nanos : nanos, text } };
}

/** Milli-units, rounded up (Quantity.MilliValue). */
export function milliValue(q: Quantity): number {
  const d = 1_000_000n;
  const v = q.nanos >= 0n ? (q.nanos + d - 1n) / d : q.nanos / d;
  return Number(v);
}

/** Whole units, rounded up (Quantity.Value). */
export function unitValue(q: Quantity): number {
  const v = q.nanos >= 0n ? (q.nanos + NANO - 1n) / NANO : q.nanos / NANO;
  return Number(v);
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Parse or undefined: for code that has already reported bad quantities. */
export function quantityOrUndefined(input: unknown): Quantity | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const r = parseQuantity(input);
  return r.ok ? r.quantity : undefined;
}
