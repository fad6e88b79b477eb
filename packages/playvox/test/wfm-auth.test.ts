/** PlayvoxWfm against the WFM emulator over loopback HTTP: tokens, refresh, 401 recovery, redaction, users paging. */
import { AuthenticationError, NotFoundError, ValidationError } from '@voxbridge/core';
import {
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  type PlayvoxWfmEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';
import { PlayvoxWfm, type PlayvoxWfmOptions, WFM_TOKEN_REFRESH_MARGIN_MS } from '@voxbridge/playvox';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let emu: PlayvoxWfmEmulator;

/** Token counts as the emulator's admin API reports them. */
async function tokenStats(): Promise<{ issued: number; active: number; revoked: number }> {
  return (await fetch(`${emu.url}/_emulator/tokens`)).json() as Promise<{
    issued: number;
    active: number;
    revoked: number;
  }>;
}

/** A dispatcher that records every Authorization header the client sends (to know the token it used). */
function recordingDispatcher(seen: string[]): Dispatcher {
  return new Agent().compose((dispatch) => (options, handler) => {
    const headers = options.headers as Record<string, string> | undefined;
    const value = headers?.authorization;
    if (value) seen.push(value);
    return dispatch(options, handler);
  });
}

function client(options: PlayvoxWfmOptions = {}, credentials = PLAYVOX_WFM_DEFAULT_CREDENTIALS) {
  const wfm = new PlayvoxWfm(
    { baseUrl: emu.url },
    { ...credentials },
    { retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options },
  );
  const log: string[] = [];
  for (const name of ['request', 'response', 'retry', 'failure'] as const)
    wfm.http.on(name, (event: unknown) =>
      log.push(JSON.stringify(event, (_k, v) => (v instanceof Error ? v.message : v))),
    );
  return { wfm, log };
}

/** A client that holds a token the emulator has since revoked (its next call gets a 401). */
async function clientWithRevokedToken() {
  const made = client();
  await made.wfm.taskDefinitions();
  await fetch(`${emu.url}/_emulator/tokens`, { method: 'DELETE' });
  return made;
}

beforeAll(async () => {
  emu = await startPlayvoxWfmEmulator({ userCount: 20 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('PlayvoxWfm token handling', () => {
  it('fetches one token and reuses it while it is valid', async () => {
    const { wfm } = client();
    await wfm.taskDefinitions();
    await wfm.workstreams();
    await wfm.users();
    expect(wfm.auth.tokensFetched).toBe(1);
    expect((await tokenStats()).issued).toBe(1);
    expect(wfm.auth.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('keeps a single token request in flight for concurrent calls', async () => {
    const { wfm } = client();
    await Promise.all(Array.from({ length: 6 }, () => wfm.taskDefinitions()));
    expect((await tokenStats()).issued).toBe(1);
  });

  it(`refreshes ${WFM_TOKEN_REFRESH_MARGIN_MS / 1000} s before expiry, reading expiresIn or expireIn`, async () => {
    emu.configure({ token: { ttlSeconds: 60, expiryField: 'expireIn' } });
    let now = Date.now();
    const { wfm } = client({ now: () => now });
    await wfm.taskDefinitions();
    const expiresAt = wfm.auth.expiresAt!;
    expect(expiresAt - now).toBe(60_000);
    now = expiresAt - WFM_TOKEN_REFRESH_MARGIN_MS - 1;
    await wfm.taskDefinitions();
    expect(wfm.auth.tokensFetched).toBe(1);
    now = expiresAt - WFM_TOKEN_REFRESH_MARGIN_MS;
    await wfm.taskDefinitions();
    expect(wfm.auth.tokensFetched).toBe(2);
    expect((await tokenStats()).issued).toBe(2);
  });

  it('renews the token once on a 401 and repeats the call', async () => {
    const { wfm } = await clientWithRevokedToken();
    const retries: string[] = [];
    wfm.http.on('retry', (event) => retries.push(event.reason));
    await expect(wfm.taskDefinitions()).resolves.toEqual([]);
    expect(wfm.auth.tokensFetched).toBe(2);
    expect(retries).toEqual(['status 401: credentials refreshed']);
  });

  it('renews a token the server let expire (emulated clock), with one token request for a burst of 401s', async () => {
    emu.configure({ token: { ttlSeconds: 30 } });
    // The client's clock stands still: only the server knows the token has expired.
    const frozen = Date.now();
    const { wfm } = client({ now: () => frozen });
    await wfm.taskDefinitions();
    await fetch(`${emu.url}/_emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 31_000 }),
    });
    await Promise.all(Array.from({ length: 5 }, () => wfm.workstreams()));
    expect(wfm.auth.tokensFetched).toBe(2);
    expect((await tokenStats()).issued).toBe(2);
  });

  it('does not renew again for a 401 to a token another call already replaced', async () => {
    const { wfm } = await clientWithRevokedToken();
    // The workstreams call is held up, so its 401 arrives after the other call has renewed the token.
    await fetch(`${emu.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { method: 'GET', path: '^/api/workactivity/workstreams$', delayMs: 500, times: 1 },
      ]),
    });
    const slow = wfm.workstreams();
    await wfm.taskDefinitions();
    expect(wfm.auth.tokensFetched).toBe(2);
    await expect(slow).resolves.toEqual([]);
    expect(wfm.auth.tokensFetched).toBe(2);
  });

  it('never lets the token or the secret reach events, errors or error bodies', async () => {
    const sent: string[] = [];
    const { wfm, log } = client({ dispatcher: recordingDispatcher(sent) });
    await wfm.taskDefinitions();
    const error = await wfm.updateTaskDefinition(999, { colour: '#fff' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const token = sent.find((header) => header.startsWith('Bearer '))!.slice('Bearer '.length);
    expect(token.length).toBeGreaterThan(20);
    const everything = [
      ...log,
      String(error),
      (error as Error).stack ?? '',
      JSON.stringify(error),
      JSON.stringify((error as NotFoundError).body),
    ].join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(PLAYVOX_WFM_DEFAULT_CREDENTIALS.secret);
  });

  it('fails with an AuthenticationError naming no secret when the key is wrong', async () => {
    const { wfm, log } = client({}, { accessKeyId: 'demo-wfm', secret: 'wrong-secret-value' });
    const error = await wfm.taskDefinitions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(`${String(error)} ${JSON.stringify(error)} ${log.join(' ')}`).not.toContain('wrong-secret-value');
    expect((await tokenStats()).issued).toBe(0);
  });

  it('checks credentials and the location before sending anything', () => {
    expect(() => new PlayvoxWfm({ baseUrl: emu.url }, { accessKeyId: '', secret: 'x' })).toThrow(
      ValidationError,
    );
    expect(() => new PlayvoxWfm({ subdomain: 'not a host' }, PLAYVOX_WFM_DEFAULT_CREDENTIALS)).toThrow(
      ValidationError,
    );
    const wfm = new PlayvoxWfm({ subdomain: 'acme' }, PLAYVOX_WFM_DEFAULT_CREDENTIALS);
    expect(wfm.http.baseUrl.href).toBe('https://acme.cloud.agyletime.io/api/');
    expect(
      new PlayvoxWfm({ baseUrl: `${emu.url}/api/` }, PLAYVOX_WFM_DEFAULT_CREDENTIALS).http.baseUrl.href,
    ).toBe(`${emu.url}/api/`);
  });
});

describe('PlayvoxWfm users', () => {
  it('walks every page through nextPageToken', async () => {
    const { wfm } = client();
    const pages: number[] = [];
    for await (const page of wfm.users({ pageSize: 6 }).pages()) pages.push(page.items.length);
    expect(pages).toEqual([6, 6, 6, 2]);
    const users = await wfm.users({ pageSize: 6 }).toArray({ limit: 100 });
    expect(users).toHaveLength(20);
    expect(new Set(users.map((user) => user.email.toLowerCase())).size).toBe(20);
    const first = await wfm.users({ pageSize: 6 });
    expect(first.hasNextPage).toBe(true);
    expect(first.nextPageToken).toEqual(expect.any(String));
  });

  it('reads users from a regional host (no /api prefix) with the tenant token', async () => {
    const { wfm } = client({ usersBaseUrl: emu.url });
    const paths: string[] = [];
    wfm.http.on('response', (event) => paths.push(event.path));
    const users = await wfm.users({ pageSize: 8 }).toArray({ limit: 100 });
    expect(users).toHaveLength(20);
    expect(wfm.auth.tokensFetched).toBe(1);
    // The regional client is separate, so the tenant client saw none of the user requests.
    expect(paths).toEqual([]);
  });
});
