import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { FaultSet, parseFaultRules } from './faults.js';
import { cloneJson, deepMerge, isPlainObject } from './merge.js';
import { type RateLimitConfig, WindowRateLimiter } from './rate-limit.js';
import { HANDLED, type Handler, HttpError, type RouteContext, type RouteResponse, Router } from './router.js';

/** Configuration every emulator has; each emulator extends it with its own keys. */
export interface BaseEmulatorConfig {
  rateLimit: RateLimitConfig;
  /** Compress JSON answers with gzip when the client accepts it. Default true. */
  gzip?: boolean;
}

/** What an emulator plugs into the shared server. */
export interface EmulatorDefinition<C extends BaseEmulatorConfig = BaseEmulatorConfig> {
  /** Short name (`playvox`), used in logs and the health answer. */
  name: string;
  /** The API routes. */
  router: Router;
  /** Extra admin routes under `/_emulator/` (paths relative to it, such as `/clock`). */
  adminRouter?: Router;
  /** Defaults of the configuration; `PUT /_emulator/config` merges into a copy. */
  defaultConfig: C;
  /** Checks a merged configuration; returns an error message naming the key, or undefined. */
  validateConfig?(config: C): string | undefined;
  /** Called after the configuration changed. */
  onConfig?(config: C): void;
  /**
   * Recognises the credential of an API request. Return the credential's key (for rate limiting),
   * or undefined when the request is not authenticated (the server answers 401 with `errorBody`).
   * Routes listed in `publicRoutes` skip it.
   */
  authenticate(ctx: RouteContext): string | undefined | Promise<string | undefined>;
  /** Route patterns (`POST /session/login`) served without authentication. */
  publicRoutes?: string[];
  /** The API's own error body for a status and message. */
  errorBody(status: number, message: string, details?: Record<string, unknown>): unknown;
  /** Restores the initial state (`POST /_emulator/reset`). */
  reset(): void;
  /** The OpenAPI 3.1 document of what the emulator serves. */
  openapi(): unknown;
  /** Called when the server closes (stop timers). */
  close?(): void;
}

/** Where to listen. */
export interface ListenOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
}

/** A started emulator. */
export interface RunningEmulator<C extends BaseEmulatorConfig = BaseEmulatorConfig> {
  /** `http://127.0.0.1:PORT` */
  url: string;
  host: string;
  port: number;
  server: Server;
  /** The live configuration. */
  config(): C;
  /** Merges a partial configuration, as `PUT /_emulator/config` does. */
  configure(patch: unknown): C;
  /** Request counts by route and status. */
  stats(): EmulatorStats;
  /** Stops accepting requests, ends open connections and stops the emulator's timers. */
  close(): Promise<void>;
}

/** Request counts, as `GET /_emulator/stats` returns them. */
export interface EmulatorStats {
  total: number;
  byRoute: Record<string, Record<string, number>>;
  byStatus: Record<string, number>;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Starts an emulator on loopback (by default) with the shared `/_emulator/` admin API. */
export async function startEmulator<C extends BaseEmulatorConfig>(definition: EmulatorDefinition<C>, options: ListenOptions = {}): Promise<RunningEmulator<C>> {
  let config = cloneJson(definition.defaultConfig);
  const faults = new FaultSet();
  const limiter = new WindowRateLimiter();
  let stats: EmulatorStats = { total: 0, byRoute: {}, byStatus: {} };
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  const publicRoutes = new Set(definition.publicRoutes ?? []);

  const count = (name: string, status: number) => {
    stats.total += 1;
    const route = (stats.byRoute[name] ??= {});
    route[status] = (route[status] ?? 0) + 1;
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  };

  const configure = (patch: unknown): C => {
    if (!isPlainObject(patch)) throw new HttpError(400, definition.errorBody(400, 'config: must be a JSON object'));
    const merged = deepMerge(config, patch);
    const problem = definition.validateConfig?.(merged);
    if (problem) throw new HttpError(400, definition.errorBody(400, problem));
    config = merged;
    definition.onConfig?.(config);
    return config;
  };

  const admin = buildAdminRouter({
    definition,
    getConfig: () => config,
    configure,
    faults,
    stats: () => stats,
    reset: () => {
      definition.reset();
      faults.clear();
      limiter.reset();
      stats = { total: 0, byRoute: {}, byStatus: {} };
      config = cloneJson(definition.defaultConfig);
      definition.onConfig?.(config);
    },
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(req, res, 500, definition.errorBody(500, `emulator error: ${(error as Error).message}`), {}, false);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    const disconnect = new AbortController();
    res.on('close', () => disconnect.abort());
    const ctx: RouteContext = {
      req,
      res,
      method,
      path,
      params: {},
      query: url.searchParams,
      body: undefined,
      rawBody,
      headers: req.headers,
      credential: undefined,
      signal: AbortSignal.any([disconnect.signal, closing.signal]),
    };
    const gzip = config.gzip !== false;

    if (path.startsWith('/_emulator/')) {
      if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) return send(req, res, 403, { error: 'the admin API answers loopback clients only' }, {}, gzip);
      return dispatch(admin, path.slice('/_emulator'.length), ctx, 'admin', gzip);
    }

    const fault = faults.pick(method, path);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop) {
      count(`${method} (dropped)`, 0);
      req.socket.destroy();
      return;
    }
    if (fault?.status) {
      count(`${method} (fault)`, fault.status);
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      return send(req, res, fault.status, fault.body ?? definition.errorBody(fault.status, 'injected fault'), headers, false);
    }
    if (fault?.truncate) (ctx as RouteContext & { truncate?: boolean }).truncate = true;
    return dispatch(definition.router, path, ctx, 'api', gzip);
  }

