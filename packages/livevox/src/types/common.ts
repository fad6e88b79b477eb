import type { z } from 'zod';
import type { PoisonItem } from '../poison.js';
import type { contextEntrySchema, liveVoxErrorSchema, liveVoxIdSchema } from '../wire/common.js';
import type { INTERACTION_TYPES } from '../wire/events.js';

/**
 * An id as LiveVox sends it. The API is inconsistent: the same id is a JSON number in one response and a
 * string in the next (`"serviceId": "93140"` next to `"serviceId": 149926` in one feed batch).
 */
export type LiveVoxId = z.output<typeof liveVoxIdSchema>;

/** An id in a request filter: the bare id, or the wire form `{ id }`. Passed through as given. */
export type FilterId = LiveVoxId | { id: LiveVoxId };

/** Identifies one call, as the Real-Time Call Data methods take it. */
export interface CallRef {
  /** The call's session id (`U70D91T533151E6@10.40.88.32`); not the API session. */
  session: string;
  /** The call's transaction id. A string is accepted for ids beyond `Number.MAX_SAFE_INTEGER`. */
  transactionId: number | string;
  /** The client the call belongs to (the optional `client` query parameter). */
  client?: number | string;
}

/** Identifies the call whose Context Data is read or written. */
export interface ContextRef extends CallRef {
  /** The call's account. */
  account: string;
}

/** One key/value pair of Call Context Data. Keys are case-sensitive; the value is optional. */
export type ContextEntry = z.input<typeof contextEntrySchema>;

/**
 * One answer of an event feed: the events (possibly none) and the token to resume after them. Persist
 * `token` once the batch is processed; passing it back as `token` continues right after this batch.
 */
export interface FeedBatch<T> {
  events: T[];
  /** Long-poll feeds: the token the API returned. SSE: the `eventId` of the last event received. */
  token: string;
  /**
   * Items of this answer that are not readable events (not an object, wrong types, missing ids, an SSE
   * message that is not JSON), each with its raw text and the reason. Present only when there are some.
   * The token already points past them: dead-letter them, then persist the token as usual.
   */
  poison?: PoisonItem[];
}

/** Options every event feed accepts. */
export interface FeedOptions {
  /** Where to resume: a token persisted from an earlier batch. Absent or empty: start a new feed. */
  token?: string;
  /** Stops the feed; an in-flight request is aborted and iteration ends with an `AbortError`. */
  signal?: AbortSignal;
}

/** Filter of the service-level Real-Time methods: by service, by call center, or both ('or'). */
export interface ServiceFilter {
  service?: FilterId[];
  callCenter?: FilterId[];
}

/** Filter of Campaign Level Statistics: an exclusive 'or', so at most one kind may be given. */
export interface CampaignStatsFilter {
  campaign?: FilterId[];
  service?: FilterId[];
  callCenter?: FilterId[];
}

/** Interaction types the Interaction Event feeds filter on (the API's own spelling varies by field). */
export type InteractionType = (typeof INTERACTION_TYPES)[number] | (string & {});

/** Filter of the Interaction Event feeds. */
export interface InteractionFilter {
  /** `['EMAIL', 'SMS']` or the wire form `[{ type: 'EMAIL' }]`. */
  interactionType?: Array<InteractionType | { type: InteractionType }>;
  callCenter?: FilterId[];
  service?: FilterId[];
}

/** LiveVox's error body: an application code (`202` with a 400 on the feeds: token older than 24 hours) and a message. */
export type LiveVoxErrorBody = z.output<typeof liveVoxErrorSchema>;
