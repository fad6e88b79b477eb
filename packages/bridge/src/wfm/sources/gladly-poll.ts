import { ApiError } from '@voxbridge/core';
import {
  EVENTS_LOOKBACK_MS,
  type Gladly,
  type GladlyEvent,
  type PoisonItem,
  type Webhook,
} from '@voxbridge/gladly';
import { webhookCredentials } from '../../apply/wfm-apply.js';
import type { GladlyConfig } from '../../config/wfm-schema.js';
import type { BridgeStore, EventInput } from '../../store/types.js';
import { GLADLY_EVENT_STREAM, gladlyEventKey } from './gladly-webhook.js';

/** Events stored per transaction while a poll reads the stream. */
const POLL_CHUNK = 500;
/** Kept between the oldest `startAt` asked for and the API's 24-hour limit. */
const LOOKBACK_MARGIN_MS = 60_000;

/** What one poll did. */
export interface PollOutcome {
  /** Events the Events API returned. */
  read: number;
  /** Events not stored before. */
  inserted: number;
  /** Of those, events of types the webhook subscribes to: deliveries the webhook missed. */
  gapFills: number;
  /** The window asked for (epoch ms); undefined when there was nothing to ask. */
  window: { startAt: number; endAt: number } | undefined;
  /**
   * Milliseconds of events lost because the checkpoint was older than the API's 24 hours and Gladly's
   * hourly export jobs did not reach that far (0 when the jobs filled the whole gap).
   */
  lostMs: number;
  /** Agent status events read from the export jobs for a gap past the 24 hours, and the part not stored before. */
  fromExports: { read: number; inserted: number; window?: { startAt: number; endAt: number } };
  /** Lines that were not events (poison), each dead-lettered with its raw text and the reason. */
  poison: number;
}

/** What the poll needs. */
export interface GladlyPollDeps {
  gladly: Gladly;
  store: BridgeStore;
  config: GladlyConfig;
  now: () => number;
}

/** Where the very first poll starts: midnight UTC, or `initialLookbackMinutes` ago. */
function initialStart(config: GladlyConfig, now: number): number {
  if (config.poll.initialLookbackMinutes !== undefined)
    return now - config.poll.initialLookbackMinutes * 60_000;
  return Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
}

/**
 * One Events API poll: from the last event time seen (less `overlap`) to `now - settle`, storing
 * every event (deduplicated by id) together with the new checkpoint, in chunks. Webhook deliveries
 * are stored as they come; whatever they missed — a lost delivery, a disabled webhook — is filled
 * here. Gladly keeps 24 hours of events: an older checkpoint starts at the limit, the stretch before it
 * is read from Gladly's hourly export jobs (agent statuses), and what they do not reach is reported.
 */