  async function dispatch(router: Router, path: string, ctx: RouteContext, kind: 'api' | 'admin', gzip: boolean): Promise<void> {
    const { req, res } = ctx;
    const found = router.match(ctx.method, path);
    if (!('route' in found)) {
      const status = found.methodMismatch ? 405 : 404;
      if (kind === 'api') count(`${ctx.method} (unmatched)`, status);
      return send(req, res, status, definition.errorBody(status, found.methodMismatch ? `method ${ctx.method} not allowed on ${path}` : `no route for ${ctx.method} ${path}`), {}, gzip);
    }
    const { route, params } = found;
    const name = `${route.method} ${route.pattern}`;
    const headers: Record<string, string> = {};
    let response: RouteResponse;
    try {
      ctx.params = params;
      ctx.body = parseRequestBody(ctx);
      if (kind === 'api' && !publicRoutes.has(name)) {
        ctx.credential = await definition.authenticate(ctx);
        if (ctx.credential === undefined) throw new HttpError(401, definition.errorBody(401, 'missing or invalid credentials'));
        const decision = limiter.check(ctx.credential, config.rateLimit);
        if (decision) {
          headers['x-ratelimit-limit'] = String(decision.limit);
          headers['x-ratelimit-remaining'] = String(decision.remaining);
          headers['x-ratelimit-reset'] = String(decision.resetEpochSeconds);
          if (!decision.allowed) {
            headers['retry-after'] = String(decision.retryAfterSeconds);
            throw new HttpError(429, definition.errorBody(429, 'rate limit exceeded'));
          }
        }
      }
      const result = await route.handler(ctx);
      if (result === HANDLED) {
        if (kind === 'api') count(name, res.statusCode);
        return;
      }
      response = result;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      response = { status: error.status, body: error.body, headers: error.headers };
    }
    if (kind === 'api') count(name, response.status);
    send(req, res, response.status, response.body, { ...headers, ...response.headers }, gzip, (ctx as { truncate?: boolean }).truncate);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  definition.onConfig?.(config);

  return {
    url: `http://${host}:${address.port}`,
    host: address.address,
    port: address.port,
    server,
    config: () => config,
    configure,
    stats: () => stats,
    close: async () => {
      closing.abort();
      definition.close?.();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function buildAdminRouter<C extends BaseEmulatorConfig>(parts: {
  definition: EmulatorDefinition<C>;
  getConfig: () => C;
  configure: (patch: unknown) => C;
  faults: FaultSet;
  stats: () => EmulatorStats;
  reset: () => void;
}): Router {
  const { definition, faults } = parts;
  const router = new Router()
    .get('/health', () => ({ status: 200, body: { ok: true, emulator: definition.name } }))
    .post('/reset', () => {
      parts.reset();
      return { status: 200, body: { ok: true } };
    })
    .get('/faults', () => ({ status: 200, body: faults.list() }))
    .put('/faults', (ctx) => {
      const rules = parseFaultRules(ctx.body);
      if (typeof rules === 'string') return { status: 400, body: { error: rules } };
      faults.set(rules);
      return { status: 200, body: faults.list() };
    })
    .delete('/faults', () => {
      faults.clear();
      return { status: 200, body: [] };
    })
    .get('/config', () => ({ status: 200, body: parts.getConfig() }))
    .put('/config', (ctx) => ({ status: 200, body: parts.configure(ctx.body) }))
    .get('/stats', () => ({ status: 200, body: parts.stats() }))
    .get('/openapi.json', () => ({ status: 200, body: definition.openapi() }));
  for (const route of definition.adminRouter?.routes ?? []) router.routes.push(route);
  return router;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseRequestBody(ctx: RouteContext): unknown {
  if (ctx.rawBody.length === 0) return undefined;
  const type = String(ctx.headers['content-type'] ?? '');
  const text = ctx.rawBody.toString('utf8');
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  const declaredJson = type.includes('json') || type === '';
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!declaredJson) return text;
    throw new HttpError(400, { success: false, error: { code: 'invalid_json', message: `body: invalid JSON (${(error as Error).message})` } });
  }
}

/** Writes a JSON (or text) answer, gzipped when the client accepts it and the body is worth it. */
export function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  gzip = true,
  truncate = false,
): void {
  let payload: Buffer | undefined;
  if (body !== undefined && status !== 204) {
    payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    headers['content-type'] ??= typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  }
  if (payload && gzip && payload.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    payload = gzipSync(payload);
    headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
  }
  headers['content-length'] = String(payload?.length ?? 0);
  res.writeHead(status, headers);
  if (truncate && payload) {
    res.write(payload.subarray(0, Math.floor(payload.length / 2)));
    res.socket?.destroy();
    return;
  }
  res.end(payload);
}

export type { Handler };
