import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AbortError, ConnectionError, TimeoutError, ValidationError } from '@voxbridge/core';
import type { EventEntity, GladlyEvent } from './events.js';
import { classifyEvent, type EventItem, type PoisonItem } from './poison.js';
import type { GladlyTransport } from './transport.js';

/** How far back the Events API reaches. */
export const EVENTS_LOOKBACK_MS = 24 * 3_600_000;

/** A query of the Events API. */
export interface EventsQuery {
  /** Start of the range (inclusive), within the last 24 hours; compared with each event's `timestamp`. */
  startAt: Date | string | number;
  /** End of the range; default now. */
  endAt?: Date | string | number;
  /** Entities to include (sent as repeated `entities` parameters); at least one. */
  entities: EventEntity | readonly (EventEntity | (string & {}))[];
}

type EventsParams = { startAt: string; endAt: string | undefined; entities: string[] };

/** Options of a stream. */
export interface EventStreamOptions {
  signal?: AbortSignal;
  /** Longest silence between chunks before the stream is given up (0: no limit). Default: the client's setting. */
  idleTimeoutMs?: number;
  /**
   * Called (and awaited) for each malformed line, which {@link EventsResource.stream} then skips: one bad
   * item never stops the stream. Without it poison is skipped silently; use it (or
   * {@link EventsResource.items}) to dead-letter poison.
   */
  onPoison?: (poison: PoisonItem) => void | Promise<void>;
}

function toMs(value: Date | string | number, field: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new ValidationError(field, 'must be a date (Date, epoch ms or ISO 8601 string)');
  return ms;
}

/** `GET /events`: the Events API, read as a stream of JSON lines. */
export class EventsResource {
  constructor(private readonly transport: GladlyTransport) {}

  /**
   * Streams the events of the given entities in `[startAt, endAt)`, oldest first, parsed line by line
   * as they arrive. The query is validated before anything is sent (startAt within the last 24 hours,
   * endAt after startAt, at least one entity). Breaking out of the loop closes the connection.
   */
  stream(query: EventsQuery, options: EventStreamOptions = {}): AsyncGenerator<GladlyEvent> {
    const params = this.validate(query);
    return this.events(params, options);
  }

  /**
   * Streams every item of the answer in order, good events and poison alike (`{ kind: 'event' }` or
   * `{ kind: 'poison' }` with the raw line and the reason), so a caller can dead-letter each bad item
   * and move on. Validates the query as {@link stream} does.
   */
  items(query: EventsQuery, options: EventStreamOptions = {}): AsyncGenerator<EventItem> {
    const params = this.validate(query);
    return this.read(params, options);
  }

  /** Collects a stream into an array; `limit` is required so that a busy day cannot exhaust memory. */
  async list(query: EventsQuery, options: EventStreamOptions & { limit: number }): Promise<GladlyEvent[]> {
    if (!(Number.isInteger(options.limit) && options.limit > 0))
      throw new ValidationError('limit', 'must be a positive whole number');
    const out: GladlyEvent[] = [];
    for await (const event of this.stream(query, options)) {
      out.push(event);
      if (out.length >= options.limit) break;
    }
    return out;
  }

  private validate(query: EventsQuery): EventsParams {
    const startAt = toMs(query.startAt, 'startAt');
    const now = this.transport.now();
    if (startAt < now - EVENTS_LOOKBACK_MS) {
      throw new ValidationError(
        'startAt',
        `must be within the last 24 hours (not before ${new Date(now - EVENTS_LOOKBACK_MS).toISOString()})`,
      );
    }
    const endAt = query.endAt === undefined ? undefined : toMs(query.endAt, 'endAt');
    if (endAt !== undefined && endAt <= startAt) throw new ValidationError('endAt', 'must be after startAt');
    const entities = typeof query.entities === 'string' ? [query.entities] : [...query.entities];
    if (entities.length === 0)
      throw new ValidationError('entities', 'must name at least one entity (AGENT_STATUS, CONVERSATION, …)');
    for (const [i, entity] of entities.entries()) {
      if (typeof entity !== 'string' || !/^[A-Z][A-Z_]*$/.test(entity))
        throw new ValidationError(`entities[${i}]`, 'must be an entity name such as AGENT_STATUS');
    }
    return {
      startAt: new Date(startAt).toISOString(),
      endAt: endAt === undefined ? undefined : new Date(endAt).toISOString(),
      entities,
    };
  }

  private async *events(params: EventsParams, options: EventStreamOptions): AsyncGenerator<GladlyEvent> {
    for await (const item of this.read(params, options)) {
      if (item.kind === 'event') yield item.event;
      else await options.onPoison?.(item.poison);
    }
  }

  private async *read(params: EventsParams, options: EventStreamOptions): AsyncGenerator<EventItem> {
    const response = await this.transport.send<Readable>({
      method: 'GET',
      path: 'events',
      query: { startAt: params.startAt, endAt: params.endAt, entities: params.entities },
      headers: { accept: 'application/x-jsonlines, application/json' },
      responseType: 'stream',
      signal: options.signal,
    });
    let lineNumber = 0;
    for await (const line of readLines(
      response.body,
      options.idleTimeoutMs ?? this.transport.settings.eventsIdleTimeoutMs,
      options.signal,
    )) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      yield classifyEvent(line, lineNumber);
    }
  }
}

/**
 * Lines of a byte stream (split on LF, CR stripped), decoded as UTF-8 across chunk borders. An idle
 * timer runs only while waiting for data (not while the consumer works); abort and idle timeout
 * destroy the stream; a connection that breaks off becomes a ConnectionError.
 */
export async function* readLines(
  body: Readable,
  idleTimeoutMs: number,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let rest = '';
  let failure: Error | undefined;
  let idle: NodeJS.Timeout | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    body.destroy(error);
  };
  const onAbort = () => fail(new AbortError('events stream aborted by caller'));
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (idleTimeoutMs > 0)
        idle = setTimeout(
          () => fail(new TimeoutError(`no data on the events stream for ${idleTimeoutMs} ms`)),
          idleTimeoutMs,
        );
      let next: IteratorResult<Buffer | string>;
      try {
        next = await iterator.next();
      } catch (error) {
        if (failure) throw failure;
        throw new ConnectionError(`the events stream broke off: ${(error as Error).message}`, undefined, {
          cause: error,
        });
      } finally {
        clearTimeout(idle);
      }
      if (failure) throw failure;
      if (next.done) break;
      const parts = (rest + (typeof next.value === 'string' ? next.value : decoder.write(next.value))).split(
        '\n',
      );
      rest = parts.pop() ?? '';
      for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!body.destroyed) body.destroy();
  }
}
