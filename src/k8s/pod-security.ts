/**
 * The Pod Security Standards as the PodSecurity admission plugin enforces them: levels, policy versions,
 * the namespace labels, and every check of every policy version.
 *
 * Mirrors staging/src/k8s.io/pod-security-admission (kubernetes/kubernetes, release-1.36):
 * api/constants.go and api/helpers.go (labels, ParseLevel, ParseVersion, PolicyToEvaluate),
 * policy/registry.go (which versioned check applies at a version, and the restricted overrides),
 * policy/check_*.go (the checks and their reasons and details), policy/helpers.go (joinQuote, pluralize,
 * relaxPolicyForUserNamespacePod), policy/visitor.go (init, regular, ephemeral containers, in that order).
 * The code is written from their behaviour; none of it is copied.
 */
import { isRecord } from './podspec.js';

export type PsaLevel = 'privileged' | 'baseline' | 'restricted';
export const PSA_LEVELS: readonly PsaLevel[] = ['privileged', 'baseline', 'restricted'];
export type PsaMode = 'enforce' | 'warn' | 'audit';
export const PSA_MODES: readonly PsaMode[] = ['enforce', 'warn', 'audit'];

/** api/constants.go: the namespace labels. */
export const PSA_LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const psaLevelLabel = (mode: PsaMode): string => `${PSA_LABEL_PREFIX}${mode}`;
export const psaVersionLabel = (mode: PsaMode): string => `${PSA_LABEL_PREFIX}${mode}-version`;

/** api/helpers.go ParseLevel / ParseVersion error details. */
export const PSA_LEVEL_ERROR = `must be one of ${PSA_LEVELS.join(', ')}`;
export const PSA_VERSION_ERROR = 'must be "latest" or "v1.x"';
const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

/** A policy version: `latest` or v1.<minor>. */
export type PsaVersion = 'latest' | number;

export interface LevelVersion {
  level: PsaLevel;
  version: PsaVersion;
}

export type PsaPolicy = Record<PsaMode, LevelVersion>;

