import { ruleTester, runRule } from '../helpers/rule-tester.js';
import { describe, expect, it } from 'vitest';
import unknownField from '../../rules/unknown-field.js';
import invalidType from '../../rules/invalid-type.js';
import requiredField from '../../rules/required-field.js';
import { parseKubernetesVersion } from '../../src/schema/versions.js';
import { POD_SPEC, WORKLOADS } from './workloads.js';

const RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: web
spec:
  replicas: 3
  selector:
    app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
`;

ruleTester(unknownField, {
  valid: [{ code: RC }],
  invalid: [
    {
      name: 'kubectl\'s metadate example, at the key, with a suggestion',
      code: RC.replace('metadata:\n  name', 'metadate:\n  name'),
      errors: [
        {
          messageId: 'unknownWithSuggestion',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 9,
          path: '/metadate',
          message: 'unknown field "metadate" in io.k8s.api.core.v1.ReplicationController — did you mean "metadata"?',
        },
      ],
    },
    {
      name: 'a misspelt field (its content is not looked into)',
      code: RC.replace('      containers:', '      contianers:').replace('        image: nginx', '        image: nginx\n        colour: blue'),
      errors: [
        { messageId: 'unknownWithSuggestion', line: 14, column: 7, path: '/spec/template/spec/contianers', message: 'unknown field "contianers" in io.k8s.api.core.v1.PodSpec — did you mean "containers"?' },
      ],
    },
    {
      name: 'nested and wrongly cased fields',
      code: RC.replace('        image: nginx', '        image: nginx\n        ImagePullPolicy: Always\n        colour: blue'),
      errors: [
        { messageId: 'unknownWithSuggestion', line: 17, column: 9, path: '/spec/template/spec/containers/0/ImagePullPolicy', message: 'unknown field "ImagePullPolicy" in io.k8s.api.core.v1.Container — did you mean "imagePullPolicy"?' },
        { messageId: 'unknown', line: 18, column: 9, path: '/spec/template/spec/containers/0/colour', message: 'unknown field "colour" in io.k8s.api.core.v1.Container' },
      ],
    },
    {
      name: 'a field that 1.28 does not know',
      kubernetesVersion: '1.28',
      code: RC.replace('        image: nginx', '        image: nginx\n        lifecycle:\n          preStop:\n            sleep: {seconds: 5}'),
      errors: [{ messageId: 'unknown', line: 19, column: 13, path: '/spec/template/spec/containers/0/lifecycle/preStop/sleep' }],
    },
  ],
});

ruleTester(invalidType, {
  valid: [{ code: RC }, { code: RC.replace('replicas: 3', 'replicas: null'), name: 'null is the zero value' }],
  invalid: [
    {
      name: 'a string for an integer, at the value',
      code: RC.replace('replicas: 3', 'replicas: "3"'),
      errors: [
        {
          messageId: 'invalid',
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 16,
          path: '/spec/replicas',
          message: 'invalid type for io.k8s.api.core.v1.ReplicationControllerSpec.replicas: got "string", expected "integer"',
        },
      ],
    },
    {
      name: 'a number as a label value and as an image',
      code: RC.replace('      labels:\n        app: web', '      labels:\n        app: web\n        version: 2').replace('image: nginx', 'image: 123'),
      errors: [
        { messageId: 'invalid', line: 13, column: 18, path: '/spec/template/metadata/labels/version', message: 'invalid type for io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.labels: got "integer", expected "string"' },
        { messageId: 'invalid', line: 17, column: 16, path: '/spec/template/spec/containers/0/image' },
      ],
    },
    {
      name: 'a list where an object is expected',
      code: RC.replace('  selector:\n    app: web', '  selector:\n  - app: web'),
      errors: [{ messageId: 'invalid', line: 8, column: 3, path: '/spec/selector', message: 'invalid type for io.k8s.api.core.v1.ReplicationControllerSpec.selector: got "array", expected "map"' }],
    },
  ],
});

ruleTester(requiredField, {
  valid: [{ code: RC }],
  invalid: [
    {
      name: 'a container without a name: at the line of the container',
      code: RC.replace('      - name: web\n        image: nginx', '      - image: nginx'),
      errors: [{ messageId: 'missing', line: 15, column: 9, path: '/spec/template/spec/containers/0/name', message: 'missing required field "name" in io.k8s.api.core.v1.Container' }],
    },
    {
      name: 'a pod spec without containers: at the line of the spec',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n',
      errors: [{ messageId: 'missing', line: 5, column: 1, path: '/spec/containers', message: 'missing required field "containers" in io.k8s.api.core.v1.PodSpec' }],
    },
    {
      name: 'a ReplicaSet without a selector',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: b}]\n',
      errors: [{ messageId: 'missing', line: 5, column: 1, path: '/spec/selector' }],
    },
  ],
});

describe('schema rules together', () => {
  it('report nothing for an object without a bundled schema (custom resource, unserved kind)', () => {
    for (const rule of [unknownField, invalidType, requiredField]) {
      const reports: unknown[] = [];
      const ctx = { report: (d: unknown) => reports.push(d), options: {}, kubernetesVersion: parseKubernetesVersion('1.36')!, schemaProblems: () => null };
      const object = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', spec: { anything: 'goes' } };
      rule.object!({ object, apiVersion: object.apiVersion, kind: object.kind, filePath: 'x.yaml', documentIndex: 0 }, ctx as never);
      expect(reports, rule.meta.id).toEqual([]);
    }
  });

  it('report each problem once, by the rule of its type', () => {
    const code = RC.replace('replicas: 3', 'replicas: three').replace('metadata:\n  name: web', 'metadata:\n  nme: web').replace('      - name: web\n        image: nginx', '      - image: nginx');
    expect(runRule(unknownField, code).map((f) => f.path)).toEqual(['/metadata/nme']);
    expect(runRule(invalidType, code).map((f) => f.path)).toEqual(['/spec/replicas']);
    expect(runRule(requiredField, code).map((f) => f.path)).toEqual(['/spec/template/spec/containers/0/name']);
  });
});

/** 1-based line and column of the first line containing `text`, at `text` itself. */
function where(code: string, text: string): { line: number; column: number } {
  const lines = code.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  expect(line, `${text} in\n${code}`).toBeGreaterThanOrEqual(0);
  return { line: line + 1, column: lines[line]!.indexOf(text) + 1 };
}

describe('schema findings are located in every workload kind', () => {
  for (const [kind, w] of Object.entries(WORKLOADS)) {
    it(kind, () => {
      const unknown = w.yaml(POD_SPEC.replace('imagePullPolicy', 'imagePullPolice'));
      expect(runRule(unknownField, unknown).map((f) => ({ line: f.line, column: f.column, path: f.path }))).toEqual([
        { ...where(unknown, 'imagePullPolice:'), path: `${w.spec}/containers/0/imagePullPolice` },
      ]);
      const invalid = w.yaml(POD_SPEC.replace('containerPort: 80', 'containerPort: "80"'));
      expect(runRule(invalidType, invalid).map((f) => ({ line: f.line, column: f.column, path: f.path }))).toEqual([
        { ...where(invalid, '"80"'), path: `${w.spec}/containers/0/ports/0/containerPort` },
      ]);
      // A missing field is reported at its parent: here the container, at its first key.
      const missing = w.yaml(POD_SPEC.replace('- name: web\n  image', '- image'));
      expect(runRule(requiredField, missing).map((f) => ({ line: f.line, column: f.column, path: f.path }))).toEqual([
        { ...where(missing, 'image: nginx:1.27'), path: `${w.spec}/containers/0/name` },
      ]);
    });
  }
});
