/** One step of the PostgreSQL schema; applied once, in order, and recorded in `voxbridge_schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Epoch-millisecond times are BIGINT (the interface's numbers); JSON documents are TEXT, stored as the
// bridge serialised them: smaller than jsonb for the few-hundred-byte events the feeds carry, and read
// back byte for byte. Never edit a migration that has shipped: add the next one.
/** Every migration this voxbridge knows, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'store',
    sql: `
CREATE TABLE events (seq BIGSERIAL PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
  received_at BIGINT NOT NULL, payload TEXT NOT NULL);
CREATE INDEX events_by_stream ON events (stream, seq);
CREATE TABLE checkpoints (stream TEXT PRIMARY KEY, token TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE cursors (name TEXT PRIMARY KEY, seq BIGINT NOT NULL);
CREATE TABLE interactions (
  key TEXT PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL, interaction_id TEXT NOT NULL, events TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, record TEXT, payload TEXT, batch_id TEXT, job_id TEXT,
  attempts INTEGER NOT NULL, retry_at BIGINT NOT NULL, playvox_id TEXT, last_error TEXT, delivered_at BIGINT,
  ready_at BIGINT);
CREATE INDEX interactions_by_state ON interactions (state, first_seen_at);
CREATE TABLE batches (batch_id TEXT PRIMARY KEY, state TEXT NOT NULL, job_id TEXT, keys TEXT NOT NULL,
  created_at BIGINT NOT NULL, owner TEXT NOT NULL);
CREATE INDEX batches_by_owner ON batches (owner, created_at);
CREATE TABLE dead_letters (id BIGSERIAL PRIMARY KEY, key TEXT, stage TEXT NOT NULL, reason TEXT NOT NULL,
  payload TEXT, created_at BIGINT NOT NULL);
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
  {
    version: 2,
    name: 'coordination',
    sql: `
CREATE SEQUENCE lease_tokens;
CREATE TABLE leases (stream TEXT PRIMARY KEY, worker TEXT NOT NULL, token BIGINT NOT NULL,
  acquired_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL);
CREATE TABLE workers (worker TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER, started_at TIMESTAMPTZ NOT NULL,
  heartbeat_at TIMESTAMPTZ NOT NULL);
`,
  },
  {
    version: 3,
    name: 'rate budgets',
    sql: `
CREATE TABLE rate_buckets (name TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
`,
  },
  {
    version: 4,
    name: 'late updates',
    sql: `
CREATE TABLE late_events (seq BIGINT PRIMARY KEY, key TEXT NOT NULL, payload TEXT NOT NULL);
CREATE INDEX late_events_by_key ON late_events (key, seq);
CREATE TABLE late_updates (key TEXT PRIMARY KEY, base TEXT, updates INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0, retry_at BIGINT NOT NULL DEFAULT 0, last_error TEXT);
`,
  },
];

/** The newest schema version this voxbridge knows. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The tables that hold a deployment's state (what `store copy` fills and tests empty). */
export const STATE_TABLES = [
  'events',
  'checkpoints',
  'cursors',
  'interactions',
  'batches',
  'dead_letters',
  'meta',
  'leases',
  'workers',
  'rate_buckets',
  'late_events',
  'late_updates',
] as const;
