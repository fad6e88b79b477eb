import { z } from 'zod';
import type { WfmState } from './state.js';

const count = () => z.number().int();

/** Activity counts of one user (or one integration). */
export const wfmActivityCounts = z.object({
  statuses: count(),
  taskIntervals: count(),
  unmatched: count(),
  ambiguous: count(),
  contacts: count(),
});

/** Counts of one user, keyed in the truth's `perUser` by the user's email. */
export const wfmUserTruth = wfmActivityCounts.extend({
  userId: count(),
  currentTask: z
    .record(z.string(), z.string().nullable())
    .describe("Integration alias → name of the task the user's latest status opened (null: none)."),
});

/** What the emulator received and made of it (`GET /_emulator/truth`), for tests and the demo. */
export const wfmTruth = z.object({
  statuses: count().describe('Accepted (not duplicate) status events, whatever their match.'),
  duplicates: count().describe('Repeated eventIds, statuses and contacts together.'),
  duplicatesByKind: z.object({ statuses: count(), contacts: count() }),
  taskIntervals: count().describe('Intervals opened (one per matched status), open or closed.'),
  openIntervals: count().describe("Intervals still open (the user's latest status)."),
  unmatched: count().describe('Statuses of a known user that matched no task definition.'),
  ambiguous: count().describe('Statuses of a known user that matched several task definitions.'),
  unknownUsers: count().describe('Statuses naming no known user.'),
  contacts: count().describe('Distinct contacts (integration + contactId).'),
  contactEvents: count().describe('Accepted (not duplicate) contact events.'),
  contactIssues: z.object({
    unmatchedWorkstream: count(),
    ambiguousWorkstream: count(),
    unknownUser: count(),
  }),
  perIntegration: z.record(z.string(), wfmActivityCounts),
  perUser: z.record(z.string(), wfmUserTruth),
});

/** Activity counts of one user (or one integration). */
export type WfmActivityCounts = z.output<typeof wfmActivityCounts>;
/** Counts of one user, keyed in {@link WfmTruth.perUser} by the user's email. */
export type WfmUserTruth = z.output<typeof wfmUserTruth>;
/** What the emulator received and made of it (`GET /_emulator/truth`). */
export type WfmTruth = z.output<typeof wfmTruth>;

const emptyCounts = (): WfmActivityCounts => ({
  statuses: 0,
  taskIntervals: 0,
  unmatched: 0,
  ambiguous: 0,
  contacts: 0,
});

/** Computes the truth from the state. */
export function computeTruth(state: WfmState): WfmTruth {
  const perIntegration: Record<string, WfmActivityCounts> = {};
  const perUser: Record<string, WfmUserTruth> = {};
  const integrationEntry = (alias: string): WfmActivityCounts => {
    perIntegration[alias] ??= emptyCounts();
    return perIntegration[alias];
  };
  const userEntry = (userId: number, email: string): WfmUserTruth => {
    perUser[email] ??= { userId, ...emptyCounts(), currentTask: {} };
    return perUser[email];
  };
  const byMatch = { matched: 0, unmatched: 0, ambiguous: 0, unknown_user: 0 };
  for (const record of state.statuses.records) {
    byMatch[record.match] += 1;
    const user =
      record.userId !== null && record.userEmail !== null
        ? userEntry(record.userId, record.userEmail)
        : undefined;
    for (const counts of user
      ? [integrationEntry(record.integration), user]
      : [integrationEntry(record.integration)]) {
      counts.statuses += 1;
      if (record.match === 'matched') counts.taskIntervals += 1;
      else if (record.match === 'unmatched') counts.unmatched += 1;
      else if (record.match === 'ambiguous') counts.ambiguous += 1;
    }
    if (user) {
      const taskId = state.statuses.currentTaskId(record.integration, record.userId!);
      user.currentTask[record.integration] =
        taskId === null ? null : (state.catalog.taskDefinitions.get(taskId)?.name ?? null);
    }
  }
  for (const contact of state.contacts.list()) {
    integrationEntry(contact.integration).contacts += 1;
    if (contact.userId !== null && contact.userEmail !== null)
      userEntry(contact.userId, contact.userEmail).contacts += 1;
  }
  const openIntervals = Object.values(perUser).reduce(
    (sum, user) => sum + Object.values(user.currentTask).filter((name) => name !== null).length,
    0,
  );
  const countIssues = (reason: string) =>
    state.contactIssues.filter((issue) => issue.reason === reason).length;
  return {
    statuses: state.statuses.records.length,
    duplicates: state.duplicateStatuses + state.duplicateContacts,
    duplicatesByKind: { statuses: state.duplicateStatuses, contacts: state.duplicateContacts },
    taskIntervals: byMatch.matched,
    openIntervals,
    unmatched: byMatch.unmatched,
    ambiguous: byMatch.ambiguous,
    unknownUsers: byMatch.unknown_user,
    contacts: state.contacts.size,
    contactEvents: state.contactEvents,
    contactIssues: {
      unmatchedWorkstream: countIssues('unmatched'),
      ambiguousWorkstream: countIssues('ambiguous'),
      unknownUser: countIssues('unknown_user'),
    },
    perIntegration,
    perUser,
  };
}
