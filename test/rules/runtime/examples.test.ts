/**
 * The bundled seed-note examples (examples/myweb-*.yaml) linted together, as a reader of the note would
 * run podlint: the probe on the wrong port, the controllers that fight over app=web pods, the legacy
 * ReplicationController — and nothing about the probes of the working examples.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/api.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');
const FILES = ['myweb-liveness-err.yaml', 'myweb-liveness.yaml', 'myweb-rc.yaml', 'myweb-rs-set.yaml', 'myweb-rs.yaml', 'myweb-startup.yaml'];
/** The rules whose verdict on these files the seed note explains. */
const HEADLINE = new Set([
  'probe-port-not-declared',
  'probe-timeout-too-long',
  'liveness-same-as-readiness',
  'liveness-kills-before-ready',
  'startup-budget-too-short',
  'liveness-with-restart-never',
  'overlapping-selectors',
  'pod-adopted-by-controller',
  'replication-controller-legacy',
  'bare-pod',
]);

describe('seed-note examples', () => {
  it('produce the run-time findings the note describes', async () => {
    const result = await lint(FILES, { cwd: EXAMPLES, config: false });
    const found = result.files.flatMap((f) =>
      f.findings.filter((x) => x.ruleId !== null && HEADLINE.has(x.ruleId)).map((x) => `${path.basename(f.filePath)}:${x.line}:${x.column} ${x.ruleId}`),
    );
    expect(found).toEqual([
      'myweb-liveness-err.yaml:2:7 bare-pod',
      'myweb-liveness-err.yaml:15:17 probe-port-not-declared',
      'myweb-liveness.yaml:2:7 bare-pod',
      'myweb-rc.yaml:2:7 replication-controller-legacy',
      'myweb-rc.yaml:7:3 overlapping-selectors',
      'myweb-rs-set.yaml:7:3 overlapping-selectors',
      'myweb-rs.yaml:7:3 overlapping-selectors',
      'myweb-startup.yaml:2:7 bare-pod',
    ]);
    const rc = result.files.find((f) => path.basename(f.filePath) === 'myweb-rc.yaml')!.findings.find((x) => x.ruleId === 'overlapping-selectors')!;
    expect(rc.message).toContain('ReplicaSet "myweb-rs-set" (labels app=web,env=dev), ReplicaSet "myweb-rs" (labels app=web,env=dev)');
  });
});
