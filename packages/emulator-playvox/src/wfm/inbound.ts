import type { wfm } from '@voxbridge/playvox/wire';
import type { z } from 'zod';
import type { UserReference } from './directory.js';
import { wfmError } from './errors.js';

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
 * The events of an inbound body the contract parsed (`{ "events": [...] }`, a bare array, or one event
 * object). More than `maxBatchSize` events (a setting, so not in the contract) is a 400.
 */
export function eventsOf<E>(body: { events: E[] } | E[] | E, maxBatchSize: number): E[] {
  const wrapped = typeof body === 'object' && body !== null && 'events' in body;
  const list = Array.isArray(body) ? body : wrapped ? (body as { events: E[] }).events : [body as E];
  const name = Array.isArray(body) ? 'body' : 'events';
  if (list.length > maxBatchSize)
    throw wfmError(400, `${name}: at most ${maxBatchSize} events per request (got ${list.length})`, {
      field: name,
    });
  return list;
}

/** Integration ids may arrive as numbers (LiveVox agent ids); they are compared as strings. */
const idText = (value: string | number | undefined) => (value === undefined ? undefined : String(value));

/** A checked agent-status event in the emulator's terms. */
export function statusInput(event: z.output<typeof wfm.agentStatusEvent>): StatusEventInput {
  return {
    eventId: String(event.eventId),
    status: event.status,
    atMs: Date.parse(event.timestamp),
    userEmail: event.userEmail,
    userId: idText(event.userId),
  };
}

/** A checked contact event in the emulator's terms. */
export function contactInput(event: z.output<typeof wfm.contactEvent>): ContactEventInput {
  return {
    eventId: String(event.eventId),
    event: event.event,
    contactId: String(event.contactId),
    workstream: event.workstream,
    startMs: Date.parse(event.startTime),
    endMs: event.endTime === undefined ? undefined : Date.parse(event.endTime),
    handleTimeSeconds: event.handleTimeSeconds,
    conversationId: idText(event.conversationId),
    channel: event.channel,
    direction: event.direction,
    userEmail: event.userEmail,
    userId: idText(event.userId),
  };
}
