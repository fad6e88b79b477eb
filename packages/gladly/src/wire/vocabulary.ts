import { z } from 'zod';

/**
 * Gladly's enumerations, as its OpenAPI document lists them. Gladly adds values within a version
 * ("ignore unknown ones"), so answers are read with open enums and only requests are held to the list.
 */

/** Channels an agent can be available for, in Gladly's documented order. */
export const AVAILABILITY_CHANNELS = ['MAIL', 'MESSAGING', 'TASK', 'VOICE'] as const;
/** Channels an agent can be available for. */
export const AvailabilityChannelSchema = z.enum(AVAILABILITY_CHANNELS);
/** Channels an agent can be available for. */
export type AvailabilityChannel = z.infer<typeof AvailabilityChannelSchema>;

/** Channels of a contact (a different vocabulary from availability). */
export const CONTACT_CHANNELS = [
  'CHAT',
  'EMAIL',
  'FB_MESSENGER',
  'INSTAGRAM_DIRECT',
  'PHONE_CALL',
  'SMS',
  'VOICEMAIL',
  'WHATSAPP',
] as const;
/** A contact channel Gladly documents. */
export type KnownContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * A string schema whose type names the known values yet accepts newer ones (`'A' | 'B' | (string & {})`).
 * The document shows the known values; the cast is the only way to keep the open-ended literal type,
 * since zod infers plain `string` for such a union.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.enum(values), z.string()])
    .describe(`one of ${values.join(', ')}; newer values may appear`) as unknown as z.ZodType<
    T[number] | (string & {})
  >;
}

/** Channels of a contact; unknown strings are possible. */
export const ContactChannelSchema = openEnum(CONTACT_CHANNELS);
/** Channels of a contact. Gladly adds values within a version, so unknown strings are possible. */
export type ContactChannel = z.infer<typeof ContactChannelSchema>;

/** Entities the Events API filters by. */
export const EVENT_ENTITIES = [
  'AGENT_AVAILABILITY',
  'AGENT_STATUS',
  'CONTACT',
  'CONVERSATION',
  'CUSTOMER',
  'CUSTOMER_PROFILE',
  'PAYMENT_REQUEST',
  'TASK',
] as const;
/** Entities the Events API filters by. */
export const EventEntitySchema = z.enum(EVENT_ENTITIES, {
  error: (issue) => `${String(issue.input)} is not an event entity (known: ${EVENT_ENTITIES.join(', ')})`,
});
/** Entities the Events API filters by. */
export type EventEntity = z.infer<typeof EventEntitySchema>;

/** Every event type a webhook may subscribe to (Gladly's webhook resource enum). */
export const WEBHOOK_EVENT_TYPES = [
  'AGENT_AVAILABILITY/FOCUS_ENTERED',
  'AGENT_AVAILABILITY/FOCUS_EXITED',
  'AGENT_AVAILABILITY/UPDATED',
  'AGENT_STATUS/CHANGED_ACTIVE_REASON',
  'AGENT_STATUS/LOGGED_IN',
  'AGENT_STATUS/LOGGED_OUT',
  'AGENT_STATUS/RETURNED_FROM_AWAY',
  'AGENT_STATUS/WENT_AWAY',
  'CONTACT/ENDED',
  'CONTACT/FULFILLED',
  'CONTACT/HOLD_ENDED',
  'CONTACT/HOLD_STARTED',
  'CONTACT/JOINED',
  'CONTACT/MESSAGE_RECEIVED',
  'CONTACT/MESSAGE_SENT',
  'CONTACT/OFFER_ACCEPTED',
  'CONTACT/OFFERED',
  'CONTACT/OFFER_REJECTED',
  'CONTACT/STARTED',
  'CONTACT/TRANSFERRED',
  'CONVERSATION/CLOSED',
  'CONVERSATION/CREATED',
  'CONVERSATION/CUSTOM_ATTRIBUTE_ADDED',
  'CONVERSATION/CUSTOM_ATTRIBUTE_REMOVED',
  'CONVERSATION/NOTE_CREATED',
  'CONVERSATION/REOPENED',
  'CONVERSATION/TOPIC_ADDED',
  'CONVERSATION/TOPIC_REMOVED',
  'CONVERSATION_ASSIGNEE/UPDATED',
  'CONVERSATION_STATUS/UPDATED',
  'CUSTOMER/MERGED',
  'CUSTOMER_PROFILE/CREATED',
  'CUSTOMER_PROFILE/DELETED',
  'CUSTOMER_PROFILE/MERGED',
  'CUSTOMER_PROFILE/UPDATED',
  'EXPORT_JOB/COMPLETED',
  'EXPORT_JOB/FAILED',
  'PAYMENT_REQUEST/CREATED',
  'PAYMENT_REQUEST/STATUS_CHANGED',
  'PAYMENT_REQUEST/VIEWED',
  'TASK/ASSIGNEE_UPDATED',
  'TASK/CLOSED',
  'TASK/COMMENT_ADDED',
  'TASK/CONTENT_UPDATED',
  'TASK/CREATED',
  'TASK/DUE_DATE_UPDATED',
  'TASK/FOLLOWER_ADDED',
  'TASK/FOLLOWER_REMOVED',
  'TASK/REOPENED',
] as const;
/** An event type a webhook may subscribe to, as a request must name it (the documented list only). */
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, {
  error: (issue) => `${String(issue.input)} is not a webhook event type`,
});

/** The entity an event type belongs to (`CONVERSATION_ASSIGNEE/UPDATED` belongs to `CONVERSATION`). */
export function entityOfEventType(type: string): string {
  const prefix = type.split('/')[0] ?? type;
  return prefix.startsWith('CONVERSATION') ? 'CONVERSATION' : prefix;
}

/** An ISO 8601 time as Gladly writes it (`2025-03-10T16:00:00.000Z`). */
export const TimestampSchema = z.string().describe('ISO 8601 time with milliseconds');

/** Base path of every Gladly API operation. */
export const GLADLY_API_PREFIX = '/api/v1';
