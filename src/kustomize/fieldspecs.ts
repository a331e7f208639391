/**
 * kustomize's field specs: which fields of which kinds a transformer touches (api/types/fieldspec.go),
 * the defaults kustomize ships (api/konfig/builtinpluginconsts/*.go), the scope of built-in kinds, and the
 * walk over a field path that every transformer shares (api/filters/fieldspec/fieldspec.go).
 */
import type { K8sObject } from '../types.js';
import type { ResId } from './resource.js';

/** A group/version/kind selector: an empty part selects anything (api/resid/gvk.go IsSelected). */
export interface Gvk {
  group?: string;
  version?: string;
  kind?: string;
}

export interface FieldSpec extends Gvk {
  /** Slash-separated path; `\/` is a slash inside a key, `[]` marks a sequence. */
  path: string;
  create?: boolean;
}

export function gvkSelected(id: { group: string; version: string; kind: string }, selector: Gvk): boolean {
  if (selector.group && selector.group !== id.group) return false;
  if (selector.version && selector.version !== id.version) return false;
  if (selector.kind && selector.kind !== id.kind) return false;
  return true;
}

/**
 * Kinds the API server keeps outside namespaces (from the Kubernetes OpenAPI: paths without
 * /namespaces/{namespace}/), by group and kind. kustomize asks kyaml's bundled OpenAPI the same
 * question (kyaml/openapi IsNamespaceScoped); a kind it does not know (a custom resource) is namespaced.
 */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy', 'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'certificates.k8s.io/CertificateSigningRequest', 'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'internal.apiserver.k8s.io/StorageVersion', 'networking.k8s.io/IPAddress', 'networking.k8s.io/IngressClass', 'networking.k8s.io/ServiceCIDR',
  'node.k8s.io/RuntimeClass', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'resource.k8s.io/DeviceClass', 'resource.k8s.io/ResourceSlice', 'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/StorageClass', 'storage.k8s.io/VolumeAttachment',
  'storage.k8s.io/VolumeAttributesClass', 'storagemigration.k8s.io/StorageVersionMigration', 'policy/PodSecurityPolicy',
]);

export function isClusterScoped(id: { group: string; kind: string }): boolean {
  return CLUSTER_SCOPED.has(`${id.group}/${id.kind}`);
}

/** kyaml resid TotallyNotANamespace: what a cluster-scoped object's namespace compares as. */
export const NOT_A_NAMESPACE = '_non_namespaceable_';

/** The namespace ids are compared by (replacements, vars, patch targets): the effective one, or NOT_A_NAMESPACE for cluster-scoped kinds. */
export function comparableNamespace(id: ResId): string {
  return isClusterScoped(id) ? NOT_A_NAMESPACE : effectiveNamespace(id);
}

/** The namespace an id means: '' means `default` for namespaced kinds (api/resid/resid.go EffectiveNamespace). */
export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id)) return '~X';
  return id.namespace === undefined || id.namespace === '' ? 'default' : id.namespace;
}

