/**
 * Walking a pod spec the way Kubernetes validation does (pkg/apis/core/validation/validation.go,
 * ValidatePodSpec → validateContainers / validateInitContainers / validateEphemeralContainers): every
 * container with its JSON pointer, its kind and whether it is a sidecar, every probe of every
 * container, and JSON pointer → Kubernetes field path (`spec.containers[0].name`) for messages.
 *
 * Manifests are untrusted: everything here tolerates wrong types (the schema rules report those) and
 * simply skips what is not the shape it expects.
 */
import type { Container, EphemeralContainer, Probe } from 'kubernetes-types/core/v1.js';
import type { PodSpecTarget } from '../engine/rule.js';
import { escapeToken, pointerTokens } from '../source/locate.js';

export type ContainerKind = 'container' | 'init' | 'ephemeral';
/** The kinds in the order containersOf lists them: containers, then initContainers, then ephemeralContainers. */
const CONTAINER_KINDS: readonly ContainerKind[] = ['container', 'init', 'ephemeral'];

/** The pod spec fields that hold containers, by kind (core/v1 PodSpec). */
export const CONTAINER_FIELDS: Record<ContainerKind, 'containers' | 'initContainers' | 'ephemeralContainers'> = {
  container: 'containers',
  init: 'initContainers',
  ephemeral: 'ephemeralContainers',
};

/** ContainerRestartPolicyAlways, staging/src/k8s.io/api/core/v1/types.go: an init container with it is a sidecar. */
export const SIDECAR_RESTART_POLICY = 'Always';

export interface ContainerRef {
  container: Container | EphemeralContainer;
  /** JSON pointer of the container inside its object, e.g. '/spec/template/spec/containers/0'. */
  path: string;
  kind: ContainerKind;
  /** Index inside its own list. */
  index: number;
  /** An init container with `restartPolicy: Always` (a sidecar, KEP-753). */
  isSidecar: boolean;
  /** The container's `name` when it is a string. */
  name?: string;
}

export type ProbeType = 'liveness' | 'readiness' | 'startup';

export const PROBE_FIELDS: Record<ProbeType, 'livenessProbe' | 'readinessProbe' | 'startupProbe'> = {
  liveness: 'livenessProbe',
  readiness: 'readinessProbe',
  startup: 'startupProbe',
};

export interface ProbeRef {
  probe: Probe;
  /** JSON pointer of the probe, e.g. '/spec/containers/0/livenessProbe'. */
  path: string;
  type: ProbeType;
  container: ContainerRef;
}

/** The four probe handlers (ProbeHandler, core/v1 types.go), in Kubernetes' validation order. */
export const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
export type ProbeHandler = (typeof PROBE_HANDLERS)[number];

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface ContainerIterationOptions {
  /** Include regular containers (default true). */
  containers?: boolean;
  /** Include init containers (default true). */
  init?: boolean;
  /** Include ephemeral containers (default false: they are added by `kubectl debug`, rarely in manifests). */
  ephemeral?: boolean;
}

/**
 * Every rule that looks at containers or probes asks for them, one pod spec after the other: the lists
 * of the last pod spec asked about are kept (per path and options) and shared, read-only, and each
 * container's reference is made once for all of them.
 */
let lastSpec: object | undefined;
let lastSpecPath = '';
const ALL: ContainerIterationOptions = {};
let lastLists: Array<readonly ContainerRef[] | readonly ProbeRef[] | undefined> = [];
let lastKinds: Array<readonly ContainerRef[] | undefined> = [];
function cached(target: Pick<PodSpecTarget, 'spec' | 'specPath'>, probes: boolean, opts: ContainerIterationOptions): readonly ContainerRef[] | readonly ProbeRef[] {
  const spec = target.spec as unknown;
  if (!isRecord(spec)) return [];
  if (spec !== lastSpec || target.specPath !== lastSpecPath) {
    lastSpec = spec;
    lastSpecPath = target.specPath;
    lastLists = [];
    lastKinds = [];
  }
  const slot = (probes ? 8 : 0) + (opts.containers === false ? 0 : 4) + (opts.init === false ? 0 : 2) + (opts.ephemeral === true ? 1 : 0);
  let list = lastLists[slot];
  if (!list) lastLists[slot] = list = probes ? listProbes(target, opts) : listContainers(target, spec, opts);
  return list;
}

/**
 * The containers of a pod spec, in order: containers, then initContainers, then (when asked)
 * ephemeralContainers. Entries that are not objects are skipped. The list is shared: do not change it.
 */
export function containersOf(target: Pick<PodSpecTarget, 'spec' | 'specPath'>, opts: ContainerIterationOptions = ALL): readonly ContainerRef[] {
  return cached(target, false, opts) as readonly ContainerRef[];
}

