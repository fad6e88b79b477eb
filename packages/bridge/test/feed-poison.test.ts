import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type EventSource, type FeedBatch, runSource } from '../src/sources/feed.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './helpers.js';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** A source that yields the given batches once, then ends the run by aborting. */
function scripted(batches: FeedBatch[], abort: AbortController): EventSource {
  return {
    async *batches() {
      yield* batches;
      abort.abort();
    },
    isTokenExpired: () => false,
  };
}

describe('runSource with poison items', () => {
  it('dead-letters each poison item and non-object item with its raw text, stores the rest, moves the token', async () => {
    const store = new SqliteStore({ path: join(tempDir(), 'state.db') });
    stores.push(store);
    const abort = new AbortController();
    const reports: Array<{ received: number; inserted: number; invalid: number }> = [];
    const batches: FeedBatch[] = [
      {
        events: [{ eventId: 'e1', n: 1 }, 'stray' as never, { eventId: 'e2', n: 2 }],
        token: 't1',
        poison: [{ raw: '{"eventId":"p1","interactionType":"VOI', reason: 'not JSON: Unexpected end' }],
      },
      // Only poison, before any position (SSE): the saved token must stay t1.
      { events: [], token: '', poison: [{ raw: '42', reason: 'not an object (number)' }] },
    ];
    await runSource(
      'livevox:interactions',
      store,
      scripted(batches, abort),
      {
        stored: (batch) => reports.push(batch),
        tokenExpired: () => {},
        error: (e) => expect.fail(String(e)),
      },
      abort.signal,
      () => {},
    );
    const letters = await store.listDeadLetters();
    expect(letters.map(({ stage, reason, payload }) => ({ stage, reason, payload }))).toEqual([
      {
        stage: 'source',
        reason: 'livevox:interactions: poison item: not JSON: Unexpected end',
        payload: '{"eventId":"p1","interactionType":"VOI',
      },
      { stage: 'source', reason: 'livevox:interactions: poison item: not an object', payload: '"stray"' },
      { stage: 'source', reason: 'livevox:interactions: poison item: not an object (number)', payload: '42' },
    ]);
    expect((await store.eventsAfterCursor('c', 'livevox:interactions', 10)).map((e) => e.eventId)).toEqual([
      'e1',
      'e2',
    ]);
    expect((await store.getCheckpoint('livevox:interactions'))?.token).toBe('t1');
    expect(reports).toMatchObject([
      { received: 4, inserted: 2, invalid: 2 },
      { received: 1, inserted: 0, invalid: 1 },
    ]);
  });
});
