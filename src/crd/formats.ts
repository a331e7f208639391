/**
 * The string formats the API server checks in custom resources: those
 * staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/validation/formats.go supports at the version
 * (supportedVersionedFormats; any other format is stripped from the schema and not checked), each checked
 * as k8s.io/kube-openapi pkg/validation/strfmt registers it (default.go, duration.go, time.go, quantity.go,
 * kubernetes-extensions.go). Format names are compared without dashes, as strfmt normalizes them
 * ("date-time" is "datetime").
 */
import { nodeNet } from '../source/builtins.js';
import { parseQuantity } from '../k8s/quantity.js';

/** formats.go supportedVersionedFormats, from 1.0 (normalized names). */
const FORMATS_SINCE_1_0 = new Set(['bsonobjectid', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'cidr', 'mac', 'uuid', 'uuid3', 'uuid4', 'uuid5', 'isbn', 'isbn10', 'isbn13', 'creditcard', 'ssn', 'hexcolor', 'rgbcolor', 'byte', 'password', 'date', 'duration', 'datetime', 'quantity']);
/** formats.go supportedVersionedFormats, from 1.34: k8s-short-name and k8s-long-name. */
const FORMATS_SINCE_1_34 = new Set(['k8sshortname', 'k8slongname']);
const K8S_NAME_FORMATS_SINCE_MINOR = 34;

/** strfmt default.go HostnamePattern (symbols and letters of any script allowed; the last label may hold digits and dashes). */
const HOSTNAME = /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z0-9\p{S}\p{L}])(-?[a-zA-Z0-9\p{S}\p{L}]){1,62})$/u;
/** default.go: a host name is at most 255 bytes, each label at most 63. */
const HOSTNAME_MAX_BYTES = 255;
const LABEL_MAX_BYTES = 63;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
/** govalidator IsHexcolor / IsRGBcolor. */
const HEX_COLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_COLOR = /^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/;
const BSON_OBJECT_ID = /^[0-9a-fA-F]{24}$/;
/** govalidator IsBase64: at least one group (the empty string is not base64 there). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
/** govalidator IsSSN: 11 characters, ddd-dd-dddd with dashes or spaces. */
const SSN = /^\d{3}[- ]?\d{2}[- ]?\d{4}$/;
const SSN_LENGTH = 11;
/** formats.go's creditcard regular expression (govalidator rxCreditCard), over the digits of the value, with the Luhn check. */
const CREDIT_CARD = /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11})$/;
/** strfmt time.go IsDateTime: the part after the (first) "T", lower-cased. */
const TIME_PART = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Go's time.ParseDuration: an optional sign, then numbers with units (or "0"). */
const GO_DURATION = /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
/** strfmt duration.go durationValidator and durationMatcher (scala-style durations: "3 days", "1 hour 30 min"). */
const LONG_DURATION = /^\s*(?:\d+\s*[A-Za-zµ]+\s*)+$/;
const LONG_DURATION_PART = /(\d+)\s*([A-Za-zµ]+)/g;
/** duration.go timeUnits: a unit matches a variant exactly (any case), or starts with the last variant of its group. */
const DURATION_UNITS = [['ns', 'nano'], ['us', 'µs', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'], ['d', 'day'], ['w', 'wk', 'week']];
/** kubernetes-extensions.go: k8s-short-name (a DNS-1123 label, lower case) and k8s-long-name (a subdomain). */
const SHORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SHORT_NAME_MAX = 63;
const LONG_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LONG_NAME_MAX = 253;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1]!;
}

function validDateTime(value: string): boolean {
  if (value.length < 4) return false;
  const parts = value.toLowerCase().split('t');
  if (parts.length < 2 || !validDate(parts[0]!)) return false;
  const m = TIME_PART.exec(parts[1]!);
  return !!m && m[1]! <= '23' && m[2]! <= '59' && m[3]! <= '59';
}

function validDuration(value: string): boolean {
  if (value === '0' || GO_DURATION.test(value)) return true;
  if (!LONG_DURATION.test(value)) return false;
  for (const m of value.matchAll(LONG_DURATION_PART)) {
    const unit = m[2]!.toLowerCase();
    for (const variants of DURATION_UNITS) {
      if (variants.some((v, i) => unit === v.toLowerCase() || (i === variants.length - 1 && unit.startsWith(v)))) return true;
    }
  }
  return false;
}

/** govalidator IsIPv4 / IsIPv6: Go's net.ParseIP, and a dot (IPv4) or a colon (IPv6) in the text. */
function parsesAsIp(value: string): boolean {
  return !value.includes('%') && nodeNet().isIP(value) !== 0;
}

/** Go's net.ParseCIDR: an address and a prefix length within its size. */
function validCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const ip = value.slice(0, slash), bits = value.slice(slash + 1);
  if (ip.includes('%')) return false;
  const family = nodeNet().isIP(ip);
  return family !== 0 && /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Go's net.ParseMAC: 6, 8 or 20 octets, as xx:xx…, xx-xx… or xxxx.xxxx…. */
