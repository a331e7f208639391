/**
 * A repository as it is applied: which files are kustomize roots to build, which are read by a build (and
 * so not linted on their own), which are Helm templates (not YAML until rendered), and what is left —
 * plain manifests, linted a directory at a time.
 *
 * Every kustomize root found is built; the roots no other build of the run uses are the units (the
 * overlays people apply). A base used by two overlays is linted through both.
 */
import path from 'node:path';
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/names.js';
import type { K8sObject, SourceRange } from '../types.js';
import type { FileHost } from './host.js';

/** The file that makes a directory a Helm chart. */
export const HELM_CHART_FILE = 'Chart.yaml';
/** Where a chart keeps its templates, and its subcharts (helm.sh/helm/v3/pkg/chartutil). */
const HELM_TEMPLATES_DIR = 'templates';
const HELM_CHARTS_DIR = 'charts';

export interface BuildOrigin extends SourceRange {
  filePath: string;
}

/** What planProject needs of a kustomize build (src/kustomize/build.ts's BuildResult). */
export interface BuildOutcome {
  root: string;
  kustomizationFile: string;
  resources: ReadonlyArray<{ object: K8sObject }>;
  problems: ReadonlyArray<{ severity: 'error' | 'info'; kind: 'kustomize' | 'not-fetched'; message: string; origin: BuildOrigin }>;
  filesRead: readonly string[];
  kustomizationsUsed: readonly string[];
}

/** The kustomize implementation (src/kustomize/build.ts). */
export interface Kustomize {
  build(dir: string, host: FileHost): BuildOutcome;
  /** The kustomization file of `dir`, if it is a kustomize root. */
  isRoot(dir: string, host: FileHost): string | undefined;
}

export interface HelmChart {
  dir: string;
  chartFile: string;
}

export interface ProjectPlan {
  /** The builds that are units: roots no other build of the run uses, by root. */
  builds: BuildOutcome[];
  /** Files a build reads (resources, patches, components, generator inputs, kustomization files): not linted on their own. */
  consumed: Set<string>;
  /** Helm charts found (not subcharts of another); their templates are in `excluded`. */
  charts: HelmChart[];
  /** Chart.yaml files and chart templates: not linted. */
  excluded: Set<string>;
  /** Kustomizations podlint's build failed on (a bug in podlint, not in the kustomization). */
  crashed: Array<{ kustomizationFile: string; message: string }>;
}

export interface PlanInput {
  /** Directories a walk went through (absolute). */
  directories: readonly string[];
  /** Files to lint (absolute): found by the walk or named. */
  files: readonly string[];
  /** Files named on the command line (absolute): each may be part of the nearest kustomize root above it, inside `within`. */
  named?: readonly string[];
  /** The directory a named file's kustomize root is looked for up to (the working directory). */
  within?: string;
  host: FileHost;
  kustomize?: Kustomize;
}

export function planProject(input: PlanInput): ProjectPlan {
  const { host, kustomize } = input;
  const excluded = new Set<string>();
  const charts: HelmChart[] = [];
  const chartDirs = new Set<string>();
  for (const f of input.files) if (path.basename(f) === HELM_CHART_FILE) chartDirs.add(path.dirname(f));
  for (const dir of [...chartDirs].sort()) {
    const chartFile = path.join(dir, HELM_CHART_FILE);
    excluded.add(chartFile);
    // A subchart (CHART/charts/SUB) is rendered with its parent: the parent's finding covers it.
    const parent = path.dirname(path.dirname(dir));
    if (!(path.basename(path.dirname(dir)) === HELM_CHARTS_DIR && chartDirs.has(parent))) charts.push({ dir, chartFile });
  }
  if (chartDirs.size) {
    for (const f of input.files) {
      for (let d = path.dirname(f); ; d = path.dirname(d)) {
        if (path.basename(d) === HELM_TEMPLATES_DIR && chartDirs.has(path.dirname(d))) {
          excluded.add(f);
          break;
        }
        if (path.dirname(d) === d) break;
      }
    }
  }

  const consumed = new Set<string>();
  const builds: BuildOutcome[] = [];
  const crashed: ProjectPlan['crashed'] = [];
  if (kustomize) {
    const roots = new Map<string, string>();
    for (const dir of input.directories) {
      const k = kustomize.isRoot(dir, host);
      if (k) roots.set(dir, k);
    }
    for (const f of input.files) if (KUSTOMIZATION_FILE_NAMES.includes(path.basename(f))) roots.set(path.dirname(f), f);
    // A file named on its own (a pre-commit hook passes the staged files) that a kustomization above it
    // uses is linted through that kustomization's build, as it is applied.
    const checked = new Set<string>();
    for (const f of input.named ?? []) {
      if (!input.within) break;
      for (let d = path.dirname(f); ; d = path.dirname(d)) {
        const r = path.relative(input.within, d);
        if (r.startsWith('..') || path.isAbsolute(r) || checked.has(d)) break;
        checked.add(d);
        const k = roots.get(d) ?? kustomize.isRoot(d, host);
        if (k) {
          roots.set(d, k);
          break;
        }
        if (r === '') break;
      }
    }
    const all: BuildOutcome[] = [];
    for (const dir of [...roots.keys()].sort()) {
      consumed.add(roots.get(dir)!);
      try {
        all.push(kustomize.build(dir, host));
      } catch (err) {
        crashed.push({ kustomizationFile: roots.get(dir)!, message: (err as Error)?.message ?? String(err) });
      }
    }
    const used = new Set<string>();
    for (const b of all) {
      for (const k of b.kustomizationsUsed) {
        const dir = KUSTOMIZATION_FILE_NAMES.includes(path.basename(k)) ? path.dirname(k) : k;
        if (dir !== b.root) used.add(dir);
      }
    }
    for (const b of all) {
      if (used.has(b.root)) continue;
      builds.push(b);
      for (const f of b.filesRead) consumed.add(f);
      for (const k of b.kustomizationsUsed) {
        const file = KUSTOMIZATION_FILE_NAMES.includes(path.basename(k)) ? k : kustomize.isRoot(k, host);
        if (file) consumed.add(file);
      }
    }
  }
  return { builds, consumed, charts, excluded, crashed };
}
