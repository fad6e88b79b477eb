import type { AvailabilityChannel, GladlyEventEnvelope, KnownContactChannel } from '@voxbridge/gladly/wire';

// The wire types come from the client's contract (`@voxbridge/gladly/wire`); this module holds what
// only the emulator knows: contacts as the simulation keeps them, and its time format.
export {
  type Agent,
  AVAILABILITY_CHANNELS,
  type AvailabilityChannel,
  CONTACT_CHANNELS,
  type Conversation,
  type ConversationItem,
  EVENT_ENTITIES,
  type EventInitiator,
  entityOfEventType as entityOf,
  type Inbox,
  type Participant,
  type Team,
  WEBHOOK_EVENT_TYPES,
} from '@voxbridge/gladly/wire';

/** A contact channel the simulation produces (the documented ones). */
export type ContactChannel = KnownContactChannel;

/** An event as the Events API streams it and webhooks deliver it. */
export type GladlyEvent = GladlyEventEnvelope;

/** An away or active reason of the organisation, `{ id, name }`. */
export interface Reason {
  id: string;
  name: string;
}

/** The availability channel a contact channel needs (Gladly's WFM example pairs VOICE with PHONE_CALL). */
export function availabilityFor(channel: ContactChannel): AvailabilityChannel {
  if (channel === 'PHONE_CALL' || channel === 'VOICEMAIL') return 'VOICE';
  if (channel === 'EMAIL') return 'MAIL';
  return 'MESSAGING';
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

/** ISO 8601 with milliseconds, as Gladly writes timestamps. */
export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
