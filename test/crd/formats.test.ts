/**
 * The string formats the API server checks in custom resources (apiextensions formats.go, kube-openapi
 * strfmt): which formats, from which version, and how each is judged; an invalid value is reported as
 * kube-openapi does (`must be of type <format>`), at the field.
 */
import { describe, expect, it } from 'vitest';
import { checkFormat, formatIsChecked } from '../../src/crd/formats.js';
import { lintText } from '../../src/lint.js';
import { crdText } from '../helpers/crd.js';

describe('checkFormat', () => {
  it.each([
    ['date-time', '2020-01-02T03:04:05Z', true],
    ['date-time', '2020-01-02t03:04:05.5+01:00', true],
    ['date-time', '2020-01-02 03:04:05Z', false], // strfmt splits at the "T"
    ['date-time', '2020-01-02T03:04:60Z', false],
    ['date-time', '2020-01-02T03:04:05', false], // a zone is required
    ['date', '2024-02-29', true],
    ['date', '2023-02-29', false],
    ['duration', '1h30m', true],
    ['duration', '1.5h', true],
    ['duration', '3 days', true],
    ['duration', '2 weeks 1 hour', true],
    ['duration', '10', false],
    ['duration', 'soon', false],
    ['byte', 'aGVsbG8=', true],
    ['byte', '', false],
    ['ipv4', '10.1.2.3', true],
    ['ipv4', '10.1.2.3:80', false],
    ['ipv6', 'fd00::1', true],
    ['ipv6', 'fe80::1%eth0', false],
    ['cidr', '10.0.0.0/8', true],
    ['cidr', '10.0.0.0/33', false],
    ['mac', '02:42:ac:11:00:02', true],
    ['mac', '0242.ac11.0002', true],
    ['mac', '02:42:ac', false],
    ['hostname', 'api.example.com', true],
    ['hostname', 'db.web-1', true],
    ['hostname', 'web-1', false], // strfmt's pattern: a single label may have a dash only after its first character
    ['hostname', '-web.example.com', false],
    ['email', 'ops@example.com', true],
    ['email', 'Ops <ops@example.com>', true],
    ['email', 'ops', false],
    ['uri', 'https://example.com/a?b', true],
    ['uri', '/relative/to/root', true],
    ['uri', 'not/absolute', false],
    ['uri', 'https://example.com:port/', false],
    ['uuid', 'A987FBC9-4BED-3078-CF07-9141BA07C9F3', true],
    ['uuid4', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', false],
    ['isbn10', '0-306-40615-2', true],
    ['isbn13', '978-0-306-40615-7', true],
    ['isbn', '0-306-40615-3', false],
    ['creditcard', '4242 4242 4242 4242', true],
    ['creditcard', '4242 4242 4242 4241', false],
    ['ssn', '078-05-1120', true],
    ['ssn', '078051120', false],
    ['password', 'anything at all', true],
    ['quantity', '1.5Gi', true],
    ['quantity', '1.5GB', false],
    ['hexcolor', '#a0b', true],
    ['rgbcolor', 'rgb(0, 128, 256)', false],
    ['bsonobjectid', '507f1f77bcf86cd799439011', true],
    ['k8s-short-name', 'edge-01', true],
    ['k8s-short-name', 'Edge', false],
    ['k8s-long-name', 'edge.example-1.org', true],
    ['int32', 'not checked', true],
    ['ip-address', 'not checked either', true],
  ])('%s %j is %s', (format, value, valid) => {
    expect(checkFormat(format, value)).toBe(valid);
  });

  it('k8s-short-name and k8s-long-name are checked from 1.34; formats outside formats.go never', () => {
    expect(formatIsChecked('k8s-short-name', 33)).toBe(false);
    expect(formatIsChecked('k8s-short-name', 34)).toBe(true);
    expect(checkFormat('k8s-long-name', 'Not.Valid', 33)).toBe(true);
    expect(checkFormat('k8s-long-name', 'Not.Valid', 34)).toBe(false);
    expect(formatIsChecked('int64', 36)).toBe(false);
    expect(formatIsChecked('k8s-ip-sloppy', 36)).toBe(false);
  });
});

describe('formats in a custom resource', () => {
  const CRD = crdText({
    group: 'watch.example.net',
    kind: 'Probe',
    plural: 'probes',
    flowMetadata: true,
    properties: `              every: {type: string, format: duration}
              target: {type: string, format: hostname}
              owner: {type: string, format: email}
              budget: {type: string, format: quantity}
              zone: {type: string, format: k8s-short-name}`,
  });
  it('each invalid value is a type error at the field, with the format as the schema names it', async () => {
    const cr = 'apiVersion: watch.example.net/v1\nkind: Probe\nmetadata: {name: p}\nspec:\n  every: often\n  target: -bad-\n  owner: nobody\n  budget: 2 GB\n  zone: Zone_A\n';
    const r = await lintText(`${CRD}---\n${cr}`, 'probe.yaml');
    const lines = CRD.split('\n').length;
    const found = r.files[0]!.findings.filter((f) => f.ruleId === 'invalid-type').map((f) => ({ line: f.line - lines, column: f.column, message: f.message }));
    expect(found).toEqual([
      { line: 5, column: 10, message: 'spec.every: Invalid value: "often": spec.every in body must be of type duration: "often"' },
      { line: 6, column: 11, message: 'spec.target: Invalid value: "-bad-": spec.target in body must be of type hostname: "-bad-"' },
      { line: 7, column: 10, message: 'spec.owner: Invalid value: "nobody": spec.owner in body must be of type email: "nobody"' },
      { line: 8, column: 11, message: 'spec.budget: Invalid value: "2 GB": spec.budget in body must be of type quantity: "2 GB"' },
      { line: 9, column: 9, message: 'spec.zone: Invalid value: "Zone_A": spec.zone in body must be of type k8s-short-name: "Zone_A"' },
    ]);
    const old = await lintText(`${CRD}---\n${cr}`, 'probe.yaml', { kubernetesVersion: '1.33' });
    expect(old.files[0]!.findings.filter((f) => f.ruleId === 'invalid-type').map((f) => f.message)).not.toContainEqual(expect.stringContaining('k8s-short-name'));
  });
});
