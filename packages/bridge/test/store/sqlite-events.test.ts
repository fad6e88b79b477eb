import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers.js';

const STREAM = 'livevox:interaction-events';

describe('SQLite store: events compressed in chunks', () => {
  it('reads back every event as appended, whatever its text holds, across appends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.record({ text: fc.string({ unit: 'binary' }), n: fc.double() }), { maxLength: 8 }),
          {
            maxLength: 5,
          },
        ),
        async (batches) => {
          const store = new SqliteStore({ path: ':memory:' });
          let id = 0;
          const appended: Array<Record<string, unknown>> = [];
          for (const batch of batches) {
            const events = batch.map((body) => {
              const eventId = `e${id++}`;
              return { eventId, payload: { ...body, eventId } };
            });
            await store.appendEvents(STREAM, events);
            appended.push(...events.map((e) => JSON.parse(JSON.stringify(e.payload))));
          }
          const read = await store.eventsAfterCursor('reader', STREAM, 1000);
          expect(read.map((e) => e.payload)).toEqual(appended);
          await store.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('skips duplicates inside and across appends, and keeps no chunk that only held duplicates', async () => {
    const path = join(tempDir(), 'state.db');
    const store = new SqliteStore({ path });
    const e = (i: number) => ({ eventId: `e${i}`, payload: { eventId: `e${i}`, i } });
    expect(await store.appendEvents(STREAM, [e(1), e(2), e(1)])).toEqual({ inserted: 2, duplicates: 1 });
    expect(await store.appendEvents(STREAM, [e(2), e(1)])).toEqual({ inserted: 0, duplicates: 2 });
    expect(await store.appendEvents(STREAM, [e(2), e(3)])).toEqual({ inserted: 1, duplicates: 1 });
    const read = await store.eventsAfterCursor('reader', STREAM, 10);
    expect(read.map((r) => r.payload)).toEqual([
      { eventId: 'e1', i: 1 },
      { eventId: 'e2', i: 2 },
      { eventId: 'e3', i: 3 },
    ]);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM event_chunks').get()).toEqual({ n: 2 });
    db.close();
  });

  it('deletes a chunk once retention deleted every event in it, and keeps the others', async () => {
    const path = join(tempDir(), 'state.db');
    const store = new SqliteStore({ path });
    await store.appendEvents(STREAM, [{ eventId: 'a', payload: { eventId: 'a' } }]);
    await store.appendEvents(STREAM, [{ eventId: 'b', payload: { eventId: 'b' } }]);
    const [first] = await store.eventsAfterCursor('reader', STREAM, 1);
    await store.saveCursor('reader', first!.seq);
    // Only the first event is behind every cursor.
    expect(await store.pruneEvents(Date.now() + 1)).toBe(1);
    const read = await store.eventsAfterCursor('other', STREAM, 10);
    expect(read.map((r) => r.payload)).toEqual([{ eventId: 'b' }]);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM event_chunks').get()).toEqual({ n: 1 });
    db.close();
  });
});
