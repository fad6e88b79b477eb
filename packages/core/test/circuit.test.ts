import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import {
  BadRequestError,
  CIRCUIT_STATE_VALUES,
  CircuitBreaker,
  type CircuitEvent,
  CircuitOpenError,
  HttpClient,
  type HttpClientOptions,
  InternalServerError,
} from '@voxbridge/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/** A service on loopback that is up, answers 503, drops connections or stalls, as the test says. */
interface Service {
  mode: 'up' | '503' | 'drop' | '400' | 'slow503';
  hits: number;
  inFlight: number;
  peakInFlight: number;
}
const service: Service = { mode: 'up', hits: 0, inFlight: 0, peakInFlight: 0 };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    service.hits += 1;
    service.inFlight += 1;
    service.peakInFlight = Math.max(service.peakInFlight, service.inFlight);
    res.on('close', () => {
      service.inFlight -= 1;
    });
    req.resume();
    const answer = (status: number) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status }));
    };
    if (service.mode === 'up') return answer(200);
    if (service.mode === '400') return answer(400);
    if (service.mode === '503') return answer(503);
    if (service.mode === 'slow503') return void setTimeout(() => answer(503), 60);
    req.socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  Object.assign(service, { mode: 'up', hits: 0, inFlight: 0, peakInFlight: 0 });
});

function client(options: Partial<HttpClientOptions> = {}) {
  const http = new HttpClient({
    baseUrl,
    destination: 'test-api',
    retry: { maxRetries: 0 },
    circuit: { failureThreshold: 3, baseDelayMs: 40, maxDelayMs: 160, random: () => 1 },
    ...options,
  });
  const events: CircuitEvent[] = [];
  http.on('circuit', (event) => events.push(event));
  return { http, events };
}

