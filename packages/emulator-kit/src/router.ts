import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireOperation } from '@voxbridge/core';

/** Returned by a handler that wrote the response itself (streams, long polls). */
export const HANDLED: unique symbol = Symbol('handled');

/** A JSON (or text) answer. */
export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What a handler returns. */
export type RouteResult = RouteResponse | typeof HANDLED;

/** Everything a handler needs about one request. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without the query. */
  path: string;
  /** Named path parameters (`:id`). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or a parsed form body, or undefined. */
  body: unknown;
  rawBody: Buffer;
  /** Lower-case request headers. */
  headers: Record<string, string | string[] | undefined>;
  /** The credential the emulator's authenticate hook recognised (for rate limiting). */
  credential: string | undefined;
  /** Aborts when the client disconnects or the server closes (for long polls and streams). */
  signal: AbortSignal;
  /**
   * Set when a `truncate` fault rule picked this request: the kit sends half of the answer and closes the
   * connection. A handler that writes the answer itself (returns {@link HANDLED}) may honour it too.
   */
  truncate?: boolean;
}

/** A request handler. */
export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

/** A registered route. */
export interface Route {
  method: string;
  /** The pattern as written, used as the route's name in stats. */
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: Handler;
  /** `METHOD pattern`: the route's name in stats and in `publicRoutes` (made once, not per request). */
  name?: string;
}

/** What {@link Router.match} finds: the route and its parameters, or why there is none. */
export type RouteMatch =
  | { route: Route; params: Record<string, string> }
  | { methodMismatch: boolean; allowed: string[] };

/** Routes a path can match, in the order they were added (see {@link Router.match}). */
type Candidates = readonly Route[];

/**
 * The bucket key of a route: its segment count and first segment (`3 context`, or `3 :` when the first
 * segment is a parameter); undefined for a route any path might match (`*`, empty segments, the root).
 */
function routeKey(pattern: string): string | undefined {
  const segments = pattern.split('/').slice(1);
  if (!pattern.startsWith('/') || segments.length === 0) return undefined;
  if (segments.some((segment) => segment === '' || segment === '*')) return undefined;
  const first = segments[0] as string;
  return `${segments.length} ${first.startsWith(':') ? ':' : first}`;
}

/** An error a handler throws to answer with `status` and a body. */
export class HttpError extends Error {
  /** The status to answer with. */
  readonly status: number;
  /** The answer's body (JSON, or text when a string). */
  readonly body: unknown;
  /** Extra answer headers (`retry-after`). */
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, body: unknown, headers?: Record<string, string>) {
    super(typeof body === 'string' ? body : `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/**
 * A request that breaks an operation's wire contract. The server answers it with the emulator's own
 * error body (`errorBody(status, message)`), as it does for malformed JSON.
 */
export class InvalidRequestError extends HttpError {
  constructor(status: number, message: string) {
    super(status, message);
  }
}

/**
 * A minimal method + path router. Patterns use `:name` for one segment and may end in `*` for the
 * rest of the path: `/api/v1/integrations/:id/interactions`.
 */
export class Router {
  /** The routes in the order they were added; the first match wins. */
  readonly routes: Route[] = [];
  /** The contract operations served through `serveOperation` (the generated document lists them). */
  readonly operations: WireOperation[] = [];

  /** Adds a route. */
  add(method: string, pattern: string, handler: Handler): this {
    const keys: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          keys.push(segment.slice(1));
          return '([^/]+)';
        }
        if (segment === '*') {
          keys.push('rest');
          return '(.*)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    const upper = method.toUpperCase();
    this.routes.push({
      method: upper,
      pattern,
      regex: new RegExp(`^${source}/?$`),
      keys,
      handler,
      name: `${upper} ${pattern}`,
    });
    return this;
  }

  /** Adds a GET route. */
  get(pattern: string, handler: Handler): this {
    return this.add('GET', pattern, handler);
  }
  /** Adds a POST route. */
  post(pattern: string, handler: Handler): this {
    return this.add('POST', pattern, handler);
  }
  /** Adds a PUT route. */
  put(pattern: string, handler: Handler): this {
    return this.add('PUT', pattern, handler);
  }
  /** Adds a PATCH route. */
  patch(pattern: string, handler: Handler): this {
    return this.add('PATCH', pattern, handler);
  }
  /** Adds a DELETE route. */
  delete(pattern: string, handler: Handler): this {
    return this.add('DELETE', pattern, handler);
  }

  /** Routes bucketed by segment count and first segment, rebuilt when `routes` grows. */
  private index: { size: number; buckets: Map<string, Candidates>; any: Candidates } | undefined;

  /**
   * The routes a path could match, in the order they were added. A route outside the path's bucket
   * cannot match it: its regex fixes the segment count (one trailing slash allowed) and a literal first
   * segment. Saves a regex test of every route per request.
   */
  private candidates(path: string): Candidates {
    let index = this.index;
    if (index?.size !== this.routes.length) index = this.buildIndex();
    const end = path.length > 1 && path.endsWith('/') ? path.length - 1 : path.length;
    let count = 1;
    let firstEnd = -1;
    for (let i = 1; i < end; i++) {
      if (path.charCodeAt(i) !== 47) continue;
      if (firstEnd === -1) firstEnd = i;
      count += 1;
    }
    const first = path.slice(1, firstEnd === -1 ? end : firstEnd);
    return index.buckets.get(`${count} ${first}`) ?? index.buckets.get(`${count} :`) ?? index.any;
  }

  private buildIndex() {
    const keyed = this.routes.map((route) => routeKey(route.pattern));
    const keys = new Set(keyed.filter((key) => key !== undefined));
    // Each bucket also holds the routes whose first segment is a parameter (same count) and the routes
    // of no bucket, so that one lookup gives every candidate, still in the order they were added.
    const buckets = new Map<string, Candidates>();
    for (const key of keys) {
      const paramKey = `${key.slice(0, key.indexOf(' '))} :`;
      buckets.set(
        key,
        this.routes.filter((_, i) => keyed[i] === key || keyed[i] === paramKey || keyed[i] === undefined),
      );
    }
    const any = this.routes.filter((_, i) => keyed[i] === undefined);
    const index = { size: this.routes.length, buckets, any };
    this.index = index;
    return index;
  }

  /**
   * The route for a method and path, with its parameters; `methodMismatch` (and the `allowed` methods)
   * when a route has the path but not the method.
   */
  match(method: string, path: string): RouteMatch {
    const upper = method.toUpperCase();
    let allowed: string[] | undefined;
    for (const route of this.candidates(path)) {
      const found = route.regex.exec(path);
      if (!found) continue;
      if (route.method !== upper) {
        allowed ??= [];
        if (!allowed.includes(route.method)) allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (let i = 0; i < route.keys.length; i++) {
        const value = found[i + 1] ?? '';
        params[route.keys[i] as string] = value.includes('%') ? safeDecode(value) : value;
      }
      return { route, params };
    }
    return { methodMismatch: allowed !== undefined, allowed: allowed ?? [] };
  }
}

/** Decodes a path parameter; a malformed escape (`%E0%A4%A`) stays as it was instead of throwing. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
