import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { jsonShape, RecentEvents } from './recent-events.js';
import { type EventDbRow, rememberStoredText, toStoredEvent } from './rows.js';
import { tableColumns } from './sqlite-sql.js';
import type { EventInput, StoredEvent } from './types.js';

// Event payloads are stored compressed per appended batch, not per event. A feed answer's events are
// JSON texts of about 670 bytes that repeat the same keys; deflated together (level 1) they take about
// 85 bytes each, for about 3 µs of CPU per event to write and 2 µs to read, where compressing each
// event alone costs 22–40 µs. Each event row keeps its own id, stream, time and the place of its text
// in its chunk (`chunk`, `off`, `len`: offsets in the chunk's text), so deduplication, cursors,
// retention and `seq` order are those of one row per event, as before.
//
// Rows written before (and events a dead-letter retry puts back) carry their text in `payload` and no
// chunk; both kinds are read alike. A chunk goes when no event row points to it any more (retention).

/** The chunk table, and the columns that place an event's text in a chunk (added to older files). */
export const EVENT_CHUNKS_SCHEMA =
  'CREATE TABLE IF NOT EXISTS event_chunks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);';

/** zlib level: level 1 is 8× smaller for this JSON at a third of level 6's CPU (measured, see BENCHMARKS.md). */
const CHUNK_LEVEL = 1;
/** Chunks kept inflated: a read after the cursor spans two or three of them. */
const CACHED_CHUNKS = 4;

/** An events row as read back, with the place of its text. */
interface ChunkedEventRow extends EventDbRow {
  chunk: number | null;
  off: number | null;
  len: number | null;
}

/** Adds the chunk columns to an `events` table written before they existed. */
export function migrateEventChunks(db: Database.Database): void {
  db.exec(EVENT_CHUNKS_SCHEMA);
  const columns = tableColumns(db, 'events');
  for (const column of ['chunk', 'off', 'len'])
    if (!columns.has(column)) db.exec(`ALTER TABLE events ADD COLUMN ${column} INTEGER`);
}

/** The events table of a SQLite store: appends in compressed chunks, reads back each event's text. */
export class SqliteEventLog {
  private readonly insertChunk: Database.Statement;
  private readonly deleteChunk: Database.Statement;
  private readonly getChunk: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly after: Database.Statement;
  private readonly deleteOrphans: Database.Statement;
  private readonly minCursor: Database.Statement;
  private readonly deleteBefore: Database.Statement;
  private readonly inflated = new Map<number, string>();
  private readonly recent = new RecentEvents();

  constructor(db: Database.Database) {
    migrateEventChunks(db);
    this.insertChunk = db.prepare('INSERT INTO event_chunks (data) VALUES (?)');
    this.deleteChunk = db.prepare('DELETE FROM event_chunks WHERE id = ?');
    this.getChunk = db.prepare('SELECT data FROM event_chunks WHERE id = ?').pluck();
    this.insertEvent = db.prepare(
      "INSERT INTO events (event_id, stream, received_at, payload, chunk, off, len) VALUES (?, ?, ?, '', ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
    );
    this.after = db.prepare(
      'SELECT seq, event_id, stream, received_at, payload, chunk, off, len FROM events WHERE stream = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.deleteOrphans = db.prepare(
      'DELETE FROM event_chunks WHERE id NOT IN (SELECT chunk FROM events WHERE chunk IS NOT NULL)',
    );
    this.minCursor = db.prepare('SELECT MIN(seq) FROM cursors').pluck();
    this.deleteBefore = db.prepare('DELETE FROM events WHERE received_at < ? AND seq <= ?');
  }

