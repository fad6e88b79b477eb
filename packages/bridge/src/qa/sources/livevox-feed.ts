import type { LiveVox } from '@voxbridge/livevox';
import { TokenExpiredError } from '@voxbridge/livevox';
import type { BridgeConfig } from '../../config/schema.js';
import type { EventSource, FeedBatch, PoisonItem } from '../../sources/feed.js';

/** The LiveVox Interaction Event Feed as the pipeline's source, over long-poll or SSE. */
export class LiveVoxInteractionSource implements EventSource {
  constructor(
    private readonly livevox: LiveVox,
    private readonly feed: BridgeConfig['livevox']['feed'],
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
}

/** A client batch as the source stage reads it; its poison items travel with it to be dead-lettered. */
function toBatch(batch: { events: unknown[]; token: string; poison?: PoisonItem[] }): FeedBatch {
  const events = batch.events as Array<Record<string, unknown>>;
  return batch.poison?.length
    ? { events, token: batch.token, poison: batch.poison }
    : { events, token: batch.token };
}
