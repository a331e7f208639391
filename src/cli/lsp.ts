/** `podlint lsp --stdio`: the language server (src/lsp), speaking LSP over standard input and output. */
import { parseArgs } from 'node:util';
import type { Command } from './io.js';
import { UsageError } from './io.js';
import { KUBERNETES_VERSIONS } from '../schema/versions.js';

export const LSP_HELP = `Usage: podlint lsp --stdio [--kubernetes-version V]

Run podlint as a Language Server Protocol (3.17) server over standard input and output, for editors:
diagnostics as you type, field documentation on hover, completion, quick fixes. See the README for
VS Code, Neovim, Helix and Emacs set-ups.

  --stdio                       talk LSP over stdin/stdout (the only transport)
  -k, --kubernetes-version V    ${KUBERNETES_VERSIONS[0]} … ${KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1]} (else the client's podlint.kubernetesVersion setting, then .podlint.yaml)
  -h, --help                    show this help
`;

export const lspCommand: Command = async (argv, io) => {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { stdio: { type: 'boolean' }, 'kubernetes-version': { type: 'string', short: 'k' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nRun podlint lsp --help for usage.`);
  }
  if (values.help) {
    io.stdout(LSP_HELP);
    return 0;
  }
  if (!values.stdio) throw new UsageError('podlint lsp needs --stdio (the transport editors start it with)\nRun podlint lsp --help for usage.');
  const k = values['kubernetes-version'];
  if (k !== undefined && !KUBERNETES_VERSIONS.includes(k)) throw new UsageError(`unsupported Kubernetes version "${k}"; bundled: ${KUBERNETES_VERSIONS.join(', ')}`);
  if (!io.stdio) throw new UsageError('podlint lsp needs the process streams');
  const { startServer } = await import('../lsp/server.js');
  const { packageVersion } = await import('./lint.js');
  const streams = io.stdio();
  return startServer({ input: streams.input, output: streams.output, version: packageVersion(), kubernetesVersion: k });
};
