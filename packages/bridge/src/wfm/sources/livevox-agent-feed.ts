import { type LiveVox, TokenExpiredError } from '@voxbridge/livevox';
import type { EventSource, FeedBatch } from '../../sources/feed.js';

/** The store stream of LiveVox agent events. */
export const LIVEVOX_AGENT_STREAM = 'livevox:agent-events';

/** The store's eventId of a LiveVox agent event (made from its fields when the feed sent none). */
export function liveVoxAgentEventKey(event: Record<string, unknown>): string {
  const id =
    typeof event.eventId === 'string' && event.eventId !== ''
      ? event.eventId
      : `cid=${event.clientId}:aid=${event.agentId}:time=${event.timestamp}:seq=${event.seqNum}`;
  return `livevox-agent:${id}`;
}

/** The LiveVox Agent Event Feed as a source for `runSource`: long poll, token-chained, 24-hour tokens. */
export class LiveVoxAgentEventSource implements EventSource {
  constructor(private readonly livevox: LiveVox) {}

  async *batches(token: string | undefined, signal: AbortSignal): AsyncIterable<FeedBatch> {
    for await (const batch of this.livevox.realtime.agentEvents.feed({ token, signal })) {
      const events = batch.events.map((event) => {
        const raw = event as unknown as Record<string, unknown>;
        return { ...raw, liveVoxEventId: raw.eventId, eventId: liveVoxAgentEventKey(raw) };
      });
      // Poison items (not readable agent events) go on to be dead-lettered by the source stage.
      yield batch.poison?.length
        ? { events, token: batch.token, poison: batch.poison }
        : { events, token: batch.token };
    }
  }

  isTokenExpired(error: unknown): boolean {
    return error instanceof TokenExpiredError;
  }
}
