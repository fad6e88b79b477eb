import { ApiError } from '@voxbridge/core';
import type { Gladly, GladlyEvent, WorkSessionEventRow } from '@voxbridge/gladly';
import type { StoredEvent, WfmMemory } from '../../store/types.js';
import type { UserDirectory } from '../users.js';
import { GLADLY_STATUS_EVENT_TYPES, gladlyStatusOf, statusTieRank } from './statuses.js';
import {
  agentsAlone,
  dead,
  MemoryMap,
  serviceCall,
  type Translation,
  type Translator,
  timeOf,
  translateAlone,
} from './translate.js';

/** Open conversations older than this are forgotten (their close then reads the conversation). */
const OPEN_CONVERSATION_TTL_MS = 14 * 86_400_000;

interface Assigned {
  conversationId?: unknown;
  context?: { assignee?: { inboxId?: unknown; agentId?: unknown } };
  agentId?: unknown;
  occurredAt?: unknown;
}

/**
 * Gladly events → WFM: agent status and availability events become agent statuses (the seed's status
 * strings, eventId = Gladly's event id); conversations created, reopened and closed become contacts in
 * the workstream of their inbox (`contactId` = the conversation id). A close needs the conversation's
 * start: remembered from its CREATED event, else read from the API.
 */
export class GladlyEventTranslator implements Translator {
  private readonly open: MemoryMap<string>;

  /** `openConversations`: as the last finished round left them ({@link BridgeStore.getWfmMemory}). */
  constructor(
    private readonly gladly: Gladly,
    private readonly directory: UserDirectory,
    openConversations: WfmMemory['openConversations'],
  ) {
    this.open = new MemoryMap(openConversations);
  }

  agentsOf(stored: StoredEvent): string[] {
    return agentsAlone(() => {
      const event = stored.payload as unknown as GladlyEvent;
      const agentId = (event.content as Assigned | undefined)?.agentId;
      return GLADLY_STATUS_EVENT_TYPES.includes(event.type) && typeof agentId === 'string' ? [agentId] : [];
    });
  }

  translate(stored: StoredEvent, signal: AbortSignal): Promise<Translation[]> {
    return translateAlone(stored, signal, async () => {
      const event = stored.payload as unknown as GladlyEvent;
      if (GLADLY_STATUS_EVENT_TYPES.includes(event.type)) return [this.status(event)];
      switch (event.type) {
        case 'CONVERSATION/CREATED':
        case 'CONVERSATION/REOPENED':
        case 'CONVERSATION/CLOSED':
          return [await this.conversation(event, signal)];
        default:
          return [];
      }
    });
  }

  pending(): Partial<WfmMemory> {
    const cutoff = Date.now() - OPEN_CONVERSATION_TTL_MS;
    for (const [id, createdAt] of [...this.open.entries()])
      if (Date.parse(createdAt) < cutoff) this.open.delete(id);
    return { openConversations: this.open.snapshot() };
  }

  commit(): void {
    this.open.commit();
  }

  rollback(): void {
    this.open.rollback();
  }

  private status(event: GladlyEvent): Translation {
    const content = event.content as Assigned;
    const status = gladlyStatusOf(event);
    const agentId = content.agentId;
    const atMs = timeOf(content.occurredAt ?? event.timestamp);
    if (status === null || typeof agentId !== 'string' || agentId === '' || Number.isNaN(atMs)) {
      return dead(
        'untranslatable',
        `${event.type} ${event.id} has no agentId or no valid occurredAt/timestamp`,
      );
    }
    const user = this.directory.get('gladly', agentId);
    if (!user)
      return dead(
        'unknown_user',
        `Gladly agent ${agentId} matches no Playvox WFM user (by email); status ${status} of ${event.type} ${event.id} not sent`,
      );
    return {
      kind: 'status',
      agentId,
      atMs,
      rank: statusTieRank(status),
      event: {
        eventId: event.id,
        userEmail: user.email,
        userId: agentId,
        status,
        timestamp: new Date(atMs).toISOString(),
      },
    };
  }

