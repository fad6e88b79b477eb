import type pg from 'pg';
import { parseEventLetterKey } from '../letters.js';
import { type DeadLetterDbRow, type InteractionDbRow, toRow } from '../sqlite-sql.js';
import type { InteractionRow } from '../types.js';
import { inTransaction } from './pool.js';
import { INTERACTION_COLUMNS, lockStream, upsertInteractions } from './sql.js';

/** The columns of `dead_letters`. */
export const DEAD_COLUMNS = 'id, key, stage, reason, payload, created_at';

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
      const ready: InteractionRow = {
        ...toRow(row),
        state: 'ready',
        attempts: 0,
        retryAt: 0,
        payload: undefined,
        lastError: undefined,
        updatedAt: Date.now(),
      };
      await upsertInteractions(c, [ready], false);
    }
    await c.query('DELETE FROM dead_letters WHERE id = $1', [id]);
    return true;
  });
}
