import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { afterEach, describe, expect, it } from 'vitest';
import { call, drainFeed, firstToken, login, startEmulator } from './helpers.js';

/** Allowed agent state transitions (LOGOFF is allowed from any idle state). */
const NEXT: Record<string, string[]> = {
  LOGON: ['READY', 'LOGOFF'],
  READY: ['IN_CALL', 'LOGOFF', 'NOT_READY'],
  IN_CALL: ['WRAP_UP'],
  WRAP_UP: ['READY', 'NOT_READY', 'LOGOFF'],
  NOT_READY: ['READY', 'LOGOFF'],
  LOGOFF: ['LOGON'],
};

describe('the contact-center simulator', () => {
  const running: LiveVoxEmulator[] = [];
  const start = async (options: Parameters<typeof startEmulator>[0] = {}) => {
    const emu = await startEmulator(options);
    running.push(emu);
    return emu;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emu) => emu.close()));
  });

  /** Runs 20 simulated minutes of live traffic over the admin API and returns the truth and the feed. */
  async function run(seed: number) {
    const emu = await start({ seed });
    const session = await login(emu);
    const token = await firstToken(emu, session);
    const traffic = await call(emu, 'POST', '/_emulator/traffic', {
      body: { agents: 8, callsPerMinute: 5, smsPerMinute: 2, emailsPerMinute: 1 },
    });
    expect(traffic.status).toBe(200);
    await call(emu, 'POST', '/_emulator/clock', { body: { advanceMs: 20 * 60_000 } });
    const truth = await call(emu, 'GET', '/_emulator/truth');
    const feed = await drainFeed(emu, session, token);
    return { truth: truth.body, events: feed.events };
  }

  it('is deterministic for a seed and differs for another seed', async () => {
    const [a, b, c] = await Promise.all([run(42), run(42), run(43)]);
    expect(a.truth.counts.VOICE).toBeGreaterThan(50);
    expect(a.truth.counts.SMS).toBeGreaterThan(10);
    expect(b.truth).toEqual(a.truth);
    expect(b.events).toEqual(a.events);
    expect(c.truth.interactions).not.toEqual(a.truth.interactions);
  });

  it('generates a backlog whose counts match the truth, every call complete with three events', async () => {
    const emu = await start();
    const answer = await call(emu, 'POST', '/_emulator/traffic', {
      body: { agents: 40, calls: 2000, sms: 500, emails: 300, seed: 9 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.backlog).toMatchObject({
      generated: { VOICE: 2000, SMS: 500, EMAIL: 300 },
      events: 6800,
      agents: 40,
    });
    const truth = emu.truth();
    expect(truth.counts).toEqual({ VOICE: 2000, SMS: 500, EMAIL: 300 });
    expect(truth.events).toBe(2000 * 3 + 500 + 300);
    const voice = (truth.interactions ?? []).filter((interaction) => interaction.type === 'VOICE');
    expect(voice.every((interaction) => interaction.status === 'completed' && interaction.events === 3)).toBe(
      true,
    );
    const now = emu.clock.now();
    for (const interaction of truth.interactions ?? []) {
      expect(interaction.start).toBeGreaterThanOrEqual(now - 3_600_000);
      expect(interaction.end ?? interaction.start).toBeLessThanOrEqual(now);
    }
    expect(new Set(truth.interactions?.map((interaction) => interaction.transactionId)).size).toBe(2800);
    expect(new Set(truth.interactions?.map((interaction) => interaction.sessionId)).size).toBe(2800);
  });

  it('generates 100,000 interactions at once', async () => {
    const emu = await start();
    const result = emu.generateBacklog({ calls: 70_000, sms: 20_000, emails: 10_000, seed: 1 });
    expect(result.generated).toEqual({ VOICE: 70_000, SMS: 20_000, EMAIL: 10_000 });
    expect(emu.truth({ summary: true })).toMatchObject({ events: 70_000 * 3 + 30_000, total: 100_000 });
    const page = emu.truth({ offset: 99_990, limit: 50 });
    expect(page.interactions).toHaveLength(10);
  });

  it('moves agents through valid states with increasing sequence numbers', async () => {
    const emu = await start({ seed: 5 });
    const session = await login(emu);
    const token = await firstToken(emu, session, '/realtime/agentEvent/feed');
    emu.startTraffic({ agents: 6, callsPerMinute: 3, smsPerMinute: 0, emailsPerMinute: 0 });
    emu.clock.advance(90 * 60_000);
    emu.startTraffic({ agents: 4 });
    emu.clock.advance(30 * 60_000);
    const { events } = await drainFeed(emu, session, token, { path: '/realtime/agentEvent/feed' });
    const byAgent = new Map<number, any[]>();
    for (const event of events) byAgent.set(event.agentId, [...(byAgent.get(event.agentId) ?? []), event]);
    expect(byAgent.size).toBe(6);
    const types = new Set(events.map((event) => event.eventType));
    expect([...types].sort()).toEqual(['IN_CALL', 'LOGOFF', 'LOGON', 'NOT_READY', 'READY', 'WRAP_UP']);
    for (const list of byAgent.values()) {
      list.forEach((event, i) => {
        expect(event.seqNum).toBe(i + 1);
        if (i > 0) {
          const previous = list[i - 1];
          expect(NEXT[previous.eventType]).toContain(event.eventType);
          expect(event.timestamp).toBeGreaterThanOrEqual(previous.timestamp);
        }
        if (event.eventType === 'NOT_READY')
          expect(['LUNCH', 'BREAK', 'MEETING', 'TRAINING', 'OTHER', 'TECH_DIFF']).toContain(
            event.notReadyReasonCode,
          );
        if (event.eventType === 'IN_CALL' || event.eventType === 'WRAP_UP')
          expect(event.sessionId).toMatch(/^U[0-9A-F]+T[0-9A-F]{6}@10\./);
      });
    }
    const loggedOff = emu.simulator.state.agents
      .filter((agent) => !agent.loggedOn)
      .map((agent) => agent.index);
    expect(loggedOff.sort()).toEqual([4, 5]);
  });

  it('stops starting interactions and drains the calls in progress', async () => {
    const emu = await start({ seed: 8 });
    emu.startTraffic({ agents: 4, callsPerMinute: 10, smsPerMinute: 1, emailsPerMinute: 1 });
    emu.clock.advance(5 * 60_000);
    const before = emu.truth({ summary: true });
    expect(
      (emu.truth().interactions ?? []).some(
        (interaction) => interaction.status !== 'completed' && interaction.status !== 'sent',
      ),
    ).toBe(true);
    let drained = false;
    const stopped = emu.stopTraffic({ drain: true }).then(() => {
      drained = true;
    });
    emu.clock.advance(60 * 60_000);
    await stopped;
    expect(drained).toBe(true);
    const after = emu.truth();
    expect(after.counts).toEqual(before.counts);
    expect(
      (after.interactions ?? []).every(
        (interaction) => interaction.status === 'completed' || interaction.status === 'sent',
      ),
    ).toBe(true);
    expect((await call(emu, 'GET', '/_emulator/traffic')).body).toMatchObject({
      running: false,
      inProgress: 0,
    });
  });
});
