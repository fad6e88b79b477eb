import type { OpenCall, StoredEvent, WfmMemory } from '../../store/types.js';
import type { UserDirectory } from '../users.js';
import { liveVoxStatusOf, statusTieRank } from './statuses.js';
import {
  agentsAlone,
  dead,
  MemoryMap,
  type Translation,
  type Translator,
  timeOf,
  translateAlone,
} from './translate.js';

interface AgentEventPayload {
  eventId?: unknown;
  liveVoxEventId?: unknown;
  agentId?: unknown;
  eventType?: unknown;
  notReadyReasonCode?: unknown;
  timestamp?: unknown;
  occurredAt?: unknown;
  callServiceId?: unknown;
  agentServiceId?: unknown;
  sessionId?: unknown;
  transactionId?: unknown;
  campaignType?: unknown;
}

/**
 * LiveVox agent events → WFM: each state becomes an agent status (`LOGON`, `READY`,
 * `NOT_READY:<reason>`, `IN_CALL`, `WRAP_UP`, `LOGOFF`); with `contacts`, each call an agent takes
 * becomes a contact in the workstream of the call's service, created at IN_CALL and closed when the
 * agent leaves wrap-up (handle time = talk + wrap-up).
 */
export class LiveVoxAgentTranslator implements Translator {
  private readonly calls: MemoryMap<OpenCall>;

  /** `openCalls`: the calls open at the end of the last finished round ({@link BridgeStore.getWfmMemory}). */
  constructor(
    private readonly directory: UserDirectory,
    openCalls: WfmMemory['openCalls'],
    private readonly contacts: boolean,
  ) {
    this.calls = new MemoryMap(openCalls);
  }

  agentsOf(stored: StoredEvent): string[] {
    return agentsAlone(() => {
      const agentId = (stored.payload as AgentEventPayload).agentId;
      return agentId === undefined || agentId === null ? [] : [String(agentId)];
    });
  }

  translate(stored: StoredEvent, signal: AbortSignal): Promise<Translation[]> {
    return translateAlone(stored, signal, async () => this.event(stored));
  }

  private event(stored: StoredEvent): Translation[] {
    const event = stored.payload as AgentEventPayload;
    const id =
      typeof event.liveVoxEventId === 'string'
        ? event.liveVoxEventId
        : String(event.eventId).replace(/^livevox-agent:/, '');
    const status = liveVoxStatusOf(event);
    const agentId = event.agentId === undefined || event.agentId === null ? '' : String(event.agentId);
    const atMs = timeOf(event.occurredAt ?? event.timestamp);
    if (status === null || agentId === '' || Number.isNaN(atMs)) {
      return [
        dead(
          'untranslatable',
          `LiveVox agent event ${id}: no known eventType, agentId or timestamp (eventType ${String(event.eventType)})`,
        ),
      ];
    }
    const out: Translation[] = [];
    const user = this.directory.get('livevox', agentId);
    if (user) {
      out.push({
        kind: 'status',
        agentId,
        atMs,
        rank: statusTieRank(status),
        event: {
          eventId: id,
          userEmail: user.email,
          userId: agentId,
          status,
          timestamp: new Date(atMs).toISOString(),
        },
      });
    } else {
      out.push(
        dead(
          'unknown_user',
          `LiveVox agent ${agentId} has no Playvox WFM user (livevox.agentFeed.users or a livevox identifier); status ${status} of ${id} not sent`,
        ),
      );
    }
    if (this.contacts) out.push(...this.callEvents(event, id, agentId, status, atMs, user?.email));
    return out;
  }

  pending(): Partial<WfmMemory> {
    return { openCalls: this.calls.snapshot() };
  }

  commit(): void {
    this.calls.commit();
  }

  rollback(): void {
    this.calls.rollback();
  }

  private callEvents(
    event: AgentEventPayload,
    id: string,
    agentId: string,
    status: string,
    atMs: number,
    userEmail: string | undefined,
  ): Translation[] {
    const out: Translation[] = [];
    const user = userEmail ? { userEmail, userId: agentId } : {};
    const open = this.calls.get(agentId);
    if (status === 'WRAP_UP') return out;
    if (open && (status !== 'IN_CALL' || open.contactId !== callIdOf(event))) {
      this.calls.delete(agentId);
      out.push({
        kind: 'contact',
        event: {
          eventId: `call-end:${id}`,
          event: 'closed',
          contactId: open.contactId,
          workstream: open.serviceId,
          startTime: new Date(open.startMs).toISOString(),
          endTime: new Date(Math.max(open.startMs, atMs)).toISOString(),
          handleTimeSeconds: Math.max(0, Math.round((atMs - open.startMs) / 1000)),
          channel: 'voice',
          ...(open.direction ? { direction: open.direction } : {}),
          ...user,
        },
      });
    }
    const contactId = callIdOf(event);
    const serviceId = String(event.callServiceId ?? event.agentServiceId ?? '');
    if (status === 'IN_CALL' && contactId && serviceId && !this.calls.get(agentId)) {
      const campaign = typeof event.campaignType === 'string' ? event.campaignType.toUpperCase() : '';
      const direction = campaign === 'INBOUND' ? 'inbound' : campaign === 'OUTBOUND' ? 'outbound' : undefined;
      this.calls.set(agentId, { contactId, serviceId, startMs: atMs, direction });
      out.push({
        kind: 'contact',
        event: {
          eventId: `call:${id}`,
          event: 'created',
          contactId,
          workstream: serviceId,
          startTime: new Date(atMs).toISOString(),
          channel: 'voice',
          ...(direction ? { direction } : {}),
          ...user,
        },
      });
    }
    return out;
  }
}

/** A call's contact id: `<sessionId>:<transactionId>`; undefined without both. */
function callIdOf(event: AgentEventPayload): string | undefined {
  if (
    event.sessionId === undefined ||
    event.sessionId === null ||
    event.transactionId === undefined ||
    event.transactionId === null
  )
    return undefined;
  return `${event.sessionId}:${event.transactionId}`;
}
