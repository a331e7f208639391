import { describe, expect, it } from 'vitest';
import { lintInputs, resolveLintOptions } from '../../src/lint.js';

const rs = (name: string, labels = 'app: web') => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      ${labels}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: c
          image: nginx:1.27
`;

describe('cross-object findings name the other objects where they are (related locations)', () => {
  it('overlapping-selectors: the other controllers\' pod labels, in their own files', async () => {
    const resolved = await resolveLintOptions({ config: false });
    const result = lintInputs(
      [
        { filePath: '/repo/app/a.yaml', text: rs('a') },
        { filePath: '/repo/app/b.yaml', text: `# b\n${rs('b')}` },
      ],
      resolved,
      { cwd: '/repo' },
    );
    const a = result.files.find((f) => f.filePath === '/repo/app/a.yaml')!.findings.find((f) => f.ruleId === 'overlapping-selectors')!;
    expect(a.related).toEqual([{ filePath: '/repo/app/b.yaml', line: 12, column: 7, endLine: 12, endColumn: 13, message: 'the pod labels of ReplicaSet "b", which this selector matches' }]);
    const b = result.files.find((f) => f.filePath === '/repo/app/b.yaml')!.findings.find((f) => f.ruleId === 'overlapping-selectors')!;
    expect(b.related).toEqual([{ filePath: '/repo/app/a.yaml', line: 11, column: 7, endLine: 11, endColumn: 13, message: 'the pod labels of ReplicaSet "a", which this selector matches' }]);
  });

  it('pod-adopted-by-controller: the selector of the controller that adopts the pod', async () => {
    const resolved = await resolveLintOptions({ config: false });
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  labels:\n    app: web\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';
    const result = lintInputs([{ filePath: '/repo/app/all.yaml', text: `${pod}---\n${rs('a')}` }], resolved, { cwd: '/repo' });
    const f = result.files[0]!.findings.find((x) => x.ruleId === 'pod-adopted-by-controller')!;
    expect(f.related).toEqual([{ filePath: '/repo/app/all.yaml', line: 17, column: 3, endLine: 17, endColumn: 11, message: 'the selector of ReplicaSet "a"' }]);
  });

  it('single-object findings have none', async () => {
    const resolved = await resolveLintOptions({ config: false });
    const result = lintInputs([{ filePath: '/repo/x.yaml', text: rs('a') }], resolved, { cwd: '/repo' });
    expect(result.files[0]!.findings.every((f) => f.related === undefined)).toBe(true);
  });
});
