/** Channels an agent can be available for (Gladly's availability vocabulary). */
export const AVAILABILITY_CHANNELS = ['MAIL', 'MESSAGING', 'TASK', 'VOICE'] as const;
/** One availability channel. */
export type AvailabilityChannel = (typeof AVAILABILITY_CHANNELS)[number];

/** Channels of a contact (Gladly's contact vocabulary). */
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
/** One contact channel. */
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** The availability channel a contact channel needs (Gladly's WFM example pairs VOICE with PHONE_CALL). */
export function availabilityFor(channel: ContactChannel): AvailabilityChannel {
  if (channel === 'PHONE_CALL' || channel === 'VOICEMAIL') return 'VOICE';
  if (channel === 'EMAIL') return 'MAIL';
  return 'MESSAGING';
}

/** `GET /agents` item. */
export interface Agent {
  id: string;
  name: string;
  emailAddress: string;
}

/** `GET /teams` item. */
export interface Team {
  id: string;
  name: string;
  description: string;
  agentIds: string[];
}

/** `GET /inboxes` item. */
export interface Inbox {
  id: string;
  name: string;
  disabled: boolean;
}

/** An away or active reason, `{ id, name }`. */
export interface Reason {
  id: string;
  name: string;
}

/** `GET /conversations/{id}`. */
export interface Conversation {
  id: string;
  customerId: string;
  agentId?: string;
  inboxId: string;
  status: 'OPEN' | 'WAITING' | 'CLOSED';
  createdAt: string;
  closedAt?: string;
  topicIds: string[];
  customAttributes: Array<{ id: string; value: string }>;
}

/** Who started or answered a conversation item. */
export interface Participant {
  id: string;
  type: 'AGENT' | 'CUSTOMER';
}

/** `GET /conversations/{id}/items` item. */
export interface ConversationItem {
  id: string;
  customerId: string;
  conversationId: string;
  timestamp: string;
  initiator: Participant;
  responder?: Participant;
  content: { type: string; [field: string]: unknown };
}

/** A contact (one phone call, chat session, email exchange) and the work session of its agent. */
export interface Contact {
  id: string;
  conversationId: string;
  customerId: string;
  inboxId: string;
  channel: ContactChannel;
  direction: 'INBOUND' | 'OUTBOUND';
  createdAt: number;
  routedAt?: number;
  acceptedAt?: number;
  agentId?: string;
  endedAt?: number;
  /** Simulated time the agent finishes the contact (set when accepted). */
  plannedEndAt?: number;
  /** Simulated time a waiting customer gives up (undefined: never). */
  abandonAt?: number;
  status: 'ACTIVE' | 'ANSWERED' | 'ABANDONED' | 'UNANSWERED';
  afterContactSeconds?: number;
  /** Work-session row id. */
  workSessionId: string;
  slaSeconds: number;
}

/** Who or what caused an event. Left out for system actions (routing, abandonment). */
export interface EventInitiator {
  id: string;
  type: 'AGENT' | 'CUSTOMER';
}

/** An event as the Events API streams it and webhooks deliver it. */
export interface GladlyEvent {
  id: string;
  type: string;
  /** ISO 8601 with milliseconds. */
  timestamp: string;
  initiator?: EventInitiator;
  content: Record<string, unknown>;
}

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

/** The entity an event type belongs to (`CONVERSATION_ASSIGNEE/UPDATED` → `CONVERSATION`). */
export function entityOf(type: string): string {
  const prefix = type.split('/')[0] ?? type;
  return prefix.startsWith('CONVERSATION') ? 'CONVERSATION' : prefix;
}

/** Every event type a webhook may subscribe to, as listed in Gladly's webhook resource. */
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

/** ISO 8601 with milliseconds, as Gladly writes timestamps. */
export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
