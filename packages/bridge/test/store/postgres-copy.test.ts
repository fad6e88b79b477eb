import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventLetterKey } from '../../src/store/letters.js';
import { COPIED_BATCH_OWNER, copySqliteToPostgres } from '../../src/store/postgres/copy.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { INTERACTION_STATES } from '../../src/store/rows.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { BridgeStore } from '../../src/store/types.js';
import { tempDir } from '../helpers.js';
import { row } from './contract.js';
import { testDatabase } from './postgres-server.js';

const db = await testDatabase();
const dir = tempDir('voxbridge-copy-');
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const payload = (key: string) => ({
  interaction_id: `id-${key}`,
  assignee_id: 'a@example.com',
  metadata: { channel: 'SMS' },
  comments: [{ body: 'hi', type: 'note', author_id: 'bot@example.com' }],
});

/** A single-node deployment's store with something of every kind in it, as a crash would leave it. */
async function populate(store: BridgeStore): Promise<void> {
  await store.appendEvents(
    'livevox:interactions',
    [
      { eventId: 'e1', payload: { callEventType: 'CALL_START', sessionId: 's1' } },
      { eventId: 'e2', payload: { n: 2 } },
      { eventId: 'e3', payload: { n: 3, text: 'né ✓' } },
    ],
    'lv-token-7',
  );
  await store.appendEvents('gladly:events', [{ eventId: 'g1', payload: { id: 'g1' } }], 'gl-token');
  const [, e2] = await store.eventsAfterCursor('assemble', 'livevox:interactions', 10);
  await store.saveAssembly(
    [
      row('asm', { type: 'VOICE', state: 'assembling', events: [{ a: 1 }], firstSeenAt: 10 }),
      row('rdy', { state: 'ready', record: { r: 1 }, readyAt: 11, firstSeenAt: 11 }),
    ],
    'assemble',
    e2!.seq,
    [{ stage: 'assemble', reason: 'names no interaction', payload: { eventId: 'x' } }],
  );
  await store.saveInteractions([
    ...['m1', 'm2', 'm3', 'm4', 'm5'].map((k, i) =>
      row(k, { state: 'mapped', payload: payload(k), firstSeenAt: 20 + i, record: { k } }),
    ),
    row('later', { state: 'mapped', payload: payload('later'), firstSeenAt: 30, retryAt: 9e15, attempts: 3 }),
    row('done', { state: 'delivered', playvoxId: 'pv-done', deliveredAt: 5, firstSeenAt: 1 }),
  ]);
  await store.claimBatch('b-sending', 2, 1_000);
  await store.claimBatch('b-submitted', 2, 2_000);
  await store.batchSubmitted('b-submitted', 'job-9', ['m3', 'm4']);
  await store.deadLetter(
    { key: 'm5', stage: 'deliver', reason: 'refused', payload: payload('m5') },
    row('m5'),
  );
  await store.deadLetter({
    key: eventLetterKey('gladly:events', 'g1'),
    stage: 'map',
    reason: 'no user',
    payload: { id: 'g1' },
  });
  await store.setIntegrationId('int-42');
  await store.setLastError({ at: '2026-12-01T00:00:00.000Z', message: 'feed: timeout' });
  await store.saveUserMap('gladly', { at: 7, users: { ag1: { email: 'x@example.com', wfmUserId: 3 } } });
  await store.setWebhookId('wh-1');
  await store.finishWfmRound({
    cursor: 'wfm:gladly',
    seq: (await store.eventsAfterCursor('none', 'gladly:events', 1))[0]!.seq,
    deadLetters: [],
    memory: {
      openCalls: { ag1: { contactId: 'c', serviceId: 's', startMs: 1, direction: 'inbound' } },
      openConversations: { conv: '2026-12-01T00:00:00.000Z' },
    },
  });
}

