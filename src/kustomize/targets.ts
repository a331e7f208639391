/**
 * Which resources a patch or replacement target selects, as kustomize decides (api/resmap/reswrangler.go
 * Select, api/types/selector.go SelectorRegex): group, version, kind, name and namespace are regular
 * expressions matched whole (an empty one matches anything); the name and the namespace may match the
 * resource's original id (before namePrefix/nameSuffix/namespace changed it) or its current one; an unset
 * namespace means `default` for namespaced kinds; labelSelector and annotationSelector use Kubernetes'
 * label selector syntax (apimachinery pkg/labels/selector.go).
 */
import { KustomizeError, resIdOf, type ResId, type Resource } from './resource.js';
import { comparableNamespace as namespaceOf } from './fieldspecs.js';

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** Go regexp/syntax's wording for the errors JavaScript also finds (its ErrorCode strings). */
const GO_REGEXP_ERRORS: Array<[RegExp, string]> = [
  [/Unterminated group/i, 'missing closing )'],
  [/Unmatched '\)'/i, 'unexpected )'],
  [/Unterminated character class/i, 'missing closing ]'],
  [/Nothing to repeat/i, 'missing argument to repetition operator'],
];

/** api/types/selector.go anchorRegex + regexp.Compile: a whole-string match, or undefined for an empty pattern. */
function anchored(pattern: string | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  const source = `^(?:${pattern})$`;
  try {
    return new RegExp(source, 'u');
  } catch (e) {
    const js = (e as Error).message;
    const reason = GO_REGEXP_ERRORS.find(([re]) => re.test(js))?.[1] ?? js.replace(/^Invalid regular expression: \/.*\/u?: /, '');
    throw new KustomizeError(`error parsing regexp: ${reason}: \`${source}\``);
  }
}

type Operator = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

/** apimachinery labels.Parse: a comma-separated list of requirements. */
export function parseSelector(selector: string): Requirement[] {
  const tokens = lex(selector);
  const out: Requirement[] = [];
  let i = 0;
  const fail = (msg: string, prefix = true): never => {
    throw new KustomizeError(prefix ? `unable to parse requirement: ${msg}` : msg);
  };
  const peek = () => tokens[i];
  while (i < tokens.length) {
    let t = tokens[i++]!;
    if (t.kind === 'op' && t.text === '!') {
      const key = tokens[i++];
      if (!key || key.kind !== 'id') fail(`found '${key?.text ?? ''}', expected: identifier`);
      out.push({ key: key!.text, op: '!', values: [] });
    } else {
      if (t.kind !== 'id') fail(`found '${t.text}', expected: !, identifier, or 'end of string'`);
      const key = t.text;
      const next = peek();
      if (!next || (next.kind === 'op' && next.text === ',')) out.push({ key, op: 'exists', values: [] });
      else {
        i++;
        if (next.kind === 'id' && (next.text === 'in' || next.text === 'notin')) {
          const open = tokens[i++];
          if (!open || open.text !== '(') fail(`found '${open?.text ?? ''}' expected: '('`);
          const values: string[] = [];
          for (;;) {
            const v = tokens[i++];
            if (!v) fail(`found '', expected: ',', ')' or identifier`);
            if (v!.text === ')') break;
            if (v!.text === ',') {
              values.push('');
              continue;
            }
            if (v!.kind !== 'id') fail(`found '${v!.text}', expected: ',', ')' or identifier`);
            values.push(v!.text);
            const sep = tokens[i++];
            if (!sep) fail(`found '', expected: ',' or ')'`);
            if (sep!.text === ')') break;
            if (sep!.text !== ',') fail(`found '${sep!.text}', expected: ',' or ')'`);
          }
          out.push({ key, op: next.text as Operator, values });
        } else if (next.kind === 'op' && ['=', '==', '!=', '>', '<'].includes(next.text)) {
          const v = peek();
          let value = '';
          if (v && v.kind === 'id') {
            value = v.text;
            i++;
          }
          const op: Operator = next.text === '!=' ? '!=' : next.text === '>' ? 'gt' : next.text === '<' ? 'lt' : '=';
          if ((op === 'gt' || op === 'lt') && !/^[+-]?\d+$/.test(value)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
          out.push({ key, op, values: [value] });
        } else fail(`found '${next.text}', expected: '=', '!=', '==', 'in', notin'`);
      }
    }
    t = tokens[i] ?? { kind: 'op', text: '' };
    if (i < tokens.length) {
      if (t.text !== ',') fail(`found '${t.text}', expected: ',' or 'end of string'`);
      i++;
      if (i >= tokens.length) fail(`found '', expected: identifier after ','`, false);
    }
  }
  return out;
}

function lex(s: string): Array<{ kind: 'id' | 'op'; text: string }> {
  const out: Array<{ kind: 'id' | 'op'; text: string }> = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '==' || two === '!=') {
      out.push({ kind: 'op', text: two });
      i += 2;
      continue;
    }
    if ('=!(),<>'.includes(c)) {
      out.push({ kind: 'op', text: c });
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!) && !'=!(),<>'.includes(s[j]!)) j++;
    out.push({ kind: 'id', text: s.slice(i, j) });
    i = j;
  }
  return out;
}

function matches(reqs: Requirement[], labels: Record<string, unknown>): boolean {
  return reqs.every((r) => {
    const present = Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = present ? String(labels[r.key]) : undefined;
    switch (r.op) {
      case 'exists':
        return present;
      case '!':
        return !present;
      case '=':
      case 'in':
        return present && r.values.includes(value!);
      case '!=':
      case 'notin':
        return !present || !r.values.includes(value!);
      case 'gt':
        return present && /^[+-]?\d+$/.test(value!) && Number(value) > Number(r.values[0]);
      case 'lt':
        return present && /^[+-]?\d+$/.test(value!) && Number(value) < Number(r.values[0]);
    }
    return false;
  });
}


/** Whether a label (or annotation) map satisfies a selector in Kubernetes' syntax ('' selects everything). */
export function selectorMatches(selector: string, map: unknown): boolean {
  return !selector || matches(parseSelector(selector), stringMap(map));
}

function stringMap(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A compiled target: tests one resource. */
export function targetMatcher(target: PatchTarget): (r: Resource) => boolean {
  const group = anchored(target.group);
  const version = anchored(target.version);
  const kind = anchored(target.kind);
  const name = anchored(target.name);
  const namespace = anchored(target.namespace);
  const labels = target.labelSelector ? parseSelector(target.labelSelector) : [];
  const annotations = target.annotationSelector ? parseSelector(target.annotationSelector) : [];
  return (r) => {
    const cur: ResId = resIdOf(r.object);
    const org: ResId = r.previousIds[0] ?? cur;
    if (namespace && !namespace.test(namespaceOf(org)) && !namespace.test(namespaceOf(cur))) return false;
    if (name && !name.test(org.name) && !name.test(cur.name)) return false;
    if (group && !group.test(cur.group)) return false;
    if (version && !version.test(cur.version)) return false;
    if (kind && !kind.test(cur.kind)) return false;
    const md = stringMap(r.object.metadata);
    if (labels.length && !matches(labels, stringMap(md.labels))) return false;
    if (annotations.length && !matches(annotations, stringMap(md.annotations))) return false;
    return true;
  };
}

/** The resources `target` selects, in build order. */
export function selectTargets(resources: Resource[], target: PatchTarget): Resource[] {
  const test = targetMatcher(target);
  return resources.filter(test);
}
