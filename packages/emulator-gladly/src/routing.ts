import { asAgent } from './items.js';
import { availabilityFor, type Contact, type ContactChannel } from './model.js';
import type { AgentRuntime, OrgState } from './org-state.js';

/** Agents who could take a contact of `channel` now, least busy first (organisation order breaks ties). */
export function eligibleAgents(
  state: OrgState,
  channel: ContactChannel,
  maxConcurrent: number,
): AgentRuntime[] {
  const needed = availabilityFor(channel);
  const out: AgentRuntime[] = [];
  for (const agent of state.agents.values()) {
    if (!agent.loggedIn || agent.away || agent.leaving || !agent.availableFor.includes(needed)) continue;
    const busyWithCall = [...agent.activeContacts].some(
      (id) => state.contacts.get(id)?.channel === 'PHONE_CALL',
    );
    if (busyWithCall || agent.activeContacts.size >= (channel === 'PHONE_CALL' ? 1 : maxConcurrent)) continue;
    out.push(agent);
  }
  return out.sort((a, b) => a.activeContacts.size - b.activeContacts.size);
}

/** Offers queued contacts, oldest first, to eligible agents. */
export function routeQueued(state: OrgState, at: number): void {
  for (let i = 0; i < state.queue.length; ) {
    const contact = state.contacts.get(state.queue[i]!)!;
    const agent = eligibleAgents(state, contact.channel, state.maxConcurrentContacts)[0];
    if (!agent) {
      i++;
      continue;
    }
    state.queue.splice(i, 1);
    accept(state, contact, agent, at);
  }
}

/** The agent is offered the contact and accepts it at once. */
function accept(state: OrgState, contact: Contact, agent: AgentRuntime, at: number): void {
  const agentId = agent.profile.agent.id;
  const conversation = state.conversations.get(contact.conversationId)!;
  const before = {
    inboxId: contact.inboxId,
    ...(conversation.agentId ? { agentId: conversation.agentId } : {}),
  };
  contact.routedAt = at;
  contact.acceptedAt = at;
  contact.agentId = agentId;
  conversation.agentId = agentId;
  agent.activeContacts.add(contact.id);
  const ids = {
    channel: contact.channel,
    contactId: contact.id,
    conversationId: contact.conversationId,
    customerId: contact.customerId,
  };
  const assignee = { inboxId: contact.inboxId, agentId };
  state.emit(at, 'CONVERSATION_ASSIGNEE/UPDATED', {
    customerId: contact.customerId,
    conversationId: contact.conversationId,
    reason: 'CONTACT_OFFERED',
    assignee,
    context: { assignee: before },
  });
  state.emit(at, 'CONTACT/OFFERED', { ...ids, agentId, context: { assignee } });
  state.emit(at, 'CONTACT/OFFER_ACCEPTED', { ...ids, agentId, context: { assignee } }, asAgent(agentId));
  state.hooks.contactAccepted?.(contact, at);
}
