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

/** What the customer's first item of a contact holds, by channel. */
export function customerContent(
  channel: ContactChannel,
  contactId: string,
  at: number,
): ConversationItem['content'] {
  switch (channel) {
    case 'PHONE_CALL':
      return { type: 'PHONE_CALL', direction: 'INBOUND', startedAt: iso(at), contactId };
    case 'EMAIL':
      return {
        type: 'EMAIL',
        direction: 'INBOUND',
        subject: 'Question about my order',
        content: 'Hello, where is my order?',
      };
    case 'SMS':
      return { type: 'SMS', direction: 'INBOUND', content: 'Hi, I need help with my account.' };
    default:
      return {
        type: 'CHAT_MESSAGE',
        sessionId: contactId,
        direction: 'INBOUND',
        content: 'Hi! Can someone help me?',
      };
  }
}

/** What the agent's answer item holds, by channel. */
export function agentContent(
  channel: ContactChannel,
  contactId: string,
  at: number,
): ConversationItem['content'] {
  switch (channel) {
    case 'PHONE_CALL':
      return { type: 'PHONE_CALL', direction: 'INBOUND', completedAt: iso(at), contactId };
    case 'EMAIL':
      return {
        type: 'EMAIL',
        direction: 'OUTBOUND',
        subject: 'Re: Question about my order',
        content: 'Your order ships today.',
      };
    case 'SMS':
      return { type: 'SMS', direction: 'OUTBOUND', content: 'All set, anything else?' };
    default:
      return {
        type: 'CHAT_MESSAGE',
        sessionId: contactId,
        direction: 'OUTBOUND',
        content: 'Happy to help, it is done.',
      };
  }
}
