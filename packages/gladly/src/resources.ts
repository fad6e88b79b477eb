import type { GladlyTransport } from './transport.js';
import { idSegment } from './transport.js';
import type { Agent, Conversation, ConversationItem, Inbox, Team } from './types.js';

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** `GET /agents`, `GET /agents/{id}`. */
export class AgentsResource {
  constructor(private readonly transport: GladlyTransport) {}
  /** Every agent (Gladly does not paginate this list). */
  async list(options: CallOptions = {}): Promise<Agent[]> {
    return this.transport.json<Agent[]>({ method: 'GET', path: 'agents', signal: options.signal });
  }
  /** One agent; a GladlyApiError with status 404 (`not_exist`) when unknown. */
  async get(agentId: string, options: CallOptions = {}): Promise<Agent> {
    return this.transport.json<Agent>({
      method: 'GET',
      path: `agents/${idSegment(agentId, 'agentId')}`,
      signal: options.signal,
    });
  }
}

/** `GET /teams`, `GET /teams/{id}`. */
export class TeamsResource {
  constructor(private readonly transport: GladlyTransport) {}
  /** Every team. */
  async list(options: CallOptions = {}): Promise<Team[]> {
    return this.transport.json<Team[]>({ method: 'GET', path: 'teams', signal: options.signal });
  }
  /** One team. */
  async get(teamId: string, options: CallOptions = {}): Promise<Team> {
    return this.transport.json<Team>({
      method: 'GET',
      path: `teams/${idSegment(teamId, 'teamId')}`,
      signal: options.signal,
    });
  }
}

/** `GET /inboxes`, `GET /inboxes/{id}`. */
export class InboxesResource {
  constructor(private readonly transport: GladlyTransport) {}
  /** Every inbox, disabled ones included. */
  async list(options: CallOptions = {}): Promise<Inbox[]> {
    return this.transport.json<Inbox[]>({ method: 'GET', path: 'inboxes', signal: options.signal });
  }
  /** One inbox. */
  async get(inboxId: string, options: CallOptions = {}): Promise<Inbox> {
    return this.transport.json<Inbox>({
      method: 'GET',
      path: `inboxes/${idSegment(inboxId, 'inboxId')}`,
      signal: options.signal,
    });
  }
}

/** `GET /conversations/{id}`, `GET /conversations/{id}/items`, `GET /conversation-items/{id}`. */
export class ConversationsResource {
  constructor(private readonly transport: GladlyTransport) {}
  /** One conversation. */
  async get(conversationId: string, options: CallOptions = {}): Promise<Conversation> {
    return this.transport.json<Conversation>({
      method: 'GET',
      path: `conversations/${idSegment(conversationId, 'conversationId')}`,
      signal: options.signal,
    });
  }
  /** The items of a conversation's timeline, oldest first. */
  async items(conversationId: string, options: CallOptions = {}): Promise<ConversationItem[]> {
    return this.transport.json<ConversationItem[]>({
      method: 'GET',
      path: `conversations/${idSegment(conversationId, 'conversationId')}/items`,
      signal: options.signal,
    });
  }
  /** One conversation item. */
  async getItem(itemId: string, options: CallOptions = {}): Promise<ConversationItem> {
    return this.transport.json<ConversationItem>({
      method: 'GET',
      path: `conversation-items/${idSegment(itemId, 'itemId')}`,
      signal: options.signal,
    });
  }
}
