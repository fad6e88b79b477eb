import { Column } from './columns.js';
import type { EventKind } from './model.js';

/** A batch read from a log: the positions to serve and where the next read starts. */
export interface LogSlice {
  positions: number[];
  next: number;
}

/** Longest stretch a filtered read scans before answering (it then resumes from there). */
const MAX_SCAN = 2_000_000;

/**
 * The part every append-only event log shares: positions, a generation number (bumped on reset so
 * old tokens are recognised), append-time marks (to find the oldest retained event) and a
 * coalesced "new events" signal for long polls and streams.
 */
export abstract class AppendLog {
  /** Events appended so far (positions 0 … length-1). */
  length = 0;
  /** Bumped by `clear()`; tokens carry it. */
  generation = 0;
  private marks: Array<{ position: number; at: number }> = [];
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;

  /** Calls `listener` (once per burst of appends, asynchronously) when events were appended. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Up to `count` positions from `from` on. With `accept`, scans forward (never the whole log) and
   * keeps only accepted positions; `next` is where the scan stopped.
   */
  read(from: number, count: number, accept?: (position: number) => boolean): LogSlice {
    const start = Math.max(0, Math.min(from, this.length));
    const positions: number[] = [];
    if (!accept) {
      const end = Math.min(this.length, start + count);
      for (let p = start; p < end; p++) positions.push(p);
      return { positions, next: end };
    }
    const limit = Math.min(this.length, start + MAX_SCAN);
    let p = start;
    for (; p < limit && positions.length < count; p++) if (accept(p)) positions.push(p);
    return { positions, next: p };
  }

  /** The first position appended at or after `since` (emulator clock), for a start at the oldest retained event. */
  firstAppendedSince(since: number): number {
    let low = 0;
    let high = this.marks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.marks[mid] as { at: number }).at < since) low = mid + 1;
      else high = mid;
    }
    return low < this.marks.length ? (this.marks[low] as { position: number }).position : this.length;
  }

  /** Drops every event and starts a new generation. */
  clear(): void {
    this.length = 0;
    this.generation = (this.generation + 1) & 0xfff;
    this.marks = [];
    this.clearColumns();
  }

  /** Bookkeeping of one append; subclasses call it with the position they wrote. */
  protected appended(position: number, now: number): void {
    const last = this.marks[this.marks.length - 1];
    if (!last || now - last.at >= 1000) this.marks.push({ position, at: now });
    if (this.notifyScheduled || this.listeners.size === 0) return;
    this.notifyScheduled = true;
    setImmediate(() => {
      this.notifyScheduled = false;
      for (const listener of [...this.listeners]) listener();
    });
  }

  protected abstract clearColumns(): void;
}

/** The interaction event log: voice call events, SMS and email attempts. */
export class InteractionEventLog extends AppendLog {
  private readonly interaction = new Column(Int32Array);
  private readonly kind = new Column(Uint8Array);
  private readonly time = new Column(Float64Array);

  /** Appends an event of `interaction` that happened at `time`; `now` is the emulator clock. */
  append(interaction: number, kind: EventKind, time: number, now: number): number {
    const position = this.length++;
    this.interaction.set(position, interaction);
    this.kind.set(position, kind);
    this.time.set(position, time);
    this.appended(position, now);
    return position;
  }

  interactionAt(position: number): number {
    return this.interaction.get(position);
  }
  kindAt(position: number): EventKind {
    return this.kind.get(position);
  }
  timeAt(position: number): number {
    return this.time.get(position);
  }

  protected clearColumns(): void {
    this.interaction.clear();
    this.kind.clear();
    this.time.clear();
  }
}

/** One agent event as appended. */
export interface AgentEventInput {
  agent: number;
  state: number;
  reason: number;
  time: number;
  /** Interaction row of the call the event belongs to, or -1. */
  call: number;
  seq: number;
  /** Service index the agent is logged into. */
  service: number;
}

/** The agent event log: every agent state change. */
export class AgentEventLog extends AppendLog {
  private readonly agent = new Column(Int32Array);
  private readonly state = new Column(Uint8Array);
  private readonly reason = new Column(Uint8Array);
  private readonly time = new Column(Float64Array);
  private readonly call = new Column(Int32Array);
  private readonly seq = new Column(Uint32Array);
  private readonly service = new Column(Uint8Array);

  /** Appends one agent event; `now` is the emulator clock. */
  append(event: AgentEventInput, now: number): number {
    const position = this.length++;
    this.agent.set(position, event.agent);
    this.state.set(position, event.state);
    this.reason.set(position, event.reason);
    this.time.set(position, event.time);
    this.call.set(position, event.call);
    this.seq.set(position, event.seq);
    this.service.set(position, event.service);
    this.appended(position, now);
    return position;
  }

  /** The event at `position`. */
  at(position: number): AgentEventInput {
    return {
      agent: this.agent.get(position),
      state: this.state.get(position),
      reason: this.reason.get(position),
      time: this.time.get(position),
      call: this.call.get(position),
      seq: this.seq.get(position),
      service: this.service.get(position),
    };
  }

  protected clearColumns(): void {
    for (const column of [this.agent, this.state, this.reason, this.time, this.call, this.seq, this.service])
      column.clear();
  }
}