/** Everything the interface can read, in a comparable form. */
async function snapshot(store: BridgeStore) {
  const keys = ['asm', 'rdy', 'm1', 'm2', 'm3', 'm4', 'm5', 'later', 'done', 'missing'];
  const streams = ['livevox:interactions', 'gladly:events'];
  const cursors = ['assemble', 'wfm:gladly', 'fresh'];
  return {
    checkpoints: await Promise.all(streams.map((s) => store.getCheckpoint(s))),
    events: await Promise.all(cursors.flatMap((c) => streams.map((s) => store.eventsAfterCursor(c, s, 100)))),
    rows: [...(await store.getInteractions(keys)).entries()].sort(([a], [b]) => a.localeCompare(b)),
    inState: await Promise.all(INTERACTION_STATES.map((s) => store.interactionsInState(s, 100, 1e16))),
    stale: await store.staleAssembling(1e16, 100),
    batches: await store.openBatches(),
    letters: await store.listDeadLetters(),
    notes: [await store.getIntegrationId(), await store.getLastError(), await store.getWebhookId()],
    wfm: [await store.getUserMap('gladly'), await store.getUserMap('livevox'), await store.getWfmMemory()],
    counts: await store.counts(),
  };
}

describe.skipIf(!db)('store copy: SQLite file → PostgreSQL', () => {
  it('moves a populated store: every read through the interface agrees, and work resumes', async () => {
    const path = join(dir, 'state.db');
    const sqlite = new SqliteStore({ path, synchronous: 'normal' });
    await populate(sqlite);
    const before = await snapshot(sqlite);
    await sqlite.close();

    const result = await copySqliteToPostgres(path, db!.url);
    expect(result).toEqual({
      events: 4,
      checkpoints: 2,
      cursors: 2,
      interactions: 9,
      batches: 2,
      dead_letters: 3,
      meta: 6,
      // A store of today has the late-update tables, empty here; they are copied too.
      late_events: 0,
      late_updates: 0,
    });
    const pg = await PostgresStore.open({ url: db!.url });
    try {
      const raw = await pg.pool.query('SELECT DISTINCT owner FROM batches');
      expect(raw.rows).toEqual([{ owner: COPIED_BATCH_OWNER }]);
      // The first worker adopts the copied batches (their owner never heartbeats) and reads the rest.
      expect(await snapshot(pg)).toEqual(before);
      expect(before.batches.map((b) => b.batchId)).toEqual(['b-sending', 'b-submitted']);
      // Dedup and numbering continue: a copied event id is a duplicate, new seqs and ids come after.
      expect(await pg.appendEvents('livevox:interactions', [{ eventId: 'e1', payload: {} }])).toEqual({
        inserted: 0,
        duplicates: 1,
      });
      await pg.appendEvents('livevox:interactions', [{ eventId: 'e4', payload: {} }]);
      const next = await pg.eventsAfterCursor('assemble', 'livevox:interactions', 10);
      expect(next.map((e) => e.eventId)).toEqual(['e3', 'e4']);
      expect(next[1]!.seq).toBeGreaterThan(next[0]!.seq);
      await pg.deadLetter({ stage: 'source', reason: 'new', payload: {} });
      const letters = await pg.listDeadLetters();
      expect(letters[3]!.id).toBeGreaterThan(letters[2]!.id);
      // The copied batch can be closed by its adopter, and the copied letter re-driven.
      await pg.closeDeliveredBatch(
        'b-submitted',
        [
          { key: 'm3', playvoxId: 'p3' },
          { key: 'm4', playvoxId: 'p4' },
        ],
        [],
        [],
        9,
      );
      expect(await pg.retryDeadLetter(letters.find((l) => l.key === 'm5')!.id)).toBe(true);
      expect((await pg.counts()).interactions).toMatchObject({ delivered: 3, ready: 2, sending: 2 });
    } finally {
      await pg.close();
    }

    // A second copy into the now non-empty database is refused, and changes nothing.
    await expect(copySqliteToPostgres(path, db!.url)).rejects.toThrow(
      /^store copy: the target database already holds voxbridge state \(5 events, .*\); copy into an empty database$/,
    );
  });

  it('names a file that is not a voxbridge store', async () => {
    await expect(copySqliteToPostgres(join(dir, 'absent.db'), db!.url)).rejects.toThrow(
      /store copy --from .*absent\.db: cannot open the SQLite store/,
    );
  });
});