/** api.LevelVersion.String(): `restricted:latest`, `baseline:v1.30`. */
export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${lv.version === 'latest' ? 'latest' : `v1.${lv.version}`}`;
}

export function parseLevel(text: string): PsaLevel | undefined {
  return (PSA_LEVELS as readonly string[]).includes(text) ? (text as PsaLevel) : undefined;
}

export function parseVersion(text: string): PsaVersion | undefined {
  if (text === 'latest') return 'latest';
  const m = VERSION_PATTERN.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** `LEVEL[:VERSION]` as --pod-security and the configuration write it; undefined when it does not parse. */
export function parseLevelVersion(text: string): LevelVersion | undefined {
  const i = text.indexOf(':');
  const level = parseLevel(i < 0 ? text : text.slice(0, i));
  const version = i < 0 ? 'latest' : parseVersion(text.slice(i + 1));
  return level && version !== undefined ? { level, version } : undefined;
}

/** The plugin's default policy when nothing is configured: privileged:latest for every mode. */
export const PRIVILEGED_POLICY: PsaPolicy = {
  enforce: { level: 'privileged', version: 'latest' },
  warn: { level: 'privileged', version: 'latest' },
  audit: { level: 'privileged', version: 'latest' },
};

export interface LabelError {
  label: string;
  value: string;
  detail: string;
}

/**
 * PolicyToEvaluate: the namespace's labels over the defaults. A label that does not parse is an error
 * (a Namespace carrying it is rejected on create) and evaluates as the plugin falls back: an enforce level
 * as restricted, a warn or audit level as privileged (fail open), a version as latest.
 */
export function policyToEvaluate(labels: Readonly<Record<string, unknown>> | undefined, defaults: PsaPolicy): { policy: PsaPolicy; errors: LabelError[] } {
  const policy: PsaPolicy = { enforce: { ...defaults.enforce }, warn: { ...defaults.warn }, audit: { ...defaults.audit } };
  const errors: LabelError[] = [];
  if (!labels) return { policy, errors };
  for (const mode of PSA_MODES) {
    const levelText = labels[psaLevelLabel(mode)];
    if (typeof levelText === 'string') {
      const level = parseLevel(levelText);
      if (level) policy[mode].level = level;
      else {
        policy[mode].level = mode === 'enforce' ? 'restricted' : 'privileged';
        errors.push({ label: psaLevelLabel(mode), value: levelText, detail: PSA_LEVEL_ERROR });
      }
    }
    const versionText = labels[psaVersionLabel(mode)];
    if (typeof versionText === 'string') {
      const version = parseVersion(versionText);
      if (version !== undefined) policy[mode].version = version;
      else {
        policy[mode].version = 'latest';
        errors.push({ label: psaVersionLabel(mode), value: versionText, detail: PSA_VERSION_ERROR });
      }
    }
  }
  return { policy, errors };
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/** What a check sees: the pod (template) spec and metadata, with their pointers inside the object. */
export interface PodUnderReview {
  spec: Record<string, unknown>;
  specPath: string;
  metadata: Record<string, unknown> | undefined;
  metadataPath: string;
  /** The Kubernetes minor version of the API server (behaviour patched into a check without a new policy version). */
  kubernetesMinor: number;
  /** The containers, as the checks visit them: filled in by the first check that needs them. */
  visited?: ContainerView[];
}

/** A failed check: the plugin's reason and detail, and where the first failing field is. */
export interface CheckFailure {
  checkId: string;
  reason: string;
  detail: string;
  /** JSON pointer (inside the object) of the first field that fails the check; for a missing field, the field itself. */
  path: string;
}

type Fail = Omit<CheckFailure, 'checkId'>;
type CheckFn = (pod: PodUnderReview) => Fail | undefined;

interface VersionedCheck {
  minimumVersion: number;
  check: CheckFn;
  /** Baseline checks this restricted check replaces at this version and later (OverrideCheckIDs). */
  overrides?: readonly string[];
}

export interface PsaCheck {
  id: string;
  level: 'baseline' | 'restricted';
  versions: readonly VersionedCheck[];
  /** One line for `podlint explain pod-security`. */
  summary: string;
}

/** policy/helpers.go joinQuote. */
function joinQuote(items: readonly string[]): string {
  return items.length ? `"${items.join('", "')}"` : '';
}
function pluralize(singular: string, plural: string, n: number): string {
  return n === 1 ? singular : plural;
}
/** sets.NewString(...).List(): unique and sorted. */
function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(byCodeUnits);
}
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
/** strconv.Quote for the detail strings (escapes as Go does for control characters). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const rec = (v: unknown): Record<string, unknown> | undefined => (isRecord(v) ? v : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export interface ContainerView {
  c: Record<string, unknown>;
  name: string;
  path: string;
  sc: Record<string, unknown> | undefined;
}

/** visitContainers: init containers, containers, ephemeral containers (computed once per pod under review). */
function containers(pod: PodUnderReview): ContainerView[] {
  if (pod.visited) return pod.visited;
  const out: ContainerView[] = [];
  pod.visited = out;
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = pod.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isRecord(c)) return;
      out.push({ c, name: str(c.name), path: `${pod.specPath}/${field}/${i}`, sc: rec(c.securityContext) });
    });
  }
  return out;
}

const podSC = (pod: PodUnderReview) => rec(pod.spec.securityContext);
const podSCPath = (pod: PodUnderReview) => `${pod.specPath}/securityContext`;
const isWindows = (pod: PodUnderReview) => rec(pod.spec.os)?.name === 'windows';
/** relaxPolicyForUserNamespacePod (policy/helpers.go, policy 1.35+): hostUsers explicitly false. */
const inUserNamespace = (pod: PodUnderReview) => pod.spec.hostUsers === false;
const containersPhrase = (names: readonly string[]) => `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');

/** check_privileged.go */
const privileged1_0: CheckFn = (pod) => {
  let bad: ContainerView[] | undefined;
  for (const x of containers(pod)) if (x.sc?.privileged === true) (bad ??= []).push(x);
  if (!bad) return undefined;
  return {
    reason: 'privileged',
    detail: `${containersPhrase(bad.map((x) => x.name))} must not set securityContext.privileged=true`,
    path: `${bad[0]!.path}/securityContext/privileged`,
  };
};

/** check_hostNamespaces.go */
const hostNamespaces1_0: CheckFn = (pod) => {
  const spec = pod.spec;
  if (spec.hostNetwork !== true && spec.hostPID !== true && spec.hostIPC !== true) return undefined;
  const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => spec[f] === true);
  return { reason: 'host namespaces', detail: sortedSet(set).join(', '), path: `${pod.specPath}/${set[0]}` };
};

