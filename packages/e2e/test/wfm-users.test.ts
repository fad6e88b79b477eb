import { createWfmClients, syncGladlyUsers, syncLiveVoxUsers, UserDirectory } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { trackWorlds, worldConfig } from './wfm-helpers.js';

const { world } = trackWorlds();

describe('user sync', () => {
  it('matches Gladly agents to WFM users by email whatever the case, keeps identifiers right, reports the unmatched', async () => {
    let agents: Array<{ id: string; emailAddress: string; name: string }> = [];
    const w = await world({
      gladly: true,
      users: (list) => {
        agents = list as typeof agents;
        return [
          { email: list[0]!.emailAddress.toUpperCase() },
          // list[1] has no WFM user.
          { email: list[2]!.emailAddress, integrations: { gladly: list[3]!.id } }, // holds another agent's id
          ...list
            .slice(3)
            .map((agent) => ({ email: agent.emailAddress.replace(/^./, (c) => c.toUpperCase()) })),
          { email: 'former.agent@example.com', integrations: { gladly: 'an-agent-that-left' } },
        ];
      },
    });
    const config = worldConfig(w);
    const { gladly, wfm } = createWfmClients(config);
    const directory = await UserDirectory.load(w.store);
    const now = Date.parse('2026-03-02T09:00:00Z');

    const report = await syncGladlyUsers(gladly!, wfm, 'gladly', directory, now);
    expect(report).toMatchObject({
      source: 'gladly',
      at: '2026-03-02T09:00:00.000Z',
      matched: agents.length - 1,
      mapped: agents.length - 1,
      cleared: 1,
    });
    expect(report.unmatchedSource).toEqual([
      { id: agents[1]!.id, email: agents[1]!.emailAddress, name: agents[1]!.name },
    ]);
    expect(report.unmatchedWfm).toEqual([{ id: expect.any(Number), email: 'former.agent@example.com' }]);

    const mappings = await wfm.userMappings('gladly');
    expect(mappings.map((m) => [m.email, m.identifier]).sort()).toEqual(
      agents
        .filter((_, i) => i !== 1)
        .map((agent) => [agent.emailAddress.toLowerCase(), agent.id])
        .sort(),
    );
    expect(directory.get('gladly', agents[0]!.id)).toEqual({
      email: agents[0]!.emailAddress.toLowerCase(),
      wfmUserId: expect.any(Number),
    });
    expect(directory.get('gladly', agents[1]!.id)).toBeUndefined();

    // A second sync finds nothing to change; the map survives a restart (it is in the store).
    const again = await syncGladlyUsers(gladly!, wfm, 'gladly', directory, now + 3_600_000);
    expect(again).toMatchObject({ matched: agents.length - 1, mapped: 0, cleared: 0 });
    const reloaded = await UserDirectory.load(w.store);
    expect(reloaded.size('gladly')).toBe(agents.length - 1);
    expect(reloaded.syncedAt('gladly')).toBe(now + 3_600_000);
  });

  it('maps LiveVox agents from the configured table and from identifiers WFM already holds', async () => {
    const w = await world({
      users: [
        { email: 'jane.doe@example.com' },
        { email: 'omar.scott@example.com', integrations: { livevox: '544002' } },
        { email: 'ex.colleague@example.com', integrations: { livevox: '544001' } },
      ],
    });
    const directory = await UserDirectory.load(w.store);
    const report = await syncLiveVoxUsers(
      w.wfm,
      'livevox',
      { '544001': 'Jane.Doe@Example.com', '544009': 'nobody@example.com' },
      directory,
      Date.now(),
    );
    expect(report).toMatchObject({
      matched: 2,
      mapped: 1,
      cleared: 0,
      unmatchedSource: [{ id: '544009', email: 'nobody@example.com' }],
    });
    expect(directory.get('livevox', '544001')?.email).toBe('jane.doe@example.com');
    expect(directory.get('livevox', '544002')?.email).toBe('omar.scott@example.com');
    // The identifier moved from the former holder to the configured user.
    expect((await w.wfm.userMappings('livevox')).map((m) => [m.email, m.identifier]).sort()).toEqual([
      ['jane.doe@example.com', '544001'],
      ['omar.scott@example.com', '544002'],
    ]);
  });

  it('the WFM mapping endpoint sets, moves, clears and reports unknown users', async () => {
    const w = await world({ users: [{ email: 'a@example.com' }, { email: 'b@example.com' }] });
    const first = await w.wfm.mapUsers('gladly', [
      { email: 'A@example.com', identifier: 'agent-1' },
      { email: 'nobody@example.com', identifier: 'agent-2' },
    ]);
    expect(first).toEqual([
      {
        email: 'a@example.com',
        userId: expect.any(Number),
        identifier: 'agent-1',
        outcome: 'mapped',
        previous: null,
        takenFrom: null,
      },
      {
        email: 'nobody@example.com',
        userId: null,
        identifier: 'agent-2',
        outcome: 'unknown_user',
        previous: null,
        takenFrom: null,
      },
    ]);
    const moved = await w.wfm.mapUsers('gladly', [{ email: 'b@example.com', identifier: 'agent-1' }]);
    expect(moved[0]).toMatchObject({ outcome: 'mapped', takenFrom: first[0]!.userId });
    expect(await w.wfm.userMappings('gladly')).toEqual([
      { userId: moved[0]!.userId, email: 'b@example.com', identifier: 'agent-1' },
    ]);
    const cleared = await w.wfm.mapUsers('gladly', [
      { userId: moved[0]!.userId!, identifier: null },
      { email: 'a@example.com', identifier: null },
    ]);
    expect(cleared.map((result) => result.outcome)).toEqual(['cleared', 'unchanged']);
    await expect(w.wfm.mapUsers('gladly', [{ identifier: 'x' }])).rejects.toThrow(
      'mappings[0].email: email or userId is required',
    );
    // The inbound status endpoint finds users by the mapped identifier.
    await w.wfm.mapUsers('gladly', [{ email: 'a@example.com', identifier: 'agent-9' }]);
    const sent = await w.wfm.sendAgentStatuses('gladly', [
      { eventId: 'e1', userId: 'agent-9', status: 'LOGGED_IN', timestamp: '2026-03-02T08:00:00Z' },
    ]);
    expect(sent.results[0]).toMatchObject({ userId: first[0]!.userId });
  });
});
