import { getEventListeners } from 'node:events';
import {
  HttpClient,
  RateLimiter,
  type RateLimiterStats,
  rateLimiterFor,
  ValidationError,
} from '@voxbridge/core';
import { describe, expect, it } from 'vitest';
import { sharedTestServer, waitFor } from './fixtures.js';

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RateLimiter', () => {
  it('admits a burst at once and the rest at the sustained rate, in order', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 50, burst: 3 });
    const order: number[] = [];
    const all = Array.from({ length: 6 }, (_, i) =>
      limiter.acquire().then((release) => {
        order.push(i);
        release();
      }),
    );
    await settle();
    expect(limiter.stats()).toMatchObject({ admitted: 3, queued: 3, ratePerSecond: 50 });
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.stats()).toMatchObject({ admitted: 6, queued: 0, inFlight: 0 });
  });

  it('reads requestsPerMinute when no per-second rate is given, and 0 as no limit', () => {
    expect(new RateLimiter({ requestsPerMinute: 120 }).stats().ratePerSecond).toBe(2);
    expect(new RateLimiter({ requestsPerSecond: 0 }).stats().ratePerSecond).toBe(Infinity);
    expect(new RateLimiter({ requestsPerMinute: 0 }).stats().ratePerSecond).toBe(Infinity);
  });

  it('never runs more than maxConcurrent tasks at once', async () => {
    const limiter = new RateLimiter({ maxConcurrent: 2 });
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => limiter.run(task(i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
  });

  it('holds every queued request during a pause and then admits them in order', async () => {
    const limiter = new RateLimiter();
    limiter.pauseFor(100);
    const order: number[] = [];
    const all = [0, 1, 2].map((i) => limiter.run(async () => order.push(i)));
    await settle();
    const paused: RateLimiterStats = limiter.stats();
    expect(paused).toMatchObject({ admitted: 0, queued: 3, pauses: 1 });
    expect(paused.pausedUntil).toBeGreaterThan(0);
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2]);
    expect(limiter.stats()).toMatchObject({ admitted: 3, queued: 0, pausedUntil: 0 });
  });

  it('pauses until the later of two overlapping pauses', async () => {
    const limiter = new RateLimiter();
    limiter.pauseFor(200);
    const first = limiter.stats().pausedUntil;
    limiter.pauseFor(10);
    expect(limiter.stats().pausedUntil).toBe(first);
    expect(limiter.stats().pauses).toBe(2);
  });

  it('drops an aborted waiter from the queue and unlinks its signal', async () => {
    const limiter = new RateLimiter({ maxConcurrent: 1 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    const behind = limiter.acquire();
    expect(limiter.stats().queued).toBe(2);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.stats().queued).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    release();
    (await behind)();
    expect(limiter.stats()).toMatchObject({ queued: 0, inFlight: 0, admitted: 2 });
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = new RateLimiter({ maxConcurrent: 1 });
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.stats().inFlight).toBe(0);
  });

  it('rejects impossible options, naming the field', () => {
    const field = (options: ConstructorParameters<typeof RateLimiter>[0]) => {
      try {
        new RateLimiter(options);
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).field;
      }
    };
    expect(field({ requestsPerSecond: -1 })).toBe('requestsPerSecond');
    expect(field({ requestsPerMinute: Number.NaN })).toBe('requestsPerMinute');
    expect(field({ burst: 0 })).toBe('burst');
    expect(field({ maxConcurrent: 0 })).toBe('maxConcurrent');
    expect(field({ requestsPerSecond: 5, burst: 1, maxConcurrent: 1 })).toBeUndefined();
  });

  it('shares one limiter per key', () => {
    const key = `test-${Math.random()}`;
    const a = rateLimiterFor(key, { maxConcurrent: 3 });
    expect(rateLimiterFor(key)).toBe(a);
    expect(rateLimiterFor(`${key}-other`)).not.toBe(a);
  });
});

describe('a 429 pauses the shared limiter for every request of the credential', () => {
  const server = sharedTestServer((running) => {
    running.onArrival = undefined;
  });

  it('holds the queued requests until Retry-After has passed, then serves them in order', async () => {
    await server.faults([{ path: '^/api/order/1$', status: 429, retryAfter: 0.2, times: 1 }]);
    const limiter = new RateLimiter({ maxConcurrent: 1 });
    const http = new HttpClient({ baseUrl: `${server.url}/api/`, rateLimiter: limiter });
    const pausedAtArrival: number[] = [];
    server.onArrival = () => pausedAtArrival.push(limiter.stats().pausedUntil);
    let atRetry: RateLimiterStats | undefined;
    http.on('retry', () => {
      atRetry = limiter.stats();
    });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => http.json<{ n: string }>({ method: 'GET', path: `order/${n}` })),
    );
    expect(results.map((r) => r.n)).toEqual(['1', '2', '3', '4', '5']);
    // When request 1 got its 429, the four others were all waiting in the queue.
    expect(atRetry).toMatchObject({ queued: 4, pauses: 1 });
    expect(atRetry?.pausedUntil).toBeGreaterThan(0);
    // None of them reached the server during the pause; request 1's retry queued up behind them.
    expect(server.arrivals).toEqual(['2', '3', '4', '5', '1']);
    expect(pausedAtArrival).toEqual([0, 0, 0, 0, 0]);
    expect(server.emulator.stats().byStatus).toEqual({ '200': 5, '429': 1 });
  });

  it('holds requests that start during the pause, on every client sharing the limiter', async () => {
    await server.faults([{ path: '^/api/order/a$', status: 429, retryAfter: 0.2, times: 1 }]);
    const limiter = new RateLimiter();
    const first = new HttpClient({ baseUrl: `${server.url}/api/`, rateLimiter: limiter });
    const second = new HttpClient({ baseUrl: `${server.url}/api/`, rateLimiter: limiter });
    const pausedAtArrival: number[] = [];
    server.onArrival = () => pausedAtArrival.push(limiter.stats().pausedUntil);
    const later: Array<Promise<unknown>> = [];
    first.on('retry', () => {
      for (const n of ['b', 'c', 'd']) later.push(second.json({ method: 'GET', path: `order/${n}` }));
    });
    await first.json({ method: 'GET', path: 'order/a' });
    await waitFor(() => later.length === 3);
    await Promise.all(later);
    expect([...server.arrivals].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(pausedAtArrival).toEqual([0, 0, 0, 0]);
    expect(limiter.stats().pauses).toBe(1);
  });
});
