import type pg from 'pg';
import type { InteractionDbRow } from '../rows.js';
import { toRow } from '../rows.js';
import type {
  LateBase,
  LateEvent,
  LateUpdateCounts,
  LateUpdateOutcome,
  PendingLateUpdate,
} from '../types.js';
import { inTransaction } from './pool.js';
import { insertLetters } from './sql.js';

/**
 * The late-update half of the PostgreSQL store (tables of migration 4, as in the SQLite store's
 * `sqlite-late.ts`). Only the owner of the interaction stream writes late events and applies updates,
 * so these need no fencing beyond the assembler's own.
 */

const I_COLUMNS =
  'i.key, i.type, i.state, i.interaction_id, i.events, i.first_seen_at, i.updated_at, i.record, i.payload, i.batch_id, i.job_id, i.attempts, i.retry_at, i.playvox_id, i.last_error, i.delivered_at, i.ready_at';

/** {@link BridgeStore.addLateEvents}: a seq already stored is ignored. */
export async function addLateEvents(pool: pg.Pool, events: LateEvent[]): Promise<void> {
  if (events.length === 0) return;
  await inTransaction(pool, async (c) => {
    await c.query(
      `INSERT INTO late_events (seq, key, payload)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) ON CONFLICT (seq) DO NOTHING`,
      [events.map((e) => e.seq), events.map((e) => e.key), events.map((e) => JSON.stringify(e.payload))],
    );
    await c.query(
      'INSERT INTO late_updates (key) SELECT DISTINCT unnest($1::text[]) ON CONFLICT (key) DO NOTHING',
      [events.map((e) => e.key)],
    );
  });
}

/** {@link BridgeStore.saveLateBases}. */
export async function saveLateBases(pool: pg.Pool, bases: LateBase[]): Promise<void> {
  if (bases.length === 0) return;
  const byKey = new Map(bases.map((b) => [b.key, b])); // one statement cannot write a key twice
  await pool.query(
    `INSERT INTO late_updates (key, base) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (key) DO UPDATE SET base = excluded.base`,
    [[...byKey.keys()], [...byKey.values()].map((b) => JSON.stringify(b))],
  );
}

/** {@link BridgeStore.pendingLateUpdates}: delivered interactions only, oldest late event first. */
export async function pendingLateUpdates(
  pool: pg.Pool,
  limit: number,
  now: number,
): Promise<PendingLateUpdate[]> {
  const r = await pool.query<InteractionDbRow & { late_base: string | null; late_attempts: number }>(
    `SELECT ${I_COLUMNS}, u.base AS late_base, u.attempts AS late_attempts, f.first_seq
     FROM late_updates u JOIN interactions i ON i.key = u.key
     JOIN (SELECT key, MIN(seq) AS first_seq FROM late_events GROUP BY key) f ON f.key = u.key
     WHERE u.retry_at <= $1 AND i.state = 'delivered' AND i.playvox_id IS NOT NULL
     ORDER BY f.first_seq LIMIT $2`,
    [now, limit],
  );
  if (r.rows.length === 0) return [];
  const events = await pool.query<{ seq: number; key: string; payload: string }>(
    'SELECT seq, key, payload FROM late_events WHERE key = ANY($1) ORDER BY seq',
    [r.rows.map((row) => row.key)],
  );
  const byKey = new Map<string, LateEvent[]>();
  for (const e of events.rows)
    byKey.set(e.key, [
      ...(byKey.get(e.key) ?? []),
      { seq: e.seq, key: e.key, payload: JSON.parse(e.payload) },
    ]);
  return r.rows.map((row) => ({
    row: toRow(row),
    ...(row.late_base ? { base: JSON.parse(row.late_base) as LateBase } : {}),
    attempts: row.late_attempts,
    events: byKey.get(row.key) ?? [],
  }));
}

/** {@link BridgeStore.finishLateUpdate}, in one transaction. */
export async function finishLateUpdate(pool: pg.Pool, outcome: LateUpdateOutcome): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query('DELETE FROM late_events WHERE key = $1 AND seq <= $2', [outcome.key, outcome.throughSeq]);
    await c.query(
      `UPDATE late_updates SET base = COALESCE($1, base), updates = updates + $2, attempts = 0, retry_at = 0,
       last_error = NULL WHERE key = $3`,
      [outcome.base ? JSON.stringify(outcome.base) : null, outcome.applied ? 1 : 0, outcome.key],
    );
    if (outcome.deadLetter) await insertLetters(c, [outcome.deadLetter], Date.now());
  });
}

/** {@link BridgeStore.deferLateUpdate}. */
export async function deferLateUpdate(
  pool: pg.Pool,
  key: string,
  attempts: number,
  retryAt: number,
  lastError: string,
): Promise<void> {
  await pool.query('UPDATE late_updates SET attempts = $1, retry_at = $2, last_error = $3 WHERE key = $4', [
    attempts,
    retryAt,
    lastError,
    key,
  ]);
}

/** {@link BridgeStore.lateUpdateCounts}. */
export async function lateUpdateCounts(pool: pg.Pool): Promise<LateUpdateCounts> {
  const r = await pool.query<{ applied: number; pending: number }>(
    `SELECT (SELECT COALESCE(SUM(updates), 0)::int FROM late_updates) AS applied,
            (SELECT COUNT(DISTINCT key)::int FROM late_events) AS pending`,
  );
  return { applied: r.rows[0]?.applied ?? 0, pending: r.rows[0]?.pending ?? 0 };
}
