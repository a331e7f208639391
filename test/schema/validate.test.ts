import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/source/yaml.js';
import { kindStatus, validateObject } from '../../src/schema/validate.js';
import { closestName, editDistance } from '../../src/schema/suggest.js';
import { KUBERNETES_VERSIONS } from '../../src/schema/versions.js';
import type { SchemaProblem } from '../../src/engine/rule.js';
import { indent, POD_SPEC, WORKLOADS } from './workloads.js';

/** Parse one YAML document and validate it. */
function validate(yaml: string, version = '1.36'): SchemaProblem[] | null {
  const docs = parseYaml(yaml).documents;
  expect(docs).toHaveLength(1);
  expect(docs[0]!.fatal).toBeUndefined();
  return validateObject(docs[0]!.value, version);
}

/** Just type and pointer (and field for 'required'), in report order. */
function brief(problems: SchemaProblem[] | null): Array<[string, string, string?]> | null {
  return problems && problems.map((p) => (p.field !== undefined ? [p.type, p.path, p.field] : [p.type, p.path]));
}

describe('validateObject: workload kinds', () => {
  for (const [kind, w] of Object.entries(WORKLOADS)) {
    describe(kind, () => {
      it('accepts a valid manifest in every bundled version', () => {
        for (const v of KUBERNETES_VERSIONS) expect(validate(w.yaml(POD_SPEC), v), `${kind} ${v}`).toEqual([]);
      });

      it('reports an unknown field in the container, with a suggestion', () => {
        const problems = validate(w.yaml(POD_SPEC.replace('imagePullPolicy', 'imagePullPolice')));
        expect(brief(problems)).toEqual([['unknown-field', `${w.spec}/containers/0/imagePullPolice`]]);
        expect(problems![0]!.message).toBe('unknown field "imagePullPolice" in io.k8s.api.core.v1.Container');
        expect(problems![0]!.suggestion).toBe('imagePullPolicy');
      });

      it('reports a field with the wrong case as unknown (decoding is case-sensitive)', () => {
        const problems = validate(w.yaml(POD_SPEC.replace('imagePullPolicy', 'ImagePullPolicy')));
        expect(brief(problems)).toEqual([['unknown-field', `${w.spec}/containers/0/ImagePullPolicy`]]);
        expect(problems![0]!.suggestion).toBe('imagePullPolicy');
      });

      it('reports a string where an integer is expected, and a number where a string is expected', () => {
        const problems = validate(w.yaml(POD_SPEC.replace('containerPort: 80', 'containerPort: "80"').replace('image: nginx:1.27', 'image: 123')));
        expect(brief(problems)).toEqual([
          ['invalid-type', `${w.spec}/containers/0/image`],
          ['invalid-type', `${w.spec}/containers/0/ports/0/containerPort`],
        ]);
        expect(problems![0]!.message).toBe('invalid type for io.k8s.api.core.v1.Container.image: got "integer", expected "string"');
        expect(problems![1]!.message).toBe('invalid type for io.k8s.api.core.v1.ContainerPort.containerPort: got "string", expected "integer"');
      });

      it('reports a missing required field at the object that misses it', () => {
        const problems = validate(w.yaml(POD_SPEC.replace('- name: web\n  image', '- image')));
        expect(brief(problems)).toEqual([['required', `${w.spec}/containers/0`, 'name']]);
        expect(problems![0]!.message).toBe('missing required field "name" in io.k8s.api.core.v1.Container');
      });

      it('reports a pod spec without containers', () => {
        const spec = 'restartPolicy: Always\nvolumes:\n- name: data\n  emptyDir: {}';
        expect(brief(validate(w.yaml(spec)))).toEqual([['required', w.spec, 'containers']]);
      });

      it('reports a scalar where a list of objects is expected, and an object where a list is expected', () => {
        const spec = POD_SPEC.replace(/^containers:\n[^]*?(?=restartPolicy)/m, 'containers: nginx\nvolumes: {name: data}\n');
        const problems = validate(w.yaml(spec));
        expect(brief(problems)).toEqual([
          ['invalid-type', `${w.spec}/containers`],
          ['invalid-type', `${w.spec}/volumes`],
        ]);
        expect(problems![0]!.message).toBe('invalid type for io.k8s.api.core.v1.PodSpec.containers: got "string", expected "array"');
        expect(problems![1]!.message).toBe('invalid type for io.k8s.api.core.v1.PodSpec.volumes: got "map", expected "array"');
      });
    });
  }

  it('reports controller-level problems at their own path', () => {
    const rs = WORKLOADS.ReplicaSet!.yaml(POD_SPEC).replace('replicas: 3', 'replica: three');
    const problems = validate(rs);
    expect(brief(problems)).toEqual([
      ['unknown-field', '/spec/replica'],
    ]);
    expect(problems![0]!.suggestion).toBe('replicas');
    expect(brief(validate(WORKLOADS.ReplicaSet!.yaml(POD_SPEC).replace('replicas: 3', 'replicas: "3"')))).toEqual([['invalid-type', '/spec/replicas']]);
    expect(validate(WORKLOADS.ReplicaSet!.yaml(POD_SPEC).replace('replicas: 3', 'replicas: "3"'))![0]!.message).toBe(
      'invalid type for io.k8s.api.apps.v1.ReplicaSetSpec.replicas: got "string", expected "integer"',
    );
    // A ReplicaSet needs a selector; a ReplicationController does not.
    expect(brief(validate(WORKLOADS.ReplicaSet!.yaml(POD_SPEC).replace(/  selector:\n[^]*?(?=  template:)/, '')))).toEqual([['required', '/spec', 'selector']]);
    expect(validate(WORKLOADS.ReplicationController!.yaml(POD_SPEC).replace('  selector:\n    app: web\n', ''))).toEqual([]);
    // A CronJob needs a schedule and a jobTemplate.
    expect(brief(validate('apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {}\n'))).toEqual([
      ['required', '/spec', 'jobTemplate'],
      ['required', '/spec', 'schedule'],
    ]);
    // The unknown top-level field from kubectl's documentation.
    const rc = WORKLOADS.ReplicationController!.yaml(POD_SPEC).replace('metadata:\n  name: web', 'metadate:\n  name: web');
    const p = validate(rc)!;
    expect(p.map((x) => [x.type, x.path, x.message, x.suggestion])).toEqual([
      ['unknown-field', '/metadate', 'unknown field "metadate" in io.k8s.api.core.v1.ReplicationController', 'metadata'],
    ]);
  });
});

