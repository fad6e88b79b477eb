import { EventStreamError } from './errors.js';
import { AVAILABILITY_CHANNELS, type AvailabilityChannel, type ContactChannel } from './types.js';

/** Entities the Events API filters by. */
export type EventEntity =
  | 'AGENT_AVAILABILITY'
  | 'AGENT_STATUS'
  | 'CONTACT'
  | 'CONVERSATION'
  | 'CUSTOMER'
  | 'CUSTOMER_PROFILE'
  | 'PAYMENT_REQUEST'
  | 'TASK';

/** Every documented entity. */
export const EVENT_ENTITIES: readonly EventEntity[] = [
  'AGENT_AVAILABILITY',
  'AGENT_STATUS',
  'CONTACT',
  'CONVERSATION',
  'CUSTOMER',
  'CUSTOMER_PROFILE',
  'PAYMENT_REQUEST',
  'TASK',
];

/** Who or what caused an event. */
export interface EventInitiator {
  id: string;
  type: 'AGENT' | 'CUSTOMER' | (string & {});
}

/** `{ id, name }` of an away or active reason. */
export interface StatusReason {
  id: string;
  name?: string;
}

/** Inbox and agent a conversation or contact is assigned to. */
export interface Assignee {
  inboxId: string;
  agentId?: string;
}

/** The envelope every event shares. */
export interface GladlyEventOf<T extends string, C> {
  id: string;
  type: T;
  /** When Gladly recorded the event (ISO 8601, milliseconds). */
  timestamp: string;
  /** Left out by some system events. */
  initiator?: EventInitiator;
  content: C;
}

/** The ids every contact event carries. */
export interface ContactIds {
  channel: ContactChannel;
  contactId: string;
  conversationId: string;
  customerId: string;
  /** The assignee just before the event. */
  context: { assignee: Assignee };
}

/** The content of each known event type. */
export interface GladlyEventContents {
  'AGENT_AVAILABILITY/UPDATED': { agentId: string; availableFor: AvailabilityChannel[]; occurredAt: string };
  'AGENT_AVAILABILITY/FOCUS_ENTERED': { agentId: string; context: { availableFor: AvailabilityChannel[] } };
  'AGENT_AVAILABILITY/FOCUS_EXITED': { agentId: string; context: { availableFor: AvailabilityChannel[] } };
  'AGENT_STATUS/LOGGED_IN': { agentId: string; occurredAt: string; activeReason?: StatusReason };
  'AGENT_STATUS/LOGGED_OUT': { agentId: string; occurredAt: string };
  /** No `awayReason` when the agent went auto-away after idling. */
  'AGENT_STATUS/WENT_AWAY': { agentId: string; occurredAt: string; awayReason?: StatusReason };
  'AGENT_STATUS/RETURNED_FROM_AWAY': {
    agentId: string;
    awayAt: string;
    occurredAt: string;
    awayReason?: StatusReason;
    activeReason?: StatusReason;
  };
  'AGENT_STATUS/CHANGED_ACTIVE_REASON': { agentId: string; occurredAt: string; activeReason?: StatusReason };
  'CONTACT/STARTED': ContactIds & { dueAt?: string; entryPoint?: string; finalIVRSelection?: string };
  'CONTACT/ENDED': ContactIds & {
    status: 'ANSWERED' | 'UNANSWERED' | 'ABANDONED' | 'UNKNOWN';
    reason?: string;
  };
  'CONTACT/OFFERED': ContactIds & { agentId: string; matchReasons?: string[] };
  'CONTACT/OFFER_ACCEPTED': ContactIds & { agentId: string };
  'CONTACT/OFFER_REJECTED': ContactIds & { agentId: string; reason: string };
  'CONVERSATION/CREATED': { customerId: string; conversationId: string; context: { assignee: Assignee } };
  'CONVERSATION/CLOSED': { customerId: string; conversationId: string; context: { assignee: Assignee } };
  'CONVERSATION/REOPENED': { customerId: string; conversationId: string; context: { assignee: Assignee } };
  'CONVERSATION_ASSIGNEE/UPDATED': {
    customerId: string;
    conversationId: string;
    reason: string;
    assignee: Assignee;
    context: { assignee: Assignee };
  };
}

/** A known event type. */
export type KnownEventType = keyof GladlyEventContents;

/** A known event, discriminated by `type`. */
export type KnownGladlyEvent = {
  [T in KnownEventType]: GladlyEventOf<T, GladlyEventContents[T]>;
}[KnownEventType];

/** An event of a type this package has no content type for (Gladly adds types within a version). */
export type OtherGladlyEvent = GladlyEventOf<string, Record<string, unknown>>;

/** An event as the Events API streams it and webhooks deliver it. Narrow with {@link isEventType}. */
export type GladlyEvent = KnownGladlyEvent | OtherGladlyEvent;

/** The PING Gladly sends when a webhook is created enabled, enabled, or given a new URL. */
export interface PingEvent {
  type: 'PING';
  id?: string;
  timestamp?: string;
}

/** Narrows an event to a known type, giving its content a precise type. */
export function isEventType<T extends KnownEventType>(
  event: GladlyEvent,
  type: T,
): event is Extract<KnownGladlyEvent, { type: T }> {
  return event.type === type;
}

/** The entity an event type belongs to (`CONVERSATION_ASSIGNEE/UPDATED` belongs to `CONVERSATION`). */
export function entityOfEventType(type: string): string {
  const prefix = type.split('/')[0] ?? type;
  return prefix.startsWith('CONVERSATION') ? 'CONVERSATION' : prefix;
}

/**
 * The agent status string the Playvox WFM connector matches its task regular expressions against:
 * `LOGGED_IN`, `LOGGED_OUT`, the away reason's name (or `WENT_AWAY` for auto-away), `RETURNED_FROM_AWAY`,
 * `AvailableFor:<channels>` (channels in MAIL, MESSAGING, TASK, VOICE order, comma-separated) or
 * `Unavailable`. Null for events that say nothing about an agent's status.
 */
export function agentStatusOf(event: GladlyEvent): string | null {
  if (isEventType(event, 'AGENT_STATUS/LOGGED_IN')) return 'LOGGED_IN';
  if (isEventType(event, 'AGENT_STATUS/LOGGED_OUT')) return 'LOGGED_OUT';
  if (isEventType(event, 'AGENT_STATUS/WENT_AWAY')) return event.content.awayReason?.name || 'WENT_AWAY';
  if (isEventType(event, 'AGENT_STATUS/RETURNED_FROM_AWAY')) return 'RETURNED_FROM_AWAY';
  if (isEventType(event, 'AGENT_AVAILABILITY/UPDATED')) {
    const channels = AVAILABILITY_CHANNELS.filter((channel) => event.content.availableFor?.includes(channel));
    return channels.length > 0 ? `AvailableFor:${channels.join(',')}` : 'Unavailable';
  }
  return null;
}

/** Parses one JSON line of the Events API (or a webhook body) into an event; throws {@link EventStreamError}. */
export function parseEventLine(line: string, lineNumber: number): GladlyEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new EventStreamError(
      `events line ${lineNumber} is not JSON (${(error as Error).message})`,
      lineNumber,
    );
  }
  const event = value as Partial<GladlyEvent> | null;
  if (
    typeof event !== 'object' ||
    event === null ||
    typeof event.id !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.timestamp !== 'string' ||
    typeof event.content !== 'object' ||
    event.content === null
  ) {
    throw new EventStreamError(
      `events line ${lineNumber} is not an event (needs id, type, timestamp and content)`,
      lineNumber,
    );
  }
  return event as GladlyEvent;
}
