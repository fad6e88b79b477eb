import { connect, createServer, type Server } from 'node:net';
import { freeLocalPort } from '@voxbridge/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  LeaseLostError,
  PostgresUnreachableError,
  SchemaTooNewError,
} from '../../src/store/postgres/errors.js';
import { migratePostgres, schemaVersion } from '../../src/store/postgres/migrate.js';
import { openStore, storeUrl } from '../../src/store/postgres/open.js';
import { connectPool } from '../../src/store/postgres/pool.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/postgres/schema.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { row } from './contract.js';
import { testDatabase } from './postgres-server.js';

const db = await testDatabase();
afterAll(async () => {
  await db?.drop();
});

const opened: PostgresStore[] = [];
async function open(url: string, options: Partial<Parameters<typeof PostgresStore.open>[0]> = {}) {
  const store = await PostgresStore.open({ url, poolSize: 4, ...options });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!db)('PostgreSQL store: migrations', () => {
  it('two migrators at once: one applies every version, the other waits and finds nothing to do', async () => {
    const url = await db!.another();
    const results = await Promise.all([migratePostgres(url), migratePostgres(url)]);
    const applied = results.map((r) => r.applied).sort((a, b) => b.length - a.length);
    expect(applied).toEqual([MIGRATIONS.map((m) => m.version), []]);
    expect(results.every((r) => r.to === LATEST_VERSION)).toBe(true);
    const pool = await connectPool(url);
    expect(await schemaVersion(pool)).toBe(LATEST_VERSION);
    const recorded = await pool.query(
      'SELECT version, name FROM voxbridge_schema_migrations ORDER BY version',
    );
    expect(recorded.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    await pool.end();
    // A later start applies nothing.
    expect(await migratePostgres(url)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION, applied: [] });
  });

  it('refuses a database whose schema is newer than this voxbridge, and leaves it untouched', async () => {
    const url = await db!.another();
    await migratePostgres(url);
    const pool = await connectPool(url);
    await pool.query(
      "INSERT INTO voxbridge_schema_migrations (version, name) VALUES (99, 'from the future')",
    );
    const message = `database schema is at version 99, this voxbridge knows up to ${LATEST_VERSION}: upgrade voxbridge`;
    await expect(migratePostgres(url)).rejects.toThrow(new SchemaTooNewError(99, LATEST_VERSION));
    await expect(PostgresStore.open({ url })).rejects.toThrow(message);
    expect(await schemaVersion(pool)).toBe(99);
    await pool.end();
  });

  it('without migrate, refuses a database that is not at the latest version', async () => {
    const url = await db!.another();
    await expect(PostgresStore.open({ url, migrate: false })).rejects.toThrow(
      `database schema is at version 0, this voxbridge needs ${LATEST_VERSION}: run voxbridge store migrate`,
    );
    await migratePostgres(url);
    await (await open(url, { migrate: false })).counts();
  });
});

