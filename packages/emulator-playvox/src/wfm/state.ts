import { Clock, SeededRandom } from '@voxbridge/emulator-kit';
import type { wfm } from '@voxbridge/playvox/wire';
import { WfmCatalog } from './catalog.js';
import { ContactLog } from './contacts.js';
import { WfmDirectory } from './directory.js';
import type { ContactEventInput, StatusEventInput } from './inbound.js';
import { StatusLog, type StatusMatch } from './statuses.js';
import { type WfmCredentials, WfmTokenStore } from './tokens.js';
import { seedWfmUsers, type WfmUserRecord, type WfmUserSeed } from './users.js';

/** A status or contact the emulator kept but could not fully place (the contract's `issue`). */
export type WfmIssue = wfm.WfmIssue;

/** The result of one inbound event (the contract's `inboundItemResult`). */
export type WfmInboundItemResult = wfm.WfmInboundItemResult;

/** Options of the in-process state. */
export interface WfmStateOptions {
  seed: number;
  /** Seeded users to create (ignored when `users` is given). Default 20. */
  userCount?: number;
  /** Explicit users instead of seeded ones. */
  users?: WfmUserSeed[];
  credentials: readonly WfmCredentials[];
}

/** Everything the WFM emulator holds: users, configuration records, tokens and the received activity. */
export class WfmState {
  /** Emulated time: token expiry, `createdAt`/`receivedAt` stamps. */
  readonly clock = new Clock();
  /** The organisation's users. */
  readonly directory = new WfmDirectory();
  /** Task definitions and workstreams. */
  readonly catalog = new WfmCatalog();
  /** Every accepted agent status and the per-user timelines. */
  readonly statuses = new StatusLog();
  /** Contacts by integration and contact id. */
  readonly contacts = new ContactLog();
  /** Access keys and issued tokens. */
  readonly tokens: WfmTokenStore;
  /** Contact events that matched no workstream, several, or no user. */
  readonly contactIssues: WfmIssue[] = [];
  /** Repeated status eventIds received (read-only outside this class). */
  duplicateStatuses = 0;
  /** Repeated contact eventIds received (read-only outside this class). */
  duplicateContacts = 0;
  /** Accepted contact events (read-only outside this class). */
  contactEvents = 0;
  private readonly statusEventIds = new Set<string>();
  private readonly contactEventIds = new Set<string>();
  private random: SeededRandom;
  private readonly options: WfmStateOptions;

  constructor(options: WfmStateOptions) {
    this.options = options;
    this.tokens = new WfmTokenStore(options.credentials);
    this.random = new SeededRandom(options.seed);
    this.reset();
  }

  /** The emulated time as an ISO string. */
  nowIso(): string {
    return this.clock.date().toISOString();
  }

  /** Back to the seeded users and nothing else (tokens included; the clock keeps running). */
  reset(): void {
    this.random = new SeededRandom(this.options.seed);
    this.directory.clear();
    this.catalog.clear();
    this.statuses.clear();
    this.contacts.clear();
    this.tokens.clear();
    this.contactIssues.length = 0;
    this.statusEventIds.clear();
    this.contactEventIds.clear();
    this.duplicateStatuses = 0;
    this.duplicateContacts = 0;
    this.contactEvents = 0;
    const users = this.options.users ?? seedWfmUsers(this.options.seed, this.options.userCount ?? 20);
    for (const user of users) this.addUser(user);
  }

  /** Adds a user or updates the one with the same email. */
  addUser(seed: WfmUserSeed): WfmUserRecord {
    return this.directory.upsert(seed, this.random, this.nowIso());
  }

