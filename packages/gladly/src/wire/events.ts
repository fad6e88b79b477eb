import { z } from 'zod';
import { ParticipantSchema } from './resources.js';
import { AvailabilityChannelSchema, ContactChannelSchema, TimestampSchema } from './vocabulary.js';

/** Who or what caused an event. */
export const EventInitiatorSchema = ParticipantSchema;

/** `{ id, name }` of an away or active reason. */
export const StatusReasonSchema = z.object({ id: z.string(), name: z.string().optional() });

/** Inbox and agent a conversation or contact is assigned to. */
export const AssigneeSchema = z.object({ inboxId: z.string(), agentId: z.string().optional() });

/**
 * The envelope every event shares, as the Events API streams it (one per JSON line) and webhooks
 * deliver it. `content` holds ids only; the receiver reads details through the REST API.
 */
export const GladlyEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  timestamp: TimestampSchema.describe('when Gladly recorded the event (ISO 8601, milliseconds)'),
  initiator: EventInitiatorSchema.optional().describe('left out by some system events'),
  content: z.record(z.string(), z.unknown()),
});

/** An event of any type: the envelope with its content as a record. */
export type GladlyEventEnvelope = z.infer<typeof GladlyEventSchema>;

/** The PING Gladly sends when a webhook is created enabled, enabled, or given a new URL. */
export const PingEventSchema = z.object({
  type: z.literal('PING'),
  id: z.string().optional(),
  timestamp: z.string().optional(),
});

const context = z.object({ assignee: AssigneeSchema });
/** The ids every contact event carries (`context.assignee` is the assignee just before the event). */
export const ContactIdsSchema = z.object({
  channel: ContactChannelSchema,
  contactId: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  context,
});
const conversationIds = z.object({ customerId: z.string(), conversationId: z.string(), context });
const focus = z.object({
  agentId: z.string(),
  context: z.object({ availableFor: z.array(AvailabilityChannelSchema) }),
});

/** The content of each event type this contract knows, by type. */
export const EVENT_CONTENT_SCHEMAS = {
  'AGENT_AVAILABILITY/UPDATED': z.object({
    agentId: z.string(),
    availableFor: z.array(AvailabilityChannelSchema).describe('empty: available for nothing'),
    occurredAt: z.string(),
  }),
  'AGENT_AVAILABILITY/FOCUS_ENTERED': focus,
  'AGENT_AVAILABILITY/FOCUS_EXITED': focus,
  'AGENT_STATUS/LOGGED_IN': z.object({
    agentId: z.string(),
    occurredAt: z.string(),
    activeReason: StatusReasonSchema.optional(),
  }),
  'AGENT_STATUS/LOGGED_OUT': z.object({ agentId: z.string(), occurredAt: z.string() }),
  'AGENT_STATUS/WENT_AWAY': z.object({
    agentId: z.string(),
    occurredAt: z.string(),
    awayReason: StatusReasonSchema.optional().describe('none when the agent went auto-away after idling'),
  }),
  'AGENT_STATUS/RETURNED_FROM_AWAY': z.object({
    agentId: z.string(),
    awayAt: z.string(),
    occurredAt: z.string(),
    awayReason: StatusReasonSchema.optional(),
    activeReason: StatusReasonSchema.optional(),
  }),
  'AGENT_STATUS/CHANGED_ACTIVE_REASON': z.object({
    agentId: z.string(),
    occurredAt: z.string(),
    activeReason: StatusReasonSchema.optional(),
  }),
  'CONTACT/STARTED': ContactIdsSchema.extend({
    dueAt: z.string().optional(),
    entryPoint: z.string().optional(),
    finalIVRSelection: z.string().optional(),
  }),
  'CONTACT/ENDED': ContactIdsSchema.extend({
    status: z.enum(['ANSWERED', 'UNANSWERED', 'ABANDONED', 'UNKNOWN']),
    reason: z.string().optional(),
  }),
  'CONTACT/OFFERED': ContactIdsSchema.extend({
    agentId: z.string(),
    matchReasons: z.array(z.string()).optional(),
  }),
  'CONTACT/OFFER_ACCEPTED': ContactIdsSchema.extend({ agentId: z.string() }),
  'CONTACT/OFFER_REJECTED': ContactIdsSchema.extend({ agentId: z.string(), reason: z.string() }),
  'CONVERSATION/CREATED': conversationIds,
  'CONVERSATION/CLOSED': conversationIds,
  'CONVERSATION/REOPENED': conversationIds,
  'CONVERSATION_ASSIGNEE/UPDATED': conversationIds.extend({ reason: z.string(), assignee: AssigneeSchema }),
} as const;

/** The schema of a whole event of a known type (envelope and content), or undefined for other types. */
export function knownEventSchema(type: string): z.ZodType | undefined {
  const content = (EVENT_CONTENT_SCHEMAS as Record<string, z.ZodType>)[type];
  return content ? GladlyEventSchema.extend({ type: z.literal(type), content }) : undefined;
}

/** Who or what caused an event. */
export type EventInitiator = z.infer<typeof EventInitiatorSchema>;
/** `{ id, name }` of an away or active reason. */
export type StatusReason = z.infer<typeof StatusReasonSchema>;
/** Inbox and agent a conversation or contact is assigned to. */
export type Assignee = z.infer<typeof AssigneeSchema>;
/** The ids every contact event carries. */
export type ContactIds = z.infer<typeof ContactIdsSchema>;
/** The PING Gladly sends when a webhook is created enabled, enabled, or given a new URL. */
export type PingEvent = z.infer<typeof PingEventSchema>;
/** The content of each known event type (from {@link EVENT_CONTENT_SCHEMAS}). */
export type GladlyEventContents = {
  [T in keyof typeof EVENT_CONTENT_SCHEMAS]: z.infer<(typeof EVENT_CONTENT_SCHEMAS)[T]>;
};
