/**
 * `podlint lsp`: a Language Server Protocol (3.17) server over the library API — diagnostics as you
 * type, field documentation on hover, completion of field names and fixed values, quick fixes.
 *
 * A thin layer: linting is lintInputs() over the document and the manifests beside it (workspace.ts),
 * field text is explain's (schema-help.ts), fixes are --fix's edits (src/fix/apply.ts). The server
 * receives its streams; it never touches the process.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../types.js';
import { applyFix } from '../fix/apply.js';
import { getRule } from '../engine/registry.js';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../schema/versions.js';
import { openApiModel } from '../explain/openapi-data.js';
import { DISABLE_NEXT_LINE_DIRECTIVE } from '../explain/rule-reference.js';
import { completionContext, nodeAt } from './yaml-context.js';
import { fieldChoices, fieldHover, valueChoices } from './schema-help.js';
import { looksLikeManifest, Workspace } from './workspace.js';

/** How long after the last change a document is linted again. */
export const DEFAULT_DEBOUNCE_MS = 40;
export const SERVER_NAME = 'podlint';

export interface ServerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The server's version, told to the client. */
  version?: string;
  debounceMs?: number;
  /** Kubernetes version over the client's settings and the configuration file. */
  kubernetesVersion?: string;
}

interface DocState {
  version: number;
  findings: Finding[];
}

