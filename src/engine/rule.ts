/**
 * The rule API: one rule per file under rules/, defined with defineRule(). Rules are pure: they look at
 * an object (or a pod spec, or every object of the run) and report JSON pointers; the engine turns
 * pointers into file:line:column, applies severities, suppressions and sorting.
 */
import type { Fix, K8sObject, Severity } from '../types.js';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

export type { K8sObject };

/** One object of the run, with where it came from. */
export interface ObjectInfo {
  object: K8sObject;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  filePath: string;
  documentIndex: number;
  listIndex?: number;
}

/** A pod spec: a Pod's own, or the template of a controller, Job or CronJob. */
export interface PodSpecTarget {
  owner: ObjectInfo;
  /** JSON pointer of the spec inside the object: '/spec' or '/spec/template/spec' … */
  specPath: string;
  spec: PodSpec;
  /** JSON pointer of the pod (template) metadata. */
  metadataPath: string;
  metadata: ObjectMeta | undefined;
  /** True for templates, false for a bare Pod. */
  template: boolean;
}

/**
 * A problem found by schema validation (src/schema, and src/crd for custom resources and CRDs):
 * 'crd-value' a value a CRD's structural schema refuses (enum, pattern, bounds …), 'cel' a failed
 * x-kubernetes-validations rule, 'cel-transition' transition rules that need the old object,
 * 'crd-version' a deprecated version of a CRD, 'crd-invalid' a CRD the API server would refuse.
 */
export interface SchemaProblem {
  type: 'unknown-field' | 'invalid-type' | 'required' | 'crd-value' | 'cel' | 'cel-transition' | 'crd-version' | 'crd-invalid';
  /** JSON pointer of the offending field (for 'required': of the object missing it). */
  path: string;
  /** Kubernetes-style message, e.g. `unknown field "metadate" in io.k8s.api.core.v1.ReplicationController`. */
  message: string;
  /** For 'unknown-field': the closest known field, if one is close. */
  suggestion?: string;
  /** For 'required': the missing field's name. */
  field?: string;
  /** Point at the field's key or its value (default: the rule's choice). */
  at?: 'key' | 'value';
}

/** Whether the chosen Kubernetes version serves an apiVersion/kind (src/schema/validate.ts answers it; `crd`: a CRD of the run defines the kind but does not serve that version). */
export type KindStatus = { status: 'served' } | { status: 'not-served'; servedAt: string[]; crd?: boolean } | { status: 'unknown' };

export interface KubernetesVersion {
  /** '1.36' */
  name: string;
  minor: number;
  atLeast(minor: number): boolean;
}

export interface ReportDescriptor<M extends string> {
  messageId: M;
  /** JSON pointer relative to the object. For a missing field, the pointer of the field itself: the engine locates its parent. */
  path: string;
  /** Values for `{{name}}` placeholders in the message. */
  data?: Record<string, string | number | boolean>;
  /** Point at the field's key or its value (default: value for scalars, key for collections). */
  at?: 'key' | 'value';
  fix?: Fix;
  /**
   * This finding's severity, for a rule whose findings differ in weight (pod-security: enforce, warn,
   * audit). The configured severity of the rule still turns it off; otherwise this one is used.
   */
  severity?: Severity;
}

export interface RuleContext<M extends string, O> {
  report(descriptor: ReportDescriptor<M>): void;
  options: O;
  kubernetesVersion: KubernetesVersion;
  /** Schema problems of the current object; null when the kind has no bundled schema. Computed once per object. */
  schemaProblems(): SchemaProblem[] | null;
}

/** Another object a cross-object finding involves: where it is and what it has to do with the finding. */
export interface RelatedDescriptor {
  object: ObjectInfo;
  /** JSON pointer of the field in `object` to point at. */
  path: string;
  message: string;
}

export interface CrossObjectContext<M extends string, O> {
  report(descriptor: ReportDescriptor<M> & { object: ObjectInfo; related?: RelatedDescriptor[] }): void;
  options: O;
  kubernetesVersion: KubernetesVersion;
}

export interface PeerEquivalents {
  kubeLinter?: string[];
  kubeScore?: string[];
  polaris?: string[];
}

export interface RuleDocs {
  /** One line. */
  summary: string;
  /** What happens in the cluster, and why. */
  rationale: string;
  /** How to fix it. */
  remediation: string;
  example?: { before: string; after: string };
  peers?: PeerEquivalents;
  /** Kubernetes source file(s) the rule mirrors. */
  source?: string;
}

export type RuleCategory = 'schema' | 'rejected' | 'runtime' | 'best-practice';

export interface RuleMeta<M extends string, O> {
  /** Equals the file name under rules/. */
  id: string;
  category: RuleCategory;
  /** Default severity. */
  severity: Severity;
  docs: RuleDocs;
  /** Message templates by id; `{{name}}` is replaced from `data`. */
  messages: Record<M, string>;
  /** JSON schema of the rule's options, if it takes any. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: O;
  fixable?: boolean;
  /**
   * Rules whose finding at the same object and path says what this rule's finding says, less precisely
   * (a schema rule's "missing required field" where this rule gives Kubernetes' own "Required value"):
   * the engine drops that finding when this rule reports there. One defect, one finding.
   */
  supersedes?: readonly string[];
}

export interface Rule<M extends string = string, O = unknown> {
  meta: RuleMeta<M, O>;
  /** Called once per object of any kind (including kinds without a schema). */
  object?(target: ObjectInfo, ctx: RuleContext<M, O>): void;
  /** Called once per pod spec. */
  podSpec?(target: PodSpecTarget, ctx: RuleContext<M, O>): void;
  /** Called once per run with every object, for cross-object checks. */
  objects?(all: ObjectInfo[], ctx: CrossObjectContext<M, O>): void;
  /**
   * The fields (JSON pointers through mapping keys) of an object that `objects` reads besides apiVersion
   * and kind. The engine keeps only these of each object until `objects` runs, so that large runs need
   * not hold every document in memory; without it, whole objects are kept. It is asked once per
   * apiVersion and kind of a run: the answer may depend only on them and the options.
   */
  fields?(target: ObjectInfo, options: O): readonly string[];
  /**
   * The pointers `objects` may report at, or name as related, for an object of this apiVersion and kind
   * (at the engine's default place, `at` not given). The engine locates them while the object's document
   * is read, so that a run with thousands of such findings need not read those documents again; any
   * other pointer is still found, by reading the document again. Asked once per apiVersion and kind.
   */
  anchors?(target: ObjectInfo, options: O): readonly string[];
}

/** Define a rule; a wrong messageId in report() is a type error. */
export function defineRule<M extends string, O = Record<string, never>>(rule: Rule<M, O>): Rule<M, O> {
  return rule;
}

/** Fill `{{name}}` placeholders. */
export function formatMessage(template: string, data: Record<string, string | number | boolean> | undefined): string {
  if (!data) return template;
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = compile(template)));
  if (parts.length === 1) return template;
  // parts: text, placeholder, name, text, placeholder, name, …, text
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 3) {
    const k = parts[i + 1]!;
    out += (k in data ? String(data[k]) : parts[i]!) + parts[i + 2]!;
  }
  return out;
}

/** Message templates split at their placeholders, once each (a large run formats tens of thousands of messages). */
const compiled = new Map<string, string[]>();

function compile(template: string): string[] {
  const parts: string[] = [];
  const re = /\{\{\s*(\w+)\s*\}\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    parts.push(template.slice(last, m.index), m[0], m[1]!);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}
