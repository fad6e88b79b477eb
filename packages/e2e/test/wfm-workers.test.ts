import {
  applyWfm,
  createWfmClients,
  LIVEVOX_AGENT_STREAM,
  PostgresStore,
  startWfmConnector,
} from '@voxbridge/bridge';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../bridge/test/store/postgres-server.js';
import { startWorld, type WfmWorld, waitFor, worldConfig } from './wfm-helpers.js';
import { expectedIntervals, livevoxTimelines, wfmIntervalsByUser } from './wfm-truth.js';

const db = await testDatabase();
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of cleanup.reverse()) await close();
  await db?.drop();
});

const MINUTE = 60_000;
const EMAILS = ['maria.lee@example.com', 'james.kim@example.com', 'priya.patel@example.com'];

describe.skipIf(!db)('WFM connector on two workers sharing PostgreSQL', () => {
  it('one worker at a time reads the LiveVox agent feed; a handover mid-traffic keeps every status and contact once', async () => {
    const w: WfmWorld = await startWorld({
      livevox: true,
      users: EMAILS.map((email, i) => ({ email, integrations: { livevox: `54400${i + 1}` } })),
    });
    cleanup.push(() => w.close());
    const emu = w.livevoxEmulator!;
    const config = worldConfig(w);
    config.coordination = { leaseSeconds: 1, renewSeconds: 0.2 };
    const clients = createWfmClients(config);
    await applyWfm(config, clients);
    const start = async (worker: string) => {
      const store = await PostgresStore.open({ url: db!.url, worker, leaseMs: 1000, poolSize: 4 });
      cleanup.push(() => store.close());
      const connector = await startWfmConnector(config, {
        store,
        logger: w.logger,
        metrics: w.metrics.registry,
        clients: createWfmClients(config),
      });
      cleanup.push(() => connector.stop());
      return { store, connector };
    };
    const a = await start('worker-a');
    const b = await start('worker-b');
    await waitFor(
      async () => (await a.store.getCheckpoint(LIVEVOX_AGENT_STREAM)) !== undefined,
      'the first feed token',
    );
    const owners = async () =>
      (await a.store.listWorkers()).filter((worker) => worker.leases.includes(LIVEVOX_AGENT_STREAM));
    expect(await owners()).toHaveLength(1);
    const first = (await owners())[0]!.worker;

    emu.startTraffic({ agents: 3, callsPerMinute: 1.5, smsPerMinute: 0, emailsPerMinute: 0 });
    for (let step = 0; step < 6; step++) emu.clock.advance(10 * MINUTE);
    await waitFor(
      async () =>
        (await a.store.eventsAfterCursor('wfm:livevox:agent-events', LIVEVOX_AGENT_STREAM, 1)).length === 0,
      'the first owner to catch up',
    );
    // The owner stops (a rolling update): the other worker takes the feed over from the checkpoint,
    // with the open calls the first one remembered.
    const [stopping, staying] = first === 'worker-a' ? [a, b] : [b, a];
    await stopping.connector.stop();
    await waitFor(async () => (await owners())[0]?.worker === staying.store.worker, 'the takeover');
    for (let step = 0; step < 6; step++) emu.clock.advance(10 * MINUTE);
    const drained = emu.stopTraffic({ drain: true });
    emu.clock.advance(30 * MINUTE);
    await drained;

    const byAgent = livevoxTimelines(emu);
    const expectedStatuses = [...byAgent.values()].reduce((sum, events) => sum + events.length, 0);
    await waitFor(
      async () => (w.wfmEmulator.truth().perIntegration.livevox?.statuses ?? 0) >= expectedStatuses,
      `${expectedStatuses} LiveVox statuses in WFM`,
      30_000,
    );
    await waitFor(
      async () =>
        (await staying.store.eventsAfterCursor('wfm:livevox:agent-events', LIVEVOX_AGENT_STREAM, 1))
          .length === 0,
      'the consumer to catch up',
    );
    expect(w.wfmEmulator.truth().perIntegration.livevox).toMatchObject({
      statuses: expectedStatuses,
      unmatched: 0,
    });
    const intervals = await wfmIntervalsByUser(
      w.wfm,
      'livevox',
      emu.clock.now() - 4 * 60 * MINUTE,
      emu.clock.now() + MINUTE,
    );
    for (const [i, email] of EMAILS.entries())
      expect(intervals.get(email), email).toEqual(
        expectedIntervals('livevox', byAgent.get(`54400${i + 1}`)!),
      );
    const calls = [...byAgent.values()].flat().filter((event) => event.status === 'IN_CALL').length;
    const contacts = await w.wfm.contacts('livevox');
    expect(contacts).toHaveLength(calls);
    expect(contacts.every((contact) => contact.status === 'closed')).toBe(true);
    expect(staying.connector.health()).toMatchObject({ live: true, ready: true });
  }, 120_000);
});
