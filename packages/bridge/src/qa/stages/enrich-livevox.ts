import type { LiveVox } from '@voxbridge/livevox';
import type { Playvox } from '@voxbridge/playvox';
import type { BridgeConfig } from '../../config/schema.js';
import type { Enricher } from '../ports.js';
import { PlayvoxUserDirectory } from './assignee.js';
import { type CompleteParts, type Completion, completeRecord, ServiceNames } from './complete.js';
import { setOwnField } from './own-field.js';
import { RecordingAttacher } from './recordings.js';

/** What the enricher needs beyond LiveVox for recordings, the assignee lookup and service names. */
export interface EnricherOptions {
  config: BridgeConfig;
  /** Playvox, for uploads (`recordings.mode: upload`) and the users of `mapping.assignee.mode: lookup`. */
  playvox?: Playvox;
  /** LiveVox's base URL, for the links of `link` mode (default: `config.livevox.baseUrl`). */
  liveVoxBaseUrl?: string;
}

/**
 * Context data (and post-call data) of a voice call, from the LiveVox Context Data and Call Data APIs;
 * with options, also the service name, the recording and the agent's Playvox user ({@link completeRecord}).
 */
export class LiveVoxEnricher implements Enricher {
  private readonly parts: CompleteParts | undefined;

  constructor(
    private readonly livevox: LiveVox,
    options?: EnricherOptions,
  ) {
    if (!options) return;
    const { config, playvox } = options;
    const base =
      options.liveVoxBaseUrl ?? config.livevox.baseUrl ?? `https://api.${config.livevox.region}.livevox.com`;
    this.parts = {
      config,
      services: new ServiceNames(livevox),
      ...(config.recordings.mode === 'off'
        ? {}
        : {
            recordings: new RecordingAttacher(
              livevox,
              config.recordings.mode === 'upload' ? playvox : undefined,
              config.recordings,
              base,
            ),
          }),
      ...(config.mapping.assignee.mode === 'lookup' && playvox
        ? { users: new PlayvoxUserDirectory(playvox, config.mapping.assignee.lookup) }
        : {}),
    };
  }

  async contextData(record: Record<string, unknown>): Promise<Record<string, string>> {
    if (record.account === undefined) return {};
    const entries = await this.livevox.context.call.get({
      session: String(record.sessionId),
      transactionId: record.transactionId as string | number,
      account: String(record.account),
      client: record.clientId as string | number | undefined,
    });
    const out: Record<string, string> = {};
    // A key without a value is kept as an empty string: the evaluator sees that the key was asked.
    for (const [key, value] of entries) setOwnField(out, key, value ?? '');
    return out;
  }

  async postCall(record: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const data = await this.livevox.realtime.callData.postCall({
      session: String(record.sessionId),
      transactionId: record.transactionId as string | number,
    });
    return (data ?? undefined) as unknown as Record<string, unknown> | undefined;
  }

  /** Service name, recording and Playvox user, or the wait / dead letter they call for. */
  async complete(record: Record<string, unknown>, now = Date.now()): Promise<Completion> {
    return this.parts ? completeRecord(this.parts, record, now) : { record };
  }
}
