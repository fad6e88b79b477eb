import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { parseEventLetterKey } from './letters.js';
import type {
  BatchRow,
  BridgeStore,
  DeadLetter,
  EventInput,
  InteractionRow,
  InteractionState,
  StoreCounts,
  StoredEvent,
} from './types.js';

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** File path, or `:memory:`. */
  path: string;
  /**
   * `batch` (default): every commit survives a process crash; the commit that opens a batch — the one
   * that must reach the disk before a bulk request goes out — also survives power loss, and flushes
   * every commit before it. `full`: every commit survives power loss (slower). `normal`: none is
   * forced to disk (fastest; exactly once then holds across process crashes, not power loss).
   */
  synchronous?: 'batch' | 'full' | 'normal';
}

// Portable SQL: INTEGER/TEXT columns, ON CONFLICT upserts, no SQLite-only functions, so a PostgreSQL
// store can run the same statements (with BIGSERIAL for events.seq).
const SCHEMA = `
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

interface InteractionDbRow {
  key: string;
  type: string;
  state: string;
  interaction_id: string;
  events: string;
  first_seen_at: number;
  updated_at: number;
  record: string | null;
  payload: string | null;
  batch_id: string | null;
  job_id: string | null;
  attempts: number;
  retry_at: number;
  playvox_id: string | null;
  last_error: string | null;
  delivered_at: number | null;
  ready_at: number | null;
}

const INTERACTION_COLUMNS =
  'key, type, state, interaction_id, events, first_seen_at, updated_at, record, payload, batch_id, job_id, attempts, retry_at, playvox_id, last_error, delivered_at, ready_at';

function toRow(db: InteractionDbRow): InteractionRow {
  return {
    key: db.key,
    type: db.type as InteractionRow['type'],
    state: db.state as InteractionState,
    interactionId: db.interaction_id,
    events: JSON.parse(db.events),
    firstSeenAt: db.first_seen_at,
    updatedAt: db.updated_at,
    record: db.record ? JSON.parse(db.record) : undefined,
    payload: db.payload ? JSON.parse(db.payload) : undefined,
    batchId: db.batch_id ?? undefined,
    jobId: db.job_id ?? undefined,
    attempts: db.attempts,
    retryAt: db.retry_at,
    playvoxId: db.playvox_id ?? undefined,
    lastError: db.last_error ?? undefined,
    deliveredAt: db.delivered_at ?? undefined,
    readyAt: db.ready_at ?? undefined,
  };
}

function toParams(row: InteractionRow): unknown[] {
  // A delivered row no longer needs its events and payload: keep the store small over long runs.
  const done = row.state === 'delivered';
  return [
    row.key,
    row.type,
    row.state,
    row.interactionId,
    done ? '[]' : JSON.stringify(row.events),
    row.firstSeenAt,
    row.updatedAt,
    done || !row.record ? null : JSON.stringify(row.record),
    done || !row.payload ? null : JSON.stringify(row.payload),
    row.batchId ?? null,
    row.jobId ?? null,
    row.attempts,
    row.retryAt,
    row.playvoxId ?? null,
    row.lastError ?? null,
    row.deliveredAt ?? null,
    row.readyAt ?? null,
  ];
}

/** The embedded SQLite implementation of {@link BridgeStore}. */
export class SqliteStore implements BridgeStore {
  private readonly db: Database.Database;
  private readonly synchronous: 'batch' | 'full' | 'normal';
  private readonly stmt;

  constructor(options: SqliteStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.synchronous = options.synchronous ?? 'batch';
    this.db.pragma(`synchronous = ${this.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      insertEvent: db.prepare(
        'INSERT INTO events (event_id, stream, received_at, payload) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
      ),
      saveCheckpoint: db.prepare(
        'INSERT INTO checkpoints (stream, token, updated_at) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at',
      ),
      getCheckpoint: db.prepare('SELECT token, updated_at FROM checkpoints WHERE stream = ?'),
      clearCheckpoint: db.prepare('DELETE FROM checkpoints WHERE stream = ?'),
      getCursor: db.prepare('SELECT seq FROM cursors WHERE name = ?'),
      saveCursor: db.prepare(
        'INSERT INTO cursors (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq',
      ),
      eventsAfter: db.prepare(
        'SELECT seq, event_id, stream, received_at, payload FROM events WHERE stream = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      getInteraction: db.prepare(`SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE key = ?`),
      upsertInteraction: db.prepare(
        `INSERT INTO interactions (${INTERACTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET type = excluded.type, state = excluded.state, interaction_id = excluded.interaction_id,
         events = excluded.events, first_seen_at = excluded.first_seen_at, updated_at = excluded.updated_at, record = excluded.record,
         payload = excluded.payload, batch_id = excluded.batch_id, job_id = excluded.job_id, attempts = excluded.attempts,
         retry_at = excluded.retry_at, playvox_id = excluded.playvox_id, last_error = excluded.last_error, delivered_at = excluded.delivered_at,
         ready_at = excluded.ready_at`,
      ),
      inState: db.prepare(
        `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE state = ? AND retry_at <= ? ORDER BY first_seen_at LIMIT ?`,
      ),
      staleAssembling: db.prepare(
        `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE state = 'assembling' AND first_seen_at < ? ORDER BY first_seen_at LIMIT ?`,
      ),
      markSending: db.prepare(
        "UPDATE interactions SET state = 'sending', batch_id = ?, updated_at = ? WHERE key = ?",
      ),
      insertBatch: db.prepare(
        "INSERT INTO batches (batch_id, state, job_id, keys, created_at) VALUES (?, 'sending', NULL, ?, ?)",
      ),
      batchSubmitted: db.prepare("UPDATE batches SET state = 'submitted', job_id = ? WHERE batch_id = ?"),
      markSubmitted: db.prepare(
        "UPDATE interactions SET state = 'submitted', job_id = ? WHERE key = ? AND state = 'sending'",
      ),
      markDelivered: db.prepare(
        "UPDATE interactions SET state = 'delivered', playvox_id = ?, delivered_at = ?, updated_at = ?, events = '[]', record = NULL, payload = NULL, batch_id = NULL, last_error = NULL WHERE key = ?",
      ),
      deleteBatch: db.prepare('DELETE FROM batches WHERE batch_id = ?'),
      openBatches: db.prepare(
        'SELECT batch_id, state, job_id, keys, created_at FROM batches ORDER BY created_at',
      ),
      insertDead: db.prepare(
        'INSERT INTO dead_letters (key, stage, reason, payload, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      listDead: db.prepare(
        'SELECT id, key, stage, reason, payload, created_at FROM dead_letters ORDER BY id LIMIT ?',
      ),
      getDead: db.prepare(
        'SELECT id, key, stage, reason, payload, created_at FROM dead_letters WHERE id = ?',
      ),
      deleteDead: db.prepare('DELETE FROM dead_letters WHERE id = ?'),
      countEvents: db.prepare('SELECT COUNT(*) AS n FROM events'),
      countStates: db.prepare('SELECT state, COUNT(*) AS n FROM interactions GROUP BY state'),
      countDead: db.prepare('SELECT COUNT(*) AS n FROM dead_letters'),
      getMeta: db.prepare('SELECT value FROM meta WHERE name = ?'),
      setMeta: db.prepare(
        'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      ),
      minCursor: db.prepare('SELECT MIN(seq) AS seq FROM cursors'),
      pruneEvents: db.prepare('DELETE FROM events WHERE received_at < ? AND seq <= ?'),
    };
  }

  appendEvents(
    stream: string,
    events: EventInput[],
    token?: string,
  ): { inserted: number; duplicates: number } {
    const now = Date.now();
    return this.db.transaction(() => {
      let inserted = 0;
      for (const event of events)
        inserted += this.stmt.insertEvent.run(
          event.eventId,
          stream,
          now,
          JSON.stringify(event.payload),
        ).changes;
      if (token !== undefined) this.stmt.saveCheckpoint.run(stream, token, now);
      return { inserted, duplicates: events.length - inserted };
    })();
  }

  saveCursor(cursor: string, seq: number): void {
    this.stmt.saveCursor.run(cursor, seq);
  }

  getCheckpoint(stream: string): { token: string; updatedAt: number } | undefined {
    const row = this.stmt.getCheckpoint.get(stream) as { token: string; updated_at: number } | undefined;
    return row ? { token: row.token, updatedAt: row.updated_at } : undefined;
  }

  clearCheckpoint(stream: string): void {
    this.stmt.clearCheckpoint.run(stream);
  }

  eventsAfterCursor(cursor: string, stream: string, limit: number): StoredEvent[] {
    const position = (this.stmt.getCursor.get(cursor) as { seq: number } | undefined)?.seq ?? 0;
    const rows = this.stmt.eventsAfter.all(stream, position, limit) as Array<{
      seq: number;
      event_id: string;
      stream: string;
      received_at: number;
      payload: string;
    }>;
    return rows.map((r) => ({
      seq: r.seq,
      eventId: r.event_id,
      stream: r.stream,
      receivedAt: r.received_at,
      payload: JSON.parse(r.payload),
    }));
  }

  getInteractions(keys: string[]): Map<string, InteractionRow> {
    const out = new Map<string, InteractionRow>();
    for (const key of keys) {
      const row = this.stmt.getInteraction.get(key) as InteractionDbRow | undefined;
      if (row) out.set(key, toRow(row));
    }
    return out;
  }

  saveAssembly(
    rows: InteractionRow[],
    cursor: string,
    seq: number,
    deadLetters: Array<Omit<DeadLetter, 'id' | 'createdAt'>> = [],
  ): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const row of rows) this.stmt.upsertInteraction.run(...toParams(row));
      for (const l of deadLetters)
        this.stmt.insertDead.run(l.key ?? null, l.stage, l.reason, JSON.stringify(l.payload ?? null), now);
      this.stmt.saveCursor.run(cursor, seq);
    })();
  }

  interactionsInState(state: InteractionState, limit: number, now = Date.now()): InteractionRow[] {
    return (this.stmt.inState.all(state, now, limit) as InteractionDbRow[]).map(toRow);
  }

  staleAssembling(before: number, limit: number): InteractionRow[] {
    return (this.stmt.staleAssembling.all(before, limit) as InteractionDbRow[]).map(toRow);
  }

  saveInteractions(rows: InteractionRow[]): void {
    this.db.transaction(() => {
      for (const row of rows) this.stmt.upsertInteraction.run(...toParams(row));
    })();
  }

  openBatch(batchId: string, keys: string[], now: number): void {
    // The one commit that must be on disk before the request leaves (see `synchronous`).
    if (this.synchronous === 'batch') this.db.pragma('synchronous = FULL');
    try {
      this.db.transaction(() => {
        this.stmt.insertBatch.run(batchId, JSON.stringify(keys), now);
        for (const key of keys) this.stmt.markSending.run(batchId, now, key);
      })();
    } finally {
      if (this.synchronous === 'batch') this.db.pragma('synchronous = NORMAL');
    }
  }

  batchSubmitted(batchId: string, jobId: string, keys: string[]): void {
    this.db.transaction(() => {
      this.stmt.batchSubmitted.run(jobId, batchId);
      for (const key of keys) this.stmt.markSubmitted.run(jobId, key);
    })();
  }

  closeDeliveredBatch(
    batchId: string,
    delivered: Array<{ key: string; playvoxId: string }>,
    others: InteractionRow[],
    deadLetters: Array<Omit<DeadLetter, 'id' | 'createdAt'>>,
    now: number,
  ): void {
    this.db.transaction(() => {
      for (const d of delivered) this.stmt.markDelivered.run(d.playvoxId, now, now, d.key);
      for (const row of others) this.stmt.upsertInteraction.run(...toParams(row));
      for (const l of deadLetters)
        this.stmt.insertDead.run(l.key ?? null, l.stage, l.reason, JSON.stringify(l.payload ?? null), now);
      this.stmt.deleteBatch.run(batchId);
    })();
  }

  closeBatch(
    batchId: string,
    rows: InteractionRow[],
    deadLetters: Array<Omit<DeadLetter, 'id' | 'createdAt'>> = [],
  ): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const row of rows) this.stmt.upsertInteraction.run(...toParams(row));
      for (const l of deadLetters)
        this.stmt.insertDead.run(l.key ?? null, l.stage, l.reason, JSON.stringify(l.payload ?? null), now);
      this.stmt.deleteBatch.run(batchId);
    })();
  }

  openBatches(): BatchRow[] {
    const rows = this.stmt.openBatches.all() as Array<{
      batch_id: string;
      state: string;
      job_id: string | null;
      keys: string;
      created_at: number;
    }>;
    return rows.map((r) => ({
      batchId: r.batch_id,
      state: r.state as BatchRow['state'],
      jobId: r.job_id ?? undefined,
      keys: JSON.parse(r.keys),
      createdAt: r.created_at,
    }));
  }

  deadLetter(letter: Omit<DeadLetter, 'id' | 'createdAt'>, row?: InteractionRow): void {
    this.db.transaction(() => {
      this.stmt.insertDead.run(
        letter.key ?? null,
        letter.stage,
        letter.reason,
        JSON.stringify(letter.payload ?? null),
        Date.now(),
      );
      if (row)
        this.stmt.upsertInteraction.run(
          ...toParams({ ...row, state: 'dead', lastError: letter.reason, updatedAt: Date.now() }),
        );
    })();
  }

  listDeadLetters(limit = 1000): DeadLetter[] {
    return (
      this.stmt.listDead.all(limit) as Array<{
        id: number;
        key: string | null;
        stage: string;
        reason: string;
        payload: string | null;
        created_at: number;
      }>
    ).map((r) => ({
      id: r.id,
      key: r.key ?? undefined,
      stage: r.stage as DeadLetter['stage'],
      reason: r.reason,
      payload: r.payload ? JSON.parse(r.payload) : undefined,
      createdAt: r.created_at,
    }));
  }

  retryDeadLetter(id: number): boolean {
    return this.db.transaction(() => {
      const letter = this.stmt.getDead.get(id) as { key: string | null; payload: string | null } | undefined;
      if (!letter?.key) return false; // nothing names what to re-drive: the letter stays until dropped
      const event = parseEventLetterKey(letter.key);
      if (event) {
        // A WFM event: put it back on its stream under a new row (its id is already taken by the
        // original, which dedup keeps); the consumer sends it again with its own event id.
        if (letter.payload === null) return false;
        this.stmt.insertEvent.run(`${event.eventId}#retry-${id}`, event.stream, Date.now(), letter.payload);
      } else {
        const row = this.stmt.getInteraction.get(letter.key) as InteractionDbRow | undefined;
        if (!row || row.state !== 'dead') return false;
        this.stmt.upsertInteraction.run(
          ...toParams({
            ...toRow(row),
            state: 'ready',
            attempts: 0,
            retryAt: 0,
            payload: undefined,
            lastError: undefined,
            updatedAt: Date.now(),
          }),
        );
      }
      this.stmt.deleteDead.run(id);
      return true;
    })();
  }

  dropDeadLetter(id: number): boolean {
    return this.stmt.deleteDead.run(id).changes > 0;
  }

  counts(): StoreCounts {
    const interactions: Record<InteractionState, number> = {
      assembling: 0,
      ready: 0,
      mapped: 0,
      sending: 0,
      submitted: 0,
      delivered: 0,
      dead: 0,
    };
    for (const row of this.stmt.countStates.all() as Array<{ state: InteractionState; n: number }>)
      interactions[row.state] = row.n;
    return {
      events: (this.stmt.countEvents.get() as { n: number }).n,
      interactions,
      deadLetters: (this.stmt.countDead.get() as { n: number }).n,
    };
  }

  getMeta(name: string): string | undefined {
    return (this.stmt.getMeta.get(name) as { value: string } | undefined)?.value;
  }

  setMeta(name: string, value: string): void {
    this.stmt.setMeta.run(name, value);
  }

  pruneEvents(before: number): number {
    const processed = (this.stmt.minCursor.get() as { seq: number | null }).seq ?? 0;
    return this.stmt.pruneEvents.run(before, processed).changes;
  }

  close(): void {
    this.db.close();
  }
}
