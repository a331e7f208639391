/**
 * Simulated time: integer milliseconds from the start of the simulation (no floating drift), parsed
 * from and printed as the strings Kubernetes and kubectl use.
 */

export type Ms = number;

export const SECOND: Ms = 1000;
export const seconds = (s: number): Ms => Math.round(s * SECOND);

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parse a duration as users write it: `30s`, `10m`, `1m30s`, `1.5s`, `500ms`, `2h`, or a bare number
 * of seconds. Returns undefined when it is not a duration.
 */
export function parseDuration(input: unknown): Ms | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? seconds(input) : undefined;
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return seconds(Number(text));
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let pos = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    pos = re.lastIndex;
  }
  if (pos === 0 || pos !== text.length) return undefined;
  return Math.round(total);
}

/**
 * Go's time.Duration.String() for whole-millisecond values: `0s`, `10s`, `1m20s`, `5m0s`, `1h0m0s`,
 * `1.5s`, `500ms` — the form the kubelet prints in `back-off 5m0s restarting failed container`.
 */
export function goDuration(ms: Ms): string {
  if (ms === 0) return '0s';
  if (ms < SECOND) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sMs = ms % 60_000;
  const s = sMs % 1000 === 0 ? String(sMs / 1000) : (sMs / 1000).toFixed(3).replace(/0+$/, '');
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/**
 * kubectl's ages (k8s.io/apimachinery/pkg/util/duration HumanDuration): `45s`, `119s`, `2m5s`, `12m`,
 * `3h10m`, `9h`, `3d4h` …
 */
export function humanDuration(ms: Ms): string {
  const totalSeconds = Math.floor(ms / SECOND);
  if (totalSeconds < 0) return '0s';
  if (totalSeconds < 60 * 2) return `${totalSeconds}s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 10) {
    const s = totalSeconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Seconds as a JSON number: exact to the millisecond. */
export function toSeconds(ms: Ms): number {
  return ms / SECOND;
}

/** A compact clock for the left column of the text output: `0s`, `43s`, `1m21s`, `10m`. */
export function clock(ms: Ms): string {
  if (ms % SECOND !== 0) return `${(ms / SECOND).toFixed(3).replace(/0+$/, '')}s`;
  const s = ms / SECOND;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h}h${m > 0 || r > 0 ? `${m}m` : ''}${r > 0 ? `${r}s` : ''}`;
  if (m > 0) return `${m}m${r > 0 ? `${r}s` : ''}`;
  return `${r}s`;
}
