import type { wfm } from '@voxbridge/playvox/wire';
import type { WfmCatalog, WfmTaskDefinitionRecord } from './catalog.js';
import type { WfmDirectory } from './directory.js';
import type { StatusEventInput } from './inbound.js';
import { matchIdentifier } from './matching.js';

/** How one accepted status was resolved. */
export type StatusMatch = wfm.WfmMatch;

/** One accepted agent-status event, kept whatever its match. */
export interface StatusRecord {
  /** Arrival order; also the id of the interval it opens. */
  seq: number;
  integration: string;
  eventId: string;
  status: string;
  atMs: number;
  receivedMs: number;
  /** The Playvox user, when the event named a known one. */
  userId: number | null;
  userEmail: string | null;
  /** What the event named, as sent. */
  sentUserEmail: string | undefined;
  sentUserId: string | undefined;
  match: StatusMatch;
  taskId: number | null;
  /** Task definitions that all matched (ambiguous only). */
  candidateTaskIds: number[];
}

/** A Playvox work-activity task (an agent-status interval): the contract's `taskInterval`. */
export type WfmTaskInterval = wfm.WfmTaskInterval;

/**
 * Agent statuses per user and integration, each timeline sorted by event time (ties by arrival), so
 * that events arriving late or out of order still give the right intervals: a matched status opens an
 * interval of its task, and the user's next status of the same integration — matched or not — closes it.
 */
export class StatusLog {
  /** Every accepted status, in arrival order. */
  readonly records: StatusRecord[] = [];
  private readonly timelines = new Map<string, StatusRecord[]>();
  private seq = 0;

  /** Forgets everything. */
  clear(): void {
    this.records.length = 0;
    this.timelines.clear();
    this.seq = 0;
  }

  /** Resolves the user and the task of one new (not duplicate) status and files it. */
  accept(
    integration: string,
    event: StatusEventInput,
    parts: { directory: WfmDirectory; catalog: WfmCatalog; caseInsensitive: boolean; nowMs: number },
  ): StatusRecord {
    const user = parts.directory.resolve(integration, event);
    const record: StatusRecord = {
      seq: ++this.seq,
      integration,
      eventId: event.eventId,
      status: event.status,
      atMs: event.atMs,
      receivedMs: parts.nowMs,
      userId: user?.id ?? null,
      userEmail: user?.email ?? null,
      sentUserEmail: event.userEmail,
      sentUserId: event.userId,
      match: 'unknown_user',
      taskId: null,
      candidateTaskIds: [],
    };
    if (user) {
      const outcome = matchIdentifier(
        parts.catalog.taskDefinitions.values(),
        integration,
        event.status,
        parts.caseInsensitive,
      );
      if (outcome.kind === 'matched') {
        record.match = 'matched';
        record.taskId = outcome.owner.id;
      } else if (outcome.kind === 'ambiguous') {
        record.match = 'ambiguous';
        record.candidateTaskIds = outcome.candidates.map((task) => task.id);
      } else {
        record.match = 'unmatched';
      }
      insertSorted(this.timeline(integration, user.id), record);
    }
    this.records.push(record);
    return record;
  }

  /** Intervals whose start lies in [fromMs, toMs), by start time then id. */
  intervals(fromMs: number, toMs: number, catalog: WfmCatalog): WfmTaskInterval[] {
    const out: WfmTaskInterval[] = [];
    for (const timeline of this.timelines.values()) {
      timeline.forEach((record, index) => {
        if (record.match !== 'matched' || record.atMs < fromMs || record.atMs >= toMs) return;
        const task = catalog.taskDefinitions.get(record.taskId!);
        if (task) out.push(toInterval(record, timeline[index + 1], task));
      });
    }
    return out.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime) || a.id - b.id);
  }

  /** The task a user is in now for an integration (the latest status, when it matched). */
  currentTaskId(integration: string, userId: number): number | null {
    const timeline = this.timelines.get(key(integration, userId));
    const last = timeline?.[timeline.length - 1];
    return last?.match === 'matched' ? last.taskId : null;
  }

  private timeline(integration: string, userId: number): StatusRecord[] {
    let timeline = this.timelines.get(key(integration, userId));
    if (!timeline) {
      timeline = [];
      this.timelines.set(key(integration, userId), timeline);
    }
    return timeline;
  }
}

function key(integration: string, userId: number): string {
  return `${integration}\u0000${userId}`;
}

/** Inserts after every record with an earlier or equal time, so equal times keep arrival order. */
function insertSorted(timeline: StatusRecord[], record: StatusRecord): void {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (timeline[mid]!.atMs <= record.atMs) low = mid + 1;
    else high = mid;
  }
  timeline.splice(low, 0, record);
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

function toInterval(
  record: StatusRecord,
  next: StatusRecord | undefined,
  task: WfmTaskDefinitionRecord,
): WfmTaskInterval {
  return {
    id: record.seq,
    createdAt: new Date(record.receivedMs).toISOString(),
    // An interval changes when the status that closes it arrives.
    updatedAt: new Date(Math.max(record.receivedMs, next?.receivedMs ?? 0)).toISOString(),
    startTime: new Date(record.atMs).toISOString(),
    endTime: next ? new Date(next.atMs).toISOString() : null,
    taskId: task.id,
    taskIdentifier: task.taskIdentifier,
    taskTypeIdentifier: task.taskTypeIdentifier,
    colour: task.colour,
    name: task.name,
    integrationAlias: record.integration,
    userId: record.userId!,
    userEmail: record.userEmail!,
    isProductive: flag(task.isProductive),
    isLeave: flag(task.isLeave),
    isBreak: flag(task.isBreak),
    isPaid: flag(task.isPaid),
    shiftDataId: null,
    shiftId: null,
  };
}
