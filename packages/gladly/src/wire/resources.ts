import { z } from 'zod';
import { openEnum, TimestampSchema } from './vocabulary.js';

/** An agent (`GET /agents`). `emailAddress` is the login email, the key to match Playvox users by. */
export const AgentSchema = z.object({ id: z.string(), name: z.string(), emailAddress: z.string() });

/** A team (`GET /teams`). */
export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  agentIds: z.array(z.string()),
});

/** An inbox (`GET /inboxes`); a Playvox workstream is matched on `id|name`. */
export const InboxSchema = z.object({ id: z.string(), name: z.string(), disabled: z.boolean() });

/** Status of a conversation. */
export const ConversationStatusSchema = z.enum(['OPEN', 'WAITING', 'CLOSED']);

/** A conversation (`GET /conversations/{id}`). */
export const ConversationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  agentId: z.string().optional().describe('the assigned agent, when there is one'),
  inboxId: z.string(),
  status: ConversationStatusSchema,
  createdAt: TimestampSchema,
  closedAt: TimestampSchema.optional().describe('present once the conversation is closed'),
  topicIds: z.array(z.string()).optional().describe('may be missing'),
  customAttributes: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});

/** Who started or answered a conversation item, or caused an event. */
export const ParticipantSchema = z.object({ id: z.string(), type: openEnum(['AGENT', 'CUSTOMER']) });

/** A chat message item. */
export const ChatMessageContentSchema = z.object({
  type: z.literal('CHAT_MESSAGE'),
  sessionId: z.string().optional(),
  content: z.string().optional(),
});
/** An email item. */
export const EmailContentSchema = z.object({
  type: z.literal('EMAIL'),
  from: z.string().optional(),
  to: z.union([z.array(z.string()), z.string()]).optional(),
  subject: z.string().optional(),
  content: z.string().optional(),
});
/** A phone call item. */
export const PhoneCallContentSchema = z.object({
  type: z.literal('PHONE_CALL'),
  startedAt: z.string().optional(),
  completedAt: z.string().optional(),
});
/** An SMS item. */
export const SmsContentSchema = z.object({ type: z.literal('SMS'), content: z.string().optional() });
/** A conversation status change item. */
export const ConversationStatusChangeContentSchema = z.object({
  type: z.literal('CONVERSATION_STATUS_CHANGE'),
  status: ConversationStatusSchema,
});
/** Any other item type (Gladly has many: notes, voicemails, customer activity, …). */
export const OtherItemContentSchema = z.looseObject({ type: z.string() });

/** The content of a conversation item, by `type`. */
export const ConversationItemContentSchema = z.union([
  ChatMessageContentSchema,
  EmailContentSchema,
  PhoneCallContentSchema,
  SmsContentSchema,
  ConversationStatusChangeContentSchema,
  OtherItemContentSchema,
]);

/** One item of a conversation's timeline (`GET /conversations/{id}/items`). */
export const ConversationItemSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  conversationId: z.string().optional(),
  timestamp: TimestampSchema,
  initiator: ParticipantSchema,
  responder: ParticipantSchema.optional(),
  content: ConversationItemContentSchema,
});

/** One entry of Gladly's error body. */
export const GladlyErrorDetailSchema = z.object({
  attr: z.string().optional().describe('the field at fault (`startAt`, `url`, `events[2]`)'),
  code: z.string().describe('blank, invalid, not_exist, taken, invalid_state, too_long, …'),
  detail: z.string().optional(),
});

/** Gladly's error body: `{ errors: [{ attr?, code, detail }] }`. */
export const GladlyErrorBodySchema = z.object({ errors: z.array(GladlyErrorDetailSchema) });

/** An agent (`GET /agents`). `emailAddress` is the login email, the key to match Playvox users by. */
export type Agent = z.infer<typeof AgentSchema>;
/** A team (`GET /teams`). */
export type Team = z.infer<typeof TeamSchema>;
/** An inbox (`GET /inboxes`); a Playvox workstream is matched on `id|name`. */
export type Inbox = z.infer<typeof InboxSchema>;
/** Status of a conversation. */
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;
/** A conversation (`GET /conversations/{id}`). */
export type Conversation = z.infer<typeof ConversationSchema>;
/** Who started or answered a conversation item. */
export type Participant = z.infer<typeof ParticipantSchema>;
/** A chat message item. */
export type ChatMessageContent = z.infer<typeof ChatMessageContentSchema>;
/** An email item. */
export type EmailContent = z.infer<typeof EmailContentSchema>;
/** A phone call item. */
export type PhoneCallContent = z.infer<typeof PhoneCallContentSchema>;
/** An SMS item. */
export type SmsContent = z.infer<typeof SmsContentSchema>;
/** A conversation status change item. */
export type ConversationStatusChangeContent = z.infer<typeof ConversationStatusChangeContentSchema>;
/** Any other item type (Gladly has many: notes, voicemails, customer activity, …). */
export type OtherItemContent = z.infer<typeof OtherItemContentSchema>;
/** The content of a conversation item, by `type`. */
export type ConversationItemContent = z.infer<typeof ConversationItemContentSchema>;
/** One item of a conversation's timeline (`GET /conversations/{id}/items`). */
export type ConversationItem = z.infer<typeof ConversationItemSchema>;
/** One entry of Gladly's error body `{ errors: [{ attr, code, detail }] }`. */
export type GladlyErrorDetail = z.infer<typeof GladlyErrorDetailSchema>;
