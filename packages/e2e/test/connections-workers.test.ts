/**
 * Two connections on PostgreSQL with two `voxbridge run` workers: each connection's feed is a lease of
 * its own (in its own schema), delivery is shared, and each connection's interactions land in its own
 * integration exactly once.
 */
import {
  type BridgeStore,
  connectionStoreChoice,
  ensureConnectionSchema,
  openStore,
  type PostgresStore,
  parseConnections,
} from '@voxbridge/bridge';
import { startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionEntry, idsOf } from './connections-truth.js';
import { generateTraffic, startEmulators } from './e2e-helpers.js';
import { compare, EXACTLY_ONCE, heldIds, waitForAllDelivered } from './e2e-truth.js';
import {
  runCli,
  signalWorker,
  startWorker,
  type Worker,
  workersDatabase,
  writeConfig,
} from './workers-helpers.js';

const db = await workersDatabase();

describe.skipIf(!db)('two connections, two workers, one PostgreSQL database (needs the built CLI)', () => {
  const workers: Worker[] = [];
  const stores: BridgeStore[] = [];
  const closers: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const worker of workers) await signalWorker(worker, 'SIGKILL');
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(closers.map((close) => close()));
    await db?.drop();
  });

  it('gives each connection its own lease and integration, exactly once', async () => {
    const emulators = await startEmulators();
    closers.push(() => emulators.close());
    const globexLv = await startLiveVoxEmulator({
      port: 0,
      seed: 8,
      config: { feed: { waitMs: 200 } } as never,
    });
    closers.push(() => globexLv.close());
    const file = {
      store: { url: db!.url },
      delivery: { reconcileSettleMs: 1000, retryBaseDelayMs: 50 },
      coordination: { leaseSeconds: 3, renewSeconds: 1 },
      log: { level: 'info' },
      connections: [
        connectionEntry('acme', emulators.livevox.url, emulators.playvox.url, { requestsPerMinute: 6000 }),
        connectionEntry('globex', globexLv.url, emulators.playvox.url, { requestsPerMinute: 6000 }),
      ],
    };
    const configFile = writeConfig(file);
    workers.push(await startWorker(configFile), await startWorker(configFile));
    const [acme, globex] = parseConnections(file);
    for (const { name, config } of [acme!, globex!]) {
      await ensureConnectionSchema(config.store, name, {});
      stores.push(
        await openStore(connectionStoreChoice(config.store, name, {}), { worker: `observer-${name}` }, {}),
      );
    }
    // Each connection's feed is owned (its lease taken) before traffic, so nothing is read from "now" on.
    for (const name of ['acme', 'globex'])
      await expect
        .poll(
          async () =>
            JSON.parse((await runCli(['status', '-c', configFile, '--connection', name, '--json'])).stdout)
              .connections[0].streams?.length ?? 0,
          { timeout: 30_000, interval: 500 },
        )
        .toBeGreaterThan(0);

    const traffic = { agents: 10, calls: 150, sms: 25, emails: 25, seed: 31 };
    await Promise.all([
      generateTraffic(emulators.livevox.url, traffic),
      generateTraffic(globexLv.url, traffic),
    ]);
    await waitForAllDelivered(stores[0]!, 200, 90_000);
    await waitForAllDelivered(stores[1]!, 200, 90_000);
    expect(compare(idsOf(emulators.livevox, 'acme'), await heldIds(acme!.config))).toEqual(EXACTLY_ONCE);
    expect(compare(idsOf(globexLv, 'globex'), await heldIds(globex!.config))).toEqual(EXACTLY_ONCE);

    // status per connection: its own stream, held by one of the two workers.
    const status = JSON.parse((await runCli(['status', '-c', configFile, '--json'])).stdout) as {
      connections: Array<{ connection: string; streams: Array<{ stream: string; worker: string }> }>;
    };
    expect(status.connections.map((c) => c.connection)).toEqual(['acme', 'globex']);
    for (const c of status.connections)
      expect(c.streams.map((s) => s.stream)).toContain('livevox:interaction-events');
    // One Playvox account, one budget: its bucket lives in the first connection's schema only.
    const observer = stores[0] as PostgresStore;
    const buckets = await observer.pool.query<{ schema: string; name: string }>(
      `SELECT 'acme' AS schema, name FROM "voxbridge_acme".rate_buckets
       UNION ALL SELECT 'globex', name FROM "voxbridge_globex".rate_buckets`,
    );
    expect(buckets.rows).toEqual([{ schema: 'acme', name: `playvox:${emulators.playvox.url}:demo` }]);
    for (const worker of workers) await signalWorker(worker, 'SIGTERM');

    // store migrate: every connection's schema, each already at the newest version the workers applied.
    const migrate = await runCli(['store', 'migrate', '-c', configFile, '--json']);
    expect(migrate.code).toBe(0);
    const migrated = JSON.parse(migrate.stdout) as {
      connections: Array<{ connection: string; from: number; to: number; applied: number[] }>;
    };
    expect(migrated.connections.map((m) => [m.connection, m.applied])).toEqual([
      ['acme', []],
      ['globex', []],
    ]);
    expect(new Set(migrated.connections.map((m) => m.to)).size).toBe(1);
    const one = await runCli(['store', 'migrate', '-c', configFile, '--connection', 'globex']);
    expect(one.stdout).toMatch(/\(connection globex\): schema already at version \d+; nothing to do\n$/);
  }, 180_000);
});
