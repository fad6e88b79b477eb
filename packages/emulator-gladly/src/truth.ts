import { AVAILABILITY_CHANNELS, type GladlyEvent, iso } from './model.js';

/** One status change of an agent, as the Playvox connector should derive it. */
export interface TruthStatus {
  /** `LOGGED_IN`, `LOGGED_OUT`, the away reason's name or `WENT_AWAY`, `RETURNED_FROM_AWAY`, `AvailableFor:<channels>` or `Unavailable`. */
  status: string;
  /** ISO time the change happened (the event's `occurredAt`). */
  at: string;
  eventType: string;
  eventId: string;
}

/** One webhook delivery attempt. */
export interface TruthDelivery {
  webhookId: string;
  eventId: string;
  eventType: string;
  /** 1 for the first attempt, 2–5 for the retries. */
  attempt: number;
  /** Emulator-clock time of the attempt. */
  at: string;
  ok: boolean;
  /** HTTP status the receiver answered, when it answered. */
  status?: number;
  /** Why the attempt failed (timeout, connection refused, status). */
  error?: string;
}

/** What has happened in the simulated organisation (`GET /_emulator/truth`). */
export interface GladlyTruth {
  /** Emulator-clock time of the snapshot. */
  now: string;
  /** Each agent's status changes, oldest first. */
  agents: Array<{ agentId: string; name: string; emailAddress: string; statuses: TruthStatus[] }>;
  /** Conversations created and closed, per inbox. */
  inboxes: Array<{
    inboxId: string;
    name: string;
    conversationsCreated: string[];
    conversationsClosed: string[];
  }>;
  /** Contacts started, and how they ended. */
  contacts: { started: number; answered: number; abandoned: number; unanswered: number };
  /** Webhook delivery attempts and their outcome. */
  webhooks: {
    attempted: number;
    succeeded: number;
    failed: number;
    /** Webhooks disabled after their last retry failed. */
    disabled: string[];
    /** The most recent attempts (at most 1000), oldest first. */
    deliveries: TruthDelivery[];
  };
  /** Report requests: accepted, refused with 429, most running at once. */
  reports: { requests: number; rejected: number; maxConcurrent: number };
}

const MAX_DELIVERIES = 1000;

/**
 * The status string the Playvox connector derives from an agent event (see the seed's task table):
 * null for events that carry no agent status.
 */
export function statusStringOf(event: GladlyEvent): string | null {
  const content = event.content as { awayReason?: { name?: string }; availableFor?: string[] };
  switch (event.type) {
    case 'AGENT_STATUS/LOGGED_IN':
      return 'LOGGED_IN';
    case 'AGENT_STATUS/LOGGED_OUT':
      return 'LOGGED_OUT';
    case 'AGENT_STATUS/WENT_AWAY':
      return content.awayReason?.name || 'WENT_AWAY';
    case 'AGENT_STATUS/RETURNED_FROM_AWAY':
      return 'RETURNED_FROM_AWAY';
    case 'AGENT_AVAILABILITY/UPDATED': {
      const channels = AVAILABILITY_CHANNELS.filter((channel) => content.availableFor?.includes(channel));
      return channels.length > 0 ? `AvailableFor:${channels.join(',')}` : 'Unavailable';
    }
    default:
      return null;
  }
}

/** Records the ground truth as events happen. */
export class TruthRecorder {
  private statuses = new Map<string, TruthStatus[]>();
  private created = new Map<string, string[]>();
  private closed = new Map<string, string[]>();
  private contacts = { started: 0, answered: 0, abandoned: 0, unanswered: 0 };
  private webhooks = {
    attempted: 0,
    succeeded: 0,
    failed: 0,
    disabled: [] as string[],
    deliveries: [] as TruthDelivery[],
  };
  private reports = { requests: 0, rejected: 0, maxConcurrent: 0 };

  /** Takes note of one event. */
  record(event: GladlyEvent): void {
    const content = event.content as Record<string, unknown> & {
      agentId?: string;
      occurredAt?: string;
      context?: { assignee?: { inboxId?: string } };
    };
    const status = statusStringOf(event);
    if (status !== null && content.agentId) {
      const list = this.statuses.get(content.agentId) ?? [];
      list.push({
        status,
        at: content.occurredAt ?? event.timestamp,
        eventType: event.type,
        eventId: event.id,
      });
      this.statuses.set(content.agentId, list);
      return;
    }
    const inboxId = content.context?.assignee?.inboxId;
    if (event.type === 'CONVERSATION/CREATED' && inboxId)
      push(this.created, inboxId, String(content.conversationId));
    if (event.type === 'CONVERSATION/CLOSED' && inboxId)
      push(this.closed, inboxId, String(content.conversationId));
    if (event.type === 'CONTACT/STARTED') this.contacts.started += 1;
    if (event.type === 'CONTACT/ENDED') {
      if (content.status === 'ANSWERED') this.contacts.answered += 1;
      else if (content.status === 'ABANDONED') this.contacts.abandoned += 1;
      else this.contacts.unanswered += 1;
    }
  }

  /** Takes note of one webhook delivery attempt. */
  recordDelivery(delivery: TruthDelivery): void {
    this.webhooks.attempted += 1;
    if (delivery.ok) this.webhooks.succeeded += 1;
    else this.webhooks.failed += 1;
    this.webhooks.deliveries.push(delivery);
    if (this.webhooks.deliveries.length > MAX_DELIVERIES) this.webhooks.deliveries.shift();
  }

  /** Takes note of a webhook disabled by the retry limit. */
  recordDisabled(webhookId: string): void {
    this.webhooks.disabled.push(webhookId);
  }

  /** Takes note of a report request: accepted (with the number running) or rejected with 429. */
  recordReport(accepted: boolean, concurrent: number): void {
    this.reports.requests += 1;
    if (!accepted) this.reports.rejected += 1;
    this.reports.maxConcurrent = Math.max(this.reports.maxConcurrent, concurrent);
  }

  /** Forgets the organisation's activity (agents, conversations, contacts); webhook and report records stay. */
  clearActivity(): void {
    this.statuses.clear();
    this.created.clear();
    this.closed.clear();
    this.contacts = { started: 0, answered: 0, abandoned: 0, unanswered: 0 };
  }

  /** Forgets everything. */
  clear(): void {
    this.clearActivity();
    this.webhooks = { attempted: 0, succeeded: 0, failed: 0, disabled: [], deliveries: [] };
    this.reports = { requests: 0, rejected: 0, maxConcurrent: 0 };
  }

  /** A snapshot, with agents and inboxes in organisation order. */
  snapshot(
    now: number,
    agents: Array<{ id: string; name: string; emailAddress: string }>,
    inboxes: Array<{ id: string; name: string }>,
  ): GladlyTruth {
    return structuredClone({
      now: iso(now),
      agents: agents.map((agent) => ({
        agentId: agent.id,
        name: agent.name,
        emailAddress: agent.emailAddress,
        statuses: this.statuses.get(agent.id) ?? [],
      })),
      inboxes: inboxes.map((inbox) => ({
        inboxId: inbox.id,
        name: inbox.name,
        conversationsCreated: this.created.get(inbox.id) ?? [],
        conversationsClosed: this.closed.get(inbox.id) ?? [],
      })),
      contacts: this.contacts,
      webhooks: this.webhooks,
      reports: this.reports,
    });
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
