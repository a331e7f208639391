/**
 * The lint run: objects → rules → located, filtered, sorted findings. Kind matching, severities,
 * suppressions and sorting live here, in one place, so rules never see them.
 */
import type { FileResult, Finding, LintResult, Severity, SeveritySetting, SourceRange, Fix } from '../types.js';
import type { ManifestFile, ManifestObject } from '../source/manifests.js';
import { getAt } from '../source/locate.js';
import { podSpecLocation } from './kinds.js';
import { formatMessage, type KindStatus, type KubernetesVersion, type ObjectInfo, type PodSpecTarget, type ReportDescriptor, type Rule, type RuleContext, type SchemaProblem } from './rule.js';
import { collectDirectives, type Directive } from './directives.js';

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
  range: SourceRange;
  path: string;
  object?: ManifestObject;
  fatal?: boolean;
  fix?: Fix;
}

export interface EngineResult extends LintResult {
  /** True when a rule crashed (a podlint bug): the CLI exits 2. */
  internalError: boolean;
}

export function runLint(files: ManifestFile[], options: EngineOptions): EngineResult {
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

  const raw = new Map<ManifestFile, RawFinding[]>();
  const skippedKinds = new Set<string>();
  const reportedUnknownKinds = new Set<string>();
  let internalError = false;
  const infos: Array<{ info: ObjectInfo; file: ManifestFile; mo: ManifestObject }> = [];

  const message = (ruleId: string, messageId: string, data?: Record<string, string | number | boolean>) => {
    const template = ruleById.get(ruleId)?.meta.messages[messageId];
    if (template === undefined) throw new Error(`rule ${ruleId} has no message "${messageId}"`);
    return formatMessage(template, data);
  };
  const push = (file: ManifestFile, f: RawFinding) => {
    let list = raw.get(file);
    if (!list) raw.set(file, (list = []));
    list.push(f);
  };
  const emit = (file: ManifestFile, mo: ManifestObject | undefined, ruleId: string, d: ReportDescriptor<string>) => {
    const loc = mo ? file.locate(mo, d.path, d.at ?? 'auto') : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    push(file, {
      ruleId,
      messageId: d.messageId,
      message: message(ruleId, d.messageId, d.data),
      range: { line: loc.line, column: loc.column, endLine: loc.endLine, endColumn: loc.endColumn },
      path: d.path,
      object: mo,
      fix: d.fix,
    });
  };
  const guard = (file: ManifestFile, mo: ManifestObject | undefined, rule: Rule<string, any>, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      internalError = true;
      emit(file, mo, 'internal-error', { messageId: 'crashed', path: '', data: { rule: rule.meta.id, message: (err as Error)?.message ?? String(err) } });
    }
  };

  // One context per rule for the whole run; `current` says which object it is looking at.
  const current: { file?: ManifestFile; mo?: ManifestObject; schema?: SchemaProblem[] | null; status: KindStatus } = { status: { status: 'unknown' } };
  const schemaProblems = () => {
    if (current.schema === undefined) current.schema = current.status.status === 'served' ? options.validate(current.mo!.value, version.name) : null;
    return current.schema;
  };
  const contexts = new Map<Rule<string, any>, RuleContext<string, unknown>>();
  for (const rule of [...objectRules, ...podRules]) {
    if (contexts.has(rule)) continue;
    contexts.set(rule, {
      report: (d: ReportDescriptor<string>) => emit(current.file!, current.mo, rule.meta.id, d),
      options: optionsOf(rule),
      kubernetesVersion: version,
      schemaProblems,
    });
  }

  for (const file of files) {
    if (!raw.has(file)) raw.set(file, []);
    for (const p of file.problems) {
      const ruleId = p.kind;
      if (severityOf(ruleId) === 'off' && !p.fatal) continue;
      const messageId = ruleId === 'yaml-syntax' ? 'syntax' : ruleId === 'duplicate-key' ? 'duplicate' : ruleId === 'missing-kind' ? 'notObject' : 'unreadable';
      push(file, { ruleId, messageId, message: message(ruleId, messageId, { message: p.message }), range: p.range, path: '', fatal: p.fatal });
    }
    for (const mo of file.objects) {
      const obj = mo.value;
      const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
      const kind = typeof obj.kind === 'string' ? obj.kind : '';
      if (!apiVersion || !kind) {
        emit(file, mo, 'missing-kind', { messageId: 'missing', path: !kind ? '/kind' : '/apiVersion', data: { field: !kind ? 'kind' : 'apiVersion' } });
        continue;
      }
      const meta = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : undefined;
      const info: ObjectInfo = {
        object: obj,
        apiVersion,
        kind,
        name: typeof meta?.name === 'string' ? meta.name : typeof meta?.generateName === 'string' ? meta.generateName : undefined,
        namespace: typeof meta?.namespace === 'string' ? meta.namespace : undefined,
        filePath: file.filePath,
        documentIndex: mo.documentIndex,
        listIndex: mo.listIndex,
      };
      infos.push({ info, file, mo });
      const status = options.kindStatus(apiVersion, kind, version.name);
      if (status.status === 'unknown') {
        const key = `${apiVersion} ${kind}`;
        skippedKinds.add(key);
        if (!reportedUnknownKinds.has(key) && severityOf('unknown-kind') !== 'off') {
          reportedUnknownKinds.add(key);
          emit(file, mo, 'unknown-kind', { messageId: 'skipped', path: '/kind', data: { kind, apiVersion } });
        }
      } else if (status.status === 'not-served') {
        if (severityOf('unserved-api-version') !== 'off') {
          emit(file, mo, 'unserved-api-version', status.servedAt.length
            ? { messageId: 'notServed', path: '/apiVersion', data: { kind, apiVersion, version: version.name, servedAt: status.servedAt.join(', ') } }
            : { messageId: 'noSuchKind', path: '/kind', data: { kind, apiVersion, version: version.name } });
        }
      }
      current.file = file;
      current.mo = mo;
      current.schema = undefined;
      current.status = status;
      for (const rule of objectRules) guard(file, mo, rule, () => rule.object!(info, contexts.get(rule)!));
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
          for (const rule of podRules) guard(file, mo, rule, () => rule.podSpec!(target, contexts.get(rule)!));
        }
      }
    }
  }

  if (crossRules.length && infos.length) {
    const byInfo = new Map(infos.map((x) => [x.info, x]));
    const all = infos.map((x) => x.info);
    for (const rule of crossRules) {
      const ctx = {
        report: (d: ReportDescriptor<string> & { object: ObjectInfo }) => {
          const x = byInfo.get(d.object);
          if (!x) throw new Error(`rule ${rule.meta.id} reported an object that is not part of the run`);
          emit(x.file, x.mo, rule.meta.id, d);
        },
        options: optionsOf(rule),
        kubernetesVersion: version,
      };
      // A crash is reported at the first object of the run.
      guard(infos[0]!.file, infos[0]!.mo, rule, () => rule.objects!(all, ctx));
    }
  }

  const results: FileResult[] = [];
  for (const [file, list] of raw) {
    const findings = applySuppressions(file, list, severityOf, options.reportUnusedDisableDirectives === true, message);
    results.push({ filePath: file.filePath, findings, source: file.text, objectCount: file.objects.length });
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
}

