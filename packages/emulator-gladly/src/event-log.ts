import { entityOf, type GladlyEvent } from './model.js';

interface Stored {
  at: number;
  entity: string;
  event: GladlyEvent;
}

/** The events of the organisation in timestamp order, as the Events API reads them. */
export class EventLog {
  private events: Stored[] = [];

  /** Appends an event; events come in non-decreasing timestamp order (the simulation guarantees it). */
  append(event: GladlyEvent, at: number): void {
    const last = this.events[this.events.length - 1];
    const stored = { at, entity: entityOf(event.type), event };
    if (!last || last.at <= at) {
      this.events.push(stored);
      return;
    }
    // Defensive: keep the order even if a caller appends an earlier event.
    this.events.splice(this.indexAtOrAfter(at + 1), 0, stored);
  }

  /** Events with `startAt <= timestamp < endAt` of the given entities, oldest first. */
  *range(startAt: number, endAt: number, entities: ReadonlySet<string>): Generator<GladlyEvent> {
    for (let i = this.indexAtOrAfter(startAt); i < this.events.length; i++) {
      const stored = this.events[i]!;
      if (stored.at >= endAt) return;
      if (entities.has(stored.entity)) yield stored.event;
    }
  }

  /** Every event, oldest first. */
  all(): GladlyEvent[] {
    return this.events.map((stored) => stored.event);
  }

  /** How many events are kept. */
  get size(): number {
    return this.events.length;
  }

  /** Drops events older than `before` (they can no longer be asked for). */
  prune(before: number): void {
    const keepFrom = this.indexAtOrAfter(before);
    if (keepFrom > 0) this.events = this.events.slice(keepFrom);
  }

  /** Forgets every event. */
  clear(): void {
    this.events = [];
  }

  private indexAtOrAfter(at: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.events[mid]!.at < at) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
