import type { Gladly } from '@voxbridge/gladly';
import type { GladlyConfig } from '../../config/wfm-schema.js';
import type { BridgeStore } from '../../store/types.js';

/** The store stream of Gladly work sessions (rows of the work-session report with a handle time). */
export const GLADLY_WORK_SESSION_STREAM = 'gladly:work-sessions';

/** What one report poll did. */
export interface WorkSessionPollOutcome {
  /** Report rows read. */
  rows: number;
  /** Rows with an agent and a handle time, stored for the first time. */
  inserted: number;
  window: { startAt: number; endAt: number } | undefined;
}

const MINUTE = 60_000;

/**
 * One work-session report poll (every 10 minutes by default): the rows of `[checkpoint − overlap, now]`
 * — Gladly anchors a row on its contact's end, so `now` as the end brings contacts that ended late —
 * keeping those that have an agent and a handle time (known once the contact ended). Rows are stored
 * deduplicated by their id, with the window's end as the checkpoint, in one transaction.
 */
export async function pollWorkSessions(
  deps: { gladly: Gladly; store: BridgeStore; config: GladlyConfig; now: () => number },
  signal: AbortSignal,
): Promise<WorkSessionPollOutcome> {
  const now = deps.now();
  const token = (await deps.store.getCheckpoint(GLADLY_WORK_SESSION_STREAM))?.token;
  const last = token === undefined ? Number.NaN : Date.parse(token);
  const lookback = deps.config.poll.initialLookbackMinutes;
  const initial =
    lookback !== undefined
      ? now - lookback * MINUTE
      : Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const startAt =
    Math.floor((Number.isFinite(last) ? last - deps.config.workSessions.overlapMs : initial) / MINUTE) *
    MINUTE;
  const endAt = Math.floor(now / MINUTE) * MINUTE;
  if (endAt <= startAt) return { rows: 0, inserted: 0, window: undefined };
  const rows = await deps.gladly.reports.workSessionEvents(
    { startAtTime: startAt, endAtTime: endAt },
    { signal },
  );
  const done = rows.filter(
    (row) => row.agentId && row.workSessionHandleTimeSec !== null && row.contactSessionEndedAt,
  );
  const { inserted } = await deps.store.appendEvents(
    GLADLY_WORK_SESSION_STREAM,
    done.map((row) => ({
      eventId: `gladly-ws:${row.id}`,
      payload: row as unknown as Record<string, unknown>,
    })),
    new Date(endAt).toISOString(),
  );
  return { rows: rows.length, inserted, window: { startAt, endAt } };
}
