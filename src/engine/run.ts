/**
 * The lint run: objects → rules → located, filtered, sorted findings. Kind matching, severities,
 * suppressions and sorting live here, in one place, so rules never see them.
 */
import path from 'node:path';
import type { FileResult, Finding, RelatedLocation, FixTarget, LintResult, ObjectRef, Severity, SeveritySetting, SourceRange, Fix } from '../types.js';
import { manifestSource, type FileProblem, type ManifestFile, type ManifestObject, type ManifestSource } from '../source/manifests.js';
import { getAt, pointerTokens } from '../source/locate.js';
import { LineIndex, lastAtOrBefore } from '../source/lines.js';
import { documentStarts, parseDocuments, type YamlDocument } from '../source/yaml.js';
import { groupOf, podSpecLocation } from './kinds.js';
import { formatMessage, type K8sObject, type KindStatus, type KubernetesVersion, type ObjectInfo, type PodSpecTarget, type RelatedDescriptor, type ReportDescriptor, type Rule, type RuleContext, type SchemaProblem } from './rule.js';
import { collectDirectives, type Directive } from './directives.js';
import { typeMetaProblem } from './builtin.js';
import { createPlaceMerger } from './places.js';
import { dropSuperseded, supersessions } from './supersede.js';

export type { KindStatus };

export interface RuleSetting {
  severity?: SeveritySetting;
  options?: unknown;
}

/**
 * Which objects the cross-object rules compare with each other (and which may not be two of one object):
 * 'unit' what is applied together — a kustomize build, the plain files of one directory, one standard
 * input stream; 'file' the objects of one file (of one build); 'directory' the objects of one directory
 * (a build counts as its kustomization's directory); 'run' every object of the run.
 */
export type CrossObjectScope = 'unit' | 'file' | 'directory' | 'run';
export const CROSS_OBJECT_SCOPES: readonly CrossObjectScope[] = ['unit', 'file', 'directory', 'run'];

export interface EngineOptions {
  kubernetesVersion: KubernetesVersion;
  rules: readonly Rule<string, any>[];
  /** Per-rule severity and options from configuration and --rule. */
  settings?: ReadonlyMap<string, RuleSetting>;
  validate(object: unknown, version: string): SchemaProblem[] | null;
  kindStatus(apiVersion: string, kind: string, version: string): KindStatus;
  reportUnusedDisableDirectives?: boolean;
  /** Files that could not be read at all. */
  unreadable?: Array<{ filePath: string; error: string }>;
  /** Default 'unit'. */
  crossObjectScope?: CrossObjectScope;
  /** The text of a file findings are routed to that was not added with file() (a kustomize base or patch). */
  readText?(filePath: string): string | undefined;
}

/** How a file takes part in a run (see createLintRun().file). */
export interface FileOptions {
  /** The application unit its objects belong to; default: its directory. */
  unit?: string;
  /** Found by a directory walk: when no document has apiVersion or kind it is not a manifest, and is only listed in skippedFiles. */
  skipIfNotManifest?: boolean;
  /**
   * A `helm template` stream: the findings of a document under a `# Source: CHART/templates/FILE.yaml`
   * comment are reported for that file (the name given passes through this function), at their lines
   * in the stream.
   */
  sourceComments?(name: string): string;
}

/** Objects a kustomize build made: plain JSON values whose fields' origins `locate` answers. */
export interface BuiltUnit {
  /** The kustomization's directory. */
  root: string;
  /** Where a build problem or an object without origins is reported (the kustomization file). */
  kustomizationFile: string;
  objects: readonly K8sObject[];
  /** Where the value (or key) at `pointer` of a built object was written; a missing field: its nearest parent (exact false). */
  locate(object: K8sObject, pointer: string, at: 'key' | 'value' | 'auto'): ({ filePath: string; exact: boolean } & SourceRange) | undefined;
  /** Whether --fix may edit a field where it was written in this file (not where a transformer's setting wrote it). Default: yes. */
  editable?(filePath: string): boolean;
}

/** A finding that is not about an object: a build problem, a chart that is not linted raw. */
export interface FileFinding {
  ruleId: string;
  messageId: string;
  data?: Record<string, string | number | boolean>;
  range: SourceRange;
}

/** The annotation that suppresses rules on one object: a comma-separated list of rule ids, or "*". */
export const IGNORE_ANNOTATION = 'podlint.io/ignore';

/**
 * kustomize's own configuration (Kustomization, Component) is never sent to a cluster: a document of this
 * group is not an object to lint (api/types/kustomization.go, KustomizationVersion and ComponentVersion).
 */
export const KUSTOMIZE_CONFIG_GROUP = 'kustomize.config.k8s.io';

/** The engine's own check for two copies of one object in what is applied together. */
export const DUPLICATE_OBJECT = 'duplicate-object';

/**
 * A finding as the engine makes it: already the Finding it reports (severity as configured, or as the
 * report chose; `object` the reference of its object's entry), so that a large run makes each finding
 * once. Suppressions leave some out at the end.
 */
type RawFinding = Finding & { ruleId: string; messageId: string };

/** What the cross-object rules are grouped by, for each scope; shared by the objects of a file or build. */
interface Groups {
  unit: string;
  file: string;
  directory: string;
}

/**
 * What the engine keeps of an object once its document is dropped: enough to suppress, name and
 * relocate its findings, and (projected to the fields they read) to give to the cross-object rules.
 */
interface ObjectEntry {
  ref: ObjectRef;
  groups: Groups;
  /** Rule ids of its `podlint.io/ignore` annotation ('*' for all). */
  ignores?: string[];
  /** Where that annotation's value is (for unused-disable-directive), and in which file. */
  ignoreRange?: SourceRange;
  ignoreFile?: FileState;
  /** For cross-object rules: the object reduced to the fields they declare. */
  info?: ObjectInfo;
  /** group/kind/namespace/name: the same in two objects of one unit makes them one object twice. */
  identity?: string;
  /** A read object: its file, the offset of its document's content and its pointer inside the document, to find it again. */
  file?: FileState;
  documentOffset: number;
  basePointer: string;
  /** A built object: kept whole, located through its origins. */
  built?: { unit: BuiltUnit; object: K8sObject };
  /** A read object: where the pointers cross-object rules may report at are (Rule.anchors), located while its document was read. */
  anchors?: Record<string, SourceRange>;
}

export interface EngineResult extends LintResult {
  /** True when a rule crashed (a podlint bug): the CLI exits 2. */
  internalError: boolean;
}

