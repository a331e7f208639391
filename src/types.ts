/** Shared types of podlint's public API. */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

/** A Kubernetes object as read from a manifest (or built by kustomize). */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** Which object in which document a finding is about. */
export interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** 0-based index of the YAML document in its file. */
  documentIndex: number;
  /** For items of a `kind: List`: 0-based index in `items`. */
  listIndex?: number;
}

/** 1-based line and column, end exclusive like ESLint. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A replacement of one JSON pointer's value (or its removal) that --fix can apply. */
export interface Fix {
  /** JSON pointer, relative to the object, of the field to set or remove. */
  path: string;
  op: 'set' | 'remove';
  value?: unknown;
}

/**
 * Where a fix is applied when that is not the finding's own object in the finding's own file: an object
 * of another file (a document of a `helm template` stream whose findings are shown on the template), or
 * the node a built object's field came from (a kustomize base or patch), found by its position.
 */
export type FixTarget =
  | { filePath: string; documentIndex: number; basePointer: string }
  | { filePath: string; line: number; column: number; endLine: number; endColumn: number; /** pointer below that node */ path: string };

/** A place another object of a cross-object finding is at (an editor shows it as related information). */
export interface RelatedLocation extends SourceRange {
  filePath: string;
  message: string;
}

/** One finding, located. ESLint's message shape plus `path` and `object`. */
export interface Finding extends SourceRange {
  ruleId: string | null;
  severity: Severity;
  message: string;
  messageId?: string;
  /** JSON pointer of the offending field inside its object ('' = the object). */
  path: string;
  object?: ObjectRef;
  /** A file that does not parse: the rest of it was not linted. */
  fatal?: boolean;
  fix?: Fix;
  /** For cross-object findings: the other objects involved. */
  related?: RelatedLocation[];
  /** Where `fix` applies, when not to `object` in this finding's file (see FixTarget). */
  fixAt?: FixTarget;
}

export interface FileResult {
  filePath: string;
  findings: Finding[];
  /** Text of the file when it was read; reporters may show source lines. */
  source?: string;
  /** Number of Kubernetes objects read from the file. */
  objectCount: number;
}

export interface LintResult {
  files: FileResult[];
  /** Kinds that had no bundled schema and were skipped by schema validation, sorted. */
  skippedKinds: string[];
  kubernetesVersion: string;
  /** Files found by a directory walk that hold no Kubernetes object (values.yaml, CI configs …), sorted; not linted. */
  skippedFiles?: string[];
}
