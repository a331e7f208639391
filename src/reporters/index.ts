/**
 * podlint's reporters: pure `LintResult → string` functions, chosen by name (`--format`).
 *
 *   stylish  ESLint's default terminal layout, coloured when options.color (stylish.ts)
 *   json     ESLint's JSON formatter shape plus `path`, `object` and `level: "info"` (json.ts)
 *   sarif    SARIF 2.1.0 for code scanning, with rule help from rule meta (sarif.ts)
 *   github   GitHub Actions workflow commands → annotations (github.ts)
 *   junit    JUnit XML for CI test dashboards (junit.ts)
 *   compact  ESLint's one-line-per-finding layout (compact.ts)
 *
 * Every reporter returns complete text, ending with a newline unless it is empty (stylish, compact and
 * github print nothing for a clean run; json, sarif and junit always produce a document). The CLI
 * writes it verbatim to stdout or --output-file. Reporters keep the order of files and findings they
 * are given (the engine sorts), read no clock and no environment, and colour only through a chalk
 * instance whose level follows options.color — never chalk's own terminal detection.
 *
 * Options (ReporterOptions in common.ts): `color` and `colorLevel`, `cwd` (paths are shown relative to it; json shows
 * absolute paths as ESLint does), `maxWarnings` (stylish prints ESLint's "too many warnings" line when
 * it is exceeded; the CLI should not print it again), `version` (SARIF tool version), `ruleMeta`
 * (rule documentation lookup, default: the registry).
 */
import type { LintResult } from '../types.js';
import type { ReporterOptions } from './common.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson, formatJsonChunks } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export type { ReporterOptions } from './common.js';

export type ReporterName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'compact';
/** The format names, default first. */
export const REPORTER_NAMES: readonly string[] = ['stylish', 'json', 'sarif', 'github', 'junit', 'compact'] satisfies ReporterName[];

const REPORTERS: Record<ReporterName, (result: LintResult, options: ReporterOptions) => string> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  compact: formatCompact,
};

export function isReporterName(name: string): name is ReporterName {
  return REPORTER_NAMES.includes(name);
}

/**
 * Format a lint result. `name` must be one of REPORTER_NAMES: the CLI checks user input first (a wrong
 * name here is a programming error and throws).
 */
export function formatResult(name: string, result: LintResult, options: ReporterOptions): string {
  if (!isReporterName(name)) throw new Error(`unknown format "${name}"; expected one of: ${REPORTER_NAMES.join(', ')}`);
  return REPORTERS[name](result, options);
}

/**
 * The text of formatResult in pieces, for writing a large report without holding it whole: the json
 * reporter yields a file's messages a thousand at a time; the others their whole text at once.
 */
export function formatResultChunks(name: string, result: LintResult, options: ReporterOptions): Iterable<string> {
  if (name === 'json') return formatJsonChunks(result, options);
  return [formatResult(name, result, options)];
}