  /**
   * Runs `accept` on each event whose `eventId` the integration has not sent before as this kind of
   * event; a repeat answers `duplicate`, is counted and changes nothing else.
   */
  private firstSeen<E extends { eventId: string }>(
    kind: 'status' | 'contact',
    integration: string,
    events: E[],
    accept: (event: E) => WfmInboundItemResult,
  ): WfmInboundItemResult[] {
    const seen = kind === 'status' ? this.statusEventIds : this.contactEventIds;
    return events.map((event) => {
      const key = `${integration}\u0000${event.eventId}`;
      if (!seen.has(key)) {
        seen.add(key);
        return accept(event);
      }
      if (kind === 'status') this.duplicateStatuses += 1;
      else this.duplicateContacts += 1;
      return { eventId: event.eventId, outcome: 'duplicate' };
    });
  }

  /** What placing a status or contact looks up: users, tasks and workstreams, matched as asked. */
  private lookup(caseInsensitive: boolean, nowMs: number) {
    return { directory: this.directory, catalog: this.catalog, caseInsensitive, nowMs };
  }

  /** Applies a checked batch of agent statuses; a repeated `eventId` (per integration) is a duplicate. */
  ingestStatuses(
    integration: string,
    events: StatusEventInput[],
    caseInsensitive: boolean,
  ): WfmInboundItemResult[] {
    return this.firstSeen('status', integration, events, (event) => {
      const record = this.statuses.accept(integration, event, this.lookup(caseInsensitive, this.clock.now()));
      return {
        eventId: event.eventId,
        outcome: 'accepted',
        match: record.match,
        taskId: record.taskId,
        userId: record.userId,
      };
    });
  }

  /** Applies a checked batch of contact events; a repeated `eventId` (per integration) is a duplicate. */
  ingestContacts(
    integration: string,
    events: ContactEventInput[],
    caseInsensitive: boolean,
  ): WfmInboundItemResult[] {
    return this.firstSeen('contact', integration, events, (event) => {
      this.contactEvents += 1;
      const nowMs = this.clock.now();
      const { record, unknownUser } = this.contacts.accept(
        integration,
        event,
        this.lookup(caseInsensitive, nowMs),
      );
      const issue = (reason: WfmIssue['reason'], candidates: number[]) =>
        this.contactIssues.push({
          kind: 'contact',
          reason,
          integrationAlias: integration,
          eventId: event.eventId,
          value: event.workstream,
          userEmail: event.userEmail ?? null,
          userId: event.userId ?? null,
          timestamp: new Date(event.startMs).toISOString(),
          receivedAt: new Date(nowMs).toISOString(),
          candidates: candidates.map((id) => ({ id, name: this.catalog.workstreams.get(id)?.name ?? '' })),
        });
      if (record.workstreamMatch !== 'matched') issue(record.workstreamMatch, record.candidateWorkstreamIds);
      if (unknownUser) issue('unknown_user', []);
      const match: StatusMatch = unknownUser ? 'unknown_user' : record.workstreamMatch;
      return {
        eventId: event.eventId,
        outcome: 'accepted',
        match,
        workstreamId: record.workstreamId,
        userId: record.userId,
      };
    });
  }

  /** Statuses and contacts of one integration (or all) that did not match exactly one record, oldest first. */
  issues(integration?: string): WfmIssue[] {
    const statusIssues: WfmIssue[] = this.statuses.records
      .filter(
        (record) =>
          record.match !== 'matched' && (integration === undefined || record.integration === integration),
      )
      .map((record) => ({
        kind: 'status',
        reason: record.match as WfmIssue['reason'],
        integrationAlias: record.integration,
        eventId: record.eventId,
        value: record.status,
        userEmail: record.sentUserEmail ?? null,
        userId: record.sentUserId ?? null,
        timestamp: new Date(record.atMs).toISOString(),
        receivedAt: new Date(record.receivedMs).toISOString(),
        candidates: record.candidateTaskIds.map((id) => ({
          id,
          name: this.catalog.taskDefinitions.get(id)?.name ?? '',
        })),
      }));
    const contactIssues = this.contactIssues.filter(
      (issue) => integration === undefined || issue.integrationAlias === integration,
    );
    return [...statusIssues, ...contactIssues].sort(
      (a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt),
    );
  }
}