  /**
   * Appends `events` to `stream` as one chunk (inside the caller's transaction); an event whose id is
   * already stored is skipped. Returns how many were new, and those events as a reader will read them
   * (for {@link remember} once the transaction committed).
   */
  append(
    stream: string,
    events: EventInput[],
    receivedAt: number,
  ): { inserted: number; fresh: StoredEvent[] } {
    const fresh: StoredEvent[] = [];
    if (events.length === 0) return { inserted: 0, fresh };
    const texts = events.map((event) => JSON.stringify(event.payload));
    const text = texts.join('');
    const chunk = Number(this.insertChunk.run(deflateRawSync(text, { level: CHUNK_LEVEL })).lastInsertRowid);
    let off = 0;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      const eventText = texts[i]!;
      const result = this.insertEvent.run(event.eventId, stream, receivedAt, chunk, off, eventText.length);
      off += eventText.length;
      if (result.changes === 0) continue;
      const payload = jsonShape(event.payload) ?? JSON.parse(eventText);
      rememberStoredText(payload, eventText);
      fresh.push({
        seq: Number(result.lastInsertRowid),
        eventId: event.eventId,
        stream,
        receivedAt,
        payload,
      });
    }
    // Every event was a duplicate: nothing points to the chunk.
    if (fresh.length === 0) this.forget(chunk);
    return { inserted: fresh.length, fresh };
  }

  /** Keeps appended events for the reader after the cursor; call after their transaction committed. */
  remember(stream: string, fresh: StoredEvent[]): void {
    this.recent.remember(stream, fresh);
  }

  /** Up to `limit` events of `stream` after `seq`, in order. */
  readAfter(stream: string, seq: number, limit: number): StoredEvent[] {
    const kept = this.recent.after(stream, seq, limit);
    if (kept) return kept;
    const rows = this.after.all(stream, seq, limit) as ChunkedEventRow[];
    return rows.map((row) =>
      toStoredEvent({
        seq: row.seq,
        event_id: row.event_id,
        stream: row.stream,
        received_at: row.received_at,
        payload: this.textOf(row),
      }),
    );
  }

  /**
   * Deletes the events stored before `before` that every cursor has passed (none while no cursor
   * exists), then the chunks no event points to any more; returns how many events went.
   */
  pruneBefore(before: number): number {
    const processed = (this.minCursor.get() as number | null) ?? 0;
    const pruned = this.deleteBefore.run(before, processed).changes;
    if (pruned > 0) this.pruneChunks();
    return pruned;
  }

  /** Deletes chunks no event points to any more (after retention deleted events). */
  private pruneChunks(): number {
    this.inflated.clear();
    // Retention may have deleted the newest row, whose seq the next insert then takes again.
    this.recent.forgetAll();
    return this.deleteOrphans.run().changes;
  }

  private forget(chunk: number): void {
    this.deleteChunk.run(chunk);
    this.inflated.delete(chunk);
  }

  private textOf(row: ChunkedEventRow): string {
    if (row.chunk === null) return row.payload;
    return this.chunkText(row.chunk).slice(row.off!, row.off! + row.len!);
  }

  private chunkText(id: number): string {
    let text = this.inflated.get(id);
    if (text === undefined) {
      text = inflateChunk(this.getChunk.get(id) as Buffer);
      if (this.inflated.size >= CACHED_CHUNKS) this.inflated.delete(this.inflated.keys().next().value!);
      this.inflated.set(id, text);
    }
    return text;
  }
}

/** The text of a stored chunk. */
export function inflateChunk(data: Buffer): string {
  return inflateRawSync(data).toString('utf8');
}

/**
 * Every events row of a SQLite store file with its text in `payload`, chunked or not, in `seq` order
 * (`store copy` reads a file this way). Reads one chunk at a time.
 */
export function* eventRowsWithText(db: Database.Database): Generator<EventDbRow> {
  const chunked = tableColumns(db, 'events').has('chunk');
  if (!chunked) {
    yield* db
      .prepare('SELECT seq, event_id, stream, received_at, payload FROM events ORDER BY seq')
      .iterate() as Iterable<EventDbRow>;
    return;
  }
  const getChunk = db.prepare('SELECT data FROM event_chunks WHERE id = ?').pluck();
  let current: { id: number; text: string } | undefined;
  for (const row of db
    .prepare('SELECT seq, event_id, stream, received_at, payload, chunk, off, len FROM events ORDER BY seq')
    .iterate() as Iterable<ChunkedEventRow>) {
    if (row.chunk === null) {
      yield row;
      continue;
    }
    if (current?.id !== row.chunk)
      current = { id: row.chunk, text: inflateChunk(getChunk.get(row.chunk) as Buffer) };
    yield {
      seq: row.seq,
      event_id: row.event_id,
      stream: row.stream,
      received_at: row.received_at,
      payload: current.text.slice(row.off!, row.off! + row.len!),
    };
  }
}
