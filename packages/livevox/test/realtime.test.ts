import type { LiveVoxEmulator, Truth, TruthInteraction } from '@voxbridge/emulator-livevox';
import { type LiveVox, NotFoundError, ValidationError } from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, startEmulator } from './helpers.js';

/** The seeds' filter: `{"filter":{"service":[{"id":"38049"}]}}`. */
const SEED_SERVICE_FILTER = { service: [{ id: '38049' }] };

/** Time per state and counts per result, in an agent's statistics and in each of its services alike. */
const AGENT_TOTAL_FIELDS = [
  'readyDuration',
  'totalNotReadyDuration',
  'notReadyLunchDuration',
  'notReadyTrainingDuration',
  'notReadyBreakDuration',
  'notReadyMeetingDuration',
  'notReadyTechDiffDuration',
  'notReadyOtherDuration',
  'wrapupDuration',
  'talkDuration',
  'rpcComplete',
  'rpcIncomplete',
  'wpc',
  'nonContacts',
];

/** Field names of each seed example response. */
const SEED_FIELDS = {
  agentAverages: [
    'averageReadyTime',
    'averageNotReadyTime',
    'averageTalkTime',
    'averageWrapupTime',
    'averagePreviewDialTime',
    'averageManualDialTime',
    'averageHoldTime',
    'averageTransferringTime',
    'averageRegisteringTime',
    'averageDialingTime',
    'averageReservedTime',
    'timeStamp',
  ],
  agentStatistics: [
    'agentName',
    'agentStatus',
    'inboundCalls',
    'outboundCalls',
    'stateChangedTime',
    ...AGENT_TOTAL_FIELDS,
  ],
  agentStatisticsEx: ['services', 'agentName', 'agentLoginId'],
  agentService: ['id', 'callCenterId', 'inboundCalls', 'outboundCalls', ...AGENT_TOTAL_FIELDS],
  agentDetails: [
    'serviceId',
    'serviceName',
    'agentLoginId',
    'agentName',
    'state',
    'stateId',
    'reasonCode',
    'callType',
    'stateChangedAfter',
    'inboundCalls',
    'outboundCalls',
    'isAgentMonitored',
    'transactionId',
    'sessionId',
    'account',
    'agentSkill',
    'phone',
    'callCenterId',
    'callCenterName',
  ],
  callsDetails: [
    'serviceName',
    'serviceId',
    'name',
    'account',
    'phone',
    'timeStamp',
    'agentSkill',
    'priority',
  ],
  liveConnects: ['total', 'timeStamp'],
  serviceStats: [
    'calls',
    'serviceId',
    'serviceName',
    'cip',
    'totalOffered',
    'totalHandled',
    'totalAbandoned',
    'abandonRate',
    'serviceLevel',
    'averageSpeedOfAnswer',
    'averageDurationToAbandon',
    'averageTalkDuration',
    'averageWrapupDuration',
    'averageHandleDuration',
    'totalCallsAnsweredWithinSLA',
    'totalCallsAbandonedWithinSLA',
    'pacingMethod',
    'throttle',
    'units',
    'totalCallsInQueue',
    'callsWithAgent',
    'totalAgents',
    'longestCallInQueue',
    'maxHoldTime',
    'loaded',
    'remaining',
    'playingDialable',
    'percentComplete',
    'callCenterId',
    'callCenterName',
  ],
  campaignStats: ['timezoneBreakdown', 'campaignId', 'serviceId', 'loaded', 'uploaded', 'remaining'],
  inCall: [
    'consumer',
    'serviceId',
    'callCenterId',
    'account',
    'zipCode',
    'totalDue',
    'callDirectionOutbound',
    'callStartTime',
  ],
  postCall: ['serviceId', 'callEndTime', 'lvResult', 'phoneDialed', 'termCodeName'],
};

function expectSeedShape(value: unknown, fields: string[]): void {
  expect(value).toBeTypeOf('object');
  for (const field of fields) expect(value).toHaveProperty(field);
}

