/**
 * Poison items for the bridge's tests: malformed items the emulator plants into the Interaction Event
 * feeds on request (`POST /_emulator/poison`). They are added between the real events, never in their
 * place, so a client that skips them still receives every event exactly once.
 */

/** The kinds of poison item: a non-object, an object with wrong types, an event without ids, an SSE message cut short. */
export const POISON_KINDS = ['not-object', 'wrong-types', 'missing-id', 'invalid-json'] as const;

/** One kind of poison item. */
export type PoisonKind = (typeof POISON_KINDS)[number];

/** Plants requested poison items into feed answers, in request order, and counts what it planted. */
export class PoisonPlanter {
  private pending: PoisonKind[] = [];
  /** Items planted so far, by kind. */
  readonly planted: Record<PoisonKind, number> = {
    'not-object': 0,
    'wrong-types': 0,
    'missing-id': 0,
    'invalid-json': 0,
  };
  private serial = 0;

  /** Queues `count` items of each kind given (cycling through `kinds`). */
  add(count: number, kinds: readonly PoisonKind[] = POISON_KINDS): void {
    for (let i = 0; i < count; i++) this.pending.push(kinds[i % kinds.length] as PoisonKind);
  }

  /** Items waiting for a feed answer. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Drops the queue and the counts. */
  clear(): void {
    this.pending = [];
    this.serial = 0;
    for (const kind of POISON_KINDS) this.planted[kind] = 0;
  }

  /**
   * A long-poll page's events with the waiting items inserted after its first event. A page without
   * events gets none (so a poison item never stands alone in an otherwise empty answer). `invalid-json`
   * cannot be one item of a JSON array: it is served as a string holding cut-short JSON.
   */
  intoPage(events: unknown[]): unknown[] {
    if (this.pending.length === 0 || events.length === 0) return events;
    const items = this.take().map((kind) => this.item(kind));
    return [events[0], ...items, ...events.slice(1)];
  }

  /** SSE `data:` payloads (JSON text) to send after the next real event of a stream. */
  intoStream(): string[] {
    return this.take().map((kind) =>
      kind === 'invalid-json' ? this.cut() : JSON.stringify(this.item(kind)),
    );
  }

  private take(): PoisonKind[] {
    const kinds = this.pending;
    this.pending = [];
    for (const kind of kinds) this.planted[kind] += 1;
    return kinds;
  }

  private cut(): string {
    return `{"eventId":"poison-${++this.serial}","interactionType":"VOI`;
  }

  private item(kind: PoisonKind): unknown {
    const n = ++this.serial;
    if (kind === 'not-object') return `poison-${n}`;
    if (kind === 'wrong-types')
      return { eventId: `poison-${n}`, sessionId: `poison-${n}`, transactionId: { n } };
    if (kind === 'missing-id') return { interactionType: 'VOICE', callEventType: 'CALL_START', poison: n };
    return this.cut();
  }
}
