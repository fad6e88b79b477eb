import { EventLog } from './event-log.js';
import { agentContent, asAgent, asParticipant, assigneeOf, customerContent } from './items.js';
import {
  AVAILABILITY_CHANNELS,
  type AvailabilityChannel,
  CONTACT_CHANNELS,
  type Contact,
  type ContactChannel,
  type Conversation,
  type ConversationItem,
  type EventInitiator,
  type GladlyEvent,
  iso,
  type Reason,
} from './model.js';
import { type AgentProfile, IdFactory, type Organization } from './organization.js';
import { routeQueued } from './routing.js';
import { TruthRecorder } from './truth.js';

/** An action the simulated organisation cannot take in its current state (agent not logged in, …). */
export class SimulationError extends Error {
  override name = 'SimulationError';
}

/** An agent's live state. */
export interface AgentRuntime {
  profile: AgentProfile;
  loggedIn: boolean;
  away: { reason: Reason | null; since: number } | undefined;
  availableFor: AvailabilityChannel[];
  activeContacts: Set<string>;
  /** At the end of a shift: take no new contacts, log out when the last one ends. */
  leaving: boolean;
}

/** Callbacks the traffic generator uses to plan follow-ups of state changes. */
export interface StateHooks {
  contactQueued?(contact: Contact, at: number): void;
  contactAccepted?(contact: Contact, at: number): void;
  contactEnded?(contact: Contact, agent: AgentRuntime | undefined, at: number): void;
}

const SLA_SECONDS: Partial<Record<ContactChannel, number>> = {
  PHONE_CALL: 30,
  CHAT: 60,
  SMS: 300,
  EMAIL: 3600,
};

/**
 * The dynamic state of the simulated organisation and the actions that change it. Every action emits
 * the Gladly events it causes (timestamped with the action's simulated time) into the event log, the
 * truth recorder and, for live activity, the listeners (webhook delivery).
 */
export class OrgState {
  readonly agents = new Map<string, AgentRuntime>();
  readonly conversations = new Map<string, Conversation>();
  readonly items = new Map<string, ConversationItem[]>();
  readonly itemsById = new Map<string, ConversationItem>();
  readonly contacts = new Map<string, Contact>();
  /** The contact of each open conversation. */
  readonly contactOf = new Map<string, string>();
  /** Contacts waiting for an agent, oldest first. */
  readonly queue: string[] = [];
  readonly log = new EventLog();
  /** When false (a generated backlog), events are recorded but not delivered to listeners. */
  live = true;
  hooks: StateHooks = {};
  /** Contacts an agent may work at once; the traffic generator sets it from its configuration. */
  maxConcurrentContacts = 2;
  private ids: IdFactory;
  private readonly listeners = new Set<(event: GladlyEvent) => void>();

  constructor(
    readonly org: Organization,
    idSeed: string,
    readonly truth: TruthRecorder = new TruthRecorder(),
  ) {
    this.ids = new IdFactory(idSeed);
    for (const profile of org.agents) {
      this.agents.set(profile.agent.id, {
        profile,
        loggedIn: false,
        away: undefined,
        availableFor: [],
        activeContacts: new Set(),
        leaving: false,
      });
    }
  }

