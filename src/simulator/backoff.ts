/**
 * flowcontrol.Backoff as the kubelet uses it (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go):
 * per-key exponential back-off, factor 2, no jitter, capped; an entry expires by a rule the owner picks.
 */
import type { Ms } from './time.js';

interface Entry {
  backoff: Ms;
  lastUpdate: Ms;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly initial: Ms,
    readonly max: Ms,
    /** True when an entry last updated at lastUpdate no longer applies to an event at eventTime. */
    private readonly hasExpired: (eventTime: Ms, lastUpdate: Ms) => boolean,
  ) {}

  /** IsInBackOffSince: is an event at eventTime still inside the back-off window at now? */
  isInBackOffSince(id: string, eventTime: Ms, now: Ms): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return false;
    return now - eventTime < e.backoff;
  }

  /** IsInBackOffSinceUpdate: is now inside the window that started at the last update? */
  isInBackOffSinceUpdate(id: string, now: Ms): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(now, e.lastUpdate)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** Next: start at initial (no entry or expired), else double up to max; remember now. */
  next(id: string, eventTime: Ms, now: Ms): void {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) this.entries.set(id, { backoff: this.initial, lastUpdate: now });
    else {
      e.backoff = Math.min(e.backoff * 2, this.max);
      e.lastUpdate = now;
    }
  }

  /** Get: the current back-off of an entry (0 without one). */
  get(id: string): Ms {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** When the window of an event at eventTime ends (undefined when not backing off). */
  windowEnd(id: string, eventTime: Ms): Ms | undefined {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return undefined;
    return eventTime + e.backoff;
  }

  /** When the window that started at the last update ends. */
  updateWindowEnd(id: string): Ms | undefined {
    const e = this.entries.get(id);
    return e ? e.lastUpdate + e.backoff : undefined;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** GC after a successful pull: drop entries whose window is over long ago (backoff.go GC keeps recent ones). */
  gc(now: Ms): void {
    for (const [k, e] of this.entries) if (this.hasExpired(now, e.lastUpdate)) this.entries.delete(k);
  }
}
