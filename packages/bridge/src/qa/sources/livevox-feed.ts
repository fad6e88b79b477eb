import type { LiveVox } from '@voxbridge/livevox';
import { TokenExpiredError } from '@voxbridge/livevox';
import type { BridgeConfig } from '../../config/schema.js';
import type { EventSource, FeedBatch, PoisonItem } from '../../sources/feed.js';
import type { BridgeStore } from '../../store/types.js';
import { backfill, type ClosedGap, noteGapClosed } from './history.js';

/** The LiveVox Interaction Event Feed as the pipeline's source, over long-poll or SSE. */
export class LiveVoxInteractionSource implements EventSource {
  constructor(
    private readonly livevox: LiveVox,
    private readonly feed: BridgeConfig['livevox']['feed'],
    /** The connection the gap-fill rows belong to (absent: `default`). */
    private readonly connection?: string,
  ) {}

  async *batches(token: string | undefined, signal: AbortSignal): AsyncIterable<FeedBatch> {
    const filter = {
      interactionType: this.feed.filter.interactionType,
      service: this.feed.filter.service,
      callCenter: this.feed.filter.callCenter,
    };
    const events = this.livevox.realtime.interactionEvents;
    let position = token;
    if (this.feed.transport === 'sse' && position === undefined) {
      // An SSE stream has no position until its first event, so a crash before then could lose
      // events. Take the first position from one long-poll request and stream from its token.
      for await (const first of events.feed({ signal, count: this.feed.count, filter })) {
        position = first.token;
        yield toBatch(first);
        break;
      }
    }
    const options = { token: position, signal, count: this.feed.count, filter };
    for await (const batch of this.feed.transport === 'sse' ? events.stream(options) : events.feed(options))
      yield toBatch(batch);
  }

  isTokenExpired(error: unknown): boolean {
    return error instanceof TokenExpiredError;
  }

  /** An event's LiveVox time: its `timestamp` (or its start), so gaps are measured in LiveVox's clock. */
  eventTime(event: Record<string, unknown>): number | undefined {
    return toMs(event.timestamp) ?? toMs(event.start);
  }

  /**
   * Fills a gap past the feed's 24 hours from the Call Event Recovery report, under the feed's filter.
   * The report lists calls by start time, so the period reaches back to the start of the oldest call
   * the store still assembles (it began before the gap and ended in it), and a minute more. The closed
   * gap is noted in the store (`lastClosedGap`) for `voxbridge status`.
   */
  async closeGap(
    store: BridgeStore,
    gap: { from: number; to: number },
    signal: AbortSignal,
  ): Promise<ClosedGap> {
    const { filter } = this.feed;
    let from = gap.from;
    for (const row of await store.staleAssembling(Number.MAX_SAFE_INTEGER, 10_000))
      for (const event of row.events) from = Math.min(from, toMs(event.start) ?? from);
    const result = await backfill(store, this.livevox, {
      from: from - 60_000,
      to: gap.to,
      cutAt: gap.to,
      signal,
      ...(this.connection ? { connection: this.connection } : {}),
      ...(filter.service?.length ? { service: filter.service.map(String) } : {}),
      ...(filter.interactionType?.length ? { interactionTypes: filter.interactionType.map(String) } : {}),
    });
    // The gap itself (not the widened period read) is what `status` and the log report.
    const closed: ClosedGap = {
      ...result,
      gapHours: +((gap.to - gap.from) / 3_600_000).toFixed(2),
      closedAt: new Date().toISOString(),
    };
    await noteGapClosed(store, closed);
    return closed;
  }
}

/** Epoch ms of an ISO text, an epoch number or a Date; undefined otherwise. */
function toMs(value: unknown): number | undefined {
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? Date.parse(value)
        : value instanceof Date
          ? value.getTime()
          : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** A client batch as the source stage reads it; its poison items travel with it to be dead-lettered. */
function toBatch(batch: { events: unknown[]; token: string; poison?: PoisonItem[] }): FeedBatch {
  const events = batch.events as Array<Record<string, unknown>>;
  return batch.poison?.length
    ? { events, token: batch.token, poison: batch.poison }
    : { events, token: batch.token };
}