function validMac(value: string): boolean {
  const octets = [6, 8, 20];
  for (const sep of [':', '-']) {
    const parts = value.split(sep);
    if (parts.length > 1 && octets.includes(parts.length) && parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p))) return true;
  }
  const dotted = value.split('.');
  return octets.includes(dotted.length * 2) && dotted.every((p) => /^[0-9a-fA-F]{4}$/.test(p));
}

/** govalidator IsRequestURI (Go's url.ParseRequestURI): an absolute URI or an absolute path, no control characters or bad escapes. */
function validRequestUri(value: string): boolean {
  if (value === '' || /[\x00-\x1f\x7f]/.test(value) || /%(?![0-9a-fA-F]{2})/.test(value)) return false;
  if (value.startsWith('/')) return true;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(value);
  if (!m) return false;
  const rest = m[2]!;
  if (!rest.startsWith('//')) return true;
  const authority = rest.slice(2).split(/[/?#]/, 1)[0]!;
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (/\s/.test(host)) return false;
  const port = host.startsWith('[') ? host.slice(host.indexOf(']') + 1) : host.includes(':') ? host.slice(host.indexOf(':')) : '';
  return port === '' || /^:\d*$/.test(port);
}

/** net/mail.ParseAddress, for the common forms: `local@domain` or `Name <local@domain>`. */
function validEmail(value: string): boolean {
  const angle = /^[^<>]*<([^<>]+)>\s*$/.exec(value);
  const address = angle ? angle[1]! : value.trim();
  return /^[^@\s<>()[\]\\,;:"]+@[^@\s<>()[\]\\,;:"]+$/.test(address) && !address.endsWith('.') && !address.includes('..');
}

function validHostname(value: string): boolean {
  return HOSTNAME.test(value) && Buffer.byteLength(value) <= HOSTNAME_MAX_BYTES && value.split('.').every((p) => Buffer.byteLength(p) <= LABEL_MAX_BYTES);
}

/** govalidator IsISBN10 / IsISBN13: spaces and dashes ignored, then the check digit. */
function validIsbn(value: string, length: 10 | 13): boolean {
  const s = value.replace(/[\s-]+/g, '');
  if (length === 10) {
    if (!/^(?:[0-9]{9}X|[0-9]{10})$/.test(s)) return false;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (i + 1) * Number(s[i]);
    sum += (s[9] === 'X' ? 10 : Number(s[9])) * 10;
    return sum % 11 === 0;
  }
  if (!/^[0-9]{13}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(s[i]);
  return Number(s[12]) === (10 - (sum % 10)) % 10;
}

function validCreditCard(value: string): boolean {
  const digits = value.replace(/[^0-9]+/g, '');
  if (!CREDIT_CARD.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Whether the API server checks `format` in a custom resource at minor version `minor` (formats.go). */
export function formatIsChecked(format: string, minor: number): boolean {
  const name = format.replace(/-/g, '');
  return FORMATS_SINCE_1_0.has(name) || (minor >= K8S_NAME_FORMATS_SINCE_MINOR && FORMATS_SINCE_1_34.has(name));
}

/** Whether `value` is valid in `format`; formats the API server does not check (at `minor`) are valid. */
export function checkFormat(format: string, value: string, minor = Number.POSITIVE_INFINITY): boolean {
  if (!formatIsChecked(format, minor)) return true;
  switch (format.replace(/-/g, '')) {
    case 'byte':
      return BASE64.test(value);
    case 'date':
      return validDate(value);
    case 'datetime':
      return validDateTime(value);
    case 'duration':
      return validDuration(value);
    case 'ipv4':
      return parsesAsIp(value) && value.includes('.');
    case 'ipv6':
      return parsesAsIp(value) && value.includes(':');
    case 'cidr':
      return validCidr(value);
    case 'mac':
      return validMac(value);
    case 'uuid':
      return UUID.test(value);
    case 'uuid3':
      return UUID3.test(value);
    case 'uuid4':
      return UUID4.test(value);
    case 'uuid5':
      return UUID5.test(value);
    case 'hostname':
      return validHostname(value);
    case 'email':
      return validEmail(value);
    case 'uri':
      return validRequestUri(value);
    case 'hexcolor':
      return HEX_COLOR.test(value);
    case 'rgbcolor':
      return RGB_COLOR.test(value);
    case 'bsonobjectid':
      return BSON_OBJECT_ID.test(value);
    case 'isbn':
      return validIsbn(value, 10) || validIsbn(value, 13);
    case 'isbn10':
      return validIsbn(value, 10);
    case 'isbn13':
      return validIsbn(value, 13);
    case 'creditcard':
      return validCreditCard(value);
    case 'ssn':
      return value.length === SSN_LENGTH && SSN.test(value);
    case 'password':
      return true;
    case 'quantity':
      return parseQuantity(value).ok;
    case 'k8sshortname':
      return value.length <= SHORT_NAME_MAX && SHORT_NAME.test(value);
    case 'k8slongname':
      return value.length <= LONG_NAME_MAX && LONG_NAME.test(value);
    default:
      return true;
  }
}
