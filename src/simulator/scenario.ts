/**
 * Scenario files:
 *
 *   until: 10m            # optional; --until wins when given
 *   steps:
 *     - at: 30s
 *       run: kubectl scale rc myweb-rc --replicas=5
 *     - at: 1m
 *       run: node fail node-2
 *
 * Steps are parsed (and their -f files read) before the simulation starts, so a bad step is reported
 * with its file and line.
 */
import { parseYaml } from '../source/yaml.js';
import { locate } from '../source/locate.js';
import { parseCommand, type Command, type FileReader } from './commands.js';
import { parseDuration, type Ms } from './time.js';

export interface ScenarioStep {
  at: Ms;
  run: string;
  command: Command;
  line: number;
}

export interface Scenario {
  file: string;
  until?: Ms;
  steps: ScenarioStep[];
}

/** A problem in an input file: printed as `file:line: message`, exit code 2. */
export class SimInputError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'SimInputError';
  }
}

export function parseScenario(text: string, file: string, read: FileReader): Scenario {
  const parsed = parseYaml(text);
  const docs = parsed.documents.filter((d) => d.value !== undefined || d.fatal);
  const lineOf = (offset: number) => parsed.lines.position(offset).line;
  if (docs.length === 0) throw new SimInputError(file, 1, 'the scenario is empty; expected `steps:` with a list of {at, run}');
  const doc = docs[0]!;
  if (doc.fatal) throw new SimInputError(file, lineOf(doc.fatal.offset), `not valid YAML: ${doc.fatal.message}`);
  const root = doc.value as Record<string, unknown>;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new SimInputError(file, lineOf(doc.span[0]), 'a scenario is a map with `steps:` (and optionally `until:`)');
  const lineAt = (pointer: string, target: 'key' | 'value') => lineOf(locate(doc, pointer, target).span[0]);
  const keyLine = (key: string) => lineAt(`/${key}`, 'key');
  for (const k of Object.keys(root)) if (k !== 'until' && k !== 'steps') throw new SimInputError(file, keyLine(k), `unknown scenario key "${k}" (known: until, steps)`);
  let until: Ms | undefined;
  if (root.until !== undefined) {
    until = parseDuration(root.until);
    if (until === undefined || until <= 0) throw new SimInputError(file, keyLine('until'), `until must be a duration like 10m or 1h30m, not ${JSON.stringify(root.until)}`);
  }
  const steps: ScenarioStep[] = [];
  const list = root.steps ?? [];
  if (!Array.isArray(list)) throw new SimInputError(file, keyLine('steps'), 'steps must be a list of {at: <duration>, run: <command>}');
  list.forEach((raw, i) => {
    const line = lineAt(`/steps/${i}`, 'value');
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SimInputError(file, line, 'a step is a map {at: <duration>, run: <command>}');
    const step = raw as Record<string, unknown>;
    const fieldLine = (k: string) => lineAt(`/steps/${i}/${k}`, 'value');
    for (const k of Object.keys(step)) if (k !== 'at' && k !== 'run') throw new SimInputError(file, fieldLine(k), `unknown step key "${k}" (known: at, run)`);
    const at = parseDuration(step.at ?? '0s');
    if (at === undefined) throw new SimInputError(file, fieldLine('at'), `at must be a duration from the start like 30s or 1m30s, not ${JSON.stringify(step.at)}`);
    if (typeof step.run !== 'string') throw new SimInputError(file, fieldLine('run'), 'run must be a command line, e.g. "kubectl scale rc myweb-rc --replicas=5"');
    const r = parseCommand(step.run, read);
    if (!r.ok) throw new SimInputError(file, fieldLine('run'), r.error);
    steps.push({ at, run: step.run, command: r.command, line });
  });
  // Stable by time: steps at the same time run in file order.
  steps.sort((a, b) => a.at - b.at);
  return { file, until, steps };
}
