/**
 * The lint run: objects → rules → located, filtered, sorted findings. Kind matching, severities,
 * suppressions and sorting live here, in one place, so rules never see them.
 */
import type { FileResult, Finding, LintResult, ObjectRef, Severity, SeveritySetting, SourceRange, Fix } from '../types.js';
import type { FileProblem, ManifestFile, ManifestObject, ManifestSource } from '../source/manifests.js';
import { getAt, pointerTokens } from '../source/locate.js';
import { documentStarts, parseDocuments, type YamlDocument } from '../source/yaml.js';
import { podSpecLocation } from './kinds.js';
import { formatMessage, type K8sObject, type KindStatus, type KubernetesVersion, type ObjectInfo, type PodSpecTarget, type ReportDescriptor, type Rule, type RuleContext, type SchemaProblem } from './rule.js';
import { collectDirectives, type Directive } from './directives.js';
import { createPlaceMerger } from './places.js';
import { dropSuperseded, supersessions } from './supersede.js';

export type { KindStatus };

export interface RuleSetting {
  severity?: SeveritySetting;
  options?: unknown;
}

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
}

/** The annotation that suppresses rules on one object: a comma-separated list of rule ids, or "*". */
export const IGNORE_ANNOTATION = 'podlint.io/ignore';

interface RawFinding {
  ruleId: string;
  messageId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  path: string;
  /** Index of the object in its file's entries; -1 for none. */
  entry: number;
  fatal?: boolean;
  fix?: Fix;
}

/**
 * What the engine keeps of an object once its document is dropped: enough to suppress, name and
 * relocate its findings, and (projected to the fields they read) to give to the cross-object rules.
 */
interface ObjectEntry {
  ref: ObjectRef;
  /** Rule ids of its `podlint.io/ignore` annotation ('*' for all). */
  ignores?: string[];
  /** Where that annotation's value is (for unused-disable-directive). */
  ignoreRange?: SourceRange;
  /** For cross-object rules: the object reduced to the fields they declare. */
  info?: ObjectInfo;
  /** Offset of its document's content, and its pointer inside the document: to find it again. */
  documentOffset: number;
  basePointer: string;
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
  entries: ObjectEntry[];
}

/**
 * A lint run: files are added (whole, or batch by batch so that their documents need not all be in
 * memory at once), then finish() runs the cross-object rules over what the files left and returns
 * located, suppressed, sorted findings.
 */
