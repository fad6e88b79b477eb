import { LIVEVOX_AGENT_STREAM } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { configureWorld, connectWorld, trackWorlds, waitFor } from './wfm-helpers.js';
import { expectedIntervals, livevoxTimelines, secretsIn, wfmIntervalsByUser } from './wfm-truth.js';

const { connectors, world } = trackWorlds();

const MINUTE = 60_000;
const EMAILS: Record<string, string> = {
  '544001': 'maria.lee@example.com',
  '544002': 'james.kim@example.com',
  '544003': 'priya.patel@example.com',
};

describe('WFM connector: the LiveVox Agent Event Feed', () => {
  it('turns two hours of agent states into the right task intervals and each call into a contact', async () => {
    const w = await world({
      livevox: true,
      users: [
        { email: EMAILS['544001']!, integrations: { livevox: '544001' } },
        { email: EMAILS['544002']! },
        { email: EMAILS['544003']! },
      ],
    });
    const emu = w.livevoxEmulator!;
    // 544002 and 544003 come from the table (one in other case); 544001 from WFM; 544004 has no user.
    const { config, clients, applied } = await configureWorld(w, {
      agentFeed: { users: { '544002': EMAILS['544002'], '544003': 'Priya.Patel@EXAMPLE.com' } },
    });
    expect(applied.lint.filter((finding) => finding.severity === 'error')).toEqual([]);
    const connector = await connectWorld(w, config, { clients });
    connectors.push(connector);
    await waitFor(
      async () => (await w.store.getCheckpoint(LIVEVOX_AGENT_STREAM)) !== undefined,
      'the first feed token',
    );

    emu.startTraffic({ agents: 4, callsPerMinute: 1.5, smsPerMinute: 0, emailsPerMinute: 0 });
    for (let step = 0; step < 12; step++) emu.clock.advance(10 * MINUTE);
    const drained = emu.stopTraffic({ drain: true });
    emu.clock.advance(30 * MINUTE);
    await drained;

    // Ground truth: the emulator's agent event log.
    const byAgent = livevoxTimelines(emu);
    expect([...byAgent.keys()].sort()).toEqual(['544001', '544002', '544003', '544004']);
    const mapped = ['544001', '544002', '544003'];
    const expectedStatuses = mapped.reduce((sum, id) => sum + byAgent.get(id)!.length, 0);
    expect(expectedStatuses).toBeGreaterThan(60);
    await waitFor(
      async () => (w.wfmEmulator.truth().perIntegration.livevox?.statuses ?? 0) >= expectedStatuses,
      `${expectedStatuses} LiveVox statuses in WFM`,
    );
    await waitFor(
      async () =>
        (await w.store.eventsAfterCursor('wfm:livevox:agent-events', LIVEVOX_AGENT_STREAM, 1)).length === 0,
      'the consumer to catch up',
    );

    const intervals = await wfmIntervalsByUser(
      w.wfm,
      'livevox',
      emu.clock.now() - 4 * 60 * MINUTE,
      emu.clock.now() + MINUTE,
    );
    for (const id of mapped)
      expect(intervals.get(EMAILS[id]!), id).toEqual(expectedIntervals('livevox', byAgent.get(id)!));
    expect(w.wfmEmulator.truth().perIntegration.livevox).toMatchObject({
      statuses: expectedStatuses,
      unmatched: 0,
      ambiguous: 0,
    });

    // The agent without a WFM user: dead letters naming the agent, one per state.
    const letters = await w.store.listDeadLetters(10_000);
    expect(letters).toHaveLength(byAgent.get('544004')!.length);
    expect(letters[0]!.reason).toMatch(
      /^wfm\/livevox unknown_user: LiveVox agent 544004 has no Playvox WFM user/,
    );

    // Each call an agent took is a contact in its service's workstream, closed when wrap-up ended.
    const calls = [...byAgent.values()].flat().filter((event) => event.status === 'IN_CALL').length;
    const contacts = await w.wfm.contacts('livevox');
    expect(contacts).toHaveLength(calls);
    expect(
      contacts.every(
        (contact) =>
          contact.status === 'closed' && contact.workstreamMatch === 'matched' && contact.channel === 'voice',
      ),
    ).toBe(true);
    const timeline = byAgent.get('544002')!;
    const firstCall = timeline.findIndex((event) => event.status === 'IN_CALL');
    const ended = timeline.slice(firstCall + 1).find((event) => event.status !== 'WRAP_UP')!;
    const contact = contacts.find(
      (c) => c.startTime === timeline[firstCall]!.at && c.userEmail === EMAILS['544002'],
    )!;
    expect(contact.handleTimeSeconds).toBe(
      Math.round((Date.parse(ended.at) - Date.parse(timeline[firstCall]!.at)) / 1000),
    );

    expect(connector.stats()).toMatchObject({
      livevox: { users: { matched: 3, unmatchedSource: 0 } },
      delivery: { livevox: { unmatched: 0 } },
    });
    expect(connector.health()).toMatchObject({ live: true, ready: true });
    await connector.stop();
    expect(connector.health().live).toBe(false);
    expect(secretsIn(w.logLines)).toEqual([]);
  });
});
