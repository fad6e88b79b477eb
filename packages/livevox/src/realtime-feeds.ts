import { DEFAULT_LONG_POLL_TIMEOUT_MS, longPollFeed } from './feed.js';
import { interactionFilterToWire, validateFeedCount, type WireFilter } from './filters.js';
import { normaliseAgentEvent, normaliseInteractionEvent } from './normalise.js';
import { checkAgentEvent, checkInteractionEvent } from './poison.js';
import { DEFAULT_SSE_IDLE_TIMEOUT_MS, type SseReconnect, sseFeed } from './sse.js';
import type { Send } from './transport.js';
import type { FeedBatch, FeedOptions, InteractionFilter } from './types/common.js';
import type { AgentEvent, InteractionEvent } from './types/events.js';

/** Timing of the event feeds; the defaults suit the real API, tests shorten them. */
export interface FeedTuning {
  /** Per-request timeout of long-poll feeds; must exceed the server's 10-second wait. Default 40 s. */
  longPollTimeoutMs?: number;
  /** Time allowed for the SSE response headers. Default: the client's `timeoutMs` (30 s). */
  sseConnectTimeoutMs?: number;
  /** SSE idle timeout, reset on every chunk (keepalives included). Default 30 s. */
  sseIdleTimeoutMs?: number;
  /** First SSE reconnect delay when the server sent no `retry:`. Default 1 s, ×1.5 per failed reconnect. */
  sseReconnectDelayMs?: number;
  /** Largest SSE reconnect delay. Default 30 s. */
  sseMaxReconnectDelayMs?: number;
  /** SSE connections in a row that end without a byte before the feed gives up. Default 10. */
  sseMaxFailedConnections?: number;
  /**
   * Long-poll feeds request the next batch while the caller processes the current one (one request
   * ahead, at most one batch waiting). Default true; false sends each request only when asked for.
   */
  prefetch?: boolean;
}

/** The resolved {@link FeedTuning}. */
export type ResolvedFeedTuning = Required<FeedTuning>;

/** Fills in the defaults of {@link FeedTuning}. */
export function resolveFeedTuning(tuning: FeedTuning = {}, clientTimeoutMs = 30_000): ResolvedFeedTuning {
  return {
    longPollTimeoutMs: tuning.longPollTimeoutMs ?? DEFAULT_LONG_POLL_TIMEOUT_MS,
    sseConnectTimeoutMs: tuning.sseConnectTimeoutMs ?? clientTimeoutMs,
    sseIdleTimeoutMs: tuning.sseIdleTimeoutMs ?? DEFAULT_SSE_IDLE_TIMEOUT_MS,
    sseReconnectDelayMs: tuning.sseReconnectDelayMs ?? 1_000,
    sseMaxReconnectDelayMs: tuning.sseMaxReconnectDelayMs ?? 30_000,
    sseMaxFailedConnections: tuning.sseMaxFailedConnections ?? 10,
    prefetch: tuning.prefetch ?? true,
  };
}

/** Options of the long-poll Interaction Event feed. */
export interface InteractionFeedOptions extends FeedOptions {
  filter?: InteractionFilter;
  /** Most events per answer: 500 to 1000 (the server's default is 1000). */
  count?: number;
}

/** Options of the SSE Interaction Event feed. */
export interface InteractionStreamOptions extends InteractionFeedOptions {
  /** Overrides the client's SSE idle timeout for this stream. */
  idleTimeoutMs?: number;
  /** Called before each reconnect (for logs and metrics). */
  onReconnect?: (info: SseReconnect) => void;
}

/** What every event-feed API holds: the client's request function and the feeds' timing. */
export abstract class FeedApi {
  /** The client's authenticated request function. */
  protected readonly send: Send;
  /** The feeds' timing. */
  protected readonly tuning: ResolvedFeedTuning;

  /** @param send the client's authenticated request function. */
  constructor(send: Send, tuning: ResolvedFeedTuning) {
    this.send = send;
    this.tuning = tuning;
  }
}

/** The Agent Event Feed (`lv.realtime.agentEvents`). */
export class AgentEventsApi extends FeedApi {
  /**
   * Agent state changes as batches (`POST /realtime/agentEvent/feed`, long poll, at most 1,000 events an
   * answer, 10 s server wait when idle). Persist each batch's `token` after processing it and pass it
   * back as `token` to resume. Events are kept 24 hours.
   */
  feed(options: FeedOptions = {}): AsyncGenerator<FeedBatch<AgentEvent>, void, undefined> {
    return longPollFeed(
      this.send,
      {
        path: '/realtime/agentEvent/feed',
        eventFields: ['agentEvent'],
        normalise: normaliseAgentEvent,
        check: checkAgentEvent,
        timeoutMs: this.tuning.longPollTimeoutMs,
        prefetch: this.tuning.prefetch,
      },
      options,
    );
  }
}

/** The query and body of an Interaction Event feed request, checked before anything is sent. */
function interactionFeedRequest(options: InteractionFeedOptions): {
  query: { count: number | undefined };
  body: { filter: WireFilter } | undefined;
} {
  const count = validateFeedCount(options.count);
  const filter = interactionFilterToWire(options.filter);
  return { query: { count }, body: filter ? { filter } : undefined };
}

/** The Interaction Event feeds (`lv.realtime.interactionEvents`): voice, outbound e-mail and SMS. */
export class InteractionEventsApi extends FeedApi {
  /**
   * Interaction events as batches from the long-poll feed (`POST /realtime/event/feed?count=`). The filter
   * and count are checked before anything is sent (count 500..1000). Persist each batch's `token` after
   * processing it; a token older than 24 hours raises `TokenExpiredError`.
   */
  feed(options: InteractionFeedOptions = {}): AsyncGenerator<FeedBatch<InteractionEvent>, void, undefined> {
    return longPollFeed(
      this.send,
      {
        path: '/realtime/event/feed',
        ...interactionFeedRequest(options),
        eventFields: ['events'],
        normalise: normaliseInteractionEvent,
        check: checkInteractionEvent,
        timeoutMs: this.tuning.longPollTimeoutMs,
        prefetch: this.tuning.prefetch,
      },
      options,
    );
  }

  /**
   * Interaction events as batches from the Server-Sent Events feed (`POST /realtime/event/feed/sse`),
   * resuming after drops and idle closes from the last `eventId`. Each batch's `token` is the `eventId`
   * of its last event: persist it like a long-poll token.
   */
  stream(
    options: InteractionStreamOptions = {},
  ): AsyncGenerator<FeedBatch<InteractionEvent>, void, undefined> {
    return sseFeed(
      this.send,
      {
        path: '/realtime/event/feed/sse',
        ...interactionFeedRequest(options),
        connectTimeoutMs: this.tuning.sseConnectTimeoutMs,
        idleTimeoutMs: options.idleTimeoutMs ?? this.tuning.sseIdleTimeoutMs,
        reconnectDelayMs: this.tuning.sseReconnectDelayMs,
        maxReconnectDelayMs: this.tuning.sseMaxReconnectDelayMs,
        maxFailedConnections: this.tuning.sseMaxFailedConnections,
        onReconnect: options.onReconnect,
      },
      options,
    );
  }
}
