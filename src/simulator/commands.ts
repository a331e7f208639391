/**
 * Scenario commands: kubectl command lines as users type them, plus podlint's cluster and container
 * events. Parsing happens before the simulation (so a bad step is reported with its file and line);
 * execution happens at the step's time.
 *
 *   kubectl apply|create|replace -f FILE…
 *   kubectl scale rc|rs NAME… --replicas=N
 *   kubectl label|annotate pod|rc|rs NAME…|-l SEL|--all key=value… key- [--overwrite]
 *   kubectl patch pod|rc|rs NAME -p PATCH | --patch-file FILE [--type strategic|merge|json]
 *   kubectl delete pod|rc|rs NAME…|-l SEL|--all [--cascade=background|foreground|orphan] [--grace-period=N]
 *   kubectl delete -f FILE
 *   kubectl get pods|rc|rs|nodes [--show-labels]
 *   kubectl cordon|uncordon NODE
 *   kubectl set image deployment|rc|rs|pod/NAME CONTAINER=IMAGE…
 *   node fail NODE | node recover NODE
 *   behavior POD-GLOB CONTAINER key=value…      (keys as in the podlint.io/behavior annotation)
 *
 * A pod the simulation created can be named by its generated name (deterministic for a seed) or by
 * `{{pod:CONTROLLER:N}}`: the N-th oldest (0-based; or `newest`) active pod owned by that controller.
 */
import { parseYaml } from '../source/yaml.js';
import { parseManifestText } from '../source/manifests.js';
import { matchesLabelSelector, type LabelSelector } from '../k8s/selector.js';
import { BEHAVIOR_KEYS, globMatch, parseBehavior, type Behavior } from './behavior.js';
import type { Engine } from './engine.js';
import { controllerRef, isActive } from './engine.js';
import type { Json, SimController, SimPod } from './model.js';
import { createObject, findObject, liveObject, namespaceOf, resourceOf, updateObject, writeObject, type SimInput, type WriteMode } from './objects.js';
import { jsonMergePatch, jsonPatch, strategicMergePatch } from './patch.js';
import { printPod } from './status.js';
import { humanDuration } from './time.js';

type Kind = 'Pod' | 'ReplicationController' | 'ReplicaSet' | 'Deployment';

export type Command =
  | { kind: 'write'; mode: WriteMode; inputs: SimInput[]; labels: string[] }
  | { kind: 'scale'; type: Kind; names: string[]; replicas: number; ns: string }
  | { kind: 'label'; field: 'labels' | 'annotations'; type: Kind; names: string[]; selector?: LabelSelector; all: boolean; set: Record<string, string>; remove: string[]; overwrite: boolean; ns: string }
  | { kind: 'patch'; type: Kind; name: string; patchType: 'strategic' | 'merge' | 'json'; patch: Json; ns: string }
  | { kind: 'delete'; type: Kind; names: string[]; selector?: LabelSelector; all: boolean; cascade: 'background' | 'foreground' | 'orphan'; grace?: number; ns: string }
  | { kind: 'deleteFiles'; inputs: SimInput[]; cascade: 'background' | 'foreground' | 'orphan' }
  | { kind: 'get'; type: Kind | 'Node'; ns: string; showLabels: boolean }
  | { kind: 'cordon'; node: string; on: boolean }
  | { kind: 'setImage'; type: Kind; name: string; images: Record<string, string>; ns: string }
  | { kind: 'node'; action: 'fail' | 'recover'; node: string }
  | { kind: 'behavior'; glob: string; container: string; behavior: Behavior };

/** Reads a file named in a step, relative to the scenario file; throws a message on failure. */
export type FileReader = (path: string) => { text: string; label: string };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

/** POSIX-shell-like word splitting with single quotes, double quotes and backslashes. */
export function shellWords(line: string): string[] | string {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return 'unterminated single quote';
      cur += line.slice(i + 1, end);
      has = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        cur += line[j];
      }
      if (j >= line.length) return 'unterminated double quote';
      has = true;
      i = j;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

