import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonShape } from '../../src/store/recent-events.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers.js';

const STREAM = 'livevox:interaction-events';
const event = (id: string, extra: Record<string, unknown> = {}) => ({
  eventId: id,
  payload: { eventId: id, at: new Date(Date.UTC(2026, 11, 3)), none: undefined, ...extra },
});

describe('SQLite store: events read back from memory right after they were appended', () => {
  it('gives a flat payload the shape its JSON text reads back as', () => {
    const flat = fc.dictionary(
      fc.string(),
      fc.oneof(
        fc.string(),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.date(),
      ),
      { withNullPrototype: false },
    );
    fc.assert(
      fc.property(flat, (payload) => {
        const shape = jsonShape(payload);
        // Undefined (the store then parses the text) only for a `__proto__` key.
        if (shape === undefined) expect(Object.hasOwn(payload, '__proto__')).toBe(true);
        else expect(shape).toEqual(JSON.parse(JSON.stringify(payload)));
      }),
      { numRuns: 1000 },
    );
    expect(jsonShape({ nested: { a: 1 } })).toBeUndefined();
    // Found by the property above: JSON writes -0 as 0, and `__proto__` is an own key after parsing.
    expect(Object.is(jsonShape({ n: -0 })!.n, 0)).toBe(true);
    expect(jsonShape(JSON.parse('{"__proto__":1}'))).toBeUndefined();
  });

  it('reads what it appended as the table would give it: times as text, absent values left out', async () => {
    const path = join(tempDir(), 'state.db');
    const writer = new SqliteStore({ path });
    await writer.appendEvents(STREAM, [event('a'), event('b')]);
    const fromMemory = await writer.eventsAfterCursor('assemble', STREAM, 10);
    const reader = new SqliteStore({ path });
    const fromTable = await reader.eventsAfterCursor('assemble', STREAM, 10);
    expect(fromMemory).toEqual(fromTable);
    expect(fromMemory[0]!.payload).toEqual({ eventId: 'a', at: '2026-12-03T00:00:00.000Z' });
    await reader.close();
    await writer.close();
  });

  it('misses no event another process inserted between or after its own, and keeps seq order', async () => {
    const path = join(tempDir(), 'state.db');
    const worker = new SqliteStore({ path });
    const other = new SqliteStore({ path });
    await worker.appendEvents(STREAM, [event('w1'), event('w2')]);
    const first = await worker.eventsAfterCursor('assemble', STREAM, 10);
    await worker.saveCursor('assemble', first[1]!.seq);
    // Another process (a `dlq retry`, say) inserts after the worker's newest event…
    await other.appendEvents(STREAM, [event('o1')]);
    expect((await worker.eventsAfterCursor('assemble', STREAM, 10)).map((e) => e.eventId)).toEqual(['o1']);
    // …and between two of its appends: the worker's read must hold it in place.
    await worker.appendEvents(STREAM, [event('w3')]);
    await other.appendEvents(STREAM, [event('o2')]);
    await worker.appendEvents(STREAM, [event('w4'), event('w1')]);
    const ids = (await worker.eventsAfterCursor('assemble', STREAM, 10)).map((e) => e.eventId);
    expect(ids).toEqual(['o1', 'w3', 'o2', 'w4']);
    // A read from an older position is answered from the table.
    expect((await worker.eventsAfterCursor('fresh', STREAM, 10)).map((e) => e.eventId)).toEqual([
      'w1',
      'w2',
      'o1',
      'w3',
      'o2',
      'w4',
    ]);
    await other.close();
    await worker.close();
  });
});
