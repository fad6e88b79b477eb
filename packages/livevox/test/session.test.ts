import { inspect } from 'node:util';
import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { AuthenticationError, LiveVox, NotFoundError, ValidationError } from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, CREDENTIALS, client, loginCount, rawLogin, startEmulator } from './helpers.js';

const TWO_HOURS_AND_A_MINUTE = 2 * 60 * 60 * 1000 + 60_000;

describe('session', () => {
  let emu: LiveVoxEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('logs in lazily and only once for many concurrent first calls', async () => {
    const before = loginCount(emu);
    const lv = client(emu);
    expect(lv.session.active).toBe(false);
    expect(loginCount(emu)).toBe(before);
    const results = await Promise.all(Array.from({ length: 8 }, () => lv.realtime.service.stats()));
    expect(results.every((stats) => Array.isArray(stats))).toBe(true);
    expect(loginCount(emu) - before).toBe(1);
    expect(lv.session.logins).toBe(1);
    expect(lv.session.active).toBe(true);
    expect(lv.session.info).toMatchObject({ clientId: 83424, userId: 1001 });
  });

  it('logs in again once when the session expired while idle, and repeats the calls', async () => {
    const lv = client(emu);
    const statuses: number[] = [];
    lv.on('response', (event) => statuses.push(event.status));
    await lv.session.login();
    await admin(emu, 'POST', '/clock', { advanceMs: TWO_HOURS_AND_A_MINUTE });
    const results = await Promise.all(Array.from({ length: 5 }, () => lv.realtime.service.agentStatus()));
    expect(results.every((result) => Array.isArray(result.agentDetails))).toBe(true);
    expect(lv.session.logins).toBe(2);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
  });

  it('gives up after one re-login when the repeated call is refused too', async () => {
    const lv = client(emu);
    await lv.session.login();
    await admin(emu, 'PUT', '/faults', [
      { method: 'POST', path: '^/realtime/service/stats$', status: 401, times: 2 },
    ]);
    try {
      const error = await lv.realtime.service.stats().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(lv.session.logins).toBe(2);
    } finally {
      await admin(emu, 'DELETE', '/faults');
    }
  });

  it('surfaces a refused re-login (a revoked access token) as an AuthenticationError', async () => {
    const lv = client(emu);
    await lv.session.login();
    await admin(emu, 'PUT', '/config', { auth: { accessTokens: ['another-token'] } });
    try {
      const error = await lv.realtime.service.stats().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).request?.path).toBe('/session/login');
      expect(lv.session.logins).toBe(2);
    } finally {
      await admin(emu, 'PUT', '/config', { auth: { accessTokens: [CREDENTIALS.accessToken] } });
    }
  });

  it('validates and logs out; the next call logs in again', async () => {
    const lv = client(emu);
    expect(await lv.session.validate()).toBe(false);
    await lv.session.login();
    const id = await rawLogin(emu);
    expect(await lv.session.validate()).toBe(true);
    await lv.session.logout();
    expect(lv.session.active).toBe(false);
    expect(await lv.session.validate()).toBe(false);
    const check = await fetch(`${emu.url}/session/validate/${id}`);
    expect(check.status).toBe(404);
    await lv.realtime.service.liveConnects();
    expect(lv.session.logins).toBe(2);
    // An expired session is dropped by validate() so that the next call does not have to meet a 401 first.
    await admin(emu, 'POST', '/clock', { advanceMs: TWO_HOURS_AND_A_MINUTE });
    expect(await lv.session.validate()).toBe(false);
    expect(lv.session.active).toBe(false);
    await lv.session.logout();
  });

  it('sends the agent flag and refuses bad credentials with an AuthenticationError', async () => {
    const lv = client(emu, { password: 'wrong-password-123' });
    const error = await lv.realtime.service.stats().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    const agent = client(emu, { agent: true });
    await expect(agent.session.login()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('checks its options', () => {
    expect(() => new LiveVox({ ...CREDENTIALS })).toThrow(ValidationError);
    expect(() => new LiveVox({ ...CREDENTIALS, region: 'eu1' as never })).toThrow(/region/);
    expect(() => new LiveVox({ ...CREDENTIALS, baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
    expect(() => new LiveVox({ ...CREDENTIALS, region: 'na4', password: '' })).toThrow(/password/);
    expect(new LiveVox({ ...CREDENTIALS, region: 'na3' }).http.baseUrl.href).toBe('https://api.livevox.com/');
    expect(new LiveVox({ ...CREDENTIALS, region: 'na6' }).http.baseUrl.href).toBe(
      'https://api.na6.livevox.com/',
    );
    expect(new LiveVox({ ...CREDENTIALS, region: 'na4', baseUrl: emu.url }).http.baseUrl.origin).toBe(
      emu.url,
    );
  });

  it('never lets the password, the access token or a session id reach events, errors or inspection', async () => {
    const seen: string[] = [];
    const record = (event: unknown) =>
      seen.push(
        JSON.stringify(event, (_key, value) =>
          value instanceof Error ? { message: value.message, stack: value.stack } : value,
        ),
      );
    const sessionIds: string[] = [];
    const lv = client(emu, {
      on: { request: record, response: record, retry: record, failure: record },
    });
    await lv.realtime.service.stats();
    sessionIds.push(await rawLogin(emu));
    seen.push(inspect(lv, { depth: 8 }));
    await admin(emu, 'POST', '/clock', { advanceMs: TWO_HOURS_AND_A_MINUTE });
    await lv.realtime.service.holdDetails();
    sessionIds.push(await rawLogin(emu));
    const notFound = await lv.realtime.callData
      .inCall({ session: 'U1@10.0.0.1', transactionId: 1 })
      .catch((caught: unknown) => caught);
    expect(notFound).toBeInstanceOf(NotFoundError);
    seen.push(
      String(notFound),
      JSON.stringify(notFound),
      (notFound as Error).stack ?? '',
      inspect(notFound, { depth: 8 }),
    );
    expect(await lv.session.validate()).toBe(true);
    await lv.session.logout();
    // The logout path carries the session id: the events must show it scrubbed.
    expect(seen.some((line) => line.includes('/session/logout/[REDACTED]'))).toBe(true);
    const wrong = client(emu, { password: 'not-the-password-42', on: { response: record } });
    const denied = await wrong.session.login().catch((caught: unknown) => caught);
    seen.push(
      String(denied),
      JSON.stringify(denied),
      (denied as Error).stack ?? '',
      inspect(denied, { depth: 8 }),
    );
    const text = seen.join('\n');
    expect(sessionIds.every((id) => id.length > 8)).toBe(true);
    for (const secret of [
      CREDENTIALS.password,
      CREDENTIALS.accessToken,
      'not-the-password-42',
      ...sessionIds,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