const TYPE_ALIASES: Record<string, Kind | 'Node'> = {
  po: 'Pod', pod: 'Pod', pods: 'Pod',
  rc: 'ReplicationController', replicationcontroller: 'ReplicationController', replicationcontrollers: 'ReplicationController',
  rs: 'ReplicaSet', replicaset: 'ReplicaSet', replicasets: 'ReplicaSet', 'replicaset.apps': 'ReplicaSet', 'replicasets.apps': 'ReplicaSet',
  deploy: 'Deployment', deployment: 'Deployment', deployments: 'Deployment', 'deployment.apps': 'Deployment', 'deployments.apps': 'Deployment',
  no: 'Node', node: 'Node', nodes: 'Node',
};

const VALUE_FLAGS = new Set(['-f', '--filename', '-l', '--selector', '-p', '--patch', '--patch-file', '--type', '--replicas', '--cascade', '--grace-period', '-n', '--namespace', '--current-replicas', '-o', '--output', '--timeout']);
const BOOL_FLAGS = new Set(['--show-labels', '--overwrite', '--all', '--force', '--now', '--wait', '--save-config', '-w', '--watch', '--record']);

interface Args {
  positional: string[];
  flags: Map<string, string[]>;
}

function parseArgs(words: string[]): Args | string {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const put = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      let name = eq > 0 ? w.slice(0, eq) : w;
      let value = eq > 0 ? w.slice(eq + 1) : undefined;
      // -fFILE, -lapp=web
      if (!name.startsWith('--') && name.length > 2 && value === undefined) {
        value = name.slice(2);
        name = name.slice(0, 2);
      }
      if (VALUE_FLAGS.has(name)) {
        if (value === undefined) {
          if (i + 1 >= words.length) return `flag needs an argument: ${name}`;
          value = words[++i]!;
        }
        put(canonicalFlag(name), value);
      } else if (BOOL_FLAGS.has(name)) put(name, value ?? 'true');
      else return `unknown flag: ${name}`;
    } else positional.push(w);
  }
  return { positional, flags };
}

function canonicalFlag(name: string): string {
  return ({ '--filename': '-f', '--selector': '-l', '--patch': '-p', '--namespace': '-n', '--output': '-o' } as Record<string, string>)[name] ?? name;
}

/** A label selector string as kubectl -l takes it: `a=b,c!=d,e in (x,y),f notin (z),g,!h`. */
export function parseSelectorString(text: string): LabelSelector | string {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const exprs: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) return `unable to parse requirement: found '', expected: identifier`;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(p))) exprs.push({ key: m[1]!, operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]!] });
    else if ((m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(p))) exprs.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((s) => s.trim()).filter(Boolean) });
    else if ((m = /^!\s*([\w./-]+)$/.exec(p))) exprs.push({ key: m[1]!, operator: 'DoesNotExist' });
    else if ((m = /^([\w./-]+)$/.exec(p))) exprs.push({ key: m[1]!, operator: 'Exists' });
    else return `unable to parse requirement: "${p}"`;
  }
  return { matchExpressions: exprs };
}

function loadFiles(paths: string[], read: FileReader): { inputs: SimInput[]; labels: string[] } | string {
  const inputs: SimInput[] = [];
  const labels: string[] = [];
  for (const path of paths) {
    let file: { text: string; label: string };
    try {
      file = read(path);
    } catch (e) {
      return `error: the path "${path}" does not exist (${(e as Error).message})`;
    }
    const m = parseManifestText(file.text, file.label);
    const fatal = m.problems.find((p) => p.fatal || p.kind === 'missing-kind');
    if (fatal) return `error: error parsing ${file.label}: line ${fatal.range.line}: ${fatal.message}`;
    for (const o of m.objects) {
      inputs.push({ value: o.value, file: file.label, line: m.locate(o, '').line });
      labels.push(path);
    }
  }
  return { inputs, labels };
}

function kindArg(word: string | undefined): { type: Kind | 'Node'; name?: string } | string {
  if (!word) return 'error: you must specify the type of resource';
  const slash = word.indexOf('/');
  const t = TYPE_ALIASES[(slash >= 0 ? word.slice(0, slash) : word).toLowerCase()];
  if (!t) return `error: the server doesn't have a resource type "${slash >= 0 ? word.slice(0, slash) : word}"`;
  return slash >= 0 ? { type: t, name: word.slice(slash + 1) } : { type: t };
}

