import type { WfmSource } from '../config/wfm-defaults.js';
import type { UserSyncReport } from '../wfm/users.js';

/** Figures of one source's delivery to WFM. */
export interface DeliveryStats {
  /** Stored events the consumer finished. */
  consumed: number;
  statuses: number;
  contacts: number;
  duplicates: number;
  /** Accepted by WFM but not placed (no match, several matches, unknown user). */
  unmatched: number;
  deadLettered: number;
}

/** Summary of the last user sync of a source. */
export interface UserSyncStats {
  at: string;
  matched: number;
  mapped: number;
  cleared: number;
  unmatchedSource: number;
  unmatchedWfm: number;
}

/** Live figures of the WFM connector (`stats()`), for the terminal view, the dashboard and tests. */
export interface WfmConnectorStats {
  gladly?: {
    webhook: {
      /** Events stored from webhook deliveries. */
      stored: number;
      duplicates: number;
      pings: number;
      unauthorized: number;
      invalid: number;
      /** Times the webhook was found disabled or missing and restored. */
      restored: number;
      /** What the last check found: `ok`, `enabled`, `created`, `none` (no webhook configured). */
      lastCheck?: string;
    };
    poll: {
      polls: number;
      read: number;
      inserted: number;
      gapFills: number;
      lastPollAt?: string;
      checkpoint?: string;
    };
    workSessions: { polls: number; rows: number; inserted: number; lastPollAt?: string };
    users?: UserSyncStats;
  };
  livevox?: {
    stored: number;
    duplicates: number;
    /** The Agent Event Feed has answered at least once. */
    connected: boolean;
    users?: UserSyncStats;
  };
  delivery: Partial<Record<WfmSource, DeliveryStats>>;
  lastError?: string;
}

/** A zeroed delivery tally. */
export function emptyDelivery(): DeliveryStats {
  return { consumed: 0, statuses: 0, contacts: 0, duplicates: 0, unmatched: 0, deadLettered: 0 };
}

/** Adds one round's outcome to a tally. */
export function addDelivery(total: DeliveryStats, round: DeliveryStats): void {
  for (const key of Object.keys(total) as Array<keyof DeliveryStats>) total[key] += round[key] ?? 0;
}

/** The stats line of a sync report. */
export function syncStats(report: UserSyncReport): UserSyncStats {
  return {
    at: report.at,
    matched: report.matched,
    mapped: report.mapped,
    cleared: report.cleared,
    unmatchedSource: report.unmatchedSource.length,
    unmatchedWfm: report.unmatchedWfm.length,
  };
}
