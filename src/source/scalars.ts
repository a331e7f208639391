/**
 * Plain-scalar resolution as the API server's decoder applies it.
 *
 * Kubernetes converts YAML to JSON with sigs.k8s.io/yaml, which unmarshals through go-yaml v2
 * (gopkg.in/yaml.v2 `resolve.go`) into interface{} before encoding JSON. go-yaml v2 follows
 * YAML 1.1 for plain scalars, so `yes`, `on`, `y` are booleans and `0777` is octal; timestamps
 * stay strings when decoded into interface{} (yaml.v2 `decode.go`), and base-60 numbers are not
 * supported. This module mirrors that table.
 */

/** YAML 1.1 booleans of go-yaml v2 `resolve.go` (resolveMapList). */
const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
/** Null spellings of go-yaml v2 `resolve.go`. */
const YAML11_NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
  '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
/** The characters a null, boolean, special float or number can start with (by char code). */
const SPECIAL_FIRST: boolean[] = Array.from({ length: 128 }, (_, code) => 'yYnNtTfFoO~.+-0123456789'.includes(String.fromCharCode(code)));
/** The longest of those words ("false", "+.inf"). */
const MAX_SPECIAL_WORD = Math.max(...[...YAML11_TRUE, ...YAML11_FALSE, ...YAML11_NULL, ...Object.keys(SPECIAL_FLOATS)].map((w) => w.length));
/** go-yaml v2 `yamlStyleFloat`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DEC = /^[-+]?[0-9]+$/;
const HEX = /^[-+]?0[xX][0-9a-fA-F]+$/;
const OCT_O = /^[-+]?0[oO][0-7]+$/;
const OCT_LEGACY = /^[-+]?0[0-7]+$/;
const BIN = /^[-+]?0[bB][01]+$/;

/** Go's strconv.ParseInt(s, 0, 64) for the forms go-yaml feeds it (underscores already removed). */
function parseGoInt(s: string): number | undefined {
  if (DEC.test(s)) {
    if (s.length > 1 && (s[0] === '0' || ((s[0] === '-' || s[0] === '+') && s[1] === '0' && s.length > 2))) {
      // A leading 0 means octal in Go's base-0 parsing.
      return OCT_LEGACY.test(s) ? signed(s, 8, 1) : undefined;
    }
    return Number(s);
  }
  if (HEX.test(s)) return signed(s, 16, 2);
  if (OCT_O.test(s)) return signed(s, 8, 2);
  if (BIN.test(s)) return signed(s, 2, 2);
  return undefined;
}

function signed(s: string, radix: number, prefixLength: number): number {
  const negative = s[0] === '-';
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1 + prefixLength) : s.slice(prefixLength);
  const n = parseInt(body, radix);
  return negative ? -n : n;
}

/** Resolve a plain (unquoted, untagged) scalar to the JSON value Kubernetes would see. */
export function resolvePlainScalar(text: string): unknown {
  if (text.length === 0) return null;
  const code = text.charCodeAt(0);
  // Fast path: most scalars in manifests (and every key) start with a character that cannot begin a
  // special value, or are longer than any special word.
  if (code >= 128 || !SPECIAL_FIRST[code]) return text;
  if (text.length <= MAX_SPECIAL_WORD) {
    if (YAML11_NULL.has(text)) return null;
    if (YAML11_TRUE.has(text)) return true;
    if (YAML11_FALSE.has(text)) return false;
    if (text in SPECIAL_FLOATS) return SPECIAL_FLOATS[text];
  }
  const c = text[0]!;
  if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    const plain = text.includes('_') ? text.replaceAll('_', '') : text;
    const int = parseGoInt(plain);
    if (int !== undefined) return int;
    if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  }
  return text;
}

/** Explicit core tags (`!!str`, `!!int` …) applied to a scalar's text. */
export function resolveTaggedScalar(text: string, tag: string): unknown {
  switch (tag) {
    case '!!str':
    case 'tag:yaml.org,2002:str':
    case '!':
    case '!!binary':
    case 'tag:yaml.org,2002:binary':
    case '!!timestamp':
      return text;
    case '!!null':
    case 'tag:yaml.org,2002:null':
      return null;
    default: {
      // !!int, !!float, !!bool and unknown local tags resolve like a plain scalar.
      return resolvePlainScalar(text);
    }
  }
}
