/**
 * Kubernetes' validation vocabulary: name, label, port-name and env-name syntax with their messages,
 * and the rendering of field errors (`<path>: Invalid value: "x": <detail>`). Each constant names the
 * Kubernetes source it mirrors; the functions return the same list of detail messages Kubernetes'
 * own `Is…` helpers return (empty = valid).
 */
import type { KubernetesVersion } from '../engine/rule.js';

// ---------------------------------------------------------------------------------------------
// Field errors: staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go
// ---------------------------------------------------------------------------------------------

/** ErrorType.String(), field/errors.go. */
export const ERROR_TYPE = {
  required: 'Required value',
  invalid: 'Invalid value',
  notSupported: 'Unsupported value',
  duplicate: 'Duplicate value',
  notFound: 'Not found',
  forbidden: 'Forbidden',
  tooLong: 'Too long',
} as const;

/**
 * From Kubernetes 1.34 a composite bad value (map, struct, list) is rendered as JSON; before, with Go's
 * `%#v` (`map[string]string{"app":"web"}`). kubernetes/kubernetes#132314, field/errors.go.
 */
export const JSON_BAD_VALUES_SINCE_MINOR = 34;

/** Go's `%q` for the strings manifests hold (JSON string syntax is the same for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** A string map as the API server prints it in `Invalid value: …` (sorted keys, like Go and encoding/json). */
export function renderStringMap(map: Record<string, unknown> | null | undefined, version: KubernetesVersion): string {
  const json = version.atLeast(JSON_BAD_VALUES_SINCE_MINOR);
  if (map === null || map === undefined) return json ? 'null' : 'map[string]string(nil)';
  const entries = Object.keys(map)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(map[k]))}`);
  return json ? `{${entries.join(',')}}` : `map[string]string{${entries.join(', ')}}`;
}

/** A scalar bad value: strings quoted, numbers and booleans bare (field/errors.go ErrorBody). */
export function renderScalar(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (v === null || v === undefined) return 'null';
  return String(v);
}

/** `<path>: Required value[: detail]` (field.Required). */
export function requiredMsg(path: string, detail = ''): string {
  return `${path}: ${ERROR_TYPE.required}${detail ? `: ${detail}` : ''}`;
}
/** `<path>: Invalid value: <v>: detail` (field.Invalid); `value` is already rendered. */
export function invalidMsg(path: string, renderedValue: string, detail: string): string {
  return `${path}: ${ERROR_TYPE.invalid}: ${renderedValue}${detail ? `: ${detail}` : ''}`;
}
/** `<path>: Unsupported value: "x": supported values: "A", "B"` (field.NotSupported). */
export function notSupportedMsg(path: string, value: unknown, valid: readonly string[]): string {
  return `${path}: ${ERROR_TYPE.notSupported}: ${renderScalar(value)}: supported values: ${valid.map(goQuote).join(', ')}`;
}
/** `<path>: Duplicate value: "x"` (field.Duplicate). */
export function duplicateMsg(path: string, value: unknown): string {
  return `${path}: ${ERROR_TYPE.duplicate}: ${renderScalar(value)}`;
}
/** `<path>: Not found: "x"` (field.NotFound). */
export function notFoundMsg(path: string, value: unknown): string {
  return `${path}: ${ERROR_TYPE.notFound}: ${renderScalar(value)}`;
}
/** `<path>: Forbidden: detail` (field.Forbidden). */
export function forbiddenMsg(path: string, detail: string): string {
  return `${path}: ${ERROR_TYPE.forbidden}: ${detail}`;
}

// ---------------------------------------------------------------------------------------------
// Names: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
// ---------------------------------------------------------------------------------------------

/** validation.go RegexError: `msg (e.g. 'a',  or 'b', regex used for validation is 're')` — two spaces before `or`. */
export function regexError(msg: string, regex: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${regex}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}'`).join(',  or ')}, regex used for validation is '${regex}')`;
}
/** validation.go MaxLenError. */
export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}
/** validation.go EmptyError. */
export const EMPTY_ERROR = 'must be non-empty';

/** validation.go dns1123LabelFmt / DNS1123LabelMaxLength / dns1123LabelErrMsg. */
export const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_LABEL_ERR_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);

/** validation.go dns1123SubdomainFmt / DNS1123SubdomainMaxLength / dns1123SubdomainErrorMsg. */
export const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1123_SUBDOMAIN_ERR_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

/** validation.go dns1035LabelFmt / DNS1035LabelMaxLength / dns1035LabelErrMsg. */
export const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const DNS1035_LABEL_ERR_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);

/** IsDNS1123Label. */
export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(v)) errs.push(regexError(DNS1123_LABEL_ERR_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  return errs;
}
/** IsDNS1123Subdomain. */
export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}
/** IsDNS1035Label. */
export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL_RE.test(v)) errs.push(regexError(DNS1035_LABEL_ERR_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/**
 * NameIsDNSSubdomain / NameIsDNSLabel / NameIsDNS1035Label (apimachinery pkg/api/validation/generic.go):
 * with `prefix` (a generateName) a trailing '-' is allowed because random characters follow.
 */
export type NameValidator = (name: string, prefix: boolean) => string[];
function prefixed(fn: (v: string) => string[]): NameValidator {
  return (name, prefix) => fn(prefix ? maskTrailingDash(name) : name);
}
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}
export const nameIsDNSSubdomain: NameValidator = prefixed(isDNS1123Subdomain);
export const nameIsDNSLabel: NameValidator = prefixed(isDNS1123Label);
export const nameIsDNS1035Label: NameValidator = prefixed(isDNS1035Label);

/** ValidateObjectMetaAccessor (apimachinery pkg/api/validation/objectmeta.go). */
export const NAME_OR_GENERATE_NAME_REQUIRED = 'name or generateName is required';

/**
 * CronJob names leave room for the 11-character `-<timestamp>` suffix of the Jobs they create:
 * DNS1035LabelMaxLength - 11 (ValidateCronJobCreate, pkg/apis/batch/validation/validation.go).
 */
export const CRONJOB_NAME_MAX_LENGTH = DNS1035_LABEL_MAX_LENGTH - 11;
export const CRONJOB_NAME_TOO_LONG = `must be no more than ${CRONJOB_NAME_MAX_LENGTH} characters`;

// ---------------------------------------------------------------------------------------------
// Labels and annotations: validation.go IsQualifiedName / IsValidLabelValue,
// apimachinery pkg/apis/meta/v1/validation (ValidateLabels), pkg/api/validation/objectmeta.go (ValidateAnnotations)
// ---------------------------------------------------------------------------------------------

export const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const QUALIFIED_NAME_ERR_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
export const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
export const LABEL_VALUE_MAX_LENGTH = 63;
export const LABEL_VALUE_ERR_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
/** objectmeta.go TotalAnnotationSizeLimitB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

/** IsQualifiedName: `[prefix/]name`, the syntax of label keys and annotation keys. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part ' + EMPTY_ERROR);
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m);
  } else {
    return [
      'a qualified name ' +
        regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part ' + EMPTY_ERROR);
  else if (name.length > QUALIFIED_NAME_MAX_LENGTH) errs.push('name part ' + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
  if (!QUALIFIED_NAME_RE.test(name)) errs.push('name part ' + regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc'));
  return errs;
}

/** IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Ports: validation.go IsValidPortNum / IsValidPortName (IANA_SVC_NAME, RFC 6335)
// ---------------------------------------------------------------------------------------------

export const PORT_NUM_MIN = 1;
export const PORT_NUM_MAX = 65535;
/** validation.go InclusiveRangeError(1, 65535). */
export const PORT_RANGE_ERROR = `must be between ${PORT_NUM_MIN} and ${PORT_NUM_MAX}, inclusive`;
export const PORT_NAME_MAX_LENGTH = 15;

export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= PORT_NUM_MIN && port <= PORT_NUM_MAX ? [] : [PORT_RANGE_ERROR];
}

/** IsValidPortName. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > PORT_NAME_MAX_LENGTH) errs.push(maxLenError(PORT_NAME_MAX_LENGTH));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Environment variable names: validation.go IsEnvVarName / IsRelaxedEnvVarName,
// gate RelaxedEnvironmentVariableValidation (pkg/features/kube_features.go: alpha 1.30, beta and on 1.32, GA 1.34)
// ---------------------------------------------------------------------------------------------

export const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
export const ENV_VAR_NAME_ERR_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const ENV_VAR_NAME_RE = new RegExp(`^${ENV_VAR_NAME_FMT}$`);
export const RELAXED_ENV_VAR_NAME_ERR_MSG = "a valid environment variable name must consist only of printable ASCII characters other than '='";
export const RELAXED_ENV_VAR_VALIDATION_DEFAULT_ON_MINOR = 32;

/** IsEnvVarName (strict, before the relaxed validation is on by default). */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!ENV_VAR_NAME_RE.test(value)) errs.push(regexError(ENV_VAR_NAME_ERR_MSG, ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  for (const m of hasChDirPrefix(value)) errs.push(m);
  return errs;
}
/** IsRelaxedEnvVarName: any printable ASCII except '='. */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c > 0x7e || ch === '=') {
      errs.push(RELAXED_ENV_VAR_NAME_ERR_MSG);
      break;
    }
  }
  return errs;
}
/** validation.go hasChDirPrefix: `.` and `..` (and their prefixes `./`, `../`) are refused. */
function hasChDirPrefix(value: string): string[] {
  if (value === '.') return [`must not be '.'`];
  if (value === '..') return [`must not be '..'`];
  if (value.startsWith('..')) return [`must not start with '..'`];
  return [];
}
/** The env name check the API server of this version applies. */
export function envVarNameErrors(value: string, version: KubernetesVersion): string[] {
  return version.atLeast(RELAXED_ENV_VAR_VALIDATION_DEFAULT_ON_MINOR) ? isRelaxedEnvVarName(value) : isEnvVarName(value);
}

// ---------------------------------------------------------------------------------------------
// Generic numeric rules: pkg/apis/core/validation/validation.go ValidateNonnegativeField,
// validation.go IsNegativeErrorMsg
// ---------------------------------------------------------------------------------------------

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';

/** One problem of a label map (ValidateLabels, apimachinery pkg/apis/meta/v1/validation/validation.go). */
export interface LabelProblem {
  key: string;
  /** Which part is wrong: the key (a qualified name) or the value. */
  part: 'key' | 'value';
  /** The bad value, as Kubernetes reports it (the key, or the value). */
  bad: string;
  detail: string;
}

/** ValidateLabels: keys are qualified names, values label values. Non-string values are a type problem, skipped here. */
export function labelProblems(labels: Record<string, unknown>): LabelProblem[] {
  const out: LabelProblem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const detail of isQualifiedName(key)) out.push({ key, part: 'key', bad: key, detail });
    if (typeof value === 'string') for (const detail of isValidLabelValue(value)) out.push({ key, part: 'value', bad: value, detail });
  }
  return out;
}

/** ValidateAnnotations (apimachinery pkg/api/validation/objectmeta.go): keys are qualified names (checked lower-cased). */
export function annotationKeyProblems(annotations: Record<string, unknown>): LabelProblem[] {
  const out: LabelProblem[] = [];
  for (const key of Object.keys(annotations)) for (const detail of isQualifiedName(key.toLowerCase())) out.push({ key, part: 'key', bad: key, detail });
  return out;
}

/** Total bytes of an annotation map as ValidateAnnotationsSize counts them (key + value lengths, UTF-8). */
export function annotationsSize(annotations: Record<string, unknown>): number {
  let n = 0;
  for (const [k, v] of Object.entries(annotations)) n += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  return n;
}
/** field.TooLong rendering (field/errors.go). */
export function tooLongMsg(path: string, max: number): string {
  return `${path}: ${ERROR_TYPE.tooLong}: must have at most ${max} bytes`;
}

// ---------------------------------------------------------------------------------------------
// Finalizers: apimachinery pkg/api/validation/objectmeta.go (ValidateFinalizers, ValidateFinalizerName),
// pkg/apis/core/validation/validation.go (ValidateObjectMeta → validateKubeFinalizerName), and
// apiextensions-apiserver pkg/registry/customresource/validator.go + strategy.go (the warning)
// ---------------------------------------------------------------------------------------------

/** metav1.FinalizerOrphanDependents (apimachinery pkg/apis/meta/v1/types.go). */
export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';
/** metav1.FinalizerDeleteDependents. */
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
/** The finalizer names that need no `/` (core validation's IsStandardFinalizerName; core/v1 FinalizerKubernetes is `kubernetes`). */
export const STANDARD_FINALIZERS: ReadonlySet<string> = new Set(['kubernetes', FINALIZER_ORPHAN_DEPENDENTS, FINALIZER_DELETE_DEPENDENTS]);
/** validateKubeFinalizerName (core validation): a name without `/` that is not a standard one, on a built-in kind. */
export const FINALIZER_NOT_QUALIFIED = 'name is neither a standard finalizer name nor is it fully qualified';
/** ValidateFinalizers: both deletion-propagation finalizers at once. */
export const FINALIZERS_CONFLICT = `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`;
/**
 * A custom resource's finalizer without `/` (and not a standard one) is accepted with a warning, from
 * Kubernetes 1.29 (kubernetes/kubernetes#119508; generateWarningsFromObj, once per distinct name).
 */
export const FINALIZER_WARNING_SINCE_MINOR = 29;
export const PREFER_QUALIFIED_FINALIZER = 'prefer a domain-qualified finalizer name to avoid accidental conflicts with other finalizer writers';
/**
 * From 1.32 (kubernetes/kubernetes#127303, fixing #127287) a name that already looks like a domain (it has
 * a `.`) is told to add a path instead.
 */
export const FINALIZER_PATH_WARNING_SINCE_MINOR = 32;
export const PREFER_QUALIFIED_FINALIZER_PATH = 'prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers';

/** A `[]string` bad value as field.Invalid prints it: `%#v` before 1.34, JSON from 1.34 (see JSON_BAD_VALUES_SINCE_MINOR). */
export function renderStringList(list: readonly string[], version: KubernetesVersion): string {
  const items = list.map(goQuote);
  return version.atLeast(JSON_BAD_VALUES_SINCE_MINOR) ? `[${items.join(',')}]` : `[]string{${items.join(', ')}}`;
}