/** One file of a run: fed batches of documents' objects, then finished with the others. */
export interface FileRun {
  /** Problems of the file's text (syntax errors, duplicate keys, documents that are no object). */
  problems(list: readonly FileProblem[]): void;
  /** Objects whose documents are alive now; they may be dropped once this returns. */
  objects(list: readonly ManifestObject[]): void;
}

interface FileState {
  source: ManifestSource;
  raw: RawFinding[];
  /** Objects read from this file. */
  entries: ObjectEntry[];
  groups: Groups;
  options?: FileOptions;
  /** A document with apiVersion or kind was read. */
  manifest?: boolean;
  /** A document did not parse. */
  fatal?: boolean;
  /** Findings of built objects were routed here: two builds of one base may repeat one. */
  routed?: boolean;
  /** Built objects whose own document is in this file. */
  builtCount: number;
}

export interface LintRun {
  file(source: ManifestSource, options?: FileOptions): FileRun;
  /** Lint the objects of a kustomize build, one application unit. */
  built(unit: BuiltUnit): void;
  /** A finding about a file, not an object (the file's text comes from readText). */
  report(filePath: string, finding: FileFinding): void;
  /** List a file as linted (a file a build read), with its findings if any. */
  touch(filePath: string): void;
  finish(): EngineResult;
}

/**
 * A lint run: files are added (whole, or batch by batch so that their documents need not all be in
 * memory at once), then finish() runs the cross-object rules over what the files left and returns
 * located, suppressed, sorted findings.
 */
