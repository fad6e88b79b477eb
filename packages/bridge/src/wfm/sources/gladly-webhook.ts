import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseWebhookBody } from '@voxbridge/gladly';
import type { ExtraRoute } from '../../observability/server.js';
import type { BridgeStore } from '../../store/types.js';

/** The store stream of Gladly events (webhook deliveries and the Events API poll alike). */
export const GLADLY_EVENT_STREAM = 'gladly:events';

/** Largest webhook body accepted (Gladly's payloads are small: ids and an event name). */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** The store's eventId of a Gladly event: prefixed, because the events table is shared by every stream. */
export function gladlyEventKey(id: string): string {
  return `gladly:${id}`;
}

/** What the receiver reports, for metrics and logs. */
export interface ReceiverEvents {
  received(
    outcome: 'stored' | 'duplicate' | 'ping' | 'unauthorized' | 'invalid' | 'error',
    detail?: string,
  ): void;
  /** A new event was stored (the consumer can wake up). */
  stored(): void;
}

/** Options of {@link gladlyWebhookRoute}. */
export interface ReceiverOptions {
  path: string;
  username: string;
  password: string;
  store: BridgeStore;
  events: ReceiverEvents;
  /** False once the connector stopped: the route then lets requests through to the next route (or a 404). */
  isActive?: () => boolean;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The Gladly webhook receiver, an `ExtraRoute` of the bridge's HTTP server: `POST <path>` with the
 * configured Basic credentials (compared in constant time). It answers Gladly's `PING` with 200, and
 * stores every other event durably — deduplicated by its id — before answering 200, so that a
 * delivery Gladly counts as done is never lost. A wrong credential gets 401, a body over
 * {@link MAX_WEBHOOK_BODY_BYTES} 413, a store failure 500 (Gladly then retries). A body that is not an
 * event (not JSON, cut short, missing id, wrong types) is poison: it is dead-lettered with its raw text
 * and the reason and answered 200, so Gladly neither retries it nor disables the webhook.
 */
export function gladlyWebhookRoute(options: ReceiverOptions): ExtraRoute {
  const expected = digest(`${options.username}:${options.password}`);
  return async (req, res, url) => {
    if (url.pathname !== options.path || options.isActive?.() === false) return false;
    if (req.method !== 'POST') {
      reply(res, 405, { error: 'use POST' }, { allow: 'POST' });
      return true;
    }
    if (!authorized(req, expected)) {
      req.resume();
      options.events.received('unauthorized');
      reply(
        res,
        401,
        { error: 'missing or wrong credentials' },
        { 'www-authenticate': 'Basic realm="voxbridge"' },
      );
      return true;
    }
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      options.events.received('invalid', (error as Error).message);
      reply(res, 413, { error: `the body is too large: ${(error as Error).message}` });
      return true;
    }
    if (isPing(text)) {
      options.events.received('ping');
      reply(res, 200, { ok: true });
      return true;
    }
    const item = parseWebhookBody(text);
    if (item.kind === 'poison') {
      // Dead-lettered and answered 2xx: a 4xx would make Gladly retry the same body and, after its last
      // retry, disable the webhook for every good event after it.
      try {
        await options.store.deadLetter({
          stage: 'source',
          reason: `${GLADLY_EVENT_STREAM}: poison webhook body: ${item.poison.reason}`,
          payload: item.poison.raw,
        });
      } catch (error) {
        options.events.received('error', (error as Error).message);
        reply(res, 500, { error: 'the body could not be stored; retry later' });
        return true;
      }
      options.events.received('invalid', item.poison.reason);
      reply(res, 200, { ok: true, deadLettered: true });
      return true;
    }
    const event = item.event;
    try {
      const { inserted } = await options.store.appendEvents(GLADLY_EVENT_STREAM, [
        {
          eventId: gladlyEventKey(event.id),
          payload: { ...(event as Record<string, unknown>), receivedVia: 'webhook' },
        },
      ]);
      options.events.received(inserted > 0 ? 'stored' : 'duplicate');
      if (inserted > 0) options.events.stored();
      reply(res, 200, { ok: true, duplicate: inserted === 0 });
    } catch (error) {
      options.events.received('error', (error as Error).message);
      reply(res, 500, { error: 'the event could not be stored; retry later' });
    }
    return true;
  };
}

/** Gladly's `PING` (sent when a webhook is enabled): `{"type":"PING"}`, with no id or content. */
function isPing(text: string): boolean {
  try {
    const body = JSON.parse(text) as { type?: unknown } | null;
    return typeof body === 'object' && body !== null && body.type === 'PING';
  } catch {
    return false;
  }
}

function authorized(req: IncomingMessage, expected: Buffer): boolean {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  // Digests have the same length whatever was sent, so the comparison time says nothing about the secret.
  const same = timingSafeEqual(digest(given), expected);
  return match !== null && same;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_WEBHOOK_BODY_BYTES) throw new Error(`more than ${MAX_WEBHOOK_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
