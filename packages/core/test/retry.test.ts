import { createServer } from 'node:net';
import {
  ConnectionError,
  HttpClient,
  type HttpClientOptions,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  RateLimiter,
  type RetryEvent,
  TimeoutError,
} from '@voxbridge/core';
import { describe, expect, it } from 'vitest';
import { apiClient, countRequests, sharedTestServer } from './fixtures.js';

const server = sharedTestServer();

/** A client with tiny backoff delays and a record of its retry events. */
function client(options: Partial<HttpClientOptions> = {}) {
  const http = apiClient(server, { retry: { baseDelayMs: 1, maxDelayMs: 2, ...options.retry }, ...options });
  const retries: RetryEvent[] = [];
  http.on('retry', (event) => retries.push(event));
  return { http, retries, requests: countRequests(http) };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('retry policy over HTTP', () => {
  it.each([408, 429, 500, 502, 503, 504])(
    'retries a GET that got %i once and then succeeds',
    async (status) => {
      await server.faults([{ method: 'GET', path: '^/api/items$', status, times: 1 }]);
      const { http, retries } = client();
      const res = await http.request({ method: 'GET', path: 'items' });
      expect(res.status).toBe(200);
      expect(res.attempts).toBe(2);
      expect(retries.map((r) => r.reason)).toEqual([`status ${status}`]);
    },
  );

  it('gives up after maxRetries and throws the typed error of the last answer', async () => {
    await server.faults([{ path: '^/api/items$', status: 503, times: 10 }]);
    const { http, requests } = client({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    await expect(http.request({ method: 'GET', path: 'items' })).rejects.toBeInstanceOf(InternalServerError);
    expect(requests()).toBe(3);
    expect(server.emulator.stats().byStatus['503']).toBe(3);
  });

  it('does not retry a 4xx other than 408 and 429', async () => {
    const { http, requests } = client();
    await expect(http.request({ method: 'GET', path: 'status/404' })).rejects.toBeInstanceOf(NotFoundError);
    expect(requests()).toBe(1);
  });

  it('waits the Retry-After seconds instead of its own backoff', async () => {
    await server.faults([{ path: '^/api/items$', status: 503, retryAfter: 0.05, times: 1 }]);
    const { http, retries } = client({ retry: { baseDelayMs: 20_000, maxDelayMs: 20_000 } });
    await http.request({ method: 'GET', path: 'items' });
    expect(retries.map((r) => r.delayMs)).toEqual([50]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const { http, retries } = client({ retry: { baseDelayMs: 20_000, maxDelayMs: 20_000 } });
    const res = await http.request({ method: 'GET', path: 'retry-date/a' });
    expect(res.attempts).toBe(2);
    expect(retries).toHaveLength(1);
    // The date has a one-second resolution, so the wait is anywhere up to a second, never the backoff.
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(0);
    expect(retries[0]?.delayMs).toBeLessThanOrEqual(1000);
  });

  it('honours retry-after-ms', async () => {
    const { http, retries } = client({ retry: { baseDelayMs: 20_000, maxDelayMs: 20_000 } });
    await http.request({ method: 'GET', path: 'retry-ms/a' });
    expect(retries.map((r) => r.delayMs)).toEqual([20]);
  });

  it('ends the retries at once when Retry-After exceeds the cap, and says how long to wait', async () => {
    await server.faults([{ path: '^/api/items$', status: 429, retryAfter: 120, times: 1 }]);
    const limiter = new RateLimiter();
    const { http, requests } = client({ rateLimiter: limiter });
    const error = await http.request({ method: 'GET', path: 'items' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(requests()).toBe(1);
    // The limiter is paused, but no longer than the policy's cap.
    const { pausedUntil } = limiter.stats();
    expect(pausedUntil).toBeGreaterThan(Date.now());
    expect(pausedUntil).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('applies a smaller maxRetryAfterMs', async () => {
    await server.faults([{ path: '^/api/items$', status: 503, retryAfter: 1, times: 1 }]);
    const { http, requests } = client({ retry: { maxRetryAfterMs: 100 } });
    await expect(http.request({ method: 'GET', path: 'items' })).rejects.toMatchObject({
      status: 503,
      retryAfterMs: 1000,
    });
    expect(requests()).toBe(1);
  });

  it('grows the backoff exponentially with a fixed random, up to maxDelayMs', async () => {
    await server.faults([{ path: '^/api/items$', status: 503, times: 3 }]);
    const growing = client({
      random: () => 0.5,
      retry: { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 1000 },
    });
    await growing.http.request({ method: 'GET', path: 'items' });
    // 0.5 jitter gives 75 % of each step: 20, 40, 80 → 15, 30, 60.
    expect(growing.retries.map((r) => r.delayMs)).toEqual([15, 30, 60]);

    await server.faults([{ path: '^/api/items$', status: 503, times: 3 }]);
    const capped = client({ random: () => 0.5, retry: { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 25 } });
    await capped.http.request({ method: 'GET', path: 'items' });
    expect(capped.retries.map((r) => r.delayMs)).toEqual([15, 19, 19]);
  });
});

describe('non-idempotent requests', () => {
  it('does not retry a POST that got 503', async () => {
    await server.faults([{ method: 'POST', path: '^/api/items$', status: 503, times: 1 }]);
    const { http, requests } = client();
    await expect(http.request({ method: 'POST', path: 'items', body: { a: 1 } })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(requests()).toBe(1);
  });

  it('retries a POST marked retrySafe', async () => {
    await server.faults([{ method: 'POST', path: '^/api/items$', status: 503, times: 1 }]);
    const { http } = client();
    const res = await http.request({ method: 'POST', path: 'items', body: { a: 1 }, retrySafe: true });
    expect(res).toMatchObject({ status: 201, attempts: 2, body: { created: { a: 1 } } });
  });

  it('does not retry a POST whose connection dropped after it was sent', async () => {
    await server.faults([{ method: 'POST', path: '^/api/items$', drop: true, times: 1 }]);
    const { http, requests } = client();
    await expect(http.request({ method: 'POST', path: 'items', body: {} })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(requests()).toBe(1);
  });

  it('retries a POST whose connection was refused (it never reached a server)', async () => {
    const port = await closedPort();
    const http = new HttpClient({
      baseUrl: `http://127.0.0.1:${port}/`,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const retries: RetryEvent[] = [];
    http.on('retry', (event) => retries.push(event));
    const error = await http.request({ method: 'POST', path: 'items', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(retries).toHaveLength(2);
  });
});

describe('network faults and timeouts', () => {
  it('retries a GET whose connection was dropped', async () => {
    await server.faults([{ path: '^/api/items$', drop: true, times: 1 }]);
    const { http, retries } = client();
    const res = await http.request({ method: 'GET', path: 'items' });
    expect(res.attempts).toBe(2);
    expect(retries[0]?.reason).toMatch(/GET \/api\/items failed/);
  });

  it('retries a GET whose body was cut short', async () => {
    await server.faults([{ path: '^/api/big$', truncate: true, times: 1 }]);
    const { http, retries } = client();
    const res = await http.request<{ items: unknown[] }>({ method: 'GET', path: 'big' });
    expect(res.body.items).toHaveLength(25);
    expect(res.attempts).toBe(2);
    expect(retries).toHaveLength(1);
  });

  it('times out each attempt on its own and retries with a fresh timeout', async () => {
    await server.faults([{ path: '^/api/items$', delayMs: 5_000, times: 1 }]);
    const { http } = client({ timeoutMs: 150 });
    const failures: Error[] = [];
    http.on('failure', (event) => failures.push(event.error));
    const res = await http.request({ method: 'GET', path: 'items' });
    expect(res.attempts).toBe(2);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(TimeoutError);
    expect(failures[0]?.message).toBe('GET /api/items timed out after 150 ms');
  });

  it('does not retry a POST that timed out (it may have been applied)', async () => {
    await server.faults([{ method: 'POST', path: '^/api/items$', delayMs: 5_000, times: 1 }]);
    const { http, requests } = client({ timeoutMs: 150 });
    await expect(http.request({ method: 'POST', path: 'items', body: {} })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(requests()).toBe(1);
  });
});