export function createLintRun(options: EngineOptions): LintRun {
  const version = options.kubernetesVersion;
  const scope = options.crossObjectScope ?? 'unit';
  const ruleById = new Map(options.rules.map((r) => [r.meta.id, r]));
  const severityOf = (id: string): SeveritySetting => options.settings?.get(id)?.severity ?? ruleById.get(id)?.meta.severity ?? 'error';
  const optionsOf = (rule: Rule<string, any>): unknown => {
    const given = options.settings?.get(rule.meta.id)?.options;
    const defaults = rule.meta.defaultOptions;
    if (given && typeof given === 'object' && defaults && typeof defaults === 'object') return { ...defaults, ...given };
    return given ?? defaults ?? {};
  };
  const active = options.rules.filter((r) => severityOf(r.meta.id) !== 'off');
  const objectRules = active.filter((r) => r.object);
  const podRules = active.filter((r) => r.podSpec);
  const crossRules = active.filter((r) => r.objects);
  const crossOptions = new Map(crossRules.map((r) => [r, optionsOf(r)]));
  const checkDuplicates = severityOf(DUPLICATE_OBJECT) !== 'off' && ruleById.has(DUPLICATE_OBJECT);
  const superseding = supersessions(active);

  const files: FileState[] = [];
  const byPath = new Map<string, FileState>();
  const builtEntries: ObjectEntry[] = [];
  const skippedKinds = new Set<string>();
  const reportedUnknownKinds = new Set<string>();
  let internalError = false;

  const message = (ruleId: string, messageId: string, data?: Record<string, string | number | boolean>) => {
    const template = ruleById.get(ruleId)?.meta.messages[messageId];
    if (template === undefined) throw new Error(`rule ${ruleId} has no message "${messageId}"`);
    return formatMessage(template, data);
  };
  // Findings of a large run repeat the same messages and paths (the same container names, the same
  // images): each distinct string is kept once.
  const strings = new Map<string, string>();
  // What the engine keeps per rule id while findings are made: looked up once per rule (a context holds
  // its rule's), not once per finding.
  const slots = new Map<string, RuleSlot>();
  const slotOf = (ruleId: string): RuleSlot => {
    let slot = slots.get(ruleId);
    if (!slot) {
      const configured = severityOf(ruleId);
      // A rule that is off reports only what stops a file from being read (fatal), as an error.
      slots.set(ruleId, (slot = { id: ruleId, off: configured === 'off', severity: configured === 'off' ? 'error' : configured, messages: {}, lastPath: undefined }));
    }
    return slot;
  };
  // A message is known by its rule, message id and data (keys and values in turn: a path in a tree),
  // which are much shorter than it: a repeated one is neither formatted nor compared again.
  let messageNodes = 0;
  const child = (node: MessageNode, key: string | number | boolean): MessageNode | undefined => {
    let next = node.next;
    if (!next) node.next = next = new Map();
    let c = next.get(key);
    if (c === undefined) {
      if (messageNodes >= MAX_MESSAGE_NODES) return undefined;
      messageNodes++;
      next.set(key, (c = {}));
    }
    return c;
  };
  const internedMessage = (slot: RuleSlot, messageId: string, data?: Record<string, string | number | boolean>): string => {
    const ruleId = slot.id;
    const site = child(slot.messages, messageId);
    if (!site) return intern(message(ruleId, messageId, data));
    if (!data) return (site.text ??= intern(message(ruleId, messageId, data)));
    // The data of the rule's last report of this message, first: a run's objects repeat the same names.
    const last = site.last;
    if (last) {
      let i = 0;
      for (const k in data) {
        if (last[i] !== k || last[i + 1] !== data[k]) {
          i = -1;
          break;
        }
        i += 2;
      }
      if (i === last.length) {
        site.hits = (site.hits ?? 0) + 1;
        return site.lastText!;
      }
    }
    // A message whose data rarely repeats (it names each object) is made each time, not remembered.
    if (site.misses !== undefined && site.misses >= MESSAGE_CACHE_TRIAL && (site.hits ?? 0) * 4 < site.misses) return message(ruleId, messageId, data);
    let node: MessageNode | undefined = site;
    const entries: Array<string | number | boolean> = [];
    for (const k in data) {
      entries.push(k, data[k]!);
      node = node && child(node, k);
      node = node && child(node, data[k]!);
    }
    let text = node?.text;
    if (text === undefined) {
      site.misses = (site.misses ?? 0) + 1;
      text = intern(message(ruleId, messageId, data));
      if (node) node.text = text;
    } else site.hits = (site.hits ?? 0) + 1;
    site.last = entries;
    site.lastText = text;
    return text;
  };
  // A rule reports at the same few paths over and over (every object's first container): the path of
  // its last finding is compared before the table of interned strings is asked.
  const internedPath = (slot: RuleSlot, path: string): string => {
    const last = slot.lastPath;
    if (last === path) return last;
    return (slot.lastPath = intern(path));
  };
  const intern = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  // The severity a finding reports with: the configured one, or the one its report chose (see slotOf).
  const severityFor = (slot: RuleSlot, chosen?: Severity): Severity => (slot.off ? 'error' : (chosen ?? slot.severity));
  // Objects' entries by the reference their findings carry (suppressions read the entry's annotations).
  const entryOf = new Map<ObjectRef, ObjectEntry>();
  // How many objects carry a podlint.io/ignore annotation.
  let ignoringEntries = 0;
  const raw = (slot: RuleSlot, messageId: string, text: string, r: SourceRange, path: string, entry: ObjectEntry | undefined): RawFinding => {
    const f: RawFinding = {
      ruleId: slot.id,
      severity: slot.severity,
      message: text,
      messageId,
      line: r.line,
      column: r.column,
      endLine: r.endLine,
      endColumn: r.endColumn,
      path: internedPath(slot, path),
    };
    if (entry) f.object = entry.ref;
    return f;
  };
  const finding = (slot: RuleSlot, d: ReportDescriptor<string>, range: SourceRange, entry: ObjectEntry | undefined): RawFinding => {
    const f = raw(slot, d.messageId, internedMessage(slot, d.messageId, d.data), range, d.path, entry);
    if (d.fix) f.fix = d.fix;
    if (d.severity) f.severity = severityFor(slot, d.severity);
    return f;
  };
  const rangeOnly = (l: SourceRange): SourceRange => ({ line: l.line, column: l.column, endLine: l.endLine, endColumn: l.endColumn });

  /** The state of a file findings are routed to, created (with its text from readText) when it was not added. */
  const stateFor = (filePath: string): FileState => {
    let state = byPath.get(filePath);
    if (!state) {
      const dir = path.dirname(filePath);
      state = { source: manifestSource(filePath, options.readText?.(filePath) ?? ''), raw: [], entries: [], groups: { unit: `dir:${dir}`, file: filePath, directory: dir }, builtCount: 0 };
      files.push(state);
      byPath.set(filePath, state);
    }
    return state;
  };

  /** A built object's field → the file and range it came from (the kustomization file when it has no origin). */
  const locateBuiltField = (b: { unit: BuiltUnit; object: K8sObject }, pointer: string, at: 'key' | 'value' | 'auto'): { file: FileState; range: SourceRange } => {
    const o = b.unit.locate(b.object, pointer, at);
    if (!o) return { file: stateFor(b.unit.kustomizationFile), range: { line: 1, column: 1, endLine: 1, endColumn: 1 } };
    const file = stateFor(o.filePath);
    file.routed = true;
    return { file, range: rangeOnly(o) };
  };

  /**
   * Where a built object's fix applies: the node its field (or, for a field to add, the nearest existing
   * parent) came from, and the pointer below it.
   */
  const builtFixTarget = (b: { unit: BuiltUnit; object: K8sObject }, fix: Fix): FixTarget | undefined => {
    const tokens = pointerTokens(fix.path);
    let depth = 0;
    let node: unknown = b.object;
    while (depth < tokens.length && node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, tokens[depth]!)) {
      node = (node as Record<string, unknown>)[tokens[depth]!];
      depth++;
    }
    if (fix.op === 'remove' && depth < tokens.length) return undefined;
    const at = tokens.slice(0, depth).map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
    const o = b.unit.locate(b.object, at, 'value');
    if (!o || !o.exact || b.unit.editable?.(o.filePath) === false) return undefined;
    const rest = tokens.slice(depth).map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
    return { filePath: o.filePath, line: o.line, column: o.column, endLine: o.endLine, endColumn: o.endColumn, path: rest };
  };

  // The object being linted: one context per rule for the whole run reports against it.
  const current: { file?: FileState; mo?: ManifestObject; built?: { unit: BuiltUnit; object: K8sObject }; entry?: ObjectEntry; schema?: SchemaProblem[] | null; status: KindStatus; value?: K8sObject } = {
    status: { status: 'unknown' },
  };
  // Findings about a node that aliases repeat are kept once, with a count (see places.ts).
  const places = createPlaceMerger<RawFinding>();
  // A built object's findings, gathered until it is linted (superseded ones are dropped), with their files.
  let builtFindings: Array<{ file: FileState; f: RawFinding }> | undefined;
  const emit = (slot: RuleSlot, d: ReportDescriptor<string>): RawFinding => {
    if (current.built) {
      const { file, range } = locateBuiltField(current.built, d.path, d.at ?? 'auto');
      const f = finding(slot, d, range, current.entry);
      if (d.fix) {
        const at = builtFixTarget(current.built, d.fix);
        if (at) f.fixAt = at;
        else delete f.fix; // no file holds the field: nothing --fix could edit
      }
      if (builtFindings) builtFindings.push({ file, f });
      else file.raw.push(f);
      return f;
    }
    const file = current.file!;
    const f = finding(slot, d, file.source.locate(current.mo!, d.path, d.at ?? 'auto'), current.entry);
    if (places.admit(file.raw, current.mo!, f)) file.raw.push(f);
    return f;
  };
  const crashed = (rule: Rule<string, any>, err: unknown) => {
    internalError = true;
    emit(slotOf('internal-error'), { messageId: 'crashed', path: '', data: { rule: rule.meta.id, message: (err as Error)?.message ?? String(err) } });
  };
  const schemaProblems = () => {
    if (current.schema === undefined) current.schema = current.status.status === 'served' ? options.validate(current.value!, version.name) : null;
    return current.schema;
  };
  const contexts = new Map<Rule<string, any>, RuleContext<string, unknown>>();
  for (const rule of [...objectRules, ...podRules]) {
    if (contexts.has(rule)) continue;
    const slot = slotOf(rule.meta.id);
    contexts.set(rule, { report: (d: ReportDescriptor<string>) => void emit(slot, d), options: optionsOf(rule), kubernetesVersion: version, schemaProblems });
  }
  // Each rule with its context, in the order they run (every object goes through these lists).
  const objectRuns = objectRules.map((rule) => ({ rule, ctx: contexts.get(rule)! }));
  const podRuns = podRules.map((rule) => ({ rule, ctx: contexts.get(rule)! }));

  // What depends on an object's apiVersion and kind only, worked out once per pair: its kind status, the
  // fields the cross-object rules read of it (all of it when a rule declares none) and where their
  // findings may point (Rule.anchors).
  interface KindPlan {
    status: KindStatus;
    projection: PreparedPointers | 'whole' | undefined;
    anchors: readonly string[];
  }
  const kindPlans = new Map<string, Map<string, KindPlan>>();
  const kindPlan = (info: ObjectInfo): KindPlan => {
    let byVersion = kindPlans.get(info.kind);
    if (!byVersion) kindPlans.set(info.kind, (byVersion = new Map()));
    let plan = byVersion.get(info.apiVersion);
    if (plan === undefined) {
      let projection: PreparedPointers | 'whole' | undefined;
      const anchors = new Set<string>();
      if (crossRules.length) {
        const pointers: string[] = [];
        for (const rule of crossRules) {
          let fields: readonly string[] | undefined;
          try {
            fields = rule.fields?.(info, crossOptions.get(rule));
          } catch {
            fields = undefined; // a rule that cannot say what it reads gets whole objects (its objects() reports its bugs)
          }
          if (!fields) projection = 'whole';
          else pointers.push(...fields);
          try {
            for (const p of rule.anchors?.(info, crossOptions.get(rule)) ?? []) anchors.add(p);
          } catch {
            // a rule that cannot say where it reports has its findings located by reading the document again
          }
        }
        projection ??= preparePointers(pointers);
      }
      byVersion.set(info.apiVersion, (plan = { status: options.kindStatus(info.apiVersion, info.kind, version.name), projection, anchors: [...anchors] }));
    }
    return plan;
  };
  // The object as the cross-object rules need it.
  const project = (info: ObjectInfo, plan: KindPlan): ObjectInfo | undefined => {
    if (!plan.projection) return undefined;
    const object = plan.projection === 'whole' ? info.object : projectPrepared(info.object, plan.projection);
    const out: ObjectInfo = { object, apiVersion: info.apiVersion, kind: info.kind, name: info.name, namespace: info.namespace, filePath: info.filePath, documentIndex: info.documentIndex, listIndex: info.listIndex };
    return out;
  };

  /** Lint the current object (current.file/mo for a read one, current.built for a built one). */
  const lintCurrent = (entry: ObjectEntry, obj: K8sObject, filePath: string, documentIndex: number, listIndex: number | undefined) => {
    const ignores = annotationIgnores(obj);
    if (ignores) {
      entry.ignores = [...ignores];
      ignoringEntries++;
      if (current.built) {
        const at = locateBuiltField(current.built, IGNORE_POINTER, 'value');
        entry.ignoreRange = at.range;
        entry.ignoreFile = at.file;
      } else {
        entry.ignoreRange = rangeOnly(current.file!.source.locate(current.mo!, IGNORE_POINTER, 'value'));
        entry.ignoreFile = current.file;
      }
    }
    current.entry = entry;
    current.value = obj;
    current.schema = undefined;
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    const kind = typeof obj.kind === 'string' ? obj.kind : '';
    if (!apiVersion || !kind) {
      emit(slotOf('missing-kind'), typeMetaProblem(obj));
      return;
    }
    const info: ObjectInfo = {
      object: obj,
      apiVersion,
      kind,
      // Name (or generateName) and namespace as the entry's reference already read them.
      name: entry.ref.name,
      namespace: entry.ref.namespace,
      filePath,
      documentIndex,
      listIndex,
    };
    const plan = kindPlan(info);
    const projected = project(info, plan);
    if (projected) {
      entry.info = projected;
      if (!current.built) {
        const pointers = plan.anchors;
        if (pointers.length) {
          const anchors: Record<string, SourceRange> = {};
          for (const p of pointers) anchors[p] = rangeOnly(current.file!.source.locate(current.mo!, p, 'auto'));
          entry.anchors = anchors;
        }
      }
    }
    // The same value again through an alias is counted with the first (places.ts), not a second object.
    if (!current.built && places.repeats(current.mo!)) return;
    if (checkDuplicates) {
      const name = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata.name : undefined;
      if (typeof name === 'string' && name) entry.identity = `${groupOf(apiVersion)}\u0000${kind}\u0000${entry.ref.namespace ?? ''}\u0000${name}`;
    }
    const status = plan.status;
    current.status = status;
    if (status.status === 'unknown') {
      const key = `${apiVersion} ${kind}`;
      skippedKinds.add(key);
      if (!reportedUnknownKinds.has(key) && severityOf('unknown-kind') !== 'off') {
        reportedUnknownKinds.add(key);
        emit(slotOf('unknown-kind'), { messageId: 'skipped', path: '/kind', data: { kind, apiVersion } });
      }
    } else if (status.status === 'not-served') {
      if (severityOf('unserved-api-version') !== 'off') {
        emit(slotOf('unserved-api-version'), status.crd
          ? { messageId: 'crdNotServed', path: '/apiVersion', data: { kind, apiVersion, servedAt: status.servedAt.join(', ') || 'no version' } }
          : status.servedAt.length
          ? { messageId: 'notServed', path: '/apiVersion', data: { kind, apiVersion, version: version.name, servedAt: status.servedAt.join(', ') } }
          : { messageId: 'noSuchKind', path: '/kind', data: { kind, apiVersion, version: version.name } });
      }
    }
    for (const { rule, ctx } of objectRuns) {
      try {
        rule.object!(info, ctx);
      } catch (err) {
        crashed(rule, err);
      }
    }
    if (status.status !== 'not-served') {
      const loc = podSpecLocation(apiVersion, kind);
      const spec = loc ? getAt(obj, loc.spec) : undefined;
      if (loc && spec && typeof spec === 'object' && !Array.isArray(spec)) {
        const md = getAt(obj, loc.metadata);
        const target: PodSpecTarget = {
          owner: info,
          specPath: loc.spec,
          spec: spec as PodSpecTarget['spec'],
          metadataPath: loc.metadata,
          metadata: md && typeof md === 'object' && !Array.isArray(md) ? (md as PodSpecTarget['metadata']) : undefined,
          template: loc.template,
        };
        for (const { rule, ctx } of podRuns) {
          try {
            rule.podSpec!(target, ctx);
          } catch (err) {
            crashed(rule, err);
          }
        }
      }
    }
  };

  const lintObject = (file: FileState, mo: ManifestObject) => {
    const obj = mo.value;
    if (typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith(KUSTOMIZE_CONFIG_GROUP) && obj.apiVersion.charCodeAt(KUSTOMIZE_CONFIG_GROUP.length) === 47 /* / */) return;
    const entry: ObjectEntry = { ref: objectRef(obj, mo.documentIndex, mo.listIndex), groups: file.groups, file, documentOffset: mo.document.offset, basePointer: mo.basePointer };
    file.entries.push(entry);
    entryOf.set(entry.ref, entry);
    if (!file.manifest && (obj.apiVersion !== undefined || obj.kind !== undefined)) file.manifest = true;
    current.file = file;
    current.mo = mo;
    lintCurrent(entry, obj, file.source.filePath, mo.documentIndex, mo.listIndex);
  };

  const file = (source: ManifestSource, fileOptions?: FileOptions): FileRun => {
    const dir = path.dirname(source.filePath);
    const groups: Groups = { unit: fileOptions?.unit ?? `dir:${dir}`, file: source.filePath, directory: dir };
    const state: FileState = { source, raw: [], entries: [], groups, builtCount: 0 };
    if (fileOptions) state.options = fileOptions;
    const known = byPath.get(source.filePath);
    if (known && !known.entries.length && known.source.text === '') known.source = source; // routed to before it was added
    files.push(state);
    if (!known) byPath.set(source.filePath, state);
    return {
      problems(list) {
        for (const p of list) {
          const ruleId = p.kind;
          if (p.fatal) state.fatal = true;
          if (severityOf(ruleId) === 'off' && !p.fatal) continue;
          const messageId = ruleId === 'yaml-syntax' ? 'syntax' : ruleId === 'duplicate-key' ? 'duplicate' : ruleId === 'missing-kind' ? 'notObject' : ruleId === 'object-too-large' ? 'tooLarge' : 'unreadable';
          const f = raw(slotOf(ruleId), messageId, message(ruleId, messageId, { message: p.message }), p.range, '', undefined);
          if (p.fatal) f.fatal = true;
          state.raw.push(f);
        }
      },
      objects(list) {
        for (const mo of list) {
          const from = state.raw.length;
          lintObject(state, mo);
          if (superseding) dropSuperseded(state.raw, from, superseding);
        }
        current.mo = undefined;
        current.file = undefined;
        current.entry = undefined;
        current.value = undefined;
      },
    };
  };

  const built = (unit: BuiltUnit) => {
    const groupsByFile = new Map<string, Groups>();
    unit.objects.forEach((obj, i) => {
      const b = { unit, object: obj };
      const own = unit.locate(obj, '', 'value')?.filePath ?? unit.kustomizationFile;
      let groups = groupsByFile.get(own);
      if (!groups) groupsByFile.set(own, (groups = { unit: `build:${unit.root}`, file: `build:${unit.root}\u0000${own}`, directory: unit.root }));
      stateFor(own).builtCount++;
      const entry: ObjectEntry = { ref: objectRef(obj, i, undefined), groups, documentOffset: -1, basePointer: '', built: b };
      builtEntries.push(entry);
      entryOf.set(entry.ref, entry);
      current.built = b;
      builtFindings = [];
      lintCurrent(entry, obj, own, i, undefined);
      const gathered = builtFindings;
      builtFindings = undefined;
      const list = gathered.map((x) => x.f);
      if (superseding) dropSuperseded(list, 0, superseding);
      const keep = new Set(list);
      for (const x of gathered) if (keep.has(x.f)) x.file.raw.push(x.f);
    });
    current.built = undefined;
    current.entry = undefined;
    current.value = undefined;
  };

  const report = (filePath: string, f: FileFinding) => {
    if (severityOf(f.ruleId) === 'off') return;
    stateFor(filePath).raw.push(raw(slotOf(f.ruleId), f.messageId, message(f.ruleId, f.messageId, f.data), f.range, '', undefined));
  };

  const finish = (): EngineResult => {
    runCrossRules();
    places.finish(intern);
    // A file a walk found that holds no Kubernetes object is not a manifest: listed, not linted. One that
    // does not parse may be one: its syntax error is reported.
    const skippedFiles: string[] = [];
    const kept = files.filter((f) => {
      if (!f.options?.skipIfNotManifest || f.manifest || f.builtCount > 0 || f.fatal) return true;
      if (f.raw.some((r) => r.object && entryOf.get(r.object)?.built)) return true;
      skippedFiles.push(f.source.filePath);
      return false;
    });
    // Phase 1: suppress (comments of the file a finding is located in, annotations of its object); phase 2:
    // what suppressed nothing, once every file's findings were seen (an annotation in a base may suppress
    // a finding located in a patch).
    const usedAnnotations = new Map<string, Set<string>>();
    // (a run without podlint.io/ignore annotations need not look up each finding's object)
    const annotated = ignoringEntries > 0 ? entryOf : undefined;
    const isOff = (ruleId: string): boolean => slotOf(ruleId).off;
    const suppressed = kept.map((f) => ({ f, ...suppress(f, isOff, annotated, usedAnnotations) }));
    const reportUnused = options.reportUnusedDisableDirectives === true && severityOf('unused-disable-directive') !== 'off';
    const annotationSites = new Map<FileState, ObjectEntry[]>();
    if (reportUnused) {
      for (const e of [...kept.flatMap((f) => f.entries), ...builtEntries]) {
        if (!e.ignores || !e.ignoreFile) continue;
        let list = annotationSites.get(e.ignoreFile);
        if (!list) annotationSites.set(e.ignoreFile, (list = []));
        list.push(e);
      }
    }
    const results: FileResult[] = [];
    for (const { f, findings, directives } of suppressed) {
      if (reportUnused) findings.push(...unusedDirectives(directives, annotationSites.get(f) ?? [], usedAnnotations, f.source.filePath, severityOf('unused-disable-directive') as Severity, message));
      findings.sort(compareFindings);
      const objectCount = f.entries.length + f.builtCount;
      if (f.options?.sourceComments) results.push(...splitBySourceComments(f, findings, f.options.sourceComments));
      else results.push({ filePath: f.source.filePath, findings, source: f.source.text, objectCount });
    }
    for (const u of options.unreadable ?? []) {
      results.push({
        filePath: u.filePath,
        objectCount: 0,
        findings: [{ ruleId: 'file-unreadable', messageId: 'unreadable', severity: 'error', message: u.error, line: 1, column: 1, endLine: 1, endColumn: 1, path: '', fatal: true }],
      });
    }
    results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
    // A file added twice (named twice, or routed to and added): one result.
    const merged: FileResult[] = [];
    for (const r of results) {
      const last = merged[merged.length - 1];
      if (last && last.filePath === r.filePath) {
        last.findings = dedupe([...last.findings, ...r.findings]).sort(compareFindings);
        last.objectCount += r.objectCount;
        last.source ??= r.source;
      } else merged.push(r);
    }
    const out: EngineResult = { files: merged, skippedKinds: [...skippedKinds].sort(), kubernetesVersion: version.name, internalError };
    if (skippedFiles.length) out.skippedFiles = skippedFiles.sort();
    return out;
  };

  const groupKey = (e: ObjectEntry): string => (scope === 'run' ? '' : e.groups[scope]);

  /**
   * Cross-object rules compare the objects of one group (the scope's: by default one application unit);
   * their findings are located afterwards, a document at a time. Objects that are one object in two
   * units (a base's Deployment in two overlays) are never in one group by default; two of them in one
   * file, stream or build are a finding of their own.
   */
  const runCrossRules = () => {
    type PendingRelated = { entry: ObjectEntry; path: string; message: string };
    const pending: Array<{ entry: ObjectEntry; ruleId: string; d: ReportDescriptor<string>; first?: ObjectEntry; related?: PendingRelated[] }> = [];
    const all: ObjectEntry[] = [];
    for (const file of files) for (const e of file.entries) all.push(e);
    all.push(...builtEntries);
    if (checkDuplicates) {
      // By file (or build), then identity.
      const seen = new Map<string, Map<string, ObjectEntry>>();
      for (const e of all) {
        if (!e.identity) continue;
        // Two copies in one file, stream or build are applied one over the other. Copies in two files of one
        // directory are taken for variants (alternative renderings kept side by side: install.yaml and
        // namespace-install.yaml), like copies in two overlays.
        const group = e.built ? e.groups.unit : e.groups.file;
        let inGroup = seen.get(group);
        if (!inGroup) seen.set(group, (inGroup = new Map()));
        const first = inGroup.get(e.identity);
        if (!first) {
          inGroup.set(e.identity, e);
          continue;
        }
        const inNamespace = e.ref.namespace ? ` in namespace "${e.ref.namespace}"` : '';
        const data = { kind: e.ref.kind ?? '', name: e.ref.name ?? '', namespace: inNamespace, first: '' };
        pending.push({ entry: e, ruleId: DUPLICATE_OBJECT, first, d: { messageId: 'duplicate', path: '/metadata/name', data } });
      }
    }
    const relatedLists = new Map<readonly RelatedDescriptor[], PendingRelated[]>();
    if (crossRules.length) {
      const groups = new Map<string, ObjectInfo[]>();
      const where = new Map<ObjectInfo, ObjectEntry>();
      for (const e of all) {
        if (!e.info) continue;
        where.set(e.info, e);
        const key = groupKey(e);
        let list = groups.get(key);
        if (!list) groups.set(key, (list = []));
        list.push(e.info);
      }
      for (const list of groups.values()) {
        for (const rule of crossRules) {
          const ctx = {
            report: (d: ReportDescriptor<string> & { object: ObjectInfo; related?: RelatedDescriptor[] }) => {
              const entry = where.get(d.object);
              if (!entry) throw new Error(`rule ${rule.meta.id} reported an object that is not part of the run`);
              // (the descriptor as the rule gave it: its object and related fields are not read again)
              const related = d.related;
              const p: (typeof pending)[number] = { entry, ruleId: rule.meta.id, d };
              if (related?.length) {
                // Findings that name the same related objects (one array from the rule) share one list.
                let list = relatedLists.get(related);
                if (!list) {
                  list = related.map((r) => {
                    const e = where.get(r.object);
                    if (!e) throw new Error(`rule ${rule.meta.id} named a related object that is not part of the run`);
                    return { entry: e, path: r.path, message: r.message };
                  });
                  relatedLists.set(related, list);
                }
                p.related = list;
              }
              pending.push(p);
            },
            options: crossOptions.get(rule),
            kubernetesVersion: version,
          };
          try {
            rule.objects!(list, ctx);
          } catch (err) {
            // A crash is reported at the first object of the group.
            internalError = true;
            pending.push({ entry: where.get(list[0]!)!, ruleId: 'internal-error', d: { messageId: 'crashed', path: '', data: { rule: rule.meta.id, message: (err as Error)?.message ?? String(err) } } });
          }
        }
      }
    }
    if (!pending.length) return;
    // Locate: read each document involved again, in file order, one at a time (built objects are whole).
    const order = new Map(files.map((f, i) => [f, i]));
    const rank = (e: ObjectEntry) => (e.file ? order.get(e.file)! : files.length);
    pending.sort((a, b) => rank(a.entry) - rank(b.entry) || a.entry.documentOffset - b.entry.documentOffset);
    // Findings are located in file order; related objects and first copies may sit in other files: a few
    // files' documents stay parsed at once.
    const relocators = new Map<FileState, (e: ObjectEntry) => ManifestObject>();
    const locateEntry = (e: ObjectEntry, pointer: string, at: 'key' | 'value' | 'auto'): { file: FileState; range: SourceRange } => {
      if (e.built) return locateBuiltField(e.built, pointer, at);
      const file = e.file!;
      if (at === 'auto' && e.anchors && Object.prototype.hasOwnProperty.call(e.anchors, pointer)) return { file, range: e.anchors[pointer]! };
      let relocate = relocators.get(file);
      if (!relocate) {
        if (relocators.size >= MAX_RELOCATORS) relocators.clear();
        relocators.set(file, (relocate = relocator(file.source)));
      }
      return { file, range: rangeOnly(file.source.locate(relocate(e), pointer, at)) };
    };
    // A list of related objects several findings share is located once, and shared (findings are not changed once made).
    const relatedLocated = new Map<PendingRelated[], RelatedLocation[]>();
    // Many findings name the same few others (every controller sharing a selector lists the same first ones): each place is located once.
    const relatedPlaces = new Map<ObjectEntry, Map<string, Omit<RelatedLocation, 'message'>>>();
    const locateRelated = (e: ObjectEntry, pointer: string, message: string): RelatedLocation => {
      let places = relatedPlaces.get(e);
      if (!places) relatedPlaces.set(e, (places = new Map()));
      let place = places.get(pointer);
      if (!place) {
        const l = locateEntry(e, pointer, 'auto');
        places.set(pointer, (place = { filePath: l.file.source.filePath, ...l.range }));
      }
      return { ...place, message };
    };
    for (const p of pending) {
      if (p.first) {
        const here = locateEntry(p.entry, p.d.path, 'value');
        const there = locateEntry(p.first, '/metadata/name', 'value');
        const where = there.file === here.file ? `line ${there.range.line}` : `${displayRelative(there.file.source.filePath, p.entry.groups.directory)}:${there.range.line}`;
        here.file.raw.push(finding(slotOf(p.ruleId), { ...p.d, data: { ...p.d.data, first: where } }, here.range, p.entry));
        continue;
      }
      const { file, range } = locateEntry(p.entry, p.d.path, p.d.at ?? 'auto');
      const f = finding(slotOf(p.ruleId), p.d, range, p.entry);
      if (p.related) {
        let located = relatedLocated.get(p.related);
        if (!located) relatedLocated.set(p.related, (located = p.related.map((r) => locateRelated(r.entry, r.path, r.message))));
        f.related = located;
      }
      if (f.fix && p.entry.built) {
        const at = builtFixTarget(p.entry.built, f.fix);
        if (at) f.fixAt = at;
        else delete f.fix;
      }
      file.raw.push(f);
    }
  };

  return { file, built, report, touch: (filePath) => void stateFor(filePath), finish };
}