/** check_hostPathVolumes.go */
const hostPathVolumes1_0: CheckFn = (pod) => {
  const list = pod.spec.volumes;
  if (!Array.isArray(list)) return undefined;
  let bad: Array<{ name: string; i: number }> | undefined;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (isRecord(v) && v.hostPath != null) (bad ??= []).push({ name: str(v.name), i });
  }
  if (!bad) return undefined;
  return {
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad.map((b) => b.name))}`,
    path: `${pod.specPath}/volumes/${bad[0]!.i}/hostPath`,
  };
};

function volumes(pod: PodUnderReview): Array<{ v: Record<string, unknown>; i: number }> {
  const list = pod.spec.volumes;
  if (!Array.isArray(list)) return [];
  const out: Array<{ v: Record<string, unknown>; i: number }> = [];
  list.forEach((v, i) => {
    if (isRecord(v)) out.push({ v, i });
  });
  return out;
}

/** check_hostPorts.go */
const hostPorts1_0: CheckFn = (pod) => {
  let badContainers: string[] | undefined;
  let ports: string[] | undefined;
  let path: string | undefined;
  for (const x of containers(pod)) {
    const list = x.c.ports;
    if (!Array.isArray(list)) continue;
    let bad = false;
    for (let j = 0; j < list.length; j++) {
      const p = list[j];
      const hp = isRecord(p) ? p.hostPort : undefined;
      if (typeof hp === 'number' && hp !== 0) {
        bad = true;
        (ports ??= []).push(String(hp));
        path ??= `${x.path}/ports/${j}/hostPort`;
      }
    }
    if (bad) (badContainers ??= []).push(x.name);
  }
  if (!badContainers) return undefined;
  const distinct = sortedSet(ports!);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
    path: path!,
  };
};

/** check_hostProbesAndhostLifecycle.go */
const PROBE_FIELDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const LIFECYCLE_FIELDS = ['postStart', 'preStop'] as const;
const HOST_HANDLERS = ['httpGet', 'tcpSocket'] as const;
/** The non-empty hosts of a probe or lifecycle handler, with the handler kind. */
function handlerHosts(h: unknown, at: () => string, found: (host: string, path: () => string) => void): void {
  if (!isRecord(h)) return;
  for (const kind of HOST_HANDLERS) {
    const hk = h[kind];
    const host = isRecord(hk) ? hk.host : undefined;
    if (typeof host === 'string' && host !== '') found(host, () => `${at()}/${kind}/host`);
  }
}
const hostProbesAndHostLifecycle1_34: CheckFn = (pod) => {
  let badContainers: Set<string> | undefined;
  let hosts: Set<string> | undefined;
  let path: string | undefined;
  for (const x of containers(pod)) {
    const found = (host: string, at: () => string) => {
      (badContainers ??= new Set()).add(x.name);
      (hosts ??= new Set()).add(host);
      path ??= at();
    };
    for (const f of PROBE_FIELDS) if (x.c[f] !== undefined) handlerHosts(x.c[f], () => `${x.path}/${f}`, found);
    const lifecycle = x.c.lifecycle;
    if (isRecord(lifecycle)) for (const f of LIFECYCLE_FIELDS) if (lifecycle[f] !== undefined) handlerHosts(lifecycle[f], () => `${x.path}/lifecycle/${f}`, found);
  }
  if (!badContainers) return undefined;
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(sortedSet(badContainers))} ${pluralize('uses', 'use', badContainers.size)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts!.size)} ${joinQuote(sortedSet(hosts!))}`,
    path: path!,
  };
};

/** check_capabilities_baseline.go: the default set a container may add. */
export const BASELINE_ADDABLE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

const capabilitiesBaseline1_0: CheckFn = (pod) => {
  let bad: string[] | undefined;
  let caps: string[] | undefined;
  let path: string | undefined;
  for (const x of containers(pod)) {
    const add = rec(x.sc?.capabilities)?.add;
    if (!Array.isArray(add)) continue;
    let valid = true;
    for (let j = 0; j < add.length; j++) {
      const cap = str(add[j]);
      if (!BASELINE_ADDABLE_CAPABILITIES.has(cap)) {
        valid = false;
        (caps ??= []).push(cap);
        path ??= `${x.path}/securityContext/capabilities/add/${j}`;
      }
    }
    if (!valid) (bad ??= []).push(x.name);
  }
  if (!bad) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(bad)} must not include ${joinQuote(sortedSet(caps!))} in securityContext.capabilities.add`,
    path: path!,
  };
};

/** check_capabilities_restricted.go */
const capabilitiesRestricted1_22: CheckFn = (pod) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  let dropPath: string | undefined;
  let addPath: string | undefined;
  for (const x of containers(pod)) {
    const caps = rec(x.sc?.capabilities);
    if (!caps) {
      missingDropAll.push(x.name);
      dropPath ??= `${x.path}/securityContext/capabilities/drop`;
      continue;
    }
    const drop = Array.isArray(caps.drop) ? caps.drop : [];
    if (!drop.includes('ALL')) {
      missingDropAll.push(x.name);
      dropPath ??= `${x.path}/securityContext/capabilities/drop`;
    }
    const add = Array.isArray(caps.add) ? caps.add : [];
    let adds = false;
    add.forEach((c, j) => {
      if (c !== 'NET_BIND_SERVICE') {
        adds = true;
        forbidden.push(str(c));
        addPath ??= `${x.path}/securityContext/capabilities/add/${j}`;
      }
    });
    if (adds) addingForbidden.push(x.name);
  }
  const details: string[] = [];
  if (missingDropAll.length) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length) details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`);
  if (!details.length) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), path: (dropPath ?? addPath)! };
};

