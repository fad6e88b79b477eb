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
    this.routes.push({
      method: method.toUpperCase(),
      pattern,
      regex: new RegExp(`^${source}/?$`),
      keys,
      handler,
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

  /**
   * The route for a method and path, with its parameters; `methodMismatch` (and the `allowed` methods)
   * when a route has the path but not the method.
   */
  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | { methodMismatch: boolean; allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      if (route.method !== method.toUpperCase()) {
        if (!allowed.includes(route.method)) allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = safeDecode(found[i + 1] ?? '');
      });
      return { route, params };
    }
    return { methodMismatch: allowed.length > 0, allowed };
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
