import { AbortError, ConnectionError, InternalServerError, TimeoutError } from '@voxbridge/core';
import { BulkSubmitError } from '@voxbridge/playvox';
import { afterEach, describe, expect, it } from 'vitest';
import { clearFaults, clientFor, makeIntegration, setFaults, sharedClient, unique } from './helpers.js';

const { emu, pv, seen } = sharedClient();
afterEach(async () => {
  await clearFaults(emu);
  seen.requests = 0;
  seen.retries.length = 0;
  seen.responses.length = 0;
});

describe('idempotent requests are retried by the core policy', () => {
  it('GET survives two 503s', async () => {
    await setFaults(emu, [{ method: 'GET', path: '^/api/v1/users', status: 503, retryAfter: 0, times: 2 }]);
    const page = await pv.users.list({ perPage: 3 });
    expect(page.items).toHaveLength(3);
    expect(seen.retries.map((r) => r.reason)).toEqual(['status 503', 'status 503']);
    expect(seen.responses.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('waits as long as Retry-After says', async () => {
    await setFaults(emu, [{ method: 'GET', path: '^/api/v1/roles', status: 503, retryAfter: 1, times: 1 }]);
    await pv.roles.list();
    expect(seen.retries).toEqual([{ delayMs: 1_000, reason: 'status 503' }]);
  });

  it("retries a 429 and pauses the credential's limiter", async () => {
    await setFaults(emu, [
      { method: 'GET', path: '^/api/v1/scorecards', status: 429, retryAfter: 1, times: 1 },
    ]);
    const pausesBefore = pv.http.rateLimiter!.stats().pauses;
    await pv.scorecards.list();
    expect(seen.responses.map((r) => r.status)).toEqual([429, 200]);
    expect(pv.http.rateLimiter!.stats().pauses).toBe(pausesBefore + 1);
    expect(seen.retries).toEqual([{ delayMs: 1_000, reason: 'status 429' }]);
  });

  it('retries a GET whose connection was dropped', async () => {
    await setFaults(emu, [{ method: 'GET', path: '^/api/v1/coachings', drop: true, times: 1 }]);
    expect((await pv.coachings.list({ perPage: 2 })).items).toHaveLength(2);
    expect(seen.retries).toHaveLength(1);
  });

  it('PUT and DELETE are retried and take effect once', async () => {
    const leader = (await pv.users.list({ perPage: 1 })).items[0]!._id;
    const id = await pv.teams.create({ name: unique('Retry'), teamLeaderIds: [leader] });
    await setFaults(emu, [
      { method: 'PUT', path: '^/api/v1/teams/', status: 502, retryAfter: 0, times: 1 },
      { method: 'DELETE', path: '^/api/v1/teams/', status: 500, times: 1 },
    ]);
    await pv.teams.update(id, { description: 'after a 502' });
    expect((await pv.teams.list({ query: { _id: id } })).items[0]!.description).toBe('after a 502');
    await pv.teams.delete(id);
    expect((await pv.teams.list({ query: { _id: id } })).items).toHaveLength(0);
    expect(seen.retries.map((r) => r.reason)).toEqual(['status 502', 'status 500']);
  });

  it('lives within an emulated rate limit by waiting for the window', async () => {
    emu.configure({ rateLimit: { requestsPerMinute: 4, windowMs: 1_000 } });
    try {
      const { pv: client, seen: counts } = clientFor(emu, { rateLimit: 6_000 });
      const pages = await Promise.all(Array.from({ length: 6 }, () => client.roles.list({ perPage: 1 })));
      expect(pages.every((p) => p.items.length === 1)).toBe(true);
      expect(counts.responses.filter((r) => r.status === 429).length).toBeGreaterThan(0);
      expect(counts.responses.filter((r) => r.status === 200)).toHaveLength(6);
    } finally {
      emu.configure({ rateLimit: { requestsPerMinute: 0 } });
    }
  });
});

describe('creates are sent once', () => {
  it('a POST answered 503 is not repeated and creates nothing', async () => {
    const leader = (await pv.users.list({ perPage: 1 })).items[0]!._id;
    const name = unique('Once');
    await setFaults(emu, [{ method: 'POST', path: '^/api/v1/teams$', status: 503, retryAfter: 0, times: 1 }]);
    seen.requests = 0;
    await expect(pv.teams.create({ name, teamLeaderIds: [leader] })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(seen.requests).toBe(1);
    expect(seen.retries).toHaveLength(0);
    expect((await pv.teams.list({ query: { name } })).items).toHaveLength(0);
  });

  it('a POST whose connection dropped is not repeated', async () => {
    const integrationId = await makeIntegration(pv);
    await setFaults(emu, [{ method: 'POST', path: '/interactions$', drop: true, times: 1 }]);
    seen.requests = 0;
    const error = await pv.interactions
      .create(integrationId, {
        interactionId: 'drop-1',
        assigneeId: 'a',
        metadata: { closed_at: new Date() },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(seen.requests).toBe(1);
    expect((await pv.interactions.list(integrationId)).items).toHaveLength(0);
  });

  it('a failed bulk request is not repeated; the error says what was and was not sent', async () => {
    const integrationId = await makeIntegration(pv);
    const items = Array.from({ length: 250 }, (_, i) => ({
      interactionId: `b-${i}`,
      assigneeId: 'a',
      metadata: { closed_at: new Date() },
    }));
    await setFaults(emu, [
      { method: 'POST', path: '/bulk/interactions$', status: 503, retryAfter: 0, times: 1 },
    ]);
    seen.requests = 0;
    const error = (await pv.interactions
      .bulkCreate(integrationId, items, { concurrency: 1 })
      .catch((e: unknown) => e)) as BulkSubmitError;
    expect(error).toBeInstanceOf(BulkSubmitError);
    expect(seen.requests).toBe(1);
    expect(error.chunks.map((c) => [c.chunk, c.firstItem, c.itemCount, c.jobId, c.error?.name])).toEqual([
      [0, 0, 100, undefined, 'InternalServerError'],
      [1, 100, 100, undefined, undefined],
      [2, 200, 50, undefined, undefined],
    ]);
    expect(error.jobIds).toEqual([]);
    expect(error.message).toMatch(/1 of 3 requests failed \(0 accepted, 2 not sent\)/);
  });
});

describe('timeouts and aborts', () => {
  it('times an attempt out and retries it, then gives up with a TimeoutError', async () => {
    await setFaults(emu, [{ method: 'GET', path: '^/api/v1/evaluations', delayMs: 1_000, times: 2 }]);
    const { pv: impatient, seen: counts } = clientFor(emu, { timeoutMs: 100, maxRetries: 1 });
    await expect(impatient.evaluations.list()).rejects.toBeInstanceOf(TimeoutError);
    expect(counts.requests).toBe(2);
  });

  it('stops at once when the caller aborts', async () => {
    await setFaults(emu, [{ method: 'GET', path: '^/api/v1/calibrations', delayMs: 1_000, times: 1 }]);
    const controller = new AbortController();
    const pending = pv.calibrations.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});

describe('rate limiter sharing', () => {
  it('clients of one credential share one limiter; other credentials do not', () => {
    const a = clientFor(emu, { rateLimit: 600 }).pv;
    const b = clientFor(emu, { rateLimit: 600 }).pv;
    const other = clientFor(emu, { rateLimit: 600, uid: 'someone-else' }).pv;
    expect(a.http.rateLimiter).toBe(b.http.rateLimiter);
    expect(other.http.rateLimiter).not.toBe(a.http.rateLimiter);
    expect(a.http.rateLimiter!.stats().ratePerSecond).toBe(10);
  });
});