describe('validateObject: decoding rules', () => {
  const pod = (container: string, extra = '') =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${extra}spec:\n  containers:\n  - name: c\n    image: nginx\n${indent(container, 4)}\n`;

  it('counts a null required field as missing, as kubectl does', () => {
    expect(brief(validate(pod('ports:\n- containerPort: null\n  name: http')))).toEqual([['required', '/spec/containers/0/ports/0', 'containerPort']]);
  });

  it('accepts null anywhere else (it decodes to the zero value)', () => {
    expect(validate(pod('args: null\nports:\n- null\nresources: {limits: {cpu: null}}', 'status: null\n'))).toEqual([]);
    expect(validate('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  creationTimestamp: null\nspec:\n  ports: [{port: 80, targetPort: 80}]\n')).toEqual([]);
  });

  it('rejects numbers and booleans where strings are expected (label values, args, env values)', () => {
    const problems = validate(pod('args: [--port, 8080]\nenv:\n- {name: DEBUG, value: true}', '  labels:\n    version: 1.0\n'));
    expect(problems!.map((p) => [p.path, p.message])).toEqual([
      ['/metadata/labels/version', 'invalid type for io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.labels: got "integer", expected "string"'],
      ['/spec/containers/0/args/1', 'invalid type for io.k8s.api.core.v1.Container.args: got "integer", expected "string"'],
      ['/spec/containers/0/env/0/value', 'invalid type for io.k8s.api.core.v1.EnvVar.value: got "boolean", expected "string"'],
    ]);
  });

  it('rejects a fraction where an integer is expected, and an int32 out of range', () => {
    const problems = validate(pod('ports:\n- containerPort: 80.5\n- containerPort: 3000000000'));
    expect(problems!.map((p) => [p.path, p.message])).toEqual([
      ['/spec/containers/0/ports/0/containerPort', 'invalid type for io.k8s.api.core.v1.ContainerPort.containerPort: got "number", expected "integer"'],
      ['/spec/containers/0/ports/1/containerPort', 'invalid type for io.k8s.api.core.v1.ContainerPort.containerPort: got "integer" 3000000000, expected "int32" (-2147483648 to 2147483647)'],
    ]);
    // int64 fields take large integers.
    expect(validate(pod('', '').replace('spec:\n', 'spec:\n  activeDeadlineSeconds: 30000000000\n'))).toEqual([]);
  });

  it('checks int-or-string and quantity values', () => {
    expect(validate(pod('livenessProbe: {httpGet: {port: http}}\nreadinessProbe: {tcpSocket: {port: 8080}}\nresources: {limits: {cpu: 0.5, memory: 1Gi}}'))).toEqual([]);
    const problems = validate(pod('livenessProbe: {httpGet: {port: true}}\nreadinessProbe: {tcpSocket: {port: 1.5}}\nresources: {limits: {cpu: [1], memory: false}}'));
    expect(problems!.map((p) => [p.path, p.message])).toEqual([
      ['/spec/containers/0/livenessProbe/httpGet/port', 'invalid type for io.k8s.apimachinery.pkg.util.intstr.IntOrString: got "boolean", expected "integer or string"'],
      ['/spec/containers/0/readinessProbe/tcpSocket/port', 'invalid type for io.k8s.apimachinery.pkg.util.intstr.IntOrString: got "number", expected "integer or string"'],
      ['/spec/containers/0/resources/limits/cpu', 'invalid type for io.k8s.apimachinery.pkg.api.resource.Quantity: got "array", expected "string or number"'],
      ['/spec/containers/0/resources/limits/memory', 'invalid type for io.k8s.apimachinery.pkg.api.resource.Quantity: got "boolean", expected "string or number"'],
    ]);
  });

  it('names the definition when an object is expected (kubectl\'s wording)', () => {
    const problems = validate(pod('resources: [cpu]\nlivenessProbe: yes_please'));
    expect(problems!.map((p) => p.message)).toEqual([
      'invalid type for io.k8s.api.core.v1.ResourceRequirements: got "array", expected "map"',
      'invalid type for io.k8s.api.core.v1.Probe: got "string", expected "map"',
    ]);
  });

  it('checks base64 in a Secret\'s data but not in stringData', () => {
    const secret = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n${data}\n`;
    expect(validate(secret('data:\n  a: aGVsbG8=\n  b: aGVsbG8gd29ybGQ=\n  c: ""\n  d: |\n    aGVs\n    bG8=\nstringData:\n  e: not base64!'))).toEqual([]);
    expect(validate(secret('data:\n  password: hunter2\n  num: 12'))!.map((p) => [p.path, p.message])).toEqual([
      ['/data/password', 'invalid type for io.k8s.api.core.v1.Secret.data: got "string" that is not valid base64, expected "base64-encoded string"'],
      ['/data/num', 'invalid type for io.k8s.api.core.v1.Secret.data: got "integer", expected "string"'],
    ]);
  });

  it('accepts anything in free-form fields and checks only objects in object fields', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: crontabs.stable.example.com}
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
        default: {anything: [1, 2]}
        properties:
          spec:
            type: object
            properties:
              cronSpec: {type: string, example: "* * * * */5"}