  private async conversation(event: GladlyEvent, signal: AbortSignal): Promise<Translation> {
    const content = event.content as Assigned;
    const conversationId = content.conversationId;
    const inboxId = content.context?.assignee?.inboxId;
    const atMs = timeOf(event.timestamp);
    if (typeof conversationId !== 'string' || typeof inboxId !== 'string' || Number.isNaN(atMs)) {
      return dead(
        'untranslatable',
        `${event.type} ${event.id} has no conversationId, inbox or valid timestamp`,
      );
    }
    const at = new Date(atMs).toISOString();
    // A conversation (re)opened: a contact starts in the inbox's workstream.
    const opened = (startTime: string): Translation => {
      this.open.set(conversationId, startTime);
      return {
        kind: 'contact',
        event: {
          eventId: event.id,
          event: 'created',
          contactId: conversationId,
          conversationId,
          workstream: inboxId,
          startTime,
        },
      };
    };
    if (event.type === 'CONVERSATION/CREATED') return opened(at);
    let startTime = this.open.get(conversationId);
    if (startTime === undefined) {
      try {
        startTime = new Date(
          timeOf(
            (await serviceCall(() => this.gladly.conversations.get(conversationId, { signal }))).createdAt,
          ),
        ).toISOString();
      } catch (error) {
        if (error instanceof ApiError && error.status === 404)
          return dead(
            'untranslatable',
            `${event.type} ${event.id}: conversation ${conversationId} does not exist in Gladly`,
          );
        throw error;
      }
    }
    if (event.type === 'CONVERSATION/REOPENED') return opened(startTime);
    this.open.delete(conversationId);
    const endTime = Date.parse(at) < Date.parse(startTime) ? startTime : at;
    return {
      kind: 'contact',
      event: {
        eventId: event.id,
        event: 'closed',
        contactId: conversationId,
        conversationId,
        workstream: inboxId,
        startTime,
        endTime,
      },
    };
  }
}

/**
 * Gladly work sessions → WFM contacts carrying handle time: one closed contact per work session
 * (`contactId` = `ws:<row id>`), in the workstream of the inbox that accepted it, for the agent who
 * worked it, with Gladly's `work_session_handle_time_sec`.
 */
export class WorkSessionTranslator implements Translator {
  constructor(private readonly directory: UserDirectory) {}

  agentsOf(stored: StoredEvent): string[] {
    return agentsAlone(() => {
      const agentId = (stored.payload as unknown as WorkSessionEventRow).agentId;
      return typeof agentId === 'string' ? [agentId] : [];
    });
  }

  translate(stored: StoredEvent, signal: AbortSignal): Promise<Translation[]> {
    return translateAlone(stored, signal, async () => this.row(stored));
  }

  private row(stored: StoredEvent): Translation[] {
    const row = stored.payload as unknown as WorkSessionEventRow;
    const startMs = timeOf(row.agentAcceptedAt ?? row.contactSessionCreatedAt);
    const endMs = timeOf(row.contactSessionEndedAt);
    if (
      !row.agentId ||
      row.workSessionHandleTimeSec === null ||
      Number.isNaN(startMs) ||
      Number.isNaN(endMs)
    ) {
      return [dead('untranslatable', `work session ${row.id} has no agent, handle time, start or end`)];
    }
    const user = this.directory.get('gladly', row.agentId);
    if (!user)
      return [
        dead(
          'unknown_user',
          `Gladly agent ${row.agentId} matches no Playvox WFM user (by email); work session ${row.id} not sent`,
        ),
      ];
    const direction = row.direction?.toLowerCase();
    return [
      {
        kind: 'contact',
        event: {
          eventId: `ws:${row.id}`,
          event: 'closed',
          contactId: `ws:${row.id}`,
          conversationId: row.conversationId || undefined,
          workstream: row.acceptedInboxId ?? row.inboxId,
          userEmail: user.email,
          userId: row.agentId,
          startTime: new Date(startMs).toISOString(),
          endTime: new Date(Math.max(startMs, endMs)).toISOString(),
          handleTimeSeconds: row.workSessionHandleTimeSec,
          channel: row.channel || undefined,
          ...(direction === 'inbound' || direction === 'outbound' ? { direction } : {}),
        },
      },
    ];
  }

  pending(): Partial<WfmMemory> {
    return {}; // each work session stands alone: nothing to remember
  }

  commit(): void {}

  rollback(): void {}
}