/** What the engine keeps per rule id while it makes findings (see createLintRun's slotOf). */
interface RuleSlot {
  id: string;
  /** Configured off: it reports only what stops a file from being read, as an error. */
  off: boolean;
  /** The severity its findings report with unless a report chooses one. */
  severity: Severity;
  /** Its messages by message id, then data (see internedMessage). */
  messages: MessageNode;
  /** The path of its last finding (see internedPath). */
  lastPath: string | undefined;
}

/** A message cache's node: the message of the rule, message id and data on the path here, and what follows. */
interface MessageNode {
  text?: string;
  next?: Map<string | number | boolean, MessageNode>;
  /** At a message id's node: the keys and values of the last data, in turn, and its message. */
  last?: Array<string | number | boolean>;
  lastText?: string;
  /** At a message id's node: how often a message was found made, and how often it was made. */
  hits?: number;
  misses?: number;
}

/** Messages of one rule and message id made before the cache judges whether they repeat enough to keep. */
const MESSAGE_CACHE_TRIAL = 256;

/** Nodes of a run's message cache (a few per distinct message; beyond it messages are formatted each time). */
const MAX_MESSAGE_NODES = 500_000;

/** Files whose documents stay parsed at once while cross-object findings (and their related objects) are located. */
const MAX_RELOCATORS = 16;