describe.skipIf(!db)('PostgreSQL store: an unreachable database', () => {
  it('names host:port and database, never the password', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await freeLocalPort();
    const url = `postgres://bridge:S3cret-Pa55@127.0.0.1:${port}/voxbridge_prod`;
    const error = await PostgresStore.open({ url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresUnreachableError);
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toContain('"voxbridge_prod"');
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('S3cret-Pa55');
    expect(JSON.stringify(error)).not.toContain('S3cret-Pa55');
    expect((error as PostgresUnreachableError).code).toBe('ECONNREFUSED');
  });

  it('rejects a URL that is not postgres:// without repeating it', async () => {
    const error = await PostgresStore.open({ url: 'mysql://u:Hidden99@h/db' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^store\.url: scheme "mysql:"/);
    expect((error as Error).message).not.toContain('Hidden99');
  });
});

describe.skipIf(!db)('PostgreSQL store: leases and fencing', () => {
  it('one holder at a time; the token grows with every new owner', async () => {
    const store = await open(db!.url);
    const a = await store.acquireLease('livevox:interactions', 'w1', 10_000);
    expect(a).toMatchObject({ stream: 'livevox:interactions', worker: 'w1' });
    expect(await store.acquireLease('livevox:interactions', 'w2', 10_000)).toBeUndefined();
    // The holder acquiring again keeps its token (a restart of the renew loop is not a new owner).
    expect((await store.acquireLease('livevox:interactions', 'w1', 10_000))?.token).toBe(a!.token);
    expect(await store.renewLease(a!, 10_000)).toBe(true);
    await store.releaseLease(a!);
    const b = await store.acquireLease('livevox:interactions', 'w2', 10_000);
    expect(b!.token).toBeGreaterThan(a!.token);
    expect(await store.renewLease(a!, 10_000)).toBe(false);
  });

  it('a stale token cannot move a checkpoint, a cursor or a WFM round', async () => {
    const store = await open(db!.url);
    const stream = 'gladly:events:fence';
    const old = (await store.acquireLease(stream, 'paused', 150))!;
    const view = store.fenced(old);
    await view.appendEvents(stream, [{ eventId: 'f1', payload: {} }], 'tok-1');
    await sleep(250); // the holder is paused past its lease
    // Expired, even before anyone takes it: the paused holder's writes are refused.
    await expect(view.appendEvents(stream, [], 'tok-stale')).rejects.toBeInstanceOf(LeaseLostError);
    const fresh = (await store.acquireLease(stream, 'successor', 10_000))!;
    expect(fresh.token).toBeGreaterThan(old.token);
    await store.fenced(fresh).appendEvents(stream, [{ eventId: 'f2', payload: {} }], 'tok-2');
    const stale = view.appendEvents(stream, [{ eventId: 'f3', payload: {} }], 'tok-3');
    await expect(stale).rejects.toThrow(/lease token \d+ is stale: worker successor holds the stream/);
    await expect(view.clearCheckpoint(stream)).rejects.toBeInstanceOf(LeaseLostError);
    await expect(view.saveCursor('wfm:fence', 99)).rejects.toBeInstanceOf(LeaseLostError);
    await expect(
      view.finishWfmRound({ cursor: 'wfm:fence', seq: 99, deadLetters: [] }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    await expect(view.saveAssembly([row('fenced-row')], 'assemble:fence', 99)).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    // Nothing of the refused writes landed: the successor's checkpoint, no f3, no row, no cursor.
    expect((await store.getCheckpoint(stream))?.token).toBe('tok-2');
    expect((await store.eventsAfterCursor('x', stream, 10)).map((e) => e.eventId)).toEqual(['f1', 'f2']);
    expect((await store.getInteractions(['fenced-row'])).size).toBe(0);
    expect(await store.eventsAfterCursor('wfm:fence', stream, 10)).toHaveLength(2);
  });

  it('lists the workers with the streams they hold', async () => {
    const one = await open(db!.url, { worker: 'worker-one' });
    await open(db!.url, { worker: 'worker-two' });
    await one.acquireLease('lv:agents', 'worker-one', 10_000);
    await one.acquireLease('lv:calls', 'worker-one', 10_000);
    const workers = await one.listWorkers();
    const byId = new Map(workers.map((w) => [w.worker, w]));
    expect(byId.get('worker-one')).toMatchObject({ leases: ['lv:agents', 'lv:calls'], pid: process.pid });
    expect(byId.get('worker-two')).toMatchObject({ leases: [] });
    expect(Math.abs(byId.get('worker-one')!.heartbeatAt - Date.now())).toBeLessThan(5_000);
    const leases = await one.listLeases();
    expect(leases.filter((l) => l.stream.startsWith('lv:')).map((l) => [l.stream, l.worker])).toEqual([
      ['lv:agents', 'worker-one'],
      ['lv:calls', 'worker-one'],
    ]);
    await one.close();
    expect((await (await open(db!.url)).listWorkers()).map((w) => w.worker)).not.toContain('worker-one');
  });
});

describe.skipIf(!db)('PostgreSQL store: choosing the store', () => {
  it('VOXBRIDGE_STORE_URL overrides store.url; without a URL the SQLite file stays the default', async () => {
    expect(storeUrl({ path: 'x.db', url: 'postgres://a@h/one' }, {})).toBe('postgres://a@h/one');
    expect(
      storeUrl({ path: 'x.db', url: 'postgres://a@h/one' }, { VOXBRIDGE_STORE_URL: 'postgres://b@h/two' }),
    ).toBe('postgres://b@h/two');
    expect(storeUrl({ path: 'x.db' }, { VOXBRIDGE_STORE_URL: ' ' })).toBeUndefined();
    const pgStore = await openStore({ path: ':memory:' }, {}, { VOXBRIDGE_STORE_URL: db!.url });
    expect(pgStore).toBeInstanceOf(PostgresStore);
    await pgStore.close();
    const sqlite = await openStore({ path: ':memory:' }, {}, {});
    expect(sqlite).toBeInstanceOf(SqliteStore);
    await sqlite.close();
  });
});

describe.skipIf(!db)('PostgreSQL store: waiting for the database at start', () => {
  it('retries with growing waits, naming host:port without the password, and opens once the server is up', async () => {
    const port = await freeLocalPort();
    const real = new URL(db!.url);
    const url = new URL(db!.url);
    url.host = `127.0.0.1:${port}`;
    url.password = 'Wait-Pa55word';
    let proxy: Server | undefined;
    const retries: Array<[string, number, number]> = [];
    const store = await openStore(
      { path: ':memory:', url: url.toString() },
      {
        retry: {
          initialDelayMs: 50,
          onRetry(error, attempt, delayMs) {
            retries.push([error.message, attempt, delayMs]);
            // The server "comes back" after the second failure: a loopback proxy to the real one.
            if (attempt === 2)
              proxy = createServer((socket) => {
                const upstream = connect(Number(real.port), real.hostname);
                socket.pipe(upstream).pipe(socket);
                socket.on('error', () => upstream.destroy());
                upstream.on('error', () => socket.destroy());
              }).listen(port, '127.0.0.1');
          },
        },
      },
      {},
    );
    try {
      expect(await store.counts()).toMatchObject({ deadLetters: 0 });
      expect(retries.map(([, attempt, delay]) => [attempt, delay])).toEqual([
        [1, 50],
        [2, 100],
      ]);
      for (const [message] of retries) {
        expect(message).toContain(`127.0.0.1:${port}`);
        expect(message).not.toContain('Wait-Pa55word');
      }
    } finally {
      await store.close();
      proxy?.close();
    }
  });

  it('a database lost while running fails the calls, and the same store works again once it returns', async () => {
    const port = await freeLocalPort();
    const real = new URL(db!.url);
    const sockets = new Set<import('node:net').Socket>();
    const startProxy = () =>
      new Promise<Server>((resolve) => {
        const server = createServer((socket) => {
          const upstream = connect(Number(real.port), real.hostname);
          sockets.add(socket).add(upstream);
          socket.pipe(upstream).pipe(socket);
          socket.on('error', () => upstream.destroy());
          upstream.on('error', () => socket.destroy());
        });
        server.listen(port, '127.0.0.1', () => resolve(server));
      });
    const url = new URL(db!.url);
    url.host = `127.0.0.1:${port}`;
    let proxy = await startProxy();
    const store = await PostgresStore.open({ url: url.toString(), poolSize: 2, heartbeatMs: 3_600_000 });
    try {
      await store.appendEvents('lost', [{ eventId: 'before', payload: {} }], 't1');
      // The database goes away: every connection is cut and nothing listens.
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      });
      await expect(store.appendEvents('lost', [{ eventId: 'during', payload: {} }], 't2')).rejects.toThrow();
      await expect(store.getCheckpoint('lost')).rejects.toThrow();
      proxy = await startProxy();
      await store.appendEvents('lost', [{ eventId: 'after', payload: {} }], 't3');
      expect((await store.eventsAfterCursor('r', 'lost', 10)).map((e) => e.eventId)).toEqual([
        'before',
        'after',
      ]);
      expect((await store.getCheckpoint('lost'))?.token).toBe('t3');
    } finally {
      await store.close();
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  });

  it('gives up with the last error when told to stop', async () => {
    const controller = new AbortController();
    const url = `postgres://u:pw@127.0.0.1:${await freeLocalPort()}/nothing`;
    const attempts: number[] = [];
    const opening = openStore(
      { path: ':memory:', url },
      {
        retry: {
          initialDelayMs: 20,
          signal: controller.signal,
          onRetry: (_error, attempt) => {
            attempts.push(attempt);
            if (attempt === 3) controller.abort();
          },
        },
      },
      {},
    );
    await expect(opening).rejects.toBeInstanceOf(PostgresUnreachableError);
    expect(attempts).toEqual([1, 2, 3]);
  });
});
