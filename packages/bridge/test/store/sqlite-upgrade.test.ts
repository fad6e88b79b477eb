import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { eventRowsWithText } from '../../src/store/sqlite-events.js';
import { tempDir } from '../helpers.js';

const STREAM = 'livevox:interaction-events';

/**
 * A store file as the version before issue 14's layout wrote it: each event's text in `events.payload`,
 * and each interaction's events, record and payload in its `interactions` row.
 */
function writeEarlierFile(path: string): void {
  const db = new Database(path);
  db.exec(`
CREATE TABLE events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, received_at INTEGER NOT NULL, payload TEXT NOT NULL);
CREATE INDEX events_by_stream ON events (stream, seq);
CREATE TABLE interactions (
  key TEXT PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL, interaction_id TEXT NOT NULL, events TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, record TEXT, payload TEXT, batch_id TEXT, job_id TEXT,
  attempts INTEGER NOT NULL, retry_at INTEGER NOT NULL, playvox_id TEXT, last_error TEXT, delivered_at INTEGER, ready_at INTEGER);
CREATE INDEX interactions_by_state ON interactions (state, first_seen_at);`);
  const event = db.prepare('INSERT INTO events (event_id, stream, received_at, payload) VALUES (?, ?, 1, ?)');
  event.run('old1', STREAM, JSON.stringify({ eventId: 'old1', note: 'é' }));
  event.run('old2', STREAM, JSON.stringify({ eventId: 'old2', note: '☎' }));
  const row = db.prepare(
    'INSERT INTO interactions VALUES (?, ?, ?, ?, ?, 1, 2, ?, ?, NULL, NULL, 0, 0, ?, NULL, ?, 1)',
  );
  row.run(
    'VOICE:a',
    'VOICE',
    'assembling',
    'VOICE-a',
    '[{"callEventType":"CALL_START"}]',
    null,
    null,
    null,
    null,
  );
  row.run('SMS:b', 'SMS', 'mapped', 'SMS-b', '[]', '{"r":1}', '{"interaction_id":"SMS-b"}', null, null);
  row.run('SMS:c', 'SMS', 'delivered', 'SMS-c', '[]', null, null, 'pv-c', 5);
  db.close();
}

describe('SQLite store: a file written before issue 14', () => {
  it('opens with every event and interaction as it was, and goes on from there', async () => {
    const path = join(tempDir(), 'state.db');
    writeEarlierFile(path);
    const store = new SqliteStore({ path });
    await store.appendEvents(STREAM, [{ eventId: 'new1', payload: { eventId: 'new1' } }]);
    const read = await store.eventsAfterCursor('reader', STREAM, 10);
    expect(read.map((r) => r.eventId)).toEqual(['old1', 'old2', 'new1']);
    expect(read[1]!.payload).toEqual({ eventId: 'old2', note: '☎' });

    const rows = await store.getInteractions(['VOICE:a', 'SMS:b', 'SMS:c']);
    expect(rows.get('VOICE:a')).toMatchObject({
      state: 'assembling',
      events: [{ callEventType: 'CALL_START' }],
    });
    expect(rows.get('SMS:b')).toMatchObject({
      state: 'mapped',
      record: { r: 1 },
      payload: { interaction_id: 'SMS-b' },
    });
    expect(rows.get('SMS:c')).toMatchObject({
      state: 'delivered',
      events: [],
      playvoxId: 'pv-c',
      deliveredAt: 5,
    });
    const claimed = await store.claimBatch('b1', 10, Date.now());
    expect(claimed.map((r) => [r.key, r.payload])).toEqual([['SMS:b', { interaction_id: 'SMS-b' }]]);
    await store.close();

    // `store copy` reads the file the same way, old rows and new ones alike.
    const db = new Database(path, { readonly: true });
    const texts = [...eventRowsWithText(db)].map((r) => JSON.parse(r.payload).eventId);
    const columns = (db.pragma('table_info(interactions)') as Array<{ name: string }>).map((c) => c.name);
    db.close();
    expect(texts).toEqual(['old1', 'old2', 'new1']);
    expect(columns).not.toContain('payload');
  });
});
