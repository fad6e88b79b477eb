import { type GladlyEmulator, statusStringOf } from '@voxbridge/emulator-gladly';
import { describe, expect, it } from 'vitest';
import { call, harness, START } from './helpers.js';

const HOUR = 3_600_000;
const { emulator } = harness();

const AWAY_OR_STATUS =
  /^(LOGGED_IN|LOGGED_OUT|Break|Lunch|Meeting|Other|WENT_AWAY|RETURNED_FROM_AWAY|AvailableFor:.+|Unavailable)$/;

describe('simulated organisation', () => {
  it('generates the same day for the same seed and start time, and a different one for another seed', async () => {
    const [a, b, c] = await Promise.all([
      emulator({ seed: 7 }),
      emulator({ seed: 7 }),
      emulator({ seed: 8 }),
    ]);
    // The same end instant for all three (the clocks run on in real time).
    for (const emu of [a, b, c]) emu.generateBacklog({ hours: 6, agents: 6, endAt: START });
    const strip = (emu: GladlyEmulator) => {
      const { now: _now, webhooks: _webhooks, reports: _reports, ...truth } = emu.truth();
      return truth;
    };
    expect(strip(a)).toEqual(strip(b));
    expect(strip(a)).not.toEqual(strip(c));
    // The same events, ids included, through the Events API.
    const query = `/api/v1/events?startAt=${new Date(START - 7 * HOUR).toISOString()}&entities=AGENT_STATUS&entities=CONVERSATION`;
    const [eventsA, eventsB] = await Promise.all([call(a.url, 'GET', query), call(b.url, 'GET', query)]);
    expect(eventsA.text.length).toBeGreaterThan(1000);
    expect(eventsA.text).toBe(eventsB.text);
  });

  it('a backlog is a plausible contact-centre day: shifts, away reasons, availability, conversations per inbox', async () => {
    const emu = await emulator({ seed: 3 });
    const response = await call(emu.url, 'POST', '/_emulator/activity', { agents: 10, hours: 8, seed: 1 });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ running: false, seed: 1, agents: 10 });
    const truth = emu.truth();
    expect(truth.agents).toHaveLength(10);
    const statuses = truth.agents.flatMap((agent) => agent.statuses.map((entry) => entry.status));
    for (const status of statuses) expect(status).toMatch(AWAY_OR_STATUS);
    for (const expected of ['LOGGED_IN', 'RETURNED_FROM_AWAY', 'Break', 'WENT_AWAY'])
      expect(statuses).toContain(expected);
    expect(statuses.some((status) => status.startsWith('AvailableFor:'))).toBe(true);
    for (const agent of truth.agents) {
      expect(agent.statuses[0]?.status).toBe('LOGGED_IN');
      const times = agent.statuses.map((entry) => Date.parse(entry.at));
      expect([...times].sort((x, y) => x - y)).toEqual(times);
      expect(times[0]).toBeGreaterThanOrEqual(START - 8 * HOUR);
    }
    const active = truth.inboxes.filter((inbox) => inbox.name !== 'Legacy_Email');
    for (const inbox of active) {
      expect(inbox.conversationsCreated.length).toBeGreaterThan(20);
      for (const id of inbox.conversationsClosed) expect(inbox.conversationsCreated).toContain(id);
    }
    expect(truth.inboxes.find((inbox) => inbox.name === 'Legacy_Email')?.conversationsCreated).toEqual([]);
    expect(truth.contacts.started).toBe(
      truth.inboxes.reduce((sum, inbox) => sum + inbox.conversationsCreated.length, 0),
    );
  });

  it('the truth matches the agent events of the Events API one for one', async () => {
    const emu = await emulator({ seed: 5 });
    emu.generateBacklog({ hours: 3, agents: 4 });
    const response = await call(
      emu.url,
      'GET',
      `/api/v1/events?startAt=${new Date(START - 4 * HOUR).toISOString()}&entities=AGENT_STATUS&entities=AGENT_AVAILABILITY`,
    );
    const events = response.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const derived = new Map<string, string[]>();
    for (const event of events) {
      const status = statusStringOf(event);
      if (status) derived.set(event.content.agentId, [...(derived.get(event.content.agentId) ?? []), status]);
    }
    for (const agent of emu.truth().agents)
      expect(derived.get(agent.agentId) ?? []).toEqual(agent.statuses.map((entry) => entry.status));
  });

  it('live traffic follows the emulator clock, and stop({ drain: true }) winds everything down', async () => {
    const emu = await emulator({ seed: 2, config: { simulation: { agents: 5 } } });
    emu.start();
    expect(emu.simulator.running).toBe(true);
    emu.clock.advance(2 * HOUR);
    const status = emu.simulator.status();
    expect(status.loggedIn).toBeGreaterThan(0);
    expect(status.events).toBeGreaterThan(20);
    await emu.stop({ drain: true });
    const after = emu.simulator.status();
    expect(after).toMatchObject({ running: false, loggedIn: 0, openConversations: 0, queuedContacts: 0 });
    const truth = emu.truth();
    for (const agent of truth.agents) expect(agent.statuses.at(-1)?.status).toBe('LOGGED_OUT');
    for (const inbox of truth.inboxes)
      expect([...inbox.conversationsClosed].sort()).toEqual([...inbox.conversationsCreated].sort());
    // Nothing moves once stopped.
    emu.clock.advance(HOUR);
    expect(emu.simulator.status().events).toBe(after.events);
  });

  it('agents log in, go away with and without a reason, return, change availability and log out by hand', async () => {
    const emu = await emulator();
    const agentId = emu.simulator.agents()[0]!.id;
    emu.simulator.login(agentId);
    emu.simulator.setAvailability(agentId, ['VOICE', 'MAIL']);
    emu.simulator.goAway(agentId, 'Lunch');
    emu.clock.advance(30 * 60_000);
    emu.simulator.returnFromAway(agentId);
    emu.simulator.goAway(agentId, null);
    emu.simulator.returnFromAway(agentId);
    emu.simulator.setAvailability(agentId, []);
    emu.simulator.logout(agentId);
    const statuses = emu.truth().agents[0]!.statuses.map((entry) => entry.status);
    expect(statuses).toEqual([
      'LOGGED_IN',
      'AvailableFor:MAIL,VOICE',
      'Lunch',
      'RETURNED_FROM_AWAY',
      'WENT_AWAY',
      'RETURNED_FROM_AWAY',
      'Unavailable',
      'LOGGED_OUT',
    ]);
    expect(() => emu.simulator.returnFromAway(agentId)).toThrow(/not away/);
    expect(() => emu.simulator.goAway(agentId, 'Nap')).toThrow(/not logged in/);
    // The same through the admin API.
    expect((await call(emu.url, 'POST', `/_emulator/agents/${agentId}/login`)).status).toBe(200);
    expect(
      (await call(emu.url, 'POST', `/_emulator/agents/${agentId}/away`, { reason: 'Nap' })).json(),
    ).toMatchObject({ errors: [{ code: 'invalid_state' }] });
    expect(
      (await call(emu.url, 'POST', `/_emulator/agents/${agentId}/away`, { reason: 'Meeting' })).status,
    ).toBe(200);
    expect(
      emu
        .truth()
        .agents[0]!.statuses.slice(-2)
        .map((entry) => entry.status),
    ).toEqual(['LOGGED_IN', 'Meeting']);
  });

  it('a conversation is routed to an available agent, and its items and events follow the contact', async () => {
    const emu = await emulator();
    const agentId = emu.simulator.agents()[0]!.id;
    emu.simulator.login(agentId);
    emu.simulator.setAvailability(agentId, ['MESSAGING']);
    const created = await call(emu.url, 'POST', '/_emulator/conversations', { channel: 'CHAT' });
    expect(created.status).toBe(201);
    const { conversationId } = created.json() as { conversationId: string };
    expect((await call(emu.url, 'GET', `/api/v1/conversations/${conversationId}`)).json()).toMatchObject({
      id: conversationId,
      agentId,
      status: 'OPEN',
    });
    emu.clock.advance(5 * 60_000);
    expect((await call(emu.url, 'POST', `/_emulator/conversations/${conversationId}/close`)).status).toBe(
      200,
    );
    const conversation = (await call(emu.url, 'GET', `/api/v1/conversations/${conversationId}`)).json();
    expect(conversation).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    const items = (
      await call(emu.url, 'GET', `/api/v1/conversations/${conversationId}/items`)
    ).json() as Array<{ content: { type: string }; initiator: { type: string } }>;
    expect(items.map((item) => `${item.initiator.type}:${item.content.type}`)).toEqual([
      'CUSTOMER:CHAT_MESSAGE',
      'AGENT:CHAT_MESSAGE',
      'AGENT:CONVERSATION_STATUS_CHANGE',
    ]);
    const events = (
      await call(
        emu.url,
        'GET',
        `/api/v1/events?startAt=${new Date(START - 60_000).toISOString()}&entities=CONVERSATION&entities=CONTACT`,
      )
    ).text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).type);
    expect(events).toEqual([
      'CONVERSATION/CREATED',
      'CONTACT/STARTED',
      'CONVERSATION_ASSIGNEE/UPDATED',
      'CONTACT/OFFERED',
      'CONTACT/OFFER_ACCEPTED',
      'CONTACT/ENDED',
      'CONVERSATION/CLOSED',
    ]);
  });

  it('the clock and activity admin routes validate their input', async () => {
    const emu = await emulator();
    const before = emu.clock.now();
    const advanced = (await call(emu.url, 'POST', '/_emulator/clock', { advanceMs: HOUR })).json() as {
      now: number;
    };
    expect(advanced.now - before).toBeGreaterThanOrEqual(HOUR);
    expect((await call(emu.url, 'POST', '/_emulator/clock', { speed: 60 })).json()).toMatchObject({
      speed: 60,
    });
    expect((await call(emu.url, 'POST', '/_emulator/clock', { advanceMs: -1 })).status).toBe(400);
    expect((await call(emu.url, 'POST', '/_emulator/activity', { action: 'dance' })).status).toBe(400);
    expect((await call(emu.url, 'POST', '/_emulator/activity', { hours: 100 })).status).toBe(409);
    expect((await call(emu.url, 'POST', '/_emulator/activity', { action: 'start' })).json()).toMatchObject({
      running: true,
    });
    expect(
      (await call(emu.url, 'POST', '/_emulator/activity', { action: 'stop', drain: true })).json(),
    ).toMatchObject({ running: false, loggedIn: 0 });
    const truth = await call(emu.url, 'GET', '/_emulator/truth');
    expect(truth.json()).toMatchObject({
      agents: expect.any(Array),
      inboxes: expect.any(Array),
      webhooks: { attempted: 0 },
    });
  });

  it('at high speed, timers alone drive live traffic (no clock jumps, no requests)', async () => {
    const emu = await emulator({ speed: 36_000, config: { simulation: { loginSpreadMinutes: 1 } } });
    const firstEvent = new Promise<string>((resolve) => {
      const stop = emu.simulator.onEvent((event) => {
        stop();
        resolve(event.type);
      });
    });
    emu.start();
    const timeout = new Promise<string>((resolve) =>
      setTimeout(() => resolve('none within 5 s'), 5_000).unref(),
    );
    expect(await Promise.race([firstEvent, timeout])).toBe('AGENT_STATUS/LOGGED_IN');
  });
});
