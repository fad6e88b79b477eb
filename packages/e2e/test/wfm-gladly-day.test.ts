import { GLADLY_EVENT_STREAM } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { configureWorld, connectWorld, trackWorlds, waitFor } from './wfm-helpers.js';
import { expectedIntervals, secretsIn, wfmIntervalsByUser } from './wfm-truth.js';

const { connectors, world } = trackWorlds();

const MINUTE = 60_000;

describe('WFM connector: a simulated Gladly day', () => {
  it('turns every agent status into the right task intervals, conversations into contacts, work sessions into handle time', async () => {
    let missingEmail = '';
    let shoutedEmail = '';
    const w = await world({
      gladly: { backlogHours: 6, agents: 6 },
      users: (agents) => {
        missingEmail = agents[1]!.emailAddress;
        shoutedEmail = agents[0]!.emailAddress;
        return [
          { email: agents[0]!.emailAddress.toUpperCase() },
          ...agents.slice(2).map((agent) => ({ email: agent.emailAddress })),
          { email: 'wfm.only@example.com' },
        ];
      },
    });
    const gladlyEmu = w.gladlyEmulator!;
    const { config, clients, applied } = await configureWorld(
      w,
      {},
      { gladly: { reportRateLimit: { requestsPerMinute: 600 } } },
    );
    expect(applied.blocked).toBe(false);

    const connector = await connectWorld(w, config, { clients });
    connectors.push(connector);
    const startedAt = gladlyEmu.clock.now();
    // The watchdog enables the webhook apply left disabled (Gladly PINGs the receiver first).
    await waitFor(
      async () => (await clients.gladly!.webhooks.list())[0]?.enabled === true,
      'the webhook to be enabled',
    );
    expect(connector.stats().gladly!.webhook.pings).toBe(1);

    // Two more hours of live traffic, delivered by webhook, then the day winds down.
    gladlyEmu.start();
    for (let step = 0; step < 12; step++) {
      gladlyEmu.clock.advance(10 * MINUTE);
      await gladlyEmu.deliveriesSettled();
    }
    await gladlyEmu.stop({ drain: true });
    gladlyEmu.clock.advance(MINUTE);
    connector.nudge();

    const truth = gladlyEmu.truth();
    const known = truth.agents.filter((agent) => agent.emailAddress !== missingEmail);
    const missing = truth.agents.find((agent) => agent.emailAddress === missingEmail)!;
    const expectedStatuses = known.reduce((sum, agent) => sum + agent.statuses.length, 0);
    expect(expectedStatuses).toBeGreaterThan(50);
    await waitFor(
      async () => (w.wfmEmulator.truth().perIntegration.gladly?.statuses ?? 0) >= expectedStatuses,
      `${expectedStatuses} statuses in WFM`,
    );
    await waitFor(
      async () => (await w.store.eventsAfterCursor('wfm:gladly:events', GLADLY_EVENT_STREAM, 1)).length === 0,
      'the consumer to catch up',
    );

    // Task intervals per agent, as the ground truth says they should be.
    const intervals = await wfmIntervalsByUser(
      w.wfm,
      'gladly',
      startedAt - 12 * 60 * MINUTE,
      gladlyEmu.clock.now() + MINUTE,
    );
    for (const agent of known) {
      expect(intervals.get(agent.emailAddress.toLowerCase()), agent.emailAddress).toEqual(
        expectedIntervals('gladly', agent.statuses),
      );
    }
    const wfmTruth = w.wfmEmulator.truth();
    expect(wfmTruth.perIntegration.gladly).toMatchObject({
      statuses: expectedStatuses,
      unmatched: 0,
      ambiguous: 0,
    });
    expect(wfmTruth.unknownUsers).toBe(0);
    expect(wfmTruth.perUser['wfm.only@example.com']).toBeUndefined();
    expect(wfmTruth.perUser[shoutedEmail.toLowerCase()]!.statuses).toBe(truth.agents[0]!.statuses.length);

    // The agent with no WFM user: every status dead-lettered with the reason.
    const letters = await w.store.listDeadLetters(10_000);
    const unknown = letters.filter((letter) => letter.reason.startsWith('wfm/gladly unknown_user'));
    expect(
      unknown.filter(
        (letter) =>
          letter.reason.includes(`Gladly agent ${missing.agentId} `) && letter.reason.includes('; status '),
      ).length,
    ).toBe(missing.statuses.length);
    expect(letters.filter((letter) => !letter.reason.startsWith('wfm/gladly unknown_user'))).toEqual([]);

    // Conversations: one contact each, in its inbox's workstream, closed when the conversation closed.
    const contacts = await w.wfm.contacts('gladly');
    const conversations = contacts.filter((contact) => !contact.contactId.startsWith('ws:'));
    const created = truth.inboxes.flatMap((inbox) => inbox.conversationsCreated);
    expect(conversations.map((contact) => contact.contactId).sort()).toEqual([...created].sort());
    for (const inbox of truth.inboxes) {
      for (const id of inbox.conversationsClosed) {
        expect(conversations.find((contact) => contact.contactId === id)).toMatchObject({
          status: 'closed',
          workstreamName: inbox.name,
          workstreamMatch: 'matched',
        });
      }
    }

    // Work sessions (the 10-minute report, nudged once more after the drain): handle time per agent.
    connector.nudge();
    const knownIds = new Set(known.map((agent) => agent.agentId));
    const sessions = gladlyEmu.simulator
      .contacts()
      .filter(
        (contact) =>
          contact.agentId &&
          knownIds.has(contact.agentId) &&
          contact.acceptedAt !== undefined &&
          contact.endedAt !== undefined,
      );
    expect(sessions.length).toBeGreaterThan(20);
    await waitFor(
      async () =>
        (await w.wfm.contacts('gladly')).filter((contact) => contact.contactId.startsWith('ws:')).length >=
        sessions.length,
      'every work session in WFM',
    );
    const handled = new Map(
      (await w.wfm.contacts('gladly'))
        .filter((contact) => contact.contactId.startsWith('ws:'))
        .map((contact) => [contact.contactId, contact]),
    );
    for (const session of sessions) {
      const contact = handled.get(`ws:${session.workSessionId}`);
      expect(contact, session.workSessionId).toMatchObject({
        handleTimeSeconds: Math.round((session.endedAt! - session.acceptedAt!) / 1000),
        workstreamMatch: 'matched',
        status: 'closed',
      });
    }

    const stats = connector.stats();
    expect(stats.gladly!.webhook.stored).toBeGreaterThan(0);
    expect(stats.gladly!.poll.inserted).toBeGreaterThan(0);
    expect(stats.gladly!.users).toMatchObject({ matched: 5, unmatchedSource: 1, unmatchedWfm: 1 });
    expect(stats.delivery.gladly).toMatchObject({ unmatched: 0 });
    const metrics = await w.metrics.registry.metrics();
    expect(metrics).toMatch(
      /voxbridge_wfm_statuses_sent_total\{connection="default",source="gladly"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /voxbridge_wfm_webhook_deliveries_total\{connection="default",outcome="stored"\} [1-9]/,
    );
    expect(metrics).toContain(
      'voxbridge_wfm_users{connection="default",source="gladly",state="unmatched_source"} 1',
    );
    expect(connector.health()).toMatchObject({ live: true, ready: true });
    expect(secretsIn(w.logLines)).toEqual([]);
  });
});