/** Parse one step's command line. */
export function parseCommand(line: string, read: FileReader): ParseResult {
  const words = shellWords(line);
  if (typeof words === 'string') return { ok: false, error: words };
  if (words.length === 0) return { ok: false, error: 'empty command' };
  const [head, ...rest] = words;
  if (head === 'node') {
    const [action, node] = rest;
    if ((action !== 'fail' && action !== 'recover') || !node || rest.length !== 2) return { ok: false, error: 'usage: node fail NODE | node recover NODE' };
    return { ok: true, command: { kind: 'node', action, node } };
  }
  if (head === 'behavior') {
    const [globWord, container, ...pairs] = rest;
    if (!globWord || !container || pairs.length === 0) return { ok: false, error: `usage: behavior POD-GLOB CONTAINER key=value… (keys: ${BEHAVIOR_KEYS.join(', ')})` };
    const raw: Record<string, string> = {};
    for (const p of pairs) {
      const eq = p.indexOf('=');
      if (eq <= 0) return { ok: false, error: `expected key=value, got "${p}"` };
      raw[p.slice(0, eq)] = p.slice(eq + 1);
    }
    const b = parseBehavior(raw);
    if (!b.ok) return { ok: false, error: b.error };
    return { ok: true, command: { kind: 'behavior', glob: globWord.replace(/^(pods?|po)\//, ''), container, behavior: b.behavior } };
  }
  if (head !== 'kubectl') return { ok: false, error: `unknown command "${head}": a step runs "kubectl …", "node fail|recover NODE" or "behavior POD-GLOB CONTAINER key=value…"` };
  const [verb, ...argWords] = rest;
  const args = parseArgs(argWords);
  if (typeof args === 'string') return { ok: false, error: `error: ${args}` };
  const flag = (k: string) => args.flags.get(k)?.[args.flags.get(k)!.length - 1];
  const ns = flag('-n') ?? 'default';
  const cascadeFlag = flag('--cascade') ?? 'background';
  const cascade = cascadeFlag === 'true' ? 'background' : cascadeFlag === 'false' ? 'orphan' : cascadeFlag;
  if (!['background', 'foreground', 'orphan'].includes(cascade)) return { ok: false, error: `error: invalid cascade value (${cascadeFlag}). Must be "background", "foreground", or "orphan".` };
  const selectorOf = (): LabelSelector | undefined | string => {
    const l = flag('-l');
    return l === undefined ? undefined : parseSelectorString(l);
  };
  const targets = (): { type: Kind; names: string[] } | string => {
    const first = kindArg(args.positional[0]);
    if (typeof first === 'string') return first;
    if (first.type === 'Node') return 'error: podlint scenarios change nodes with "kubectl cordon|uncordon NODE" and "node fail|recover NODE"';
    const names = first.name !== undefined ? [first.name] : [];
    for (const w of args.positional.slice(1)) {
      const k = kindArg(w.includes('/') ? w : undefined);
      if (w.includes('/') && typeof k !== 'string' && k.name) names.push(k.name);
      else names.push(w);
    }
    return { type: first.type, names };
  };
  switch (verb) {
    case 'apply':
    case 'create':
    case 'replace': {
      const files = args.flags.get('-f');
      if (!files?.length) return { ok: false, error: `error: must specify one of -f and -k` };
      const loaded = loadFiles(files, read);
      if (typeof loaded === 'string') return { ok: false, error: loaded };
      return { ok: true, command: { kind: 'write', mode: verb, inputs: loaded.inputs, labels: loaded.labels } };
    }
    case 'scale': {
      const t = targets();
      if (typeof t === 'string') return { ok: false, error: t };
      const r = flag('--replicas');
      if (r === undefined || !/^\d+$/.test(r)) return { ok: false, error: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0' };
      if (t.type === 'Pod') return { ok: false, error: 'error: cannot scale pods: only Deployments, ReplicationControllers and ReplicaSets scale here' };
      if (t.names.length === 0) return { ok: false, error: 'error: resource(s) were provided, but no name was specified' };
      return { ok: true, command: { kind: 'scale', type: t.type, names: t.names, replicas: Number(r), ns } };
    }
    case 'label':
    case 'annotate': {
      const first = kindArg(args.positional[0]);
      if (typeof first === 'string') return { ok: false, error: first };
      if (first.type === 'Node') return { ok: false, error: 'error: podlint does not label nodes in scenarios' };
      const names: string[] = first.name ? [first.name] : [];
      const set: Record<string, string> = {};
      const remove: string[] = [];
      for (const w of args.positional.slice(1)) {
        if (w.endsWith('-') && !w.includes('=')) remove.push(w.slice(0, -1));
        else if (w.includes('=')) set[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
        else names.push(w.includes('/') ? w.slice(w.indexOf('/') + 1) : w);
      }
      if (Object.keys(set).length === 0 && remove.length === 0) return { ok: false, error: `error: at least one ${verb === 'label' ? 'label' : 'annotation'} update is required` };
      const sel = selectorOf();
      if (typeof sel === 'string') return { ok: false, error: `error: ${sel}` };
      const all = args.flags.has('--all');
      if (names.length === 0 && !sel && !all) return { ok: false, error: 'error: resource(s) were provided, but no name was specified' };
      return { ok: true, command: { kind: 'label', field: verb === 'label' ? 'labels' : 'annotations', type: first.type, names, selector: sel, all, set, remove, overwrite: args.flags.has('--overwrite'), ns } };
    }
    case 'patch': {
      const t = targets();
      if (typeof t === 'string') return { ok: false, error: t };
      if (t.names.length !== 1) return { ok: false, error: 'error: patch needs exactly one resource name' };
      const type = (flag('--type') ?? 'strategic') as 'strategic' | 'merge' | 'json';
      if (!['strategic', 'merge', 'json'].includes(type)) return { ok: false, error: `error: --type must be one of [json merge strategic], not "${type}"` };
      let text = flag('-p');
      const pf = flag('--patch-file');
      if (text === undefined && pf !== undefined) {
        try {
          text = read(pf).text;
        } catch (e) {
          return { ok: false, error: `error: unable to read patch file ${pf}: ${(e as Error).message}` };
        }
      }
      if (text === undefined) return { ok: false, error: 'error: must specify --patch or --patch-file containing the contents of the patch' };
      const doc = parseYaml(text).documents[0];
      if (!doc || doc.fatal || doc.value === undefined) return { ok: false, error: `error: unable to parse "${text}": ${doc?.fatal?.message ?? 'empty patch'}` };
      return { ok: true, command: { kind: 'patch', type: t.type, name: t.names[0]!, patchType: type, patch: doc.value, ns } };
    }
    case 'delete': {
      const grace = flag('--grace-period');
      const graceN = grace === undefined ? undefined : Number(grace);
      if (grace !== undefined && !Number.isInteger(graceN)) return { ok: false, error: `error: invalid argument "${grace}" for "--grace-period" flag` };
      const files = args.flags.get('-f');
      if (files?.length) {
        const loaded = loadFiles(files, read);
        if (typeof loaded === 'string') return { ok: false, error: loaded };
        return { ok: true, command: { kind: 'deleteFiles', inputs: loaded.inputs, cascade: cascade as 'background' } };
      }
      const t = targets();
      if (typeof t === 'string') return { ok: false, error: t };
      const sel = selectorOf();
      if (typeof sel === 'string') return { ok: false, error: `error: ${sel}` };
      const all = args.flags.has('--all');
      if (t.names.length === 0 && !sel && !all) return { ok: false, error: 'error: resource(s) were provided, but no name was specified' };
      return { ok: true, command: { kind: 'delete', type: t.type, names: t.names, selector: sel, all, cascade: cascade as 'background', grace: args.flags.has('--force') && graceN === undefined ? 0 : graceN, ns } };
    }
    case 'get': {
      const first = kindArg(args.positional[0]);
      if (typeof first === 'string') return { ok: false, error: first };
      return { ok: true, command: { kind: 'get', type: first.type, ns, showLabels: args.flags.has('--show-labels') } };
    }
    case 'set': {
      const [what, target, ...pairs] = args.positional;
      if (what !== 'image') return { ok: false, error: 'podlint scenarios support "kubectl set image" only' };
      const t = kindArg(target);
      if (typeof t === 'string') return { ok: false, error: t };
      if (t.type === 'Node' || !t.name) return { ok: false, error: 'error: usage: kubectl set image TYPE/NAME CONTAINER=IMAGE…' };
      const images: Record<string, string> = {};
      for (const p of pairs) {
        const eq = p.indexOf('=');
        if (eq <= 0) return { ok: false, error: `error: expected CONTAINER=IMAGE, got "${p}"` };
        images[p.slice(0, eq)] = p.slice(eq + 1);
      }
      if (Object.keys(images).length === 0) return { ok: false, error: 'error: at least one image update is required' };
      return { ok: true, command: { kind: 'setImage', type: t.type, name: t.name, images, ns } };
    }
    case 'cordon':
    case 'uncordon': {
      const node = args.positional[0]?.replace(/^(nodes?|no)\//, '');
      if (!node) return { ok: false, error: `error: USAGE: kubectl ${verb} NODE` };
      return { ok: true, command: { kind: 'cordon', node, on: verb === 'cordon' } };
    }
    default:
      return { ok: false, error: `podlint scenarios support kubectl apply, create, replace, scale, label, annotate, patch, set image, delete, get, cordon and uncordon; not "kubectl ${verb ?? ''}"` };
  }
}

// ---------------------------------------------------------------- execution

const PLACEHOLDER = /\{\{\s*pod:([^:}\s]+)(?::(\w+))?\s*\}\}/g;

/** Replace `{{pod:CONTROLLER:N}}` with the name of that pod now. */
export function resolvePlaceholders(engine: Engine, ns: string, text: string): string {
  return text.replace(PLACEHOLDER, (whole, ctrlName: string, which: string | undefined) => {
    const ctrl = [...engine.controllers.values()].find((c) => !c.gone && c.namespace === ns && c.name === ctrlName);
    if (!ctrl) throw new Error(`${whole}: no ReplicationController or ReplicaSet named "${ctrlName}"`);
    const pods = engine.podsInNamespace(ns).filter((p) => isActive(p) && controllerRef(p)?.uid === ctrl.uid).sort((a, b) => a.createdAt - b.createdAt || a.ordinal - b.ordinal);
    const i = which === undefined || which === 'oldest' ? 0 : which === 'newest' ? pods.length - 1 : Number(which);
    const p = Number.isInteger(i) ? pods[i] : undefined;
    if (!p) throw new Error(`${whole}: ${ctrlName} has ${pods.length} active pod(s)`);
    return p.name;
  });
}

function selectObjects(engine: Engine, type: Kind, ns: string, names: string[], selector: LabelSelector | undefined, all: boolean): { found: (SimPod | SimController)[]; missing: string[] } {
  const found: (SimPod | SimController)[] = [];
  const missing: string[] = [];
  const pool: (SimPod | SimController)[] = type === 'Pod'
    ? engine.podsInNamespace(ns).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    : liveControllers(engine, type, ns);
  if (names.length) {
    for (const n of names) {
      const name = resolvePlaceholders(engine, ns, n);
      const o = findObject(engine, type, ns, name);
      if (o) found.push(o);
      else missing.push(name);
    }
  } else if (all) found.push(...pool);
  else if (selector) found.push(...pool.filter((o) => matchesLabelSelector(selector, o.labels)));
  return { found, missing };
}

/** The controllers of a kind in a namespace that have not been deleted, by name (as kubectl lists them). */
function liveControllers(engine: Engine, kind: string, ns: string): SimController[] {
  return [...engine.controllers.values()].filter((c) => !c.gone && c.kind === kind && c.namespace === ns).sort((a, b) => (a.name < b.name ? -1 : 1));
}

function notFound(type: Kind, name: string): string {
  return `Error from server (NotFound): ${resourceOf(type).plural} "${name}" not found`;
}

/** Run a command now; returns what kubectl (or podlint) prints and whether it failed. */
export function executeCommand(engine: Engine, cmd: Command, renderTable: (rows: string[][]) => string): { output: string; error: boolean } {
  const out: string[] = [];
  let error = false;
  const fail = (m: string) => {
    out.push(m);
    error = true;
  };
  /** The object a command names, or undefined after printing kubectl's NotFound. */
  const named = (type: Kind, ns: string, given: string) => {
    const name = resolvePlaceholders(engine, ns, given);
    const o = findObject(engine, type, ns, name);
    if (!o) fail(notFound(type, name));
    return o;
  };
  try {
    switch (cmd.kind) {
      case 'write':
        cmd.inputs.forEach((input, i) => {
          const r = writeObject(engine, input, cmd.mode, cmd.labels[i]!);
          if (r.ok) out.push(r.message);
          else fail(r.message);
        });
        break;
      case 'scale': {
        const { found, missing } = selectObjects(engine, cmd.type, cmd.ns, cmd.names, undefined, false);
        for (const m of missing) fail(notFound(cmd.type, m));
        for (const o of found as SimController[]) {
          o.replicas = cmd.replicas;
          engine.controllerRow(o, 'MODIFIED');
          engine.queueController(o, true);
          out.push(`${resourceOf(o.kind).qualified}/${o.name} scaled`);
        }
        break;
      }
      case 'label': {
        const { found, missing } = selectObjects(engine, cmd.type, cmd.ns, cmd.names, cmd.selector, cmd.all);
        for (const m of missing) fail(notFound(cmd.type, m));
        for (const o of found) {
          const current: Record<string, string> = cmd.field === 'labels' ? o.labels : 'containers' in o ? o.annotations : {};
          const clash = Object.entries(cmd.set).find(([k, v]) => k in current && current[k] !== v);
          if (clash && !cmd.overwrite) {
            fail(`error: '${clash[0]}' already has a value (${current[clash[0]]}), and --overwrite is false`);
            continue;
          }
          const next = { ...current, ...cmd.set };
          for (const k of cmd.remove) delete next[k];
          const live = liveObject(o);
          live.metadata[cmd.field] = next;
          if (cmd.field === 'annotations' && !('containers' in o)) {
            fail(`error: podlint keeps no annotations on ${o.kind}s`);
            continue;
          }
          const unchanged = JSON.stringify(next) === JSON.stringify(current);
          const err = updateObject(engine, o, live);
          if (err) fail(err);
          else out.push(`${resourceOf('containers' in o ? 'Pod' : o.kind).qualified}/${o.name} ${unchanged ? 'not labeled' : cmd.field === 'labels' ? 'labeled' : 'annotated'}`);
        }
        break;
      }
      case 'patch': {
        const o = named(cmd.type, cmd.ns, cmd.name);
        if (!o) break;
        const live = liveObject(o);
        let next: Json;
        try {
          next = cmd.patchType === 'json' ? jsonPatch(live, cmd.patch) : cmd.patchType === 'merge' ? jsonMergePatch(live, cmd.patch) : strategicMergePatch(live, cmd.patch);
        } catch (e) {
          fail(`error: ${(e as Error).message}`);
          break;
        }
        const unchanged = JSON.stringify(next) === JSON.stringify(live);
        const err = updateObject(engine, o, next);
        if (err) fail(err);
        else out.push(`${resourceOf(cmd.type).qualified}/${o.name} ${unchanged ? 'patched (no change)' : 'patched'}`);
        break;
      }
      case 'delete': {
        const { found, missing } = selectObjects(engine, cmd.type, cmd.ns, cmd.names, cmd.selector, cmd.all);
        for (const m of missing) fail(notFound(cmd.type, m));
        if (found.length === 0 && missing.length === 0) out.push(`No resources found in ${cmd.ns} namespace.`);
        for (const o of found) deleteOne(engine, o, cmd.cascade, cmd.grace, out);
        break;
      }
      case 'deleteFiles':
        for (const input of cmd.inputs) {
          const kind = input.value?.kind;
          const o = kind === 'Pod' || kind === 'ReplicationController' || kind === 'ReplicaSet' || kind === 'Deployment' ? findObject(engine, kind, namespaceOf(input.value), input.value?.metadata?.name) : undefined;
          if (!o) fail(notFound(kind, input.value?.metadata?.name));
          else deleteOne(engine, o, cmd.cascade, undefined, out);
        }
        break;
      case 'get': {
        if (cmd.type === 'Pod') {
          const rows: string[][] = [['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(cmd.showLabels ? ['LABELS'] : [])]];
          for (const p of engine.podsInNamespace(cmd.ns).sort((a, b) => (a.name < b.name ? -1 : 1))) {
            const r = printPod(p, engine.now);
            const labels = Object.keys(p.labels).sort().map((k) => `${k}=${p.labels[k]}`).join(',') || '<none>';
            rows.push([p.name, r.ready, r.status, r.restartsText, humanDuration(engine.now - p.createdAt), ...(cmd.showLabels ? [labels] : [])]);
          }
          out.push(rows.length > 1 ? renderTable(rows) : `No resources found in ${cmd.ns} namespace.`);
        } else if (cmd.type === 'Node') {
          const rows = [['NAME', 'STATUS', 'AGE']];
          for (const n of engine.nodes) rows.push([n.name, (n.ready === 'True' ? 'Ready' : 'NotReady') + (n.unschedulable ? ',SchedulingDisabled' : ''), humanDuration(engine.now)]);
          out.push(renderTable(rows));
        } else if (cmd.type === 'Deployment') {
          const rows = [['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']];
          for (const c of liveControllers(engine, 'Deployment', cmd.ns)) {
            rows.push([c.name, `${c.status.ready}/${c.replicas}`, String(c.status.updated), String(c.status.available), humanDuration(engine.now - c.createdAt)]);
          }
          out.push(rows.length > 1 ? renderTable(rows) : `No resources found in ${cmd.ns} namespace.`);
        } else {
          const rows = [['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']];
          for (const c of liveControllers(engine, cmd.type, cmd.ns)) {
            rows.push([c.name, String(c.replicas), String(c.status.replicas), String(c.status.ready), humanDuration(engine.now - c.createdAt)]);
          }
          out.push(rows.length > 1 ? renderTable(rows) : `No resources found in ${cmd.ns} namespace.`);
        }
        break;
      }
      case 'setImage': {
        const o = named(cmd.type, cmd.ns, cmd.name);
        if (!o) break;
        const live = liveObject(o);
        const spec = cmd.type === 'Pod' ? live.spec : live.spec.template?.spec;
        for (const [container, image] of Object.entries(cmd.images)) {
          const c = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].find((x: Json) => x?.name === container);
          if (!c) {
            fail(`error: unable to find container named "${container}"`);
            continue;
          }
          c.image = image;
        }
        if (error) break;
        const err = updateObject(engine, o, live);
        if (err) fail(err);
        else out.push(`${resourceOf(cmd.type).qualified}/${o.name} image updated`);
        break;
      }
      case 'cordon': {
        const n = engine.nodes.find((x) => x.name === cmd.node);
        if (!n) {
          fail(`Error from server (NotFound): nodes "${cmd.node}" not found`);
          break;
        }
        const was = n.unschedulable;
        n.unschedulable = cmd.on;
        out.push(`node/${n.name} ${was === cmd.on ? 'already ' : ''}${cmd.on ? 'cordoned' : 'uncordoned'}`);
        engine.clusterChanged();
        break;
      }
      case 'node': {
        const n = engine.nodes.find((x) => x.name === cmd.node);
        if (!n) {
          fail(`no node named "${cmd.node}" (nodes: ${engine.nodes.map((x) => x.name).join(', ')})`);
          break;
        }
        if (cmd.action === 'fail') {
          engine.failNode(n);
          out.push(`node/${n.name}: kubelet stopped (the node controller notices after ${engine.nodeMonitorGraceSeconds()}s)`);
        } else {
          engine.recoverNode(n);
          out.push(`node/${n.name}: kubelet running again`);
        }
        break;
      }
      case 'behavior': {
        const glob = cmd.glob;
        engine.behaviorRules.push({ glob: (name) => globMatch(glob, name), container: cmd.container, behavior: cmd.behavior });
        const hits = [...engine.pods.values()].filter((p) => !p.gone && globMatch(glob, p.name)).map((p) => p.name).sort();
        out.push(`behaviour of container ${cmd.container} in pods ${glob} set (${hits.length ? `matches ${hits.join(', ')}` : 'matches no pod yet'}); exitCode, exitAfter and pulls apply from each container's next start, listens and startupTime at once`);
        break;
      }
    }
  } catch (e) {
    fail(`error: ${(e as Error).message}`);
  }
  return { output: out.join('\n'), error };
}

function deleteOne(engine: Engine, o: SimPod | SimController, cascade: 'background' | 'foreground' | 'orphan', grace: number | undefined, out: string[]): void {
  if ('containers' in o) {
    engine.deletePod(o, grace);
    out.push(`pod "${o.name}" deleted`);
  } else {
    engine.deleteController(o, cascade);
    out.push(`${resourceOf(o.kind).qualified} "${o.name}" deleted`);
  }
}

export { createObject };
