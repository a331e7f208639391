/** podlint's notes on fields: every rule id in the table is registered; every field named exists in the OpenAPI. */
import { describe, expect, it } from 'vitest';
import { FIELD_DEFAULTS, RULE_FIELDS, rulesForField } from '../../src/explain/field-notes.js';
import { getRule } from '../../src/engine/registry.js';
import { openApiModel } from '../../src/explain/openapi-data.js';
import { childFields } from '../../src/explain/fields.js';
import { explainField } from '../../src/explain/field-reference.js';

function fieldExists(version: string, key: string): boolean {
  const model = openApiModel(version)!;
  const dot = key.lastIndexOf('.');
  const def = model.definition(key.slice(0, dot));
  return def !== undefined && Object.prototype.hasOwnProperty.call(childFields(model, def), key.slice(dot + 1));
}

describe('field notes', () => {
  it('names only registered rules', () => {
    for (const id of Object.keys(RULE_FIELDS)) expect(getRule(id), `RULE_FIELDS has "${id}", which is not a registered rule`).toBeDefined();
  });
  it('names only fields that exist in every bundled version', () => {
    for (const version of ['1.28', '1.36']) {
      for (const key of [...Object.keys(FIELD_DEFAULTS), ...Object.values(RULE_FIELDS).flat()]) {
        expect(fieldExists(version, key), `${key} in Kubernetes ${version}`).toBe(true);
      }
    }
  });
  it('finds the rules of a field and the defaults of its fields through nested types', () => {
    expect(rulesForField('io.k8s.api.core.v1.Probe.periodSeconds')).toContain('probe-timeout-too-long');
    const ref = explainField('deploy.spec.template.spec.containers.livenessProbe', { kubernetesVersion: '1.36' });
    expect(ref.self?.rules).toContain('liveness-probe-missing');
    expect(ref.children.find((c) => c.field === 'periodSeconds')?.default?.value).toBe('10');
    expect(ref.children.find((c) => c.field === 'failureThreshold')?.default?.value).toBe('3');
    const rp = explainField('rc.spec.template.spec.restartPolicy', { kubernetesVersion: '1.28' });
    expect(rp.self?.default?.value).toBe('Always');
    expect(explainField('rs.spec.replicas', { kubernetesVersion: '1.36' }).self?.default?.value).toBe('1');
    expect(explainField('po.spec.terminationGracePeriodSeconds', { kubernetesVersion: '1.32' }).self?.default?.value).toBe('30');
    expect(explainField('po.spec.containers.ports.protocol', { kubernetesVersion: '1.32' }).self?.default?.value).toBe('TCP');
    expect(explainField('po.spec.containers.imagePullPolicy', { kubernetesVersion: '1.32' }).self?.default?.value).toMatch(/^Always when .*latest.*IfNotPresent otherwise$/);
    expect(explainField('po.spec.containers.readinessProbe.timeoutSeconds', { kubernetesVersion: '1.32' }).self?.default?.value).toBe('1');
  });
});
