import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamOwner } from '../src/coordination/owner.js';
import { SharedRateLimiter } from '../src/coordination/rate.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { BridgeStore } from '../src/store/types.js';
import { openPerTest, testDatabase } from './store/postgres-server.js';

const db = await testDatabase();
afterAll(async () => {
  await db?.drop();
});
const openStore = openPerTest(db, { poolSize: 4, leaseMs: 600 });
const open = (worker: string) => openStore({ worker });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work that writes the stream's checkpoint every 20 ms until stopped, counting its writes. */
function writer(log: string[], name: string) {
  return async (store: BridgeStore, signal: AbortSignal) => {
    for (let n = 0; !signal.aborted; n++) {
      await store.appendEvents('s', [{ eventId: `${name}-${n}`, payload: {} }], `${name}-${n}`);
      log.push(name);
      await sleep(20);
    }
  };
}

describe('StreamOwner on SQLite', () => {
  it('always holds the stream and runs the work with the store itself', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    const owner = new StreamOwner(store, { leaseMs: 1000, renewMs: 100 });
    const stop = new AbortController();
    let seen: BridgeStore | undefined;
    const run = owner.run(
      's',
      async (s, signal) => {
        seen = s;
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
      stop.signal,
    );
    await sleep(10);
    expect(owner.coordinated).toBe(false);
    expect(owner.owns('s')).toBe(true);
    expect(seen).toBe(store);
    stop.abort();
    await run;
    expect(owner.owns('s')).toBe(false);
    await store.close();
  });
});

