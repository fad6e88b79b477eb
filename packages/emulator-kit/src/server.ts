import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenLocal } from '@voxbridge/core';
import { buildAdminRouter, normalizeConfigPatch, validateBaseConfig } from './admin.js';
import { RequestContext } from './context.js';
import { FaultSet } from './faults.js';
import { DEFAULT_MAX_BODY_BYTES, parseRequestBody, readBody, send } from './http.js';
import { cloneJson, deepMerge, isPlainObject } from './merge.js';
import { WindowRateLimiter } from './rate-limit.js';
import {
  HANDLED,
  HttpError,
  InvalidRequestError,
  type RouteContext,
  type RouteResponse,
  type Router,
} from './router.js';
import type {
  BaseEmulatorConfig,
  EmulatorDefinition,
  EmulatorStats,
  ListenOptions,
  RunningEmulator,
} from './types.js';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
/** A request target made of path characters only (escapes and dots included, checked next). */
const PLAIN_PATH = /^\/[A-Za-z0-9/_~:@!$&'()*+,;=.%-]*$/;
/**
 * A `.` or `..` segment (escaped or not), or an escape that is not two hex digits: `URL` would
 * rewrite those, so such a target goes through it. Call session ids (`U1T2@10.1.2.3`) have dots.
 */
const NEEDS_URL = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)|%(?![0-9A-Fa-f]{2})/i;
const EMPTY_BODY = Buffer.alloc(0);

/**
 * The path and query of a request target. Plain paths are sliced as they are (a `new URL` per request
 * costs more than the rest of a small answer); anything else goes through `URL` for its normalising.
 */
function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const mark = target.indexOf('?');
  const path = mark === -1 ? target : target.slice(0, mark);
  if (PLAIN_PATH.test(path) && !NEEDS_URL.test(path)) {
    return { path, query: new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1)) };
  }
  const url = new URL(target, 'http://emulator');
  return { path: url.pathname, query: url.searchParams };
}

