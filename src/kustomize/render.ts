/**
 * The output of a build: kustomize's default order (api/builtins/LegacyOrderTransformer.go with the kind
 * order of api/resid/gvk.go) or the kustomization's sortOptions, printed as `kubectl kustomize` prints it
 * (keys sorted, documents separated by `---`, sequences not indented under their key).
 */
import { resolvePlainScalar } from '../source/scalars.js';
import { resIdOf, type ResId, type Resource } from './resource.js';
import type { Kustomization } from './kustomization.js';

/** api/resid/gvk.go orderFirst */
export const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
/** api/resid/gvk.go orderLast */
export const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function gvkString(id: ResId): string {
  return [id.group || '~G', id.version || '~V', id.kind || '~K'].join('_');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function legacyCompare(first: string[], last: string[]): (a: ResId, b: ResId) => number {
  const order = new Map<string, number>();
  first.forEach((k, i) => order.set(k, i - first.length));
  last.forEach((k, i) => order.set(k, i + 1));
  return (a, b) => {
    const ga = gvkString(a);
    const gb = gvkString(b);
    if (ga !== gb) {
      const ia = order.get(a.kind) ?? 0;
      const ib = order.get(b.kind) ?? 0;
      if (ia !== ib) return ia - ib;
      return cmp(ga, gb);
    }
    // api/resid/resid.go LegacySortString: namespace, then name.
    return cmp(`${a.namespace || '~X'}|${a.name || '~N'}`, `${b.namespace || '~X'}|${b.name || '~N'}`);
  };
}

/** kustomize's output order: legacy by default, FIFO when sortOptions says so. */
export function sortResources(resources: Resource[], k: Kustomization): Resource[] {
  const so = k.raw.sortOptions as Record<string, unknown> | undefined;
  if (so && so.order === 'fifo') return resources;
  const legacy = so && typeof so.legacySortOptions === 'object' && so.legacySortOptions ? (so.legacySortOptions as Record<string, unknown>) : undefined;
  const first = Array.isArray(legacy?.orderFirst) ? (legacy!.orderFirst as string[]) : ORDER_FIRST;
  const last = Array.isArray(legacy?.orderLast) ? (legacy!.orderLast as string[]) : ORDER_LAST;
  const compare = legacyCompare(first, last);
  return resources
    .map((r) => ({ r, id: resIdOf(r.object) }))
    .sort((x, y) => compare(x.id, y.id))
    .map((x) => x.r);
}

/**
 * The YAML of one object as `kubectl kustomize` prints it: kustomize turns each resource into JSON and
 * back into YAML with sigs.k8s.io/yaml (JSONToYAML, go-yaml v2's encoder), so keys are in go-yaml v2's
 * order, strings take the style its emitter picks (gopkg.in/yaml.v2 encode.go stringv, emitterc.go
 * yaml_emitter_analyze_scalar / select_scalar_style) and long lines fold at its best width of 80.
 */
export function renderObject(value: unknown): string {
  const e = new Emitter();
  e.node(value, 'root');
  return e.finish();
}

export function renderResources(resources: Resource[]): string {
  return resources.map((r) => renderObject(r.object)).join('---\n');
}

/** go-yaml v2 encode.go keyList.Less: letters after other characters, runs of digits compared as numbers. */
export function compareKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! - br[i]!.codePointAt(0)!;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an - bn;
    if (ai !== bi) return ai - bi;
    return ar[i]!.codePointAt(0)! - br[i]!.codePointAt(0)!;
  }
  return ar.length - br.length;
}

const BEST_WIDTH = 80;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
/** go-yaml v2 resolve.go parseTimestamp: the forms a plain scalar is read as a timestamp in. */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

/** A string go-yaml v2 can leave unquoted: it reads back as the same string. */
function plainResolvesToString(s: string): boolean {
  return typeof resolvePlainScalar(s) === 'string' && !BASE60_FLOAT.test(s) && !TIMESTAMP.test(s);
}

