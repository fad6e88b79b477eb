import { gunzipSync } from 'node:zlib';
import { invalidExamples, Router, undocumentedRoutes } from '@voxbridge/emulator-kit';
import { createPlayvoxEmulator, PLAYVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-playvox';
import { describe, expect, it } from 'vitest';
import { createReadyIntegration, sharedEmulator, waitForJob } from './helpers.js';

const shared = sharedEmulator();
const { api } = shared;

describe('authentication', () => {
  it('answers 401 with a JSON error without credentials, with a wrong key, or with a malformed header', async () => {
    for (const options of [
      { auth: false as const },
      { auth: { uid: 'demo', key: 'wrong' } },
      { auth: false as const, headers: { authorization: 'Bearer demo-secret' } },
      { auth: false as const, headers: { authorization: 'Basic not*base64' } },
    ]) {
      const answer = await api.get('users', options);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ success: false, error: { code: 'unauthorized' } });
      expect(JSON.stringify(answer.body)).not.toContain('demo-secret');
    }
  });

  it('guards every route, writes included', async () => {
    expect(
      (await api.post('integrations', { name: 'x', settings: { data_storage_minutes: 10 } }, { auth: false }))
        .status,
    ).toBe(401);
    expect((await api.del('teams/000000000000000000000000', { auth: false })).status).toBe(401);
  });

  it('accepts every configured credential', async () => {
    await api.put('/_emulator/config', {
      credentials: [PLAYVOX_DEFAULT_CREDENTIALS, { uid: 'second', key: 'second-key' }],
    });
    expect((await api.get('roles', { auth: { uid: 'second', key: 'second-key' } })).status).toBe(200);
    expect((await api.get('roles')).status).toBe(200);
    await api.put('/_emulator/config', { credentials: [{ uid: 'only', key: 'only-key' }] });
    expect((await api.get('roles')).status).toBe(401);
  });

  it('rejects an invalid configuration naming the key', async () => {
    const answer = await api.put('/_emulator/config', { jobs: { delayMs: -1 } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('jobs.delayMs');
    expect(() => createPlayvoxEmulator({ config: { pagination: { maxPerPage: 0 } } })).toThrow(
      /pagination.maxPerPage/,
    );
  });
});

describe('admin API', () => {
  it('reports health and merges configuration', async () => {
    expect((await api.get('/_emulator/health')).body).toEqual({ ok: true, emulator: 'playvox' });
    const merged = await api.put('/_emulator/config', {
      rateLimit: { requestsPerMinute: 600 },
      jobs: { delayMs: 200 },
    });
    expect(merged.body.rateLimit.requestsPerMinute).toBe(600);
    expect(merged.body.jobs.delayMs).toBe(200);
    expect(merged.body.pagination.maxPerPage).toBe(100);
    expect(shared.emu.config().jobs.delayMs).toBe(200);
  });

  it('injects faults and then serves normally', async () => {
    await api.put('/_emulator/faults', [
      { method: 'GET', path: '/api/v1/users', status: 503, retryAfter: 2, times: 1 },
    ]);
    const faulted = await api.get('users');
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('2');
    expect(faulted.body).toMatchObject({ success: false, error: { code: 'service_unavailable' } });
    expect((await api.get('users')).status).toBe(200);
    expect((await api.get('/_emulator/faults')).body[0].applied).toBe(1);
  });

  it('sends rate limit headers and answers 429 past the limit', async () => {
    await api.put('/_emulator/config', { rateLimit: { requestsPerMinute: 2 } });
    const first = await api.get('roles');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
    expect((await api.get('roles')).status).toBe(200);
    const limited = await api.get('roles');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.body).toMatchObject({ success: false, error: { code: 'rate_limited' } });
  });

  it('compresses large answers when asked', async () => {
    const response = await fetch(`${shared.emu.apiUrl}/users?per_page=100`, {
      headers: {
        authorization: `Basic ${Buffer.from('demo:demo-secret').toString('base64')}`,
        'accept-encoding': 'gzip',
      },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    // fetch already decoded it; check the body is the JSON list
    expect((await response.json()).success).toBe(true);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(
          `${shared.emu.apiUrl}/users?per_page=100`,
          {
            headers: {
              authorization: `Basic ${Buffer.from('demo:demo-secret').toString('base64')}`,
              'accept-encoding': 'gzip',
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(Buffer.concat(chunks)));
          },
        ).on('error', reject),
      );
    });
    // 40 seeded users and the 58 of the default roster (60 people, 2 without a Playvox user).
    expect(JSON.parse(gunzipSync(raw).toString('utf8')).result).toHaveLength(40 + 58);
  });

  it('reset drops created state and restores the seed', async () => {
    const before = (await api.get('users?per_page=1')).body.total;
    await api.post('users', {
      name: 'A',
      last_name: 'B',
      username: 'ab',
      email: 'ab@example.com',
      password: 'Secret12345',
    });
    await createReadyIntegration(api, 'to be reset');
    expect((await api.get('users?per_page=1')).body.total).toBe(before + 1);
    await api.post('/_emulator/reset');
    expect((await api.get('users?per_page=1')).body.total).toBe(before);
    expect((await api.get('integrations')).body.total).toBe(0);
    expect((await api.get('/_emulator/stats')).body.total).toBe(2);
  });

  it('re-seeds when seed counts change', async () => {
    await api.put('/_emulator/config', { seed: { users: 250 } });
    expect((await api.get('users?per_page=1')).body.total).toBe(250 + 58);
    expect(shared.emu.store.users()).toHaveLength(250 + 58);
  });

  it('serves the ground truth', async () => {
    const integrationId = await createReadyIntegration(api, 'truth');
    const item = (id: string) => ({
      interaction_id: id,
      assignee_id: 'agent@example.com',
      call_date: '2024-05-01T10:00:00Z',
    });
    await api.post(`integrations/${integrationId}/interactions`, item('a'));
    await api.post(`integrations/${integrationId}/interactions`, item('a'));
    const job = await api.post(`integrations/${integrationId}/bulk/interactions`, [
      item('b'),
      item('c'),
      { interaction_id: 'bad' },
    ]);
    await waitForJob(api, job.body.result._id);
    const created = await api.get(`integrations/${integrationId}/interactions?per_page=1`);
    await api.post(`interactions/${created.body.result[0]._id}/comments`, {
      body: 'hi',
      type: 'internal_note',
      author_id: 'qa@example.com',
    });
    const truth = await api.get('/_emulator/truth');
    expect(truth.body).toEqual({
      integrations: [{ _id: integrationId, name: 'truth', interactions: 4 }],
      interactions: {
        total: 4,
        distinctInteractionIds: 3,
        duplicates: ['a'],
        updated: 0,
        updates: 0,
        unchangedUpdates: 0,
      },
      comments: 1,
      attachments: 0,
      files: { stored: 0, bytes: 0 },
      jobs: { queued: 0, processing: 0, completed: 1, failed: 0 },
    });
    expect(shared.emu.store.truth()).toEqual(truth.body);
  });

  it('counts the updates each interaction received, a repeat of the same values apart, with its metadata', async () => {
    const integrationId = await createReadyIntegration(api, 'updates');
    const created = await api.post(`integrations/${integrationId}/interactions`, {
      interaction_id: 'late-1',
      assignee_id: 'agent@example.com',
      call_date: '2024-05-01T10:00:00Z',
    });
    const path = `integrations/${integrationId}/interactions/${created.body._id}`;
    expect((await api.put(path, { call_date: '2024-05-01T11:00:00Z' })).status).toBe(200);
    // The same values again (a retried PUT): held, but not a change.
    expect((await api.put(path, { call_date: '2024-05-01T11:00:00Z' })).status).toBe(200);
    const truth = await api.get('/_emulator/truth?details=true');
    expect(truth.body.interactions).toMatchObject({ updated: 1, updates: 1, unchangedUpdates: 1 });
    const mine = truth.body.details.find((d: { interaction_id: string }) => d.interaction_id === 'late-1');
    expect(mine).toEqual({
      _id: created.body._id,
      interaction_id: 'late-1',
      assignee_id: 'agent@example.com',
      metadata: { call_date: '2024-05-01T11:00:00Z' },
      updates: 1,
      unchangedUpdates: 1,
    });
    expect((await api.get('/_emulator/truth')).body.details).toBeUndefined();
  });
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every served route and method', async () => {
    const doc = (await api.get('/_emulator/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const { definition } = createPlayvoxEmulator();
    for (const route of definition.router.routes) {
      const path = route.pattern.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path], `${route.method} ${path}`).toBeDefined();
      expect(doc.paths[path][route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/_emulator/truth'].get).toBeDefined();
    const served = new Set(
      definition.router.routes.map((r) => `${r.method} ${r.pattern.replace(/:([A-Za-z]+)/g, '{$1}')}`),
    );
    for (const [path, operations] of Object.entries(doc.paths as Record<string, object>)) {
      if (path.startsWith('/_emulator/')) continue;
      for (const method of Object.keys(operations))
        expect(served.has(`${method.toUpperCase()} ${path}`), `${method} ${path}`).toBe(true);
    }
  });

  it('is generated: every served route (API and admin) is described and every example passes', async () => {
    const doc = (await api.get('/_emulator/openapi.json')).body;
    const { definition } = createPlayvoxEmulator();
    expect(undocumentedRoutes(definition.router, doc)).toEqual([]);
    const admin = new Router();
    for (const route of definition.adminRouter?.routes ?? [])
      admin.add(route.method, `/_emulator${route.pattern}`, route.handler);
    expect(undocumentedRoutes(admin, doc)).toEqual([]);
    expect(
      invalidExamples([...definition.router.operations, ...(definition.adminRouter?.operations ?? [])]),
    ).toEqual([]);
  });
});
