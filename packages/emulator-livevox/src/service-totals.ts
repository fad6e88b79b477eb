import { dayNumber } from './ids.js';
import { SERVICES } from './model.js';

/** What happened on one service today (durations in ms). */
export interface ServiceDayTotals {
  offered: number;
  handled: number;
  abandoned: number;
  answeredWithinSla: number;
  abandonedWithinSla: number;
  speedOfAnswerMs: number;
  abandonWaitMs: number;
  talkMs: number;
  talked: number;
  wrapMs: number;
  wrapped: number;
}

const BUCKET_MS = 5 * 60_000;
const KEEP_BUCKETS_MS = 2 * 60 * 60_000;

function empty(): ServiceDayTotals {
  return {
    offered: 0,
    handled: 0,
    abandoned: 0,
    answeredWithinSla: 0,
    abandonedWithinSla: 0,
    speedOfAnswerMs: 0,
    abandonWaitMs: 0,
    talkMs: 0,
    talked: 0,
    wrapMs: 0,
    wrapped: 0,
  };
}

/**
 * Today's counters per service (reset when the contact center's day changes; events of an earlier
 * day are not counted) and live right-party connects in 5-minute buckets.
 */
export class ServiceTotalsBook {
  private day = Number.NEGATIVE_INFINITY;
  private totals: ServiceDayTotals[] = SERVICES.map(empty);
  private readonly connects: Array<Map<number, number>> = SERVICES.map(() => new Map());

  /** The totals of `service` for the day of `time`, or undefined when `time` is on an earlier day. */
  at(service: number, time: number, offsetMinutes: number): ServiceDayTotals | undefined {
    const day = dayNumber(time, offsetMinutes);
    if (day < this.day) return undefined;
    if (day > this.day) {
      this.day = day;
      this.totals = SERVICES.map(empty);
    }
    return this.totals[service];
  }

  /** Today's totals of `service` as of `now` (zeros when nothing happened today). */
  today(service: number, now: number, offsetMinutes: number): ServiceDayTotals {
    return dayNumber(now, offsetMinutes) === this.day
      ? { ...(this.totals[service] as ServiceDayTotals) }
      : empty();
  }

  /** Counts a live (right-party) connect of `service` at `time`. */
  countConnect(service: number, time: number): void {
    const buckets = this.connects[service] as Map<number, number>;
    const bucket = Math.floor(time / BUCKET_MS) * BUCKET_MS;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    if (buckets.size > 64) {
      for (const key of buckets.keys()) if (key < bucket - KEEP_BUCKETS_MS) buckets.delete(key);
    }
  }

  /** Connects of the given services in the six 5-minute intervals ending at `now`, oldest first. */
  liveConnects(services: number[], now: number): Array<{ total: number; timeStamp: number }> {
    const out: Array<{ total: number; timeStamp: number }> = [];
    const current = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    for (let k = 5; k >= 0; k--) {
      const bucket = current - k * BUCKET_MS;
      let total = 0;
      for (const service of services)
        total += (this.connects[service] as Map<number, number>).get(bucket) ?? 0;
      out.push({ total, timeStamp: Math.min(now, bucket + BUCKET_MS) });
    }
    return out;
  }

  /** Forgets everything. */
  clear(): void {
    this.day = Number.NEGATIVE_INFINITY;
    this.totals = SERVICES.map(empty);
    for (const buckets of this.connects) buckets.clear();
  }
}