/** Start a server on the streams; resolves when the client has asked it to exit. */
export function startServer(options: ServerOptions): Promise<number> {
  const connection: Connection = createConnection(ProposedFeatures.all, options.input, options.output);
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  const states = new Map<string, DocState>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let canRelate = false;
  let shutdown = false;

  const pathOf = (uri: string): string => (uri.startsWith('file:') ? fileURLToPath(uri) : uri);
  const fixedVersion = options.kubernetesVersion;
  if (fixedVersion) workspace.settings = { kubernetesVersion: fixedVersion };
  const kubernetesVersion = () => {
    const v = workspace.settings.kubernetesVersion;
    return v && parseKubernetesVersion(v) ? v : DEFAULT_KUBERNETES_VERSION;
  };
  const openTexts = (): Map<string, string> => new Map(documents.all().map((d) => [pathOf(d.uri), d.getText()]));

  const toDiagnostic = (f: Finding): Diagnostic => {
    const d: Diagnostic = {
      range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } },
      severity: f.severity === 'error' ? DiagnosticSeverity.Error : f.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      source: SERVER_NAME,
      message: f.message,
    };
    if (f.ruleId) d.code = f.ruleId;
    if (f.related?.length && canRelate) {
      d.relatedInformation = f.related.map((r) => ({
        location: { uri: pathToFileURL(r.filePath).href, range: { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } } },
        message: r.message,
      }));
    }
    return d;
  };

  const validate = async (doc: TextDocument): Promise<void> => {
    const text = doc.getText();
    const filePath = pathOf(doc.uri);
    if (!isManifestDocument(doc) || !looksLikeManifest(text)) {
      states.set(doc.uri, { version: doc.version, findings: [] });
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
      return;
    }
    let byFile;
    try {
      ({ byFile } = await workspace.lintDocument(filePath, text, openTexts()));
    } catch (err) {
      // A configuration that does not load: say so on the document, at its first line.
      const message = `podlint: ${(err as Error)?.message ?? String(err)}`;
      states.set(doc.uri, { version: doc.version, findings: [] });
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: SERVER_NAME, message }] });
      return;
    }
    if (documents.get(doc.uri)?.version !== doc.version) return; // changed meanwhile: the next run publishes
    // The document's findings, and those of the other open documents of the run (cross-object findings change with it).
    for (const open of documents.all()) {
      const p = pathOf(open.uri);
      const result = byFile.get(p);
      if (open.uri !== doc.uri && (!result || open.version !== states.get(open.uri)?.version)) continue;
      const findings = result?.findings ?? [];
      states.set(open.uri, { version: open.version, findings });
      await connection.sendDiagnostics({ uri: open.uri, version: open.version, diagnostics: findings.map(toDiagnostic) });
    }
  };

  const schedule = (doc: TextDocument, delay = debounceMs) => {
    const t = timers.get(doc.uri);
    if (t) clearTimeout(t);
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) void validate(current).catch((err) => connection.console.error(`podlint: ${(err as Error)?.stack ?? String(err)}`));
      }, delay),
    );
  };
  const revalidateAll = () => {
    for (const d of documents.all()) schedule(d, 0);
  };

  const pullSettings = async () => {
    if (!canPullConfiguration) return;
    const [s] = (await connection.workspace.getConfiguration([{ section: 'podlint' }])) as Array<{ kubernetesVersion?: string } | null>;
    workspace.settings = { kubernetesVersion: fixedVersion ?? (typeof s?.kubernetesVersion === 'string' ? s.kubernetesVersion : undefined) };
    workspace.configurationChanged();
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRelate = caps.textDocument?.publishDiagnostics?.relatedInformation === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder) workspace.root = pathOf(folder);
    else if (params.rootPath) workspace.root = params.rootPath;
    const init = params.initializationOptions as { kubernetesVersion?: unknown } | undefined;
    if (!fixedVersion && typeof init?.kubernetesVersion === 'string') workspace.settings = { kubernetesVersion: init.kubernetesVersion };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: SERVER_NAME, version: options.version },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'podlint' }).catch(() => undefined);
      await pullSettings().catch(() => undefined);
    }
    if (canWatchFiles) {
      await connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.podlint.yaml' }, { globPattern: '**/*.{yaml,yml,json}' }] })
        .catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    const s = (change.settings as { podlint?: { kubernetesVersion?: string } } | undefined)?.podlint;
    if (canPullConfiguration) await pullSettings().catch(() => undefined);
    else if (s && !fixedVersion) {
      workspace.settings = { kubernetesVersion: s.kubernetesVersion };
      workspace.configurationChanged();
    }
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    for (const c of change.changes) workspace.fileChanged(pathOf(c.uri));
    revalidateAll();
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidSave((e) => {
    const p = pathOf(e.document.uri);
    workspace.fileChanged(p);
    if (p.endsWith('.podlint.yaml')) revalidateAll();
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    states.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const text = doc.getText();
    if (!isManifestDocument(doc) || !looksLikeManifest(text)) return null;
    const parts: string[] = [];
    const pos = params.position;
    // The findings whose range holds the position: the rule's summary and remedy.
    for (const f of states.get(doc.uri)?.findings ?? []) {
      const inside = (pos.line + 1 > f.line || (pos.line + 1 === f.line && pos.character + 1 >= f.column)) && (pos.line + 1 < f.endLine || (pos.line + 1 === f.endLine && pos.character + 1 <= f.endColumn));
      const rule = f.ruleId ? getRule(f.ruleId) : undefined;
      if (!inside || !rule) continue;
      parts.push(`**${rule.meta.id}** (${f.severity}): ${rule.meta.docs.summary}\n\n${rule.meta.docs.remediation}`);
    }
    const node = nodeAt(text, doc.offsetAt(pos));
    if (node) {
      const docs = fieldHover(kubernetesVersion(), node.apiVersion, node.kind, node.tokens);
      if (docs) parts.push(docs);
    }
    if (!parts.length) return null;
    const range = node ? { start: doc.positionAt(node.span[0]), end: doc.positionAt(node.span[1]) } : undefined;
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
  });

  connection.onCompletion((params): CompletionItem[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isManifestDocument(doc)) return [];
    const ctx = completionContext(doc.getText(), params.position.line, params.position.character);
    if (!ctx) return [];
    const version = kubernetesVersion();
    if (ctx.valueFor !== undefined) {
      let values: string[];
      if (!ctx.path.length && ctx.valueFor === 'kind') values = [...new Set(openApiModel(version)?.resources.map((r) => r.kind) ?? [])].sort();
      else if (!ctx.path.length && ctx.valueFor === 'apiVersion')
        values = [...new Set((openApiModel(version)?.resources ?? []).filter((r) => !ctx.kind || r.kind === ctx.kind).map((r) => (r.kindGroup ? `${r.kindGroup}/${r.kindVersion}` : r.kindVersion)))].sort();
      else values = valueChoices(version, ctx.apiVersion, ctx.kind, ctx.path, ctx.valueFor);
      return values.filter((v) => v.startsWith(ctx.prefix)).map((v, i) => ({ label: v, kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(4, '0') }));
    }
    if (!ctx.path.length && (!ctx.apiVersion || !ctx.kind)) {
      return ['apiVersion', 'kind', 'metadata']
        .filter((k) => !ctx.present.includes(k))
        .map((k) => ({ label: k, kind: CompletionItemKind.Field, insertText: k === 'metadata' ? 'metadata:' : `${k}: `, insertTextFormat: InsertTextFormat.PlainText }));
    }
    return fieldChoices(version, ctx.apiVersion, ctx.kind, ctx.path)
      .filter((c) => !ctx.present.includes(c.name) && c.name.startsWith(ctx.prefix) && !(ctx.path.length === 0 && c.name === 'status'))
      .map((c) => {
        const scalar = !/^\[\]|^map\[|^[A-Z]/.test(c.type) || c.type === 'Object';
        return {
          label: c.name,
          kind: CompletionItemKind.Field,
          detail: c.type,
          documentation: c.description ? { kind: MarkupKind.PlainText, value: c.description } : undefined,
          insertText: scalar ? `${c.name}: ` : `${c.name}:`,
          insertTextFormat: InsertTextFormat.PlainText,
        };
      });
  });

  connection.onCodeAction((params): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    const state = states.get(params.textDocument.uri);
    if (!doc || !state || state.version !== doc.version) return [];
    if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
    const text = doc.getText();
    const isJson = /\.json$/i.test(params.textDocument.uri);
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SERVER_NAME) continue;
      const f = state.findings.find(
        (x) => x.ruleId === diagnostic.code && x.message === diagnostic.message && x.line - 1 === diagnostic.range.start.line && x.column - 1 === diagnostic.range.start.character,
      );
      if (!f || !f.ruleId) continue;
      if (f.fix && f.object) {
        const fixed = applyFix(text, { documentIndex: f.object.documentIndex, basePointer: f.object.listIndex !== undefined ? `/items/${f.object.listIndex}` : '', fix: f.fix });
        if (fixed !== undefined && fixed !== text) {
          actions.push({ title: `Fix: ${f.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [doc.uri]: [minimalEdit(doc, text, fixed)] } } });
        }
      }
      if (!isJson && !f.fatal) {
        const lineText = text.split(/\r?\n/)[f.line - 1] ?? '';
        const indent = /^[ \t]*/.exec(lineText)![0];
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        actions.push({
          title: `Disable ${f.ruleId} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [doc.uri]: [{ range: { start: { line: f.line - 1, character: 0 }, end: { line: f.line - 1, character: 0 } }, newText: `${indent}# ${DISABLE_NEXT_LINE_DIRECTIVE} ${f.ruleId}${eol}` }] } },
        });
      }
    }
    return actions;
  });

  connection.onShutdown(() => {
    shutdown = true;
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  const exited = new Promise<number>((resolve) => {
    connection.onExit(() => resolve(shutdown ? 0 : 1));
  });
  documents.listen(connection);
  connection.listen();
  return exited;
}

/** YAML and JSON documents only (by language id, or by file name where the client sends another id). */
function isManifestDocument(doc: TextDocument): boolean {
  return ['yaml', 'json', 'jsonc'].includes(doc.languageId) || /\.(ya?ml|json)$/i.test(doc.uri);
}

/** One edit that turns `before` into `after`: the changed middle, between their common prefix and suffix. */
function minimalEdit(doc: TextDocument, before: string, after: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { range: { start: doc.positionAt(start), end: doc.positionAt(endB) }, newText: after.slice(start, endA) };
}
