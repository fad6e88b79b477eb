import type { DeadLetter, WfmConnectorStats } from '@voxbridge/bridge';
import type { CircuitSnapshot } from '@voxbridge/core';
import type { CircuitFigures, DeadLetterGroup, DeadLetterItem, WfmFigures } from './types.js';

/** The user sync interval when the view does not say (the connector's default). */
export const DEFAULT_USER_SYNC_INTERVAL_MS = 3_600_000;

/** A circuit snapshot as the page shows it. */
export function circuitFigures(snapshot: CircuitSnapshot): CircuitFigures {
  return {
    destination: snapshot.destination,
    state: snapshot.state,
    since: snapshot.since ?? null,
    reason: snapshot.reason ?? null,
    opened: snapshot.opened,
  };
}

/** What {@link wfmFigures} carries from one sample to the next. */
export interface WfmMemory {
  webhooksReceived: number | null;
  lastWebhookAt: number | null;
}

const parseTime = (iso: string | undefined): number | null => {
  if (iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
};

/**
 * The WFM panel's figures from the connector's stats. The connector counts webhook deliveries but
 * keeps no time of the last one, so the time is when this sampler saw the count go up (`now`, the
 * server's clock); `memory` carries the previous count between samples and is updated in place.
 */
export function wfmFigures(
  stats: WfmConnectorStats,
  memory: WfmMemory,
  now: number,
  syncIntervalMs: number,
): WfmFigures {
  const deliveries = Object.values(stats.delivery);
  const sum = (pick: (d: NonNullable<(typeof deliveries)[number]>) => number) =>
    deliveries.reduce((n, d) => n + (d ? pick(d) : 0), 0);
  const syncs = [stats.gladly?.users, stats.livevox?.users].filter((u) => u !== undefined);
  const webhooks = stats.gladly ? stats.gladly.webhook.stored : null;
  if (webhooks !== null && memory.webhooksReceived !== null && webhooks > memory.webhooksReceived)
    memory.lastWebhookAt = now;
  memory.webhooksReceived = webhooks;
  const syncTimes = syncs.map((u) => parseTime(u.at)).filter((t) => t !== null);
  const lastSync = syncTimes.length > 0 ? Math.max(...syncTimes) : null;
  return {
    statusesSent: sum((d) => d.statuses),
    contactsSent: sum((d) => d.contacts),
    unmatchedStatuses: sum((d) => d.unmatched),
    unmatchedUsers: syncs.length > 0 ? syncs.reduce((n, u) => n + u.unmatchedSource, 0) : null,
    webhooksReceived: webhooks,
    lastWebhookAt: memory.lastWebhookAt,
    lastUserSyncAt: lastSync,
    nextUserSyncAt: lastSync === null ? null : lastSync + syncIntervalMs,
    lastError: stats.lastError ?? null,
  };
}

/** Longest leading code (`assignee_id`, `wfm/gladly unknown_user`) taken as a reason's cause. */
const MAX_CAUSE_LENGTH = 48;

/**
 * What records of one cause share in their reason. A reason that starts with a short code and a
 * colon (`assignee_id: …`, `wfm/gladly unknown_user: …`) is grouped by that code; any other by its
 * text with what differs between records set aside: quoted values, UUIDs, interaction keys
 * (`voice:123`), ids with digits in them and numbers become `…`.
 */
export function reasonPattern(reason: string): string {
  const colon = reason.indexOf(': ');
  const cause = colon > 0 && colon <= MAX_CAUSE_LENGTH ? reason.slice(0, colon) : reason;
  return cause
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '…')
    .replace(/\b[a-z]+:[\w.%-]*\d[\w.%-]*/gi, '…')
    .replace(/[\w%=-]{6,}/g, (word) => (/\d/.test(word) ? '…' : word))
    .replace(/\d+(?:\.\d+)?/g, '…')
    .replace(/…(?:[\s,]*…)+/g, '…')
    .trim();
}

/** The key of a dead letter's group: its stage and reason pattern. */
export function groupKey(letter: Pick<DeadLetter, 'stage' | 'reason'>): string {
  return `${letter.stage}|${reasonPattern(letter.reason)}`;
}

/** A dead letter as the page lists it (the payload stays on the server). */
export function deadLetterItem(letter: DeadLetter): DeadLetterItem {
  return {
    id: letter.id,
    group: groupKey(letter),
    key: letter.key ?? null,
    stage: letter.stage,
    reason: letter.reason,
    createdAt: letter.createdAt,
  };
}

/** Groups dead letters (oldest first) by stage and reason pattern, largest group first. */
export function groupDeadLetters(letters: DeadLetter[]): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetterGroup>();
  for (const letter of letters) {
    const key = groupKey(letter);
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.latestAt = Math.max(group.latestAt, letter.createdAt);
    } else {
      groups.set(key, {
        key,
        stage: letter.stage,
        pattern: reasonPattern(letter.reason),
        count: 1,
        sample: deadLetterItem(letter),
        latestAt: letter.createdAt,
      });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.sample.id - b.sample.id);
}
