import type { LiveVox } from '@voxbridge/livevox';
import type { Enricher } from '../ports.js';

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
    const data = await this.livevox.realtime.callData.postCall({
      session: String(record.sessionId),
      transactionId: record.transactionId as string | number,
    });
    return (data ?? undefined) as unknown as Record<string, unknown> | undefined;
  }
}
