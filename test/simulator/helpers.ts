import { parseManifestText } from '../../src/source/manifests.js';
import { simulate, type SimulateOptions } from '../../src/simulator/simulate.js';
import type { SimInput } from '../../src/simulator/objects.js';
import type { Trace } from '../../src/simulator/trace.js';

export function inputs(yaml: string, file = 'test.yaml'): SimInput[] {
  const m = parseManifestText(yaml, file);
  return m.objects.map((o) => ({ value: o.value, file, line: m.locate(o, '').line }));
}

export function run(yaml: string, options: SimulateOptions = {}): Trace {
  return simulate(inputs(yaml), options);
}

/** Times (s) of the events of a pod with this reason. */
export function eventTimes(trace: Trace, reason: string, object?: string): number[] {
  return trace.events.filter((e) => e.reason === reason && (!object || e.object === object)).map((e) => e.time / 1000);
}

/** Watch rows of a pod as "t STATUS READY RESTARTS". */
export function statuses(trace: Trace, name: string): string[] {
  return trace.watch.filter((w) => w.name === name).map((w) => `${w.time / 1000} ${w.status} ${w.ready} ${w.restarts.replace(/ \(.*\)/, '')}${w.event === 'DELETED' ? ' deleted' : ''}`);
}

export const s = (n: number) => n * 1000;