`;
    expect(validate(crd)).toEqual([]);
    const cr = `apiVersion: apps/v1\nkind: ControllerRevision\nmetadata: {name: r}\nrevision: 1\ndata: {spec: {anything: [1]}}\n`;
    expect(validate(cr)).toEqual([]);
  });

  it('escapes JSON pointer tokens of unknown keys and map keys', () => {
    const problems = validate(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a/b~c: 1\ndata:\n  k: v\nx/y: 1\n`);
    expect(brief(problems)).toEqual([
      ['invalid-type', '/metadata/annotations/a~1b~0c'],
      ['unknown-field', '/x~1y'],
    ]);
  });

  it('returns null for kinds without a bundled schema', () => {
    expect(validate('apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: p}\nspec: {}\n')).toBeNull();
    expect(validate('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n')).toBeNull();
    expect(validateObject('a string', '1.36')).toBeNull();
    expect(validateObject({ apiVersion: 'v1', kind: 42 }, '1.36')).toBeNull();
    expect(validateObject({ apiVersion: 'v1', kind: 'toString' }, '1.36')).toBeNull();
    expect(validateObject({ apiVersion: '__proto__', kind: 'toString' }, '1.36')).toBeNull();
    expect(validateObject({ apiVersion: 'constructor', kind: 'name' }, '1.36')).toBeNull();
    expect(kindStatus('__proto__', 'toString', '1.36')).toEqual({ status: 'not-served', servedAt: [] });
    expect(kindStatus('x/__proto__', 'toString', '1.36')).toEqual({ status: 'unknown' });
    expect(kindStatus('v1', 'constructor', '1.36')).toEqual({ status: 'not-served', servedAt: [] });
  });

  it('throws for a version that is not bundled', () => {
    expect(() => validateObject({ apiVersion: 'v1', kind: 'Pod' }, '1.20')).toThrow(/no bundled schemas for Kubernetes 1.20/);
  });
});