function applySuppressions(
  file: ManifestFile,
  list: RawFinding[],
  severityOf: (id: string) => SeveritySetting,
  reportUnused: boolean,
  message: (ruleId: string, messageId: string, data?: Record<string, string | number | boolean>) => string,
): Finding[] {
  const directives = collectDirectives(file.text);
  const usedAnnotations = new Map<ManifestObject, Set<string>>();
  const out: Finding[] = [];
  for (const f of list) {
    const severity = severityOf(f.ruleId);
    if (severity === 'off' && !f.fatal) continue;
    if (!f.fatal) {
      const ignored = f.object ? annotationIgnores(f.object) : undefined;
      if (ignored && (ignored.has('*') || ignored.has(f.ruleId))) {
        let used = usedAnnotations.get(f.object!);
        if (!used) usedAnnotations.set(f.object!, (used = new Set()));
        used.add(ignored.has(f.ruleId) ? f.ruleId : '*');
        continue;
      }
      if (suppressedByDirective(directives, f.ruleId, f.range.line)) continue;
    }
    out.push(toFinding(f, severity === 'off' ? 'error' : severity));
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
    for (const mo of file.objects) {
      const ignored = annotationIgnores(mo);
      if (!ignored) continue;
      const used = usedAnnotations.get(mo) ?? new Set();
      for (const r of ignored) {
        if (used.has(r)) continue;
        const loc = file.locate(mo, `/metadata/annotations/${IGNORE_ANNOTATION.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'value');
        out.push({ ruleId: 'unused-disable-directive', messageId: 'unusedAnnotation', severity: sev, message: message('unused-disable-directive', 'unusedAnnotation', { rule: r }), line: loc.line, column: loc.column, endLine: loc.endLine, endColumn: loc.endColumn, path: '/metadata/annotations', object: objectRef(mo) });
      }
    }
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

function objectRef(mo: ManifestObject): Finding['object'] {
  const v = mo.value;
  const md = v.metadata && typeof v.metadata === 'object' ? v.metadata : undefined;
  const ref: NonNullable<Finding['object']> = { documentIndex: mo.documentIndex };
  if (typeof v.apiVersion === 'string') ref.apiVersion = v.apiVersion;
  if (typeof v.kind === 'string') ref.kind = v.kind;
  const name = typeof md?.name === 'string' ? md.name : typeof md?.generateName === 'string' ? md.generateName : undefined;
  if (name !== undefined) ref.name = name;
  if (typeof md?.namespace === 'string') ref.namespace = md.namespace;
  if (mo.listIndex !== undefined) ref.listIndex = mo.listIndex;
  return ref;
}

function toFinding(f: RawFinding, severity: Severity): Finding {
  const out: Finding = {
    ruleId: f.ruleId,
    severity,
    message: f.message,
    messageId: f.messageId,
    ...f.range,
    path: f.path,
  };
  if (f.object) out.object = objectRef(f.object);
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
