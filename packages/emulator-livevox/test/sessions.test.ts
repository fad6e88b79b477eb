import { LIVEVOX_DEFAULT_CREDENTIALS, type LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, login, startEmulator } from './helpers.js';

const { accessToken, ...credentials } = LIVEVOX_DEFAULT_CREDENTIALS;
const HOUR = 3_600_000;

describe('LiveVox sessions', () => {
  let emu: LiveVoxEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  it('logs in and returns the session, client and user ids', async () => {
    const answer = await call(emu, 'POST', '/session/login', {
      body: credentials,
      headers: { 'lv-access': accessToken },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ clientId: 83424, userId: 1001 });
    expect(answer.body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the same user with the same token the same session id, and another token another id', async () => {
    emu.configure({ auth: { accessTokens: [accessToken, 'second-app-token'] } });
    const first = await login(emu);
    const again = await login(emu);
    const other = await login(emu, {}, 'second-app-token');
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(await login(emu, {}, 'second-app-token')).toBe(other);
  });

  it('refuses a wrong or missing LV-Access token and wrong credentials with 401, never echoing the password', async () => {
    const noToken = await call(emu, 'POST', '/session/login', { body: credentials });
    const badToken = await call(emu, 'POST', '/session/login', {
      body: credentials,
      headers: { 'lv-access': 'nope' },
    });
    const badPassword = await call(emu, 'POST', '/session/login', {
      body: { ...credentials, password: 'wrong-secret-123' },
      headers: { 'lv-access': accessToken },
    });
    for (const answer of [noToken, badToken, badPassword]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ code: 401, message: expect.any(String) });
    }
    expect(JSON.stringify(badPassword.body)).not.toContain('wrong-secret-123');
    const missing = await call(emu, 'POST', '/session/login', {
      body: { clientName: 'DEMO' },
      headers: { 'lv-access': accessToken },
    });
    expect(missing.status).toBe(400);
  });

  it('accepts the agent flag as a boolean or a "false" string', async () => {
    const asString = await call(emu, 'POST', '/session/login', {
      body: { ...credentials, agent: 'false' },
      headers: { 'lv-access': accessToken },
    });
    expect(asString.status).toBe(200);
    const asAgent = await call(emu, 'POST', '/session/login', {
      body: { ...credentials, agent: true },
      headers: { 'lv-access': accessToken },
    });
    expect(asAgent.status).toBe(401);
  });

  it('answers 401 without LV-Session, with an unknown one, or with a wrong LV-Access beside a valid one', async () => {
    const session = await login(emu);
    expect((await call(emu, 'POST', '/realtime/service/stats', { body: {} })).status).toBe(401);
    expect(
      (await call(emu, 'POST', '/realtime/service/stats', { body: {}, session: 'not-a-session' })).status,
    ).toBe(401);
    const wrongAccess = await call(emu, 'POST', '/realtime/service/stats', {
      body: {},
      session,
      headers: { 'lv-access': 'forged' },
    });
    expect(wrongAccess.status).toBe(401);
    expect((await call(emu, 'POST', '/realtime/service/stats', { body: {}, session })).status).toBe(200);
  });

  it('expires a session after two idle hours on the emulator clock, each use extending it', async () => {
    const session = await login(emu);
    emu.clock.advance(1.5 * HOUR);
    expect((await call(emu, 'POST', '/realtime/service/stats', { body: {}, session })).status).toBe(200);
    emu.clock.advance(1.5 * HOUR);
    expect((await call(emu, 'POST', '/realtime/service/stats', { body: {}, session })).status).toBe(200);
    emu.clock.advance(2 * HOUR + 1000);
    const expired = await call(emu, 'POST', '/realtime/service/stats', { body: {}, session });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
    const fresh = await login(emu);
    expect(fresh).not.toBe(session);
  });

  it('honours session.idleMs from the configuration', async () => {
    emu.configure({ session: { idleMs: 60_000 } });
    const session = await login(emu);
    emu.clock.advance(61_000);
    expect((await call(emu, 'POST', '/realtime/service/stats', { body: {}, session })).status).toBe(401);
  });

  it('validates a session in the path form and the query form (204 valid, 404 not)', async () => {
    const session = await login(emu);
    expect((await call(emu, 'GET', `/session/validate/${session}`)).status).toBe(204);
    expect((await call(emu, 'GET', `/session/validate?sessionId=${session}`)).status).toBe(204);
    const unknown = await call(emu, 'GET', '/session/validate/00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(404);
    expect((await call(emu, 'GET', '/session/validate?sessionId=nope')).status).toBe(404);
    // Validation is not a use: it does not extend the session.
    emu.clock.advance(1.5 * HOUR);
    expect((await call(emu, 'GET', `/session/validate/${session}`)).status).toBe(204);
    emu.clock.advance(0.6 * HOUR);
    expect((await call(emu, 'GET', `/session/validate?sessionId=${session}`)).status).toBe(404);
  });

  it('logs out: the session stops working and a second logout is 404', async () => {
    const session = await login(emu);
    expect((await call(emu, 'DELETE', `/session/logout/${session}`)).status).toBe(204);
    expect((await call(emu, 'POST', '/realtime/service/stats', { body: {}, session })).status).toBe(401);
    expect((await call(emu, 'DELETE', `/session/logout/${session}`)).status).toBe(404);
    expect((await call(emu, 'GET', `/session/validate/${session}`)).status).toBe(404);
  });

  it('accepts a version segment after the category', async () => {
    const answer = await call(emu, 'POST', '/session/v6.0/login', {
      body: credentials,
      headers: { 'lv-access': accessToken },
    });
    expect(answer.status).toBe(200);
    const session = answer.body.sessionId;
    expect((await call(emu, 'POST', '/realtime/v6.0/service/stats', { body: {}, session })).status).toBe(200);
    expect((await call(emu, 'POST', '/realtime/v5.0/agentEvent/feed', { body: {}, session })).status).toBe(
      200,
    );
    expect((await call(emu, 'GET', `/session/v5.0/validate/${session}`)).status).toBe(204);
    expect((await call(emu, 'GET', '/context/v17.0/call/S1/123/ACC', { session })).status).toBe(204);
  });

  it('changes a password: the old one stops working and the user is logged out', async () => {
    const session = await login(emu);
    const change = await call(emu, 'POST', '/session/password', {
      body: { ...credentials, newPassword: 'new-pass-456' },
    });
    expect(change.status).toBe(204);
    expect((await call(emu, 'GET', `/session/validate/${session}`)).status).toBe(404);
    expect(
      (
        await call(emu, 'POST', '/session/login', {
          body: credentials,
          headers: { 'lv-access': accessToken },
        })
      ).status,
    ).toBe(401);
    expect(await login(emu, { password: 'new-pass-456' })).toMatch(/-/);
  });
});
