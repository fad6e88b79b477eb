import type pg from 'pg';
import { parseEventLetterKey } from '../letters.js';
import {
  DEAD_COLUMNS,
  type DeadLetterDbRow,
  INTERACTION_COLUMNS,
  type InteractionDbRow,
  retriedRow,
  toRow,
} from '../rows.js';
import { inTransaction } from './pool.js';
import { lockStream, upsertInteractions } from './sql.js';

/** {@link BridgeStore.retryDeadLetter} in one transaction (the letter row locked while it is re-driven). */
export async function retryDeadLetter(pool: pg.Pool, id: number): Promise<boolean> {
  return inTransaction(pool, async (c) => {
    const r = await c.query<DeadLetterDbRow>(
      `SELECT ${DEAD_COLUMNS} FROM dead_letters WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const letter = r.rows[0];
    if (!letter?.key) return false; // nothing names what to re-drive: the letter stays until dropped
    const event = parseEventLetterKey(letter.key);
    if (event) {
      // Back on its stream under a new event id (dedup keeps the original's); see the SQLite store.
      if (letter.payload === null) return false;
      await lockStream(c, event.stream);
      await c.query('INSERT INTO events (event_id, stream, received_at, payload) VALUES ($1, $2, $3, $4)', [
        `${event.eventId}#retry-${id}`,
        event.stream,
        Date.now(),
        letter.payload,
      ]);
    } else {
      const found = await c.query<InteractionDbRow>(
        `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE key = $1 FOR UPDATE`,
        [letter.key],
      );
      const row = found.rows[0];
      if (row?.state !== 'dead') return false;
      await upsertInteractions(c, [retriedRow(toRow(row), Date.now())], false);
    }
    await c.query('DELETE FROM dead_letters WHERE id = $1', [id]);
    return true;
  });
}
