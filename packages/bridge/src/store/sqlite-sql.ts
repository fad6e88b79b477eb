import type Database from 'better-sqlite3';
import { DEAD_COLUMNS, INTERACTION_COLUMNS, QUEUED_STATES_SQL } from './rows.js';

// Portable SQL: INTEGER/TEXT columns, ON CONFLICT upserts, so a PostgreSQL store can start from the same
// statements (with BIGSERIAL for events.seq). SQLite-only: set-based reads and updates pass their keys as
// one JSON array read by `json_each` (PostgreSQL: `= ANY($1)`), one statement per set instead of one per
// key. An interaction is two rows: its state (`interactions`, about 150 bytes, rewritten at every step
// from claim to delivery) and its body (`interaction_bodies`: events, record and payload, kilobytes,
// written when they change and deleted at delivery), so a step rewrites a small row, not its body.
/** The tables and indexes of the store. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, received_at INTEGER NOT NULL, payload TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_stream ON events (stream, seq);
CREATE TABLE IF NOT EXISTS checkpoints (stream TEXT PRIMARY KEY, token TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS interactions (
  key TEXT PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL, interaction_id TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, batch_id TEXT, job_id TEXT,
  attempts INTEGER NOT NULL, retry_at INTEGER NOT NULL, playvox_id TEXT, last_error TEXT, delivered_at INTEGER, ready_at INTEGER);
CREATE TABLE IF NOT EXISTS interaction_bodies (key TEXT PRIMARY KEY, events TEXT NOT NULL, record TEXT, payload TEXT);
CREATE INDEX IF NOT EXISTS interactions_by_state ON interactions (state, first_seen_at);
CREATE TABLE IF NOT EXISTS batches (batch_id TEXT PRIMARY KEY, state TEXT NOT NULL, job_id TEXT, keys TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dead_letters (id INTEGER PRIMARY KEY, key TEXT, stage TEXT NOT NULL, reason TEXT NOT NULL, payload TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** The columns of an interaction kept in `interaction_bodies` (kilobytes, until delivery). */
const BODY_COLUMNS = new Set(['events', 'record', 'payload']);
const ALL_COLUMNS = INTERACTION_COLUMNS.split(', ');

/** Where each column of `STATE_COLUMNS` stands in `INTERACTION_COLUMNS` (the order of toParams). */
export const STATE_PARAMS = ALL_COLUMNS.flatMap((c, i) => (BODY_COLUMNS.has(c) ? [] : [i]));
/** The same for `interaction_bodies`' columns: the key, then the body columns. */
export const BODY_PARAMS = [0, ...ALL_COLUMNS.flatMap((c, i) => (BODY_COLUMNS.has(c) ? [i] : []))];

/** The columns of `interactions` (the state half of an interaction), in `INTERACTION_COLUMNS`' order. */
export const STATE_COLUMNS = STATE_PARAMS.map((i) => ALL_COLUMNS[i]).join(', ');

/** An interaction's columns (`i`) with its body's (`b`), in the order of `INTERACTION_COLUMNS` (rows.ts). */
export const INTERACTION_SELECT = ALL_COLUMNS.map((c) =>
  c === 'events' ? "COALESCE(b.events, '[]') AS events" : BODY_COLUMNS.has(c) ? `b.${c}` : `i.${c}`,
).join(', ');

/** Joins an interaction (`i`) to its body (`b`); a delivered interaction has none. */
export const BODY_JOIN = 'LEFT JOIN interaction_bodies b ON b.key = i.key';

/**
 * Select an interaction with its body, so both stores read rows with one codec (`...` `WHERE` on `i`).
 */
export const INTERACTION_WITH_BODY = `${INTERACTION_SELECT} FROM interactions i ${BODY_JOIN}`;

/** True when a store file still keeps bodies in `interactions` (written before `interaction_bodies`). */
export function hasInlineBodies(db: Database.Database): boolean {
  return tableColumns(db, 'interactions').has('events');
}

/** The column names of a table of the file. */
export function tableColumns(db: Database.Database, table: string): Set<string> {
  return new Set((db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name));
}

/**
 * Moves the bodies of a store file written before they had their own table (`interactions` with
 * `events`, `record` and `payload` columns) into `interaction_bodies`, and drops those columns.
 */
export function migrateInteractionBodies(db: Database.Database): void {
  if (!hasInlineBodies(db)) return;
  db.transaction(() => {
    db.exec(`INSERT OR REPLACE INTO interaction_bodies (key, events, record, payload)
      SELECT key, events, record, payload FROM interactions WHERE state != 'delivered'`);
    for (const column of ['events', 'record', 'payload'])
      db.exec(`ALTER TABLE interactions DROP COLUMN ${column}`);
  })();
}

