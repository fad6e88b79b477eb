import type Database from 'better-sqlite3';
import { type InteractionDbRow, toRow } from './rows.js';
import { BODY_JOIN, INTERACTION_SELECT } from './sqlite-sql.js';
import type {
  LateBase,
  LateEvent,
  LateUpdateCounts,
  LateUpdateOutcome,
  NewDeadLetter,
  PendingLateUpdate,
} from './types.js';

/**
 * The late-update tables: `late_events` holds events that arrived after their interaction left
 * assembly (by store seq, so a repeated write is ignored); `late_updates` holds, per interaction, the
 * base an update is rebuilt from, how many updates Playvox took and the retry state. Created with the
 * rest of the schema (`CREATE … IF NOT EXISTS`, so an older store file gains them at open).
 */
export const LATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS late_events (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, payload TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS late_events_by_key ON late_events (key, seq);
CREATE TABLE IF NOT EXISTS late_updates (key TEXT PRIMARY KEY, base TEXT, updates INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0, retry_at INTEGER NOT NULL DEFAULT 0, last_error TEXT);
`;

/**
 * The delivered interactions with late events to send, oldest event first. Driven by the pending late
 * events (a handful; applied ones are deleted), CROSS JOIN keeping them the outer loop: otherwise the
 * planner walks every delivered interaction by the state index, on every pass of the worker.
 */
export const PENDING_LATE_SQL = `SELECT ${INTERACTION_SELECT}, u.base AS late_base, u.attempts AS late_attempts
    FROM (SELECT key, MIN(seq) AS first_seq FROM late_events GROUP BY key) p
    CROSS JOIN late_updates u ON u.key = p.key CROSS JOIN interactions i ON i.key = p.key ${BODY_JOIN}
    WHERE u.retry_at <= ? AND i.state = 'delivered' AND i.playvox_id IS NOT NULL
    ORDER BY p.first_seq LIMIT ?`;

const STATEMENTS = {
  insertEvent: 'INSERT INTO late_events (seq, key, payload) VALUES (?, ?, ?) ON CONFLICT (seq) DO NOTHING',
  ensureUpdate: 'INSERT INTO late_updates (key) VALUES (?) ON CONFLICT (key) DO NOTHING',
  saveBase:
    'INSERT INTO late_updates (key, base) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET base = excluded.base',
  // Only delivered interactions are updated: one still on its way is sent with what it has, then updated.
  pending: PENDING_LATE_SQL,
  eventsOf: 'SELECT seq, key, payload FROM late_events WHERE key = ? ORDER BY seq',
  deleteEvents: 'DELETE FROM late_events WHERE key = ? AND seq <= ?',
  finish: `UPDATE late_updates SET base = COALESCE(?, base), updates = updates + ?, attempts = 0, retry_at = 0,
    last_error = NULL WHERE key = ?`,
  defer: 'UPDATE late_updates SET attempts = ?, retry_at = ?, last_error = ? WHERE key = ?',
  applied: 'SELECT COALESCE(SUM(updates), 0) AS n FROM late_updates',
  pendingCount: 'SELECT COUNT(DISTINCT key) AS n FROM late_events',
} as const;

/** The late-update half of the SQLite store (see `SqliteStore`, which delegates to it). */
export class SqliteLateUpdates {
  private readonly stmt: Record<keyof typeof STATEMENTS, Database.Statement>;

  constructor(
    private readonly db: Database.Database,
    private readonly insertLetters: (letters: NewDeadLetter[], now: number) => void,
  ) {
    db.exec(LATE_SCHEMA);
    this.stmt = Object.fromEntries(
      Object.entries(STATEMENTS).map(([name, sql]) => [name, db.prepare(sql)]),
    ) as Record<keyof typeof STATEMENTS, Database.Statement>;
  }

  add(events: LateEvent[]): void {
    this.db.transaction(() => {
      for (const event of events) {
        this.stmt.insertEvent.run(event.seq, event.key, JSON.stringify(event.payload));
        this.stmt.ensureUpdate.run(event.key);
      }
    })();
  }

  saveBases(bases: LateBase[]): void {
    this.db.transaction(() => {
      for (const base of bases) this.stmt.saveBase.run(base.key, JSON.stringify(base));
    })();
  }

  pending(limit: number, now: number): PendingLateUpdate[] {
    const rows = this.stmt.pending.all(now, limit) as Array<
      InteractionDbRow & { late_base: string | null; late_attempts: number }
    >;
    return rows.map((r) => ({
      row: toRow(r),
      ...(r.late_base ? { base: JSON.parse(r.late_base) as LateBase } : {}),
      attempts: r.late_attempts,
      events: (this.stmt.eventsOf.all(r.key) as Array<{ seq: number; key: string; payload: string }>).map(
        (e) => ({ seq: e.seq, key: e.key, payload: JSON.parse(e.payload) }),
      ),
    }));
  }

  finish(outcome: LateUpdateOutcome): void {
    this.db.transaction(() => {
      this.stmt.deleteEvents.run(outcome.key, outcome.throughSeq);
      this.stmt.finish.run(
        outcome.base ? JSON.stringify(outcome.base) : null,
        outcome.applied ? 1 : 0,
        outcome.key,
      );
      if (outcome.deadLetter) this.insertLetters([outcome.deadLetter], Date.now());
    })();
  }

  defer(key: string, attempts: number, retryAt: number, lastError: string): void {
    this.stmt.defer.run(attempts, retryAt, lastError, key);
  }

  counts(): LateUpdateCounts {
    return {
      applied: (this.stmt.applied.get() as { n: number }).n,
      pending: (this.stmt.pendingCount.get() as { n: number }).n,
    };
  }
}
