import type { GladlyEvent } from './events.js';

/**
 * A malformed item of an Events API answer or a webhook body: kept apart with its raw text and the
 * reason, so that a caller can dead-letter it and go on with the rest (one bad item never blocks a feed).
 */
export interface PoisonItem {
  /** The item's raw text as received (cut to {@link POISON_RAW_LIMIT} characters). */
  raw: string;
  /** Why it is not an event, naming the field at fault (`id: must be a non-empty string`). */
  reason: string;
  /** 1-based line of the Events API answer it came from (absent for a webhook body). */
  line?: number;
  /** The item's `id` when it has a usable one (a dead-letter key); absent otherwise. */
  id?: string;
  /** The raw text was longer than {@link POISON_RAW_LIMIT} and was cut. */
  truncated?: boolean;
}

/** An item of an event source: a good event or a poison item. */
export type EventItem = { kind: 'event'; event: GladlyEvent } | { kind: 'poison'; poison: PoisonItem };

/** Longest raw text a poison item keeps (a runaway line must not fill the dead-letter store). */
export const POISON_RAW_LIMIT = 65_536;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `a string ${JSON.stringify(value.slice(0, 40))}` : `a ${typeof value}`;
}

/** The first problem that keeps a parsed value from being an event, or undefined for an event. */
function problemOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `not an object (got ${describe(value)})`;
  const item = value as Record<string, unknown>;
  if (typeof item.id !== 'string' || item.id.trim() === '')
    return `id: must be a non-empty string (got ${describe(item.id)})`;
  if (typeof item.type !== 'string' || item.type.trim() === '')
    return `type: must be a non-empty string (got ${describe(item.type)})`;
  if (typeof item.timestamp !== 'string' || Number.isNaN(Date.parse(item.timestamp)))
    return `timestamp: must be an ISO 8601 time (got ${describe(item.timestamp)})`;
  if (typeof item.content !== 'object' || item.content === null || Array.isArray(item.content))
    return `content: must be an object (got ${describe(item.content)})`;
  return undefined;
}

/**
 * Classifies one raw item (an Events API line or a webhook body): the event when it is one, else a
 * poison item with its raw text and the reason. Never throws.
 */
export function classifyEvent(raw: string, line?: number): EventItem {
  const poison = (reason: string, id?: string): EventItem => ({
    kind: 'poison',
    poison: {
      raw: raw.length > POISON_RAW_LIMIT ? raw.slice(0, POISON_RAW_LIMIT) : raw,
      reason,
      ...(line !== undefined ? { line } : {}),
      ...(id !== undefined ? { id } : {}),
      ...(raw.length > POISON_RAW_LIMIT ? { truncated: true } : {}),
    },
  });
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return poison(`not JSON (${(error as Error).message})`);
  }
  const problem = problemOf(value);
  if (problem === undefined) return { kind: 'event', event: value as GladlyEvent };
  const id = (value as { id?: unknown } | null)?.id;
  return poison(problem, typeof id === 'string' && id.trim() !== '' ? id : undefined);
}

/**
 * Reads a webhook request's body (Gladly POSTs one event per request): the event, or a poison item the
 * receiver dead-letters while still answering 2xx, so Gladly neither retries it nor disables the webhook.
 */
export function parseWebhookBody(raw: string | Buffer): EventItem {
  return classifyEvent(typeof raw === 'string' ? raw : raw.toString('utf8'));
}