/** An upsert of a row keyed by its first column (`key`), every other column taken from the insert. */
function upsertSql(table: string, columns: string[]): string {
  const updates = columns.slice(1).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (${columns[0]}) DO UPDATE SET ${updates.join(', ')}`;
}

/** The queued interactions by state: a range of the state index per queued state, never the delivered rows. */
export const COUNT_QUEUED_SQL = `SELECT state, COUNT(*) AS n FROM interactions WHERE state IN ${QUEUED_STATES_SQL} GROUP BY state`;

/** Every statement the store runs, by name. */
const STATEMENTS = {
  insertEvent:
    'INSERT INTO events (event_id, stream, received_at, payload) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
  saveCheckpoint:
    'INSERT INTO checkpoints (stream, token, updated_at) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at',
  getCheckpoint: 'SELECT token, updated_at FROM checkpoints WHERE stream = ?',
  clearCheckpoint: 'DELETE FROM checkpoints WHERE stream = ?',
  getCursor: 'SELECT seq FROM cursors WHERE name = ?',
  saveCursor:
    'INSERT INTO cursors (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq',
  getInteraction: `SELECT ${INTERACTION_WITH_BODY} WHERE i.key = ?`,
  getInteractionSet: `SELECT ${INTERACTION_WITH_BODY} WHERE i.key IN (SELECT value FROM json_each(?))`,
  upsertInteraction: upsertSql('interactions', STATE_COLUMNS.split(', ')),
  upsertBody: upsertSql(
    'interaction_bodies',
    BODY_PARAMS.map((i) => ALL_COLUMNS[i]!),
  ),
  deleteBody: 'DELETE FROM interaction_bodies WHERE key = ?',
  inState: `SELECT ${INTERACTION_WITH_BODY} WHERE i.state = ? AND i.retry_at <= ? ORDER BY i.first_seen_at LIMIT ?`,
  staleAssembling: `SELECT ${INTERACTION_WITH_BODY} WHERE i.state = 'assembling' AND i.first_seen_at < ? ORDER BY i.first_seen_at LIMIT ?`,
  markSending:
    "UPDATE interactions SET state = 'sending', batch_id = ?, updated_at = ? WHERE key IN (SELECT value FROM json_each(?))",
  insertBatch:
    "INSERT INTO batches (batch_id, state, job_id, keys, created_at) VALUES (?, 'sending', NULL, ?, ?)",
  batchSubmitted: "UPDATE batches SET state = 'submitted', job_id = ? WHERE batch_id = ?",
  markSubmitted:
    "UPDATE interactions SET state = 'submitted', job_id = ? WHERE key IN (SELECT value FROM json_each(?)) AND state = 'sending'",
  // The body goes with delivery (deleteBody): a delivered interaction keeps its ids and times only.
  markDelivered: `UPDATE interactions SET state = 'delivered', updated_at = ?, playvox_id = ?, delivered_at = ?,
       batch_id = NULL, last_error = NULL WHERE key = ?`,
  deleteBatch: 'DELETE FROM batches WHERE batch_id = ?',
  openBatches: 'SELECT batch_id, state, job_id, keys, created_at FROM batches ORDER BY created_at',
  insertDead: 'INSERT INTO dead_letters (key, stage, reason, payload, created_at) VALUES (?, ?, ?, ?, ?)',
  listDead: `SELECT ${DEAD_COLUMNS} FROM dead_letters ORDER BY id LIMIT ?`,
  getDead: `SELECT ${DEAD_COLUMNS} FROM dead_letters WHERE id = ?`,
  deleteDead: 'DELETE FROM dead_letters WHERE id = ?',
  countEvents: 'SELECT COUNT(*) AS n FROM events',
  countStates: 'SELECT state, COUNT(*) AS n FROM interactions GROUP BY state',
  countDead: 'SELECT COUNT(*) AS n FROM dead_letters',
  countQueued: COUNT_QUEUED_SQL,
  getMeta: 'SELECT value FROM meta WHERE name = ?',
  deleteMeta: 'DELETE FROM meta WHERE name = ?',
  setMeta:
    'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
} as const;

/** The prepared statements of a store. */
export type Statements = Record<keyof typeof STATEMENTS, Database.Statement>;

/** Prepares every statement the store runs. */
export function prepareStatements(db: Database.Database): Statements {
  return Object.fromEntries(
    Object.entries(STATEMENTS).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Statements;
}
