/**
 * One defect in the text, one finding. A node that YAML aliases repeat is one place in the text, but the
 * expanded objects hold it many times, so rules report it once per copy (per container, per pod of a
 * List). Those findings locate to the same source range (locate.ts locates an alias at its anchored
 * text): findings of one rule at one range whose messages differ only in list indexes are kept once,
 * the first of them, with how many places it stands for.
 *
 * An object that is the very same value as an earlier one of its document (a List whose items are
 * `*pod`) is not linted again: it counts once more for each of the earlier one's findings. The work of
 * linting follows the text, not its expansion.
 *
 * Only documents that use aliases or merge keys are looked at: elsewhere different pointers never
 * share a range, and plain files pay nothing.
 */
import type { ManifestObject } from '../source/manifests.js';

/** What the engine's raw findings need to have for merging. */
export interface PlaceFinding {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Appended to the message of a finding that stands for several places: ` (N places through YAML aliases)`. */
export function placesSuffix(count: number): string {
  return ` (${count} places through YAML aliases)`;
}

/** `spec.containers[3].ports[0]` and `spec.containers[7].ports[0]` name the same node of the text. */
function withoutIndexes(message: string): string {
  return message.replace(/\[\d+\]/g, '[]');
}

export interface PlaceMerger<F extends PlaceFinding> {
  /**
   * An object is about to be linted. True when it is the same value as an earlier object of its
   * document: its findings would be that one's, so they are counted there and it need not be linted.
   */
  repeats(object: ManifestObject): boolean;
  /** True when `f` is new and should be kept; false when it repeats a kept finding (counted there). */
  admit(list: readonly F[], object: ManifestObject, f: F): boolean;
  /** Write the counts into the kept findings' messages; the merger is empty afterwards. */
  finish(intern: (s: string) => string): void;
}

interface Kept<F> {
  finding: F;
  count: number;
}

export function createPlaceMerger<F extends PlaceFinding>(): PlaceMerger<F> {
  // Per list of findings (one per file): key → the kept finding and how many it stands for.
  const seen = new Map<readonly F[], Map<string, Kept<F>>>();
  // The objects of the current aliased document, by value: the kept findings each one's findings went to.
  let document: unknown;
  let objects = new Map<unknown, Array<Kept<F>>>();
  // The object repeats() was last asked about, and the kept findings its findings went to.
  let current: ManifestObject | undefined;
  let touched: Array<Kept<F>> | undefined;
  return {
    repeats(object) {
      current = object;
      touched = undefined;
      if (!object.document.aliased) return false;
      if (document !== object.document) {
        document = object.document;
        objects = new Map();
      }
      const earlier = objects.get(object.value);
      if (earlier) {
        for (const k of earlier) k.count++;
        return true;
      }
      objects.set(object.value, (touched = []));
      return false;
    },
    admit(list, object, f) {
      if (!object.document.aliased) return true;
      let byKey = seen.get(list);
      if (!byKey) seen.set(list, (byKey = new Map()));
      const key = `${f.line}:${f.column}:${f.endLine}:${f.endColumn}\0${f.ruleId}\0${withoutIndexes(f.message)}`;
      const mine = object === current ? touched : undefined;
      const kept = byKey.get(key);
      if (kept) {
        kept.count++;
        mine?.push(kept);
        return false;
      }
      const k = { finding: f, count: 1 };
      byKey.set(key, k);
      mine?.push(k);
      return true;
    },
    finish(intern) {
      for (const byKey of seen.values()) {
        for (const { finding, count } of byKey.values()) if (count > 1) finding.message = intern(finding.message + placesSuffix(count));
      }
      seen.clear();
      objects = new Map();
      document = undefined;
      current = undefined;
      touched = undefined;
    },
  };
}
