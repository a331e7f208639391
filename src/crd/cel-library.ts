/**
 * The Kubernetes CEL libraries on top of CEL's standard environment, as the API server declares them
 * for CRD validation rules (staging/src/k8s.io/apiserver/pkg/cel/library: lists.go, regex.go, urls.go,
 * quantity.go, ip.go, cidr.go). The strings extension comes from @bufbuild/cel/ext.
 *
 * The opaque Kubernetes types (kubernetes.URL, net.IP, net.CIDR, kubernetes.Quantity) are protobuf
 * messages of a descriptor built here, holding their text: @bufbuild/cel represents object types as
 * messages.
 */
import net from 'node:net';
import { celFunc, celMethod, CelScalar, listType, mapType, objectType, isCelList, type CelFunc, type CelList, type CelValue } from '@bufbuild/cel';
import { create, createFileRegistry, createRegistry, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { parseQuantity, type Quantity } from '../k8s/quantity.js';

const TYPES = { url: 'URL', ip: 'IP', cidr: 'CIDR', quantity: 'Quantity' } as const;
type TypeKey = keyof typeof TYPES;

let descriptors: { registry: Registry; messages: Record<TypeKey, DescMessage> } | undefined;

/** A descriptor of four messages with one string field `text`, in package podlint.kubernetes. */
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
  ];
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

function compare(a: CelValue | undefined, b: CelValue | undefined): number {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    const x = Number(a), y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new Error('no such overload');
}
function celEquals(a: unknown, b: unknown): boolean {
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
  if (net.isIPv4(s)) {
    if (s.split('.').some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
    return { family: 4, value: s.split('.').reduce((a, p) => (a << 8n) | BigInt(Number(p)), 0n) };
  }
  if (!net.isIPv6(s)) return undefined;
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
