import { EventStreamError } from './errors.js';
import { classifyEvent } from './poison.js';
import { AVAILABILITY_CHANNELS, type GladlyEventContents, type GladlyEventEnvelope } from './wire/index.js';

export {
  type Assignee,
  type ContactIds,
  EVENT_ENTITIES,
  type EventEntity,
  type EventInitiator,
  entityOfEventType,
  type GladlyEventContents,
  type PingEvent,
  type StatusReason,
} from './wire/index.js';

/** The envelope every event shares, with its type and content narrowed. */
export type GladlyEventOf<T extends string, C> = Omit<GladlyEventEnvelope, 'type' | 'content'> & {
  type: T;
  content: C;
};

/** A known event type. */
export type KnownEventType = keyof GladlyEventContents & string;

/** A known event, discriminated by `type`. */
export type KnownGladlyEvent = {
  [T in KnownEventType]: GladlyEventOf<T, GladlyEventContents[T]>;
}[KnownEventType];

/** An event of a type this package has no content type for (Gladly adds types within a version). */
export type OtherGladlyEvent = GladlyEventOf<string, Record<string, unknown>>;

/** An event as the Events API streams it and webhooks deliver it. Narrow with {@link isEventType}. */
export type GladlyEvent = KnownGladlyEvent | OtherGladlyEvent;

/** Narrows an event to a known type, giving its content a precise type. */
export function isEventType<T extends KnownEventType>(
  event: GladlyEvent,
  type: T,
): event is Extract<KnownGladlyEvent, { type: T }> {
  return event.type === type;
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
  const item = classifyEvent(line, lineNumber);
  if (item.kind === 'event') return item.event;
  throw new EventStreamError(`events line ${lineNumber} is not an event: ${item.poison.reason}`, lineNumber);
}
