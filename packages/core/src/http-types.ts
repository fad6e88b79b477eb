import type { Dispatcher } from 'undici';
import type { CircuitBreaker, CircuitBreakerOptions, CircuitEvent } from './circuit.js';
import type { NetworkOptions } from './dispatchers.js';
import type { ResponseType } from './http-body.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RetryOptions } from './retry.js';

/** HTTP methods the clients use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** A query value; arrays become repeated parameters, `undefined` and `null` are left out. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number | boolean>;

/** How a client authenticates; one strategy per credential. */
export interface AuthStrategy {
  /** Headers to add to the request (for example `Authorization`). */
  headers(request: {
    method: string;
    path: string;
  }): Record<string, string> | Promise<Record<string, string>>;
  /**
   * Called when a request got 401. Return true after refreshing the credential (a new session, a new
   * token) to have the request repeated once with fresh headers. `request` is the very object
   * {@link headers} got for that request, so a strategy can tell which credential the refused request
   * carried (say, in a `WeakMap` keyed by it) without any per-request context of its own.
   */
  onUnauthorized?(request: { method: string; path: string }): Promise<boolean>;
}

/** Options of one request. */
export interface RequestOptions {
  method: HttpMethod;
  /**
   * Path relative to the client's base URL (`teams/12`), or absolute from the host root (`/session/login`).
   * A full URL on another origin (a download link) is accepted only with `skipAuth`, and then carries no
   * credentials: neither the auth strategy's headers nor client headers with secret names.
   */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON unless it is a string or Buffer (then `contentType` says what it is). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Marks a POST or PATCH as safe to repeat; other methods are retried only when idempotent. */
  retrySafe?: boolean;
  /** Overrides the client's retry count for this request. */
  maxRetries?: number;
  /** Overrides the per-attempt timeout. For `stream` answers it covers only the time to headers. */
  timeoutMs?: number;
  /**
   * For `stream` answers: fail the stream with a {@link TimeoutError} when the server sends nothing for
   * this long (time the reader leaves data unread does not count). Default: no idle limit.
   */
  idleTimeoutMs?: number;
  /**
   * Cancels the request: a request waiting in the rate limiter, in flight, waiting to retry or (for
   * `stream` answers) being read fails with an {@link AbortError}. Every listener added to it is removed
   * when the request ends, so one signal can serve any number of requests.
   */
  signal?: AbortSignal;
  /** How to read the body. Default `json` (empty bodies become `undefined`). */
  responseType?: ResponseType;
  /** Statuses besides 2xx to return instead of throwing (for example 404 when "absent" is an answer). */
  okStatuses?: readonly number[];
  /** Skips the auth strategy (for the login call itself). */
  skipAuth?: boolean;
}

/** A successful (or `okStatuses`) answer. */
export interface HttpResponse<T = unknown> {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: T;
  /** Attempts made, retries and the repeat after a re-authentication included. */
  attempts: number;
}

/** Emitted before each attempt. */
export interface RequestEvent {
  method: string;
  host: string;
  /** Path and query, secrets redacted. */
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
}
/** Emitted after each attempt that got an answer (any status). */
export interface ResponseEvent extends RequestEvent {
  status: number;
  /** Time from sending to the end of the body (to the headers for `stream` answers). */
  ms: number;
  requestId: string | undefined;
}
/** Emitted before a retry, and before the repeat that follows a re-authentication (`delayMs` 0). */
export interface RetryEvent extends RequestEvent {
  delayMs: number;
  /** Why: `status 503`, or the connection error's message. */
  reason: string;
}

/**
 * Emitted when the server rejected the credentials: `refreshed` when a 401 made the auth strategy renew
 * them (an expired session or token) and the request is repeated, `refused` when a 401 or 403 is final
 * (also when renewing the credential was refused).
 */
export interface AuthEvent extends RequestEvent {
  status: number;
  outcome: 'refreshed' | 'refused';
}

/** Events an {@link HttpClient} emits, for logs and metrics. */
export interface HttpClientEvents {
  request: [RequestEvent];
  response: [ResponseEvent];
  retry: [RetryEvent];
  /** Emitted when an attempt failed without an answer (named so that it never throws like 'error'). */
  failure: [RequestEvent & { error: Error; ms: number }];
  /** The destination's circuit changed state (opened, half-open for a probe, closed); see {@link CircuitEvent}. */
  circuit: [CircuitEvent];
  /** The server rejected the credentials; see {@link AuthEvent}. */
  auth: [AuthEvent];
}

/**
 * Options shared by every client built on the core. Network options (`proxy`, `noProxy`, `tls`) apply
 * only when no `dispatcher` is given.
 */
export interface HttpClientOptions extends NetworkOptions {
  /** Base URL every relative path is resolved against (`https://acme.playvox.com/api/v1/`). */
  baseUrl: string;
  /**
   * undici dispatcher (a proxy agent, a mock agent, a custom pool). Default: a shared keep-alive Agent,
   * or an `EnvHttpProxyAgent` when `proxy`, `HTTPS_PROXY` or `HTTP_PROXY` is set, with `tls.caFile`'s CAs.
   */
  dispatcher?: Dispatcher;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /** Retry policy overrides. */
  retry?: Partial<RetryOptions>;
  /** The limiter of the credential (see `rateLimiterFor`); a 429 pauses it for every request. */
  rateLimiter?: RateLimiter;
  /** How requests authenticate; `skipAuth` requests bypass it. */
  auth?: AuthStrategy;
  /** Headers sent on every request. */
  headers?: Record<string, string>;
  /**
   * Secret values (password, key, session id) to scrub from error messages and bodies in case a server
   * echoes them, and from the request paths that events and errors report.
   */
  secrets?: () => Iterable<string | undefined>;
  /** Source of randomness for jitter (tests pass a fixed one). */
  random?: () => number;
  /**
   * The destination's name (`playvox-qa`, `playvox-wfm`, `livevox`, `gladly`). Giving one turns on a
   * circuit breaker for this client, named so in events, errors and metrics.
   */
  destination?: string;
  /**
   * The circuit breaker: tunables for this client's own (the name is `destination`, else the base URL's
   * host), a {@link CircuitBreaker} to share with other clients of the same destination, or `false` for
   * none. Default: a breaker with default tunables when `destination` is set, none otherwise.
   */
  circuit?: Omit<CircuitBreakerOptions, 'destination'> | CircuitBreaker | false;
}
