import type { StoredEvent } from './types.js';

/** Events kept per stream: about two of the assembler's reads (2,000 events each would be more memory). */
const KEPT_PER_STREAM = 3_000;

/**
 * The events this process appended lately, as the objects it appended, so that the reader after a
 * cursor (the assembler, moments later) gets them without a query, an inflate and a parse each.
 *
 * It answers only when it is sure to hold every event of the stream after the position asked for, up to
 * the newest it knows: its events are those this process inserted, and `seq` is the table's rowid, given
 * in order. An insert by anyone else (a `dlq retry` from another process, say) takes a seq between two of
 * ours; the next append then sees its first seq is not the one after the last it knew, and everything
 * kept before is dropped. An answer may stop short of the newest row (another process's event after
 * ours): the next read, finding nothing kept past it, asks the table.
 */
export class RecentEvents {
  private readonly byStream = new Map<string, StoredEvent[]>();
  /** Highest seq evicted per stream: a position before it may miss events. */
  private readonly evictedThrough = new Map<string, number>();
  /** Every event inserted from this seq on (all streams) was inserted by this process and kept. */
  private keptFrom = Number.POSITIVE_INFINITY;
  /** The highest seq this process inserted. */
  private newest: number | undefined;

  /** Keeps events just committed (in seq order); call only after their transaction committed. */
  remember(stream: string, events: StoredEvent[]): void {
    if (events.length === 0) return;
    const first = events[0]!.seq;
    if (this.newest === undefined || first !== this.newest + 1) this.forgetAll(first);
    this.newest = events[events.length - 1]!.seq;
    let kept = this.byStream.get(stream);
    if (!kept) {
      kept = [];
      this.byStream.set(stream, kept);
    }
    for (const event of events) kept.push(event);
    if (kept.length > KEPT_PER_STREAM) {
      const dropped = kept.splice(0, kept.length - KEPT_PER_STREAM);
      this.evictedThrough.set(stream, dropped[dropped.length - 1]!.seq);
    }
  }

  /**
   * Up to `limit` events of `stream` after `seq`, or undefined when the table must be asked (events
   * there may not be kept here, or none kept is after `seq`).
   */
  after(stream: string, seq: number, limit: number): StoredEvent[] | undefined {
    if (seq < this.keptFrom - 1 || seq < (this.evictedThrough.get(stream) ?? 0)) return undefined;
    const kept = this.byStream.get(stream);
    if (!kept || kept.length === 0 || kept[kept.length - 1]!.seq <= seq) return undefined;
    // Drop what every reader has passed: the stream has one reader (its consumer's cursor).
    let start = 0;
    while (start < kept.length && kept[start]!.seq <= seq) start++;
    if (start > 0) {
      this.evictedThrough.set(stream, kept[start - 1]!.seq);
      kept.splice(0, start);
    }
    return kept.slice(0, limit);
  }

  /** Forgets everything (a foreign insert, a prune); events are kept again from `seq` on. */
  forgetAll(seq = Number.POSITIVE_INFINITY): void {
    this.byStream.clear();
    this.evictedThrough.clear();
    this.keptFrom = seq;
    if (seq === Number.POSITIVE_INFINITY) this.newest = undefined;
  }
}

/**
 * What `JSON.parse(JSON.stringify(payload))` gives, made without the text round trip, for a flat
 * payload (the feeds' events: strings, numbers, booleans, nulls, Dates, absent values); undefined for
 * anything else (nested objects, arrays), which the caller then parses from its text. A reader then gets
 * the same object whether the event came from here or from the table.
 */
export function jsonShape(payload: Record<string, unknown>): Record<string, unknown> | undefined {
  if (typeof payload.toJSON === 'function') return undefined;
  const out: Record<string, unknown> = {};
  for (const key in payload) {
    if (!Object.hasOwn(payload, key)) continue;
    // Assigning `__proto__` would set the prototype, where JSON.parse makes an own property.
    if (key === '__proto__') return undefined;
    const value = payload[key];
    switch (typeof value) {
      case 'string':
      case 'boolean':
        out[key] = value;
        break;
      case 'number':
        // JSON writes -0 as 0, and non-finite numbers as null.
        out[key] = Number.isFinite(value) ? value + 0 : null;
        break;
      case 'undefined':
      case 'function':
      case 'symbol':
        break;
      case 'object':
        if (value === null) out[key] = null;
        else if (value instanceof Date) out[key] = Number.isNaN(value.getTime()) ? null : value.toISOString();
        else return undefined;
        break;
      default:
        return undefined; // bigint: JSON.stringify would have thrown before this
    }
  }
  return out;
}
