/** `podlint simulate [options] <files…>`: the deterministic lifecycle simulation. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './io.js';
import { UsageError } from './io.js';
import { expandPaths, readInputFile, decodeInput, STDIN_PATH, toPosix } from '../source/read.js';
import { parseManifestText } from '../source/manifests.js';
import { simulate, parseKubernetesMinor, parseScenario, SimInputError, renderText, renderJson, parseDuration, type SimInput } from '../simulator/index.js';

export const SIMULATE_HELP = `Usage: podlint simulate [options] <files…|->

Predict what a cluster does with these Pods, ReplicationControllers and ReplicaSets: scheduling,
image pulls, container starts, crashes and restarts with back-off, probes, controllers. Offline and
deterministic: the same inputs and seed give the same output.

Options:
      --seed N                  seed for generated pod names, UIDs and kubelet jitter (default 1)
      --until DURATION          how long to simulate, e.g. 90s, 10m, 1h (default: the scenario's until, else 10m)
      --cluster FILE            Node objects, e.g. the output of \`kubectl get nodes -o yaml\` (default: 3 nodes, 2 CPU / 4Gi / 110 pods)
      --scenario FILE           timed steps: kubectl commands, node fail/recover, container behaviour
      --strict-refs             ConfigMaps, Secrets and PVCs that are not among the inputs are missing
                                (default: assume they exist)
  -f, --format text|json        output format (default text)
  -o, --output-file FILE        write the report to FILE instead of stdout
  -k, --kubernetes-version V    1.28 … 1.36 (default 1.36)
  -h, --help                    show this help

Container behaviour: annotate a Pod or pod template with podlint.io/behavior, e.g.
  podlint.io/behavior: "{web: {exitCode: 1, exitAfter: 5s}}"
keys: exitCode, exitAfter, startupTime, listens, imagePullable, pullTime, stopTime.

Scenario file:
  until: 10m
  steps:
    - at: 30s
      run: kubectl label pod {{pod:myweb-rc:0}} app=debug --overwrite
    - at: 1m
      run: node fail node-2
    - at: 2m
      run: behavior myweb-* myweb exitCode=1 exitAfter=10s

Exit codes: 0 simulated, 2 bad input or usage.
`;

export const simulateCommand: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        seed: { type: 'string' },
        until: { type: 'string' },
        cluster: { type: 'string' },
        scenario: { type: 'string' },
        'strict-refs': { type: 'boolean' },
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'kubernetes-version': { type: 'string', short: 'k' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nRun podlint simulate --help for usage.`);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(SIMULATE_HELP);
    return 0;
  }
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  let seed = 1;
  if (v.seed !== undefined) {
    if (!/^-?\d+$/.test(v.seed)) throw new UsageError(`--seed must be an integer, not "${v.seed}"`);
    seed = Number(v.seed);
  }
  let until: number | undefined;
  if (v.until !== undefined) {
    until = parseDuration(v.until);
    if (until === undefined || until <= 0) throw new UsageError(`--until must be a duration like 90s, 10m or 1h30m, not "${v.until}"`);
  }
  if (parseKubernetesMinor(v['kubernetes-version']) === undefined) throw new UsageError(`--kubernetes-version must be 1.28 … 1.36, not "${v['kubernetes-version']}"`);
  if (parsed.positionals.length === 0 && !v.scenario) throw new UsageError('no input: give manifest files or directories (or a --scenario that applies them)\nRun podlint simulate --help for usage.');

  const display = (abs: string) => (abs === STDIN_PATH ? abs : toPosix(path.relative(io.cwd, abs) || abs));
  const problems: string[] = [];
  const readObjects = async (paths: string[]): Promise<SimInput[]> => {
    const objects: SimInput[] = [];
    const hasStdin = paths.includes('-');
    const { files, errors } = expandPaths(paths.filter((p) => p !== '-'), { cwd: io.cwd });
    for (const e of errors) problems.push(`${display(e.filePath)}: ${e.error}`);
    const inputs = files.map((f) => readInputFile(f));
    if (hasStdin) inputs.push(decodeInput(STDIN_PATH, Buffer.from(await io.readStdin(), 'utf8')));
    for (const f of inputs) {
      if (f.error !== undefined || f.text === undefined) {
        problems.push(`${display(f.filePath)}: ${f.error ?? 'unreadable'}`);
        continue;
      }
      const m = parseManifestText(f.text, display(f.filePath));
      for (const p of m.problems) if (p.fatal || p.kind === 'missing-kind') problems.push(`${display(f.filePath)}:${p.range.line}:${p.range.column}: ${p.message}`);
      for (const o of m.objects) objects.push({ value: o.value, file: display(f.filePath), line: m.locate(o, '').line });
    }
    return objects;
  };

  const objects = await readObjects(parsed.positionals);
  let cluster: SimInput[] | undefined;
  if (v.cluster !== undefined) cluster = await readObjects([v.cluster]);
  let scenario;
  if (v.scenario !== undefined) {
    const abs = path.resolve(io.cwd, v.scenario);
    const f = readInputFile(abs);
    if (f.error !== undefined || f.text === undefined) problems.push(`${display(abs)}: ${f.error ?? 'unreadable'}`);
    else {
      const dir = path.dirname(abs);
      const read = (p: string) => {
        const target = path.resolve(dir, p);
        const text = fs.readFileSync(target, 'utf8');
        return { text, label: display(target) };
      };
      try {
        scenario = parseScenario(f.text, display(abs), read);
      } catch (err) {
        if (err instanceof SimInputError) problems.push(err.message);
        else throw err;
      }
    }
  }
  if (problems.length) {
    io.stderr(problems.map((p) => `podlint simulate: ${p}\n`).join(''));
    return 2;
  }
  let trace;
  try {
    trace = simulate(objects, { seed, until, cluster, scenario, kubernetesVersion: v['kubernetes-version'], strictRefs: v['strict-refs'] === true });
  } catch (err) {
    if (err instanceof SimInputError) {
      io.stderr(`podlint simulate: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const report = format === 'json' ? renderJson(trace) : renderText(trace, { timelineWidth: 60 });
  if (v['output-file']) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, v['output-file']), report);
    } catch (err) {
      throw new UsageError(`cannot write ${v['output-file']}: ${(err as Error).message}`);
    }
  } else io.stdout(report);
  return 0;
};