export function createLintRun(options: EngineOptions): { file(source: ManifestSource): FileRun; finish(): EngineResult } {
  const version = options.kubernetesVersion;
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
  const superseding = supersessions(active);

  const files: FileState[] = [];
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
  const intern = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  const raw = (ruleId: string, messageId: string, text: string, r: SourceRange, path: string, entry: number): RawFinding => ({
    ruleId,
    messageId,
    message: intern(text),
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    path: intern(path),
    entry,
  });
  const finding = (ruleId: string, d: ReportDescriptor<string>, range: SourceRange, entry: number): RawFinding => {
    const f = raw(ruleId, d.messageId, message(ruleId, d.messageId, d.data), range, d.path, entry);
    if (d.fix) f.fix = d.fix;
    return f;
  };
  const rangeOnly = (l: SourceRange): SourceRange => ({ line: l.line, column: l.column, endLine: l.endLine, endColumn: l.endColumn });

  // The object being linted: one context per rule for the whole run reports against it.
  const current: { file?: FileState; mo?: ManifestObject; entry: number; schema?: SchemaProblem[] | null; status: KindStatus } = { entry: -1, status: { status: 'unknown' } };
  // Findings about a node that aliases repeat are kept once, with a count (see places.ts).
  const places = createPlaceMerger<RawFinding>();
  const emit = (ruleId: string, d: ReportDescriptor<string>): RawFinding => {
    const file = current.file!;
    const f = finding(ruleId, d, file.source.locate(current.mo!, d.path, d.at ?? 'auto'), current.entry);
    if (places.admit(file.raw, current.mo!, f)) file.raw.push(f);
    return f;
  };
  const guard = (rule: Rule<string, any>, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      internalError = true;
      emit('internal-error', { messageId: 'crashed', path: '', data: { rule: rule.meta.id, message: (err as Error)?.message ?? String(err) } });
    }
  };
  const schemaProblems = () => {
    if (current.schema === undefined) current.schema = current.status.status === 'served' ? options.validate(current.mo!.value, version.name) : null;
    return current.schema;
  };
  const contexts = new Map<Rule<string, any>, RuleContext<string, unknown>>();
  for (const rule of [...objectRules, ...podRules]) {
    if (contexts.has(rule)) continue;
    contexts.set(rule, { report: (d: ReportDescriptor<string>) => void emit(rule.meta.id, d), options: optionsOf(rule), kubernetesVersion: version, schemaProblems });
  }

  // The object as the cross-object rules need it: only the fields they declare (all of it when a rule
  // declares none). What they read of an object depends on its apiVersion and kind only.
  const plans = new Map<string, PreparedPointers | 'whole'>();
  const project = (info: ObjectInfo): ObjectInfo | undefined => {
    if (!crossRules.length) return undefined;
    const key = `${info.apiVersion} ${info.kind}`;
    let plan = plans.get(key);
    if (plan === undefined) {
      const pointers: string[] = [];
      for (const rule of crossRules) {
        let fields: readonly string[] | undefined;
        try {
          fields = rule.fields?.(info, crossOptions.get(rule));
        } catch {
          fields = undefined; // a rule that cannot say what it reads gets whole objects (its objects() reports its bugs)
        }
        if (!fields) {
          plan = 'whole';
          break;
        }
        pointers.push(...fields);
      }
      plan ??= preparePointers(pointers);
      plans.set(key, plan);
    }
    return { ...info, object: plan === 'whole' ? info.object : projectPrepared(info.object, plan) };
  };

  const lintObject = (file: FileState, mo: ManifestObject) => {
    const obj = mo.value;
    const index = file.entries.length;
    const entry: ObjectEntry = { ref: objectRef(mo), documentOffset: mo.document.offset, basePointer: mo.basePointer };
    file.entries.push(entry);
    const ignores = annotationIgnores(mo);
    if (ignores) {
      entry.ignores = [...ignores];
      entry.ignoreRange = rangeOnly(file.source.locate(mo, IGNORE_POINTER, 'value'));
    }
    current.file = file;
    current.mo = mo;
    current.entry = index;
    current.schema = undefined;
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    const kind = typeof obj.kind === 'string' ? obj.kind : '';
    if (!apiVersion || !kind) {
      emit('missing-kind', { messageId: 'missing', path: !kind ? '/kind' : '/apiVersion', data: { field: !kind ? 'kind' : 'apiVersion' } });
      return;
    }
    const info: ObjectInfo = {
      object: obj,
      apiVersion,
      kind,
      // Name (or generateName) and namespace as the entry's reference already read them.
      name: entry.ref.name,
      namespace: entry.ref.namespace,
      filePath: file.source.filePath,
      documentIndex: mo.documentIndex,
      listIndex: mo.listIndex,
    };
    const projected = project(info);
    if (projected) entry.info = projected;
    if (places.repeats(mo)) return;
    const status = options.kindStatus(apiVersion, kind, version.name);
    current.status = status;
    if (status.status === 'unknown') {
      const key = `${apiVersion} ${kind}`;
      skippedKinds.add(key);
      if (!reportedUnknownKinds.has(key) && severityOf('unknown-kind') !== 'off') {
        reportedUnknownKinds.add(key);
        emit('unknown-kind', { messageId: 'skipped', path: '/kind', data: { kind, apiVersion } });
      }
    } else if (status.status === 'not-served') {
      if (severityOf('unserved-api-version') !== 'off') {
        emit('unserved-api-version', status.crd
          ? { messageId: 'crdNotServed', path: '/apiVersion', data: { kind, apiVersion, servedAt: status.servedAt.join(', ') || 'no version' } }
          : status.servedAt.length
          ? { messageId: 'notServed', path: '/apiVersion', data: { kind, apiVersion, version: version.name, servedAt: status.servedAt.join(', ') } }
          : { messageId: 'noSuchKind', path: '/kind', data: { kind, apiVersion, version: version.name } });
      }
    }
    for (const rule of objectRules) guard(rule, () => rule.object!(info, contexts.get(rule)!));
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
        for (const rule of podRules) guard(rule, () => rule.podSpec!(target, contexts.get(rule)!));
      }
    }
  };

  const file = (source: ManifestSource): FileRun => {
    const state: FileState = { source, raw: [], entries: [] };
    files.push(state);
    return {
      problems(list) {
        for (const p of list) {
          const ruleId = p.kind;
          if (severityOf(ruleId) === 'off' && !p.fatal) continue;
          const messageId = ruleId === 'yaml-syntax' ? 'syntax' : ruleId === 'duplicate-key' ? 'duplicate' : ruleId === 'missing-kind' ? 'notObject' : ruleId === 'object-too-large' ? 'tooLarge' : 'unreadable';
          const f = raw(ruleId, messageId, message(ruleId, messageId, { message: p.message }), p.range, '', -1);
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
      },
    };
  };

  const finish = (): EngineResult => {
    if (crossRules.length) runCrossRules();
    places.finish(intern);
    const results: FileResult[] = [];
    for (const f of files) {
      const findings = applySuppressions(f, severityOf, options.reportUnusedDisableDirectives === true, message);
      results.push({ filePath: f.source.filePath, findings, source: f.source.text, objectCount: f.entries.length });
    }
    for (const u of options.unreadable ?? []) {
      results.push({
        filePath: u.filePath,
        objectCount: 0,
        findings: [{ ruleId: 'file-unreadable', messageId: 'unreadable', severity: 'error', message: u.error, line: 1, column: 1, endLine: 1, endColumn: 1, path: '', fatal: true }],
      });
    }
    results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
    return { files: results, skippedKinds: [...skippedKinds].sort(), kubernetesVersion: version.name, internalError };
  };

  /** Cross-object rules see every object of the run (projected); their findings are located afterwards, a document at a time. */
  const runCrossRules = () => {
    const where = new Map<ObjectInfo, { file: FileState; entry: number }>();
    const all: ObjectInfo[] = [];
    for (const file of files) {
      file.entries.forEach((e, entry) => {
        if (!e.info) return;
        where.set(e.info, { file, entry });
        all.push(e.info);
      });
    }
    if (!all.length) return;
    const pending: Array<{ file: FileState; entry: number; ruleId: string; d: ReportDescriptor<string> }> = [];
    for (const rule of crossRules) {
      const ctx = {
        report: (d: ReportDescriptor<string> & { object: ObjectInfo }) => {
          const x = where.get(d.object);
          if (!x) throw new Error(`rule ${rule.meta.id} reported an object that is not part of the run`);
          pending.push({ ...x, ruleId: rule.meta.id, d });
        },
        options: crossOptions.get(rule),
        kubernetesVersion: version,
      };
      try {
        rule.objects!(all, ctx);
      } catch (err) {
        // A crash is reported at the first object of the run.
        internalError = true;
        pending.push({ ...where.get(all[0]!)!, ruleId: 'internal-error', d: { messageId: 'crashed', path: '', data: { rule: rule.meta.id, message: (err as Error)?.message ?? String(err) } } });
      }
    }
    // Locate: read each document involved again, in file order, one at a time.
    const order = new Map(files.map((f, i) => [f, i]));
    pending.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.file.entries[a.entry]!.documentOffset - b.file.entries[b.entry]!.documentOffset);
    let relocate: ((e: ObjectEntry) => ManifestObject) | undefined;
    let relocating: FileState | undefined;
    for (const p of pending) {
      if (relocating !== p.file) {
        relocating = p.file;
        relocate = relocator(p.file.source);
      }
      const mo = relocate!(p.file.entries[p.entry]!);
      p.file.raw.push(finding(p.ruleId, p.d, p.file.source.locate(mo, p.d.path, p.d.at ?? 'auto'), p.entry));
    }
  };

  return { file, finish };
}

