import { fetchBatch, type LongPollSpec, longPollFeed } from './feed.js';
import { normaliseAgentEvent, normaliseCallEvent } from './normalise.js';
import { FeedApi } from './realtime-feeds.js';
import type { FeedBatch, FeedOptions } from './types/common.js';
import type { AgentEvent, CallEvent } from './types/events.js';

/** Options of the deprecated single-request event methods. */
export interface EventReadOptions {
  /** The token of the previous answer; absent or empty for the first request. */
  token?: string;
  signal?: AbortSignal;
}

/**
 * The Call Event methods (`lv.realtime.callEvents`).
 * @deprecated Deprecated by LiveVox in LV19: use `lv.realtime.interactionEvents`.
 */
export class DeprecatedCallEventsApi extends FeedApi {
  /**
   * The Call Event Feed (`POST /realtime/callEvent/feed`), chained by token like the other long-poll
   * feeds. Events come in `callEvent` (public clients) or `events` (the seed's example); both are read.
   * @deprecated Deprecated by LiveVox in LV19: use `lv.realtime.interactionEvents.feed()`.
   */
  feed(options: FeedOptions = {}): AsyncGenerator<FeedBatch<CallEvent>, void, undefined> {
    return longPollFeed(this.send, this.spec('/realtime/callEvent/feed'), options);
  }

  /**
   * The Call Event method (`POST /realtime/callEvent`): one request, answered at once, with the voice
   * call events after `token` and the token to pass next time.
   * @deprecated Deprecated by LiveVox in LV19: use `lv.realtime.interactionEvents.feed()`.
   */
  read(options: EventReadOptions = {}): Promise<FeedBatch<CallEvent>> {
    return fetchBatch(this.send, this.spec('/realtime/callEvent'), options.token, options.signal);
  }

  private spec(path: string): LongPollSpec<CallEvent> {
    return {
      path,
      eventFields: ['callEvent', 'events'],
      normalise: normaliseCallEvent,
      timeoutMs: this.tuning.longPollTimeoutMs,
      prefetch: this.tuning.prefetch,
    };
  }
}

/**
 * The Agent Event method (`lv.realtime.agentEvent`).
 * @deprecated Deprecated by LiveVox in LV19: use `lv.realtime.agentEvents.feed()`.
 */
export class DeprecatedAgentEventApi extends FeedApi {
  /**
   * The Agent Event method (`POST /realtime/agentEvent`): one request, answered at once, with the agent
   * events after `token` and the token to pass next time.
   * @deprecated Deprecated by LiveVox in LV19: use `lv.realtime.agentEvents.feed()`.
   */
  read(options: EventReadOptions = {}): Promise<FeedBatch<AgentEvent>> {
    return fetchBatch(
      this.send,
      {
        path: '/realtime/agentEvent',
        eventFields: ['agentEvent'],
        normalise: normaliseAgentEvent,
        timeoutMs: this.tuning.longPollTimeoutMs,
      },
      options.token,
      options.signal,
    );
  }
}