/** A check that, from policy 1.25, admits pods with spec.os.name windows (the field cannot be set for them). */
const exceptWindows = (fn: CheckFn): CheckFn => (pod) => (isWindows(pod) ? undefined : fn(pod));

/** check_allowPrivilegeEscalation.go */
const allowPrivilegeEscalation1_8: CheckFn = (pod) => {
  const bad = containers(pod).filter((x) => x.sc?.allowPrivilegeEscalation !== false);
  if (!bad.length) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad.map((x) => x.name))} must set securityContext.allowPrivilegeEscalation=false`,
    path: `${bad[0]!.path}/securityContext/allowPrivilegeEscalation`,
  };
};

/** check_appArmorProfile.go: the deprecated annotation and, from Kubernetes 1.30, the fields. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const APPARMOR_FIELDS_SINCE_MINOR = 30;
const appArmorProfile1_0: CheckFn = (pod) => {
  let setters: string[] | undefined;
  let badTypes: string[] | undefined;
  let path: string | undefined;
  const validType = (p: Record<string, unknown>) => p.type === 'RuntimeDefault' || p.type === 'Localhost';
  if (pod.kubernetesMinor >= APPARMOR_FIELDS_SINCE_MINOR) {
    const podProfile = rec(podSC(pod)?.appArmorProfile);
    if (podProfile && !validType(podProfile)) {
      (setters ??= []).push('pod');
      (badTypes ??= []).push(str(podProfile.type));
      path = `${podSCPath(pod)}/appArmorProfile/type`;
    }
    let bad: string[] | undefined;
    for (const x of containers(pod)) {
      const p = x.sc ? rec(x.sc.appArmorProfile) : undefined;
      if (p && !validType(p)) {
        (bad ??= []).push(x.name);
        (badTypes ??= []).push(str(p.type));
        path ??= `${x.path}/securityContext/appArmorProfile/type`;
      }
    }
    if (bad) (setters ??= []).push(containersPhrase(bad));
  }
  const annotations = rec(pod.metadata?.annotations);
  let forbidden: Array<[string, string]> | undefined;
  if (annotations) {
    for (const k in annotations) {
      if (!k.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      const v = annotations[k];
      const profile = typeof v === 'string' ? v : String(v);
      if (profile === '' || profile === 'runtime/default' || profile.startsWith('localhost/')) continue;
      (forbidden ??= []).push([`${k}=${goQuote(profile)}`, k]);
    }
  }
  if (!setters && !forbidden) return undefined;
  const values = sortedSet(badTypes ?? []);
  if (forbidden) {
    forbidden.sort((a, b) => byCodeUnits(a[0], b[0]));
    values.push(...forbidden.map((f) => f[0]));
    (setters ??= []).push(pluralize('annotation', 'annotations', forbidden.length));
    path ??= `${pod.metadataPath}/annotations/${escapeToken(forbidden[0]![1])}`;
  }
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${setters!.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    path: path!,
  };
};

/** check_seLinuxOptions.go: the allowed types by policy version. */
const SELINUX_TYPES_1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_1_31: ReadonlySet<string> = new Set([...SELINUX_TYPES_1_0, 'container_engine_t']);
const seLinuxOptions = (allowed: ReadonlySet<string>): CheckFn => (pod) => {
  // Most pods set no seLinuxOptions at all.
  const podOpts = rec(podSC(pod)?.seLinuxOptions);
  let any = podOpts !== undefined;
  if (!any) for (const x of containers(pod)) if (x.sc && x.sc.seLinuxOptions != null) any = true;
  if (!any) return undefined;
  const badTypes: string[] = [];
  let setUser = false;
  let setRole = false;
  let path: string | undefined;
  const valid = (o: Record<string, unknown>, at: string) => {
    let ok = true;
    const type = str(o.type);
    if (!allowed.has(type)) {
      ok = false;
      badTypes.push(type);
      path ??= `${at}/type`;
    }
    if (str(o.user) !== '') {
      ok = false;
      setUser = true;
      path ??= `${at}/user`;
    }
    if (str(o.role) !== '') {
      ok = false;
      setRole = true;
      path ??= `${at}/role`;
    }
    return ok;
  };
  const setters: string[] = [];
  if (podOpts && !valid(podOpts, `${podSCPath(pod)}/seLinuxOptions`)) setters.push('pod');
  const bad: string[] = [];
  for (const x of containers(pod)) {
    const o = rec(x.sc?.seLinuxOptions);
    if (o && !valid(o, `${x.path}/securityContext/seLinuxOptions`)) bad.push(x.name);
  }
  if (bad.length) setters.push(containersPhrase(bad));
  if (!setters.length) return undefined;
  const data: string[] = [];
  const types = sortedSet(badTypes);
  if (types.length) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
  if (setUser) data.push('user may not be set');
  if (setRole) data.push('role may not be set');
  return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`, path: path! };
};

