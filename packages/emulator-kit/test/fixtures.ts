/**
 * A tiny emulator built on the kit, used by the kit's own tests: a few CRUD routes, a long poll, a
 * public route, an emulator-specific config key and an extra admin route.
 */
import {
  type BaseEmulatorConfig,
  Clock,
  HANDLED,
  HttpError,
  type RouteResult,
  Router,
  type RunningEmulator,
  sharedFixture,
  startEmulator,
} from '@voxbridge/emulator-kit';
import { type Dispatcher, request } from 'undici';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** The test emulator's configuration. */
export interface KitTestConfig extends BaseEmulatorConfig {
  pageSize: number;
}

/** What a request returned, with the body already read. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the text. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes and assert on them.
  body: any;
  raw: Buffer;
}

/** The running test emulator and helpers. */
export interface KitTest {
  emulator: RunningEmulator<KitTestConfig>;
  clock: Clock;
  /** Names of long polls that have started, in order. */
  pollsStarted: string[];
  /** Names of long polls that have ended, in order. */
  pollsEnded: string[];
  /** Sends a request with the test credential `k1` unless other headers say otherwise. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Answer>;
  /** Calls the admin API. */
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
  close(): Promise<void>;
}

const INITIAL = [
  { id: '1', name: 'one' },
  { id: '2', name: 'two' },
];

/** Starts the test emulator on 127.0.0.1 and a free port. */
export async function startKitTest(): Promise<KitTest> {
  let things = INITIAL.map((thing) => ({ ...thing }));
  const clock = new Clock({ start: Date.parse('2026-01-01T00:00:00Z') });
  const pollsStarted: string[] = [];
  const pollsEnded: string[] = [];

  const router = new Router()
    .get('/v1/things', (ctx) => {
      const big = ctx.query.get('big') === '1';
      const items = big
        ? Array.from({ length: 40 }, (_, i) => ({ id: String(i), name: `thing-${i}`.padEnd(60, '.') }))
        : things;
      return { status: 200, body: { items } };
    })
    .get('/v1/things/:id', (ctx) => {
      const thing = things.find((t) => t.id === ctx.params.id);
      if (!thing)
        throw new HttpError(404, { error: { status: 404, message: `thing ${ctx.params.id} not found` } });
      return { status: 200, body: thing };
    })
    .post('/v1/things', (ctx) => {
      const body = ctx.body as { name?: unknown } | undefined;
      if (typeof body?.name !== 'string')
        throw new HttpError(422, { error: { status: 422, message: 'name: required' } });
      const thing = { id: String(things.length + 1), name: body.name };
      things.push(thing);
      return { status: 201, body: thing };
    })
    .get('/v1/echo/*', (ctx) => ({
      status: 200,
      body: {
        params: ctx.params,
        query: Object.fromEntries(ctx.query),
        body: ctx.body,
        credential: ctx.credential,
      },
    }))
    .post('/v1/echo/*', (ctx) => ({ status: 200, body: { body: ctx.body, credential: ctx.credential } }))
    .get('/v1/poll/:name', async (ctx): Promise<RouteResult> => {
      // A long poll that answers only when the client goes away or the server closes.
      pollsStarted.push(ctx.params.name ?? '');
      await new Promise<void>((resolve) =>
        ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      pollsEnded.push(ctx.params.name ?? '');
      if (!ctx.res.destroyed) ctx.res.end();
      return HANDLED;
    })
    .get('/v1/public', () => ({ status: 200, body: { public: true } }));

  const adminRouter = new Router()
    .get('/clock', () => ({ status: 200, body: { now: new Date(clock.now()).toISOString() } }))
    .post('/clock/advance', (ctx) => {
      const ms = (ctx.body as { ms?: unknown } | undefined)?.ms;
      if (typeof ms !== 'number') throw new HttpError(400, { error: 'ms: must be a number' });
      return { status: 200, body: { now: new Date(clock.advance(ms)).toISOString() } };
    });

  const emulator = await startEmulator<KitTestConfig>({
    name: 'kit-test',
    router,
    adminRouter,
    defaultConfig: { rateLimit: { requestsPerMinute: 0 }, gzip: true, pageSize: 10 },
    validateConfig: (config) =>
      Number.isInteger(config.pageSize) && config.pageSize >= 1 && config.pageSize <= 100
        ? undefined
        : 'pageSize: must be an integer from 1 to 100',
    authenticate: (ctx) => {
      const key = ctx.headers['x-key'];
      return key === 'k1' || key === 'k2' ? key : undefined;
    },
    publicRoutes: ['GET /v1/public'],
    errorBody: (status, message) => ({ error: { status, message } }),
    reset: () => {
      things = INITIAL.map((thing) => ({ ...thing }));
    },
    openapi: () => ({
      openapi: '3.1.0',
      info: { title: 'kit-test', version: '1' },
      paths: { '/v1/things': { get: { responses: { '200': { description: 'ok' } } } } },
    }),
  });

  const send = async (
    url: string,
    method: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await request(url, { method: method as Dispatcher.HttpMethod, headers, body });
    const raw = Buffer.from(await res.body.arrayBuffer());
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers))
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
    let parsed: unknown = raw.toString('utf8');
    if (flat['content-type']?.includes('json') && flat['content-encoding'] === undefined && raw.length > 0)
      parsed = JSON.parse(raw.toString('utf8'));
    return { status: res.statusCode, headers: flat, body: parsed, raw };
  };

  return {
    emulator,
    clock,
    pollsStarted,
    pollsEnded,
    call: (method, path, options = {}) =>
      send(`${emulator.url}${path}`, method, { ...options, headers: { 'x-key': 'k1', ...options.headers } }),
    admin: (method, path, body) => send(`${emulator.url}/_emulator${path}`, method, { body }),
    close: () => emulator.close(),
  };
}

/** The test emulator for the tests of a file: started once, reset before each test, closed at the end. */
export function sharedKitTest(): KitTest {
  return sharedFixture({ beforeAll, afterAll, beforeEach }, startKitTest, (kit) =>
    kit.admin('POST', '/reset'),
  );
}
