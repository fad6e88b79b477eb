/**
 * A small emulator, built with the emulator kit, that the core's tests talk to over real HTTP: pages of
 * items, answers with any status, a stream, a login that rotates tokens, and routes that misbehave once.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { HttpClient, type HttpClientOptions } from '@voxbridge/core';
import {
  HANDLED,
  type RouteResult,
  Router,
  type RunningEmulator,
  sharedFixture,
  startEmulator,
} from '@voxbridge/emulator-kit';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** Polls `condition` every few ms until it holds; fails after `timeoutMs` (a bound, not a measurement). */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(2);
  }
}

/** The password the test login accepts; tests check it never shows up in errors. */
export const PASSWORD = 'hunter2-Sup3rSecret';

/** One item of the paged list. */
export interface Item {
  id: number;
  name: string;
}

/** The running test emulator plus helpers to drive it. */
export interface TestServer {
  emulator: RunningEmulator;
  url: string;
  /** Calls the admin API (`/_emulator/...`) and returns status and parsed body. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Sets the fault rules. */
  faults(rules: unknown[]): Promise<void>;
  /** Number of times each counter key was hit (routes that change their answer after N calls). */
  hits: Map<string, number>;
  /** Order in which requests to `/api/order/:n` arrived. */
  arrivals: string[];
  /** Called on each arrival at `/api/order/:n`. */
  onArrival?: (id: string) => void;
  /** The token the server accepts now. */
  token: string;
  /** Makes the current token invalid (the next authenticated request gets 401). */
  rotate(): void;
  /** When false, even a fresh login's token is refused. */
  acceptLogins: boolean;
  close(): Promise<void>;
}

const ITEMS: Item[] = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, name: `item-${i + 1}` }));