/** A path as shown in a message: relative to the unit's directory when inside it. */
function displayRelative(filePath: string, dir: string): string {
  const rel = path.relative(dir, filePath);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : filePath;
}

/** Findings equal in place, rule and message (one base linted through two overlays) are one. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.line}:${f.column}:${f.endLine}:${f.endColumn}\u0000${f.ruleId}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A `helm template` stream's findings, each under the file its document's `# Source:` comment names. */
function splitBySourceComments(f: FileState, findings: Finding[], resolve: (name: string) => string): FileResult[] {
  const text = f.source.yamlText;
  const starts = documentStarts(text);
  const names = new Map<number, string>(); // document section → file
  const SOURCE = /^# Source: (.+?)[ \t]*\r?$/gm;
  for (let m = SOURCE.exec(text); m; m = SOURCE.exec(text)) {
    const section = lastAtOrBefore(starts, m.index);
    if (!names.has(section)) names.set(section, resolve(m[1]!));
  }
  if (!names.size) return [{ filePath: f.source.filePath, findings, source: f.source.text, objectCount: f.entries.length }];
  const lines = new LineIndex(text);
  const results = new Map<string, FileResult>();
  const resultFor = (filePath: string) => {
    let r = results.get(filePath);
    if (!r) results.set(filePath, (r = { filePath, findings: [], source: f.source.text, objectCount: 0 }));
    return r;
  };
  for (const e of f.entries) resultFor(names.get(lastAtOrBefore(starts, e.documentOffset)) ?? f.source.filePath).objectCount++;
  for (const x of findings) {
    const name = names.get(lastAtOrBefore(starts, lines.lineStart(x.line)));
    if (name === undefined) {
      resultFor(f.source.filePath).findings.push(x);
      continue;
    }
    // The fix still edits the stream.
    if (x.fix && x.object && !x.fixAt) x.fixAt = { filePath: f.source.filePath, documentIndex: x.object.documentIndex, basePointer: x.object.listIndex !== undefined ? `/items/${x.object.listIndex}` : '' };
    resultFor(name).findings.push(x);
  }
  return [...results.values()];
}


