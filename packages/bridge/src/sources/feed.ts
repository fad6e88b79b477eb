import type { BridgeStore, EventInput } from '../store/types.js';

/** A malformed item of a feed answer, as the client reported it: its raw text and why it is not an event. */
export interface PoisonItem {
  raw: string;
  reason: string;
}

/**
 * A batch of feed events and the token that covers them. `poison` holds the items that were not
 * readable events; the token already points past them.
 */
export interface FeedBatch {
  events: Array<Record<string, unknown>>;
  token: string;
  poison?: PoisonItem[];
}

/** Where a feed's events come from (the LiveVox Interaction and Agent Event Feeds). */
export interface EventSource {
  /** Batches from `token` (or from now when undefined), until `signal` aborts. */
  batches(token: string | undefined, signal: AbortSignal): AsyncIterable<FeedBatch>;
  /** True when an error means the saved token is too old to resume from. */
  isTokenExpired(error: unknown): boolean;
  /** The source's own time of an event (epoch ms), when it has one: gaps are measured in it. */
  eventTime?(event: Record<string, unknown>): number | undefined;
  /**
   * Fills a gap the feed no longer covers (`[from, to)` in the source's time) into `store`, from the
   * source's history. Called once the feed restarted after an expired token and gave its first events.
   */
  closeGap?(store: BridgeStore, gap: { from: number; to: number }, signal: AbortSignal): Promise<unknown>;
}

/** A gap closed by {@link EventSource.closeGap}, as the source stage reports it. */
export interface ClosedGapInfo {
  /** The last stored event's time and the restarted feed's first event time (source's clock, epoch ms). */
  from: number;
  to: number;
  /** What `closeGap` returned (counts). */
  result: unknown;
}

/** What the source reports to metrics and logs. */
export interface SourceEvents {
  /** A batch was stored and the token saved. */
  stored(batch: { received: number; inserted: number; duplicates: number; invalid: number }): void;
  /** The saved token was older than the feed keeps (24 h): the feed restarts from now. */
  tokenExpired(info: {
    savedAt: number | undefined;
    /**
     * Since the position was saved: on the monotonic clock when this process saved it, else (saved
     * before a restart) by the wall clock. The gap in the source's own time is `gapClosed`'s.
     */
    gapMs: number | undefined;
    /** The last stored event's time in the source's clock (sources with `eventTime`). */
    lastEventAt?: number;
  }): void;
  /** A gap past the token's age was filled from the source's history. */
  gapClosed?(info: ClosedGapInfo): void;
  error(error: unknown): void;
}

/**
 * The source stage: reads the feed from the saved token and stores each batch of events together
 * with the token that covers it, in one transaction. The token is therefore never saved before the
 * events it covers are durable, and a restart resumes exactly after the last stored batch. Events are
 * deduplicated by eventId; an event without an eventId, and each poison item of a batch (with its raw
 * text), is dead-lettered with the reason and the rest flows on, so one bad item never stops the feed.
 * Poison items are dead-lettered before the token moves past them: a failure in between reads the
 * batch again, so such an item may be dead-lettered twice but is never lost.
 *
 * A source with `eventTime` has its newest stored event time saved beside the token. When the token
 * expires, that time is kept as the gap's start (in the store, so a crash does not forget the gap);
 * the feed restarts from now and, with its first events (the source's current time), a source with
 * `closeGap` fills the gap from its history before the gap's note is cleared.
 */
