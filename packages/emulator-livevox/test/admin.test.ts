import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, login, START, startEmulator } from './helpers.js';

describe('the LiveVox emulator admin API', () => {
  let emu: LiveVoxEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ config: { feed: { waitMs: 250 } } });
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  it('starts idle, on the clock it was given', async () => {
    expect((await call(emu, 'GET', '/_emulator/health')).body).toEqual({ ok: true, emulator: 'livevox' });
    expect((await call(emu, 'GET', '/_emulator/traffic')).body).toEqual({
      running: false,
      rates: null,
      inProgress: 0,
      queued: 0,
      agentsLoggedOn: 0,
    });
    expect((await call(emu, 'GET', '/_emulator/truth')).body).toMatchObject({
      counts: { VOICE: 0, SMS: 0, EMAIL: 0 },
      events: 0,
      interactions: [],
    });
    expect((await call(emu, 'GET', '/_emulator/clock')).body.now).toBe(START);
  });

  it('merges configuration keys and refuses invalid ones; the start options survive a reset', async () => {
    expect(emu.config().feed.waitMs).toBe(250);
    const put = await call(emu, 'PUT', '/_emulator/config', {
      body: {
        feed: { waitMs: 10_000, maxCount: 1000 },
        session: { idleMs: 7_200_000 },
        rateLimit: { requestsPerMinute: 0 },
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.feed).toMatchObject({ waitMs: 10_000, maxCount: 1000, minCount: 500 });
    const bad = await call(emu, 'PUT', '/_emulator/config', {
      body: { feed: { minCount: 900, maxCount: 600 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/feed\.maxCount/);
    await call(emu, 'POST', '/_emulator/reset');
    expect(emu.config().feed.waitMs).toBe(250);
  });

  it('runs live traffic, reports it, and stops it', async () => {
    const started = await call(emu, 'POST', '/_emulator/traffic', {
      body: { agents: 5, callsPerMinute: 12, smsPerMinute: 3, emailsPerMinute: 0, seed: 4 },
    });
    expect(started.body.traffic).toEqual({
      agents: 5,
      callsPerMinute: 12,
      smsPerMinute: 3,
      emailsPerMinute: 0,
    });
    await call(emu, 'POST', '/_emulator/clock', { body: { advanceMs: 10 * 60_000 } });
    const status = await call(emu, 'GET', '/_emulator/traffic');
    expect(status.body).toMatchObject({ running: true, agentsLoggedOn: 5 });
    const stopped = await call(emu, 'POST', '/_emulator/traffic', { body: { stop: true } });
    expect(stopped.body).toMatchObject({ stopped: true, running: false });
    const counts = emu.truth({ summary: true }).counts;
    expect(counts.VOICE).toBeGreaterThan(50);
    await call(emu, 'POST', '/_emulator/clock', { body: { advanceMs: 10 * 60_000 } });
    expect(emu.truth({ summary: true }).counts).toEqual(counts);
  });

  it('refuses malformed traffic and clock requests', async () => {
    expect((await call(emu, 'POST', '/_emulator/traffic', { body: {} })).status).toBe(400);
    expect((await call(emu, 'POST', '/_emulator/traffic', { body: { calls: -1 } })).status).toBe(400);
    expect((await call(emu, 'POST', '/_emulator/traffic', { body: { calls: 1.5 } })).status).toBe(400);
    expect((await call(emu, 'POST', '/_emulator/traffic', { body: { callsPerMinute: 'many' } })).status).toBe(
      400,
    );
    expect((await call(emu, 'POST', '/_emulator/clock', { body: {} })).status).toBe(400);
    expect((await call(emu, 'POST', '/_emulator/clock', { body: { advanceMs: -5 } })).status).toBe(400);
    expect((await call(emu, 'POST', '/_emulator/clock', { body: { speed: 0 } })).status).toBe(400);
  });

  it('advances the clock and changes its speed', async () => {
    const advanced = await call(emu, 'POST', '/_emulator/clock', { body: { advanceMs: 90_000 } });
    expect(advanced.body.now).toBeGreaterThanOrEqual(START + 90_000);
    const faster = await call(emu, 'POST', '/_emulator/clock', { body: { speed: 60 } });
    expect(faster.body.speed).toBe(60);
    emu.clock.setSpeed(1e-9);
  });

  it('pages the truth, filters it by type and summarises big runs', async () => {
    await call(emu, 'POST', '/_emulator/traffic', {
      body: { calls: 30, sms: 20, emails: 10, agents: 4, seed: 2 },
    });
    const summary = await call(emu, 'GET', '/_emulator/truth?summary=true');
    expect(summary.body).toEqual({
      counts: { VOICE: 30, SMS: 20, EMAIL: 10 },
      events: 120,
      agentEvents: expect.any(Number),
      total: 60,
      offset: 0,
    });
    const page = await call(emu, 'GET', '/_emulator/truth?limit=25&offset=20');
    expect(page.body.interactions).toHaveLength(25);
    expect(page.body).toMatchObject({ offset: 20, limit: 25, total: 60 });
    const sms = await call(emu, 'GET', '/_emulator/truth?type=SMS');
    expect(sms.body.total).toBe(20);
    expect(sms.body.interactions.every((interaction: any) => interaction.type === 'SMS')).toBe(true);
    expect(sms.body.interactions[0]).toMatchObject({
      sessionId: expect.any(String),
      transactionId: expect.any(Number),
      account: expect.any(String),
      service: 93140,
    });
    expect((await call(emu, 'GET', '/_emulator/truth?type=FAX')).status).toBe(400);
    expect((await call(emu, 'GET', '/_emulator/truth?limit=-1')).status).toBe(400);
  });

  it('resets sessions, context data and generated traffic', async () => {
    const session = await login(emu);
    await call(emu, 'POST', '/context/call/S/1/A', { session, body: { entry: [{ key: 'k', value: 'v' }] } });
    emu.generateBacklog({ sms: 5 });
    await call(emu, 'POST', '/_emulator/reset');
    expect((await call(emu, 'GET', `/session/validate/${session}`)).status).toBe(404);
    const fresh = await login(emu);
    expect((await call(emu, 'GET', '/context/call/S/1/A', { session: fresh })).status).toBe(204);
    expect(emu.truth({ summary: true }).events).toBe(0);
  });

  it('publishes an OpenAPI 3.1 document of the API and the admin routes', async () => {
    const { body } = await call(emu, 'GET', '/_emulator/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    for (const path of [
      '/session/login',
      '/context/call/{session}/{txId}/{account}',
      '/realtime/event/feed',
      '/realtime/event/feed/sse',
      '/realtime/agentEvent/feed',
      '/realtime/callEvent/feed',
      '/realtime/service/stats',
      '/realtime/campaign/stats',
      '/realtime/callData/inCall',
      '/_emulator/traffic',
      '/_emulator/truth',
      '/_emulator/health',
    ]) {
      expect(body.paths).toHaveProperty([path]);
    }
  });

  it('applies the shared rate limit per credential with 429 and Retry-After', async () => {
    const session = await login(emu);
    emu.configure({ rateLimit: { requestsPerMinute: 2 } });
    expect((await call(emu, 'POST', '/realtime/service/stats', { session, body: {} })).status).toBe(200);
    expect((await call(emu, 'POST', '/realtime/service/stats', { session, body: {} })).status).toBe(200);
    const limited = await call(emu, 'POST', '/realtime/service/stats', { session, body: {} });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
