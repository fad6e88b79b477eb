import type { LiveVox } from '@voxbridge/livevox';
import { TokenExpiredError } from '@voxbridge/livevox';
import type { BridgeConfig } from '../config/schema.js';
import type { Enricher, EventSource, FeedBatch } from '../stages/ports.js';

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
    const options = { token, signal, count: this.feed.count, filter };
    const batches = this.feed.transport === 'sse' ? this.livevox.realtime.interactionEvents.stream(options) : this.livevox.realtime.interactionEvents.feed(options);
    for await (const batch of batches) {
      yield { events: batch.events as unknown as Array<Record<string, unknown>>, token: batch.token };
    }
  }

  isTokenExpired(error: unknown): boolean {
    return error instanceof TokenExpiredError;
  }
}

/** Context data (and post-call data) of a voice call, from the LiveVox Context Data and Call Data APIs. */
export class LiveVoxEnricher implements Enricher {
  constructor(private readonly livevox: LiveVox) {}

  async contextData(record: Record<string, unknown>): Promise<Record<string, string>> {
    if (record.account === undefined) return {};
    const entries = await this.livevox.context.call.get({
      session: String(record.sessionId),
      transactionId: record.transactionId as string | number,
      account: String(record.account),
      client: record.clientId as string | number | undefined,
    });
    const out: Record<string, string> = {};
    for (const [key, value] of entries) if (value !== undefined) out[key] = value;
    return out;
  }

  async postCall(record: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const data = await this.livevox.realtime.callData.postCall({ session: String(record.sessionId), transactionId: record.transactionId as string | number });
    return (data ?? undefined) as unknown as Record<string, unknown> | undefined;
  }
}