/** Lint whole files (their objects all in memory): what tests and small callers use. */
export function runLint(files: ManifestFile[], options: EngineOptions, fileOptions?: FileOptions): EngineResult {
  const run = createLintRun(options);
  for (const f of files) {
    const fr = run.file(f, fileOptions);
    fr.problems(f.problems);
    fr.objects(f.objects);
  }
  return run.finish();
}

const IGNORE_POINTER = `/metadata/annotations/${IGNORE_ANNOTATION.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** A copy of `object` with only apiVersion, kind and the fields at `pointers` (paths of mapping keys); values are shared, not copied. */
export function projectObject(object: K8sObject, pointers: readonly string[]): K8sObject {
  return projectPrepared(object, preparePointers(pointers));
}

type PreparedPointers = ReadonlyArray<{ pointer: string; tokens: string[] }>;

/** Unique pointers, without those inside another (kept whole with it), shortest first. */
function preparePointers(pointers: readonly string[]): PreparedPointers {
  const sorted = [...new Set(pointers)].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((t) => t === '' || p.startsWith(t + '/'))) kept.push(p);
  return kept.map((pointer) => ({ pointer, tokens: pointerTokens(pointer) }));
}

function projectPrepared(object: K8sObject, pointers: PreparedPointers): K8sObject {
  const out: K8sObject = {};
  if (object.apiVersion !== undefined) out.apiVersion = object.apiVersion;
  if (object.kind !== undefined) out.kind = object.kind;
  for (const { pointer, tokens } of pointers) {
    if (!tokens.length) return object;
    const value = getAt(object, pointer);
    if (value === undefined) continue;
    let cur: Record<string, unknown> = out;
    for (let i = 0; i < tokens.length - 1; i++) {
      const t = tokens[i]!;
      const next = Object.prototype.hasOwnProperty.call(cur, t) ? cur[t] : undefined;
      if (next === undefined) cur = cur[t] = {} as Record<string, unknown>;
      else cur = next as Record<string, unknown>;
    }
    cur[tokens[tokens.length - 1]!] = value;
  }
  return out;
}

/** Finds an object again from its entry, by reading only its document's `---` section of the file. */
function relocator(source: ManifestSource): (e: ObjectEntry) => ManifestObject {
  const text = source.yamlText;
  let starts: number[] | undefined;
  let cached: { start: number; documents: YamlDocument[] } | undefined;
  let whole: YamlDocument[] | undefined;
  return (e) => {
    starts ??= documentStarts(text);
    const lo = lastAtOrBefore(starts, e.documentOffset);
    const start = starts[lo]!;
    if (cached?.start !== start) cached = { start, documents: parseDocuments(text.slice(start, lo + 1 < starts.length ? starts[lo + 1]! : text.length), start) };
    let doc = cached.documents.find((d) => d.offset === e.documentOffset);
    if (!doc) doc = (whole ??= parseDocuments(text, 0)).find((d) => d.offset === e.documentOffset);
    if (!doc) throw new Error(`cannot find the document at offset ${e.documentOffset} of ${source.filePath} again`);
    return { value: getAt(doc.value, e.basePointer) as K8sObject, documentIndex: e.ref.documentIndex, listIndex: e.ref.listIndex, basePointer: e.basePointer, document: doc };
  };
}

/** Where an annotation is, as a key of the annotations that suppressed something. */
const siteKey = (file: FileState, r: SourceRange) => `${file.source.filePath}\u0000${r.line}:${r.column}`;

/** A file's findings with severities applied and suppressed ones left out; the directives, for what they suppressed. */
function suppress(file: FileState, isOff: (id: string) => boolean, entryOf: ReadonlyMap<ObjectRef, ObjectEntry> | undefined, usedAnnotations: Map<string, Set<string>>): { findings: Finding[]; directives: Directive[] } {
  const directives = collectDirectives(file.source.text);
  const out: Finding[] = [];
  const seen = file.routed ? new Set<string>() : undefined;
  for (const f of file.raw) {
    if (!f.fatal && isOff(f.ruleId)) continue;
    if (seen) {
      // Two builds of one base (or of one patch) locate the same finding at the same place: it is one.
      const key = `${f.line}:${f.column}:${f.endLine}:${f.endColumn}\u0000${f.ruleId}\u0000${f.message}\u0000${f.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const entry = f.object && entryOf ? entryOf.get(f.object) : undefined;
    if (!f.fatal) {
      const ignored = entry?.ignores;
      if (ignored && (ignored.includes('*') || ignored.includes(f.ruleId))) {
        const key = siteKey(entry!.ignoreFile!, entry!.ignoreRange!);
        let used = usedAnnotations.get(key);
        if (!used) usedAnnotations.set(key, (used = new Set()));
        used.add(ignored.includes(f.ruleId) ? f.ruleId : '*');
        continue;
      }
      if (suppressedByDirective(directives, f.ruleId, f.line)) continue;
    }
    out.push(f);
  }
  return { findings: out, directives };
}

