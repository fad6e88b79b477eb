import type { UserReference } from './directory.js';
import { FieldError, wfmError } from './errors.js';
import { asObject, readNonNegative, readString, readTimestamp } from './validate.js';

/** One agent-status event, as `POST …/integrations/{integration}/agent-status` takes it. */
export interface StatusEventInput extends UserReference {
  eventId: string;
  status: string;
  atMs: number;
}

/** What a contact event says happened. */
export type ContactEventKind = 'created' | 'closed';

/** One contact event, as `POST …/integrations/{integration}/contacts` takes it. */
export interface ContactEventInput extends UserReference {
  eventId: string;
  event: ContactEventKind;
  contactId: string;
  workstream: string;
  startMs: number;
  endMs: number | undefined;
  handleTimeSeconds: number | undefined;
  conversationId: string | undefined;
  channel: string | undefined;
  direction: 'inbound' | 'outbound' | undefined;
}

/**
 * The events of an inbound body: `{ "events": [...] }`, a bare array, or one event object. More than
 * `maxBatchSize` events is a 400; the whole batch is checked before any of it is applied.
 */
export function batchOf(
  body: unknown,
  maxBatchSize: number,
): { list: unknown[]; prefix: (i: number) => string } {
  let list: unknown[];
  let name = 'events';
  if (Array.isArray(body)) {
    list = body;
    name = '';
  } else if (
    typeof body === 'object' &&
    body !== null &&
    Array.isArray((body as { events?: unknown }).events)
  ) {
    list = (body as { events: unknown[] }).events;
  } else if (typeof body === 'object' && body !== null && 'eventId' in body) {
    return { list: [body], prefix: () => '' };
  } else {
    throw wfmError(400, 'body: must be { "events": [ ... ] }, an array of events or one event object');
  }
  if (list.length === 0) throw wfmError(400, `${name || 'body'}: must hold at least one event`);
  if (list.length > maxBatchSize)
    throw wfmError(400, `${name || 'body'}: at most ${maxBatchSize} events per request (got ${list.length})`);
  return { list, prefix: (i) => `${name}[${i}].` };
}

function readUser(event: Record<string, unknown>, prefix: string, required: boolean): UserReference {
  const userEmail = readString(event, 'userEmail', prefix, { max: 320 });
  const userId = readIdentifier(event, 'userId', prefix);
  if (required && userEmail === undefined && userId === undefined) {
    throw new FieldError(`${prefix}userEmail`, 'userEmail or userId is required');
  }
  return { userEmail, userId };
}

/** Integration ids may arrive as numbers (LiveVox agent ids); they are compared as strings. */
function readIdentifier(event: Record<string, unknown>, key: string, prefix: string): string | undefined {
  const value = event[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return readString(event, key, prefix, { max: 200 });
}

/** Checks one agent-status event. */
export function parseStatusEvent(value: unknown, prefix: string): StatusEventInput {
  const event = asObject(value, prefix.replace(/\.$/, '') || 'body');
  return {
    eventId: readIdentifier(event, 'eventId', prefix) ?? missing(`${prefix}eventId`),
    status: readString(event, 'status', prefix, { required: true, max: 500 })!,
    atMs: readTimestamp(event, 'timestamp', prefix, true)!,
    ...readUser(event, prefix, true),
  };
}

/** Checks one contact event. */
export function parseContactEvent(value: unknown, prefix: string): ContactEventInput {
  const event = asObject(value, prefix.replace(/\.$/, '') || 'body');
  const kind = event.event;
  if (kind !== 'created' && kind !== 'closed')
    throw new FieldError(`${prefix}event`, 'must be "created" or "closed"');
  const direction = event.direction;
  if (direction !== undefined && direction !== 'inbound' && direction !== 'outbound')
    throw new FieldError(`${prefix}direction`, 'must be "inbound" or "outbound"');
  const startMs = readTimestamp(event, 'startTime', prefix, true)!;
  const endMs = readTimestamp(event, 'endTime', prefix, false);
  if (endMs !== undefined && endMs < startMs)
    throw new FieldError(`${prefix}endTime`, 'must not be before startTime');
  return {
    eventId: readIdentifier(event, 'eventId', prefix) ?? missing(`${prefix}eventId`),
    event: kind,
    contactId: readIdentifier(event, 'contactId', prefix) ?? missing(`${prefix}contactId`),
    workstream: readString(event, 'workstream', prefix, { required: true, max: 500 })!,
    startMs,
    endMs,
    handleTimeSeconds: readNonNegative(event, 'handleTimeSeconds', prefix) ?? undefined,
    conversationId: readIdentifier(event, 'conversationId', prefix),
    channel: readString(event, 'channel', prefix, { max: 64 }),
    direction,
    ...readUser(event, prefix, false),
  };
}

function missing(field: string): never {
  throw new FieldError(field, 'is required');
}