  /** Calls `listener` for every live event. Returns an unsubscribe function. */
  onEvent(listener: (event: GladlyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The agent's state, or a SimulationError naming the unknown id. */
  agent(agentId: string): AgentRuntime {
    const agent = this.agents.get(agentId);
    if (!agent) throw new SimulationError(`no agent with id ${agentId}`);
    return agent;
  }

  /** Records one event. */
  emit(at: number, type: string, content: Record<string, unknown>, initiator?: EventInitiator): GladlyEvent {
    const event: GladlyEvent = {
      id: this.ids.next(),
      type,
      timestamp: iso(at),
      ...(initiator ? { initiator } : {}),
      content,
    };
    this.log.append(event, at);
    this.truth.record(event);
    if (this.live) for (const listener of this.listeners) listener(event);
    return event;
  }

  // ---- agents -------------------------------------------------------------------------------------

  /** The agent logs in (Gladly sets the default active reason). */
  login(agentId: string, at: number): void {
    const agent = this.agent(agentId);
    if (agent.loggedIn) throw new SimulationError(`agent ${agentId} is already logged in`);
    agent.loggedIn = true;
    agent.away = undefined;
    agent.leaving = false;
    this.emit(
      at,
      'AGENT_STATUS/LOGGED_IN',
      { agentId, occurredAt: iso(at), activeReason: this.org.defaultActiveReason },
      asAgent(agentId),
    );
  }

  /** The agent logs out (by hand, at the end of a shift, or automatically after idling away). */
  logout(agentId: string, at: number): void {
    const agent = this.agent(agentId);
    if (!agent.loggedIn) throw new SimulationError(`agent ${agentId} is not logged in`);
    // Cleared first so that ending the agent's contacts does not trigger a second logout.
    agent.leaving = false;
    for (const contactId of [...agent.activeContacts])
      this.endContact(contactId, at, 'ANSWERED', 'AGENT_ENDED');
    agent.loggedIn = false;
    agent.away = undefined;
    this.emit(at, 'AGENT_STATUS/LOGGED_OUT', { agentId, occurredAt: iso(at) }, asAgent(agentId));
  }

  /** The agent goes away with a named reason, or auto-away (no reason) when `reasonName` is null. */
  goAway(agentId: string, at: number, reasonName: string | null): void {
    const agent = this.agent(agentId);
    if (!agent.loggedIn) throw new SimulationError(`agent ${agentId} is not logged in`);
    if (agent.away) throw new SimulationError(`agent ${agentId} is already away`);
    const reason =
      reasonName === null ? null : this.org.awayReasons.find((candidate) => candidate.name === reasonName);
    if (reason === undefined)
      throw new SimulationError(
        `no away reason named ${reasonName} (known: ${this.org.awayReasons.map((r) => r.name).join(', ')})`,
      );
    agent.away = { reason, since: at };
    this.emit(
      at,
      'AGENT_STATUS/WENT_AWAY',
      { agentId, occurredAt: iso(at), ...(reason ? { awayReason: reason } : {}) },
      asAgent(agentId),
    );
  }

  /** The agent comes back from away. */
  returnFromAway(agentId: string, at: number): void {
    const agent = this.agent(agentId);
    if (!agent.away) throw new SimulationError(`agent ${agentId} is not away`);
    const { reason, since } = agent.away;
    agent.away = undefined;
    this.emit(
      at,
      'AGENT_STATUS/RETURNED_FROM_AWAY',
      {
        agentId,
        awayAt: iso(since),
        occurredAt: iso(at),
        ...(reason ? { awayReason: reason } : {}),
        activeReason: this.org.defaultActiveReason,
      },
      asAgent(agentId),
    );
    this.route(at);
  }

  /** The agent changes the channels they are available for (empty: available for nothing). */
  setAvailability(agentId: string, at: number, channels: readonly string[]): void {
    const agent = this.agent(agentId);
    if (!agent.loggedIn) throw new SimulationError(`agent ${agentId} is not logged in`);
    const unknown = channels.filter(
      (channel) => !(AVAILABILITY_CHANNELS as readonly string[]).includes(channel),
    );
    if (unknown.length > 0)
      throw new SimulationError(
        `unknown availability channel ${unknown.join(', ')} (known: ${AVAILABILITY_CHANNELS.join(', ')})`,
      );
    agent.availableFor = AVAILABILITY_CHANNELS.filter((channel) => channels.includes(channel));
    this.emit(
      at,
      'AGENT_AVAILABILITY/UPDATED',
      { agentId, availableFor: [...agent.availableFor], occurredAt: iso(at) },
      asAgent(agentId),
    );
    this.route(at);
  }

  // ---- conversations and contacts -----------------------------------------------------------------

  /** A customer starts a conversation (one inbound contact) in an inbox; it is routed at once when an agent is free. */
  createConversation(at: number, inboxId: string, channel: ContactChannel): Contact {
    const inbox = this.org.inboxes.find((profile) => profile.inbox.id === inboxId);
    if (!inbox) throw new SimulationError(`no inbox with id ${inboxId}`);
    if (!CONTACT_CHANNELS.includes(channel))
      throw new SimulationError(`unknown contact channel ${channel} (known: ${CONTACT_CHANNELS.join(', ')})`);
    const customerId = this.ids.next();
    const conversation: Conversation = {
      id: this.ids.next(),
      customerId,
      inboxId,
      status: 'OPEN',
      createdAt: iso(at),
      topicIds: [],
      customAttributes: [],
    };
    const contact: Contact = {
      id: this.ids.next(),
      conversationId: conversation.id,
      customerId,
      inboxId,
      channel,
      direction: 'INBOUND',
      createdAt: at,
      status: 'ACTIVE',
      workSessionId: this.ids.next(),
      slaSeconds: SLA_SECONDS[channel] ?? 300,
    };
    this.conversations.set(conversation.id, conversation);
    this.contacts.set(contact.id, contact);
    this.contactOf.set(conversation.id, contact.id);
    const context = { assignee: { inboxId } };
    const customer: EventInitiator = { id: customerId, type: 'CUSTOMER' };
    this.emit(at, 'CONVERSATION/CREATED', { customerId, conversationId: conversation.id, context }, customer);
    this.emit(
      at,
      'CONTACT/STARTED',
      {
        channel,
        contactId: contact.id,
        conversationId: conversation.id,
        customerId,
        entryPoint: `${inbox.inbox.name.toLowerCase()}@demo.gladly.test`,
        context,
      },
      customer,
    );
    this.addItem(
      conversation,
      at,
      { id: customerId, type: 'CUSTOMER' },
      undefined,
      customerContent(channel, contact.id, at),
    );
    this.queue.push(contact.id);
    this.hooks.contactQueued?.(contact, at);
    this.route(at);
    return contact;
  }

  /** Ends a contact: answered by its agent, abandoned by the customer, or left unanswered. */
  endContact(
    contactId: string,
    at: number,
    status: 'ANSWERED' | 'ABANDONED' | 'UNANSWERED',
    reason: string,
  ): void {
    const contact = this.contacts.get(contactId);
    if (!contact) throw new SimulationError(`no contact with id ${contactId}`);
    if (contact.status !== 'ACTIVE') throw new SimulationError(`contact ${contactId} has already ended`);
    contact.status = status;
    contact.endedAt = at;
    const queued = this.queue.indexOf(contactId);
    if (queued >= 0) this.queue.splice(queued, 1);
    const agent = contact.agentId ? this.agents.get(contact.agentId) : undefined;
    agent?.activeContacts.delete(contactId);
    const conversation = this.conversations.get(contact.conversationId)!;
    this.emit(
      at,
      'CONTACT/ENDED',
      {
        channel: contact.channel,
        contactId,
        conversationId: contact.conversationId,
        customerId: contact.customerId,
        status,
        reason,
        context: { assignee: assigneeOf(contact) },
      },
      agent && status === 'ANSWERED' ? asAgent(agent.profile.agent.id) : undefined,
    );
    if (agent && status === 'ANSWERED') {
      this.addItem(
        conversation,
        at,
        asParticipant(agent.profile.agent.id),
        { id: contact.customerId, type: 'CUSTOMER' },
        agentContent(contact.channel, contactId, at),
      );
    }
    this.hooks.contactEnded?.(contact, agent, at);
    this.route(at);
  }

  /** Closes a conversation, ending its contact first when it is still going. */
  closeConversation(conversationId: string, at: number): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new SimulationError(`no conversation with id ${conversationId}`);
    if (conversation.status === 'CLOSED')
      throw new SimulationError(`conversation ${conversationId} is already closed`);
    const contact = this.contacts.get(this.contactOf.get(conversationId) ?? '');
    if (contact?.status === 'ACTIVE')
      this.endContact(
        contact.id,
        at,
        contact.acceptedAt !== undefined ? 'ANSWERED' : 'UNANSWERED',
        'CONVERSATION_CLOSED',
      );
    if (contact?.endedAt !== undefined && contact.acceptedAt !== undefined)
      contact.afterContactSeconds = Math.round((at - contact.endedAt) / 1000);
    const assignee = {
      inboxId: conversation.inboxId,
      ...(conversation.agentId ? { agentId: conversation.agentId } : {}),
    };
    conversation.status = 'CLOSED';
    conversation.closedAt = iso(at);
    this.contactOf.delete(conversationId);
    this.addItem(
      conversation,
      at,
      conversation.agentId
        ? asParticipant(conversation.agentId)
        : { id: conversation.customerId, type: 'CUSTOMER' },
      undefined,
      { type: 'CONVERSATION_STATUS_CHANGE', status: 'CLOSED' },
    );
    this.emit(
      at,
      'CONVERSATION/CLOSED',
      { customerId: conversation.customerId, conversationId, context: { assignee } },
      conversation.agentId ? asAgent(conversation.agentId) : undefined,
    );
  }

  /** Ends everything at `at`: queued and active contacts end, conversations close, agents log out. */
  windDown(at: number): void {
    for (const contactId of [...this.queue])
      this.endContact(contactId, at, 'UNANSWERED', 'CONVERSATION_CLOSED');
    for (const [conversationId, conversation] of this.conversations)
      if (conversation.status !== 'CLOSED') this.closeConversation(conversationId, at);
    for (const [agentId, agent] of this.agents) if (agent.loggedIn) this.logout(agentId, at);
  }

  /** Offers queued contacts, oldest first, to eligible agents. */
  route(at: number): void {
    routeQueued(this, at);
  }

  private addItem(
    conversation: Conversation,
    at: number,
    initiator: ConversationItem['initiator'],
    responder: ConversationItem['responder'],
    content: ConversationItem['content'],
  ): void {
    const item: ConversationItem = {
      id: this.ids.next(),
      customerId: conversation.customerId,
      conversationId: conversation.id,
      timestamp: iso(at),
      initiator,
      ...(responder ? { responder } : {}),
      content,
    };
    const list = this.items.get(conversation.id);
    if (list) list.push(item);
    else this.items.set(conversation.id, [item]);
    this.itemsById.set(item.id, item);
  }
}
