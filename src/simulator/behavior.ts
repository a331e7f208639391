/**
 * Container behaviour: what a container does when it runs. Kubernetes cannot know it from a manifest,
 * so podlint assumes the simplest thing (runs forever, answers on its declared ports, image pullable)
 * unless the annotation `podlint.io/behavior` or a scenario `behavior` step says otherwise.
 */
import { parseYaml } from '../source/yaml.js';
import { parseDuration, type Ms } from './time.js';

export interface Behavior {
  /** Exit code when the container ends on its own (default 0 when only exitAfter is given). */
  exitCode?: number;
  /** Runs this long after each start, then exits (default: runs forever; 0 with only exitCode). */
  exitAfter?: Ms;
  /** Time after start before it answers probes on its ports. */
  startupTime?: Ms;
  /** Ports it answers on (default: its declared containerPorts). */
  listens?: number[];
  /** Can the image be pulled (default true)? */
  imagePullable?: boolean;
  /** How long a successful first pull of its image takes on a node. */
  pullTime?: Ms;
  /** How long it takes to stop after SIGTERM (default 0: stops at once, exit 143). */
  stopTime?: Ms;
}

export const BEHAVIOR_KEYS = ['exitCode', 'exitAfter', 'startupTime', 'listens', 'imagePullable', 'pullTime', 'stopTime'] as const;

export type BehaviorResult = { ok: true; behavior: Behavior } | { ok: false; error: string };

/** Validate one container's behaviour map (from YAML or from `key=value` words). */
export function parseBehavior(raw: unknown): BehaviorResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: 'a container behaviour must be a map like {exitCode: 1, exitAfter: 2s}' };
  const b: Behavior = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    switch (k) {
      case 'exitCode': {
        const n = typeof v === 'string' ? Number(v) : v;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 255) return { ok: false, error: `exitCode must be an integer from 0 to 255, not ${JSON.stringify(v)}` };
        b.exitCode = n;
        break;
      }
      case 'exitAfter':
      case 'startupTime':
      case 'pullTime':
      case 'stopTime': {
        const d = parseDuration(v);
        if (d === undefined) return { ok: false, error: `${k} must be a duration like 30s, 2m or 1m30s, not ${JSON.stringify(v)}` };
        b[k] = d;
        break;
      }
      case 'listens': {
        const list = typeof v === 'string' ? (v.trim() === '' || v.trim() === 'none' ? [] : v.split(',').map((s) => Number(s.trim()))) : typeof v === 'number' ? [v] : v;
        if (!Array.isArray(list) || !list.every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535)) return { ok: false, error: `listens must be a list of port numbers (e.g. [80, 8080]; "none" or [] for no port), not ${JSON.stringify(v)}` };
        b.listens = list as number[];
        break;
      }
      case 'imagePullable': {
        const t = v === 'true' ? true : v === 'false' ? false : v;
        if (typeof t !== 'boolean') return { ok: false, error: `imagePullable must be true or false, not ${JSON.stringify(v)}` };
        b.imagePullable = t;
        break;
      }
      default:
        return { ok: false, error: `unknown behaviour key "${k}" (known: ${BEHAVIOR_KEYS.join(', ')})` };
    }
  }
  return { ok: true, behavior: b };
}

/** The annotation: a YAML map keyed by container name. */
export function parseBehaviorAnnotation(text: string): { ok: true; byContainer: Record<string, Behavior> } | { ok: false; error: string } {
  const parsed = parseYaml(text);
  const doc = parsed.documents[0];
  if (!doc || doc.fatal) return { ok: false, error: `the podlint.io/behavior annotation is not YAML${doc?.fatal ? `: ${doc.fatal.message}` : ''}` };
  const v = doc.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false, error: 'the podlint.io/behavior annotation must be a map keyed by container name, e.g. {web: {exitCode: 1, exitAfter: 2s}}' };
  const out: Record<string, Behavior> = {};
  for (const [name, raw] of Object.entries(v as Record<string, unknown>)) {
    const r = parseBehavior(raw);
    if (!r.ok) return { ok: false, error: `podlint.io/behavior, container "${name}": ${r.error}` };
    out[name] = r.behavior;
  }
  return { ok: true, byContainer: out };
}

/** Shell-style glob on pod names: `*` any run of characters, `?` one character. */
export function globMatch(glob: string, name: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}
