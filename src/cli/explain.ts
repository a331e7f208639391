/**
 * `podlint explain`:
 *   podlint explain <type>[.field…] [--recursive] [--api-version g/v] [--kubernetes-version 1.NN]
 *   podlint explain <rule-id>
 *   podlint explain -f <file> [--format text|json] [--kubernetes-version 1.NN]
 * An argument that contains a dot or names a resource type (plural, singular, short name or kind) is a
 * field path; anything else is a rule id. Rule ids are kebab-case and no built-in resource name has
 * a dash, so the two never collide.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './io.js';
import { UsageError } from './io.js';
import { allRules, getRule } from '../engine/registry.js';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, parseKubernetesVersion } from '../schema/versions.js';
import { explainField, ExplainLookupError, renderFieldNotes } from '../explain/field-reference.js';
import { openApiModel } from '../explain/openapi-data.js';
import { allResourceNames, namesOf, suggest } from '../explain/resources.js';
import { renderRuleReference, ruleReference } from '../explain/rule-reference.js';
import { withCrdResources } from '../explain/crd-model.js';
import { PodlintOptionsError, readCrds } from '../lint.js';

const USAGE = `Usage:
  podlint explain <type>[.field…] [--recursive] [--api-version group/version] [--kubernetes-version 1.NN]
  podlint explain <rule-id>
  podlint explain -f <file> [--format text|json] [--kubernetes-version 1.NN]

<type> is a resource as kubectl names it: plural, singular, short name or kind
(pods, pod, po, Pod; rs; deploy; deployments.apps …), followed by a dotted field path
(pods.spec.containers.livenessProbe). The text is what kubectl explain prints for that Kubernetes
version, followed by podlint's notes: the default applied when a field is omitted and the rules that
look at it. A name without a dot that is not a resource type is a rule id (podlint rules lists them).
-f tells, in plain words, what each object of a manifest will do in the cluster ("-" reads stdin).

Options:
  -r, --recursive                print the field tree
      --api-version g/v          explain this group/version of the type (default: the preferred one)
      --crd PATH                 CustomResourceDefinitions (a file or a directory) whose custom
                                 resources can be explained too (repeatable)
      --kubernetes-version 1.NN  ${KUBERNETES_VERSIONS[0]} … ${KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1]} (default ${DEFAULT_KUBERNETES_VERSION})
  -f, --filename FILE            explain a manifest
      --format text|json         output of -f (default text)
  -h, --help                     this help
`;

export const explainCommand: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        recursive: { type: 'boolean', short: 'r' },
        'api-version': { type: 'string' },
        crd: { type: 'string', multiple: true },
        'kubernetes-version': { type: 'string' },
        filename: { type: 'string', short: 'f' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const versionText = values['kubernetes-version'] ?? DEFAULT_KUBERNETES_VERSION;
  const version = parseKubernetesVersion(versionText);
  if (!version) throw new UsageError(`unsupported Kubernetes version "${versionText}"; bundled: ${KUBERNETES_VERSIONS.join(', ')}`);

  if (values.filename !== undefined) {
    if (positionals.length > 0) throw new UsageError(`explain -f takes no other argument (got "${positionals[0]}")`);
    if (values.recursive || values['api-version'] !== undefined) throw new UsageError('--recursive and --api-version apply to a type, not to -f');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" for podlint explain -f; use text or json`);
    let text: string;
    let filePath = values.filename;
    if (filePath === '-') {
      text = await io.readStdin();
      filePath = '<stdin>';
    } else {
      try {
        text = fs.readFileSync(path.resolve(io.cwd, filePath), 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${filePath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
    // Loaded only here: the narrative needs the whole lint engine, the field reference does not.
    const { explainManifest, renderNarrative } = await import('../explain/narrative.js');
    const narrative = await explainManifest(text, filePath, { kubernetesVersion: version.name });
    // On a terminal the narrative follows its width (within reason); elsewhere it is fixed.
    const width = io.isTTY && io.columns ? Math.min(Math.max(io.columns, 60), 120) : undefined;
    io.stdout(format === 'json' ? `${JSON.stringify(narrative, null, 2)}\n` : renderNarrative(narrative, width));
    return 0;
  }
  if (values.format !== undefined) throw new UsageError('--format applies to explain -f only');
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? `explain needs a type, a rule id or -f FILE\n${USAGE}` : `explain takes one type or rule id, got ${positionals.length}: ${positionals.join(' ')}`);
  const arg = positionals[0]!;
  let crds: ReturnType<typeof readCrds> = [];
  try {
    crds = readCrds(values.crd ?? [], io.cwd);
  } catch (err) {
    if (err instanceof PodlintOptionsError) throw new UsageError(err.message);
    throw err;
  }
  const bundled = openApiModel(version.name);
  if (!bundled) throw new UsageError(`Kubernetes ${version.name} has no bundled field documentation`);
  const model = withCrdResources(bundled, crds);
  const first = arg.split('.')[0]!.toLowerCase();
  const isType = arg.includes('.') || model.resources.some((r) => namesOf(r).includes(first));
  if (!isType) {
    const rule = getRule(arg);
    if (rule) {
      if (values.recursive || values['api-version'] !== undefined) throw new UsageError('--recursive and --api-version apply to a type, not to a rule');
      io.stdout(renderRuleReference(ruleReference(rule)));
      return 0;
    }
    const s = suggest(arg, [...allResourceNames(model), ...allRules().map((r) => r.meta.id)]);
    throw new UsageError(`"${arg}" is neither a resource type of Kubernetes ${version.name} nor a podlint rule${s.length ? `; did you mean ${s.map((x) => `"${x}"`).join(', ')}?` : ''} (podlint rules lists the rules)`);
  }
  try {
    const ref = explainField(arg, { kubernetesVersion: version.name, recursive: values.recursive === true, apiVersion: values['api-version'], crds });
    io.stdout(ref.kubectlText + renderFieldNotes(ref));
    return 0;
  } catch (err) {
    if (err instanceof ExplainLookupError) throw new UsageError(err.message);
    throw err;
  }
};