/** Lint whole files (their objects all in memory): what tests and small callers use. */
export function runLint(files: ManifestFile[], options: EngineOptions): EngineResult {
  const run = createLintRun(options);
  for (const f of files) {
    const fr = run.file(f);
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
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= e.documentOffset) lo = mid;
      else hi = mid - 1;
    }
    const start = starts[lo]!;
    if (cached?.start !== start) cached = { start, documents: parseDocuments(text.slice(start, lo + 1 < starts.length ? starts[lo + 1]! : text.length), start) };
    let doc = cached.documents.find((d) => d.offset === e.documentOffset);
    if (!doc) doc = (whole ??= parseDocuments(text, 0)).find((d) => d.offset === e.documentOffset);
    if (!doc) throw new Error(`cannot find the document at offset ${e.documentOffset} of ${source.filePath} again`);
    return { value: getAt(doc.value, e.basePointer) as K8sObject, documentIndex: e.ref.documentIndex, listIndex: e.ref.listIndex, basePointer: e.basePointer, document: doc };
  };
}

function applySuppressions(
  file: FileState,
  severityOf: (id: string) => SeveritySetting,
  reportUnused: boolean,
  message: (ruleId: string, messageId: string, data?: Record<string, string | number | boolean>) => string,
): Finding[] {
  const directives = collectDirectives(file.source.text);
  const usedAnnotations = new Map<number, Set<string>>();
  const out: Finding[] = [];
  for (const f of file.raw) {
    const severity = severityOf(f.ruleId);
    if (severity === 'off' && !f.fatal) continue;
    const entry = f.entry < 0 ? undefined : file.entries[f.entry];
    if (!f.fatal) {
      const ignored = entry?.ignores;
      if (ignored && (ignored.includes('*') || ignored.includes(f.ruleId))) {
        let used = usedAnnotations.get(f.entry!);
        if (!used) usedAnnotations.set(f.entry!, (used = new Set()));
        used.add(ignored.includes(f.ruleId) ? f.ruleId : '*');
        continue;
      }
      if (suppressedByDirective(directives, f.ruleId, f.line)) continue;
    }
    out.push(toFinding(f, severity === 'off' ? 'error' : severity, entry));
  }
  if (reportUnused && severityOf('unused-disable-directive') !== 'off') {
    const sev = severityOf('unused-disable-directive') as Severity;
    for (const d of directives) {
      if (d.kind === 'enable') continue;
      const unused = d.rules === undefined ? !d.usedAny : d.rules.filter((r) => !d.used.has(r));
      if (unused === false || (Array.isArray(unused) && unused.length === 0)) continue;
      const rules = unused === true ? 'rule' : unused.join(', ');
      out.push({ ruleId: 'unused-disable-directive', messageId: 'unusedComment', severity: sev, message: message('unused-disable-directive', 'unusedComment', { rules }), ...d.range, path: '' });
    }
    file.entries.forEach((e, i) => {
      if (!e.ignores) return;
      const used = usedAnnotations.get(i) ?? new Set();
      for (const r of e.ignores) {
        if (used.has(r)) continue;
        out.push({ ruleId: 'unused-disable-directive', messageId: 'unusedAnnotation', severity: sev, message: message('unused-disable-directive', 'unusedAnnotation', { rule: r }), ...e.ignoreRange!, path: '/metadata/annotations', object: e.ref });
      }
    });
  }
  out.sort(compareFindings);
  return out;
}

