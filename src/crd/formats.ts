/**
 * The string formats the API server checks in custom resources (k8s.io/kube-openapi
 * pkg/validation/strfmt, default.go, as registered for CRDs by
 * staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/validation/formats.go). A format it does not
 * know is not checked.
 */
import net from 'node:net';

/** strfmt default.go: rxHostname (RFC 1123 host names, at most 255 characters). */
const HOSTNAME = /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const HEX_COLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_COLOR = /^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/;
const MAC = /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/;
const BSON_OBJECT_ID = /^[0-9a-fA-F]{24}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** strfmt time.go: RFC 3339 date-time (the T may be a space or lower case, fractions optional). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** strfmt duration.go: a number and a unit, repeated (Go's and the long forms: "1h30m", "5 seconds"). */
const DURATION = /^(((?:-?\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?))\s*)+$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m), day = Number(d), year = Number(y);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1]!;
}

/** Whether `value` is valid in `format`; formats the API server does not check are valid. */
export function checkFormat(format: string, value: string): boolean {
  switch (format) {
    case 'byte':
      return BASE64.test(value);
    case 'date': {
      const m = DATE.exec(value);
      return !!m && validDate(m[1]!, m[2]!, m[3]!);
    }
    case 'date-time':
    case 'datetime': {
      const m = DATE_TIME.exec(value);
      return !!m && validDate(m[1]!, m[2]!, m[3]!) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61;
    }
    case 'duration':
      return DURATION.test(value);
    case 'ipv4':
      return net.isIPv4(value);
    case 'ipv6':
      return net.isIPv6(value);
    case 'cidr': {
      const slash = value.indexOf('/');
      if (slash < 0) return false;
      const ip = value.slice(0, slash), bits = value.slice(slash + 1);
      const family = net.isIP(ip);
      return family !== 0 && /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
    }
    case 'mac':
      return MAC.test(value);
    case 'uuid':
      return UUID.test(value);
    case 'uuid3':
      return UUID3.test(value);
    case 'uuid4':
      return UUID4.test(value);
    case 'uuid5':
      return UUID5.test(value);
    case 'hostname':
      return value.length <= 255 && HOSTNAME.test(value);
    case 'email':
      return EMAIL.test(value);
    case 'uri':
      return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) || value.startsWith('/');
    case 'hexcolor':
      return HEX_COLOR.test(value);
    case 'rgbcolor':
      return RGB_COLOR.test(value);
    case 'bsonobjectid':
      return BSON_OBJECT_ID.test(value);
    default:
      return true;
  }
}