/** False when the request certainly has no body (no length, or length 0, and not chunked). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

const emptyStats = (): EmulatorStats => ({ total: 0, byRoute: {}, byStatus: {}, faults: 0 });

/** Starts an emulator on loopback (by default) with the shared `/_emulator/` admin API. */
export async function startEmulator<C extends BaseEmulatorConfig>(
  definition: EmulatorDefinition<C>,
  options: ListenOptions = {},
): Promise<RunningEmulator<C>> {
  let config = cloneJson(definition.defaultConfig);
  const faults = new FaultSet();
  const limiter = new WindowRateLimiter();
  let stats = emptyStats();
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  // Each request in flight listens on it until its response closes (see requestSignal): many long polls
  // at once are not a leak.
  setMaxListeners(0, closing.signal);
  const publicRoutes = new Set(definition.publicRoutes ?? []);

  const count = (name: string, status: number) => {
    stats.total += 1;
    const route = stats.byRoute[name] ?? {};
    stats.byRoute[name] = route;
    route[status] = (route[status] ?? 0) + 1;
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  };

  const configure = (patch: unknown): C => {
    if (!isPlainObject(patch))
      throw new HttpError(400, definition.errorBody(400, 'config: must be a JSON object'));
    const merged = deepMerge(config, normalizeConfigPatch(patch, definition.defaultConfig));
    const problem = validateBaseConfig(merged) ?? definition.validateConfig?.(merged);
    if (problem) throw new HttpError(400, definition.errorBody(400, problem));
    config = merged;
    definition.onConfig?.(config);
    return config;
  };

  const reset = () => {
    definition.reset();
    faults.clear();
    limiter.reset();
    stats = emptyStats();
    config = cloneJson(definition.defaultConfig);
    definition.onConfig?.(config);
  };

  const admin = buildAdminRouter({
    definition,
    getConfig: () => config,
    configure,
    faults,
    stats: () => stats,
    reset,
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent)
        send(
          req,
          res,
          500,
          definition.errorBody(500, `emulator error: ${(error as Error).message}`),
          {},
          false,
        );
      else res.destroy();
    });
  });
  // Longer than any client's keep-alive, so that the client, not the server, closes idle sockets.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path, query } = splitTarget(req.url ?? '/');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = hasBody(req)
      ? await readBody(req, config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)
      : EMPTY_BODY;
    if (rawBody === undefined) {
      // Refused before it was read in full: close the connection rather than drain an oversized upload.
      res.once('finish', () => req.socket.destroy());
      const limit = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const message = `request body exceeds the emulator's limit of ${limit} bytes (maxBodyBytes)`;
      return send(req, res, 413, definition.errorBody(413, message), { connection: 'close' }, false);
    }
    const ctx = new RequestContext(req, res, method, path, query, rawBody, closing.signal);
    const gzip = config.gzip !== false;

    if (path.startsWith('/_emulator/')) {
      if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) {
        return send(req, res, 403, { error: 'the admin API answers loopback clients only' }, {}, gzip);
      }
      return dispatch(admin, path.slice('/_emulator'.length), ctx, 'admin', gzip);
    }

    const fault = faults.pick(method, path);
    if (fault) {
      stats.faults += 1;
      const name = routeName(definition.router, method, path);
      if (fault.delayMs) await pause(fault.delayMs, ctx.signal);
      if (ctx.signal.aborted) {
        // The client gave up (or the server is closing) during the delay: nobody to answer.
        count(name, 0);
        return;
      }
      if (fault.drop) {
        count(name, 0);
        req.socket.destroy();
        return;
      }
      if (fault.status) {
        count(name, fault.status);
        const headers: Record<string, string> =
          fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
        return send(
          req,
          res,
          fault.status,
          fault.body ?? definition.errorBody(fault.status, 'injected fault'),
          headers,
          false,
          fault.truncate === true,
        );
      }
      if (fault.truncate) ctx.truncate = true;
    }
    return dispatch(definition.router, path, ctx, 'api', gzip);
  }

  async function dispatch(
    router: Router,
    path: string,
    ctx: RouteContext,
    kind: 'api' | 'admin',
    gzip: boolean,
  ): Promise<void> {
    const { req, res } = ctx;
    const found = router.match(ctx.method, path);
    if (!('route' in found)) {
      const status = found.methodMismatch ? 405 : 404;
      if (kind === 'api') count(`${ctx.method} (unmatched)`, status);
      const message = found.methodMismatch
        ? `method ${ctx.method} not allowed on ${path}`
        : `no route for ${ctx.method} ${path}`;
      const headers: Record<string, string> = found.methodMismatch ? { allow: found.allowed.join(', ') } : {};
      return send(req, res, status, definition.errorBody(status, message), headers, gzip, ctx.truncate);
    }
    const { route, params } = found;
    const name = route.name ?? `${route.method} ${route.pattern}`;
    const headers: Record<string, string> = {};
    let response: RouteResponse;
    try {
      ctx.params = params;
      ctx.body = parseBody(ctx);
      if (kind === 'api' && !publicRoutes.has(name)) {
        // Awaited only when it is a promise: a synchronous answer then costs no microtask hop.
        const credential = definition.authenticate(ctx);
        ctx.credential = credential instanceof Promise ? await credential : credential;
        if (ctx.credential === undefined)
          throw new HttpError(401, definition.errorBody(401, 'missing or invalid credentials'));
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
      const pending = route.handler(ctx);
      const result = pending instanceof Promise ? await pending : pending;
      if (result === HANDLED) {
        if (kind === 'api') count(name, res.statusCode);
        return;
      }
      response = result;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const body =
        error instanceof InvalidRequestError ? definition.errorBody(error.status, error.message) : error.body;
      response = { status: error.status, body, headers: error.headers };
    }
    if (kind === 'api') count(name, response.status);
    if (res.headersSent || res.destroyed) return;
    // `send` adds to the headers it is given: the route's own object (maybe shared) is copied, not passed.
    if (response.headers) Object.assign(headers, response.headers);
    send(req, res, response.status, response.body, headers, gzip, ctx.truncate);
  }

  /** The request body, parsed; a malformed JSON body becomes the emulator's own 400 answer. */
  function parseBody(ctx: RouteContext): unknown {
    try {
      return parseRequestBody(ctx);
    } catch (error) {
      if (error instanceof HttpError && typeof error.body === 'string') {
        throw new HttpError(error.status, definition.errorBody(error.status, error.body));
      }
      throw error;
    }
  }

  const address = await listenLocal(server, options.port ?? 0, options.host ?? '127.0.0.1');
  definition.onConfig?.(config);

  return {
    ...address,
    server,
    config: () => config,
    configure,
    // A snapshot: a caller comparing before and after must not hold the live counters.
    stats: () => structuredClone(stats),
    reset,
    close: async () => {
      closing.abort();
      definition.close?.();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** The route name a request would be counted under, for requests a fault answered before routing. */
function routeName(router: Router, method: string, path: string): string {
  const found = router.match(method, path);
  if (!('route' in found)) return `${method} (unmatched)`;
  return found.route.name ?? `${found.route.method} ${found.route.pattern}`;
}

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
