import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PostgresStore } from '@voxbridge/bridge';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../bridge/test/helpers.js';
import { e2eConfig, generateTraffic, sharedEmulators, waitFor } from './e2e-helpers.js';
import { EXACTLY_ONCE, expectedIds, heldIds, truthOf, waitForAllDelivered } from './e2e-truth.js';
import {
  CLI_BIN,
  isWorker,
  signalWorker,
  startWorker,
  type Worker,
  workersDatabase,
  writeConfig,
} from './workers-helpers.js';

const STREAM = 'livevox:interaction-events';
const db = await workersDatabase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the store holds every expected interaction delivered and nothing pending. */
const allDelivered = (store: PostgresStore, count: number) => waitForAllDelivered(store, count, 120_000);

async function lease(store: PostgresStore) {
  const found = (await store.listLeases()).find((l) => l.stream === STREAM);
  return found && found.expiresAt > Date.now() ? found : undefined;
}

describe.skipIf(!db)(
  'fencing and moving onto PostgreSQL (needs the built CLI and a PostgreSQL server)',
  () => {
    const emulators = sharedEmulators();
    const workers: Worker[] = [];
    const stores: PostgresStore[] = [];
    const traffic = (numbers: Record<string, number>) =>
      generateTraffic(emulators.livevox.url, { agents: 20, ...numbers });
    afterAll(async () => {
      for (const worker of workers) {
        worker.child.kill('SIGCONT');
        await signalWorker(worker, 'SIGKILL');
      }
      for (const store of stores) await store.close();
      await db?.drop();
    });

    it('a worker paused past its lease is fenced off when it wakes, gives the stream up, and keeps working', async () => {
      const url = await db!.another();
      const store = await PostgresStore.open({ url, poolSize: 2, worker: 'test-observer' });
      stores.push(store);
      // No store.url in the file: VOXBRIDGE_STORE_URL alone chooses PostgreSQL.
      const config = e2eConfig(emulators, {
        coordination: { leaseSeconds: 2, renewSeconds: 0.5 },
        log: { level: 'info' },
      });
      const configFile = writeConfig(config);
      const env = { VOXBRIDGE_STORE_URL: url };
      const first = await startWorker(configFile, env);
      workers.push(first);
      workers.push(await startWorker(configFile, env));
      await waitFor(
        async () => (await lease(store)) !== undefined,
        30_000,
        () => 'no worker took the feed',
      );
      await waitFor(
        async () => (await store.getCheckpoint(STREAM)) !== undefined,
        30_000,
        () => 'feed never positioned',
      );
      await traffic({ calls: 300, sms: 100, emails: 100, seed: 41 });
      await allDelivered(store, 500);

      const held = (await lease(store))!;
      const paused = workers.find((w) => isWorker(held.worker, w))!;
      const other = workers.find((w) => w !== paused)!;
      const pausedAt = Date.now();
      await signalWorker(paused, 'SIGSTOP');
      await waitFor(
        async () => (await lease(store))?.token !== held.token && (await lease(store)) !== undefined,
        15_000,
        () => 'nobody took the stream from the paused worker',
      );
      const takeoverMs = Date.now() - pausedAt;
      const taken = (await lease(store))!;
      expect(isWorker(taken.worker, other)).toBe(true);
      expect(taken.token).toBeGreaterThan(held.token);
      // Traffic while the old owner sleeps: the new owner reads it from the checkpoint.
      await traffic({ calls: 300, sms: 100, emails: 100, seed: 42 });
      await allDelivered(store, 1000);

      await signalWorker(paused, 'SIGCONT');
      await waitFor(
        () => paused.output().includes('stream given up (lease lost)'),
        10_000,
        () => `the woken worker did not give the stream up: ${paused.output().slice(-2000)}`,
      );
      const gaveUp = paused
        .output()
        .split('\n')
        .find((line) => line.includes('stream given up (lease lost)'))!;
      expect(JSON.parse(gaveUp)).toMatchObject({ stream: STREAM });
      // The stream stays with the new owner and its token: nothing of the old owner's got through.
      await sleep(1500);
      expect((await lease(store))?.token).toBe(taken.token);
      expect((await store.listWorkers()).find((w) => isWorker(w.worker, paused))?.leases).toEqual([]);

      // The woken worker is whole again: when the new owner dies, it takes the stream back and resumes.
      await signalWorker(other, 'SIGKILL');
      await waitFor(
        async () => isWorker((await lease(store))?.worker, paused),
        15_000,
        () => 'the woken worker never took the stream back',
      );
      await traffic({ calls: 300, sms: 100, emails: 100, seed: 43 });
      await allDelivered(store, 1500);
      await sleep(1000);
      await signalWorker(paused, 'SIGTERM');
      const expected = expectedIds(emulators.livevox);
      const result = await truthOf(config, expected);
      console.info(
        `paused-worker test: takeover ${takeoverMs} ms after SIGSTOP (lease 2 s); woken worker: ${JSON.parse(gaveUp).reason}; missing ${result.missing.length}, duplicated ${result.duplicated.length}`,
      );
      expect(result).toEqual(EXACTLY_ONCE);
    }, 240_000);

    it('voxbridge store copy moves a SQLite deployment killed mid-flow; run on PostgreSQL resumes with nothing lost or repeated', async () => {
      const url = await db!.another();
      const path = join(tempDir(), 'state.db');
      const config = e2eConfig(emulators, { store: { path }, log: { level: 'info' } });
      const configFile = writeConfig(config);
      const before = expectedIds(emulators.livevox).length;
      const single = await startWorker(configFile);
      workers.push(single);
      await waitFor(
        () => existsSync(path),
        10_000,
        () => 'no SQLite store',
      );
      await sleep(1000); // the feed takes its first position
      await traffic({ calls: 2000, sms: 500, emails: 500, seed: 51 });
      // Killed mid-flow: some interactions delivered, the rest stored or still in the feed.
      await waitFor(
        async () => (await heldIds(config)).size > 0,
        60_000,
        () => 'nothing delivered',
      );
      await signalWorker(single, 'SIGKILL');

      const run = promisify(execFile);
      const copied = await run(process.execPath, [
        CLI_BIN,
        'store',
        'copy',
        '--from',
        path,
        '--to',
        url,
        '--json',
      ]);
      const report = JSON.parse(copied.stdout) as { counts: Record<string, number>; to: { host: string } };
      expect(report.to.host).toBe('127.0.0.1');
      expect(copied.stdout).not.toContain('postgres://');
      // The feed's token and the LiveVox time of its last event (kept for gap detection).
      expect(report.counts, single.output().slice(-3000)).toMatchObject({ checkpoints: 2 });
      expect(report.counts.interactions, JSON.stringify(report.counts)).toBeGreaterThan(0);
      // Copying again onto a database that holds state is refused.
      await expect(
        run(process.execPath, [CLI_BIN, 'store', 'copy', '--from', path, '--to', url]),
      ).rejects.toThrow();
      const migrated = await run(process.execPath, [CLI_BIN, 'store', 'migrate', '-c', configFile], {
        env: { ...process.env, VOXBRIDGE_STORE_URL: url },
      });
      expect(migrated.stdout).toMatch(/nothing to do/);

      const store = await PostgresStore.open({ url, poolSize: 2, worker: 'test-observer' });
      stores.push(store);
      const resumed = await startWorker(configFile, { VOXBRIDGE_STORE_URL: url });
      workers.push(resumed);
      const expected = expectedIds(emulators.livevox).slice(before);
      expect(expected.length).toBe(3000);
      await allDelivered(store, 3000);
      await sleep(1500);
      const status = await run(process.execPath, [CLI_BIN, 'status', '-c', configFile, '--json'], {
        env: { ...process.env, VOXBRIDGE_STORE_URL: url },
      });
      const parsed = JSON.parse(status.stdout) as {
        workers: Array<{ leases: string[] }>;
        streams: Array<{ stream: string }>;
      };
      expect(parsed.workers.some((w) => w.leases.includes(STREAM))).toBe(true);
      expect(parsed.streams.map((s) => s.stream)).toContain(STREAM);
      await signalWorker(resumed, 'SIGTERM');
      expect(await truthOf(config, expected)).toEqual(EXACTLY_ONCE);
    }, 180_000);
  },
);
