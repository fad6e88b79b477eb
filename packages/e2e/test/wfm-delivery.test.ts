import { readWfmDemoSummary } from '@voxbridge/cli';
import { describe, expect, it } from 'vitest';
import { putFaults } from './e2e-helpers.js';
import { configureWorld, connectWorld, EVERY_GLADLY_AGENT, trackWorlds, waitFor } from './wfm-helpers.js';
import { expectedIntervals, wfmIntervalsByUser } from './wfm-truth.js';

const { connectors, world } = trackWorlds();

describe('WFM delivery', () => {
  it('is exactly once through lost answers, outages, refusals and a restart', async () => {
    const w = await world({
      gladly: true,
      users: EVERY_GLADLY_AGENT,
    });
    const gladlyEmu = w.gladlyEmulator!;
    const { config, clients } = await configureWorld(w);
    const start = async () => {
      const connector = await connectWorld(w, config, { clients });
      connectors.push(connector);
      return connector;
    };
    let connector = await start();
    await waitFor(
      async () => (await clients.gladly!.webhooks.list())[0]?.enabled === true,
      'the webhook to be enabled',
    );
    const [agent, other] = gladlyEmu.simulator.agents();
    const act = async (action: () => void) => {
      gladlyEmu.clock.advance(60_000);
      action();
      await gladlyEmu.deliveriesSettled();
    };
    const statusesInWfm = () => w.wfmEmulator.truth().perIntegration.gladly?.statuses ?? 0;

    // The first answer is cut off after WFM applied the batch, then WFM is down for four attempts.
    await putFaults(w.wfmEmulator.url, [
      { method: 'POST', path: '/agent-status$', truncate: true, times: 1 },
      { method: 'POST', path: '/agent-status$', status: 503, times: 4 },
    ]);
    await act(() => gladlyEmu.simulator.login(agent!.id));
    await waitFor(async () => statusesInWfm() === 1, 'the login in WFM');
    await act(() => gladlyEmu.simulator.setAvailability(agent!.id, ['MAIL', 'VOICE']));
    await waitFor(async () => statusesInWfm() === 2, 'the availability in WFM');
    expect(w.wfmEmulator.truth().duplicatesByKind.statuses).toBeGreaterThanOrEqual(1);
    expect(connector.stats().lastError).toMatch(/delivering gladly events to WFM/);

    // WFM refuses every contact event: each is dead-lettered with the reason; statuses keep flowing.
    await putFaults(w.wfmEmulator.url, [{ method: 'POST', path: '/contacts$', status: 422, times: 1000 }]);
    let conversationId = '';
    await act(() => {
      conversationId = gladlyEmu.simulator.createConversation().conversationId;
    });
    await act(() => gladlyEmu.simulator.goAway(agent!.id, 'Break'));
    await waitFor(async () => statusesInWfm() === 3, 'the break in WFM');
    await waitFor(
      async () => (await w.store.listDeadLetters()).length === 1,
      'the refused contact in the dead letters',
    );
    const [letter] = await w.store.listDeadLetters();
    expect(letter).toMatchObject({
      stage: 'deliver',
      payload: { type: 'CONVERSATION/CREATED', content: { conversationId } },
    });
    expect(letter!.reason).toMatch(/^wfm\/gladly rejected: WFM refused contact event \S+: .*422/);
    await putFaults(w.wfmEmulator.url, []);

    // A restart: events that arrive while the connector is down are sent once it is back.
    await connector.stop();
    await act(() => gladlyEmu.simulator.returnFromAway(agent!.id));
    await act(() => gladlyEmu.simulator.login(other!.id));
    connector = await start();
    await waitFor(async () => statusesInWfm() === 5, 'the statuses stored while stopped');
    await act(() => gladlyEmu.simulator.logout(agent!.id));
    await waitFor(async () => statusesInWfm() === 6, 'the logout');

    const truth = gladlyEmu.truth();
    const intervals = await wfmIntervalsByUser(
      w.wfm,
      'gladly',
      gladlyEmu.clock.now() - 3_600_000,
      gladlyEmu.clock.now() + 1,
    );
    for (const who of [agent!, other!]) {
      const statuses = truth.agents.find((a) => a.agentId === who.id)!.statuses;
      expect(intervals.get(who.emailAddress.toLowerCase())).toEqual(expectedIntervals('gladly', statuses));
    }
    expect(await readWfmDemoSummary(w.wfmEmulator.url)).toEqual({
      statuses: 6,
      taskIntervals: 6,
      unmatched: 0,
    });
  });
});
