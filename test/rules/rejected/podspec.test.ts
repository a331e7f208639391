import { describe, expect, it } from 'vitest';
import { containersOf, probesOf, probeHandlers, fieldPath, childPointer, containerPortNames } from '../../../src/k8s/podspec.js';

const spec = {
  containers: [{ name: 'app', livenessProbe: { httpGet: { port: 8080 } }, readinessProbe: 'oops', ports: [{ name: 'http', containerPort: 80 }, 7] }, 'not-a-container'],
  initContainers: [{ name: 'side', restartPolicy: 'Always', startupProbe: { exec: { command: ['true'] } } }, { name: 'init' }],
  ephemeralContainers: [{ name: 'debug' }],
};
const target = { spec: spec as never, specPath: '/spec/template/spec' };

describe('podspec helpers', () => {
  it('lists containers and init containers with pointers, kinds and sidecars', () => {
    expect(containersOf(target).map((c) => [c.path, c.kind, c.index, c.isSidecar, c.name])).toEqual([
      ['/spec/template/spec/containers/0', 'container', 0, false, 'app'],
      ['/spec/template/spec/initContainers/0', 'init', 0, true, 'side'],
      ['/spec/template/spec/initContainers/1', 'init', 1, false, 'init'],
    ]);
    expect(containersOf(target, { ephemeral: true, containers: false, init: false }).map((c) => c.path)).toEqual(['/spec/template/spec/ephemeralContainers/0']);
    expect(containersOf({ spec: 'x' as never, specPath: '/spec' })).toEqual([]);
  });
  it('lists probes that are objects', () => {
    expect(probesOf(target).map((p) => [p.path, p.type, p.container.name])).toEqual([
      ['/spec/template/spec/containers/0/livenessProbe', 'liveness', 'app'],
      ['/spec/template/spec/initContainers/0/startupProbe', 'startup', 'side'],
    ]);
  });
  it('finds handlers and port names', () => {
    expect(probeHandlers({ exec: {}, tcpSocket: {}, httpGet: null })).toEqual(['exec', 'tcpSocket']);
    expect(probeHandlers(3)).toEqual([]);
    expect([...containerPortNames(spec.containers[0])]).toEqual(['http']);
  });
  it('renders Kubernetes field paths', () => {
    expect(fieldPath('/spec/template/spec/containers/0/name')).toBe('spec.template.spec.containers[0].name');
    expect(fieldPath('/metadata/labels/app.kubernetes.io~1name')).toBe('metadata.labels[app.kubernetes.io/name]');
    expect(fieldPath('/spec/containers/1/resources/limits/cpu')).toBe('spec.containers[1].resources.limits[cpu]');
    expect(fieldPath('/spec/selector/matchLabels/0')).toBe('spec.selector.matchLabels[0]');
    expect(fieldPath('')).toBe('');
    expect(childPointer('/metadata/labels', 'a/b~c')).toBe('/metadata/labels/a~1b~0c');
  });
});
