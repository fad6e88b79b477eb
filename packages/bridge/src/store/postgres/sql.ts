import type pg from 'pg';
import { INTERACTION_COLUMNS, toParams } from '../rows.js';
import type { InteractionRow, NewDeadLetter } from '../types.js';

const COLUMN_COUNT = 17;
const UPDATE_SET = INTERACTION_COLUMNS.split(', ')
  .slice(1)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

// 17 parameters a row, PostgreSQL allows 65 535 parameters a statement.
const ROWS_PER_STATEMENT = 1_000;

/**
 * Writes interaction rows with multi-row upserts. `guarded`: a row that is in a batch (`sending`,
 * `submitted`) or `delivered` is left as it is. Only the batch methods move such rows, so a worker
 * writing a row it read before another worker claimed or delivered it cannot put it back into play
 * (which would send it twice).
 */
export async function upsertInteractions(
  client: pg.ClientBase,
  rows: InteractionRow[],
  guarded: boolean,
): Promise<void> {
  // One statement cannot update a row twice: the last write of a key wins, as with one-by-one writes.
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const unique = [...byKey.values()];
  for (let start = 0; start < unique.length; start += ROWS_PER_STATEMENT) {
    const chunk = unique.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const tuples = chunk.map((row, i) => {
      params.push(...toParams(row));
      const base = i * COLUMN_COUNT;
      return `(${Array.from({ length: COLUMN_COUNT }, (_, c) => `$${base + c + 1}`).join(', ')})`;
    });
    await client.query(
      `INSERT INTO interactions (${INTERACTION_COLUMNS}) VALUES ${tuples.join(', ')}
       ON CONFLICT (key) DO UPDATE SET ${UPDATE_SET}${
         guarded ? " WHERE interactions.state NOT IN ('sending', 'submitted', 'delivered')" : ''
       }`,
      params,
    );
  }
}

/** Stores dead letters, created at `now`. */
export async function insertLetters(
  client: pg.ClientBase,
  letters: NewDeadLetter[],
  now: number,
): Promise<void> {
  if (letters.length === 0) return;
  await client.query(
    `INSERT INTO dead_letters (key, stage, reason, payload, created_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])`,
    [
      letters.map((l) => l.key ?? null),
      letters.map((l) => l.stage),
      letters.map((l) => l.reason),
      letters.map((l) => JSON.stringify(l.payload ?? null)),
      letters.map(() => now),
    ],
  );
}

/** Sets a `meta` value. */
export async function setMeta(client: pg.ClientBase | pg.Pool, name: string, value: string): Promise<void> {
  await client.query(
    'INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    [name, value],
  );
}

/** Moves a consumer's cursor. */
export async function saveCursor(
  client: pg.ClientBase | pg.Pool,
  cursor: string,
  seq: number,
): Promise<void> {
  await client.query(
    'INSERT INTO cursors (name, seq) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq',
    [cursor, seq],
  );
}

/**
 * Serialises the writers of one stream until the transaction ends. Sequence numbers are taken in
 * insertion order but transactions commit in any order; without this lock a reader could see seq 11
 * before seq 10 commits, move its cursor past 10 and never read it. With it, a stream's events become
 * visible in seq order (webhook intake on every worker writes the same stream).
 */
export async function lockStream(client: pg.ClientBase, stream: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended('voxbridge:stream:' || $1, 0))", [
    stream,
  ]);
}
