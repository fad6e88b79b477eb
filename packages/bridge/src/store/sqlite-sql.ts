import type Database from 'better-sqlite3';
import { DEAD_COLUMNS, INTERACTION_COLUMNS } from './rows.js';

// Portable SQL: INTEGER/TEXT columns, ON CONFLICT upserts, so a PostgreSQL store can start from the same
// statements (with BIGSERIAL for events.seq). SQLite-only: set-based reads and updates pass their keys as
// one JSON array read by `json_each` (PostgreSQL: `= ANY($1)`), one statement per set instead of one per
// key; and `markDelivered` is a `REPLACE` (see there; PostgreSQL's heap has no such packing concern).
/** The tables and indexes of the store. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, received_at INTEGER NOT NULL, payload TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_stream ON events (stream, seq);
CREATE TABLE IF NOT EXISTS checkpoints (stream TEXT PRIMARY KEY, token TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS interactions (
  key TEXT PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL, interaction_id TEXT NOT NULL, events TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, record TEXT, payload TEXT, batch_id TEXT, job_id TEXT,
  attempts INTEGER NOT NULL, retry_at INTEGER NOT NULL, playvox_id TEXT, last_error TEXT, delivered_at INTEGER, ready_at INTEGER);
CREATE INDEX IF NOT EXISTS interactions_by_state ON interactions (state, first_seen_at);
CREATE TABLE IF NOT EXISTS batches (batch_id TEXT PRIMARY KEY, state TEXT NOT NULL, job_id TEXT, keys TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dead_letters (id INTEGER PRIMARY KEY, key TEXT, stage TEXT NOT NULL, reason TEXT NOT NULL, payload TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

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
  getInteraction: `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE key = ?`,
  getInteractionSet: `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE key IN (SELECT value FROM json_each(?))`,
  upsertInteraction: `INSERT INTO interactions (${INTERACTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET type = excluded.type, state = excluded.state, interaction_id = excluded.interaction_id,
       events = excluded.events, first_seen_at = excluded.first_seen_at, updated_at = excluded.updated_at, record = excluded.record,
       payload = excluded.payload, batch_id = excluded.batch_id, job_id = excluded.job_id, attempts = excluded.attempts,
       retry_at = excluded.retry_at, playvox_id = excluded.playvox_id, last_error = excluded.last_error, delivered_at = excluded.delivered_at,
       ready_at = excluded.ready_at`,
  inState: `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE state = ? AND retry_at <= ? ORDER BY first_seen_at LIMIT ?`,
  staleAssembling: `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE state = 'assembling' AND first_seen_at < ? ORDER BY first_seen_at LIMIT ?`,
  markSending:
    "UPDATE interactions SET state = 'sending', batch_id = ?, updated_at = ? WHERE key IN (SELECT value FROM json_each(?))",
  insertBatch:
    "INSERT INTO batches (batch_id, state, job_id, keys, created_at) VALUES (?, 'sending', NULL, ?, ?)",
  batchSubmitted: "UPDATE batches SET state = 'submitted', job_id = ? WHERE batch_id = ?",
  markSubmitted:
    "UPDATE interactions SET state = 'submitted', job_id = ? WHERE key IN (SELECT value FROM json_each(?)) AND state = 'sending'",
  // REPLACE rewrites the row under a new rowid at the table's end, among other delivered rows: the
  // small delivered rows stay packed instead of leaving most of the page the working row filled empty.
  markDelivered: `REPLACE INTO interactions (${INTERACTION_COLUMNS})
       SELECT key, type, 'delivered', interaction_id, '[]', first_seen_at, ?, NULL, NULL, NULL, job_id, attempts, retry_at,
       ? AS playvox_id, NULL, ? AS delivered_at, ready_at FROM interactions WHERE key = ?`,
  deleteBatch: 'DELETE FROM batches WHERE batch_id = ?',
  openBatches: 'SELECT batch_id, state, job_id, keys, created_at FROM batches ORDER BY created_at',
  insertDead: 'INSERT INTO dead_letters (key, stage, reason, payload, created_at) VALUES (?, ?, ?, ?, ?)',
  listDead: `SELECT ${DEAD_COLUMNS} FROM dead_letters ORDER BY id LIMIT ?`,
  getDead: `SELECT ${DEAD_COLUMNS} FROM dead_letters WHERE id = ?`,
  deleteDead: 'DELETE FROM dead_letters WHERE id = ?',
  countEvents: 'SELECT COUNT(*) AS n FROM events',
  countStates: 'SELECT state, COUNT(*) AS n FROM interactions GROUP BY state',
  countDead: 'SELECT COUNT(*) AS n FROM dead_letters',
  getMeta: 'SELECT value FROM meta WHERE name = ?',
  deleteMeta: 'DELETE FROM meta WHERE name = ?',
  setMeta:
    'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
  minCursor: 'SELECT MIN(seq) AS seq FROM cursors',
  pruneEvents: 'DELETE FROM events WHERE received_at < ? AND seq <= ?',
  syncFull: 'PRAGMA synchronous = FULL',
  syncNormal: 'PRAGMA synchronous = NORMAL',
} as const;

/** The prepared statements of a store. */
export type Statements = Record<keyof typeof STATEMENTS, Database.Statement>;

/** Prepares every statement the store runs. */
export function prepareStatements(db: Database.Database): Statements {
  return Object.fromEntries(
    Object.entries(STATEMENTS).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Statements;
}
