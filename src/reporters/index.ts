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
 * github print nothing for a clean run; json, sarif and junit always produce a document). Each also
 * gives that text in pieces of bounded size (`formatXChunks`, a generator; formatX is its pieces
 * joined), which the CLI writes one by one, verbatim, to stdout or --output-file: a report of tens of
 * thousands of findings is never one string. Reporters keep the order of files and findings they
 * are given (the engine sorts), read no clock and no environment, and colour only through a chalk
 * instance whose level follows options.color — never chalk's own terminal detection.
 *
 * Options (ReporterOptions in common.ts): `color` and `colorLevel`, `cwd` (paths are shown relative to it; json shows
 * absolute paths as ESLint does), `maxWarnings` (stylish prints ESLint's "too many warnings" line when
 * it is exceeded; the CLI should not print it again), `version` (SARIF tool version), `ruleMeta`
 * (rule documentation lookup, default: the registry), `width` (a terminal's columns: stylish fits its
 * lines to it; the CLI gives it only when stdout is a terminal).
 */
import type { LintResult } from '../types.js';
import type { ReporterOptions } from './common.js';
import { formatCompactChunks } from './compact.js';
import { formatGithubChunks } from './github.js';
import { formatJsonBytes, formatJsonChunks } from './json.js';
import { formatJunitChunks } from './junit.js';
import { formatSarifChunks } from './sarif.js';
import { formatStylishChunks } from './stylish.js';

export type { ReporterOptions } from './common.js';

export type ReporterName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'compact';
/** The format names, default first. */
export const REPORTER_NAMES: readonly string[] = ['stylish', 'json', 'sarif', 'github', 'junit', 'compact'] satisfies ReporterName[];

/** Each reporter as a generator of its text in pieces; formatX (in its module) is the pieces joined. */
const REPORTERS: Record<ReporterName, (result: LintResult, options: ReporterOptions) => Iterable<string>> = {
  stylish: formatStylishChunks,
  json: formatJsonChunks,
  sarif: formatSarifChunks,
  github: formatGithubChunks,
  junit: formatJunitChunks,
  compact: formatCompactChunks,
};

export function isReporterName(name: string): name is ReporterName {
  return REPORTER_NAMES.includes(name);
}

/**
 * Format a lint result. `name` must be one of REPORTER_NAMES: the CLI checks user input first (a wrong
 * name here is a programming error and throws).
 */
export function formatResult(name: string, result: LintResult, options: ReporterOptions): string {
  return [...formatResultChunks(name, result, options)].join('');
}

/**
 * The text of formatResult in pieces, for writing a large report without holding it whole: every
 * reporter yields its text a thousand findings (or 256 Ki characters) at a time, see Pieces in
 * common.ts. A small report comes in one piece, json's in a few (each file's fields apart).
 */
export function formatResultChunks(name: string, result: LintResult, options: ReporterOptions): Iterable<string> {
  if (!isReporterName(name)) throw new Error(`unknown format "${name}"; expected one of: ${REPORTER_NAMES.join(', ')}`);
  return REPORTERS[name](result, options);
}

/**
 * formatResultChunks for writing to a file: the same text, json's as UTF-8 bytes (formatJsonBytes: a large
 * run's report is tens of megabytes, and encoding it as it is made costs a third of making it as text).
 */
export function formatResultFileChunks(name: string, result: LintResult, options: ReporterOptions): Iterable<string | Uint8Array> {
  return name === 'json' ? formatJsonBytes(result, options) : formatResultChunks(name, result, options);
}