export function idsEqual(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** kustomize's rendering of an id in messages (api/resid/resid.go String, gvk.go String): `Kind.version.group/name.namespace`. */
export function idString(id: ResId): string {
  const gvk = [id.kind || '[noKind]', id.version || '[noVer]', id.group || '[noGrp]'].join('.');
  return `${gvk}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

/** Path segments of a field spec path (a `\/` is a slash inside one segment). */
export function pathSegments(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && path[i + 1] === '/') {
      cur += '/';
      i++;
    } else if (c === '/') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.filter((s) => s !== '');
}

type Container = Record<string, unknown>;

/**
 * Visit the fields a field spec names (kyaml's fieldspec filter): mappings are followed by key, sequences
 * are walked item by item wherever they are met, a missing key is created (a mapping on the way, `createLeaf`
 * at the end) only when the spec says `create`, the segment is not marked `[]` and the transformer creates
 * fields at all (gives `createLeaf`; kustomize's CreateKind). `visit` gets the parent and key of each field reached.
 */
export function walkFieldSpec(object: K8sObject, spec: FieldSpec, createLeaf: (() => unknown) | undefined, visit: (parent: Container, key: string) => void): void {
  const segs = pathSegments(spec.path);
  const go = (node: unknown, i: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) go(item, i);
      return;
    }
    const raw = segs[i]!;
    const isSeq = raw.endsWith('[]');
    const key = isSeq ? raw.slice(0, -2) : raw;
    const map = node as Container;
    const last = i === segs.length - 1;
    if (!Object.prototype.hasOwnProperty.call(map, key) || map[key] === undefined) {
      if (!spec.create || isSeq || !createLeaf) return;
      if (last) {
        if (!createLeaf) return;
        map[key] = createLeaf();
      } else map[key] = {};
    } else if (map[key] === null) {
      if (!createLeaf) return;
      if (isSeq) map[key] = [];
      else if (!last) map[key] = {};
      else if (createLeaf && spec.create) map[key] = createLeaf();
    }
    if (last) {
      if (map[key] !== undefined) visit(map, key);
      return;
    }
    go(map[key], i + 1);
  };
  if (segs.length > 0) go(object, 0);
}

function parseSpecs(lines: string): FieldSpec[] {
  // The defaults below are written one spec per line: `path [kind] [group] [version] [create]`.
  return lines
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const spec: FieldSpec = { path: '' };
      for (const part of l.split(/\s+/)) {
        const eq = part.indexOf('=');
        if (eq < 0) spec.path = part;
        else {
          const k = part.slice(0, eq);
          const v = part.slice(eq + 1);
          if (k === 'create') spec.create = v === 'true';
          else (spec as unknown as Record<string, string>)[k] = v;
        }
      }
      return spec;
    });
}

// api/konfig/builtinpluginconsts/commonlabels.go and metadatalabels.go
const SELECTOR_LABELS = `
spec/selector create=true version=v1 kind=Service
spec/selector create=true version=v1 kind=ReplicationController
spec/selector/matchLabels create=true kind=Deployment
spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels group=apps kind=Deployment
spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels group=apps kind=Deployment
spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels group=apps kind=Deployment
spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels group=apps kind=Deployment
spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels group=apps kind=Deployment
spec/selector/matchLabels create=true kind=ReplicaSet
spec/selector/matchLabels create=true kind=DaemonSet
spec/selector/matchLabels create=true group=apps kind=StatefulSet
spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels group=apps kind=StatefulSet
spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels group=apps kind=StatefulSet
spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels group=apps kind=StatefulSet
spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels group=apps kind=StatefulSet
spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels group=apps kind=StatefulSet
spec/selector/matchLabels group=batch kind=Job
spec/jobTemplate/spec/selector/matchLabels group=batch kind=CronJob
spec/selector/matchLabels group=policy kind=PodDisruptionBudget
spec/podSelector/matchLabels group=networking.k8s.io kind=NetworkPolicy
spec/ingress/from/podSelector/matchLabels group=networking.k8s.io kind=NetworkPolicy
spec/egress/to/podSelector/matchLabels group=networking.k8s.io kind=NetworkPolicy
`;
const TEMPLATE_LABELS = `
spec/template/metadata/labels create=true version=v1 kind=ReplicationController
spec/template/metadata/labels create=true kind=Deployment
spec/template/metadata/labels create=true kind=ReplicaSet
spec/template/metadata/labels create=true kind=DaemonSet
spec/template/metadata/labels create=true group=apps kind=StatefulSet
spec/volumeClaimTemplates[]/metadata/labels create=true group=apps kind=StatefulSet
spec/template/metadata/labels create=true group=batch kind=Job
spec/jobTemplate/metadata/labels create=true group=batch kind=CronJob
spec/jobTemplate/spec/template/metadata/labels create=true group=batch kind=CronJob
`;
const METADATA_LABELS = 'metadata/labels create=true';

// api/konfig/builtinpluginconsts/commonannotations.go
const COMMON_ANNOTATIONS = `
metadata/annotations create=true
spec/template/metadata/annotations create=true version=v1 kind=ReplicationController
spec/template/metadata/annotations create=true kind=Deployment
spec/template/metadata/annotations create=true kind=ReplicaSet
spec/template/metadata/annotations create=true kind=DaemonSet
spec/template/metadata/annotations create=true group=apps kind=StatefulSet
spec/template/metadata/annotations create=true group=batch kind=Job
spec/jobTemplate/metadata/annotations create=true group=batch kind=CronJob
spec/jobTemplate/spec/template/metadata/annotations create=true group=batch kind=CronJob
`;

// api/konfig/builtinpluginconsts/namespace.go
const NAMESPACE = `
metadata/namespace create=true
metadata/name kind=Namespace create=true
subjects/namespace kind=RoleBinding
subjects/namespace kind=ClusterRoleBinding
spec/service/namespace group=apiregistration.k8s.io kind=APIService create=true
spec/conversion/webhook/clientConfig/service/namespace group=apiextensions.k8s.io kind=CustomResourceDefinition
`;

// api/konfig/builtinpluginconsts/images.go
const IMAGES = `
spec/containers[]/image create=true
spec/initContainers[]/image create=true
spec/template/spec/containers[]/image create=true
spec/template/spec/initContainers[]/image create=true
`;

// api/konfig/builtinpluginconsts/replicas.go
const REPLICAS = `
spec/replicas create=true kind=Deployment
spec/replicas create=true kind=ReplicationController
spec/replicas create=true kind=ReplicaSet
spec/replicas create=true kind=StatefulSet
`;

// api/konfig/builtinpluginconsts/varreference.go (the fields where $(VAR) is replaced)
const VAR_REFERENCE = `
spec/jobTemplate/spec/template/spec/containers/args kind=CronJob
spec/jobTemplate/spec/template/spec/containers/command kind=CronJob
spec/jobTemplate/spec/template/spec/containers/env/value kind=CronJob
spec/jobTemplate/spec/template/spec/containers/volumeMounts/mountPath kind=CronJob
spec/jobTemplate/spec/template/spec/initContainers/args kind=CronJob
spec/jobTemplate/spec/template/spec/initContainers/command kind=CronJob
spec/jobTemplate/spec/template/spec/initContainers/env/value kind=CronJob
spec/jobTemplate/spec/template/spec/initContainers/volumeMounts/mountPath kind=CronJob
spec/jobTemplate/spec/template/volumes/nfs/server kind=CronJob
spec/template/spec/containers/args kind=DaemonSet
spec/template/spec/containers/command kind=DaemonSet
spec/template/spec/containers/env/value kind=DaemonSet
spec/template/spec/containers/volumeMounts/mountPath kind=DaemonSet
spec/template/spec/initContainers/args kind=DaemonSet
spec/template/spec/initContainers/command kind=DaemonSet
spec/template/spec/initContainers/env/value kind=DaemonSet
spec/template/spec/initContainers/volumeMounts/mountPath kind=DaemonSet
spec/template/spec/volumes/nfs/server kind=DaemonSet
spec/template/spec/containers/args kind=Deployment
spec/template/spec/containers/command kind=Deployment
spec/template/spec/containers/env/value kind=Deployment
spec/template/spec/containers/volumeMounts/mountPath kind=Deployment
spec/template/spec/initContainers/args kind=Deployment
spec/template/spec/initContainers/command kind=Deployment
spec/template/spec/initContainers/env/value kind=Deployment
spec/template/spec/initContainers/volumeMounts/mountPath kind=Deployment
spec/template/spec/volumes/nfs/server kind=Deployment
spec/rules/host kind=Ingress
spec/tls/hosts kind=Ingress
spec/tls/secretName kind=Ingress
spec/template/spec/containers/args kind=Job
spec/template/spec/containers/command kind=Job
spec/template/spec/containers/env/value kind=Job
spec/template/spec/containers/volumeMounts/mountPath kind=Job
spec/template/spec/initContainers/args kind=Job
spec/template/spec/initContainers/command kind=Job
spec/template/spec/initContainers/env/value kind=Job
spec/template/spec/initContainers/volumeMounts/mountPath kind=Job
spec/template/spec/volumes/nfs/server kind=Job
spec/containers/args kind=Pod
spec/containers/command kind=Pod
spec/containers/env/value kind=Pod
spec/containers/volumeMounts/mountPath kind=Pod
spec/initContainers/args kind=Pod
spec/initContainers/command kind=Pod
spec/initContainers/env/value kind=Pod
spec/initContainers/volumeMounts/mountPath kind=Pod
spec/volumes/nfs/server kind=Pod
spec/template/spec/containers/args kind=ReplicaSet
spec/template/spec/containers/command kind=ReplicaSet
spec/template/spec/containers/env/value kind=ReplicaSet
spec/template/spec/containers/volumeMounts/mountPath kind=ReplicaSet
spec/template/spec/initContainers/args kind=ReplicaSet
spec/template/spec/initContainers/command kind=ReplicaSet
spec/template/spec/initContainers/env/value kind=ReplicaSet
spec/template/spec/initContainers/volumeMounts/mountPath kind=ReplicaSet
spec/template/spec/volumes/nfs/server kind=ReplicaSet
spec/ports/port kind=Service
spec/ports/targetPort kind=Service
spec/template/spec/containers/args kind=StatefulSet
spec/template/spec/containers/command kind=StatefulSet
spec/template/spec/containers/env/value kind=StatefulSet
spec/template/spec/containers/volumeMounts/mountPath kind=StatefulSet
spec/template/spec/initContainers/args kind=StatefulSet
spec/template/spec/initContainers/command kind=StatefulSet
spec/template/spec/initContainers/env/value kind=StatefulSet
spec/template/spec/initContainers/volumeMounts/mountPath kind=StatefulSet
spec/volumeClaimTemplates/spec/nfs/server kind=StatefulSet
spec/template/spec/volumes/nfs/server kind=StatefulSet
spec/nfs/server kind=PersistentVolume
metadata/labels
metadata/annotations
`;

/** One nameReference entry: objects of `target` kind may be referred to from the `referrers` fields. */
export interface NameBackReference {
  target: Gvk;
  referrers: FieldSpec[];
}

const POD_TEMPLATE_KINDS: Array<[kind: string, prefix: string]> = [
  ['Deployment', 'spec/template/spec'],
  ['ReplicaSet', 'spec/template/spec'],
  ['DaemonSet', 'spec/template/spec'],
  ['StatefulSet', 'spec/template/spec'],
  ['Job', 'spec/template/spec'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec'],
];

function podRefs(fields: string[], kinds: Array<[string, string]>, podFields = fields): FieldSpec[] {
  const out: FieldSpec[] = podFields.map((f) => ({ path: `spec/${f}`, version: 'v1', kind: 'Pod' }));
  for (const [kind, prefix] of kinds) for (const f of fields) out.push({ path: `${prefix}/${f}`, kind });
  return out;
}

/** api/konfig/builtinpluginconsts/namereference.go */
function defaultNameReferences(): NameBackReference[] {
  const scale = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    target: { kind },
    referrers: [{ path: 'spec/scaleTargetRef/name', kind: 'HorizontalPodAutoscaler' }],
  }));
  const cmFields = ['volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name', 'initContainers/env/valueFrom/configMapKeyRef/name', 'containers/envFrom/configMapRef/name', 'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name'];
  const secretFields = ['volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name', 'initContainers/env/valueFrom/secretKeyRef/name', 'containers/envFrom/secretRef/name', 'initContainers/envFrom/secretRef/name', 'imagePullSecrets/name', 'volumes/projected/sources/secret/name'];
  const knative = { group: 'serving.knative.dev', version: 'v1', kind: 'Service' };
  return [
    ...scale,
    {
      target: { version: 'v1', kind: 'ConfigMap' },
      referrers: [
        ...podRefs(cmFields, POD_TEMPLATE_KINDS),
        { path: 'spec/configSource/configMap', kind: 'Node' },
        { path: 'rules/resourceNames', kind: 'Role' },
        { path: 'rules/resourceNames', kind: 'ClusterRole' },
        { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', kind: 'Ingress' },
        { path: 'spec/template/spec/containers/env/valueFrom/configMapKeyRef/name', ...knative },
        { path: 'spec/template/spec/containers/envFrom/configMapRef/name', ...knative },
      ],
    },
    {
      target: { version: 'v1', kind: 'Secret' },
      referrers: [
        ...podRefs(secretFields, POD_TEMPLATE_KINDS),
        { path: 'spec/tls/secretName', kind: 'Ingress' },
        { path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
        { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
        { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', kind: 'Ingress' },
        { path: 'imagePullSecrets/name', kind: 'ServiceAccount' },
        { path: 'parameters/secretName', kind: 'StorageClass' },
        { path: 'parameters/adminSecretName', kind: 'StorageClass' },
        { path: 'parameters/userSecretName', kind: 'StorageClass' },
        { path: 'parameters/secretRef', kind: 'StorageClass' },
        { path: 'rules/resourceNames', kind: 'Role' },
        { path: 'rules/resourceNames', kind: 'ClusterRole' },
        { path: 'spec/template/spec/containers/env/valueFrom/secretKeyRef/name', ...knative },
        { path: 'spec/azureFile/secretName', kind: 'PersistentVolume' },
      ],
    },
    {
      target: { version: 'v1', kind: 'Service' },
      referrers: [
        { path: 'spec/serviceName', kind: 'StatefulSet', group: 'apps' },
        { path: 'spec/rules/http/paths/backend/serviceName', kind: 'Ingress' },
        { path: 'spec/backend/serviceName', kind: 'Ingress' },
        { path: 'spec/rules/http/paths/backend/service/name', kind: 'Ingress' },
        { path: 'spec/defaultBackend/service/name', kind: 'Ingress' },
        { path: 'spec/service/name', kind: 'APIService', group: 'apiregistration.k8s.io' },
        { path: 'webhooks/clientConfig/service', kind: 'ValidatingWebhookConfiguration', group: 'admissionregistration.k8s.io' },
        { path: 'webhooks/clientConfig/service', kind: 'MutatingWebhookConfiguration', group: 'admissionregistration.k8s.io' },
      ],
    },
    { target: { kind: 'Role', group: 'rbac.authorization.k8s.io' }, referrers: [{ path: 'roleRef/name', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' }] },
    {
      target: { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io' },
      referrers: [
        { path: 'roleRef/name', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' },
        { path: 'roleRef/name', kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io' },
      ],
    },
    {
      target: { version: 'v1', kind: 'ServiceAccount' },
      referrers: [
        { path: 'subjects', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' },
        { path: 'subjects', kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io' },
        { path: 'spec/serviceAccountName', kind: 'Pod' },
        ...['StatefulSet', 'Deployment', 'ReplicationController', 'Job', 'DaemonSet'].map((kind) => ({ path: 'spec/template/spec/serviceAccountName', kind })),
        { path: 'spec/jobTemplate/spec/template/spec/serviceAccountName', kind: 'CronJob' },
      ],
    },
    {
      target: { version: 'v1', kind: 'PersistentVolumeClaim' },
      referrers: [
        { path: 'spec/volumes/persistentVolumeClaim/claimName', kind: 'Pod' },
        ...['StatefulSet', 'Deployment', 'ReplicationController', 'Job', 'DaemonSet'].map((kind) => ({ path: 'spec/template/spec/volumes/persistentVolumeClaim/claimName', kind })),
        { path: 'spec/jobTemplate/spec/template/spec/volumes/persistentVolumeClaim/claimName', kind: 'CronJob' },
      ],
    },
    {
      target: { version: 'v1', kind: 'PersistentVolume' },
      referrers: [
        { path: 'spec/volumeName', kind: 'PersistentVolumeClaim' },
        { path: 'rules/resourceNames', kind: 'ClusterRole' },
      ],
    },
    {
      target: { version: 'v1', group: 'storage.k8s.io', kind: 'StorageClass' },
      referrers: [
        { path: 'spec/storageClassName', kind: 'PersistentVolume' },
        { path: 'spec/storageClassName', kind: 'PersistentVolumeClaim' },
        { path: 'spec/volumeClaimTemplates/spec/storageClassName', kind: 'StatefulSet' },
      ],
    },
    {
      target: { version: 'v1', group: 'scheduling.k8s.io', kind: 'PriorityClass' },
      referrers: [
        { path: 'spec/priorityClassName', kind: 'Pod' },
        ...['StatefulSet', 'Deployment', 'ReplicationController', 'Job', 'DaemonSet'].map((kind) => ({ path: 'spec/template/spec/priorityClassName', kind })),
        { path: 'spec/jobTemplate/spec/template/spec/priorityClassName', kind: 'CronJob' },
      ],
    },
    { target: { version: 'v1', group: 'networking.k8s.io/v1', kind: 'IngressClass' }, referrers: [{ path: 'spec/ingressClassName', kind: 'Ingress' }] },
  ];
}

/** The field specs of every transformer (kustomize's TransformerConfig), the defaults merged with `configurations:` files. */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  varReference: FieldSpec[];
  nameReference: NameBackReference[];
}

export function defaultTransformerConfig(): TransformerConfig {
  return {
    namePrefix: [{ path: 'metadata/name' }],
    nameSuffix: [{ path: 'metadata/name' }],
    namespace: parseSpecs(NAMESPACE),
    commonLabels: [...parseSpecs(SELECTOR_LABELS), ...parseSpecs(METADATA_LABELS), ...parseSpecs(TEMPLATE_LABELS)],
    templateLabels: parseSpecs(TEMPLATE_LABELS),
    commonAnnotations: parseSpecs(COMMON_ANNOTATIONS),
    images: parseSpecs(IMAGES),
    replicas: parseSpecs(REPLICAS),
    varReference: parseSpecs(VAR_REFERENCE),
    nameReference: defaultNameReferences(),
  };
}

function sameSpec(a: FieldSpec, b: FieldSpec): boolean {
  return a.path === b.path && (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '');
}

/** Add specs not already present (api/types/fieldspec.go FsSlice.MergeAll; a duplicate with another `create` is kustomize's conflict error). */
export function mergeSpecs(into: FieldSpec[], more: FieldSpec[]): FieldSpec[] {
  const out = [...into];
  for (const s of more) {
    const have = out.find((o) => sameSpec(o, s));
    if (!have) out.push(s);
    else if (Boolean(have.create) !== Boolean(s.create)) throw new Error(`conflicting fieldspecs`);
  }
  return out;
}

export function mergeConfig(a: TransformerConfig, b: Partial<TransformerConfig>): TransformerConfig {
  const out = { ...a };
  for (const key of ['namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'templateLabels', 'commonAnnotations', 'images', 'replicas', 'varReference'] as const) {
    if (b[key]) out[key] = mergeSpecs(a[key], b[key]!);
  }
  if (b.nameReference) {
    const refs = a.nameReference.map((r) => ({ target: r.target, referrers: [...r.referrers] }));
    for (const r of b.nameReference) {
      const have = refs.find((x) => (x.target.group ?? '') === (r.target.group ?? '') && (x.target.version ?? '') === (r.target.version ?? '') && x.target.kind === r.target.kind);
      if (have) have.referrers = mergeSpecs(have.referrers, r.referrers);
      else refs.push({ target: r.target, referrers: [...r.referrers] });
    }
    out.nameReference = refs;
  }
  return out;
}

/** A field spec as written in a `configurations:` file (group/version/kind/path/create). */
export function fieldSpecFrom(v: unknown): FieldSpec | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.path !== 'string') return undefined;
  const spec: FieldSpec = { path: o.path };
  for (const k of ['group', 'version', 'kind'] as const) if (typeof o[k] === 'string') spec[k] = o[k] as string;
  if (o.create === true) spec.create = true;
  return spec;
}