function annotationIgnores(mo: ManifestObject): Set<string> | undefined {
  const a = mo.value.metadata?.annotations;
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

function objectRef(mo: ManifestObject): ObjectRef {
  const v = mo.value;
  const md = v.metadata && typeof v.metadata === 'object' ? v.metadata : undefined;
  const ref: ObjectRef = { documentIndex: mo.documentIndex };
  if (typeof v.apiVersion === 'string') ref.apiVersion = v.apiVersion;
  if (typeof v.kind === 'string') ref.kind = v.kind;
  const name = typeof md?.name === 'string' ? md.name : typeof md?.generateName === 'string' ? md.generateName : undefined;
  if (name !== undefined) ref.name = name;
  if (typeof md?.namespace === 'string') ref.namespace = md.namespace;
  if (mo.listIndex !== undefined) ref.listIndex = mo.listIndex;
  return ref;
}

function toFinding(f: RawFinding, severity: Severity, entry: ObjectEntry | undefined): Finding {
  const out: Finding = {
    ruleId: f.ruleId,
    severity,
    message: f.message,
    messageId: f.messageId,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    path: f.path,
  };
  if (entry) out.object = entry.ref;
  if (f.fatal) out.fatal = true;
  if (f.fix) out.fix = f.fix;
  return out;
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