export async function pollGladlyEvents(deps: GladlyPollDeps, signal: AbortSignal): Promise<PollOutcome> {
  const { config, store } = deps;
  const now = deps.now();
  const floor = now - EVENTS_LOOKBACK_MS + LOOKBACK_MARGIN_MS;
  const token = (await store.getCheckpoint(GLADLY_EVENT_STREAM))?.token;
  const lastSeen = token === undefined ? Number.NaN : Date.parse(token);
  let startAt = Number.isFinite(lastSeen) ? lastSeen - config.poll.overlapMs : initialStart(config, now);
  // Only a checkpoint past the limit is a gap (the overlap alone reaching past it is not).
  const gapStart = Number.isFinite(lastSeen) && lastSeen < floor ? startAt : undefined;
  startAt = Math.max(startAt, floor);
  const endAt = now - config.poll.settleMs;
  const outcome: PollOutcome = {
    read: 0,
    inserted: 0,
    gapFills: 0,
    window: undefined,
    lostMs: gapStart === undefined ? 0 : floor - lastSeen,
    poison: 0,
    fromExports: { read: 0, inserted: 0 },
  };
  const subscribed = new Set(config.webhook.url ? config.webhook.events : []);
  let newest = Number.isFinite(lastSeen) ? lastSeen : undefined;
  let buffer: GladlyEvent[] = [];
  const flush = async () => {
    const hooked: EventInput[] = [];
    const others: EventInput[] = [];
    for (const event of buffer) {
      const input = {
        eventId: gladlyEventKey(event.id),
        payload: { ...(event as unknown as Record<string, unknown>), receivedVia: 'poll' },
      };
      (subscribed.has(event.type) ? hooked : others).push(input);
      const at = Date.parse(event.timestamp);
      if (Number.isFinite(at) && (newest === undefined || at > newest)) newest = at;
    }
    const checkpoint = newest === undefined ? undefined : new Date(newest).toISOString();
    const first = await store.appendEvents(GLADLY_EVENT_STREAM, hooked);
    const second = await store.appendEvents(GLADLY_EVENT_STREAM, others, checkpoint);
    outcome.inserted += first.inserted + second.inserted;
    outcome.gapFills += first.inserted;
    buffer = [];
  };
  if (gapStart !== undefined) {
    // Past the Events API's 24 hours: Gladly's hourly export jobs (kept 14 days) hold the agent statuses,
    // in the Events API's shape and ids, so they are stored and deduplicated like polled events. The
    // checkpoint stays where it was until the Events API part below moves it.
    const covered = (await deps.gladly.exports.coveredUntil({ signal }))?.getTime();
    const until = Math.min(floor, covered ?? gapStart);
    if (until > gapStart) {
      outcome.fromExports.window = { startAt: gapStart, endAt: until };
      const history: EventInput[] = [];
      const store = async () => {
        outcome.fromExports.inserted += (
          await deps.store.appendEvents(GLADLY_EVENT_STREAM, history)
        ).inserted;
        history.length = 0;
      };
      const query = { startAt: new Date(gapStart), endAt: new Date(until) };
      for await (const event of deps.gladly.exports.agentStatusHistory(query, { signal })) {
        outcome.fromExports.read += 1;
        history.push({
          eventId: gladlyEventKey(event.id),
          payload: { ...(event as unknown as Record<string, unknown>), receivedVia: 'export' },
        });
        if (history.length >= POLL_CHUNK) await store();
      }
      await store();
      outcome.inserted += outcome.fromExports.inserted;
      outcome.lostMs = until >= floor ? 0 : floor - Math.max(until, lastSeen);
    }
  }
  if (endAt <= startAt) return outcome;
  outcome.window = { startAt, endAt };
  // Without a settle time the server's "now" ends the window (inclusive), so nothing waits for the clock.
  const query = { startAt, ...(config.poll.settleMs > 0 ? { endAt } : {}), entities: config.poll.entities };
  // A poison line is dead-lettered as it comes and the stream goes on; the checkpoint moves with the
  // good events around it. Each answer's poison is its own item: a re-read window gives new ones.
  const onPoison = async (poison: PoisonItem) => {
    outcome.poison += 1;
    await store.deadLetter({
      stage: 'source',
      reason: `${GLADLY_EVENT_STREAM}: poison item${poison.line === undefined ? '' : ` (line ${poison.line})`}: ${poison.reason}`,
      payload: poison.raw,
    });
  };
  for await (const event of deps.gladly.events.stream(query, { signal, onPoison })) {
    outcome.read += 1;
    buffer.push(event);
    if (buffer.length >= POLL_CHUNK) await flush();
  }
  if (buffer.length > 0) await flush();
  return outcome;
}

/** What {@link ensureWebhook} found. */
export type WebhookCheck = 'none' | 'ok' | 'enabled' | 'created';

/**
 * Makes sure the webhook pointing at the receiver exists and is enabled: Gladly disables a webhook after
 * its last retry fails (and someone may disable or delete it by hand). A disabled one is enabled again
 * with the configured credentials (Gladly PINGs the receiver, which must be up); a missing one is
 * created. Returns what it did.
 */
export async function ensureWebhook(
  gladly: Gladly,
  config: GladlyConfig,
  store: BridgeStore,
  signal?: AbortSignal,
): Promise<{ check: WebhookCheck; webhook?: Webhook }> {
  const url = config.webhook.url;
  if (url === undefined || config.webhook.password === undefined) return { check: 'none' };
  const knownId = await store.getWebhookId();
  let webhook: Webhook | undefined;
  if (knownId) {
    try {
      webhook = await gladly.webhooks.get(knownId, { signal });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  if (webhook?.url !== url)
    webhook = (await gladly.webhooks.list({ signal })).find((candidate) => candidate.url === url);
  const credentials = webhookCredentials(config);
  if (!webhook) {
    const created = await gladly.webhooks.create(
      { name: config.webhook.name, url, events: [...config.webhook.events], enabled: true, credentials },
      { signal },
    );
    await store.setWebhookId(created.id);
    return { check: 'created', webhook: created };
  }
  await store.setWebhookId(webhook.id);
  if (webhook.enabled) return { check: 'ok', webhook };
  await gladly.webhooks.update(webhook.id, { enabled: true, credentials }, { signal });
  return { check: 'enabled', webhook };
}
