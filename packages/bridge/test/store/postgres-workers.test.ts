import { afterAll, describe, expect, it } from 'vitest';
import { LeaseLostError } from '../../src/store/postgres/errors.js';
import type { PostgresStore } from '../../src/store/postgres/store.js';
import { row } from './contract.js';
import { openPerTest, testDatabase } from './postgres-server.js';

const db = await testDatabase();
afterAll(async () => {
  await db?.drop();
});

const open = openPerTest(db, { poolSize: 4 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mapped = (key: string, firstSeenAt: number) =>
  row(key, {
    state: 'mapped',
    firstSeenAt,
    payload: { interaction_id: key, assignee_id: 'a@example.com', metadata: {}, comments: [] },
  });

describe.skipIf(!db)('PostgreSQL store: several workers on one database', () => {
  it('two stores claiming at once never take the same row, and together take them all', async () => {
    const [a, b] = [await open({ worker: 'a' }), await open({ worker: 'b' })];
    await a.saveInteractions(Array.from({ length: 300 }, (_, i) => mapped(`k${i}`, i)));
    const drain = async (store: PostgresStore, name: string) => {
      const keys: string[] = [];
      for (let n = 0; ; n++) {
        const rows = await store.claimBatch(`${name}-${n}`, 7, Date.now());
        if (rows.length === 0) return keys;
        keys.push(...rows.map((r) => r.key));
      }
    };
    const [a1, b1, a2, b2] = await Promise.all([
      drain(a, 'a'),
      drain(b, 'b'),
      drain(a, 'a2'),
      drain(b, 'b2'),
    ]);
    const fromA = [...a1, ...a2];
    const fromB = [...b1, ...b2];
    expect(fromA.length).toBeGreaterThan(0);
    expect(fromB.length).toBeGreaterThan(0);
    expect(fromA.filter((k) => fromB.includes(k))).toEqual([]);
    expect(new Set([...fromA, ...fromB]).size).toBe(300);
    expect(fromA.length + fromB.length).toBe(300);
    // Each worker lists only its own batches while the other is alive.
    const keysOf = async (store: PostgresStore) => (await store.openBatches()).flatMap((batch) => batch.keys);
    expect((await keysOf(a)).sort()).toEqual([...fromA].sort());
    expect((await keysOf(b)).sort()).toEqual([...fromB].sort());
  });

  it("a dead worker's batch is adopted by one survivor, and the old owner can no longer close it", async () => {
    // `paused` stops heartbeating (its timer is far off), as a SIGSTOPped process would.
    const paused = await open({ worker: 'paused', heartbeatMs: 3_600_000 });
    const survivors = [
      await open({ worker: 's1', leaseMs: 300 }),
      await open({ worker: 's2', leaseMs: 300 }),
    ];
    await paused.saveInteractions([mapped('x', 1), mapped('y', 2)]);
    const claimed = await paused.claimBatch('orphan', 10, Date.now());
    expect(claimed).toHaveLength(2);
    expect(await survivors[0]!.openBatches()).toEqual([]); // its owner's heartbeat is fresh
    await sleep(400);
    const lists = await Promise.all(survivors.map((s) => s.openBatches()));
    const adopters = lists.filter((list) => list.length > 0);
    expect(adopters).toHaveLength(1);
    expect(adopters[0]).toMatchObject([{ batchId: 'orphan', keys: ['x', 'y'], state: 'sending' }]);
    // The paused worker wakes up: its writes about the batch are refused, its rows stay in the batch.
    await expect(paused.batchSubmitted('orphan', 'job-late', ['x', 'y'])).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    await expect(
      paused.closeBatch('orphan', [{ ...claimed[0]!, state: 'mapped', batchId: undefined }]),
    ).rejects.toThrow(/batch:orphan: no longer open for worker paused/);
    expect((await paused.getInteractions(['x'])).get('x')).toMatchObject({
      state: 'sending',
      batchId: 'orphan',
    });
    expect(await paused.openBatches()).toEqual([]);
    // The adopter reconciles and closes it.
    const adopter = survivors[lists.indexOf(adopters[0]!)]!;
    await adopter.closeDeliveredBatch(
      'orphan',
      [
        { key: 'x', playvoxId: 'pv-x' },
        { key: 'y', playvoxId: 'pv-y' },
      ],
      [],
      [],
      Date.now(),
    );
    expect((await adopter.counts()).interactions.delivered).toBe(2);
  });

  it('a clean shutdown hands the batches over at once', async () => {
    const leaving = await open({ worker: 'leaving' });
    const staying = await open({ worker: 'staying' });
    await leaving.saveInteractions([mapped('z', 1)]);
    await leaving.claimBatch('handover', 10, Date.now());
    await leaving.close();
    expect(await staying.openBatches()).toMatchObject([{ batchId: 'handover', keys: ['z'] }]);
  });

  it('a stale write cannot put a claimed or delivered row back into play', async () => {
    const [mapper, deliverer] = [await open({ worker: 'm' }), await open({ worker: 'd' })];
    await mapper.saveInteractions([row('r1', { firstSeenAt: 1 }), row('r2', { firstSeenAt: 2 })]);
    const read = await mapper.interactionsInState('ready', 10);
    // Another worker maps, claims and delivers r1 meanwhile; r2 is in a batch.
    await deliverer.saveInteractions(read.map((r) => mapped(r.key, r.firstSeenAt)));
    await deliverer.claimBatch('b1', 1, Date.now());
    await deliverer.closeDeliveredBatch('b1', [{ key: 'r1', playvoxId: 'pv1' }], [], [], Date.now());
    await deliverer.claimBatch('b2', 1, Date.now());
    // The slow worker writes what it computed from its old read.
    await mapper.saveInteractions(read.map((r) => mapped(r.key, r.firstSeenAt)));
    await mapper.deadLetter({ key: 'r2', stage: 'map', reason: 'late', payload: {} }, read[1]);
    const rows = await mapper.getInteractions(['r1', 'r2']);
    expect(rows.get('r1')).toMatchObject({ state: 'delivered', playvoxId: 'pv1' });
    expect(rows.get('r2')).toMatchObject({ state: 'sending', batchId: 'b2' });
    expect(await mapper.claimBatch('b3', 10, Date.now())).toEqual([]);
  });

  it('writers of one stream on several workers: a reader sees every event, in order, none skipped', async () => {
    const writers = [
      await open({ worker: 'w1' }),
      await open({ worker: 'w2' }),
      await open({ worker: 'w3' }),
    ];
    const reader = await open({ worker: 'reader' });
    const perWriter = 150;
    let done = false;
    const seen: string[] = [];
    const read = (async () => {
      for (;;) {
        const finished = done;
        const events = await reader.eventsAfterCursor('consumer', 'gladly:events', 50);
        seen.push(...events.map((e) => e.eventId));
        if (events.length > 0) await reader.saveCursor('consumer', events[events.length - 1]!.seq);
        else if (finished) return;
      }
    })();
    await Promise.all(
      writers.map(async (w, i) => {
        for (let n = 0; n < perWriter; n += 3)
          await w.appendEvents(
            'gladly:events',
            [0, 1, 2].map((j) => ({ eventId: `w${i}-${n + j}`, payload: { n: n + j } })),
          );
      }),
    );
    done = true;
    await read;
    expect(seen).toHaveLength(3 * perWriter);
    expect(new Set(seen).size).toBe(3 * perWriter);
    for (let i = 0; i < 3; i++) {
      const mine = seen.filter((id) => id.startsWith(`w${i}-`)).map((id) => Number(id.split('-')[1]));
      expect(mine).toEqual([...mine].sort((x, y) => x - y));
    }
  });
});

describe.skipIf(!db)('PostgreSQL store: a rate budget shared by the workers', () => {
  it('three workers together never exceed the budget plus its burst, and use it', async () => {
    const stores = [await open({ worker: 'r1' }), await open({ worker: 'r2' }), await open({ worker: 'r3' })];
    const perMinute = 3_000; // 50 a second
    const burst = 5;
    const grants: number[] = [];
    const started = Date.now();
    const until = started + 2_000;
    await Promise.all(
      stores.map(async (store) => {
        while (Date.now() < until) {
          const grant = await store.takeRate('playvox:acct-1', perMinute, 1, burst);
          if (grant.granted) grants.push(Date.now());
          else await sleep(Math.min(grant.waitMs, until - Date.now()));
        }
      }),
    );
    const elapsedS = (Date.now() - started) / 1000;
    // The database's clock decides; the local span around the run is at least as long.
    expect(grants.length).toBeLessThanOrEqual(Math.ceil(burst + 50 * elapsedS));
    expect(grants.length).toBeGreaterThan(50 * 2 * 0.6);
    // Smooth: no one-second window holds more than its share plus the burst (plus a little for the
    // local event loop, which sees grants a few ms after the database made them).
    for (const t of grants)
      expect(grants.filter((g) => g >= t && g < t + 1_000).length).toBeLessThanOrEqual(50 + burst + 5);
    // Another bucket is independent.
    expect(await stores[0]!.takeRate('playvox:acct-2', perMinute, 1, burst)).toEqual({
      granted: true,
      waitMs: 0,
    });
  });

  it('refuses a take larger than the burst, naming the bucket', async () => {
    const store = await open();
    await expect(store.takeRate('b', 60, 5, 2)).rejects.toThrow(
      'rate budget b: count must be > 0 and at most the burst 2, got 5',
    );
  });
});
