/** A JSON-RPC client that starts `podlint lsp --stdio` as an editor would and talks LSP to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity?: number; code?: string; source?: string; message: string; relatedInformation?: unknown[] }>;
}

export interface LspClient {
  connection: MessageConnection;
  child: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  published: Published[];
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `pred`. */
  diagnosticsFor(uri: string, pred?: (p: Published) => boolean, timeoutMs?: number): Promise<Published>;
  /** Requests the server made of the client (method names). */
  serverRequests: string[];
  /** The server's answer to initialize. */
  initializeResult: any;
  stop(): Promise<number | null>;
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

export async function startClient(options: { cwd?: string; capabilities?: Record<string, unknown>; settings?: Record<string, unknown>; args?: string[] } = {}): Promise<LspClient> {
  // tsx from this repository (the server may run in a directory without node_modules).
  const tsx = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, path.join(here, 'server-entry.ts'), 'lsp', '--stdio', ...(options.args ?? [])], {
    cwd: options.cwd ?? repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: Published[] = [];
  const waiters: Array<{ uri: string; pred: (p: Published) => boolean; resolve: (p: Published) => void }> = [];
  const serverRequests: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => {
    serverRequests.push('workspace/configuration');
    return params.items.map((i) => (i.section === 'podlint' ? options.settings ?? null : null));
  });
  connection.onRequest('client/registerCapability', () => {
    serverRequests.push('client/registerCapability');
    return null;
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const early = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`podlint lsp exited (${code}): ${stderr}`))));
  early.catch(() => undefined);
  const initializeResult = await Promise.race([early, connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: fileUri(options.cwd ?? repoRoot),
    capabilities: options.capabilities ?? { textDocument: { publishDiagnostics: { relatedInformation: true } } },
    workspaceFolders: null,
  })]);
  await connection.sendNotification('initialized', {});
  return {
    connection,
    child,
    published,
    serverRequests,
    initializeResult,
    diagnosticsFor(uri, pred = () => true, timeoutMs = 20_000) {
      const seen = published.find((p) => p.uri === uri && pred(p));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        waiters.push({ uri, pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
