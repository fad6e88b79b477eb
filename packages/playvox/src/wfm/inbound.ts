import { ValidationError } from '@voxbridge/core';
import type {
  WfmAgentStatusEvent,
  WfmContactEvent,
  WfmInboundItemResult,
  WfmInboundResult,
  WfmMatch,
  WfmUserMapping,
  WfmUserReference,
} from './types.js';

/** Events per inbound request unless the caller says otherwise (the emulator accepts up to 500). */
export const WFM_DEFAULT_INBOUND_BATCH = 500;

/** Most user mappings per request (the emulator's limit). */
export const WFM_MAX_USER_MAPPINGS = 1000;

/** An integration alias as used in the inbound paths: 1-64 characters of a-z, 0-9, `_` and `-`. */
export const WFM_INTEGRATION_ALIAS = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Checks an integration alias. */
export function assertIntegrationAlias(alias: string): void {
  if (typeof alias !== 'string' || !WFM_INTEGRATION_ALIAS.test(alias)) {
    throw new ValidationError(
      'integration',
      'must be 1-64 characters of a-z, 0-9, _ and - (starting with a letter or digit)',
    );
  }
}

/** A Date or a zoned ISO string as ISO 8601; anything else is a ValidationError naming `field`. */
export function toWfmTime(value: Date | string, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValidationError(field, 'must be a valid Date');
    return value.toISOString();
  }
  if (typeof value !== 'string' || !ZONED.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(field, 'must be a Date or an ISO 8601 date-time with a zone (Z or an offset)');
  }
  return value;
}

function nonEmpty(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw new ValidationError(field, `must be a string of 1 to ${max} characters`);
  return value;
}

function userFields(event: WfmUserReference, prefix: string, required: boolean): WfmUserReference {
  const out: WfmUserReference = {};
  if (event.userEmail !== undefined) out.userEmail = nonEmpty(event.userEmail, `${prefix}userEmail`, 320);
  if (event.userId !== undefined) {
    if (
      typeof event.userId === 'number'
        ? !Number.isFinite(event.userId)
        : typeof event.userId !== 'string' || event.userId === ''
    ) {
      throw new ValidationError(`${prefix}userId`, 'must be a non-empty string or a number');
    }
    out.userId = event.userId;
  }
  if (required && out.userEmail === undefined && out.userId === undefined)
    throw new ValidationError(`${prefix}userEmail`, 'userEmail or userId is required');
  return out;
}

/** The wire form of an agent-status event, checked. */
export function statusEventBody(event: WfmAgentStatusEvent, prefix: string): Record<string, unknown> {
  return {
    eventId: nonEmpty(event.eventId, `${prefix}eventId`, 200),
    ...userFields(event, prefix, true),
    status: nonEmpty(event.status, `${prefix}status`, 500),
    timestamp: toWfmTime(event.timestamp, `${prefix}timestamp`),
  };
}

/** The wire form of a contact event, checked. */
export function contactEventBody(event: WfmContactEvent, prefix: string): Record<string, unknown> {
  if (event.event !== 'created' && event.event !== 'closed')
    throw new ValidationError(`${prefix}event`, 'must be "created" or "closed"');
  if (event.direction !== undefined && event.direction !== 'inbound' && event.direction !== 'outbound') {
    throw new ValidationError(`${prefix}direction`, 'must be "inbound" or "outbound"');
  }
  if (
    event.handleTimeSeconds !== undefined &&
    !(Number.isFinite(event.handleTimeSeconds) && event.handleTimeSeconds >= 0)
  ) {
    throw new ValidationError(`${prefix}handleTimeSeconds`, 'must be a number >= 0');
  }
  const startTime = toWfmTime(event.startTime, `${prefix}startTime`);
  const endTime = event.endTime === undefined ? undefined : toWfmTime(event.endTime, `${prefix}endTime`);
  if (endTime !== undefined && Date.parse(endTime) < Date.parse(startTime))
    throw new ValidationError(`${prefix}endTime`, 'must not be before startTime');
  const body: Record<string, unknown> = {
    eventId: nonEmpty(event.eventId, `${prefix}eventId`, 200),
    event: event.event,
    contactId: nonEmpty(event.contactId, `${prefix}contactId`, 200),
    workstream: nonEmpty(event.workstream, `${prefix}workstream`, 500),
    ...userFields(event, prefix, false),
    startTime,
  };
  if (endTime !== undefined) body.endTime = endTime;
  if (event.handleTimeSeconds !== undefined) body.handleTimeSeconds = event.handleTimeSeconds;
  if (event.conversationId !== undefined)
    body.conversationId = nonEmpty(event.conversationId, `${prefix}conversationId`, 200);
  if (event.channel !== undefined) body.channel = nonEmpty(event.channel, `${prefix}channel`, 64);
  if (event.direction !== undefined) body.direction = event.direction;
  return body;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An empty tally, to which each batch's answer is added. */
export function emptyInboundResult(): WfmInboundResult {
  return {
    received: 0,
    accepted: 0,
    duplicates: 0,
    matches: { matched: 0, unmatched: 0, ambiguous: 0, unknown_user: 0 },
    results: [],
  };
}

/** Adds one batch's `data` to the tally. */
export function addInboundBatch(total: WfmInboundResult, results: WfmInboundItemResult[]): void {
  for (const result of results) {
    total.received += 1;
    total.results.push(result);
    if (result.outcome === 'duplicate') {
      total.duplicates += 1;
      continue;
    }
    total.accepted += 1;
    if (result.match !== undefined && result.match in total.matches)
      total.matches[result.match as WfmMatch] += 1;
  }
}

/** The wire form of a user mapping, checked. */
export function userMappingBody(mapping: WfmUserMapping, prefix: string): Record<string, unknown> {
  if (typeof mapping !== 'object' || mapping === null)
    throw new ValidationError(prefix.slice(0, -1), 'must be an object');
  const body: Record<string, unknown> = {};
  if (mapping.email !== undefined) body.email = nonEmpty(mapping.email, `${prefix}email`, 320);
  if (mapping.userId !== undefined) {
    if (!(Number.isInteger(mapping.userId) && mapping.userId > 0))
      throw new ValidationError(`${prefix}userId`, 'must be a positive integer');
    body.userId = mapping.userId;
  }
  if (body.email === undefined && body.userId === undefined)
    throw new ValidationError(`${prefix}email`, 'email or userId is required');
  if (mapping.identifier !== null) nonEmpty(mapping.identifier, `${prefix}identifier`, 200);
  body.identifier = mapping.identifier;
  return body;
}