/** unused-disable-directive findings of a file: its comments, and the annotations written in it. */
function unusedDirectives(
  directives: Directive[],
  annotated: readonly ObjectEntry[],
  usedAnnotations: Map<string, Set<string>>,
  filePath: string,
  sev: Severity,
  message: (ruleId: string, messageId: string, data?: Record<string, string | number | boolean>) => string,
): Finding[] {
  const out: Finding[] = [];
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    const unused = d.rules === undefined ? !d.usedAny : d.rules.filter((r) => !d.used.has(r));
    if (unused === false || (Array.isArray(unused) && unused.length === 0)) continue;
    const rules = unused === true ? 'rule' : unused.join(', ');
    out.push({ ruleId: 'unused-disable-directive', messageId: 'unusedComment', severity: sev, message: message('unused-disable-directive', 'unusedComment', { rules }), ...d.range, path: '' });
  }
  const done = new Set<string>();
  for (const e of annotated) {
    const key = `${filePath}\u0000${e.ignoreRange!.line}:${e.ignoreRange!.column}`;
    if (done.has(key)) continue; // one annotation of a base, in the objects of several builds
    done.add(key);
    const used = usedAnnotations.get(key) ?? new Set();
    for (const r of e.ignores!) {
      if (used.has(r)) continue;
      out.push({ ruleId: 'unused-disable-directive', messageId: 'unusedAnnotation', severity: sev, message: message('unused-disable-directive', 'unusedAnnotation', { rule: r }), ...e.ignoreRange!, path: '/metadata/annotations', object: e.ref });
    }
  }
  return out;
}

