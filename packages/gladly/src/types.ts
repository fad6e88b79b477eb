/** Channels an agent can be available for. */
export type AvailabilityChannel = 'MAIL' | 'MESSAGING' | 'TASK' | 'VOICE';

/** Every availability channel, in Gladly's documented order. */
export const AVAILABILITY_CHANNELS: readonly AvailabilityChannel[] = ['MAIL', 'MESSAGING', 'TASK', 'VOICE'];

/** Channels of a contact. Gladly adds values within a version, so unknown strings are possible. */
export type ContactChannel =
  | 'CHAT'
  | 'EMAIL'
  | 'FB_MESSENGER'
  | 'INSTAGRAM_DIRECT'
  | 'PHONE_CALL'
  | 'SMS'
  | 'VOICEMAIL'
  | 'WHATSAPP'
  | (string & {});

/** An agent (`GET /agents`). `emailAddress` is the login email, the key to match Playvox users by. */
export interface Agent {
  id: string;
  name: string;
  emailAddress: string;
}

/** A team (`GET /teams`). */
export interface Team {
  id: string;
  name: string;
  description?: string;
  agentIds: string[];
}

/** An inbox (`GET /inboxes`); a Playvox workstream is matched on `id|name`. */
export interface Inbox {
  id: string;
  name: string;
  disabled: boolean;
}

/** Status of a conversation. */
export type ConversationStatus = 'OPEN' | 'WAITING' | 'CLOSED';

/** A conversation (`GET /conversations/{id}`). */
export interface Conversation {
  id: string;
  customerId: string;
  /** The assigned agent, when there is one. */
  agentId?: string;
  inboxId: string;
  status: ConversationStatus;
  /** RFC 3339 with milliseconds. */
  createdAt: string;
  /** Present once the conversation is closed. */
  closedAt?: string;
  /** May be missing. */
  topicIds?: string[];
  customAttributes?: Array<{ id: string; value: string }>;
}

/** Who started or answered a conversation item. */
export interface Participant {
  id: string;
  type: 'AGENT' | 'CUSTOMER' | (string & {});
}

/** A chat message item. */
export interface ChatMessageContent {
  type: 'CHAT_MESSAGE';
  sessionId?: string;
  content?: string;
}
/** An email item. */
export interface EmailContent {
  type: 'EMAIL';
  from?: string;
  to?: string[] | string;
  subject?: string;
  content?: string;
}
/** A phone call item. */
export interface PhoneCallContent {
  type: 'PHONE_CALL';
  startedAt?: string;
  completedAt?: string;
}
/** An SMS item. */
export interface SmsContent {
  type: 'SMS';
  content?: string;
}
/** A conversation status change item. */
export interface ConversationStatusChangeContent {
  type: 'CONVERSATION_STATUS_CHANGE';
  status: ConversationStatus;
}
/** Any other item type (Gladly has many: notes, voicemails, customer activity, …). */
export interface OtherItemContent {
  type: string;
  [field: string]: unknown;
}

/** The content of a conversation item, by `type`. */
export type ConversationItemContent =
  | ChatMessageContent
  | EmailContent
  | PhoneCallContent
  | SmsContent
  | ConversationStatusChangeContent
  | OtherItemContent;

/** One item of a conversation's timeline (`GET /conversations/{id}/items`). */
export interface ConversationItem {
  id: string;
  customerId: string;
  conversationId?: string;
  timestamp: string;
  initiator: Participant;
  responder?: Participant;
  content: ConversationItemContent;
}
