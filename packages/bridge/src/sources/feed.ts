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
}

/** What the source reports to metrics and logs. */
export interface SourceEvents {
  /** A batch was stored and the token saved. */
  stored(batch: { received: number; inserted: number; duplicates: number; invalid: number }): void;
  /** The saved token was older than the feed keeps (24 h): the feed restarts from now. */
  tokenExpired(info: { savedAt: number | undefined; gapMs: number | undefined }): void;
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
        // A poison-only SSE batch before the first good event has no position ('') to save.
        const token = batch.token === '' ? undefined : batch.token;
        const { inserted, duplicates } = await store.appendEvents(stream, valid, token);
        events.stored({
          received: batch.events.length + (batch.poison?.length ?? 0),
          inserted,
          duplicates,
          invalid,
        });
        if (inserted > 0) onStored();
        backoffMs = 500;
      }
    } catch (error) {
      if (signal.aborted) return;
      if (source.isTokenExpired(error)) {
        const savedAt = checkpoint?.updatedAt;
        events.tokenExpired({ savedAt, gapMs: savedAt === undefined ? undefined : Date.now() - savedAt });
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