function annotationIgnores(obj: K8sObject): Set<string> | undefined {
  const a = obj.metadata?.annotations;
  const v = a && typeof a === 'object' ? (a as Record<string, unknown>)[IGNORE_ANNOTATION] : undefined;
  if (typeof v !== 'string') return undefined;
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  return new Set(ids.map((i) => (i === 'all' ? '*' : i)));
}

function suppressedByDirective(directives: Directive[], ruleId: string, line: number): boolean {
  let suppressed = false;
  for (const d of directives) {
    const applies = d.rules === undefined || d.rules.includes(ruleId);
    if (!applies) continue;
    if (d.kind === 'next-line' && d.range.line + 1 === line) {
      mark(d, ruleId);
      return true;
    }
    if (d.kind === 'line' && d.range.line === line) {
      mark(d, ruleId);
      return true;
    }
    if (d.kind === 'disable' && d.range.line <= line && (d.until === undefined || line < d.until)) {
      mark(d, ruleId);
      suppressed = true;
    }
  }
  return suppressed;
}

function mark(d: Directive, ruleId: string): void {
  d.usedAny = true;
  d.used.add(ruleId);
}

function objectRef(v: K8sObject, documentIndex: number, listIndex: number | undefined): ObjectRef {
  const md = v.metadata && typeof v.metadata === 'object' ? v.metadata : undefined;
  const ref: ObjectRef = { documentIndex };
  if (typeof v.apiVersion === 'string') ref.apiVersion = v.apiVersion;
  if (typeof v.kind === 'string') ref.kind = v.kind;
  const name = typeof md?.name === 'string' ? md.name : typeof md?.generateName === 'string' ? md.generateName : undefined;
  if (name !== undefined) ref.name = name;
  if (typeof md?.namespace === 'string') ref.namespace = md.namespace;
  if (listIndex !== undefined) ref.listIndex = listIndex;
  return ref;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.ruleId ?? '', b.ruleId ?? '') ||
    cmp(a.message, b.message) ||
    cmp(a.path, b.path)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
