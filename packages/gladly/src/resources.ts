import type { GladlyTransport } from './transport.js';
import { idSegment } from './transport.js';
import type { Agent, Conversation, ConversationItem, Inbox, Team } from './types.js';

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * A collection Gladly lists whole (`GET /<path>`; it does not paginate these lists) and reads one record
 * at a time (`GET /<path>/{id}`; an unknown id is a GladlyApiError with status 404, `not_exist`).
 */
export class GladlyCollection<T> {
  constructor(
    protected readonly transport: GladlyTransport,
    private readonly path: string,
    private readonly idName: string,
  ) {}
  /** Every record. */
  async list(options: CallOptions = {}): Promise<T[]> {
    return this.transport.json<T[]>({ method: 'GET', path: this.path, signal: options.signal });
  }
  /** One record by id (`idName` names it when it is not a valid id). */
  async get(id: string, options: CallOptions = {}): Promise<T> {
    return this.transport.json<T>({
      method: 'GET',
      path: `${this.path}/${idSegment(id, this.idName)}`,
      signal: options.signal,
    });
  }
}

/** `GET /agents`, `GET /agents/{id}`. */
export class AgentsResource extends GladlyCollection<Agent> {
  constructor(transport: GladlyTransport) {
    super(transport, 'agents', 'agentId');
  }
}

/** `GET /teams`, `GET /teams/{id}`. */
export class TeamsResource extends GladlyCollection<Team> {
  constructor(transport: GladlyTransport) {
    super(transport, 'teams', 'teamId');
  }
}

/** `GET /inboxes`, `GET /inboxes/{id}` (disabled inboxes included). */
export class InboxesResource extends GladlyCollection<Inbox> {
  constructor(transport: GladlyTransport) {
    super(transport, 'inboxes', 'inboxId');
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
