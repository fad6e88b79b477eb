import { gunzipSync } from 'node:zlib';
import { decodeMarker, type LiveVoxEmulator, MarkerKind } from '@voxbridge/emulator-livevox';
import { describe, expect, it } from 'vitest';
import { call, drainFeed, firstToken, freshEmulatorEachTest, login, rawPost, sleep } from './helpers.js';

describe('LiveVox interaction and agent event feeds (long poll)', () => {
  let emu: LiveVoxEmulator;
  let session: string;
  freshEmulatorEachTest({ feed: { waitMs: 200 } }, (fresh, freshSession) => {
    emu = fresh;
    session = freshSession;
  });

  it('answers a blank request at once with a token and no events', async () => {
    const answer = await call(emu, 'POST', '/realtime/event/feed', { session, body: { token: '' } });
    expect(answer.status).toBe(200);
    expect(answer.body.events).toEqual([]);
    expect(decodeMarker(answer.body.token)).toMatchObject({ kind: MarkerKind.InteractionToken, position: 0 });
    const agents = await call(emu, 'POST', '/realtime/agentEvent/feed', { session });
    expect(agents.body).toEqual({ agentEvent: [], token: expect.any(String) });
  });

  it('pages a backlog with at most `count` events per answer, without gaps or duplicates', async () => {
    const token = await firstToken(emu, session);
    emu.generateBacklog({ calls: 400, sms: 300, emails: 150, seed: 11 });
    const truth = emu.truth({ summary: true });
    expect(truth.events).toBe(400 * 3 + 300 + 150);
    const pages: number[] = [];
    let next = token;
    for (let i = 0; i < 10; i++) {
      const answer = await call(emu, 'POST', '/realtime/event/feed?count=500', {
        session,
        body: { token: next },
      });
      pages.push(answer.body.events.length);
      next = answer.body.token;
      if (answer.body.events.length < 500) break;
    }
    expect(pages).toEqual([500, 500, 500, 150]);
    const all = await drainFeed(emu, session, token);
    expect(all.events).toHaveLength(truth.events);
    expect(new Set(all.events.map((event) => event.eventId)).size).toBe(truth.events);
  });

  it('refuses a count outside 500..1000 and defaults to 1000', async () => {
    const token = await firstToken(emu, session);
    for (const count of ['499', '1001', 'abc', '0']) {
      const answer = await call(emu, 'POST', `/realtime/event/feed?count=${count}`, {
        session,
        body: { token },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/count/);
    }
    emu.generateBacklog({ sms: 1200, seed: 2 });
    const page = await call(emu, 'POST', '/realtime/event/feed', { session, body: { token } });
    expect(page.body.events).toHaveLength(1000);
    // The seed's example writes the path with a trailing slash.
    const slashed = await call(emu, 'POST', '/realtime/event/feed/?count=500', { session, body: { token } });
    expect(slashed.body.events).toHaveLength(500);
    emu.configure({ feed: { maxCount: 600 } });
    const smaller = await call(emu, 'POST', '/realtime/event/feed', { session, body: { token } });
    expect(smaller.body.events).toHaveLength(600);
  });

  it('gives every voice call its three events with consistent ids, matching the truth', async () => {
    const token = await firstToken(emu, session);
    emu.generateBacklog({ calls: 300, agents: 25, seed: 4 });
    const { events } = await drainFeed(emu, session, token);
    const truth = emu.truth({ type: 'VOICE' }).interactions ?? [];
    expect(truth).toHaveLength(300);
    const bySession = new Map<string, any[]>();
    for (const event of events)
      bySession.set(event.sessionId, [...(bySession.get(event.sessionId) ?? []), event]);
    expect(bySession.size).toBe(300);
    for (const interaction of truth) {
      const own = bySession.get(interaction.sessionId) ?? [];
      expect(own.map((event) => event.callEventType).sort()).toEqual([
        'CALL_DISPOSITION',
        'CALL_START',
        'CALL_TERMINATION',
      ]);
      for (const event of own) {
        expect(event).toMatchObject({
          interactionType: 'VOICE',
          transactionId: interaction.transactionId,
          account: interaction.account,
          serviceId: interaction.service,
          callCenterId: interaction.callCenterId,
        });
      }
      const start = own.find((event) => event.callEventType === 'CALL_START');
      const end = own.find((event) => event.callEventType === 'CALL_TERMINATION');
      const disposition = own.find((event) => event.callEventType === 'CALL_DISPOSITION');
      expect(end.agentLoginId).toBe(interaction.agentLoginId);
      expect(disposition.agentLoginId).toBe(interaction.agentLoginId);
      expect([null, interaction.agentLoginId]).toContain(start.agentLoginId);
      expect(Date.parse(start.timestamp)).toBeLessThanOrEqual(Date.parse(end.timestamp));
      expect(Date.parse(end.timestamp)).toBeLessThanOrEqual(Date.parse(disposition.timestamp));
      expect(end.lvResult).toBe(interaction.lvResult);
      expect(end.duration).toBeGreaterThanOrEqual(0);
    }
    expect(truth.some((interaction) => interaction.agentLoginId !== null)).toBe(true);
  });

  it('serves SMS and email attempts in the seed format', async () => {
    const token = await firstToken(emu, session);
    emu.generateBacklog({ sms: 3, emails: 3, seed: 9 });
    const { events } = await drainFeed(emu, session, token);
    const sms = events.find((event) => event.interactionType === 'SMS');
    const email = events.find((event) => event.interactionType === 'Email');
    expect(sms).toMatchObject({
      eventType: 'Attempt',
      campaignType: 'OB',
      carrier: 'sap_sms365',
      serviceId: '93140',
      callCenterId: '11363',
    });
    expect(sms.sessionId).toBe(`93140-${sms.acctTransactionId}-${sms.sessionId.split('-')[2]}`);
    expect(sms.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000-04:00$/);
    expect(email).toMatchObject({
      eventType: 'Attempt',
      carrier: 'sendgrid',
      toEmail: expect.stringContaining('@'),
    });
    expect(email.sessionId).toMatch(/^93140_\d+_\d+$/);
  });

  it('waits when nothing is new, then answers with a fresh token for the same position', async () => {
    const token = await firstToken(emu, session);
    emu.clock.advance(5000);
    const answer = await call(emu, 'POST', '/realtime/event/feed', { session, body: { token } });
    expect(answer.body.events).toEqual([]);
    expect(answer.body.token).not.toBe(token);
    expect(decodeMarker(answer.body.token)?.position).toBe(decodeMarker(token)?.position);
  });

  it('ends the wait early as soon as events arrive', async () => {
    emu.configure({ feed: { waitMs: 120_000 } });
    const token = await firstToken(emu, session);
    const pending = call(emu, 'POST', '/realtime/event/feed', { session, body: { token } });
    await sleep(50);
    emu.generateBacklog({ sms: 5, seed: 1 });
    const answer = await pending;
    expect(answer.body.events).toHaveLength(5);
  });

  it('refuses a token older than 24 hours with 400 and code 202', async () => {
    const token = await firstToken(emu, session);
    emu.clock.advance(24 * 3_600_000 + 1000);
    session = await login(emu);
    const answer = await call(emu, 'POST', '/realtime/event/feed', { session, body: { token } });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(202);
    expect(answer.body.message).toMatch(
      /^Time "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d-0400" is more than 24 hours old\. This type of data is kept for 24 hours\.$/,
    );
  });

  it('refuses tokens it did not issue, from the other feed, or from before a reset', async () => {
    const agentToken = await firstToken(emu, session, '/realtime/agentEvent/feed');
    const invalid = await call(emu, 'POST', '/realtime/event/feed', {
      session,
      body: { token: 'e0646720-a7f3-11eb-8080-808080808080' },
    });
    expect(invalid.status).toBe(400);
    expect(
      (await call(emu, 'POST', '/realtime/event/feed', { session, body: { token: agentToken } })).status,
    ).toBe(400);
    expect((await call(emu, 'POST', '/realtime/event/feed', { session, body: { token: 42 } })).status).toBe(
      400,
    );
    const token = await firstToken(emu, session);
    emu.reset();
    session = await login(emu);
    expect((await call(emu, 'POST', '/realtime/event/feed', { session, body: { token } })).status).toBe(400);
  });

  it('filters by interaction type, service and call center', async () => {
    const token = await firstToken(emu, session);
    emu.generateBacklog({ calls: 200, sms: 40, emails: 30, seed: 21 });
    const counts = emu.truth({ summary: true }).counts;
    const smsOnly = await drainFeed(emu, session, token, { filter: { interactionType: [{ type: 'SMS' }] } });
    expect(smsOnly.events).toHaveLength(counts.SMS);
    expect(new Set(smsOnly.events.map((event) => event.interactionType))).toEqual(new Set(['SMS']));
    const digital = await drainFeed(emu, session, token, {
      filter: {
        interactionType: [{ type: 'EMAIL' }, { type: 'SMS' }],
        callCenter: [{ id: 11363 }],
        service: [{ id: 93140 }],
      },
    });
    expect(digital.events).toHaveLength(counts.SMS + counts.EMAIL);
    const support = await drainFeed(emu, session, token, { filter: { service: [{ id: '38049' }] } });
    expect(support.events.length).toBeGreaterThan(0);
    expect(support.events.every((event) => event.serviceId === 38049)).toBe(true);
    const inboundCenter = await drainFeed(emu, session, token, {
      filter: { callCenter: [{ id: 1623 }], interactionType: [{ type: 'VOICE' }] },
    });
    expect(
      inboundCenter.events.every(
        (event) => event.callCenterId === 1623 && event.callDirection !== 'OUTBOUND',
      ),
    ).toBe(true);
    const bad = await call(emu, 'POST', '/realtime/event/feed', {
      session,
      body: { token, filter: { interactionType: [{ type: 'FAX' }] } },
    });
    expect(bad.status).toBe(400);
  });

  it('compresses feed answers with gzip when asked', async () => {
    const token = await firstToken(emu, session);
    emu.generateBacklog({ sms: 50, seed: 3 });
    const response = await rawPost(
      emu,
      '/realtime/event/feed',
      { token },
      { 'lv-session': session, 'accept-encoding': 'gzip' },
    );
    expect(response.headers['content-encoding']).toBe('gzip');
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const body = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8'));
    expect(body.events).toHaveLength(50);
  });

  it('reads events appended after a token, from live traffic as from a backlog', async () => {
    const token = await firstToken(emu, session);
    const agentToken = await firstToken(emu, session, '/realtime/agentEvent/feed');
    emu.startTraffic({ agents: 6, callsPerMinute: 6, smsPerMinute: 2, emailsPerMinute: 0 });
    emu.clock.advance(10 * 60_000);
    const live = await drainFeed(emu, session, token);
    expect(live.events.length).toBe(emu.truth({ summary: true }).events);
    const agents = await drainFeed(emu, session, agentToken, { path: '/realtime/agentEvent/feed' });
    expect(agents.events.filter((event) => event.eventType === 'LOGON')).toHaveLength(6);
    const event = agents.events[0];
    expect(event).toMatchObject({ clientId: 83424, lineNumber: 'ACD', eventType: 'LOGON', seqNum: 1 });
    expect(event.eventId).toBe(`cid=83424:aid=${event.agentId}:time=${event.timestamp}:seq=1`);
    await emu.stopTraffic({ drain: false });
  });

  it('starts a blank token at the oldest retained event when configured so', async () => {
    emu.generateBacklog({ sms: 10, seed: 8 });
    emu.configure({ feed: { blankTokenFrom: 'oldest' } });
    const answer = await call(emu, 'POST', '/realtime/event/feed', { session, body: {} });
    expect(answer.body.events).toHaveLength(10);
  });

  it('serves the deprecated Agent Event, Call Event and Call Event Feed methods', async () => {
    const token = await firstToken(emu, session, '/realtime/callEvent/feed');
    emu.generateBacklog({ calls: 5, sms: 5, agents: 3, seed: 2 });
    const feed = await call(emu, 'POST', '/realtime/callEvent/feed', { session, body: { token } });
    expect(feed.body.callEvent).toHaveLength(15);
    expect(feed.body.events).toEqual(feed.body.callEvent);
    const start = feed.body.callEvent.find((event: any) => event.callEventType === 'CALL_START');
    expect(typeof start.start).toBe('number');
    expect(typeof start.timestamp).toBe('number');
    const immediate = await call(emu, 'POST', '/realtime/callEvent', { session, body: { token } });
    expect(immediate.body.callEvent).toHaveLength(15);
    const agentEvents = await call(emu, 'POST', '/realtime/agentEvent', { session, body: {} });
    expect(agentEvents.status).toBe(200);
    expect(agentEvents.body.agentEvent).toEqual([]);
    emu.configure({ legacy: { callEventFeedKeys: ['callEvent'] } });
    const only = await call(emu, 'POST', '/realtime/callEvent/feed', { session, body: { token } });
    expect(Object.keys(only.body).sort()).toEqual(['callEvent', 'token']);
  });
});