describe('validateObject: Kubernetes versions differ', () => {
  it('knows fields added after 1.28: the sleep lifecycle handler and the pod security context\'s appArmorProfile', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    appArmorProfile: {type: RuntimeDefault}
  containers:
  - name: c
    image: nginx
    lifecycle:
      preStop:
        sleep: {seconds: 5}
`;
    expect(validate(pod, '1.36')).toEqual([]);
    expect(validate(pod, '1.30')).toEqual([]);
    expect(brief(validate(pod, '1.28'))).toEqual([
      ['unknown-field', '/spec/securityContext/appArmorProfile'],
      ['unknown-field', '/spec/containers/0/lifecycle/preStop/sleep'],
    ]);
    expect(brief(validate(pod, '1.29'))).toEqual([['unknown-field', '/spec/securityContext/appArmorProfile']]);
  });

  it('knows a Job\'s successPolicy from 1.30 on', () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  completionMode: Indexed
  completions: 3
  successPolicy:
    rules: [{succeededCount: 1}]
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`;
    expect(validate(job, '1.36')).toEqual([]);
    expect(brief(validate(job, '1.28'))).toEqual([['unknown-field', '/spec/successPolicy']]);
  });

  it('validates a kind only where it is served: flowcontrol v1beta2 in 1.28, v1 in 1.36', () => {
    const fs = (av: string) => `apiVersion: ${av}\nkind: FlowSchema\nmetadata: {name: f}\nspec:\n  priorityLevelConfiguration: {name: global-default}\n`;
    expect(validate(fs('flowcontrol.apiserver.k8s.io/v1beta2'), '1.28')).toEqual([]);
    expect(validate(fs('flowcontrol.apiserver.k8s.io/v1beta2'), '1.36')).toBeNull();
    expect(validate(fs('flowcontrol.apiserver.k8s.io/v1'), '1.36')).toEqual([]);
    expect(validate(fs('flowcontrol.apiserver.k8s.io/v1'), '1.28')).toBeNull();
  });
});

