import { inspect } from 'node:util';
import {
  ApiError,
  type AuthEvent,
  AuthenticationError,
  type AuthStrategy,
  BadRequestError,
  ConflictError,
  ConnectionError,
  HttpClient,
  type HttpClientOptions,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
  UnprocessableEntityError,
  ValidationError,
} from '@voxbridge/core';
import { Agent, type Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { apiClient, countRequests, PASSWORD, sharedTestServer, startTestServer } from './fixtures.js';

const server = sharedTestServer((running) => {
  running.acceptLogins = true;
});

/** A client that does not retry. */
function client(options: Partial<HttpClientOptions> = {}) {
  return apiClient(server, { retry: { maxRetries: 0 }, ...options });
}

describe('typed errors', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [418, ApiError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ])('maps %i to its class with status, body, request id and request', async (status, Class) => {
    const error = await client()
      .request({ method: 'GET', path: `status/${status}`, query: { q: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.name).toBe(Class.name);
    expect(api.status).toBe(status);
    expect(api.requestId).toBe(`req-${status}`);
    expect(api.body).toEqual({ error: { code: `E${status}`, message: `answered ${status}` } });
    expect(api.request).toEqual({
      method: 'GET',
      path: `/api/status/${status}?q=x`,
      host: new URL(server.url).host,
    });
    expect(api.message).toBe(`GET /api/status/${status}?q=x failed with ${status}: answered ${status}`);
  });

  it('returns okStatuses instead of throwing', async () => {
    const res = await client().request({ method: 'GET', path: 'status/404', okStatuses: [404] });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'E404' } });
  });

  it('refuses a cross-origin URL that would carry credentials', async () => {
    const http = client();
    const sent = countRequests(http);
    const error = await http
      .request({ method: 'GET', path: 'http://127.0.0.2:9/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('path');
    expect(sent()).toBe(0);
  });

  it('sends no secret client header to another origin, even with skipAuth', async () => {
    const other = await startTestServer();
    try {
      const http = client({
        headers: { authorization: 'Bearer static', 'x-api-key': 'k-123456', 'x-team': 'blue' },
      });
      const res = await http.request<Record<string, string>>({
        method: 'GET',
        path: `${other.url}/echo-headers`,
        skipAuth: true,
      });
      expect(res.body['x-team']).toBe('blue');
      expect(res.body.authorization).toBeUndefined();
      expect(res.body['x-api-key']).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('uses an injected dispatcher', async () => {
    let dispatched = 0;
    class CountingAgent extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        dispatched += 1;
        return super.dispatch(options, handler);
      }
    }
    const dispatcher = new CountingAgent();
    try {
      await client({ dispatcher }).request({ method: 'GET', path: 'items' });
      expect(dispatched).toBe(1);
    } finally {
      await dispatcher.close();
    }
  });
});

describe('secrets never leak into errors or events', () => {
  it('keeps passwords, tokens, cookies and secret query values out of message, body, headers and summary', async () => {
    const http = client({ secrets: () => [PASSWORD] });
    const paths: string[] = [];
    http.on('request', (event) => paths.push(event.path));
    http.on('response', (event) => paths.push(event.path));
    const error = await http
      .request({
        method: 'GET',
        path: 'echo-secret',
        query: { user: 'bob', api_key: 'KEY-0123456789', access_token: 'AT-987654' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    const api = error as BadRequestError;
    const printed = [
      api.message,
      JSON.stringify(api.body),
      JSON.stringify(api.headers),
      JSON.stringify(api.request),
      inspect(api, { depth: 10 }),
      String(api.stack),
      ...paths,
    ].join('\n');
    for (const secret of [PASSWORD, 'tok-abc', 'KEY-0123456789', 'AT-987654'])
      expect(printed).not.toContain(secret);
    expect(api.requestId).toBe('req-echo');
    expect(api.headers['set-cookie']).toBe('[REDACTED]');
    expect(api.request?.path).toBe('/api/echo-secret?user=bob&api_key=[REDACTED]&access_token=[REDACTED]');
    expect(api.message).toBe(
      'GET /api/echo-secret?user=bob&api_key=[REDACTED]&access_token=[REDACTED] failed with 400: wrong password [REDACTED] for bob',
    );
  });

  it('scrubs a known secret that sits in a path segment', async () => {
    const http = client({ secrets: () => [PASSWORD] });
    const error = await http
      .request({ method: 'GET', path: `sessions/${PASSWORD}` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
    expect((error as NotFoundError).request?.path).toBe('/api/sessions/[REDACTED]');
  });

  it('keeps the secret out of a connection error', async () => {
    await server.faults([{ path: '^/api/', drop: true }]);
    const http = client({ secrets: () => [PASSWORD] });
    const error = await http
      .request({ method: 'GET', path: `sessions/${PASSWORD}`, query: { token: 'T-55555' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const text = `${(error as Error).message}\n${JSON.stringify((error as ConnectionError).request)}`;
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('T-55555');
  });
});

describe('401 and re-authentication', () => {
  /** A token strategy that logs in through the same client (skipAuth) and counts refreshes. */
  function tokenAuth(password = PASSWORD) {
    let token: string | undefined;
    let refreshes = 0;
    let http: HttpClient;
    const login = async () => {
      const body = await http.json<{ token: string }>({
        method: 'POST',
        path: '/login',
        body: { password },
        skipAuth: true,
      });
      token = body.token;
      return token;
    };
    const strategy: AuthStrategy = {
      headers: async () => ({ authorization: `Bearer ${token ?? (await login())}` }),
      onUnauthorized: async () => {
        refreshes += 1;
        token = undefined;
        return true;
      },
    };
    http = new HttpClient({ baseUrl: `${server.url}/api/`, auth: strategy, retry: { maxRetries: 0 } });
    return { http, refreshes: () => refreshes };
  }

  it('logs in again once after a 401 and repeats the request', async () => {
    const { http, refreshes } = tokenAuth();
    await http.request({ method: 'GET', path: 'me' });
    server.rotate();
    const retries: RetryEvent[] = [];
    http.on('retry', (event) => retries.push(event));
    const res = await http.request({ method: 'GET', path: 'me' });
    expect(res).toMatchObject({ status: 200, attempts: 2, body: { credential: 'test-credential' } });
    expect(refreshes()).toBe(1);
    expect(retries.map((r) => [r.reason, r.delayMs])).toEqual([['status 401: credentials refreshed', 0]]);
  });

  it('re-authenticates only once per request', async () => {
    const { http, refreshes } = tokenAuth();
    server.acceptLogins = false;
    server.rotate();
    const error = await http.request({ method: 'GET', path: 'me' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(refreshes()).toBe(1);
    expect(server.emulator.stats().byRoute['GET /api/me']).toEqual({ '401': 2 });
  });

  it('hands onUnauthorized the object headers got for the refused request', async () => {
    const seen: object[] = [];
    const refused: object[] = [];
    const http = client({
      headers: {},
      auth: {
        headers: (request) => {
          seen.push(request);
          return { authorization: 'Bearer nope' };
        },
        onUnauthorized: async (request) => {
          refused.push(request);
          return true;
        },
      },
    });
    await expect(http.request({ method: 'GET', path: 'me' })).rejects.toBeInstanceOf(AuthenticationError);
    await expect(http.request({ method: 'GET', path: 'me' })).rejects.toBeInstanceOf(AuthenticationError);
    // One object per request, the same for its repeat; another request gets another.
    expect(seen).toHaveLength(4);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[3]);
    expect(seen[0]).not.toBe(seen[2]);
    expect(refused).toEqual([seen[0], seen[2]]);
    expect(refused[0]).toBe(seen[0]);
    expect(refused[1]).toBe(seen[2]);
  });

  it('does not repeat when the strategy cannot refresh', async () => {
    const http = client({
      headers: {},
      auth: { headers: () => ({ authorization: 'Bearer nope' }), onUnauthorized: async () => false },
    });
    await expect(http.request({ method: 'GET', path: 'me' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(server.emulator.stats().byRoute['GET /api/me']).toEqual({ '401': 1 });
  });

  it('returns a 401 listed in okStatuses without re-authenticating', async () => {
    const { http, refreshes } = tokenAuth();
    await http.request({ method: 'GET', path: 'me' });
    server.rotate();
    const res = await http.request({ method: 'GET', path: 'me', okStatuses: [401] });
    expect(res).toMatchObject({ status: 401, attempts: 1 });
    expect(refreshes()).toBe(0);
  });

  it('emits auth events: refreshed after a 401 it recovered from, refused when a 401 is final', async () => {
    const { http } = tokenAuth();
    const events: AuthEvent[] = [];
    http.on('auth', (event) => events.push(event));
    await http.request({ method: 'GET', path: 'me' });
    server.rotate();
    await http.request({ method: 'GET', path: 'me', okStatuses: [401] }); // an answer, not a refusal
    expect(events).toEqual([]);
    await http.request({ method: 'GET', path: 'me' });
    expect(events.map((e) => [e.outcome, e.status, e.method, e.path])).toEqual([
      ['refreshed', 401, 'GET', '/api/me'],
    ]);
    server.acceptLogins = false;
    server.rotate();
    await expect(http.request({ method: 'GET', path: 'me' })).rejects.toBeInstanceOf(AuthenticationError);
    // A fresh token refused too: the repeat's 401 is final.
    expect(events.slice(1).map((e) => [e.outcome, e.status, e.path])).toEqual([
      ['refreshed', 401, '/api/me'],
      ['refused', 401, '/api/me'],
    ]);
  });

  it('emits refused for a refused login, on the login and on the request it was for', async () => {
    const { http } = tokenAuth('wrong-password');
    const events: AuthEvent[] = [];
    http.on('auth', (event) => events.push(event));
    await expect(http.request({ method: 'GET', path: 'me' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(events.map((e) => [e.outcome, e.status, e.path])).toEqual([
      ['refused', 401, '/login'],
      ['refused', 401, '/api/me'],
    ]);
    expect(JSON.stringify(events)).not.toContain('wrong-password');
  });

  it('passes a failed login through unchanged', async () => {
    const { http } = tokenAuth('wrong-password');
    const error = await http.request({ method: 'GET', path: 'me' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).request?.path).toBe('/login');
  });
});

describe('events', () => {
  it('emits request, response and retry with method, path, status and ms', async () => {
    await server.faults([{ path: '^/api/items$', status: 503, times: 1 }]);
    const http = client({ retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const seen: Array<[string, RequestEvent]> = [];
    for (const name of ['request', 'response', 'retry', 'failure'] as const) {
      http.on(name, (event: RequestEvent) => seen.push([name, event]));
    }
    await http.request({ method: 'GET', path: 'items', query: { page: 2 } });
    expect(seen.map(([name, event]) => `${name}#${event.attempt}`)).toEqual([
      'request#1',
      'response#1',
      'retry#1',
      'request#2',
      'response#2',
    ]);
    const responses = seen.filter(([name]) => name === 'response').map(([, event]) => event as ResponseEvent);
    expect(responses.map((r) => r.status)).toEqual([503, 200]);
    for (const [, event] of seen) {
      expect(event).toMatchObject({
        method: 'GET',
        path: '/api/items?page=2',
        host: new URL(server.url).host,
      });
    }
    for (const response of responses) expect(response.ms).toBeGreaterThanOrEqual(0);
    expect(responses[1]?.requestId).toBe('req-items-2');
  });

  it('emits failure with the error and ms when no answer came', async () => {
    await server.faults([{ path: '^/api/items$', drop: true, times: 1 }]);
    const http = client();
    const failures: Array<RequestEvent & { error: Error; ms: number }> = [];
    http.on('failure', (event) => failures.push(event));
    await expect(http.request({ method: 'GET', path: 'items' })).rejects.toBeInstanceOf(ConnectionError);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ method: 'GET', path: '/api/items', attempt: 1 });
    expect(failures[0]?.error).toBeInstanceOf(ConnectionError);
    expect(failures[0]?.ms).toBeGreaterThanOrEqual(0);
  });
});
