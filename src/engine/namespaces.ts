/**
 * The Namespace objects of a run, found before the run lints anything: only the documents whose text
 * mentions `Namespace` are parsed (a few, in a large run), so the pass costs a text search.
 */
import { documentStarts, parseDocuments } from '../source/yaml.js';
import { lastAtOrBefore } from '../source/lines.js';
import { isRecord } from '../k8s/podspec.js';
import { PSA_LABEL_PREFIX } from '../k8s/pod-security.js';

const NEEDLE = 'Namespace';

/** Namespace name → its pod-security.kubernetes.io/* labels (string values), for every v1 Namespace of the inputs; a later one wins. */
export function collectNamespaceLabels(inputs: ReadonlyArray<{ text?: string }>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const input of inputs) {
    const raw = input.text;
    if (raw === undefined || !raw.includes(NEEDLE)) continue;
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const starts = documentStarts(text);
    const wanted = new Set<number>();
    for (let at = text.indexOf(NEEDLE); at >= 0; at = text.indexOf(NEEDLE, at + NEEDLE.length)) {
      wanted.add(lastAtOrBefore(starts, at));
    }
    for (const d of [...wanted].sort((a, b) => a - b)) {
      const slice = text.slice(starts[d]!, d + 1 < starts.length ? starts[d + 1]! : text.length);
      let docs;
      try {
        docs = parseDocuments(slice, starts[d]!);
      } catch {
        continue; // the lint run reports what does not parse
      }
      for (const doc of docs) visit(doc.value, out);
    }
  }
  return out;
}

function visit(value: unknown, out: Map<string, Record<string, string>>): void {
  if (!isRecord(value)) return;
  if (value.kind === 'List' && Array.isArray(value.items)) {
    for (const item of value.items) visit(item, out);
    return;
  }
  if (value.kind !== 'Namespace' || value.apiVersion !== 'v1' || !isRecord(value.metadata)) return;
  const name = value.metadata.name;
  if (typeof name !== 'string' || !name) return;
  const labels: Record<string, string> = {};
  if (isRecord(value.metadata.labels)) {
    for (const [k, v] of Object.entries(value.metadata.labels)) if (k.startsWith(PSA_LABEL_PREFIX) && typeof v === 'string') labels[k] = v;
  }
  out.set(name, labels);
}