describe('Real-Time statistics and call data', () => {
  let emu: LiveVoxEmulator;
  let lv: LiveVox;
  let truth: Truth;
  const bodies: Array<{ path: string; body: unknown }> = [];

  beforeAll(async () => {
    // Call Data answers for calls "of today" (the emulator's day, UTC-4 by default): start the
    // simulated clock at noon there, so that no run straddles midnight and loses its calls.
    const noon = new Date();
    noon.setUTCHours(16, 0, 0, 0);
    emu = await startEmulator({}, 1, noon.getTime());
    // A request log of what the client sent, for the seed-replay checks.
    emu.server.prependListener('request', (req) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        bodies.push({ path: req.url ?? '', body: text ? JSON.parse(text) : undefined });
      });
    });
    lv = client(emu);
    await admin(emu, 'POST', '/traffic', { calls: 400, sms: 20, emails: 20, seed: 21 });
    // Live traffic, then a simulated minute, so that calls are in progress and waiting on hold.
    await admin(emu, 'POST', '/traffic', { callsPerMinute: 400 });
    await admin(emu, 'POST', '/clock', { advanceMs: 90_000 });
    truth = await admin<Truth>(emu, 'GET', '/truth?type=VOICE&limit=100000');
  });
  afterAll(() => emu.close());

  it('service.stats replays the seed request and answers in its shape', async () => {
    const stats = await lv.realtime.service.stats(SEED_SERVICE_FILTER);
    expect(bodies.at(-1)).toEqual({
      path: '/realtime/service/stats',
      body: { filter: { service: [{ id: '38049' }] } },
    });
    expect(stats).toHaveLength(1);
    expectSeedShape(stats[0], SEED_FIELDS.serviceStats);
    expect(String(stats[0]?.serviceId)).toBe('38049');
    expect((await lv.realtime.service.stats()).length).toBeGreaterThan(1);
  });

  it('service.agentAverages, agentStats and agentStatsEx', async () => {
    const averages = await lv.realtime.service.agentAverages(SEED_SERVICE_FILTER);
    expect(bodies.at(-1)?.path).toBe('/realtime/service/agents/averages');
    expectSeedShape(averages, ['agentAverages', 'timeStamp']);
    expect(averages.updatedAt).toBeInstanceOf(Date);
    expectSeedShape(averages.agentAverages[0], SEED_FIELDS.agentAverages);
    expect(averages.agentAverages[0]?.updatedAt).toBeInstanceOf(Date);

    const stats = await lv.realtime.service.agentStats(SEED_SERVICE_FILTER);
    expect(stats.length).toBeGreaterThan(0);
    expectSeedShape(stats[0], SEED_FIELDS.agentStatistics);
    expect(stats[0]?.stateChangedAt).toBeInstanceOf(Date);

    const ex = await lv.realtime.service.agentStatsEx({ service: [23068], callCenter: [1623] });
    expect(bodies.at(-1)).toEqual({
      path: '/realtime/service/agent/stats/ex',
      body: { filter: { service: [{ id: 23068 }], callCenter: [{ id: 1623 }] } },
    });
    expect(ex.length).toBeGreaterThan(0);
    expectSeedShape(ex[0], SEED_FIELDS.agentStatisticsEx);
    expectSeedShape(ex[0]?.services[0], SEED_FIELDS.agentService);
  });

  it('service.agentStatus sends stateChangedAfter as epoch milliseconds', async () => {
    const all = await lv.realtime.service.agentStatus({ filter: SEED_SERVICE_FILTER });
    expect(all.agentDetails.length).toBeGreaterThan(0);
    expectSeedShape(all.agentDetails[0], SEED_FIELDS.agentDetails);
    expect(all.agentDetails[0]?.stateChangedAt).toBeInstanceOf(Date);
    expect(all.updatedAt).toBeInstanceOf(Date);
    const latest = Math.max(...all.agentDetails.map((agent) => agent.stateChangedAt?.getTime() ?? 0));
    const after = new Date(latest);
    const recent = await lv.realtime.service.agentStatus({
      filter: SEED_SERVICE_FILTER,
      stateChangedAfter: after,
    });
    expect(bodies.at(-1)?.body).toEqual({
      stateChangedAfter: latest,
      filter: { service: [{ id: '38049' }] },
    });
    expect(recent.agentDetails.length).toBeLessThan(all.agentDetails.length);
    await expect(lv.realtime.service.agentStatus({ stateChangedAfter: 'yesterday' })).rejects.toMatchObject({
      field: 'stateChangedAfter',
    });
  });

  it('service.holdDetails and liveConnects', async () => {
    const hold = await lv.realtime.service.holdDetails();
    expect(bodies.at(-1)?.path).toBe('/realtime/service/calls/status');
    expectSeedShape(hold, ['callsDetails', 'timeStamp']);
    expect(hold.updatedAt).toBeInstanceOf(Date);
    expect(hold.callsDetails.length).toBeGreaterThan(0);
    for (const call of hold.callsDetails) {
      expectSeedShape(call, SEED_FIELDS.callsDetails);
      expect(call.onHoldSince).toBeInstanceOf(Date);
    }
    const connects = await lv.realtime.service.liveConnects(SEED_SERVICE_FILTER);
    expect(connects.length).toBeGreaterThan(0);
    for (const interval of connects) {
      expectSeedShape(interval, SEED_FIELDS.liveConnects);
      expect(interval.at).toBeInstanceOf(Date);
    }
  });

  it('campaign.stats replays the seed request and refuses two filter kinds', async () => {
    const all = await lv.realtime.campaign.stats();
    expect(all.length).toBeGreaterThan(0);
    expectSeedShape(all[0], SEED_FIELDS.campaignStats);
    const id = String(all[0]?.campaignId);
    const one = await lv.realtime.campaign.stats({ campaign: [{ id }] });
    expect(bodies.at(-1)).toEqual({
      path: '/realtime/campaign/stats',
      body: { filter: { campaign: [{ id }] } },
    });
    expect(one.map((stats) => String(stats.campaignId))).toEqual([id]);
    expect(
      one[0]?.timezoneBreakdown.every(
        (zone) => typeof zone.timezone === 'string' && typeof zone.count === 'number',
      ),
    ).toBe(true);
    const sent = bodies.length;
    await expect(lv.realtime.campaign.stats({ campaign: [1], service: [38049] })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(bodies.length).toBe(sent);
  });

  it('callData.inCall and postCall find calls by session and transaction', async () => {
    const calls = truth.interactions ?? [];
    const inCall = calls.find((call) => call.status === 'in-call') as TruthInteraction;
    const ended = calls
      .filter((call) => call.status === 'completed')
      .sort((a, b) => (b.end ?? 0) - (a.end ?? 0))[0] as TruthInteraction;
    expect(inCall).toBeDefined();
    expect(ended).toBeDefined();
    const live = await lv.realtime.callData.inCall({
      session: inCall.sessionId,
      transactionId: inCall.transactionId,
      client: 83424,
    });
    expect(bodies.at(-1)?.path).toBe(
      `/realtime/callData/inCall?client=83424&session=${encodeURIComponent(inCall.sessionId)}&transaction=${inCall.transactionId}`,
    );
    expectSeedShape(live, SEED_FIELDS.inCall);
    expect(live.callStartedAt?.getTime()).toBe(inCall.start);
    expect(typeof live.callDirectionOutbound).toBe('boolean');
    const post = await lv.realtime.callData.postCall({
      session: ended.sessionId,
      transactionId: String(ended.transactionId),
    });
    expectSeedShape(post, SEED_FIELDS.postCall);
    expect(post.callEndedAt?.getTime()).toBe(ended.end);
    expect(post.lvResult).toBe(ended.lvResult);
    await expect(
      lv.realtime.callData.postCall({ session: inCall.sessionId, transactionId: inCall.transactionId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      lv.realtime.callData.inCall({ session: 'x', transactionId: 'not-a-number' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
