/** The WFM emulator over real HTTP: token auth, users paging, configuration, OpenAPI, reset. */
import {
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  type PlayvoxWfmEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const DEMO = basic(PLAYVOX_WFM_DEFAULT_CREDENTIALS.accessKeyId, PLAYVOX_WFM_DEFAULT_CREDENTIALS.secret);

async function call(
  emu: PlayvoxWfmEmulator,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: unknown; form?: string } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = init.form;
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(`${emu.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

async function tokenFor(emu: PlayvoxWfmEmulator): Promise<string> {
  const res = await call(emu, 'POST', '/api/authority/token', {
    headers: { authorization: DEMO },
    form: 'grant_type=client_credentials',
  });
  expect(res.status).toBe(200);
  return res.json.data.accessToken;
}

describe('Playvox WFM emulator: token auth', () => {
  let emu: PlayvoxWfmEmulator;
  beforeAll(async () => {
    emu = await startPlayvoxWfmEmulator({ config: { token: { ttlSeconds: 120 } } });
  });
  afterAll(() => emu.close());

  it('issues a JWT-shaped bearer token for Basic accessKeyId:secret', async () => {
    const res = await call(emu, 'POST', '/api/authority/token', {
      headers: { authorization: DEMO },
      form: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ tokenType: 'Bearer', expiresIn: 120 });
    expect(res.json.data.accessToken.split('.')).toHaveLength(3);
    // Without grant_type (as an R client sends it) and on the `authorisation` spelling too.
    const alias = await call(emu, 'POST', '/api/authorisation/token', { headers: { authorization: DEMO } });
    expect(alias.status).toBe(200);
    expect(alias.json.data.accessToken).not.toBe(res.json.data.accessToken);
  });

  it('refuses wrong credentials without echoing them, and other grant types', async () => {
    const wrong = await call(emu, 'POST', '/api/authority/token', {
      headers: { authorization: basic('demo-wfm', 'not-the-secret') },
      form: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('unauthorized');
    expect(wrong.text).not.toContain('not-the-secret');
    expect(
      (await call(emu, 'POST', '/api/authority/token', { form: 'grant_type=client_credentials' })).status,
    ).toBe(401);
    const grant = await call(emu, 'POST', '/api/authority/token', {
      headers: { authorization: DEMO },
      form: 'grant_type=password',
    });
    expect(grant.status).toBe(400);
    expect(grant.json.error.field).toBe('grant_type');
  });

  it('answers 401 without a valid bearer token and 200 with one', async () => {
    expect((await call(emu, 'GET', '/api/organisation/users')).status).toBe(401);
    expect(
      (await call(emu, 'GET', '/api/organisation/users', { headers: { authorization: 'Bearer nope' } }))
        .status,
    ).toBe(401);
    expect(
      (await call(emu, 'GET', '/api/organisation/users', { headers: { authorization: DEMO } })).status,
    ).toBe(401);
    const token = await tokenFor(emu);
    expect(
      (await call(emu, 'GET', '/api/organisation/users', { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
  });

  it('expires tokens after token.ttlSeconds of emulated time, and revokes them on demand', async () => {
    const token = await tokenFor(emu);
    const auth = { authorization: `Bearer ${token}` };
    expect((await call(emu, 'GET', '/api/schedule/tasks/definitions', { headers: auth })).status).toBe(200);
    expect((await call(emu, 'POST', '/_emulator/clock', { body: { advanceMs: 119_000 } })).status).toBe(200);
    expect((await call(emu, 'GET', '/api/schedule/tasks/definitions', { headers: auth })).status).toBe(200);
    await call(emu, 'POST', '/_emulator/clock', { body: { advanceMs: 1_000 } });
    expect((await call(emu, 'GET', '/api/schedule/tasks/definitions', { headers: auth })).status).toBe(401);

    const fresh = await tokenFor(emu);
    const before = (await call(emu, 'GET', '/_emulator/tokens')).json;
    expect(before.active).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(before)).not.toContain(fresh);
    const revoked = await call(emu, 'DELETE', '/_emulator/tokens');
    expect(revoked.json.revoked).toBeGreaterThanOrEqual(1);
    expect(
      (
        await call(emu, 'GET', '/api/schedule/tasks/definitions', {
          headers: { authorization: `Bearer ${fresh}` },
        })
      ).status,
    ).toBe(401);
  });

  it('sends the lifetime as expireIn when configured so', async () => {
    await call(emu, 'PUT', '/_emulator/config', { body: { token: { expiryField: 'expireIn' } } });
    const res = await call(emu, 'POST', '/api/authority/token', { headers: { authorization: DEMO } });
    expect(res.json.data.expireIn).toBe(120);
    expect(res.json.data.expiresIn).toBeUndefined();
    const bad = await call(emu, 'PUT', '/_emulator/config', { body: { token: { ttlSeconds: 0 } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('token.ttlSeconds');
    await call(emu, 'PUT', '/_emulator/config', { body: { token: { expiryField: 'expiresIn' } } });
  });
});

describe('Playvox WFM emulator: users, OpenAPI, reset', () => {
  let emu: PlayvoxWfmEmulator;
  let auth: Record<string, string>;
  beforeAll(async () => {
    emu = await startPlayvoxWfmEmulator({ seed: 7, userCount: 20 });
    auth = { authorization: `Bearer ${await tokenFor(emu)}` };
  });
  afterAll(() => emu.close());

  it('pages users with nextPageToken, the token alone carrying the query', async () => {
    const seen: number[] = [];
    let res = await call(emu, 'GET', '/api/organisation/users?pageSize=7', { headers: auth });
    let pages = 1;
    for (; ; pages++) {
      expect(res.status).toBe(200);
      seen.push(...res.json.data.map((user: { id: number }) => user.id));
      if (!res.json.nextPageToken) break;
      expect(pages).toBeLessThan(10);
      res = await call(
        emu,
        'GET',
        `/api/organisation/users?nextPageToken=${encodeURIComponent(res.json.nextPageToken)}`,
        { headers: auth },
      );
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('serves the user shape, with unique lower-case emails, on the tenant and the regional path', async () => {
    const tenant = await call(emu, 'GET', '/api/organisation/users?pageSize=100', { headers: auth });
    const regional = await call(emu, 'GET', '/organisation/users?pageSize=100', { headers: auth });
    expect(regional.json).toEqual(tenant.json);
    const users = tenant.json.data as Array<Record<string, unknown>>;
    expect(users[0]).toMatchObject({
      organisationId: expect.any(Number),
      isActive: true,
      integrations: [],
      team: { id: expect.any(Number), name: expect.any(String) },
    });
    const emails = users.map((user) => user.email as string);
    expect(new Set(emails).size).toBe(20);
    for (const email of emails) expect(email).toMatch(/^[a-z]+\.[a-z]+\d+@voxbridge-demo\.test$/);
  });

  it('seeds the same users for the same seed', async () => {
    const twin = await startPlayvoxWfmEmulator({ seed: 7, userCount: 20 });
    try {
      expect(twin.state.directory.list().map((user) => user.email)).toEqual(
        emu.state.directory.list().map((user) => user.email),
      );
    } finally {
      await twin.close();
    }
  });

  it('refuses a foreign nextPageToken and an out-of-range pageSize with 400', async () => {
    expect(
      (await call(emu, 'GET', '/api/organisation/users?nextPageToken=garbage', { headers: auth })).status,
    ).toBe(400);
    expect(
      (await call(emu, 'GET', '/api/organisation/users?pageSize=0', { headers: auth })).json.error.field,
    ).toBe('pageSize');
  });

  it('adds users with integration ids through the admin API', async () => {
    const res = await call(emu, 'POST', '/_emulator/users', {
      body: {
        users: [
          {
            email: 'New.Agent@Example.com',
            firstName: 'New',
            lastName: 'Agent',
            integrations: { gladly: 'agent-77' },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.data[0]).toMatchObject({
      email: 'new.agent@example.com',
      integrations: [{ integrationAlias: 'gladly', identifier: 'agent-77' }],
    });
    expect((await call(emu, 'POST', '/_emulator/users', { body: { email: 'not-an-email' } })).status).toBe(
      422,
    );
  });

  it('describes every route in an OpenAPI 3.1 document, marking the designed ones', async () => {
    const doc = (await call(emu, 'GET', '/_emulator/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    const paths = ['/api/authority/token', '/api/organisation/users', '/api/schedule/tasks/definitions'];
    const activity = ['/api/workactivity/tasks', '/api/workactivity/workstreams/metrics/agents'];
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([...paths, ...activity]));
    const inbound = doc.paths['/api/workactivity/integrations/{integration}/agent-status'].post;
    expect(inbound['x-voxbridge-design']).toBe(true);
    expect(inbound.description).toMatch(/not publish/);
    expect(
      doc.paths['/api/workactivity/integrations/{integration}/contacts'].post['x-voxbridge-design'],
    ).toBe(true);
    expect(
      doc.paths['/api/workactivity/integrations/{integration}/unmatched'].get['x-voxbridge-design'],
    ).toBe(true);
    // Playvox may send null for a flag (tap-playvox's schema), so the 0/1 enum sits in an anyOf.
    expect(JSON.stringify(doc.components.schemas.TaskInterval.properties.isPaid)).toContain('"enum":[0,1]');
  });

  it('returns to the seeded state on reset, tokens included', async () => {
    const users = emu.state.directory.size;
    await call(emu, 'POST', '/api/schedule/tasks/definitions', {
      headers: auth,
      body: { name: 'Temporary' },
    });
    expect(emu.state.catalog.taskDefinitions.size).toBe(1);
    expect((await call(emu, 'POST', '/_emulator/reset')).status).toBe(200);
    expect(emu.state.catalog.taskDefinitions.size).toBe(0);
    expect(emu.state.directory.size).toBe(users - 1);
    expect((await call(emu, 'GET', '/api/schedule/tasks/definitions', { headers: auth })).status).toBe(401);
  });
});