describe.skipIf(!db)('StreamOwner on PostgreSQL', () => {
  it('runs a stream on one worker at a time; a stopped owner hands it over at once', async () => {
    const [a, b] = [await open('a'), await open('b')];
    const acquired: string[] = [];
    const events = {
      acquired: (_s: string, _t: number, waitedMs: number) => acquired.push(String(waitedMs)),
    };
    const ownerA = new StreamOwner(a, { leaseMs: 600, renewMs: 100, events });
    const ownerB = new StreamOwner(b, { leaseMs: 600, renewMs: 100, events });
    const log: string[] = [];
    const stopA = new AbortController();
    const stopB = new AbortController();
    const runA = ownerA.run('s', writer(log, 'a'), stopA.signal);
    await sleep(100);
    const runB = ownerB.run('s', writer(log, 'b'), stopB.signal);
    await sleep(400);
    expect(ownerA.owns('s')).toBe(true);
    expect(ownerB.owns('s')).toBe(false);
    expect(new Set(log)).toEqual(new Set(['a']));
    expect((await a.listWorkers()).find((w) => w.worker === 'a')?.leases).toEqual(['s']);
    // A clean stop releases the lease: b takes over within one retry period.
    stopA.abort();
    await runA;
    const handedAt = Date.now();
    while (!ownerB.owns('s')) await sleep(10);
    expect(Date.now() - handedAt).toBeLessThan(400);
    await sleep(100);
    expect(log.at(-1)).toBe('b');
    expect((await b.getCheckpoint('s'))?.token).toMatch(/^b-/);
    stopB.abort();
    await runB;
    expect(await b.listLeases()).toEqual([]);
  });

  it('fences a paused owner: once another worker took the stream, its writes are refused and its work stops', async () => {
    const [a, b] = [await open('a'), await open('b')];
    const lost: string[] = [];
    const ownerA = new StreamOwner(a, { leaseMs: 300, renewMs: 100, events: { lost: (s) => lost.push(s) } });
    const stop = new AbortController();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const attempts: Array<'written' | 'refused'> = [];
    const run = ownerA.run(
      's',
      async (store, signal) => {
        // Like a paused process: no renewals reach the database while the work waits.
        await store.appendEvents('s', [{ eventId: 'a-0', payload: {} }], 'a-0');
        await gate;
        try {
          await store.appendEvents('s', [{ eventId: 'a-1', payload: {} }], 'a-1');
          attempts.push('written');
        } catch {
          attempts.push('refused');
        }
        expect(signal.aborted).toBe(true);
      },
      stop.signal,
    );
    await sleep(50);
    // Stop a's renewals by taking its lease row away from it (as an expiry plus takeover would).
    await a.pool.query(
      "UPDATE leases SET expires_at = clock_timestamp() - interval '1 second' WHERE stream = 's'",
    );
    const lease = await b.acquireLease('s', 'b', 5000);
    expect(lease).toBeDefined();
    await b.fenced(lease!).appendEvents('s', [{ eventId: 'b-0', payload: {} }], 'b-0');
    release();
    await sleep(150);
    expect(attempts).toEqual(['refused']);
    expect(lost).toContain('s');
    expect((await b.getCheckpoint('s'))?.token).toBe('b-0');
    stop.abort();
    await run;
  });

  it('the shared rate limiter keeps two workers together within the budget', async () => {
    const [a, b] = [await open('a'), await open('b')];
    // 600 a minute = 10 a second, burst 10: in 1.5 s at most 10 + 15 requests start.
    const limiters = [
      new SharedRateLimiter(a, 'playvox:test', 600),
      new SharedRateLimiter(b, 'playvox:test', 600),
    ];
    let started = 0;
    const until = Date.now() + 1500;
    await Promise.all(
      limiters.flatMap((limiter) =>
        Array.from({ length: 4 }, async () => {
          while (Date.now() < until) {
            const release = await limiter.acquire();
            if (Date.now() < until) started += 1;
            release();
          }
        }),
      ),
    );
    expect(started).toBeGreaterThanOrEqual(15);
    expect(started).toBeLessThanOrEqual(26);
  });

  it('a database lost while running: the work stops, health turns red, and both come back by themselves', async () => {
    const real = new URL(db!.url);
    const sockets = new Set<Socket>();
    let proxy: Server | undefined;
    const up = (port = 0) =>
      new Promise<number>((resolve) => {
        proxy = createServer((socket) => {
          const upstream = connect(Number(real.port), real.hostname);
          sockets.add(socket).add(upstream);
          socket.pipe(upstream).pipe(socket);
          socket.on('error', () => upstream.destroy());
          upstream.on('error', () => socket.destroy());
        });
        proxy.listen(port, '127.0.0.1', () => resolve((proxy!.address() as { port: number }).port));
      });
    const down = () =>
      new Promise<void>((resolve) => {
        proxy!.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
    const port = await up();
    const url = new URL(db!.url);
    url.host = `127.0.0.1:${port}`;
    const store = await PostgresStore.open({ url: url.toString(), poolSize: 2, worker: 'w', leaseMs: 600 });
    const lost: string[] = [];
    const owner = new StreamOwner(store, {
      leaseMs: 600,
      renewMs: 100,
      events: { lost: (_s, why) => lost.push(why) },
    });
    const stop = new AbortController();
    const log: string[] = [];
    const run = owner.run('s', writer(log, 'w'), stop.signal);
    try {
      await sleep(300);
      expect(owner.owns('s')).toBe(true);
      expect(owner.healthy).toBe(true);
      await down();
      await sleep(700);
      expect(owner.healthy).toBe(false);
      expect(owner.owns('s')).toBe(false); // the work stopped: past its lease another worker may own the stream
      expect(lost.length).toBeGreaterThan(0);
      await up(port);
      const writes = log.length;
      const deadline = Date.now() + 5000;
      while (!(owner.owns('s') && owner.healthy && log.length > writes + 2) && Date.now() < deadline)
        await sleep(50);
      expect(owner.healthy).toBe(true);
      expect(owner.owns('s')).toBe(true);
      expect(log.length).toBeGreaterThan(writes + 2);
    } finally {
      stop.abort();
      await run;
      await store.close();
      await down();
    }
  });
});