/** check_procMount_baseline.go / check_procMount_restricted.go */
const procMount1_0: CheckFn = (pod) => {
  let bad: string[] | undefined;
  let types: string[] | undefined;
  let path: string | undefined;
  for (const x of containers(pod)) {
    const pm = x.sc?.procMount;
    if (pm === undefined || pm === null || pm === 'Default') continue;
    (bad ??= []).push(x.name);
    (types ??= []).push(str(pm));
    path ??= `${x.path}/securityContext/procMount`;
  }
  if (!bad) return undefined;
  return { reason: 'procMount', detail: `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types!))}`, path: path! };
};
const procMount1_35Baseline: CheckFn = (pod) => (inUserNamespace(pod) ? undefined : procMount1_0(pod));

/** check_restrictedVolumes.go: the volume sources restricted pods may use. */
export const RESTRICTED_ALLOWED_VOLUME_SOURCES: readonly string[] = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** The `image` volume source is allowed from Kubernetes 1.33 (patched into the 1.0 check, kubernetes/kubernetes#130394). */
const IMAGE_VOLUME_ALLOWED_SINCE_MINOR = 33;
/** check_restrictedVolumes.go: the names it gives forbidden sources, in the order it tests them. */
const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];
const restrictedVolumes1_0: CheckFn = (pod) => {
  const allowed = pod.kubernetesMinor >= IMAGE_VOLUME_ALLOWED_SINCE_MINOR ? [...RESTRICTED_ALLOWED_VOLUME_SOURCES, 'image'] : RESTRICTED_ALLOWED_VOLUME_SOURCES;
  const bad: string[] = [];
  const types: string[] = [];
  let path: string | undefined;
  for (const { v, i } of volumes(pod)) {
    if (allowed.some((k) => v[k] != null)) continue;
    bad.push(str(v.name));
    const type = RESTRICTED_VOLUME_TYPES.find((k) => v[k] != null) ?? 'unknown';
    types.push(type);
    path ??= type === 'unknown' ? `${pod.specPath}/volumes/${i}` : `${pod.specPath}/volumes/${i}/${type}`;
  }
  if (!bad.length) return undefined;
  const distinct = sortedSet(types);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
    path: path!,
  };
};

