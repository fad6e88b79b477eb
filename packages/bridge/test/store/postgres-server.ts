/**
 * A real PostgreSQL server for the PostgreSQL store tests. `VOXBRIDGE_TEST_PG_URL` (CI sets it) names
 * a server whose user may create databases; otherwise a throwaway cluster is started here (initdb as
 * the `postgres` user into a temporary folder, pg_ctl on a free 127.0.0.1 port) and stopped when the
 * test file ends. Each test file gets its own fresh database, dropped at the end.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freeLocalPort } from '@voxbridge/core';
import pg from 'pg';
import { afterEach } from 'vitest';
import { STATE_TABLES } from '../../src/store/postgres/schema.js';
import { PostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/store.js';

/** A fresh database on a real server. */
export interface TestDatabase {
  /** `postgres://…/voxbridge_test_<random>`. */
  url: string;
  /** Another fresh database on the same server (dropped with this one). */
  another(): Promise<string>;
  /** Drops the databases and stops the cluster this helper started, if any. */
  drop(): Promise<void>;
}

/** The newest `/usr/lib/postgresql/<version>/bin` with an initdb, if any. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Starts a throwaway cluster; undefined (with the reason) when this machine cannot. */
async function startCluster(): Promise<{ url: string; stop(): void } | string> {
  const bin = postgresBin();
  if (!bin) return 'no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)';
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-pg-'));
  // initdb refuses to run as root: run the server as the `postgres` user then.
  const asRoot = userInfo().uid === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  try {
    if (asRoot) {
      const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
      const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
      chownSync(dir, Number(ids), Number(gid));
    }
    const data = join(dir, 'data');
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    const port = await freeLocalPort();
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    ]);
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', stop); // a test file that dies still stops its server
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `could not start a throwaway cluster: ${stderr || (error as Error).message}`;
  }
}

/** A URL on the same server naming another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database for one test file, or undefined after a LOUD warning when no server can be had
 * (then the file's PostgreSQL tests skip; CI always has one).
 */
export async function testDatabase(): Promise<TestDatabase | undefined> {
  let serverUrl = process.env.VOXBRIDGE_TEST_PG_URL;
  let stop: (() => void) | undefined;
  if (!serverUrl) {
    const started = await startCluster();
    if (typeof started === 'string') {
      console.warn(
        `\n*** POSTGRESQL STORE TESTS SKIPPED: ${started}. Set VOXBRIDGE_TEST_PG_URL=postgres://user@host:port/db to run them. CI must run them. ***\n`,
      );
      return undefined;
    }
    serverUrl = started.url;
    stop = started.stop;
  }
  const server = serverUrl;
  const names: string[] = [];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const create = async () => {
    const name = `voxbridge_test_${Math.random().toString(36).slice(2, 10)}`;
    await admin(`CREATE DATABASE ${name}`);
    names.push(name);
    return withDatabase(server, name);
  };
  return {
    url: await create(),
    another: create,
    async drop() {
      for (const name of names) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      stop?.();
    },
  };
}

/** Empties every table (the schema stays: migrations ran once for the file). */
export async function truncateAll(url: string): Promise<void> {
  const store = await PostgresStore.open({ url, poolSize: 1 });
  await store.pool.query(`TRUNCATE ${STATE_TABLES.join(', ')} RESTART IDENTITY`);
  await store.close();
}

/**
 * Opens stores on `db` (`defaults` under each call's options) for the tests of one file: after each
 * test the stores it opened are closed and every table is emptied, so that the next starts afresh.
 */
export function openPerTest(
  db: TestDatabase | undefined,
  defaults: Partial<PostgresStoreOptions>,
): (options?: Partial<PostgresStoreOptions>) => Promise<PostgresStore> {
  const opened: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    if (db) await truncateAll(db.url);
  });
  return async (options = {}) => {
    const store = await PostgresStore.open({ url: db!.url, ...defaults, ...options });
    opened.push(store);
    return store;
  };
}