const get = (http: HttpClient) => http.request({ method: 'GET', path: 'x' });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('circuit breaker per destination', () => {
  it('opens after the threshold of consecutive failures and then fails fast without sending', async () => {
    service.mode = '503';
    const { http, events } = client();
    for (let i = 0; i < 3; i++) expect(await failure(get(http))).toBeInstanceOf(InternalServerError);
    expect(http.circuit?.state).toBe('open');
    expect(service.hits).toBe(3);
    const error = await failure(get(http));
    expect(error).toBeInstanceOf(CircuitOpenError);
    const open = error as CircuitOpenError;
    expect(open.destination).toBe('test-api');
    expect(open.reason).toBe('status 503');
    expect(open.retryAt).toBe(open.since + 40);
    expect(open.message).toContain('circuit of test-api is open');
    expect(service.hits).toBe(3);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      destination: 'test-api',
      state: 'open',
      previous: 'closed',
      reason: 'status 503',
      delayMs: 40,
    });
    expect(http.circuit?.snapshot()).toMatchObject({ state: 'open', failures: 3, rejected: 1, opened: 1 });
    expect(CIRCUIT_STATE_VALUES[http.circuit!.state]).toBe(2);
  });

  it('counts network errors; a 4xx answer is no failure and, like a success, resets the count', async () => {
    const { http } = client();
    service.mode = 'drop';
    await failure(get(http));
    await failure(get(http));
    service.mode = '400';
    expect(await failure(get(http))).toBeInstanceOf(BadRequestError);
    expect(http.circuit?.snapshot().failures).toBe(0);
    service.mode = 'drop';
    await failure(get(http));
    service.mode = 'up';
    await get(http);
    expect(http.circuit?.snapshot().failures).toBe(0);
    service.mode = 'drop';
    await failure(get(http));
    await failure(get(http));
    expect(http.circuit?.state).toBe('closed');
    const third = (await failure(get(http))) as Error;
    expect(third.name).toBe('ConnectionError');
    expect(http.circuit?.state).toBe('open');
    expect(http.circuit?.snapshot().reason).toMatch(/connection failed|socket|closed/i);
  });

  it('lets at most one probe go at a time while open', async () => {
    service.mode = 'slow503';
    const { http, events } = client();
    for (let i = 0; i < 3; i++) await failure(get(http));
    await http.circuit!.ready();
    const hitsBefore = service.hits;
    const results = await Promise.all(Array.from({ length: 20 }, () => failure(get(http))));
    expect(service.hits - hitsBefore).toBe(1);
    expect(service.peakInFlight).toBe(1);
    expect(results.filter((e) => e instanceof CircuitOpenError)).toHaveLength(19);
    expect(results.filter((e) => e instanceof InternalServerError)).toHaveLength(1);
    expect(events.map((e) => e.state)).toEqual(['open', 'half-open', 'open']);
  });

  it('grows the backoff between probes exponentially and caps it', async () => {
    service.mode = '503';
    const { http, events } = client();
    for (let i = 0; i < 3; i++) await failure(get(http));
    for (let probe = 0; probe < 5; probe++) {
      await http.circuit!.ready();
      await failure(get(http));
    }
    const delays = events.filter((e) => e.state === 'open').map((e) => e.delayMs);
    expect(delays).toEqual([40, 80, 160, 160, 160, 160]);
    expect(service.hits).toBe(3 + 5);
    expect(events.at(-1)).toMatchObject({ previous: 'half-open', probes: 5 });
  });

  it('jitters the backoff between half and all of the step, capped at 60 s by default', () => {
    for (const [random, expected] of [
      [0, [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]],
      [1, [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]],
    ] as const) {
      let now = 0;
      const breaker = new CircuitBreaker({
        destination: 'a',
        failureThreshold: 1,
        random: () => random,
        now: () => now,
      });
      const delays: Array<number | undefined> = [];
      breaker.on('change', (e) => e.state === 'open' && delays.push(e.delayMs));
      breaker.failed(false, 'status 500');
      for (let probe = 0; probe < 7; probe++) {
        expect(() => breaker.admit()).toThrow(CircuitOpenError);
        now = breaker.snapshot().retryAt ?? now;
        expect(breaker.admit()).toBe(true);
        expect(breaker.state).toBe('half-open');
        expect(() => breaker.admit()).toThrow(/a probe is in flight/);
        breaker.failed(true, 'status 500');
      }
      expect(delays).toEqual(expected);
    }
  });

  it('hands the probe to the next request when the probe is abandoned, and rejects bad tunables', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ destination: 'b', failureThreshold: 1, now: () => now });
    breaker.failed(false, 'timeout');
    now = 60_000;
    expect(breaker.admit()).toBe(true);
    breaker.abandoned(true);
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe(true);
    breaker.succeeded(true);
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', failures: 0, since: undefined });
    expect(() => new CircuitBreaker({ destination: '' })).toThrow(/destination: must be a non-empty string/);
    expect(() => new CircuitBreaker({ destination: 'x', failureThreshold: 0 })).toThrow(
      /circuit.failureThreshold: must be a finite number >= 1, got 0/,
    );
  });

  it('closes within one probe after the service returns, and requests flow again', async () => {
    service.mode = '503';
    const { http, events } = client();
    for (let i = 0; i < 3; i++) await failure(get(http));
    service.mode = 'up';
    await http.circuit!.ready();
    const res = await get(http);
    expect(res.status).toBe(200);
    expect(http.circuit?.state).toBe('closed');
    expect(events.map((e) => `${e.previous}->${e.state}`)).toEqual([
      'closed->open',
      'open->half-open',
      'half-open->closed',
    ]);
    expect(events.at(-1)?.reason).toBe('probe succeeded');
    await get(http);
    expect(service.hits).toBe(5);
  });

  it('bounds the requests a hammering caller sends during an outage', async () => {
    service.mode = 'drop';
    const { http } = client({
      circuit: { failureThreshold: 5, baseDelayMs: 50, maxDelayMs: 200, random: () => 1 },
    });
    const until = Date.now() + 1_500;
    let calls = 0;
    const worker = async () => {
      while (Date.now() < until) {
        calls += 1;
        const error = await failure(get(http));
        if (error instanceof CircuitOpenError) await http.circuit!.ready();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    // At most 5 + 7 to open (8 workers in flight), then one probe per step: 50, 100, 200, 200, … ms,
    // so about 10 in 1.5 s (19 in all when measured). Without a breaker the same loop sent ~290.
    expect(service.hits).toBeLessThanOrEqual(5 + 7 + 12);
    expect(calls).toBeGreaterThan(service.hits);
  });

  it('shares one breaker between clients of the same destination, and is off without a destination', async () => {
    service.mode = '503';
    const shared = new CircuitBreaker({ destination: 'shared', failureThreshold: 2, baseDelayMs: 1_000 });
    const a = new HttpClient({ baseUrl, retry: { maxRetries: 0 }, circuit: shared });
    const b = new HttpClient({ baseUrl, retry: { maxRetries: 0 }, circuit: shared });
    await failure(get(a));
    await failure(get(b));
    expect(await failure(get(a))).toBeInstanceOf(CircuitOpenError);
    expect(await failure(get(b))).toBeInstanceOf(CircuitOpenError);
    const plain = new HttpClient({ baseUrl, retry: { maxRetries: 0 } });
    expect(plain.circuit).toBeUndefined();
    for (let i = 0; i < 8; i++) expect(await failure(get(plain))).toBeInstanceOf(InternalServerError);
  });

  it('stops retries inside one request once the circuit opens', async () => {
    service.mode = '503';
    const http = new HttpClient({
      baseUrl,
      destination: 'retrying',
      retry: { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 2 },
      circuit: { failureThreshold: 3, baseDelayMs: 5_000 },
    });
    const error = await failure(get(http));
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(service.hits).toBe(3);
  });

  it('waits in ready() until the next probe is due and gives up when the signal aborts', async () => {
    service.mode = '503';
    const { http } = client({ circuit: { failureThreshold: 1, baseDelayMs: 10_000, random: () => 1 } });
    await failure(get(http));
    const controller = new AbortController();
    const waiting = failure(http.circuit!.ready(controller.signal));
    await delay(20);
    controller.abort();
    expect(((await waiting) as Error).name).toBe('AbortError');
  });
});
