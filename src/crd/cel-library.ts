/**
 * The Kubernetes CEL libraries on top of CEL's standard environment, as the API server declares them
 * for CRD validation rules (staging/src/k8s.io/apiserver/pkg/cel/library: lists.go, regex.go, urls.go,
 * quantity.go, ip.go, cidr.go, format.go, semverlib.go) and CEL's optional values (cel-go
 * cel/library.go optionalLib). The strings extension comes from @bufbuild/cel/ext.
 *
 * The opaque Kubernetes types (kubernetes.URL, net.IP, net.CIDR, kubernetes.Quantity,
 * kubernetes.NamedFormat, kubernetes.Semver) are protobuf messages of a descriptor built here, holding
 * their text: @bufbuild/cel represents object types as messages. An optional value is such a message
 * too; the value it holds is kept beside it (a WeakMap), its text is a canonical rendering of the
 * value so that `==` compares optionals by what they hold.
 */
import { nodeNet } from '../source/builtins.js';
import { celFunc, celMethod, CelScalar, listType, mapType, objectType, isCelList, isCelMap, isCelUint, celList, celMap, type CelFunc, type CelList, type CelValue } from '@bufbuild/cel';
import { create, createFileRegistry, createRegistry, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { DurationSchema, FileDescriptorProtoSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { parseQuantity, type Quantity } from '../k8s/quantity.js';
import { isQualifiedName, isValidLabelValue, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from '../k8s/validation.js';
import { checkFormat } from './formats.js';

const TYPES = { url: 'URL', ip: 'IP', cidr: 'CIDR', quantity: 'Quantity', format: 'Format', semver: 'Semver', optional: 'Optional' } as const;
type TypeKey = keyof typeof TYPES;

let descriptors: { registry: Registry; messages: Record<TypeKey, DescMessage> } | undefined;

/** A descriptor of messages with one string field `text`, in package podlint.kubernetes. */
function types(): { registry: Registry; messages: Record<TypeKey, DescMessage> } {
  if (descriptors) return descriptors;
  const file = create(FileDescriptorProtoSchema, {
    name: 'podlint/kubernetes_cel.proto',
    package: 'podlint.kubernetes',
    syntax: 'proto3',
    // type 9 = TYPE_STRING, label 1 = LABEL_OPTIONAL (descriptor.proto)
    messageType: Object.values(TYPES).map((name) => ({ name, field: [{ name: 'text', number: 1, type: 9, label: 1, jsonName: 'text' }] })),
  });
  const fileRegistry = createFileRegistry(file, () => undefined);
  const messages = {} as Record<TypeKey, DescMessage>;
  for (const key of Object.keys(TYPES) as TypeKey[]) messages[key] = fileRegistry.getMessage(`podlint.kubernetes.${TYPES[key]}`)!;
  descriptors = { registry: createRegistry(fileRegistry), messages };
  return descriptors;
}

export function kubernetesRegistry(): Registry {
  return types().registry;
}

function make(key: TypeKey, text: string): ReflectMessage {
  const desc = types().messages[key];
  return reflect(desc, create(desc, { text } as never));
}
function textOf(v: unknown): string {
  return String((v as ReflectMessage).get((v as ReflectMessage).desc.fields[0]!));
}

const { STRING, INT, BOOL, DOUBLE, DYN } = CelScalar;

export function kubernetesLibrary(): CelFunc[] {
  const m = types().messages;
  const URL_T = objectType(m.url);
  const IP_T = objectType(m.ip);
  const CIDR_T = objectType(m.cidr);
  const Q_T = objectType(m.quantity);
  const LIST_DYN = listType(DYN);
  const LIST_STRING = listType(STRING);
  return [
    // lists.go
    celMethod('isSorted', LIST_DYN, [], BOOL, function () {
      const xs = [...(this as CelList)];
      for (let i = 1; i < xs.length; i++) if (compare(xs[i - 1], xs[i]) > 0) return false;
      return true;
    }),
    celMethod('sum', LIST_DYN, [], DYN, function () {
      const xs = [...(this as CelList)];
      if (xs.length === 0) return 0n;
      if (typeof xs[0] === 'bigint') return (xs as bigint[]).reduce((a, b) => a + b, 0n);
      return (xs as number[]).reduce((a, b) => a + b, 0);
    }),
    celMethod('min', LIST_DYN, [], DYN, function () {
      const xs = [...(this as CelList)];
      if (xs.length === 0) throw new Error('min(list) called on empty list');
      return xs.reduce((a, b) => (compare(b, a) < 0 ? b : a)) as never;
    }),
    celMethod('max', LIST_DYN, [], DYN, function () {
      const xs = [...(this as CelList)];
      if (xs.length === 0) throw new Error('max(list) called on empty list');
      return xs.reduce((a, b) => (compare(b, a) > 0 ? b : a)) as never;
    }),
    celMethod('indexOf', LIST_DYN, [DYN], INT, function (x) {
      return BigInt([...(this as CelList)].findIndex((y) => celEquals(y, x)));
    }),
    celMethod('lastIndexOf', LIST_DYN, [DYN], INT, function (x) {
      const xs = [...(this as CelList)];
      for (let i = xs.length - 1; i >= 0; i--) if (celEquals(xs[i], x)) return BigInt(i);
      return -1n;
    }),
    // regex.go
    celMethod('find', STRING, [STRING], STRING, function (re) {
      return goRegExp(re).exec(this as string)?.[0] ?? '';
    }),
    celMethod('findAll', STRING, [STRING], LIST_STRING, function (re) {
      return [...(this as string).matchAll(goRegExp(re, 'g'))].map((x) => x[0]);
    }),
    celMethod('findAll', STRING, [STRING, INT], LIST_STRING, function (re, n) {
      const all = [...(this as string).matchAll(goRegExp(re, 'g'))].map((x) => x[0]);
      return n < 0n ? all : all.slice(0, Number(n));
    }),
    // urls.go
    celFunc('isURL', [STRING], BOOL, (s) => parseRequestURI(s) !== undefined),
    celFunc('url', [STRING], URL_T, (s) => {
      if (!parseRequestURI(s)) throw new Error(`URL parse error during conversion from string: parse "${s}": invalid URI for request`);
      return make('url', s);
    }),
    celMethod('getScheme', URL_T, [], STRING, function () { return parseRequestURI(textOf(this))!.scheme; }),
    celMethod('getHost', URL_T, [], STRING, function () { return parseRequestURI(textOf(this))!.host; }),
    celMethod('getHostname', URL_T, [], STRING, function () { return hostname(parseRequestURI(textOf(this))!.host); }),
    celMethod('getPort', URL_T, [], STRING, function () { return port(parseRequestURI(textOf(this))!.host); }),
    celMethod('getEscapedPath', URL_T, [], STRING, function () { return parseRequestURI(textOf(this))!.path; }),
    celMethod('getQuery', URL_T, [], mapType(STRING, LIST_STRING), function () {
      const q = new Map<string, string[]>();
      for (const [k, v] of new URLSearchParams(parseRequestURI(textOf(this))!.query)) q.set(k, [...(q.get(k) ?? []), v]);
      return q;
    }),
    // ip.go
    celFunc('isIP', [STRING], BOOL, (s) => parseIP(s) !== undefined),
    celFunc('ip', [STRING], IP_T, (s) => {
      if (!parseIP(s)) throw new Error(`IP Address "${s}" parse error during conversion from string: ParseAddr("${s}"): unable to parse IP`);
      return make('ip', s);
    }),
    celFunc('ip.isCanonical', [STRING], BOOL, (s) => {
      const a = parseIP(s);
      if (!a) throw new Error(`IP Address "${s}" parse error during conversion from string: ParseAddr("${s}"): unable to parse IP`);
      return formatIP(a) === s;
    }),
    celFunc('string', [IP_T], STRING, (ip) => formatIP(parseIP(textOf(ip))!)),
    celMethod('family', IP_T, [], INT, function () { return BigInt(parseIP(textOf(this))!.family); }),
    celMethod('isUnspecified', IP_T, [], BOOL, function () { return parseIP(textOf(this))!.value === 0n; }),
    celMethod('isLoopback', IP_T, [], BOOL, function () {
      const a = parseIP(textOf(this))!;
      return a.family === 4 ? a.value >> 24n === 127n : a.value === 1n;
    }),
    celMethod('isLinkLocalMulticast', IP_T, [], BOOL, function () {
      const a = parseIP(textOf(this))!;
      return a.family === 4 ? a.value >> 8n === 0xe00000n : a.value >> 112n === 0xff02n;
    }),
    celMethod('isLinkLocalUnicast', IP_T, [], BOOL, function () {
      const a = parseIP(textOf(this))!;
      return a.family === 4 ? a.value >> 16n === 0xa9fen : a.value >> 118n === 0x3fan;
    }),
    celMethod('isGlobalUnicast', IP_T, [], BOOL, function () {
      const a = parseIP(textOf(this))!;
      if (a.family === 4) return !(a.value === 0n || a.value === 0xffffffffn || a.value >> 24n === 127n || a.value >> 28n === 0xen || a.value >> 16n === 0xa9fen);
      return !(a.value === 0n || a.value === 1n || a.value >> 120n === 0xffn || a.value >> 118n === 0x3fan);
    }),
    // cidr.go
    celFunc('isCIDR', [STRING], BOOL, (s) => parseCIDR(s) !== undefined),
    celFunc('cidr', [STRING], CIDR_T, (s) => {
      if (!parseCIDR(s)) throw new Error(`network address "${s}" parse error during conversion from string: netip.ParsePrefix("${s}"): bad prefix`);
      return make('cidr', s);
    }),
    celFunc('string', [CIDR_T], STRING, (c) => textOf(c)),
    celMethod('ip', CIDR_T, [], IP_T, function () { return make('ip', formatIP(parseCIDR(textOf(this))!.addr)); }),
    celMethod('prefixLength', CIDR_T, [], INT, function () { return BigInt(parseCIDR(textOf(this))!.bits); }),
    celMethod('masked', CIDR_T, [], CIDR_T, function () {
      const c = parseCIDR(textOf(this))!;
      return make('cidr', `${formatIP(masked(c.addr, c.bits))}/${c.bits}`);
    }),
    celMethod('containsIP', CIDR_T, [STRING], BOOL, function (s) {
      const a = parseIP(s);
      if (!a) throw new Error(`IP Address "${s}" parse error during conversion from string: ParseAddr("${s}"): unable to parse IP`);
      return cidrContains(parseCIDR(textOf(this))!, a, a.family === 4 ? 32 : 128);
    }),
    celMethod('containsIP', CIDR_T, [IP_T], BOOL, function (ip) {
      const a = parseIP(textOf(ip))!;
      return cidrContains(parseCIDR(textOf(this))!, a, a.family === 4 ? 32 : 128);
    }),
    celMethod('containsCIDR', CIDR_T, [STRING], BOOL, function (s) {
      const o = parseCIDR(s);
      if (!o) throw new Error(`network address "${s}" parse error during conversion from string: netip.ParsePrefix("${s}"): bad prefix`);
      return cidrContains(parseCIDR(textOf(this))!, o.addr, o.bits);
    }),
    celMethod('containsCIDR', CIDR_T, [CIDR_T], BOOL, function (c) {
      const o = parseCIDR(textOf(c))!;
      return cidrContains(parseCIDR(textOf(this))!, o.addr, o.bits);
    }),
    // quantity.go
    celFunc('isQuantity', [STRING], BOOL, (s) => parseQuantity(s).ok),
    celFunc('quantity', [STRING], Q_T, (s) => {
      const r = parseQuantity(s);
      if (!r.ok) throw new Error(r.error);
      return make('quantity', s);
    }),
    celMethod('sign', Q_T, [], INT, function () { const n = q(this).nanos; return n > 0n ? 1n : n < 0n ? -1n : 0n; }),
    celMethod('isInteger', Q_T, [], BOOL, function () { return q(this).nanos % NANO === 0n && inInt64(q(this).nanos / NANO); }),
    celMethod('asInteger', Q_T, [], INT, function () {
      const n = q(this).nanos;
      if (n % NANO !== 0n || !inInt64(n / NANO)) throw new Error('cannot convert value to integer');
      return n / NANO;
    }),
    celMethod('asApproximateFloat', Q_T, [], DOUBLE, function () { return Number(q(this).nanos) / 1e9; }),
    celMethod('isGreaterThan', Q_T, [Q_T], BOOL, function (o) { return q(this).nanos > q(o).nanos; }),
    celMethod('isLessThan', Q_T, [Q_T], BOOL, function (o) { return q(this).nanos < q(o).nanos; }),
    celMethod('compareTo', Q_T, [Q_T], INT, function (o) { const a = q(this).nanos, b = q(o).nanos; return a < b ? -1n : a > b ? 1n : 0n; }),
    celMethod('add', Q_T, [Q_T], Q_T, function (o) { return make('quantity', nanosText(q(this).nanos + q(o).nanos)); }),
    celMethod('add', Q_T, [INT], Q_T, function (o) { return make('quantity', nanosText(q(this).nanos + o * NANO)); }),
    celMethod('sub', Q_T, [Q_T], Q_T, function (o) { return make('quantity', nanosText(q(this).nanos - q(o).nanos)); }),
    celMethod('sub', Q_T, [INT], Q_T, function (o) { return make('quantity', nanosText(q(this).nanos - o * NANO)); }),
    ...formatLibrary(),
    ...semverLibrary(),
    ...setsLibrary(),
    ...optionalLibrary(),
  ];
}

// ---------------------------------------------------------------------------------------------
// Optional values (cel-go cel/library.go optionalLib; interpreter/attributes.go for `.?` and `[?]`)

/** The message cel-go gives `value()` on optional.none() (common/types/optional.go). */
export const OPTIONAL_NONE_DEREFERENCE = 'optional.none() dereference';

const optionalValues = new WeakMap<object, { value: CelValue } | undefined>();

export function optionalOf(value: CelValue): CelValue {
  const m = make('optional', `optional.of(${canonical(value)})`);
  optionalValues.set(m, { value });
  return m as never;
}
export function optionalNone(): CelValue {
  const m = make('optional', 'optional.none()');
  optionalValues.set(m, undefined);
  return m as never;
}
export function isOptional(v: unknown): boolean {
  return typeof v === 'object' && v !== null && optionalValues.has(v);
}
/** The value an optional holds, or undefined for none. */
export function optionalValue(v: unknown): { value: CelValue } | undefined {
  return optionalValues.get(v as object);
}

/** A rendering of a value that is equal for equal CEL values (for comparing optionals). */
function canonical(v: unknown): string {
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}` : `${v}d`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean' || v === null || v === undefined) return String(v ?? null);
  if (isCelList(v)) return `[${[...v].map(canonical).join(',')}]`;
  if (isCelMap(v)) return `{${[...v.entries()].map(([k, x]) => `${canonical(k)}:${canonical(x)}`).sort().join(',')}}`;
  if (v instanceof Uint8Array) return `b${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'object' && 'desc' in v && 'get' in v) {
    const r = v as ReflectMessage;
    return `${r.desc.typeName}(${r.desc.fields.map((f) => canonical(r.get(f))).join(',')})`;
  }
  return String(v);
}

/** CEL's zero values (optional.ofNonZeroValue): 0, 0.0, "", b"", false, null, [] and {}. */
function isZero(v: CelValue): boolean {
  if (v === null || v === false || v === '' || v === 0 || v === 0n) return true;
  if (typeof v === 'object' && 'value' in (v as object) && typeof (v as { value: unknown }).value === 'bigint' && Object.keys(v as object).length <= 2) return (v as { value: bigint }).value === 0n;
  if (v instanceof Uint8Array) return v.length === 0;
  if (isCelList(v)) return v.size === 0;
  if (isCelMap(v)) return v.size === 0;
  return false;
}

/** Field or key `key` of `target` if present (cel-go QualifyIfPresent), for `.?` and `[?]`. */
function qualifyIfPresent(target: CelValue, key: CelValue, index: boolean): CelValue {
  let obj: CelValue = target;
  if (isOptional(obj)) {
    const held = optionalValue(obj);
    if (!held) return obj;
    obj = held.value;
  }
  if (obj instanceof Map && !isCelMap(obj)) obj = celMap(obj as Map<string, CelValue>);
  if (Array.isArray(obj)) obj = celList(obj as CelValue[]);
  if (isCelMap(obj)) {
    if (typeof key !== 'string' && typeof key !== 'bigint' && typeof key !== 'boolean' && typeof key !== 'number' && !(typeof key === 'object' && key !== null && 'value' in key)) throw new Error('unsupported key type');
    return obj.has(key as never) ? optionalOf(obj.get(key as never)!) : optionalNone();
  }
  if (index && isCelList(obj)) {
    const i = typeof key === 'bigint' ? key : typeof key === 'number' && Number.isInteger(key) ? BigInt(key) : undefined;
    if (i === undefined) throw new Error('unsupported index type');
    return i >= 0n && i < BigInt(obj.size) ? optionalOf(obj.get(Number(i))!) : optionalNone();
  }
  if (typeof obj === 'object' && obj !== null && 'desc' in obj && typeof key === 'string') {
    const r = obj as ReflectMessage;
    const f = r.desc.fields.find((x) => x.name === key);
    if (!f) throw new Error(`no such field '${key}'`);
    return r.isSet(f) ? optionalOf(r.get(f) as never) : optionalNone();
  }
  throw new Error('no such overload');
}

/**
 * Functions the optional syntax is rewritten to (src/crd/cel-optional.ts): `.?`, `[?]`, and list or map
 * literals with optional elements or entries. Not cel-go's `_?._` / `_[?_]`: @bufbuild/cel's planner
 * takes those names over and returns no optional value.
 */
export const OPT_SELECT = '@podlint_optselect';
export const OPT_INDEX = '@podlint_optindex';
export const OPT_LIST = '@podlint_optlist';
export const OPT_MAP = '@podlint_optmap';

function optionalLibrary(): CelFunc[] {
  const OPT = objectType(types().messages.optional);
  const held = (o: unknown) => optionalValue(o);
  return [
    celFunc('optional.of', [DYN], OPT, (v) => optionalOf(v) as never),
    celFunc('optional.ofNonZeroValue', [DYN], OPT, (v) => (isZero(v) ? optionalNone() : optionalOf(v)) as never),
    celFunc('optional.none', [], OPT, () => optionalNone() as never),
    celMethod('hasValue', OPT, [], BOOL, function () { return held(this) !== undefined; }),
    celMethod('value', OPT, [], DYN, function () {
      const h = held(this);
      if (!h) throw new Error(OPTIONAL_NONE_DEREFERENCE);
      return h.value as never;
    }),
    // or / orValue are rewritten to short-circuit before planning (cel-optional.ts); these serve values already evaluated
    celMethod('or', OPT, [OPT], OPT, function (other) { return (held(this) ? this : other) as never; }),
    celMethod('orValue', OPT, [DYN], DYN, function (other) { return (held(this)?.value ?? other) as never; }),
    celFunc(OPT_SELECT, [DYN, STRING], OPT, (target, field) => qualifyIfPresent(target, field, false) as never),
    celFunc(OPT_INDEX, [DYN, DYN], OPT, (target, key) => qualifyIfPresent(target, key, true) as never),
    celFunc(OPT_LIST, [STRING, listType(DYN)], listType(DYN), (flags, elems) => {
      const out: CelValue[] = [];
      [...elems].forEach((e, i) => {
        if (flags[i] !== '1') out.push(e);
        else {
          if (!isOptional(e)) throw new Error(`cannot initialize optional list element from non-optional value ${canonical(e)}`);
          const h = held(e);
          if (h) out.push(h.value);
        }
      });
      return out as never;
    }),
    celFunc(OPT_MAP, [STRING, listType(DYN), listType(DYN)], mapType(DYN, DYN), (flags, keys, values) => {
      const out = new Map<CelValue, CelValue>();
      const ks = [...keys], vs = [...values];
      ks.forEach((k, i) => {
        let v: CelValue = vs[i]!;
        if (flags[i] === '1') {
          if (!isOptional(v)) throw new Error(`cannot initialize optional entry '${canonical(k)}' from non-optional value ${canonical(v)}`);
          const h = held(v);
          if (!h) return;
          v = h.value;
        }
        if (out.has(k)) throw new Error(`map key conflict: ${canonical(k)}`);
        out.set(k, v);
      });
      return out as never;
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// cel-go ext/sets.go (ext.Sets, in Kubernetes' environment since 1.29): lists compared as sets, with
// CEL equality (1, 1.0 and 1u are equal)

function setsLibrary(): CelFunc[] {
  const LIST = listType(DYN);
  const containsAll = (list: CelList, sub: CelList) => {
    const xs = [...list];
    return [...sub].every((y) => xs.some((x) => celEquals(x, y)));
  };
  return [
    celFunc('sets.contains', [LIST, LIST], BOOL, (a, b) => containsAll(a, b)),
    celFunc('sets.equivalent', [LIST, LIST], BOOL, (a, b) => containsAll(a, b) && containsAll(b, a)),
    celFunc('sets.intersects', [LIST, LIST], BOOL, (a, b) => {
      const ys = [...b];
      return [...a].some((x) => ys.some((y) => celEquals(x, y)));
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// format.go: named string formats whose validate() returns optional.none() or the error strings

interface NamedFormat {
  /** ValidateFunc of the format (apimachinery validation, strfmt). */
  validate(s: string): string[];
}
const FORMATS: Record<string, NamedFormat> = {
  dns1123Label: { validate: (s) => nameIsDNSLabel(s, false) },
  dns1123Subdomain: { validate: (s) => nameIsDNSSubdomain(s, false) },
  dns1035Label: { validate: (s) => nameIsDNS1035Label(s, false) },
  qualifiedName: { validate: isQualifiedName },
  dns1123LabelPrefix: { validate: (s) => nameIsDNSLabel(s, true) },
  dns1123SubdomainPrefix: { validate: (s) => nameIsDNSSubdomain(s, true) },
  dns1035LabelPrefix: { validate: (s) => nameIsDNS1035Label(s, true) },
  labelValue: { validate: isValidLabelValue },
  uri: { validate: (s) => { const e = requestURIError(s); return e ? [e] : []; } },
  uuid: { validate: (s) => (checkFormat('uuid', s) ? [] : ['does not match the UUID format']) },
  byte: { validate: (s) => (checkFormat('byte', s) ? [] : ['invalid base64']) },
  date: { validate: (s) => (checkFormat('date', s) ? [] : ['invalid date']) },
  datetime: { validate: (s) => (checkFormat('datetime', s) ? [] : ['invalid datetime']) },
};

/** url.ParseRequestURI's error for `s` (net/url), or undefined when it parses. */
function requestURIError(s: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(s)) return `parse ${goQuoteText(s)}: net/url: invalid control character in URL`;
  if (parseRequestURI(s) === undefined) return `parse ${goQuoteText(s)}: invalid URI for request`;
  return undefined;
}
function goQuoteText(s: string): string {
  return JSON.stringify(s);
}

function formatLibrary(): CelFunc[] {
  const FORMAT_T = objectType(types().messages.format);
  const OPT = objectType(types().messages.optional);
  return [
    ...Object.keys(FORMATS).map((name) => celFunc(`format.${name}`, [], FORMAT_T, () => make('format', name) as never)),
    celFunc('format.named', [STRING], OPT, (name) => (Object.prototype.hasOwnProperty.call(FORMATS, name) ? optionalOf(make('format', name) as never) : optionalNone()) as never),
    celMethod('validate', FORMAT_T, [STRING], OPT, function (s) {
      const errs = FORMATS[textOf(this)]!.validate(s);
      return (errs.length === 0 ? optionalNone() : optionalOf(errs as never)) as never;
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// semverlib.go (semver, isSemver, with the normalize flag of library version 1) on blang/semver v4's Parse

interface Semver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: (bigint | string)[];
  build: string[];
}
const UINT64_MAX = (1n << 64n) - 1n;
const ALPHANUM = /^[0-9A-Za-z-]*$/;

/** strconv.ParseUint(s, 10, 64) after blang's digit check. */
function parseUint(s: string): bigint {
  if (s === '') throw new Error('strconv.ParseUint: parsing "": invalid syntax');
  const n = BigInt(s);
  if (n > UINT64_MAX) throw new Error(`strconv.ParseUint: parsing ${goQuoteText(s)}: value out of range`);
  return n;
}
function numberPart(s: string, what: 'major' | 'minor' | 'patch'): bigint {
  if (!/^[0-9]*$/.test(s)) throw new Error(`Invalid character(s) found in ${what} number ${goQuoteText(s)}`);
  if (s.length > 1 && s[0] === '0') throw new Error(`${what[0]!.toUpperCase()}${what.slice(1)} number must not contain leading zeroes ${goQuoteText(s)}`);
  return parseUint(s);
}
/** blang/semver Parse: its checks in its order, with its messages. */
export function parseSemver(s: string): Semver {
  if (s.length === 0) throw new Error('Version string empty');
  const parts = splitN(s, '.', 3);
  if (parts.length !== 3) throw new Error('No Major.Minor.Patch elements found');
  const major = numberPart(parts[0]!, 'major');
  const minor = numberPart(parts[1]!, 'minor');
  let patchText = parts[2]!;
  let build: string[] = [];
  let prerelease: string[] = [];
  const b = patchText.indexOf('+');
  if (b >= 0) {
    build = patchText.slice(b + 1).split('.');
    patchText = patchText.slice(0, b);
  }
  const p = patchText.indexOf('-');
  if (p >= 0) {
    prerelease = patchText.slice(p + 1).split('.');
    patchText = patchText.slice(0, p);
  }
  const patch = numberPart(patchText, 'patch');
  const pre = prerelease.map((x): bigint | string => {
    if (x.length === 0) throw new Error('Prerelease is empty');
    if (/^[0-9]+$/.test(x)) {
      if (x.length > 1 && x[0] === '0') throw new Error(`Numeric PreRelease version must not contain leading zeroes ${goQuoteText(x)}`);
      return parseUint(x);
    }
    if (ALPHANUM.test(x)) return x;
    throw new Error(`Invalid character(s) found in prerelease ${goQuoteText(x)}`);
  });
  for (const x of build) {
    if (x.length === 0) throw new Error('Build meta data is empty');
    if (!ALPHANUM.test(x)) throw new Error(`Invalid character(s) found in build meta data ${goQuoteText(x)}`);
  }
  return { major, minor, patch, pre, build };
}
/** Go's strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
/** semverlib.go normalizeAndParse: no "v" prefix, leading zeros removed, missing minor/patch added. */
export function normalizeAndParseSemver(text: string): Semver {
  const s = text.startsWith('v') ? text.slice(1) : text;
  const parts = splitN(s, '.', 3).map((p) => {
    if (p.length <= 1) return p;
    let t = p.replace(/^0+/, '');
    if (t.length === 0 || !/^[0-9]/.test(t)) t = '0' + t;
    return t;
  });
  if (parts.length < 3) {
    if (/[+-]/.test(parts[parts.length - 1]!)) throw new Error('short version cannot contain PreRelease/Build meta data');
    while (parts.length < 3) parts.push('0');
  }
  return parseSemver(parts.join('.'));
}
function semverText(v: Semver): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre.length ? '-' + v.pre.join('.') : ''}${v.build.length ? '+' + v.build.join('.') : ''}`;
}
/** blang/semver Version.Compare (build metadata has no precedence). */
function compareSemver(a: Semver, b: Semver): bigint {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] > b[k] ? 1n : -1n;
  if (a.pre.length === 0 && b.pre.length === 0) return 0n;
  if (a.pre.length === 0) return 1n;
  if (b.pre.length === 0) return -1n;
  for (let i = 0; i < a.pre.length && i < b.pre.length; i++) {
    const x = a.pre[i]!, y = b.pre[i]!;
    if (x === y) continue;
    if (typeof x === 'bigint' && typeof y === 'string') return -1n;
    if (typeof x === 'string' && typeof y === 'bigint') return 1n;
    return x > y ? 1n : -1n;
  }
  return a.pre.length === b.pre.length ? 0n : a.pre.length < b.pre.length ? -1n : 1n;
}
/** Go's int64(uint64): the major/minor/patch accessors return types.Int of the uint64. */
function asInt64(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}

function semverLibrary(): CelFunc[] {
  const S_T = objectType(types().messages.semver);
  const sv = (v: unknown) => parseSemver(textOf(v));
  const toSemver = (s: string, normalize: boolean) => make('semver', semverText(normalize ? normalizeAndParseSemver(s) : parseSemver(s)));
  const isSemver = (s: string, normalize: boolean) => {
    try {
      if (normalize) normalizeAndParseSemver(s);
      else parseSemver(s);
      return true;
    } catch {
      return false;
    }
  };
  return [
    celFunc('semver', [STRING], S_T, (s) => toSemver(s, false) as never),
    celFunc('semver', [STRING, BOOL], S_T, (s, n) => toSemver(s, n) as never),
    celFunc('isSemver', [STRING], BOOL, (s) => isSemver(s, false)),
    celFunc('isSemver', [STRING, BOOL], BOOL, (s, n) => isSemver(s, n)),
    celMethod('major', S_T, [], INT, function () { return asInt64(sv(this).major); }),
    celMethod('minor', S_T, [], INT, function () { return asInt64(sv(this).minor); }),
    celMethod('patch', S_T, [], INT, function () { return asInt64(sv(this).patch); }),
    celMethod('isGreaterThan', S_T, [S_T], BOOL, function (o) { return compareSemver(sv(this), sv(o)) === 1n; }),
    celMethod('isLessThan', S_T, [S_T], BOOL, function (o) { return compareSemver(sv(this), sv(o)) === -1n; }),
    celMethod('compareTo', S_T, [S_T], INT, function (o) { return compareSemver(sv(this), sv(o)); }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Strings with a format, as CEL sees them (apiserver/pkg/cel/common/values.go UnstructuredToVal):
// date-time and date are timestamps, duration a duration, byte the decoded bytes

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const GO_DURATION_UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, µs: 1000n, μs: 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
/** strfmt adds days and weeks to Go's units (kube-openapi strfmt/duration.go). */
const STRFMT_DURATION_UNITS: Record<string, bigint> = { ...GO_DURATION_UNITS, d: 86_400_000_000_000n, w: 604_800_000_000_000n };

/** Go's time.ParseDuration (with strfmt's d and w), in nanoseconds; undefined when it does not parse. */
function parseGoDuration(text: string): bigint | undefined {
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w))+$/.exec(text);
  if (!m && text !== '0') return undefined;
  if (text === '0') return 0n;
  let total = 0n;
  for (const part of text.replace(/^[-+]/, '').matchAll(/(\d+)?(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h|d|w)/g)) {
    const unit = STRFMT_DURATION_UNITS[part[3]!]!;
    const whole = BigInt(part[1] ?? '0');
    const frac = part[2] ?? '';
    total += whole * unit + (frac ? (BigInt(frac) * unit) / 10n ** BigInt(frac.length) : 0n);
  }
  return m![1] === '-' ? -total : total;
}

/** The CEL value of `text` under string format `format`; the text itself when it does not parse (the schema check reports it). */
export function formattedCelValue(text: string, format: string): unknown {
  switch (format) {
    case 'date-time':
    case 'datetime': {
      const m = DATE_TIME.exec(text);
      if (!m) return text;
      const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
      if (Number.isNaN(ms)) return text;
      const offset = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60) : 0;
      const nanos = m[7] ? Number((m[7] + '000000000').slice(0, 9)) : 0;
      return create(TimestampSchema, { seconds: BigInt(ms / 1000 - offset), nanos });
    }
    case 'date': {
      const m = DATE.exec(text);
      if (!m) return text;
      const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      return Number.isNaN(ms) ? text : create(TimestampSchema, { seconds: BigInt(ms / 1000), nanos: 0 });
    }
    case 'duration': {
      const ns = parseGoDuration(text);
      if (ns === undefined) return text;
      return create(DurationSchema, { seconds: ns / 1_000_000_000n, nanos: Number(ns % 1_000_000_000n) });
    }
    case 'byte':
      return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 ? new Uint8Array(Buffer.from(text, 'base64')) : text;
    default:
      return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const NANO = 1_000_000_000n;
const INT64_MAX = (1n << 63n) - 1n;
function inInt64(n: bigint): boolean {
  return n <= INT64_MAX && n >= -INT64_MAX - 1n;
}
function q(v: unknown): Quantity {
  const r = parseQuantity(textOf(v));
  if (!r.ok) throw new Error(r.error);
  return r.quantity;
}
/** A quantity's value as decimal text with the n (nano) suffix when it has a fraction. */
function nanosText(n: bigint): string {
  return n % NANO === 0n ? String(n / NANO) : `${n}n`;
}

function compare(x: CelValue | undefined, y: CelValue | undefined): number {
  const a = isCelUint(x) ? x.value : x;
  const b = isCelUint(y) ? y.value : y;
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    const x = Number(a), y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new Error('no such overload');
}
function celEquals(x: unknown, y: unknown): boolean {
  // uint values are objects holding a bigint; CEL's equality compares numbers across int, uint and double
  const a = isCelUint(x) ? x.value : x;
  const b = isCelUint(y) ? y.value : y;
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return Number(a) === Number(b);
  if (isCelList(a) && isCelList(b)) {
    const x = [...a], y = [...b];
    return x.length === y.length && x.every((v, i) => celEquals(v, y[i]));
  }
  return a === b;
}

/** Go's RE2 syntax as a JavaScript RegExp, for find/findAll (a leading (?i)/(?s)/(?m) flag group becomes a flag). */
function goRegExp(re: string, extra = ''): RegExp {
  let flags = 'u' + extra;
  let source = re;
  const m = /^\(\?([imsU]+)\)/.exec(source);
  if (m) {
    source = source.slice(m[0].length);
    for (const f of m[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  return new RegExp(source, flags);
}

/** Go's url.ParseRequestURI, reduced to what the URL library reads: an absolute URI or an absolute path. */
function parseRequestURI(s: string): { scheme: string; host: string; path: string; query: string } | undefined {
  if (s === '' || /[\x00-\x1f\x7f ]/.test(s)) return undefined;
  const hash = s.indexOf('#');
  if (hash >= 0) return undefined;
  let rest = s;
  let scheme = '';
  const sm = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (sm) {
    scheme = sm[1]!;
    rest = rest.slice(sm[0].length);
  } else if (!rest.startsWith('/')) return undefined;
  const qi = rest.indexOf('?');
  const query = qi >= 0 ? rest.slice(qi + 1) : '';
  if (qi >= 0) rest = rest.slice(0, qi);
  let host = '';
  if (rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    host = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
    const at = host.lastIndexOf('@');
    if (at >= 0) host = host.slice(at + 1);
    if (host.startsWith('[') && !/^\[[0-9a-fA-F:.]+\](:\d*)?$/.test(host)) return undefined;
    if (!host.startsWith('[') && /:[^0-9]/.test(host.slice(host.indexOf(':')))) return undefined;
  } else if (scheme && !rest.startsWith('/')) {
    // opaque: scheme:opaque
  }
  return { scheme, host, path: rest, query };
}
function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const c = host.lastIndexOf(':');
  return c >= 0 ? host.slice(0, c) : host;
}
function port(host: string): string {
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : 0;
  const c = host.indexOf(':', end);
  return c >= 0 ? host.slice(c + 1) : '';
}

interface Addr {
  family: 4 | 6;
  value: bigint;
}
/** netip.ParseAddr: dotted IPv4 without leading zeros, or IPv6 without a zone; IPv4-mapped IPv6 is refused, as ip() does. */
function parseIP(s: string): Addr | undefined {
  if (s.includes('%')) return undefined;
  if (nodeNet().isIPv4(s)) {
    if (s.split('.').some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
    return { family: 4, value: s.split('.').reduce((a, p) => (a << 8n) | BigInt(Number(p)), 0n) };
  }
  if (!nodeNet().isIPv6(s)) return undefined;
  const value = ipv6Value(s);
  if (value >> 32n === 0xffffn) return undefined;
  return { family: 6, value };
}
function ipv6Value(s: string): bigint {
  let text = s;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = v4[1]!.split('.').map(Number);
    text = text.slice(0, -v4[1]!.length) + ((n[0]! << 8) | n[1]!).toString(16) + ':' + ((n[2]! << 8) | n[3]!).toString(16);
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}
function formatIP(a: Addr): string {
  if (a.family === 4) return [24n, 16n, 8n, 0n].map((sh) => String((a.value >> sh) & 0xffn)).join('.');
  const groups = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((a.value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}
function parseCIDR(s: string): { addr: Addr; bits: number } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseIP(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!addr || !/^(0|[1-9]\d*)$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > (addr.family === 4 ? 32 : 128)) return undefined;
  return { addr, bits };
}
function masked(a: Addr, bits: number): Addr {
  const width = a.family === 4 ? 32n : 128n;
  const host = width - BigInt(bits);
  return { family: a.family, value: (a.value >> host) << host };
}
function cidrContains(c: { addr: Addr; bits: number }, other: Addr, otherBits: number): boolean {
  if (c.addr.family !== other.family || otherBits < c.bits) return false;
  return masked(c.addr, c.bits).value === masked(other, c.bits).value;
}
