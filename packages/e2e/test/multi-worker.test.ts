import { PostgresStore } from '@voxbridge/bridge';
import { SeededRandom } from '@voxbridge/emulator-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eConfig, generateTraffic, sharedEmulators, waitFor } from './e2e-helpers.js';
import { EXACTLY_ONCE, expectedIds, truthOf, waitForAllDelivered } from './e2e-truth.js';
import type { Worker } from './workers-helpers.js';
import { isWorker, signalWorker, startWorker, workersDatabase, writeConfig } from './workers-helpers.js';

const STREAM = 'livevox:interaction-events';
const db = await workersDatabase();

/** The interaction stream's current owner (an unexpired lease), as seen by `observer`. */
async function owner(observer: PostgresStore): Promise<string | undefined> {
  const lease = (await observer.listLeases()).find((l) => l.stream === STREAM);
  return lease && lease.expiresAt > Date.now() ? lease.worker : undefined;
}

describe.skipIf(!db)('several workers on PostgreSQL (needs the built CLI and a PostgreSQL server)', () => {
  const emulators = sharedEmulators();
  let observer: PostgresStore;
  const workers: Worker[] = [];
  const traffic = (numbers: Record<string, number>) =>
    generateTraffic(emulators.livevox.url, { agents: 60, ...numbers });
  beforeAll(async () => {
    // Jobs take a while, so kills land between a bulk request and its recorded job id.
    emulators.playvox.configure({ jobs: { delayMs: 100 } });
    observer = await PostgresStore.open({ url: db!.url, poolSize: 2, worker: 'test-observer' });
  });
  afterAll(async () => {
    for (const worker of workers) await signalWorker(worker, 'SIGKILL');
    await observer?.close();
    await db?.drop();
  });

  it('3 workers, 10+ SIGKILLs and restarts while 20,000 interactions flow: Playvox holds each exactly once; takeovers are timed', async () => {
    const config = e2eConfig(emulators, {
      store: { url: db!.url },
      coordination: { leaseSeconds: 2, renewSeconds: 0.5 },
      log: { level: 'info' },
    });
    const configFile = writeConfig({ ...config, delivery: { ...config.delivery, concurrency: 2 } });
    // The first worker creates the integration; the others find it.
    workers.push(await startWorker(configFile));
    workers.push(...(await Promise.all([startWorker(configFile), startWorker(configFile)])));
    await waitFor(
      async () => (await observer.getCheckpoint(STREAM)) !== undefined,
      30_000,
      () => 'no worker positioned the feed',
    );
    await traffic({ calls: 6000, sms: 2000, emails: 2000, seed: 31 });

    const random = new SeededRandom(1234);
    const takeovers: number[] = [];
    const kills = 12;
    for (let i = 0; i < kills; i++) {
      if (i === kills / 2) await traffic({ calls: 6000, sms: 2000, emails: 2000, seed: 32 });
      await new Promise((resolve) => setTimeout(resolve, random.int(300, 1500)));
      // Every other kill hits the stream's owner, so takeovers are measured; the rest hit anyone.
      const current = await owner(observer);
      const ownerIndex = workers.findIndex((w) => isWorker(current, w));
      const index = i % 2 === 0 && ownerIndex >= 0 ? ownerIndex : random.int(0, workers.length - 1);
      const victim = workers[index]!;
      const wasOwner = isWorker(current, victim);
      const killedAt = Date.now();
      await signalWorker(victim, 'SIGKILL');
      workers[index] = await startWorker(configFile);
      if (wasOwner) {
        await waitFor(
          async () => {
            const next = await owner(observer);
            return next !== undefined && next !== current;
          },
          20_000,
          () => 'no worker took the stream over',
        );
        takeovers.push(Date.now() - killedAt);
      }
    }
    const expected = expectedIds(emulators.livevox);
    expect(expected.length).toBe(20_000);
    await waitForAllDelivered(observer, expected.length, 240_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const worker of workers) await signalWorker(worker, 'SIGTERM');
    const result = await truthOf(config, expected);
    console.info(
      `multi-worker crash test: ${kills} kills, ${takeovers.length} takeovers of the interaction feed (ms: ${takeovers.join(', ')}); missing ${result.missing.length}, duplicated ${result.duplicated.length}, unexpected ${result.unexpected.length}`,
    );
    expect(takeovers.length).toBeGreaterThanOrEqual(kills / 2);
    // A dead owner's lease expires after 2 s and the next try comes within renewSeconds. The figures are
    // printed above; the loose bound only proves each takeover happened, whatever the machine's load.
    for (const ms of takeovers) expect(ms).toBeLessThan(30_000);
    expect(result).toEqual(EXACTLY_ONCE);
    expect((await observer.counts()).deadLetters).toBe(0);
  }, 420_000);
});