/** check_runAsNonRoot.go */
const runAsNonRoot1_0: CheckFn = (pod) => {
  const setters: string[] = [];
  let path: string | undefined;
  let podNonRoot = false;
  const p = podSC(pod)?.runAsNonRoot;
  if (typeof p === 'boolean') {
    if (!p) {
      setters.push('pod');
      path = `${podSCPath(pod)}/runAsNonRoot`;
    } else podNonRoot = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  let implicitPath: string | undefined;
  for (const x of containers(pod)) {
    const v = x.sc?.runAsNonRoot;
    if (typeof v === 'boolean') {
      if (!v) {
        explicit.push(x.name);
        path ??= `${x.path}/securityContext/runAsNonRoot`;
      }
    } else if (!podNonRoot) {
      implicit.push(x.name);
      implicitPath ??= `${x.path}/securityContext/runAsNonRoot`;
    }
  }
  if (explicit.length) setters.push(containersPhrase(explicit));
  if (setters.length) return { reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, path: path! };
  if (implicit.length) return { reason: 'runAsNonRoot != true', detail: `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`, path: implicitPath! };
  return undefined;
};
const runAsNonRoot1_35: CheckFn = (pod) => (inUserNamespace(pod) ? undefined : runAsNonRoot1_0(pod));

/** check_runAsUser.go */
const runAsUser1_23: CheckFn = (pod) => {
  const setters: string[] = [];
  let path: string | undefined;
  if (podSC(pod)?.runAsUser === 0) {
    setters.push('pod');
    path = `${podSCPath(pod)}/runAsUser`;
  }
  const bad: string[] = [];
  for (const x of containers(pod)) {
    if (x.sc?.runAsUser === 0) {
      bad.push(x.name);
      path ??= `${x.path}/securityContext/runAsUser`;
    }
  }
  if (bad.length) setters.push(containersPhrase(bad));
  if (!setters.length) return undefined;
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, path: path! };
};
const runAsUser1_35: CheckFn = (pod) => (inUserNamespace(pod) ? undefined : runAsUser1_23(pod));

/** check_seccompProfile_baseline.go (policy 1.0–1.18): the alpha annotations. */
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const validSeccompAnnotation = (v: string) => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
const seccompProfileBaseline1_0: CheckFn = (pod) => {
  const annotations = rec(pod.metadata?.annotations) ?? {};
  const forbidden: Array<[string, string]> = [];
  const test = (key: string) => {
    if (!Object.prototype.hasOwnProperty.call(annotations, key)) return;
    const v = annotations[key];
    const value = typeof v === 'string' ? v : String(v);
    if (!validSeccompAnnotation(value)) forbidden.push([`${key}=${goQuote(value)}`, key]);
  };
  test(SECCOMP_POD_ANNOTATION);
  for (const x of containers(pod)) test(SECCOMP_CONTAINER_ANNOTATION_PREFIX + x.name);
  if (!forbidden.length) return undefined;
  const list = sortedSet(forbidden.map((f) => f[0]));
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', list.length)} ${list.join(', ')}`,
    path: `${pod.metadataPath}/annotations/${escapeToken(forbidden[0]![1])}`,
  };
};

const validSeccompType = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';

