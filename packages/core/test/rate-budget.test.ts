import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, RateLimiter } from '@voxbridge/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Client-side rate budgets. The limiter runs on Date.now and setTimeout, so fake timers give it a
 * controllable clock: the counts below are exact, not timing measurements.
 */
describe('rate budget (token bucket on a controllable clock)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Queues `total` requests at t=0 and records the simulated time each one is admitted at. */
  async function admissionTimes(limiter: RateLimiter, total: number, horizonMs: number): Promise<number[]> {
    const start = Date.now();
    const times: number[] = [];
    for (let i = 0; i < total; i++) {
      void limiter.acquire().then((release) => {
        times.push(Date.now() - start);
        release();
      });
    }
    for (let t = 0; t < horizonMs; t += 250) await vi.advanceTimersByTimeAsync(250);
    return times;
  }

  /** The most admissions any window of `windowMs` holds (the window slides over every admission). */
  function busiestWindow(times: number[], windowMs: number): number {
    let best = 0;
    let from = 0;
    for (let to = 0; to < times.length; to++) {
      while (times[to]! - times[from]! >= windowMs) from++;
      best = Math.max(best, to - from + 1);
    }
    return best;
  }

  for (const [label, options, perMinute] of [
    ['Playvox WFM, 600 requests/minute', { requestsPerMinute: 600 }, 600],
    ['Gladly, 10 requests/second', { requestsPerSecond: 10 }, 600],
    ['Playvox QA, 120 requests/minute', { requestsPerMinute: 120 }, 120],
  ] as const) {
    it(`paces a queue smoothly below the limit: ${label}`, async () => {
      vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
      const limiter = new RateLimiter(options);
      const times = await admissionTimes(limiter, 3 * perMinute, 180_000);
      expect(times).toHaveLength(3 * perMinute);
      // No 30-second window holds more than half a minute's share plus 10 %.
      expect(busiestWindow(times, 30_000)).toBeLessThanOrEqual(Math.floor((perMinute / 2) * 1.1));
      // Nor does any minute hold more than the limit plus the initial burst of one second's worth.
      expect(busiestWindow(times, 60_000)).toBeLessThanOrEqual(perMinute + Math.max(1, perMinute / 60));
      // Smooth, not a fixed window: no second holds more than a second's share plus that burst.
      expect(busiestWindow(times.slice(perMinute), 1_000)).toBeLessThanOrEqual(Math.ceil(perMinute / 60) + 1);
    });
  }

  it('holds one budget for every request that shares a limiter', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const shared = new RateLimiter({ requestsPerMinute: 600 });
    const start = Date.now();
    const times: number[] = [];
    for (let i = 0; i < 900; i++) {
      void shared.run(async () => {
        times.push(Date.now() - start);
      });
    }
    for (let t = 0; t < 60_000; t += 250) await vi.advanceTimersByTimeAsync(250);
    // 600 a minute plus the burst of 10, whichever client queued them.
    expect(times.length).toBeLessThanOrEqual(611);
    expect(times.length).toBeGreaterThanOrEqual(590);
    expect(shared.stats().queued).toBe(900 - times.length);
  });
});

describe('rate budget shared by HttpClient instances (real server on loopback)', () => {
  let server: Server;
  let baseUrl: string;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('admits no more through two clients than the one budget allows', async () => {
    // 20 a second with a burst of 5: in 500 ms at most 5 + 10 requests can start, whichever client sends.
    const limiter = new RateLimiter({ requestsPerSecond: 20, burst: 5 });
    const a = new HttpClient({ baseUrl, rateLimiter: limiter });
    const b = new HttpClient({ baseUrl, rateLimiter: limiter });
    hits = 0;
    const started = Date.now();
    const all = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).request({ method: 'GET', path: `n/${i}` }).then(() => Date.now() - started),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const elapsed = Date.now() - started;
    // A generous upper bound: burst plus the sustained rate over the time that really passed.
    expect(hits).toBeLessThanOrEqual(5 + Math.ceil((elapsed / 1000) * 20) + 1);
    expect(limiter.stats().queued).toBeGreaterThan(0);
    const done = await Promise.all(all);
    expect(done).toHaveLength(40);
    expect(hits).toBe(40);
  });
});
