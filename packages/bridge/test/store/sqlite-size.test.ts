import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eventsText, parseStoredEvent } from '../../src/store/rows.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { InteractionRow } from '../../src/store/types.js';
import { tempDir } from '../helpers.js';

const STREAM = 'livevox:interaction-events';

function event(i: number): Record<string, unknown> {
  return { eventId: `e${i}`, sessionId: `s${i}`, note: 'a'.repeat(400), n: i };
}

describe('SQLite store: stored text and size', () => {
  it('writes an events array as the text its payloads were stored as, extended as it grows', () => {
    // Key order and number formatting as stored, which a re-serialisation would not keep byte for byte.
    const stored = ['{"b":1,"a":2.50}', '{"z":"x"}'];
    const events = stored.map(parseStoredEvent);
    expect(eventsText(events)).toBe(`[${stored.join(',')}]`);
    events.push({ fresh: true });
    expect(eventsText(events)).toBe(`[${stored.join(',')},{"fresh":true}]`);
    expect(JSON.parse(eventsText(events))).toEqual(events);
  });

  it('reads back an interaction whose events grew after it was read, whole and in order', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.appendEvents(
      STREAM,
      [1, 2, 3].map((i) => ({ eventId: `e${i}`, payload: event(i) })),
    );
    const [first, second, third] = await store.eventsAfterCursor('assembler', STREAM, 10);
    const row: InteractionRow = {
      key: 'VOICE:s1',
      type: 'VOICE',
      state: 'assembling',
      interactionId: 'VOICE-s1',
      events: [first!.payload],
      firstSeenAt: 1,
      updatedAt: 1,
      attempts: 0,
      retryAt: 0,
    };
    await store.saveAssembly([row], 'assembler', 1);
    const again = (await store.getInteractions([row.key])).get(row.key)!;
    again.events.push(second!.payload, third!.payload);
    await store.saveAssembly([again], 'assembler', 3);
    const read = (await store.getInteractions([row.key])).get(row.key)!;
    expect(read.events).toEqual([event(1), event(2), event(3)]);
    await store.close();
  });

  it('keeps delivered interactions packed: the file holds the events and little more', async () => {
    const path = join(tempDir(), 'state.db');
    const store = new SqliteStore({ path });
    const total = 2000;
    const inputs = Array.from({ length: total }, (_, i) => ({ eventId: `e${i}`, payload: event(i) }));
    await store.appendEvents(STREAM, inputs);
    const stored = await store.eventsAfterCursor('assembler', STREAM, total);
    // Each working row holds its event, a record and a payload until delivery, as the pipeline's do.
    const rows = stored.map(
      (e, i): InteractionRow => ({
        key: `SMS:${i}`,
        type: 'SMS',
        state: 'mapped',
        interactionId: `SMS-${i}`,
        events: [e.payload],
        record: { text: 'r'.repeat(800) },
        payload: {
          interaction_id: `SMS-${i}`,
          assignee_id: 'a',
          metadata: { m: 'p'.repeat(800) },
          comments: [],
        },
        firstSeenAt: i,
        updatedAt: i,
        attempts: 0,
        retryAt: 0,
      }),
    );
    await store.saveAssembly(rows, 'assembler', total);
    for (let batch = 0; batch < total / 100; batch++) {
      const claimed = await store.claimBatch(`b${batch}`, 100, Date.now());
      const keys = claimed.map((r) => r.key);
      await store.batchSubmitted(`b${batch}`, `j${batch}`, keys);
      const delivered = keys.map((key) => ({ key, playvoxId: `p-${key}` }));
      await store.closeDeliveredBatch(`b${batch}`, delivered, [], [], Date.now());
    }
    expect((await store.counts()).interactions.delivered).toBe(total);
    await store.close();
    const db = new Database(path, { readonly: true });
    const pages = (sql: string) => db.pragma(sql, { simple: true }) as number;
    const live = pages('page_count') - pages('freelist_count');
    // Event texts: compressed in chunks (sqlite-events.ts), or in `payload` for rows written before.
    const payloadBytes = (
      db
        .prepare(
          'SELECT (SELECT COALESCE(SUM(LENGTH(payload)), 0) FROM events) + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM event_chunks) AS n',
        )
        .get() as { n: number }
    ).n;
    db.close();
    // Delivered rows are about 200 bytes each; pages left sparse by the working rows would add kilobytes.
    expect((live * 4096) / total).toBeLessThan(payloadBytes / total + 600);
  });

  it("gives a backlog's free pages back to the disk when the worker closes, in a file it created", async () => {
    const path = join(tempDir(), 'state.db');
    const store = new SqliteStore({ path, lock: true });
    const rows = Array.from(
      { length: 500 },
      (_, i): InteractionRow => ({
        key: `SMS:${i}`,
        type: 'SMS',
        state: 'mapped',
        interactionId: `SMS-${i}`,
        events: [],
        record: { text: 'r'.repeat(3000) },
        firstSeenAt: i,
        updatedAt: i,
        attempts: 0,
        retryAt: 0,
      }),
    );
    await store.saveInteractions(rows);
    const claimed = await store.claimBatch('b', 500, Date.now());
    const delivered = claimed.map((r) => ({ key: r.key, playvoxId: `p-${r.key}` }));
    await store.closeDeliveredBatch('b', delivered, [], [], Date.now());
    await store.close();
    const db = new Database(path, { readonly: true });
    const pages = (sql: string) => db.pragma(sql, { simple: true }) as number;
    expect(pages('auto_vacuum')).toBe(2);
    expect(pages('freelist_count')).toBe(0);
    // 500 working rows of 3 KB took about 400 pages; their delivered rows need a few dozen.
    expect(pages('page_count')).toBeLessThan(100);
    db.close();
  });
});