function listContainers(target: Pick<PodSpecTarget, 'spec' | 'specPath'>, spec: Record<string, unknown>, opts: ContainerIterationOptions): readonly ContainerRef[] {
  const chosen: Array<readonly ContainerRef[]> = [];
  for (let k = 0; k < CONTAINER_KINDS.length; k++) {
    const kind = CONTAINER_KINDS[k]!;
    if (kind === 'container' ? opts.containers === false : kind === 'init' ? opts.init === false : opts.ephemeral !== true) continue;
    const refs = (lastKinds[k] ??= containersOfKind(target.specPath, spec, kind));
    if (refs.length) chosen.push(refs);
  }
  return chosen.length === 1 ? chosen[0]! : chosen.length === 0 ? [] : chosen.flat();
}

/** The containers of one kind (one field of the pod spec), each with its pointer. */
function containersOfKind(specPath: string, spec: Record<string, unknown>, kind: ContainerKind): ContainerRef[] {
  const out: ContainerRef[] = [];
  const field = CONTAINER_FIELDS[kind];
  const list = spec[field];
  if (!Array.isArray(list)) return out;
  for (let index = 0; index < list.length; index++) {
    const c: unknown = list[index];
    if (!isRecord(c)) continue;
    const ref: ContainerRef = {
      container: c as unknown as Container,
      path: `${specPath}/${field}/${index}`,
      kind,
      index,
      isSidecar: kind === 'init' && c.restartPolicy === SIDECAR_RESTART_POLICY,
    };
    if (typeof c.name === 'string') ref.name = c.name;
    out.push(ref);
  }
  return out;
}

/**
 * Every probe of the pod spec's containers and init containers, in container order, then liveness,
 * readiness, startup. Kubernetes accepts probes on init containers only for sidecars; they are
 * included anyway so rules about a probe's content still see them (a separate rule reports the
 * forbidden ones). The list is shared: do not change it.
 */
export function probesOf(target: Pick<PodSpecTarget, 'spec' | 'specPath'>, opts: ContainerIterationOptions = ALL): readonly ProbeRef[] {
  return cached(target, true, opts) as readonly ProbeRef[];
}

function listProbes(target: Pick<PodSpecTarget, 'spec' | 'specPath'>, opts: ContainerIterationOptions): ProbeRef[] {
  const out: ProbeRef[] = [];
  for (const c of containersOf(target, opts)) {
    for (const type of ['liveness', 'readiness', 'startup'] as const) {
      const field = PROBE_FIELDS[type];
      const probe = (c.container as unknown as Record<string, unknown>)[field];
      if (!isRecord(probe)) continue;
      out.push({ probe: probe as Probe, path: `${c.path}/${field}`, type, container: c });
    }
  }
  return out;
}

/** The handlers a probe sets (non-null values), in PROBE_HANDLERS order. */
export function probeHandlers(probe: unknown): ProbeHandler[] {
  if (!isRecord(probe)) return [];
  return PROBE_HANDLERS.filter((h) => probe[h] !== undefined && probe[h] !== null);
}

/** The named ports (`ports[].name`) a container declares. */
export function containerPortNames(container: unknown): Set<string> {
  const names = new Set<string>();
  if (!isRecord(container) || !Array.isArray(container.ports)) return names;
  for (const p of container.ports) if (isRecord(p) && typeof p.name === 'string') names.add(p.name);
  return names;
}

/**
 * Map-valued fields whose keys Kubernetes prints as `[key]` in a field path
 * (field.Path.Key, staging/src/k8s.io/apimachinery/pkg/util/validation/field/path.go).
 */
const MAP_FIELDS = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector', 'limits', 'requests', 'data', 'stringData']);

/**
 * JSON pointer → Kubernetes field path: '/spec/template/spec/containers/0/name' becomes
 * 'spec.template.spec.containers[0].name', '/metadata/labels/app' becomes 'metadata.labels[app]'
 * (the rendering of field.Path.String()).
 */
export function fieldPath(pointer: string): string {
  // Rules ask for the same few paths on every object of a run: remember them.
  let cached = fieldPathCache.get(pointer);
  if (cached === undefined) {
    cached = computeFieldPath(pointer);
    if (fieldPathCache.size >= FIELD_PATH_CACHE_LIMIT) fieldPathCache.clear();
    fieldPathCache.set(pointer, cached);
  }
  return cached;
}

const FIELD_PATH_CACHE_LIMIT = 10_000;
const fieldPathCache = new Map<string, string>();

function computeFieldPath(pointer: string): string {
  let out = '';
  let prev: string | undefined;
  for (const t of pointerTokens(pointer)) {
    if (/^(0|[1-9][0-9]*)$/.test(t) && prev !== undefined && !MAP_FIELDS.has(prev)) out += `[${t}]`;
    else if (prev !== undefined && MAP_FIELDS.has(prev)) out += `[${t}]`;
    else out += out === '' ? t : `.${t}`;
    prev = prev !== undefined && MAP_FIELDS.has(prev) ? undefined : t;
  }
  return out;
}

/** Append tokens to a pointer, escaping them (for map keys such as label names). */
export function childPointer(pointer: string, ...tokens: Array<string | number>): string {
  return pointer + tokens.map((t) => '/' + escapeToken(String(t))).join('');
}