describe('kindStatus', () => {
  it('says where a kind is served instead', () => {
    expect(kindStatus('apps/v1', 'Deployment', '1.36')).toEqual({ status: 'served' });
    expect(kindStatus('v1', 'ReplicationController', '1.36')).toEqual({ status: 'served' });
    expect(kindStatus('extensions/v1beta1', 'Deployment', '1.36')).toEqual({ status: 'not-served', servedAt: ['apps/v1'] });
    expect(kindStatus('apps/v1beta2', 'ReplicaSet', '1.28')).toEqual({ status: 'not-served', servedAt: ['apps/v1'] });
    expect(kindStatus('batch/v1beta1', 'CronJob', '1.30')).toEqual({ status: 'not-served', servedAt: ['batch/v1'] });
    expect(kindStatus('policy/v1beta1', 'PodDisruptionBudget', '1.36')).toEqual({ status: 'not-served', servedAt: ['policy/v1'] });
  });

  it('follows the versions: FlowSchema and VolumeAttributesClass', () => {
    expect(kindStatus('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.28')).toEqual({ status: 'served' });
    expect(kindStatus('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.36')).toEqual({
      status: 'not-served',
      servedAt: ['flowcontrol.apiserver.k8s.io/v1'],
    });
    expect(kindStatus('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', '1.28')).toEqual({
      status: 'not-served',
      servedAt: ['flowcontrol.apiserver.k8s.io/v1beta3', 'flowcontrol.apiserver.k8s.io/v1beta2'],
    });
    expect(kindStatus('storage.k8s.io/v1', 'VolumeAttributesClass', '1.36')).toEqual({ status: 'served' });
    expect(kindStatus('storage.k8s.io/v1', 'VolumeAttributesClass', '1.28')).toEqual({ status: 'not-served', servedAt: [] });
  });

  it('treats list kinds of served kinds as served', () => {
    expect(kindStatus('v1', 'PodList', '1.36')).toEqual({ status: 'served' });
    expect(kindStatus('v1', 'Pod', '1.36')).toEqual({ status: 'served' });
  });

  it('calls a kind missing from a built-in group not served, and a kind of another group unknown', () => {
    expect(kindStatus('policy/v1beta1', 'PodSecurityPolicy', '1.36')).toEqual({ status: 'not-served', servedAt: [] });
    expect(kindStatus('apps/v1', 'Deploymnet', '1.36')).toEqual({ status: 'not-served', servedAt: [] });
    expect(kindStatus('extensions/v1beta1', 'Ingress', '1.36')).toEqual({ status: 'not-served', servedAt: ['networking.k8s.io/v1'] });
    expect(kindStatus('monitoring.coreos.com/v1', 'Prometheus', '1.36')).toEqual({ status: 'unknown' });
    expect(kindStatus('gateway.networking.k8s.io/v1', 'HTTPRoute', '1.36')).toEqual({ status: 'unknown' });
    expect(kindStatus('apps.openshift.io/v1', 'DeploymentConfig', '1.36')).toEqual({ status: 'unknown' });
  });
});

describe('suggestions', () => {
  it('measures edits, counting a transposition as one', () => {
    expect(editDistance('metadate', 'metadata')).toBe(1);
    expect(editDistance('contianers', 'containers')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
  });

  it('suggests the closest known field', () => {
    const fields = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
    expect(closestName('metadate', fields)).toBe('metadata');
    expect(closestName('Spec', fields)).toBe('spec');
    expect(closestName('METADATA', fields)).toBe('metadata');
    expect(closestName('specc', fields)).toBe('spec');
    expect(closestName('stauts', fields)).toBe('status');
    expect(closestName('labels', fields)).toBeUndefined();
    expect(closestName('x', ['ip', 'id'])).toBeUndefined();
    expect(closestName('contianers', ['containers', 'initContainers'])).toBe('containers');
    // Ties go to the alphabetically first name.
    expect(closestName('ab', ['ac', 'aa'])).toBe('aa');
  });
});
