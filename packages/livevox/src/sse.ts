import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AbortError, ConnectionError, type QueryValue, sleep } from '@voxbridge/core';
import { TokenExpiredError } from './errors.js';
import { normaliseInteractionEvent } from './normalise.js';
import { checkInteractionEvent, type PoisonItem, rawText } from './poison.js';
import { type SseMessage, SseParser } from './sse-parser.js';
import type { Send } from './transport.js';
import type { FeedBatch, FeedOptions } from './types/common.js';
import type { InteractionEvent } from './types/events.js';

/** Default idle timeout of the SSE feed: three of the 10-second keepalives the seed shows. */
export const DEFAULT_SSE_IDLE_TIMEOUT_MS = 30_000;

/** What the SSE feed reports each time it reconnects. */
export interface SseReconnect {
  /** Why the previous connection ended (idle timeout, dropped connection, server closed it). */
  reason: string;
  /**
   * The token the new connection resumes from: the last `eventId` received. `undefined` only when no
   * token was given and no event has arrived yet; then events created while disconnected may be missed,
   * which is why passing a starting `token` is recommended.
   */
  token: string | undefined;
  /** Reconnects so far on this feed. */
  reconnects: number;
  /** Wait before reconnecting, ms. */
  delayMs: number;
}

/** Tunables of the SSE feed. */
export interface SseSpec {
  path: string;
  query?: Record<string, QueryValue>;
  /** Body fields besides the token (the filter). */
  body?: Record<string, unknown>;
  /** Time allowed until the response headers arrive. */
  connectTimeoutMs: number;
  /** Longest silence (no chunk at all, keepalives included) before the connection is dropped and renewed. */
  idleTimeoutMs: number;
  /** First reconnect delay when the server sent no `retry:`; grows ×1.5 per failed reconnect. */
  reconnectDelayMs: number;
  /** Largest reconnect delay. */
  maxReconnectDelayMs: number;
  /** Connections in a row that end before receiving a single byte, after which the feed gives up. */
  maxFailedConnections: number;
  onReconnect?: (info: SseReconnect) => void;
}

/**
 * The SSE Interaction Event feed (`POST /realtime/event/feed/sse`) as an async iterable of batches
 * `{ events, token }`, where `token` is the `eventId` of the batch's last event. It reads `data:` lines,
 * counts `:` keepalive comments as activity, and drops the connection after `idleTimeoutMs` without a
 * chunk. After a drop, an idle timeout or the server's own close (5 minutes without events) it
 * reconnects with the last `eventId` as token, so no event is missed or repeated. Breaking out of the
 * loop or aborting `signal` closes the connection. A message that is not JSON, or an event without an
 * `eventId`, is reported in the batch's `poison` list (the token stays at the last good event; before
 * the first good event it is `''`) and the stream goes on.
 */
export async function* sseFeed(
  send: Send,
  spec: SseSpec,
  options: FeedOptions = {},
): AsyncGenerator<FeedBatch<InteractionEvent>, void, undefined> {
  let token = options.token === '' ? undefined : options.token;
  let silentConnections = 0;
  let serverRetryMs: number | undefined;
  for (let reconnects = 0; ; reconnects++) {
    let received = false;
    let reason = 'the server closed the stream';
    try {
      const stream = await open(send, spec, token, options.signal);
      const parser = new SseParser();
      const decoder = new StringDecoder('utf8');
      for await (const chunk of chunksOf(stream)) {
        received = true;
        const parsed = parser.push(decoder.write(chunk));
        if (parsed.retryMs !== undefined) serverRetryMs = parsed.retryMs;
        if (parsed.messages.length === 0) continue;
        const { events, poison } = toEvents(parsed.messages, token);
        if (events.length > 0) token = events[events.length - 1]!.eventId;
        if (poison.length > 0) yield { events, token: token ?? '', poison };
        else if (events.length > 0) yield { events, token: token as string };
      }
    } catch (error) {
      // Connection failures (opening, dropped, idle) lead to a reconnect; API errors and aborts end the feed.
      if (!(error instanceof ConnectionError)) throw error;
      reason = error.message;
    }
    silentConnections = received ? 0 : silentConnections + 1;
    if (silentConnections >= spec.maxFailedConnections) {
      throw new ConnectionError(
        `POST ${spec.path}: ${silentConnections} connections in a row failed or ended before sending anything (last: ${reason})`,
      );
    }
    const delayMs =
      serverRetryMs ?? Math.min(spec.maxReconnectDelayMs, spec.reconnectDelayMs * 1.5 ** silentConnections);
    spec.onReconnect?.({ reason, token, reconnects: reconnects + 1, delayMs });
    try {
      await sleep(delayMs, options.signal);
    } catch {
      throw new AbortError('SSE feed aborted by caller');
    }
  }
}

async function open(
  send: Send,
  spec: SseSpec,
  token: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Readable> {
  try {
    const res = await send<Readable>({
      method: 'POST',
      path: spec.path,
      query: spec.query,
      // The seed's curl examples send an empty string when there is no token yet.
      body: { token: token ?? '', ...spec.body },
      // JSON is accepted too: LiveVox reports validation and authorization errors as JSON.
      headers: { accept: 'text/event-stream, application/json', 'accept-encoding': 'gzip' },
      responseType: 'stream',
      retrySafe: true,
      timeoutMs: spec.connectTimeoutMs,
      // Reset by every chunk, keepalive comments included; time the caller holds a batch does not count.
      idleTimeoutMs: spec.idleTimeoutMs,
      signal,
    });
    return res.body;
  } catch (error) {
    if (TokenExpiredError.matches(error)) throw new TokenExpiredError(error);
    throw error;
  }
}

/**
 * The chunks of a streamed answer (the core applies the idle timeout and the caller's abort to it).
 * Failures other than those come out as {@link ConnectionError}; the stream is destroyed at the end.
 */
async function* chunksOf(stream: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof ConnectionError || error instanceof AbortError) throw error;
    throw new ConnectionError(`SSE stream dropped: ${(error as Error).message}`, undefined, { cause: error });
  } finally {
    stream.destroy();
  }
}

/**
 * Parses the messages' JSON into events; skips the event the feed resumed from if the server repeats it.
 * A message that is not JSON, or an item that is not a readable event, is reported as poison and skipped.
 */
function toEvents(
  messages: SseMessage[],
  resumeToken: string | undefined,
): { events: InteractionEvent[]; poison: PoisonItem[] } {
  const events: InteractionEvent[] = [];
  const poison: PoisonItem[] = [];
  let last = resumeToken;
  for (const message of messages) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.data);
    } catch (error) {
      poison.push({ raw: message.data, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    for (const raw of Array.isArray(parsed) ? parsed : [parsed]) {
      // An `id:` field of the message stands in for a missing eventId.
      if (message.id && isObject(raw) && (raw.eventId === undefined || raw.eventId === null))
        raw.eventId = message.id;
      const reason = checkInteractionEvent(raw);
      if (reason !== undefined) {
        poison.push({ raw: Array.isArray(parsed) ? rawText(raw) : message.data, reason });
        continue;
      }
      const eventId = (raw as { eventId: string }).eventId;
      if (eventId === last) continue;
      events.push(normaliseInteractionEvent(raw));
      last = eventId;
    }
  }
  return { events, poison };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
