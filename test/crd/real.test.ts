/**
 * Real CRDs with CEL rules (../shared: metallb, the OpenTelemetry operator, prometheus-operator): the
 * projects' own examples pass, and invalid variants fail with the API server's messages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';

const SHARED = path.resolve(import.meta.dirname, '../../../shared');
const PROM = path.join(SHARED, 'corpus/real/prometheus-operator/example');
const METALLB = path.join(SHARED, 'repos/metallb+metallb/config');
const OTEL = path.join(SHARED, 'repos/open-telemetry+opentelemetry-operator/config');
const present = fs.existsSync(PROM) && fs.existsSync(METALLB) && fs.existsSync(OTEL);
if (!present) console.warn(`test/crd/real.test.ts: ${SHARED} is absent; real CRD tests skipped`);

const CRD_RULES = new Set(['crd-validation', 'cel-rule', 'invalid-crd', 'unknown-field', 'invalid-type', 'required-field', 'unserved-api-version', 'unknown-kind', 'deprecated-crd-version']);

describe.skipIf(!present)('real CRDs and their examples', () => {
  it('prometheus-operator: the ten CRDs are valid and the examples pass (two illustration snippets lack the selector the API server requires)', async () => {
    const r = await lint([PROM], { config: false });
    const found = r.files.flatMap((f) => f.findings.filter((x) => CRD_RULES.has(x.ruleId ?? '')).map((x) => `${path.relative(PROM, f.filePath)}:${x.line}:${x.column} ${x.ruleId} ${x.message}`));
    expect(found).toEqual([
      'user-guides/scrapeclass/scrapeclass-example-podmonitor.yaml:3:1 required-field spec.selector: Required value',
      'user-guides/scrapeclass/scrapeclass-example-servicemonitor.yaml:5:1 required-field spec.selector: Required value',
    ]);
    // every custom resource kind of the examples had its CRD
    expect(r.skippedKinds).toEqual([]);
  });

  it('the OpenTelemetry operator: samples pass against --crd config/crd/bases (v1alpha1 collectors are deprecated)', async () => {
    const r = await lint([path.join(OTEL, 'samples')], { config: false, crds: [path.join(OTEL, 'crd/bases')] });
    const found = r.files.flatMap((f) => f.findings.filter((x) => CRD_RULES.has(x.ruleId ?? '') && x.ruleId !== 'unknown-kind').map((x) => `${path.basename(f.filePath)}:${x.line}:${x.column} ${x.ruleId} ${x.message}`));
    expect(found).toEqual([
      'core_v1alpha1_opentelemetrycollector.yaml:1:13 deprecated-crd-version OpenTelemetryCollector v1alpha1 is deprecated. Migrate to v1beta1.',
      'exporter-with-tls.yaml:13:13 deprecated-crd-version OpenTelemetryCollector v1alpha1 is deprecated. Migrate to v1beta1.',
      'sidecar.yaml:1:13 deprecated-crd-version OpenTelemetryCollector v1alpha1 is deprecated. Migrate to v1beta1.',
    ]);
  });

  it('metallb: the released manifest (CRDs with CEL rules and the controller) has no CRD finding', async () => {
    const r = await lint([path.join(METALLB, 'manifests/metallb-native.yaml'), path.join(METALLB, 'crd/bases')], { config: false });
    expect(r.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'invalid-crd'))).toEqual([]);
  });

  it('invalid variants fail each project\'s CEL rules with the API server\'s message, at the field', async () => {
    const r = await lint([path.join(import.meta.dirname, 'fixtures/real-invalid.yaml')], {
      config: false,
      crds: [path.join(METALLB, 'crd/bases'), path.join(PROM, 'prometheus-operator-crd'), path.join(OTEL, 'crd/bases')],
    });
    expect(r.files[0]!.findings.filter((x) => CRD_RULES.has(x.ruleId ?? '')).map((x) => `${x.line}:${x.column} ${x.ruleId} ${x.message}`)).toEqual([
      '10:3 cel-rule spec.connectTime: Invalid value: "500ms": connect time should be between 1 seconds to 65535',
      '10:3 cel-rule spec.connectTime: Invalid value: "500ms": connect time should contain a whole number of seconds',
      '16:1 cel-rule spec: Invalid value: serviceSelectors and aggregationLength are mutually exclusive, can only be used together with default aggregationLength (32) and aggregationLengthV6 (128)',
      '25:1 cel-rule spec: Invalid value: at most one of basicAuth, authorization, or oauth2 can be configured',
      "35:1 cel-rule spec: Invalid value: the OpenTelemetry Collector mode is set to sidecar, which does not support the attribute 'tolerations'",
      '46:1 cel-rule <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      '52:3 required-field spec.config.exporters: Required value',
    ]);
  });
});
