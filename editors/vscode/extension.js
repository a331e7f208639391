// A minimal VS Code client for `podlint lsp --stdio`: YAML and JSON files of the workspace go to the
// server; settings under `podlint.` are passed on (workspace/configuration).
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('podlint').get('command');
  client = new LanguageClient(
    'podlint',
    'podlint',
    { command, args, transport: TransportKind.stdio },
    {
      documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'file', language: 'json' }],
      synchronize: { configurationSection: 'podlint', fileEvents: vscode.workspace.createFileSystemWatcher('**/{.podlint.yaml,*.yaml,*.yml,*.json}') },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