export async function runSource(
  stream: string,
  store: BridgeStore,
  source: EventSource,
  events: SourceEvents,
  signal: AbortSignal,
  onStored: () => void,
): Promise<void> {
  let backoffMs = 500;
  const lastEventStream = `${stream}:last-event-at`;
  const gapStream = `${stream}:gap-from`;
  const timed = source.eventTime !== undefined;
  let lastEventAt = timed
    ? Number((await store.getCheckpoint(lastEventStream))?.token ?? Number.NaN)
    : Number.NaN;
  let gapFrom = timed ? Number((await store.getCheckpoint(gapStream))?.token ?? Number.NaN) : Number.NaN;
  /** Monotonic time this process last saved a position (a wall-clock step must not fake or hide a gap). */
  let positionedAt: number | undefined;
  while (!signal.aborted) {
    const checkpoint = await store.getCheckpoint(stream);
    try {
      for await (const batch of source.batches(checkpoint?.token, signal)) {
        const valid: EventInput[] = [];
        let invalid = 0;
        for (const item of batch.poison ?? []) {
          await store.deadLetter({
            stage: 'source',
            reason: `${stream}: poison item: ${item.reason}`,
            payload: item.raw,
          });
          invalid += 1;
        }
        for (const event of batch.events) {
          const eventId = event?.eventId;
          if (typeof event !== 'object' || event === null || Array.isArray(event)) {
            await store.deadLetter({
              stage: 'source',
              reason: `${stream}: poison item: not an object`,
              payload: rawText(event),
            });
            invalid += 1;
          } else if (typeof eventId !== 'string' || eventId === '') {
            await store.deadLetter({
              stage: 'source',
              reason: 'eventId: is missing, so the event cannot be deduplicated',
              payload: event,
            });
            invalid += 1;
          } else {
            valid.push({ eventId, payload: event });
          }
        }
        const times = timed
          ? valid
              .map((e) => source.eventTime!(e.payload))
              .filter((t): t is number => t !== undefined && Number.isFinite(t))
          : [];
        if (times.length > 0 && Number.isFinite(gapFrom) && source.closeGap) {
          // Before this batch is stored, so the assembler cannot meet its calls half-filled from history.
          const gap = { from: gapFrom, to: Math.min(...times) };
          const result = await source.closeGap(store, gap, signal);
          await store.clearCheckpoint(gapStream);
          gapFrom = Number.NaN;
          events.gapClosed?.({ ...gap, result });
        }
        // A poison-only SSE batch before the first good event has no position ('') to save. An empty
        // answer is saved too: its token is a new one (LiveVox's carry their issue time, and their age is
        // what expires at 24 h), and `voxbridge_checkpoint_age_seconds` (feed stalled) counts on it.
        const token = batch.token === '' ? undefined : batch.token;
        const { inserted, duplicates } = await store.appendEvents(stream, valid, token);
        if (token !== undefined) positionedAt = performance.now();
        events.stored({
          received: batch.events.length + (batch.poison?.length ?? 0),
          inserted,
          duplicates,
          invalid,
        });
        if (inserted > 0) onStored();
        if (times.length > 0) {
          const newest = Math.max(...times);
          if (!(newest <= lastEventAt)) {
            await store.appendEvents(lastEventStream, [], String(newest));
            lastEventAt = newest;
          }
        }
        backoffMs = 500;
      }
    } catch (error) {
      if (signal.aborted) return;
      if (source.isTokenExpired(error)) {
        const savedAt = checkpoint?.updatedAt;
        events.tokenExpired({
          savedAt,
          gapMs:
            positionedAt !== undefined
              ? performance.now() - positionedAt
              : savedAt === undefined
                ? undefined
                : Date.now() - savedAt, // saved by an earlier process: its wall-clock time is all there is
          ...(Number.isFinite(lastEventAt) ? { lastEventAt } : {}),
        });
        // The gap starts at the last stored event; kept until a restarted feed lets it be closed.
        if (timed && source.closeGap && Number.isFinite(lastEventAt) && !Number.isFinite(gapFrom)) {
          await store.appendEvents(gapStream, [], String(lastEventAt));
          gapFrom = lastEventAt;
        }
        await store.clearCheckpoint(stream);
        continue;
      }
      events.error(error);
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      backoffMs = Math.min(30_000, backoffMs * 2);
    }
  }
}

/** An item's text for the dead-letter store (JSON where it can be, else its string form). */
function rawText(item: unknown): string {
  try {
    return JSON.stringify(item) ?? String(item);
  } catch {
    return String(item);
  }
}
