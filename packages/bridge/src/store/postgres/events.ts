import type pg from 'pg';
import {
  type EventDbRow,
  QUEUED_STATES_SQL,
  toStoredEvent,
  zeroQueueCounts,
  zeroStateCounts,
} from '../rows.js';
import type {
  EventInput,
  InteractionState,
  QueueCounts,
  QueuedState,
  StoreCounts,
  StoredEvent,
} from '../types.js';
import { lockStream } from './sql.js';

/**
 * Inserts a stream's new events (ignoring stored eventIds), in order, and saves the feed token when
 * given; inside the caller's transaction, under the stream's lock (see {@link lockStream}).
 */
export async function insertEvents(
  c: pg.ClientBase,
  stream: string,
  events: EventInput[],
  token: string | undefined,
  now: number,
): Promise<{ inserted: number; duplicates: number }> {
  let inserted = 0;
  if (events.length > 0) {
    await lockStream(c, stream);
    const result = await c.query(
      `INSERT INTO events (event_id, stream, received_at, payload)
       SELECT e, $3, $4, p FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(e, p, n) ORDER BY n
       ON CONFLICT (event_id) DO NOTHING`,
      [events.map((e) => e.eventId), events.map((e) => JSON.stringify(e.payload)), stream, now],
    );
    inserted = result.rowCount ?? 0;
  }
  if (token !== undefined)
    await c.query(
      `INSERT INTO checkpoints (stream, token, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (stream) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at`,
      [stream, token, now],
    );
  return { inserted, duplicates: events.length - inserted };
}

/** Events of `stream` after `cursor`'s position, oldest first. */
export async function readEvents(
  pool: pg.Pool,
  cursor: string,
  stream: string,
  limit: number,
): Promise<StoredEvent[]> {
  const r = await pool.query<EventDbRow>(
    `SELECT seq, event_id, stream, received_at, payload FROM events
     WHERE stream = $1 AND seq > COALESCE((SELECT seq FROM cursors WHERE name = $2), 0) ORDER BY seq LIMIT $3`,
    [stream, cursor, limit],
  );
  return r.rows.map(toStoredEvent);
}

/** Interactions on their way, by state, and dead letters (see `BridgeStore.queueCounts`). */
export async function countQueue(pool: pg.Pool): Promise<QueueCounts> {
  const queued = zeroQueueCounts();
  const [states, dead] = await Promise.all([
    // A range of the state index per queued state: the delivered rows are never visited.
    pool.query<{ state: QueuedState; n: number }>(
      `SELECT state, COUNT(*)::int AS n FROM interactions WHERE state IN ${QUEUED_STATES_SQL} GROUP BY state`,
    ),
    pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM dead_letters'),
  ]);
  for (const row of states.rows) queued[row.state] = row.n;
  return { queued, deadLetters: dead.rows[0]!.n };
}

/** Events, interactions per state and dead letters, for `voxbridge status` (every row counted). */
export async function countAll(pool: pg.Pool): Promise<StoreCounts> {
  const interactions = zeroStateCounts();
  const [states, totals] = await Promise.all([
    pool.query<{ state: InteractionState; n: number }>(
      'SELECT state, COUNT(*)::int AS n FROM interactions GROUP BY state',
    ),
    pool.query<{ events: number; dead: number }>(
      'SELECT (SELECT COUNT(*)::int FROM events) AS events, (SELECT COUNT(*)::int FROM dead_letters) AS dead',
    ),
  ]);
  for (const row of states.rows) interactions[row.state] = row.n;
  return { events: totals.rows[0]!.events, interactions, deadLetters: totals.rows[0]!.dead };
}