function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}
const isBreak = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined) => c === ' ';
const isBlankz = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c);

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** emitterc.go yaml_emitter_analyze_scalar (block context). */
function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  const cs = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false, lineBreaks = false, special = false;
  let precededByWhitespace = true;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const followedByWhitespace = isBlankz(cs[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === cs.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cs.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.blockPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

/** go's strconv.FormatFloat(f, 'g', -1, 64), as go-yaml v2 writes floats. */
function goFloat(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 21 || (!Number.isInteger(v) && exp >= 21)) {
    const [m, e] = v.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(v);
}

/** The parts of go-yaml v2's emitter (emitterc.go) that a JSON value needs: block collections and scalars. */
class Emitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private whitespace = true;
  private indention = true;

  finish(): string {
    if (this.column !== 0 || this.out === '') this.put('\n');
    return this.out;
  }

  private put(s: string): void {
    for (const c of s) {
      if (c === '\n') {
        this.out += '\n';
        this.column = 0;
      } else {
        this.out += c;
        this.column++;
      }
    }
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.put('\n');
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** `context`: 'root', 'key' (a simple key), 'value' (a mapping value), 'item' (a sequence item). */
  node(v: unknown, context: 'root' | 'key' | 'value' | 'item', inMapping = false): void {
    if (Array.isArray(v)) {
      if (v.length === 0) return this.flowEmpty('[]');
      const saved = this.indent;
      // A sequence that is a mapping's value is not indented (increase_indent's indentless).
      if (this.indent < 0) this.indent = 0;
      else if (!(inMapping && !this.indention)) this.indent += 2;
      for (const item of v) {
        this.writeIndent();
        this.indicator('-', true, false, true);
        this.node(item, 'item');
      }
      this.indent = saved;
      return;
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort(compareKeys);
      if (keys.length === 0) return this.flowEmpty('{}');
      const saved = this.indent;
      this.indent = this.indent < 0 ? 0 : this.indent + 2;
      for (const k of keys) {
        this.writeIndent();
        this.scalar(k, true);
        this.indicator(':', false, false, false);
        this.node((v as Record<string, unknown>)[k], 'value', true);
      }
      this.indent = saved;
      return;
    }
    this.scalar(v, false);
  }

  private flowEmpty(text: string): void {
    this.indicator(text, true, false, false);
  }

  private scalar(v: unknown, simpleKey: boolean): void {
    const saved = this.indent;
    this.indent = this.indent < 0 ? 2 : this.indent + 2;
    if (v === null || v === undefined) this.plain('null', simpleKey);
    else if (typeof v === 'boolean') this.plain(String(v), simpleKey);
    else if (typeof v === 'number') this.plain(goFloat(v), simpleKey);
    else this.string(String(v), simpleKey);
    this.indent = saved;
  }

  private string(s: string, simpleKey: boolean): void {
    const a = analyze(s);
    let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n') ? 'literal' : plainResolvesToString(s) ? 'plain' : 'double';
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain' && (!a.blockPlain || (s.length === 0 && simpleKey))) style = 'single';
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
    if (style === 'plain') this.plain(s, simpleKey);
    else if (style === 'single') this.single(s, !simpleKey);
    else if (style === 'double') this.double(s, !simpleKey);
    else this.literal(s);
  }

  private plain(s: string, simpleKey: boolean): void {
    const allowBreaks = !simpleKey;
    if (!this.whitespace) this.put(' ');
    const cs = [...s];
    let spaces = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(cs[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private single(s: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const cs = [...s];
    let spaces = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cs.length - 1 && !isSpace(cs[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private double(s: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const cs = [...s];
    let spaces = false;
    const escapes: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 27: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\');
        if (escapes[cp] !== undefined) this.put(escapes[cp]!);
        else if (cp <= 0xff) this.put('x' + cp.toString(16).toUpperCase().padStart(2, '0'));
        else if (cp <= 0xffff) this.put('u' + cp.toString(16).toUpperCase().padStart(4, '0'));
        else this.put('U' + cp.toString(16).toUpperCase().padStart(8, '0'));
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cs.length - 1) {
          this.writeIndent();
          if (isSpace(cs[i + 1])) this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(s: string): void {
    this.indicator('|', true, false, false);
    const cs = [...s];
    if (isSpace(cs[0]) || isBreak(cs[0])) this.indicator('2', false, false, false);
    const last = cs.length - 1;
    if (!isBreak(cs[last])) this.indicator('-', false, false, false);
    else if (last === 0 || isBreak(cs[last - 1])) this.indicator('+', false, false, false);
    this.put('\n');
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cs) {
      if (isBreak(c)) {
        this.put('\n');
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          breaks = false;
        }
        this.put(c);
        this.indention = false;
      }
    }
  }
}
