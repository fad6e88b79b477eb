import { GLADLY_EVENT_STREAM, gladlyEventKey, type WfmConnector } from '@voxbridge/bridge';
import { POISON_SAMPLES } from '@voxbridge/emulator-gladly';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  configureWorld,
  connectWorld,
  EVERY_GLADLY_AGENT,
  startWorld,
  type WfmWorld,
  waitFor,
} from './wfm-helpers.js';
import { expectedIntervals, wfmIntervalsByUser } from './wfm-truth.js';

const MINUTE = 60_000;

interface PoisonView {
  linesEvery: number;
  webhooks: number;
  planted: { lines: number; webhooks: number };
}

async function poisonSwitch(url: string, body?: Partial<PoisonView>): Promise<PoisonView> {
  const res = await fetch(`${url}/_emulator/poison`, {
    method: body ? 'PUT' : 'GET',
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PoisonView;
}

/** Runs one world: poison in Events API answers and webhook deliveries, then checks WFM and the dead letters. */
async function runWorld(linesEvery: number, webhooks: number, liveSteps: number): Promise<void> {
  let world: WfmWorld | undefined;
  let connector: WfmConnector | undefined;
  try {
    const w = await startWorld({
      gladly: { backlogHours: 1, agents: 4 },
      users: EVERY_GLADLY_AGENT,
    });
    world = w;
    const gladlyEmu = w.gladlyEmulator!;
    const { config, clients } = await configureWorld(w, { gladly: { workSessions: { enabled: false } } });
    await poisonSwitch(gladlyEmu.url, { linesEvery, webhooks });
    connector = await connectWorld(w, config, { clients });
    const startedAt = gladlyEmu.clock.now();
    await waitFor(
      async () => (await clients.gladly!.webhooks.list())[0]?.enabled === true,
      'the webhook to be enabled',
    );
    gladlyEmu.start();
    for (let step = 0; step < liveSteps; step++) {
      gladlyEmu.clock.advance(10 * MINUTE);
      await gladlyEmu.deliveriesSettled();
    }
    await gladlyEmu.stop({ drain: true });
    await gladlyEmu.deliveriesSettled();
    gladlyEmu.clock.advance(MINUTE);
    connector.nudge();

    const truth = gladlyEmu.truth();
    const expectedStatuses = truth.agents.reduce((sum, agent) => sum + agent.statuses.length, 0);
    await waitFor(
      async () => (w.wfmEmulator.truth().perIntegration.gladly?.statuses ?? 0) >= expectedStatuses,
      `${expectedStatuses} statuses in WFM`,
      30_000,
    );
    // No more poison; two full polls after this one let the poll in flight finish reading its answer.
    await poisonSwitch(gladlyEmu.url, { linesEvery: 0, webhooks: 0 });
    const polls = connector.stats().gladly!.poll.polls;
    await waitFor(() => connector!.stats().gladly!.poll.polls >= polls + 2, 'two more polls');
    const letters = await w.store.listDeadLetters(100_000);
    await connector.stop();
    connector = undefined;

    // WFM holds every real status exactly once, as the task intervals of the ground truth.
    const wfmTruth = w.wfmEmulator.truth();
    expect(wfmTruth.perIntegration.gladly).toMatchObject({ statuses: expectedStatuses, unmatched: 0 });
    expect(wfmTruth.duplicatesByKind.statuses).toBe(0);
    const intervals = await wfmIntervalsByUser(
      w.wfm,
      'gladly',
      startedAt - 2 * 60 * MINUTE,
      gladlyEmu.clock.now() + MINUTE,
    );
    for (const agent of truth.agents)
      expect(intervals.get(agent.emailAddress.toLowerCase()) ?? [], agent.emailAddress).toEqual(
        expectedIntervals('gladly', agent.statuses),
      );

    // Each planted poison item is dead-lettered once, at the source, with its raw text.
    const planted = (await poisonSwitch(gladlyEmu.url)).planted;
    const fromPoll = letters.filter((letter) => letter.reason.includes('poison item'));
    const fromWebhook = letters.filter((letter) => letter.reason.includes('poison webhook body'));
    expect(fromPoll).toHaveLength(planted.lines);
    expect(fromWebhook).toHaveLength(planted.webhooks);
    expect(letters).toHaveLength(planted.lines + planted.webhooks);
    for (const letter of letters) {
      expect(letter.stage).toBe('source');
      expect(POISON_SAMPLES).toContain(letter.payload);
    }
    if (linesEvery > 0) expect(planted.lines).toBeGreaterThan(0);
  } finally {
    await connector?.stop();
    await world?.close();
  }
}

describe('Gladly poison never blocks (property, over HTTP)', () => {
  it('sends every real status to WFM exactly once and dead-letters each poison line and webhook body once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        runWorld,
      ),
      { numRuns: 5, endOnFailure: true },
    );
  }, 150_000);
});

describe('WFM translate stage', () => {
  it('dead-letters an event whose translation throws, alone, and sends the events around it', async () => {
    const w = await startWorld({
      gladly: true,
      users: EVERY_GLADLY_AGENT,
    });
    let connector: WfmConnector | undefined;
    try {
      const gladlyEmu = w.gladlyEmulator!;
      const { config, clients } = await configureWorld(w);
      connector = await connectWorld(w, config, { clients });
      await waitFor(
        async () => (await clients.gladly!.webhooks.list())[0]?.enabled === true,
        'the webhook to be enabled',
      );
      const [agent] = gladlyEmu.simulator.agents();
      const act = async (action: () => void) => {
        gladlyEmu.clock.advance(MINUTE);
        action();
        await gladlyEmu.deliveriesSettled();
      };
      await act(() => gladlyEmu.simulator.login(agent!.id));
      // A well-formed event whose time is out of Date's range: building its status throws a RangeError.
      await w.store.appendEvents(GLADLY_EVENT_STREAM, [
        {
          eventId: gladlyEventKey('hostile-1'),
          payload: {
            id: 'hostile-1',
            type: 'AGENT_STATUS/LOGGED_OUT',
            timestamp: new Date(gladlyEmu.clock.now()).toISOString(),
            content: { agentId: agent!.id, occurredAt: 1e20 },
          },
        },
      ]);
      await act(() => gladlyEmu.simulator.setAvailability(agent!.id, ['MAIL', 'VOICE']));
      connector.nudge();
      const statuses = () => w.wfmEmulator.truth().perIntegration.gladly?.statuses ?? 0;
      await waitFor(async () => statuses() === 2, 'both real statuses in WFM');
      await waitFor(
        async () => (await w.store.listDeadLetters()).length === 1,
        'the hostile event dead-lettered',
      );
      const [letter] = await w.store.listDeadLetters();
      expect(letter).toMatchObject({
        key: `event:${encodeURIComponent(GLADLY_EVENT_STREAM)}:gladly:hostile-1`,
      });
      expect(letter!.reason).toMatch(
        /^wfm\/gladly untranslatable: event gladly:hostile-1 could not be translated \(RangeError: /,
      );
      expect(statuses()).toBe(2);
    } finally {
      await connector?.stop();
      await w.close();
    }
  });
});
