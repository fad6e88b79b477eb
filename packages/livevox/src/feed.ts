import type { QueryValue } from '@voxbridge/core';
import { LiveVoxProtocolError, TokenExpiredError } from './errors.js';
import { checkObject, type ItemCheck, sortItems } from './poison.js';
import type { Send } from './transport.js';
import type { FeedBatch, FeedOptions } from './types/common.js';

/** The long-poll wait LiveVox documents: an idle feed request returns after 10 seconds. */
export const SERVER_LONG_POLL_WAIT_MS = 10_000;

/** Default per-request timeout of long-poll feeds: well beyond the server's 10-second wait. */
export const DEFAULT_LONG_POLL_TIMEOUT_MS = 40_000;

/** Turns `accept-encoding: gzip` on for feed requests, as the Real-Time API documents. */
export const FEED_HEADERS: Readonly<Record<string, string>> = { 'accept-encoding': 'gzip' };

/** What differs between the long-poll feeds. */
export interface LongPollSpec<T> {
  /** `/realtime/agentEvent/feed`, `/realtime/event/feed`, … */
  path: string;
  query?: Record<string, QueryValue>;
  /** Body fields sent with every request besides the token (the filter). */
  body?: Record<string, unknown>;
  /** Response fields holding the events, tried in order (`agentEvent`, `events`). */
  eventFields: readonly string[];
  /** Adds the client's parsed fields to a raw event. */
  normalise(raw: unknown): T;
  /** Why a raw item is not a readable event (it is then reported as poison), or undefined. Default: objects pass. */
  check?: ItemCheck;
  /** Per-request timeout; must exceed the server's wait. */
  timeoutMs: number;
  /** Send the request for the next batch while the caller processes the current one. */
  prefetch?: boolean;
}

/**
 * A long-poll event feed as an async iterable of batches. The first request carries no token (unless
 * one is given to resume from), every later one the token of the previous answer; each answer is
 * yielded, empty or not, so that the token a caller persists is always the newest. A request that fails
 * is repeated by the core retry policy with the same token, never with an empty one, and an answer
 * without a token ends the feed with a {@link LiveVoxProtocolError} instead of restarting it. A token
 * older than 24 hours raises {@link TokenExpiredError}. An item that is not a readable event is reported
 * in the batch's `poison` list and the feed goes on.
 *
 * With `spec.prefetch` the request for the next batch is sent as soon as a batch is yielded (its token
 * is already known), so the server's work overlaps the caller's; at most one batch waits in memory. A
 * failure of that request surfaces when the caller asks for the next batch. Leaving the loop (`break`)
 * or aborting `options.signal` aborts the request in flight.
 */
export async function* longPollFeed<T>(
  send: Send,
  spec: LongPollSpec<T>,
  options: FeedOptions = {},
): AsyncGenerator<FeedBatch<T>, void, undefined> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let next = fetchBatch(send, spec, options.token, signal);
  try {
    for (;;) {
      const batch = await next;
      if (spec.prefetch) {
        next = fetchBatch(send, spec, batch.token, signal);
        // Observed here so that a failure while the caller holds the batch is not an unhandled rejection.
        next.catch(() => undefined);
        yield batch;
      } else {
        yield batch;
        next = fetchBatch(send, spec, batch.token, signal);
      }
    }
  } finally {
    stop.abort();
  }
}

/** One request of a token-chained feed: the events after `token` (none or empty: a new feed) and the next token. */
export async function fetchBatch<T>(
  send: Send,
  spec: LongPollSpec<T>,
  token: string | undefined,
  signal?: AbortSignal,
): Promise<FeedBatch<T>> {
  const body = token === undefined || token === '' ? { ...spec.body } : { token, ...spec.body };
  let answer: Record<string, unknown> | undefined;
  try {
    const res = await send<Record<string, unknown> | undefined>({
      method: 'POST',
      path: spec.path,
      query: spec.query,
      body,
      headers: FEED_HEADERS,
      retrySafe: true,
      timeoutMs: spec.timeoutMs,
      signal,
    });
    answer = res.body;
  } catch (error) {
    if (TokenExpiredError.matches(error)) throw new TokenExpiredError(error);
    throw error;
  }
  const next = answer?.token;
  if (typeof next !== 'string' || next === '') {
    throw new LiveVoxProtocolError(
      `POST ${spec.path} answered without a token; stopping rather than restarting the feed from scratch`,
    );
  }
  const raw = spec.eventFields.map((field) => answer?.[field]).find(Array.isArray) ?? [];
  // One bad item is reported on the batch, never thrown: a throw would make every retry re-read this page.
  const { events, poison } = sortItems(raw as unknown[], spec.check ?? checkObject, spec.normalise);
  return poison.length > 0 ? { events, token: next, poison } : { events, token: next };
}
