import type Database from 'better-sqlite3';
import type { SqliteEventLog } from './sqlite-events.js';

/** How often a store with a retention prunes, unless told otherwise. */
export const DEFAULT_PRUNE_EVERY_MS = 3_600_000;

/** What one retention pass deleted. */
export interface PruneResult {
  events: number;
  interactions: number;
}

/**
 * One retention pass over a SQLite store. Events go once they are older than `before` and every
 * consumer's cursor is past them; delivered interactions once delivered before `before` (their
 * payload and events are already emptied at delivery), with the late events and update bases kept for
 * them. Dead letters, and interactions in any other state, are kept.
 */
export function pruneSqlite(db: Database.Database, before: number, eventLog: SqliteEventLog): PruneResult {
  return db.transaction(() => {
    const events = eventLog.pruneBefore(before);
    const interactions = db
      .prepare("DELETE FROM interactions WHERE state = 'delivered' AND delivered_at < ?")
      .run(before).changes;
    // Late updates of pruned interactions: their events and base go, their update counts stay.
    const gone = 'NOT EXISTS (SELECT 1 FROM interactions i WHERE i.key = t.key)';
    db.prepare(`DELETE FROM late_events AS t WHERE ${gone}`).run();
    db.prepare(`UPDATE late_updates AS t SET base = NULL WHERE base IS NOT NULL AND ${gone}`).run();
    return { events, interactions };
  })();
}

/**
 * Parses `store.retention`: a whole number and a unit (`ms`, `s`, `m`, `h`, `d`), such as `7d` or `12h`.
 * Returns milliseconds, or undefined when the text is not such a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms'];
  return Number(match[1]) * unit;
}
