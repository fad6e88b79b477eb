/**
 * The several-workers section of `voxbridge bench`: end-to-end throughput of 1, 2 and 3 `voxbridge run`
 * workers on one PostgreSQL database beside 1 worker on SQLite, the time another worker takes a dead
 * owner's stream over, and the database bytes each delivered interaction costs. PostgreSQL comes from
 * `VOXBRIDGE_TEST_PG_URL` (a server whose user may create databases) or a throwaway cluster started
 * here from `/usr/lib/postgresql/<version>/bin`; without either the section says so and measures SQLite.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresStore } from '@voxbridge/bridge';
import { freeLocalPort } from '@voxbridge/core';
import { startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { benchBridgeConfig } from './config.js';
import type { BenchContext, BenchResult, BenchSection } from './types.js';

const CLI = fileURLToPath(new URL('../../bin/voxbridge.js', import.meta.url));
const STREAM = 'livevox:interaction-events';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A PostgreSQL server for the section: the one named by the environment, or a throwaway cluster. */
async function postgresServer(): Promise<{ url: string; stop(): void } | string> {
  const given = process.env.VOXBRIDGE_TEST_PG_URL;
  if (given) return { url: given, stop: () => {} };
  const root = '/usr/lib/postgresql';
  const version = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  if (!version) return 'no PostgreSQL server (set VOXBRIDGE_TEST_PG_URL or install postgresql)';
  const bin = join(root, version, 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-bench-pg-'));
  const asRoot = userInfo().uid === 0; // initdb refuses root: run the server as `postgres`
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const data = join(dir, 'data');
  const port = await freeLocalPort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  // Durable settings (fsync on) so that the figures are a real server's.
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh database on the server. */
async function freshDatabase(server: string): Promise<string> {
  const name = `voxbridge_bench_${Math.random().toString(36).slice(2, 10)}`;
  // The bridge's own PostgreSQL driver (the CLI does not depend on it directly).
  const pg = createRequire(import.meta.resolve('@voxbridge/bridge'))('pg') as typeof import('pg');
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One `voxbridge run` child, served on its own port. */
async function startWorker(configFile: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const port = await freeLocalPort();
  const child = spawn(process.execPath, [CLI, 'run', '-c', configFile, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`voxbridge run exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return child;
    if (Date.now() > deadline) throw new Error('voxbridge run never served /healthz');
    await sleep(100);
  }
}

const stop = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

interface DrainFigures {
  interactions: number;
  seconds: number;
  perSecond: number;
  /** PostgreSQL only: database growth per delivered interaction. */
  bytesPerInteraction?: number;
  /** PostgreSQL, several workers: ms from killing the feed's owner to another worker holding it. */
  takeoverMs?: number;
}

/** Drains one backlog with `workers` workers on `url` (PostgreSQL) or on a SQLite file. */
async function drain(ctx: BenchContext, workers: number, url: string | undefined): Promise<DrainFigures> {
  const playvox = await startPlayvoxEmulator({ port: 0, config: { jobs: { delayMs: 0 } } as never });
  const livevox = await startLiveVoxEmulator({
    port: 0,
    seed: 5,
    config: { feed: { waitMs: 500 } } as never,
  });
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-bench-'));
  const children: ChildProcess[] = [];
  let observer: PostgresStore | undefined;
  try {
    const config = benchBridgeConfig({ livevox: livevox.url, playvox: playvox.url }, join(dir, 'state.db'), {
      contextData: false,
    });
    const file = join(dir, 'voxbridge.yaml');
    writeFileSync(file, JSON.stringify({ ...config, log: { level: 'warn' } }));
    const env = url ? { VOXBRIDGE_STORE_URL: url } : {};
    children.push(await startWorker(file, env));
    for (let i = 1; i < workers; i++) children.push(await startWorker(file, env));
    let sizeBefore = 0;
    if (url) {
      observer = await PostgresStore.open({ url, poolSize: 2, worker: 'bench-observer' });
      while (!(await observer.getCheckpoint(STREAM))) await sleep(50);
      sizeBefore = await databaseBytes(observer);
    } else await sleep(2000); // the single worker takes its first feed position
    const calls = ctx.quick ? 3000 : 12_000;
    const others = ctx.quick ? 1000 : 4000;
    const total = calls + 2 * others;
    const started = performance.now();
    livevox.generateBacklog({ agents: 60, calls, sms: others, emails: others, seed: 3 });
    while (playvox.store.truth().interactions.total < total) await sleep(50);
    const seconds = (performance.now() - started) / 1000;
    const figures: DrainFigures = { interactions: total, seconds, perSecond: total / seconds };
    if (observer) {
      await sleep(1000); // the last batches close
      figures.bytesPerInteraction = ((await databaseBytes(observer)) - sizeBefore) / total;
      if (workers > 1) figures.takeoverMs = await takeover(observer, children);
    }
    return figures;
  } finally {
    await observer?.close();
    await Promise.all(children.map((child) => stop(child)));
    await Promise.all([livevox.close(), playvox.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function databaseBytes(store: PostgresStore): Promise<number> {
  await store.pool.query('CHECKPOINT').catch(() => undefined);
  const r = await store.pool.query<{ n: string }>('SELECT pg_database_size(current_database())::text AS n');
  return Number(r.rows[0]!.n);
}

/** SIGKILLs the feed's owner and times until another worker holds the stream (default lease 15 s). */
async function takeover(store: PostgresStore, children: ChildProcess[]): Promise<number> {
  const owner = (await store.listLeases()).find((l) => l.stream === STREAM)!;
  const victim = children.find((c) => owner.worker.split(':').at(-2) === String(c.pid))!;
  const killedAt = Date.now();
  await stop(victim, 'SIGKILL');
  for (;;) {
    const now = (await store.listLeases()).find((l) => l.stream === STREAM);
    if (now && now.worker !== owner.worker && now.expiresAt > Date.now()) return Date.now() - killedAt;
    await sleep(50);
  }
}

/** The several-workers section of `voxbridge bench`. */
export const benchWorkers: BenchSection = async (ctx): Promise<BenchResult> => {
  ctx.log('1 worker on SQLite…');
  const sqlite = await drain(ctx, 1, undefined);
  const server = await postgresServer();
  const f = (n: number | undefined, digits = 0) =>
    n === undefined
      ? '—'
      : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (typeof server === 'string') {
    ctx.log(`PostgreSQL part skipped: ${server}`);
    return {
      section: 'Several workers on PostgreSQL',
      markdown: `\nNot measured: ${server}. 1 worker on SQLite: ${f(sqlite.perSecond)} interactions/s.\n`,
      figures: { sqliteInteractionsPerSecond: sqlite.perSecond, postgres: false },
    };
  }
  try {
    const runs: DrainFigures[] = [];
    for (const workers of [1, 2, 3]) {
      ctx.log(`${workers} worker(s) on PostgreSQL…`);
      runs.push(await drain(ctx, workers, await freshDatabase(server.url)));
    }
    const row = (label: string, r: DrainFigures) =>
      `| ${label} | **${f(r.perSecond)} interactions/s** (${f(r.interactions)} in ${f(r.seconds, 1)} s) | ${f(r.bytesPerInteraction)} | ${r.takeoverMs === undefined ? '—' : `${f(r.takeoverMs / 1000, 1)} s`} |`;
    const markdown = `
Each worker is a \`voxbridge run\` process; both emulators run in the benchmark process on loopback (an
unthrottled Playvox, jobs done at once, no Context Data lookups), so the figures show what the store and
the workers cost, not what Playvox allows. A PostgreSQL server on the same machine, fsync on.

| setup | end-to-end throughput | database bytes per delivered interaction | takeover after SIGKILL of the feed's owner (lease 15 s) |
|---|---|---|---|
${row('1 worker, SQLite', sqlite)}
${row('1 worker, PostgreSQL', runs[0]!)}
${row('2 workers, PostgreSQL', runs[1]!)}
${row('3 workers, PostgreSQL', runs[2]!)}

One worker reads the feed and assembles (the lease holder); every worker delivers. Past Playvox's rate
limit more workers add nothing: the shared budget caps them together.
`;
    return {
      section: 'Several workers on PostgreSQL',
      markdown,
      figures: {
        sqliteInteractionsPerSecond: sqlite.perSecond,
        pg1InteractionsPerSecond: runs[0]!.perSecond,
        pg2InteractionsPerSecond: runs[1]!.perSecond,
        pg3InteractionsPerSecond: runs[2]!.perSecond,
        bytesPerInteraction: runs[0]!.bytesPerInteraction ?? Number.NaN,
        takeover2Ms: runs[1]!.takeoverMs ?? Number.NaN,
        takeover3Ms: runs[2]!.takeoverMs ?? Number.NaN,
      },
    };
  } finally {
    server.stop();
  }
};
