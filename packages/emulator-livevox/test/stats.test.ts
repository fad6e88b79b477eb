import { type LiveVoxEmulator, SERVICES, type TruthInteraction } from '@voxbridge/emulator-livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startEmulator } from './helpers.js';

const VOICE_SERVICES = SERVICES.filter((service) => service.channel !== 'DIGITAL');
const STATE_NAMES = ['Logged Off', 'Logged On', 'Ready', 'Not Ready', 'In Call', 'Wrap Up'];

describe('LiveVox real-time statistics computed from the simulation', () => {
  let emu: LiveVoxEmulator;
  let session: string;
  let truth: TruthInteraction[];
  const post = async (path: string, body: unknown = {}) => {
    const answer = await call(emu, 'POST', path, { session, body });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    emu = await startEmulator({ seed: 3 });
    session = await login(emu);
    // Few agents and many calls: queues build up and some callers abandon.
    emu.startTraffic({ agents: 5, callsPerMinute: 20, smsPerMinute: 0, emailsPerMinute: 0 });
    emu.clock.advance(6 * 60_000);
    truth = emu.truth({ type: 'VOICE' }).interactions ?? [];
  });
  afterAll(() => emu.close());

  it('reports per service the queue, the calls with agents and today’s totals the simulator holds', async () => {
    const { stats } = await post('/realtime/service/stats');
    expect(stats.map((entry: any) => Number(entry.serviceId))).toEqual(
      VOICE_SERVICES.map((service) => service.id),
    );
    const agents = emu.simulator.state.agents;
    let queuedSomewhere = 0;
    for (const service of VOICE_SERVICES) {
      const entry = stats.find((s: any) => s.serviceId === String(service.id));
      const mine = truth.filter((interaction) => interaction.service === service.id);
      const queued = emu.simulator.queued(service.index);
      queuedSomewhere += queued.length;
      expect(entry.totalCallsInQueue).toBe(queued.length);
      expect(entry.calls).toHaveLength(queued.length);
      expect(entry.totalOffered).toBe(mine.length);
      expect(entry.totalHandled).toBe(mine.filter((interaction) => interaction.agentLoginId !== null).length);
      expect(entry.totalAbandoned).toBe(
        mine.filter(
          (i) => i.lvResult === 'Caller Abandoned in Queue' || i.lvResult === 'Dropped - No Agent Available',
        ).length,
      );
      expect(entry.cip).toBe(mine.filter((i) => ['queued', 'ringing', 'in-call'].includes(i.status)).length);
      expect(entry.callsWithAgent).toBe(mine.filter((i) => i.status === 'in-call').length);
      expect(entry.totalAgents).toBe(
        agents.filter((agent) => agent.loggedOn && agent.loginService === service.index).length,
      );
      expect(entry).toMatchObject({
        serviceName: service.name,
        callCenterId: String(service.callCenterId),
        pacingMethod: service.pacingMethod,
      });
    }
    expect(queuedSomewhere).toBeGreaterThan(0);
    const filtered = await post('/realtime/service/stats', { filter: { service: [{ id: '38049' }] } });
    expect(filtered.stats.map((entry: any) => entry.serviceId)).toEqual(['38049']);
    const byCenter = await post('/realtime/service/stats', { filter: { callCenter: [{ id: 6799 }] } });
    expect(byCenter.stats.map((entry: any) => entry.serviceId)).toEqual(['149926']);
  });

  it('lists the calls waiting in queue as hold details', async () => {
    const { callsDetails, timeStamp } = await post('/realtime/service/calls/status');
    const queuedAccounts = VOICE_SERVICES.flatMap((service) =>
      emu.simulator.queued(service.index).map((row) => emu.simulator.state.interactions.accountText(row)),
    );
    expect(callsDetails.map((entry: any) => entry.account).sort()).toEqual(queuedAccounts.sort());
    expect(timeStamp).toBe(String(emu.clock.now()));
  });

  it('reports each agent’s live state, and only recent changes with stateChangedAfter', async () => {
    const agents = emu.simulator.state.agents.filter((agent) => agent.loggedOn);
    const { agentDetails } = await post('/realtime/service/agents/status');
    expect(agentDetails).toHaveLength(agents.length);
    for (const agent of agents) {
      const entry = agentDetails.find((detail: any) => detail.agentLoginId === agent.loginId);
      expect(entry).toMatchObject({
        stateId: agent.live.state,
        state: STATE_NAMES[agent.live.state],
        stateChangedAfter: agent.live.since,
      });
      if (entry.stateId === 4)
        expect(entry.transactionId).toBe(emu.simulator.state.interactions.transactionId(agent.call));
    }
    const since = agents.map((agent) => agent.live.since).sort((a, b) => a - b);
    const cut = since[Math.floor(since.length / 2)]! - 1;
    const recent = await post('/realtime/service/agents/status', { stateChangedAfter: String(cut) });
    expect(recent.agentDetails).toHaveLength(agents.filter((agent) => agent.live.since > cut).length);
    expect(
      (
        await call(emu, 'POST', '/realtime/service/agents/status', {
          session,
          body: { stateChangedAfter: 'yesterday' },
        })
      ).status,
    ).toBe(400);
    const alias = await post('/realtime/service/status');
    expect(alias.agentDetails).toHaveLength(agents.length);
  });

  it('counts each agent’s calls consistently with the service totals', async () => {
    const { agentStatistics } = await post('/realtime/service/agent/stats');
    const { stats } = await post('/realtime/service/stats');
    const handled = (ids: number[]) =>
      stats
        .filter((s: any) => ids.includes(Number(s.serviceId)))
        .reduce((sum: number, s: any) => sum + s.totalHandled, 0);
    const sum = (key: string) => agentStatistics.reduce((total: number, entry: any) => total + entry[key], 0);
    expect(sum('inboundCalls')).toBe(handled([38049, 23068]));
    expect(sum('outboundCalls')).toBe(handled([149926]));
    for (const entry of agentStatistics) {
      expect(entry.totalNotReadyDuration).toBe(
        entry.notReadyLunchDuration +
          entry.notReadyTrainingDuration +
          entry.notReadyBreakDuration +
          entry.notReadyMeetingDuration +
          entry.notReadyTechDiffDuration +
          entry.notReadyOtherDuration,
      );
      expect(
        entry.readyDuration + entry.totalNotReadyDuration + entry.talkDuration + entry.wrapupDuration,
      ).toBeLessThanOrEqual(6 * 60 + 2);
    }
    const ex = await post('/realtime/service/agent/stats/ex', { filter: { service: [{ id: 149926 }] } });
    expect(ex.agentStatistics.length).toBeGreaterThan(0);
    for (const agent of ex.agentStatistics) {
      expect(agent.services.map((service: any) => service.id)).toEqual([149926]);
      expect(agent.agentLoginId).toMatch(/^[A-Z]+\d+$/);
    }
    const averages = await post('/realtime/service/agents/averages');
    expect(averages.agentAverages).toHaveLength(VOICE_SERVICES.length);
    expect(averages.agentAverages[0]).toMatchObject({
      averageTalkTime: expect.stringMatching(/^\d+$/),
      timeStamp: String(emu.clock.now()),
    });
  });

  it('counts live connects in six 5-minute intervals', async () => {
    const { liveConnects } = await post('/realtime/service/liveConnects');
    const { stats } = await post('/realtime/service/stats');
    expect(liveConnects).toHaveLength(6);
    const total = liveConnects.reduce((sum: number, bucket: any) => sum + Number(bucket.total), 0);
    expect(total).toBe(stats.reduce((sum: number, s: any) => sum + s.totalHandled, 0));
  });

  it('reports campaign records: loaded, remaining, and remaining by time zone', async () => {
    const { stats } = await post('/realtime/campaign/stats');
    const voiceCampaign = stats.find((campaign: any) => campaign.serviceId === 149926);
    const dialed = truth.filter((interaction) => interaction.campaignId === voiceCampaign.campaignId).length;
    expect(dialed).toBeGreaterThan(0);
    expect(voiceCampaign.remaining).toBe(voiceCampaign.loaded - dialed);
    expect(voiceCampaign.timezoneBreakdown.map((zone: any) => zone.timezone)).toEqual([
      'AL',
      'AT',
      'CHT',
      'CT',
      'ET',
      'HI',
      'MT',
      'PT',
      'SAFE',
      'UK',
    ]);
    expect(voiceCampaign.timezoneBreakdown.reduce((sum: number, zone: any) => sum + zone.count, 0)).toBe(
      voiceCampaign.remaining,
    );
    const one = await post('/realtime/campaign/stats', {
      filter: { campaign: [{ id: String(voiceCampaign.campaignId) }] },
    });
    expect(one.stats).toHaveLength(1);
    const both = await call(emu, 'POST', '/realtime/campaign/stats', {
      session,
      body: { filter: { campaign: [{ id: 1 }], service: [{ id: 2 }] } },
    });
    expect(both.status).toBe(400);
  });

  it('serves in-call metadata while a call is in progress and post-call metadata after it ended', async () => {
    const live = truth.find((interaction) => interaction.status === 'in-call');
    const done = truth.find(
      (interaction) => interaction.status === 'completed' && interaction.agentLoginId !== null,
    );
    expect(live && done).toBeTruthy();
    const query = (interaction: TruthInteraction) =>
      `?client=83424&session=${encodeURIComponent(interaction.sessionId)}&transaction=${interaction.transactionId}`;
    const inCall = await call(emu, 'GET', `/realtime/callData/inCall${query(live!)}`, { session });
    expect(inCall.status).toBe(200);
    expect(inCall.body).toMatchObject({
      serviceId: live!.service,
      account: live!.account,
      callStartTime: live!.start,
      callDirectionOutbound: live!.direction === 'OUTBOUND',
    });
    expect(inCall.body.consumer).toEqual({ firstName: expect.any(String), lastName: expect.any(String) });
    expect((await call(emu, 'GET', `/realtime/callData/postCall${query(live!)}`, { session })).status).toBe(
      404,
    );
    const postCall = await call(emu, 'GET', `/realtime/callData/postCall${query(done!)}`, { session });
    expect(postCall.body).toEqual({
      serviceId: done!.service,
      callEndTime: done!.end,
      lvResult: done!.lvResult,
      phoneDialed: expect.stringMatching(/^\d{10}$/),
      termCodeName: done!.termCodeName,
    });
    expect((await call(emu, 'GET', `/realtime/callData/inCall${query(done!)}`, { session })).status).toBe(
      404,
    );
    expect(
      (await call(emu, 'GET', '/realtime/callData/inCall?session=U1@10.0.0.1&transaction=1', { session }))
        .status,
    ).toBe(404);
    expect((await call(emu, 'GET', '/realtime/callData/postCall?transaction=1', { session })).status).toBe(
      400,
    );
  });
});