/** Starts the test emulator on 127.0.0.1 and a free port. */
export async function startTestServer(): Promise<TestServer> {
  let tokenCounter = 0;
  const state = {
    token: 'token-0',
    acceptLogins: true,
    hits: new Map<string, number>(),
    arrivals: [] as string[],
    onArrival: undefined as ((id: string) => void) | undefined,
  };
  const hit = (key: string) => {
    const n = (state.hits.get(key) ?? 0) + 1;
    state.hits.set(key, n);
    return n;
  };

  const router = new Router()
    .get('/api/items', (ctx) => {
      const page = Number(ctx.query.get('page') ?? '1');
      const size = Number(ctx.query.get('size') ?? '10');
      const items = ITEMS.slice((page - 1) * size, page * size);
      return {
        status: 200,
        body: { page, items, hasNextPage: page * size < ITEMS.length },
        headers: { 'x-request-id': `req-items-${page}` },
      };
    })
    .get('/api/loop', (ctx) => {
      // A broken paginator: says there is a next page, but page 3 onwards repeats page 2.
      const page = Math.min(Number(ctx.query.get('page') ?? '1'), 2);
      return { status: 200, body: { page, items: ITEMS.slice((page - 1) * 5, page * 5), hasNextPage: true } };
    })
    .get('/api/big', () => ({
      status: 200,
      body: { items: ITEMS.map((item) => ({ ...item, padding: 'x'.repeat(200) })) },
    }))
    .post('/api/items', (ctx) => ({ status: 201, body: { created: ctx.body } }))
    .get('/api/status/:code', (ctx) => {
      const status = Number(ctx.params.code);
      return {
        status,
        body: { error: { code: `E${status}`, message: `answered ${status}` } },
        headers: { 'x-request-id': `req-${status}` },
      };
    })
    .get('/api/retry-date/:key', (ctx) => {
      if (hit(ctx.params.key ?? '') > 1) return { status: 200, body: { ok: true } };
      const at = new Date(Date.now() + 1000).toUTCString();
      return { status: 503, body: { error: 'busy' }, headers: { 'retry-after': at } };
    })
    .get('/api/retry-ms/:key', (ctx) => {
      if (hit(ctx.params.key ?? '') > 1) return { status: 200, body: { ok: true } };
      return { status: 503, body: { error: 'busy' }, headers: { 'retry-after-ms': '20' } };
    })
    .get('/api/order/:n', (ctx) => {
      state.arrivals.push(ctx.params.n ?? '');
      state.onArrival?.(ctx.params.n ?? '');
      return { status: 200, body: { n: ctx.params.n } };
    })
    .get('/api/echo-secret', (ctx) => ({
      status: 400,
      body: {
        error: { message: `wrong password ${PASSWORD} for ${ctx.query.get('user')}` },
        password: PASSWORD,
        details: [{ note: `you sent ${PASSWORD}`, token: 'tok-abc' }],
      },
      headers: { 'set-cookie': `session=${PASSWORD}; HttpOnly`, 'x-request-id': 'req-echo' },
    }))
    .get('/api/stream', async (ctx): Promise<RouteResult> => {
      const chunks = Number(ctx.query.get('chunks') ?? '3');
      const stall = ctx.query.get('stall') === '1';
      ctx.res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < chunks; i++) {
        ctx.res.write(`chunk-${i}\n`);
        await delay(5);
      }
      if (stall) {
        // Stay silent until the client gives up (or the server closes).
        await new Promise<void>((resolve) =>
          ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        return HANDLED;
      }
      ctx.res.end();
      return HANDLED;
    })
    .post('/login', (ctx) => {
      const body = ctx.body as { password?: string } | undefined;
      if (body?.password !== PASSWORD) return { status: 401, body: { error: 'bad credentials' } };
      tokenCounter += 1;
      if (state.acceptLogins) state.token = `token-${tokenCounter}`;
      return { status: 200, body: { token: `token-${tokenCounter}` } };
    })
    .get('/api/me', (ctx) => ({ status: 200, body: { credential: ctx.credential } }))
    .get('/echo-headers', (ctx) => ({ status: 200, body: ctx.headers }));

  const emulator = await startEmulator(
    {
      name: 'core-test',
      router,
      defaultConfig: { rateLimit: { requestsPerMinute: 0 } },
      publicRoutes: ['POST /login', 'GET /api/loop', 'GET /api/order/:n', 'GET /echo-headers'],
      authenticate: (ctx) => {
        const header = ctx.headers.authorization;
        if (header === `Bearer ${state.token}`) return 'test-credential';
        if (header === 'Bearer static') return 'static-credential';
        return undefined;
      },
      errorBody: (status, message) => ({ error: { status, message } }),
      reset: () => {
        state.hits.clear();
        state.arrivals.length = 0;
      },
      openapi: () => ({ openapi: '3.1.0', info: { title: 'core-test', version: '1' }, paths: {} }),
    },
    { port: 0 },
  );

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await request(`${emulator.url}/_emulator${path}`, {
      method: method as 'GET',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
  };

  const server: TestServer = {
    emulator,
    url: emulator.url,
    admin,
    async faults(rules) {
      const res = await admin('PUT', '/faults', rules);
      if (res.status !== 200) throw new Error(`fault rules refused: ${JSON.stringify(res.body)}`);
    },
    hits: state.hits,
    arrivals: state.arrivals,
    get onArrival() {
      return state.onArrival;
    },
    set onArrival(listener) {
      state.onArrival = listener;
    },
    get token() {
      return state.token;
    },
    rotate() {
      state.token = `revoked-${Date.now()}`;
    },
    get acceptLogins() {
      return state.acceptLogins;
    },
    set acceptLogins(value) {
      state.acceptLogins = value;
    },
    close: () => emulator.close(),
  };
  return server;
}

/**
 * The test emulator for the tests of a file (or `describe`): started once, reset before each test (then
 * `afterReset` runs), closed after the last test.
 */
export function sharedTestServer(afterReset?: (server: TestServer) => void): TestServer {
  return sharedFixture({ beforeAll, afterAll, beforeEach }, startTestServer, async (server) => {
    await server.admin('POST', '/reset');
    afterReset?.(server);
  });
}

/** Counts the attempts `http` starts (its `request` events); read the count with the returned function. */
export function countRequests(http: HttpClient): () => number {
  let count = 0;
  http.on('request', () => {
    count += 1;
  });
  return () => count;
}

/** A client of the test emulator's `/api/` with the static credential; `options` override the defaults. */
export function apiClient(server: TestServer, options: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    baseUrl: `${server.url}/api/`,
    headers: { authorization: 'Bearer static' },
    ...options,
  });
}
