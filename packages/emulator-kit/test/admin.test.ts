import { describe, expect, it } from 'vitest';
import { sharedKitTest } from './fixtures.js';

const kit = sharedKitTest();

describe('admin API', () => {
  it('answers health without credentials', async () => {
    const res = await kit.admin('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, emulator: 'kit-test' });
  });

  it('binds 127.0.0.1 by default', () => {
    expect(kit.emulator.host).toBe('127.0.0.1');
    expect(kit.emulator.url).toBe(`http://127.0.0.1:${kit.emulator.port}`);
    expect(kit.emulator.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  });

  it('resets state, faults, config, limits and stats', async () => {
    await kit.call('POST', '/v1/things', { body: { name: 'three' } });
    await kit.admin('PUT', '/faults', [{ path: '^/v1/nothing', status: 500 }]);
    await kit.admin('PUT', '/config', { pageSize: 50, rateLimit: { requestsPerMinute: 1 } });
    await kit.call('GET', '/v1/things');
    expect((await kit.call('GET', '/v1/things')).status).toBe(429);

    expect((await kit.admin('POST', '/reset')).body).toEqual({ ok: true });
    expect((await kit.call('GET', '/v1/things')).body.items).toHaveLength(2);
    expect((await kit.admin('GET', '/faults')).body).toEqual([]);
    expect((await kit.admin('GET', '/config')).body).toEqual({
      rateLimit: { requestsPerMinute: 0 },
      gzip: true,
      pageSize: 10,
    });
    expect((await kit.admin('GET', '/stats')).body).toMatchObject({ total: 1, faults: 0 });
  });

  it('stores, lists and clears fault rules, with how often each applied', async () => {
    const rules = [{ method: 'GET', path: '^/v1/things$', status: 503, retryAfter: 1, times: 1 }];
    const put = await kit.admin('PUT', '/faults', rules);
    expect(put.status).toBe(200);
    expect(put.body).toEqual([{ ...rules[0], applied: 0 }]);
    await kit.call('GET', '/v1/things');
    expect((await kit.admin('GET', '/faults')).body).toEqual([{ ...rules[0], applied: 1 }]);
    expect((await kit.admin('DELETE', '/faults')).body).toEqual([]);
    expect((await kit.admin('GET', '/faults')).body).toEqual([]);
  });

  it('accepts the { "rules": [...] } form', async () => {
    const put = await kit.admin('PUT', '/faults', { rules: [{ status: 500, probability: 0 }] });
    expect(put.status).toBe(200);
    expect(put.body).toHaveLength(1);
  });

  it.each([
    [{ not: 'a list' }, 'body:'],
    [[42], '[0]: must be an object'],
    [[{}], '[0]: needs at least one of status, delayMs, drop, truncate'],
    [[{ status: 99 }], '[0].status:'],
    [[{ status: 500 }, { status: '503' }], '[1].status:'],
    [[{ status: 500, path: '(' }], '[0].path: invalid regular expression'],
    [[{ status: 500, path: 12 }], '[0].path:'],
    [[{ status: 500, probability: 2 }], '[0].probability:'],
    [[{ status: 500, retryAfter: -1 }], '[0].retryAfter:'],
    [[{ delayMs: 'slow' }], '[0].delayMs:'],
    [[{ delayMs: 10_000_000 }], '[0].delayMs:'],
    [[{ status: 500, times: 1.5 }], '[0].times:'],
    [[{ drop: 'yes' }], '[0].drop:'],
    [[{ truncate: 1 }], '[0].truncate:'],
    [[{ status: 500, method: 'GET /x' }], '[0].method:'],
    [[{ status: 500, retry_after: 1 }], '[0].retry_after: unknown field'],
    [[{ delayMs: 5, retryAfter: 1 }], '[0].retryAfter: needs a status'],
  ])('refuses the fault rules %j with an error naming %s', async (rules, expected) => {
    const res = await kit.admin('PUT', '/faults', rules);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(expected);
    // A refused PUT leaves the previous rules in place (none here).
    expect((await kit.admin('GET', '/faults')).body).toEqual([]);
  });

  it('merges a partial config deeply and validates the result', async () => {
    expect((await kit.admin('GET', '/config')).body).toEqual({
      rateLimit: { requestsPerMinute: 0 },
      gzip: true,
      pageSize: 10,
    });
    expect((await kit.admin('PUT', '/config', { pageSize: 20 })).body).toEqual({
      rateLimit: { requestsPerMinute: 0 },
      gzip: true,
      pageSize: 20,
    });
    expect((await kit.admin('PUT', '/config', { rateLimit: { windowMs: 30_000 } })).body.rateLimit).toEqual({
      requestsPerMinute: 0,
      windowMs: 30_000,
    });
    const merged = await kit.admin('PUT', '/config', { rateLimit: { requestsPerMinute: 5 } });
    expect(merged.body).toEqual({
      rateLimit: { requestsPerMinute: 5, windowMs: 30_000 },
      gzip: true,
      pageSize: 20,
    });
    expect(kit.emulator.config()).toEqual(merged.body);
  });

  it('accepts requestsPerMinute at the top level as a shorthand', async () => {
    const res = await kit.admin('PUT', '/config', { requestsPerMinute: 7 });
    expect(res.status).toBe(200);
    expect(res.body.rateLimit).toEqual({ requestsPerMinute: 7 });
    expect(res.body).not.toHaveProperty('requestsPerMinute');
  });

  it.each([
    [{ pageSize: 0 }, 'pageSize'],
    [{ rateLimit: { requestsPerMinute: -1 } }, 'rateLimit.requestsPerMinute'],
    [{ rateLimit: { requestsPerMinute: 1.5 } }, 'rateLimit.requestsPerMinute'],
    [{ rateLimit: { windowMs: 0 } }, 'rateLimit.windowMs'],
    [{ rateLimit: 5 }, 'rateLimit'],
    [{ gzip: 'yes' }, 'gzip'],
    [[1, 2], 'config'],
  ])('refuses the config %j with an error naming %s, and keeps the old one', async (patch, field) => {
    const res = await kit.admin('PUT', '/config', patch);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`${field}:`);
    expect((await kit.admin('GET', '/config')).body).toEqual({
      rateLimit: { requestsPerMinute: 0 },
      gzip: true,
      pageSize: 10,
    });
  });

  it('refuses a config body that is not JSON', async () => {
    const res = await kit.call('PUT', '/_emulator/config', {
      rawBody: '{"pageSize":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^body: invalid JSON/);
  });

  it('ignores keys that would reach a prototype', async () => {
    const res = await kit.call('PUT', '/_emulator/config', {
      rawBody: '{"__proto__":{"polluted":true},"constructor":{"x":1},"pageSize":11}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rateLimit: { requestsPerMinute: 0 }, gzip: true, pageSize: 11 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(kit.emulator.config())).toBe(Object.prototype);
  });

  it('counts API requests by route and status, not admin requests', async () => {
    await kit.call('GET', '/v1/things/1');
    await kit.call('GET', '/v1/things/2');
    await kit.call('GET', '/v1/things/9');
    await kit.call('GET', '/v1/nothing');
    await kit.call('DELETE', '/v1/things');
    await kit.call('GET', '/v1/things', { headers: { 'x-key': 'wrong' } });
    await kit.admin('PUT', '/faults', [{ path: '^/v1/things$', status: 503, times: 1 }]);
    await kit.call('GET', '/v1/things');
    await kit.call('GET', '/v1/things');
    await kit.admin('GET', '/health');
    const stats = (await kit.admin('GET', '/stats')).body;
    expect(stats).toEqual({
      total: 8,
      faults: 1,
      byRoute: {
        'GET /v1/things/:id': { '200': 2, '404': 1 },
        'GET (unmatched)': { '404': 1 },
        'DELETE (unmatched)': { '405': 1 },
        'GET /v1/things': { '401': 1, '503': 1, '200': 1 },
      },
      byStatus: { '200': 3, '401': 1, '404': 2, '405': 1, '503': 1 },
    });
    expect(kit.emulator.stats()).toEqual(stats);
  });

  it('serves the OpenAPI document with the admin paths added', async () => {
    const res = await kit.admin('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/things',
        '/_emulator/health',
        '/_emulator/faults',
        '/_emulator/config',
        '/_emulator/stats',
      ]),
    );
  });

  it("serves the emulator's own admin routes", async () => {
    // The clock started at midnight and runs at real speed, so it reads a few moments past it.
    expect((await kit.admin('GET', '/clock')).body.now).toMatch(/^2026-01-01T00:0/);
    const advanced = await kit.admin('POST', '/clock/advance', { ms: 86_400_000 });
    expect(advanced.body.now).toMatch(/^2026-01-02T00:0/);
    expect((await kit.admin('POST', '/clock/advance', {})).status).toBe(400);
  });

  it('answers an unknown admin path with a JSON 404', async () => {
    const res = await kit.admin('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('resets through the running handle as well', async () => {
    await kit.call('POST', '/v1/things', { body: { name: 'three' } });
    kit.emulator.reset();
    expect((await kit.call('GET', '/v1/things')).body.items).toHaveLength(2);
  });
});
