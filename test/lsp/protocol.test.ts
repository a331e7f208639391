import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileUri, repoRoot, startClient, type LspClient } from './client.js';

const livenessErr = fs.readFileSync(path.join(repoRoot, 'examples/myweb-liveness-err.yaml'), 'utf8');
const jobRestart = fs.readFileSync(path.join(repoRoot, 'examples/broken/job-restart-always.yaml'), 'utf8');

describe('podlint lsp over stdio', () => {
  let dir: string;
  let client: LspClient;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-lsp-'));
    client = await startClient({ cwd: dir, capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } }, settings: {} });
  });
  afterAll(async () => {
    if (client && client.child.exitCode === null) await client.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers initialize with its capabilities', () => {
    expect(client.initializeResult).toEqual({
      capabilities: {
        textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'podlint', version: JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version },
    });
  });

  it('publishes diagnostics on open with exact ranges, severity, the rule id as code', async () => {
    const uri = fileUri(path.join(dir, 'myweb-liveness-err.yaml'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: livenessErr } });
    const p = await client.diagnosticsFor(uri, (x) => x.version === 1);
    const probe = p.diagnostics.find((d) => d.code === 'probe-port-not-declared')!;
    expect(probe).toBeDefined();
    expect(probe.range).toEqual({ start: { line: 14, character: 16 }, end: { line: 14, character: 20 } });
    expect(probe.severity).toBe(2);
    expect(probe.source).toBe('podlint');
    expect(probe.message).toMatch(/^liveness probe targets port 8080, which container "myweb" does not declare/);
    const tag = p.diagnostics.find((d) => d.code === 'latest-tag')!;
    expect(tag.range).toEqual({ start: { line: 7, character: 13 }, end: { line: 7, character: 18 } });
    const bare = p.diagnostics.find((d) => d.code === 'bare-pod')!;
    expect(bare.severity).toBe(3);
  });

  it('lints again after an incremental change', async () => {
    const uri = fileUri(path.join(dir, 'myweb-liveness-err.yaml'));
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 14, character: 16 }, end: { line: 14, character: 20 } }, text: '80' }],
    });
    const p = await client.diagnosticsFor(uri, (x) => x.version === 2);
    expect(p.diagnostics.map((d) => d.code)).not.toContain('probe-port-not-declared');
    expect(p.diagnostics.map((d) => d.code)).toContain('latest-tag');
  });

  it('hover: the field reference of the bundled OpenAPI, and the rule behind a diagnostic', async () => {
    const uri = fileUri(path.join(dir, 'myweb-liveness-err.yaml'));
    const onKey = await client.connection.sendRequest<any>('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 8 } });
    expect(onKey.contents.kind).toBe('markdown');
    expect(onKey.contents.value).toContain('FIELD: image <string>');
    expect(onKey.contents.value).toContain('Rules that look at this field: invalid-image, latest-tag');
    expect(onKey.range).toEqual({ start: { line: 7, character: 6 }, end: { line: 7, character: 11 } });
    const onFinding = await client.connection.sendRequest<any>('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 15 } });
    expect(onFinding.contents.value).toContain('**latest-tag** (warning)');
    const outside = await client.connection.sendRequest<any>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(outside.contents.value).toContain('FIELD: apiVersion <string>');
  });

  it('completes field names valid at the cursor, and fixed values', async () => {
    const uri = fileUri(path.join(dir, 'draft.yaml'));
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: draft\nspec:\n  restartPolicy: \n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePu\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const fields = await client.connection.sendRequest<any[]>('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 13 } });
    expect(fields.map((c) => c.label)).toEqual(['imagePullPolicy']);
    expect(fields[0].detail).toBe('string');
    expect(fields[0].insertText).toBe('imagePullPolicy: ');
    const all = await client.connection.sendRequest<any[]>('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 6 } });
    const labels = all.map((c) => c.label);
    expect(labels).toContain('livenessProbe');
    expect(labels).not.toContain('image'); // already written
    expect(all.find((c) => c.label === 'ports').detail).toBe('[]ContainerPort');
    const values = await client.connection.sendRequest<any[]>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 17 } });
    expect(values.map((c) => c.label)).toEqual(['Always', 'OnFailure', 'Never']);
    const spec = await client.connection.sendRequest<any[]>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 2 } });
    expect(spec.map((c) => c.label)).toContain('nodeSelector');
    expect(spec.map((c) => c.label)).not.toContain('containers');
    const top = await client.connection.sendRequest<any[]>('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 0 } });
    expect(top.map((c) => c.label)).toEqual([]); // apiVersion, kind, metadata and spec are written; status is not for manifests
  });

  it('code actions: the fix as a quick fix (the same edit as --fix) and a disable comment', async () => {
    const uri = fileUri(path.join(dir, 'job.yaml'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: jobRestart } });
    const p = await client.diagnosticsFor(uri, (x) => x.version === 1);
    const rs = p.diagnostics.find((d) => d.code === 'restart-policy' && d.range.start.line === 29)!;
    const actions = await client.connection.sendRequest<any[]>('textDocument/codeAction', { textDocument: { uri }, range: rs.range, context: { diagnostics: [rs] } });
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.title).toBe('Fix: restart-policy');
    expect(fix.edit.changes[uri]).toEqual([{ range: { start: { line: 29, character: 21 }, end: { line: 29, character: 30 } }, newText: 'Always' }]);
    const onlyRefactor = await client.connection.sendRequest<any[]>('textDocument/codeAction', { textDocument: { uri }, range: rs.range, context: { diagnostics: [rs], only: ['refactor'] } });
    expect(onlyRefactor).toEqual([]);
    const disable = actions.find((a) => a.title === 'Disable restart-policy for this line')!;
    expect(disable.edit.changes[uri]).toEqual([{ range: { start: { line: 29, character: 0 }, end: { line: 29, character: 0 } }, newText: '      # podlint-disable-next-line restart-policy\n' }]);
  });

  it('honours the workspace configuration and reads it again when it changes', async () => {
    const uri = fileUri(path.join(dir, 'myweb-liveness-err.yaml'));
    const config = path.join(dir, '.podlint.yaml');
    fs.writeFileSync(config, 'rules:\n  latest-tag: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 1 }] });
    const p = await client.diagnosticsFor(uri, (x) => !x.diagnostics.some((d) => d.code === 'latest-tag'));
    expect(p.diagnostics.map((d) => d.code)).toContain('bare-pod');
    fs.rmSync(config);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 3 }] });
    const q = await client.diagnosticsFor(uri, (x) => x !== p && x.diagnostics.some((d) => d.code === 'latest-tag'));
    expect(q.diagnostics.length).toBeGreaterThan(p.diagnostics.length);
  });

  it('cross-object rules see the manifests beside the document', async () => {
    const other = path.join(dir, 'other-rs.yaml');
    const rs = (name: string) => `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: ${name}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: shared\n  template:\n    metadata:\n      labels:\n        app: shared\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n`;
    fs.writeFileSync(other, rs('on-disk'));
    const uri = fileUri(path.join(dir, 'open-rs.yaml'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: rs('in-editor') } });
    const p = await client.diagnosticsFor(uri, (x) => x.version === 1);
    const overlap = p.diagnostics.find((d) => d.code === 'overlapping-selectors')!;
    expect(overlap.message).toContain('ReplicaSet "on-disk"');
    expect(overlap.range.start.line).toBe(6); // spec.selector
    // The other object's location, as related information.
    expect((overlap as any).relatedInformation).toEqual([
      { location: { uri: fileUri(other), range: { start: { line: 11, character: 6 }, end: { line: 11, character: 12 } } }, message: 'the pod labels of ReplicaSet "on-disk", which this selector matches' },
    ]);
  });

  it('a patch open in the editor shows the findings of the build that uses it, located in it', async () => {
    const app = path.join(dir, 'app');
    fs.mkdirSync(path.join(app, 'base'), { recursive: true });
    fs.mkdirSync(path.join(app, 'overlay'), { recursive: true });
    fs.writeFileSync(path.join(app, 'base/kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
    fs.writeFileSync(
      path.join(app, 'base/deployment.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    );
    fs.writeFileSync(path.join(app, 'overlay/kustomization.yaml'), 'namePrefix: prod-\nresources:\n  - ../base\npatches:\n  - path: patch.yaml\n');
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n';
    const uri = fileUri(path.join(app, 'overlay/patch.yaml'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: patch } });
    const p = await client.diagnosticsFor(uri, (x) => x.version === 1);
    // As a file on its own the patch is no valid Deployment (no selector, no containers); built, it is,
    // and the one defect it brings is located where it was written.
    expect(p.diagnostics.map((d) => d.code)).toEqual(['restart-policy']);
    expect(p.diagnostics[0]!.range.start).toEqual({ line: 7, character: 21 });
    expect(p.diagnostics[0]!.message).toMatch(/OnFailure/);
    // The editor's text is what the build reads: fixing it in the buffer clears the finding.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: patch.replace('OnFailure', 'Always') }] });
    const q = await client.diagnosticsFor(uri, (x) => x.version === 2);
    expect(q.diagnostics).toEqual([]);
  });

  it('gives nothing to YAML that is not a Kubernetes manifest', async () => {
    const uri = fileUri(path.join(dir, 'values.yaml'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'replicaCount: 1\nimage:\n  repository: nginx\n' } });
    const p = await client.diagnosticsFor(uri);
    expect(p.diagnostics).toEqual([]);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    expect(hover).toBeNull();
    // A Markdown file that shows a manifest is no manifest.
    const md = fileUri(path.join(dir, 'README.md'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: md, languageId: 'markdown', version: 1, text: 'kind: Pod\napiVersion: v1\nspec: 3\n' } });
    expect((await client.diagnosticsFor(md)).diagnostics).toEqual([]);
  });

  it('shuts down and exits with 0', async () => {
    expect(client.serverRequests).toContain('client/registerCapability');
    expect(client.serverRequests).toContain('workspace/configuration');
    expect(await client.stop()).toBe(0);
  });
});
