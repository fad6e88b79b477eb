import type { wfm } from '@voxbridge/playvox/wire';
import type { WfmCatalog } from './catalog.js';
import type { WfmDirectory } from './directory.js';
import type { ContactEventInput } from './inbound.js';
import { matchIdentifier } from './matching.js';

/** How a contact's workstream value matched the configured Workstreams. */
export type WorkstreamMatch = 'matched' | 'unmatched' | 'ambiguous';

/** A contact as the emulator keeps it: one per integration and `contactId`, updated by each event. */
export interface ContactRecord {
  integration: string;
  contactId: string;
  conversationId: string | null;
  /** The workstream value as sent (an inbox id or name, a LiveVox service id or name). */
  workstream: string;
  workstreamId: number | null;
  workstreamMatch: WorkstreamMatch;
  candidateWorkstreamIds: number[];
  userId: number | null;
  userEmail: string | null;
  channel: string | null;
  direction: 'inbound' | 'outbound' | null;
  status: 'open' | 'closed';
  startMs: number;
  endMs: number | null;
  handleTimeSeconds: number | null;
  createdMs: number;
  updatedMs: number;
  /** Accepted (not duplicate) events applied to this contact. */
  events: number;
}

/** A contact in the shape of `GET /api/workactivity/integrations/{integration}/contacts`. */
export type WfmContact = wfm.WfmContact;

/** Contacts by integration and contact id; a `closed` event before its `created` still makes the contact. */
export class ContactLog {
  private readonly contacts = new Map<string, ContactRecord>();

  /** Forgets everything. */
  clear(): void {
    this.contacts.clear();
  }

  /** Applies one new (not duplicate) contact event; says whether the user was unknown. */
  accept(
    integration: string,
    event: ContactEventInput,
    parts: { directory: WfmDirectory; catalog: WfmCatalog; caseInsensitive: boolean; nowMs: number },
  ): { record: ContactRecord; unknownUser: boolean } {
    const id = `${integration}\u0000${event.contactId}`;
    let record = this.contacts.get(id);
    if (!record) {
      record = {
        integration,
        contactId: event.contactId,
        conversationId: null,
        workstream: event.workstream,
        workstreamId: null,
        workstreamMatch: 'unmatched',
        candidateWorkstreamIds: [],
        userId: null,
        userEmail: null,
        channel: null,
        direction: null,
        status: 'open',
        startMs: event.startMs,
        endMs: null,
        handleTimeSeconds: null,
        createdMs: parts.nowMs,
        updatedMs: parts.nowMs,
        events: 0,
      };
      this.contacts.set(id, record);
    }
    record.events += 1;
    record.updatedMs = parts.nowMs;
    record.startMs = event.startMs;
    record.workstream = event.workstream;
    const outcome = matchIdentifier(
      parts.catalog.workstreams.values(),
      integration,
      event.workstream,
      parts.caseInsensitive,
    );
    record.workstreamMatch = outcome.kind;
    record.workstreamId = outcome.kind === 'matched' ? outcome.owner.id : null;
    record.candidateWorkstreamIds =
      outcome.kind === 'ambiguous' ? outcome.candidates.map((workstream) => workstream.id) : [];
    if (event.conversationId !== undefined) record.conversationId = event.conversationId;
    if (event.channel !== undefined) record.channel = event.channel;
    if (event.direction !== undefined) record.direction = event.direction;
    if (event.handleTimeSeconds !== undefined) record.handleTimeSeconds = event.handleTimeSeconds;
    if (event.endMs !== undefined) record.endMs = event.endMs;
    if (event.event === 'closed') record.status = 'closed';
    let unknownUser = false;
    if (event.userEmail !== undefined || event.userId !== undefined) {
      const user = parts.directory.resolve(integration, event);
      unknownUser = user === undefined;
      if (user) {
        record.userId = user.id;
        record.userEmail = user.email;
      }
    }
    return { record, unknownUser };
  }

  /** Every contact, optionally of one integration, by start time. */
  list(integration?: string): ContactRecord[] {
    return [...this.contacts.values()]
      .filter((record) => integration === undefined || record.integration === integration)
      .sort((a, b) => a.startMs - b.startMs);
  }

  /** The number of contacts. */
  get size(): number {
    return this.contacts.size;
  }
}

/** The handle time of a closed contact: the one sent, else its end minus its start. */
export function handleSeconds(record: ContactRecord): number | null {
  if (record.handleTimeSeconds !== null) return record.handleTimeSeconds;
  return record.endMs === null ? null : Math.max(0, (record.endMs - record.startMs) / 1000);
}

/** The public shape of a contact. */
export function toWfmContact(record: ContactRecord, catalog: WfmCatalog): WfmContact {
  return {
    integrationAlias: record.integration,
    contactId: record.contactId,
    conversationId: record.conversationId,
    workstream: record.workstream,
    workstreamId: record.workstreamId,
    workstreamName:
      record.workstreamId === null ? null : (catalog.workstreams.get(record.workstreamId)?.name ?? null),
    workstreamMatch: record.workstreamMatch,
    userId: record.userId,
    userEmail: record.userEmail,
    channel: record.channel,
    direction: record.direction,
    status: record.status,
    startTime: new Date(record.startMs).toISOString(),
    endTime: record.endMs === null ? null : new Date(record.endMs).toISOString(),
    handleTimeSeconds: handleSeconds(record),
    createdAt: new Date(record.createdMs).toISOString(),
    updatedAt: new Date(record.updatedMs).toISOString(),
  };
}
