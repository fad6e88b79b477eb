import {
  type Contact,
  type ContactChannel,
  type ConversationItem,
  type EventInitiator,
  iso,
} from './model.js';

// Item contents are simulated: short canned texts, one customer item and one agent answer per contact.

/** The initiator of an agent's own action. */
export function asAgent(agentId: string): EventInitiator {
  return { id: agentId, type: 'AGENT' };
}

/** An agent as the initiator or responder of a conversation item. */
export function asParticipant(agentId: string): ConversationItem['initiator'] {
  return { id: agentId, type: 'AGENT' };
}

/** The inbox and agent a contact is assigned to. */
export function assigneeOf(contact: Contact): { inboxId: string; agentId?: string } {
  return { inboxId: contact.inboxId, ...(contact.agentId ? { agentId: contact.agentId } : {}) };
}

/** The words of each side of a contact, by channel (the customer writes in, the agent answers). */
const SIDES = {
  customer: {
    direction: 'INBOUND',
    call: 'startedAt',
    subject: 'Question about my order',
    email: 'Hello, where is my order?',
    sms: 'Hi, I need help with my account.',
    chat: 'Hi! Can someone help me?',
  },
  agent: {
    direction: 'OUTBOUND',
    call: 'completedAt',
    subject: 'Re: Question about my order',
    email: 'Your order ships today.',
    sms: 'All set, anything else?',
    chat: 'Happy to help, it is done.',
  },
} as const;

function content(
  side: (typeof SIDES)[keyof typeof SIDES],
  channel: ContactChannel,
  contactId: string,
  at: number,
): ConversationItem['content'] {
  const { direction } = side;
  switch (channel) {
    case 'PHONE_CALL':
      // A call stays inbound on both items: the agent's item marks its end.
      return { type: 'PHONE_CALL', direction: 'INBOUND', [side.call]: iso(at), contactId };
    case 'EMAIL':
      return { type: 'EMAIL', direction, subject: side.subject, content: side.email };
    case 'SMS':
      return { type: 'SMS', direction, content: side.sms };
    default:
      return { type: 'CHAT_MESSAGE', sessionId: contactId, direction, content: side.chat };
  }
}

/** What the customer's first item of a contact holds, by channel. */
export function customerContent(
  channel: ContactChannel,
  contactId: string,
  at: number,
): ConversationItem['content'] {
  return content(SIDES.customer, channel, contactId, at);
}

/** What the agent's answer item holds, by channel. */
export function agentContent(
  channel: ContactChannel,
  contactId: string,
  at: number,
): ConversationItem['content'] {
  return content(SIDES.agent, channel, contactId, at);
}