/** check_seccompProfile_baseline.go (1.19+) and check_seccompProfile_restricted.go (1.19+). */
const seccompProfileFields = (restricted: boolean): CheckFn => (pod) => {
  if (!restricted && podSC(pod)?.seccompProfile == null && !containers(pod).some((x) => x.sc && x.sc.seccompProfile != null)) return undefined;
  const setters: string[] = [];
  const values: string[] = [];
  let path: string | undefined;
  let podSet = false;
  const podProfile = rec(podSC(pod)?.seccompProfile);
  if (podProfile) {
    if (!validSeccompType(podProfile.type)) {
      setters.push('pod');
      values.push(str(podProfile.type));
      path = `${podSCPath(pod)}/seccompProfile/type`;
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  let implicitPath: string | undefined;
  for (const x of containers(pod)) {
    const p = rec(x.sc?.seccompProfile);
    if (p) {
      if (!validSeccompType(p.type)) {
        explicit.push(x.name);
        values.push(str(p.type));
        path ??= `${x.path}/securityContext/seccompProfile/type`;
      }
    } else if (restricted && !podSet) {
      implicit.push(x.name);
      implicitPath ??= `${x.path}/securityContext/seccompProfile`;
    }
  }
  if (explicit.length) setters.push(containersPhrase(explicit));
  if (setters.length) {
    return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`, path: path! };
  }
  if (implicit.length) {
    return { reason: 'seccompProfile', detail: `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`, path: implicitPath! };
  }
  return undefined;
};

/** check_sysctls.go: the safe sysctls by the policy version that allowed them. */
export const SAFE_SYSCTLS: ReadonlyArray<{ since: number; names: readonly string[] }> = [
  { since: 0, names: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'] },
  { since: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  { since: 29, names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { since: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
];
const sysctls = (minor: number): CheckFn => {
  const allowed = new Set(SAFE_SYSCTLS.filter((s) => s.since <= minor).flatMap((s) => s.names));
  return (pod) => {
    const list = podSC(pod)?.sysctls;
    if (!Array.isArray(list)) return undefined;
    const bad: string[] = [];
    let path: string | undefined;
    list.forEach((s, i) => {
      const name = isRecord(s) ? str(s.name) : '';
      if (!allowed.has(name)) {
        bad.push(name);
        path ??= `${podSCPath(pod)}/sysctls/${i}/name`;
      }
    });
    if (!bad.length) return undefined;
    return { reason: 'forbidden sysctls', detail: bad.join(', '), path: path! };
  };
};

/** check_windowsHostProcess.go */
const windowsHostProcess1_0: CheckFn = (pod) => {
  let bad: string[] | undefined;
  let path: string | undefined;
  for (const x of containers(pod)) {
    if (x.sc && rec(x.sc.windowsOptions)?.hostProcess === true) {
      (bad ??= []).push(x.name);
      path ??= `${x.path}/securityContext/windowsOptions/hostProcess`;
    }
  }
  const podForbidden = rec(podSC(pod)?.windowsOptions)?.hostProcess === true;
  if (!bad && !podForbidden) return undefined;
  const setters: string[] = [];
  if (podForbidden) {
    setters.push('pod');
    path = `${podSCPath(pod)}/windowsOptions/hostProcess`;
  }
  if (bad) setters.push(containersPhrase(bad));
  return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, path: path! };
};

/** The registry: every check with its versions (policy/check_*.go, Kubernetes 1.36). */
export const PSA_CHECKS: readonly PsaCheck[] = [
  { id: 'appArmorProfile', level: 'baseline', summary: 'AppArmor: the profile may not be Unconfined (field or annotation)', versions: [{ minimumVersion: 0, check: appArmorProfile1_0 }] },
  { id: 'capabilities_baseline', level: 'baseline', summary: 'capabilities.add only from the default set (no NET_RAW, SYS_ADMIN …)', versions: [{ minimumVersion: 0, check: capabilitiesBaseline1_0 }] },
  { id: 'hostNamespaces', level: 'baseline', summary: 'no hostNetwork, hostPID or hostIPC', versions: [{ minimumVersion: 0, check: hostNamespaces1_0 }] },
  { id: 'hostPathVolumes', level: 'baseline', summary: 'no hostPath volumes', versions: [{ minimumVersion: 0, check: hostPathVolumes1_0 }] },
  { id: 'hostPorts', level: 'baseline', summary: 'no hostPort on any container port', versions: [{ minimumVersion: 0, check: hostPorts1_0 }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', summary: 'probes and lifecycle handlers may not set httpGet.host or tcpSocket.host (v1.34+)', versions: [{ minimumVersion: 34, check: hostProbesAndHostLifecycle1_34 }] },
  { id: 'privileged', level: 'baseline', summary: 'no privileged containers', versions: [{ minimumVersion: 0, check: privileged1_0 }] },
  {
    id: 'procMount',
    level: 'baseline',
    summary: 'procMount Default (v1.35+: any value for pods with hostUsers: false)',
    versions: [
      { minimumVersion: 0, check: procMount1_0 },
      { minimumVersion: 35, check: procMount1_35Baseline },
    ],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    summary: 'SELinux type container_t, container_init_t, container_kvm_t (v1.31+: container_engine_t); no user or role',
    versions: [
      { minimumVersion: 0, check: seLinuxOptions(SELINUX_TYPES_1_0) },
      { minimumVersion: 31, check: seLinuxOptions(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    summary: 'seccomp profile RuntimeDefault or Localhost when set (before v1.19: the alpha annotations)',
    versions: [
      { minimumVersion: 0, check: seccompProfileBaseline1_0 },
      { minimumVersion: 19, check: seccompProfileFields(false) },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    summary: 'only safe sysctls (more are safe from v1.27, v1.29, v1.32)',
    versions: [
      { minimumVersion: 0, check: sysctls(0) },
      { minimumVersion: 27, check: sysctls(27) },
      { minimumVersion: 29, check: sysctls(29) },
      { minimumVersion: 32, check: sysctls(32) },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', summary: 'no Windows HostProcess containers', versions: [{ minimumVersion: 0, check: windowsHostProcess1_0 }] },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    summary: 'allowPrivilegeEscalation: false on every container (v1.8+; v1.25+: not for spec.os.name windows)',
    versions: [
      { minimumVersion: 8, check: allowPrivilegeEscalation1_8 },
      { minimumVersion: 25, check: exceptWindows(allowPrivilegeEscalation1_8) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    summary: 'drop ALL capabilities and add none but NET_BIND_SERVICE (v1.22+; v1.25+: not for windows)',
    versions: [
      { minimumVersion: 22, check: capabilitiesRestricted1_22, overrides: ['capabilities_baseline'] },
      { minimumVersion: 25, check: exceptWindows(capabilitiesRestricted1_22), overrides: ['capabilities_baseline'] },
    ],
  },
  { id: 'procMount_restricted', level: 'restricted', summary: 'procMount Default, even with hostUsers: false (v1.35+)', versions: [{ minimumVersion: 35, check: procMount1_0, overrides: ['procMount'] }] },
  { id: 'restrictedVolumes', level: 'restricted', summary: 'only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes', versions: [{ minimumVersion: 0, check: restrictedVolumes1_0, overrides: ['hostPathVolumes'] }] },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    summary: 'runAsNonRoot: true for the pod or every container (v1.35+: not for hostUsers: false)',
    versions: [
      { minimumVersion: 0, check: runAsNonRoot1_0 },
      { minimumVersion: 35, check: runAsNonRoot1_35 },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    summary: 'no runAsUser: 0 (v1.23+; v1.35+: not for hostUsers: false)',
    versions: [
      { minimumVersion: 23, check: runAsUser1_23 },
      { minimumVersion: 35, check: runAsUser1_35 },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    summary: 'seccomp profile RuntimeDefault or Localhost, set for the pod or every container (v1.19+; v1.25+: not for windows)',
    versions: [
      { minimumVersion: 19, check: seccompProfileFields(true), overrides: ['seccompProfile_baseline'] },
      { minimumVersion: 25, check: exceptWindows(seccompProfileFields(true)), overrides: ['seccompProfile_baseline'] },
    ],
  },
];

/** The newest policy version any check defines (what `latest` resolves to on the newest Kubernetes). */
export const PSA_MAX_POLICY_MINOR = Math.max(...PSA_CHECKS.flatMap((c) => c.versions.map((v) => v.minimumVersion)));

/** The versioned check that applies at a policy minor version, if any. */
function versionAt(check: PsaCheck, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const v of check.versions) if (v.minimumVersion <= minor) found = v;
  return found;
}

/**
 * The policy minor version an API server of `kubernetesMinor` evaluates for `version`: `latest`, and
 * any version newer than the server, are the newest the server knows (registry.go clamps to its newest).
 */
export function effectivePolicyMinor(version: PsaVersion, kubernetesMinor: number): number {
  return version === 'latest' ? kubernetesMinor : Math.min(version, kubernetesMinor);
}

/** The checks one level and version run, in the registry's order. */
export type CheckList = ReadonlyArray<{ id: string; check: CheckFn }>;

const checkLists = new Map<string, Array<{ id: string; check: CheckFn }>>();

/** The checks a level and version run (registry.go EvaluatePod), in the registry's order. */
export function checksFor(level: PsaLevel, minor: number): Array<{ id: string; check: CheckFn }> {
  if (level === 'privileged') return [];
  const key = `${level}:${minor}`;
  const known = checkLists.get(key);
  if (known) return known;
  const overridden = new Set<string>();
  if (level === 'restricted') for (const c of PSA_CHECKS) if (c.level === 'restricted') for (const o of versionAt(c, minor)?.overrides ?? []) overridden.add(o);
  const out: Array<{ id: string; check: CheckFn }> = [];
  for (const c of PSA_CHECKS) {
    if (c.level === 'restricted' && level !== 'restricted') continue;
    if (overridden.has(c.id)) continue;
    const v = versionAt(c, minor);
    if (v) out.push({ id: c.id, check: v.check });
  }
  checkLists.set(key, out);
  return out;
}

/** Evaluate a pod (template) against a level and version: the failed checks, each with its reason, detail and location. */
export function evaluatePod(lv: LevelVersion, pod: PodUnderReview): CheckFailure[] {
  return runChecks(checksFor(lv.level, effectivePolicyMinor(lv.version, pod.kubernetesMinor)), pod);
}

/** Run a list of checks (from checksFor) on a pod. */
export function runChecks(checks: CheckList, pod: PodUnderReview): CheckFailure[] {
  if (!checks.length) return [];
  const out: CheckFailure[] = [];
  for (const { id, check } of checks) {
    const f = check(pod);
    if (f) out.push({ checkId: id, ...f });
  }
  return out;
}

/** AggregateCheckResult.ForbiddenDetail for one check: `reason (detail)`. */
export function violationText(f: Pick<CheckFailure, 'reason' | 'detail'>): string {
  return f.detail ? `${f.reason} (${f.detail})` : f.reason;
}
