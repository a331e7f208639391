/** An ASCII picture of each troubled container over the simulated time: pure function of a Trace. */
import { clock, goDuration } from './time.js';
import type { SegmentState, Trace } from './trace.js';

const CHAR: Record<SegmentState, string> = { running: '#', backoff: '.', waiting: '-', terminated: '_', stopping: '#' };
export const TIMELINE_LEGEND = '# running   . crash back-off   - waiting (creating, pulling, image or config error)   _ exited   | restart   (blank: pod not there)';

export function renderTimeline(trace: Trace, width: number): string[] {
  const out: string[] = [];
  const cell = trace.until / width;
  const labels = trace.timeline.map((t) => `${t.pod}/${t.container}`);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  out.push(`  ${' '.repeat(labelWidth)}  ${'0s'.padEnd(width + 1)}${clock(trace.until)}`);
  trace.timeline.forEach((t, i) => {
    const chars: string[] = [];
    for (let x = 0; x < width; x++) {
      const from = x * cell;
      const to = (x + 1) * cell;
      let best: SegmentState | undefined;
      let bestCover = 0;
      for (const s of t.segments) {
        const cover = Math.min(to, s.to === s.from ? s.to + cell : s.to) - Math.max(from, s.from);
        if (cover > bestCover) {
          bestCover = cover;
          best = s.state;
        }
      }
      const restart = t.restarts.some((r) => r.time >= from && r.time < to);
      chars.push(restart ? '|' : best ? CHAR[best] : ' ');
    }
    out.push(`  ${labels[i]!.padEnd(labelWidth)}  [${chars.join('')}]`);
    if (t.restarts.length) {
      const shown = t.restarts.slice(0, 12).map((r) => `${clock(r.time)} (exit ${r.exitCode}, ${goDuration(r.waited)} later)`);
      out.push(`  ${' '.repeat(labelWidth)}  restarts: ${shown.join(', ')}${t.restarts.length > 12 ? `, … ${t.restarts.length} in all` : ''}`);
    }
    const reasons = [...new Set(t.segments.filter((s) => s.state === 'waiting' || s.state === 'backoff').map((s) => s.reason).filter((r) => r && r !== 'ContainerCreating' && r !== 'PodInitializing'))];
    if (reasons.length) out.push(`  ${' '.repeat(labelWidth)}  waiting reasons: ${reasons.join(', ')}`);
  });
  out.push(`  ${TIMELINE_LEGEND}`);
  return out;
}
