import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { Agent, request as undiciRequest } from 'undici';
import {
  AbortError,
  ApiError,
  ConnectionError,
  type RequestSummary,
  requestIdFrom,
  TimeoutError,
  ValidationError,
  VoxbridgeError,
} from './errors.js';
import { decodeBuffer, encodeBody, flattenHeaders, parseBody, streamBody } from './http-body.js';
import type {
  HttpClientEvents,
  HttpClientOptions,
  HttpResponse,
  QueryValue,
  RequestEvent,
  RequestOptions,
} from './http-types.js';
import type { RateLimiter } from './rate-limiter.js';
import { isSecretName, redactUrl, scrubSecrets, scrubValue } from './redact.js';
import {
  backoffDelayMs,
  DEFAULT_RETRY,
  isRetryableStatus,
  isRetrySafe,
  neverReachedServer,
  type RetryOptions,
  serverRequestedDelayMs,
  sleep,
} from './retry.js';
import { linkAbort } from './signals.js';

let sharedAgent: Agent | undefined;
/** The keep-alive pool used when no dispatcher is injected. */
export function defaultDispatcher(): Agent {
  sharedAgent ??= new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 64,
    pipelining: 1,
  });
  return sharedAgent;
}

/** The answer of one attempt, before the policy decides what to do with it. */
interface AttemptResult<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
  /** The backoff drawn for this attempt (also used to pause the limiter on a 429 without a hint). */
  backoffMs: number;
}

/**
 * The one HTTP client every voxbridge API client is built on: one retry, timeout, rate-limit, error
 * and redaction policy for all of them.
 */
export class HttpClient extends EventEmitter<HttpClientEvents> {
  /** Base URL with a trailing slash. */
  readonly baseUrl: URL;
  /** The retry policy in force (defaults merged with the client's overrides). */
  readonly retry: RetryOptions;
  private readonly options: HttpClientOptions;

  constructor(options: HttpClientOptions) {
    super();
    this.options = options;
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** The limiter this client's requests go through, if any. */
  get rateLimiter(): RateLimiter | undefined {
    return this.options.rateLimiter;
  }

  /** Builds the absolute URL of a request. */
  url(path: string, query?: Record<string, QueryValue>): URL {
    // Collapse leading slashes so that `//host/x` can never turn into a protocol-relative URL.
    const url = new URL(path.replace(/^\/+/, path.startsWith('/') ? '/' : ''), this.baseUrl);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    return url;
  }

  /** Sends a request under the retry, timeout and rate-limit policy and returns the parsed answer. */
  async request<T = unknown>(req: RequestOptions): Promise<HttpResponse<T>> {
    const url = this.url(req.path, req.query);
    const crossOrigin = url.origin !== this.baseUrl.origin;
    if (crossOrigin && !req.skipAuth) {
      throw new ValidationError('path', `must stay on ${this.baseUrl.origin} unless skipAuth is set`);
    }
    const redactedPath = redactUrl(url.origin + url.pathname + url.search).slice(url.origin.length);
    // A secret can sit in a path segment too (LiveVox puts the session id there); scrub known values.
    const summary: RequestSummary = { method: req.method, host: url.host, path: this.scrub(redactedPath) };
    const maxRetries = req.maxRetries ?? this.retry.maxRetries;
    const safe = isRetrySafe(req.method, req.retrySafe);
    let retries = 0;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw callerAbort(req.signal);
      const event: RequestEvent = { method: req.method, host: summary.host, path: summary.path, attempt };
      let res: AttemptResult<T>;
      try {
        res = await this.attempt<T>(req, url, summary, event, crossOrigin, retries);
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        // A request that never left (connection refused) can be repeated even when it is not idempotent.
        if (!(safe || neverReachedServer(error.cause)) || retries >= maxRetries) throw error;
        await this.waitToRetry(
          req,
          event,
          backoffDelayMs(retries++, this.retry, this.options.random),
          error.message,
        );
        continue;
      }
      const unauthorized = res.status === 401 && !req.okStatuses?.includes(401);
      if (unauthorized && !reauthenticated && !req.skipAuth && this.options.auth?.onUnauthorized) {
        reauthenticated = true;
        if (await this.options.auth.onUnauthorized()) {
          this.emit('retry', { ...event, delayMs: 0, reason: 'status 401: credentials refreshed' });
          continue;
        }
      }
      if ((res.status >= 200 && res.status < 300) || req.okStatuses?.includes(res.status)) {
        return { status: res.status, headers: res.headers, body: res.body, attempts: attempt };
      }
      const error = this.apiError(res.status, res.body, res.headers, summary);
      const requested = serverRequestedDelayMs(res.headers, Date.now(), res.status);
      const backoff = res.backoffMs;
      if (!isRetryableStatus(res.status) || !safe || retries >= maxRetries) throw error;
      // A wait longer than the policy honours ends the retries; `error.retryAfterMs` tells the caller.
      if (requested !== undefined && requested > this.retry.maxRetryAfterMs) throw error;
      retries++;
      await this.waitToRetry(req, event, requested ?? backoff, `status ${res.status}`);
    }
  }

  /** Shorthand for a JSON request that returns only the body. */
  async json<T = unknown>(req: RequestOptions): Promise<T> {
    return (await this.request<T>(req)).body;
  }

  private async waitToRetry(
    req: RequestOptions,
    event: RequestEvent,
    delayMs: number,
    reason: string,
  ): Promise<void> {
    this.emit('retry', { ...event, delayMs, reason });
    try {
      await sleep(delayMs, req.signal);
    } catch {
      throw callerAbort(req.signal, 'request aborted by caller while waiting to retry');
    }
  }

  private secretValues(): string[] {
    return this.options.secrets
      ? [...this.options.secrets()].filter((s): s is string => typeof s === 'string')
      : [];
  }

  private scrub(text: string): string {
    return this.options.secrets ? scrubSecrets(text, this.secretValues()) : text;
  }

  private apiError(
    status: number,
    body: unknown,
    headers: Record<string, string>,
    summary: RequestSummary,
  ): ApiError {
    const secrets = this.secretValues();
    const error = ApiError.from(
      status,
      secrets.length > 0 ? scrubValue(body, secrets) : body,
      headers,
      summary,
    );
    if (secrets.length > 0) error.message = scrubSecrets(error.message, secrets);
    return error;
  }

  /**
   * One attempt: a fresh AbortController (linked to the caller's signal, unlinked at the end) bounds the
   * headers and the body. Auth headers are built before taking a rate-limiter slot, so that a login made
   * by the auth strategy never waits for a slot this very request holds.
   */
  private async attempt<T>(
    req: RequestOptions,
    url: URL,
    summary: RequestSummary,
    event: RequestEvent,
    crossOrigin: boolean,
    retries: number,
  ): Promise<AttemptResult<T>> {
    const headers = await this.buildHeaders(req, summary, crossOrigin);
    const payload = encodeBody(req.body, req.contentType, headers);
    const release = await this.acquireSlot(req.signal);
    const controller = new AbortController();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const timer = setTimeout(
      () =>
        controller.abort(
          new TimeoutError(`${summary.method} ${summary.path} timed out after ${timeoutMs} ms`, summary),
        ),
      timeoutMs,
    );
    // While the body streams to the caller, an abort must also fail the stream the caller reads.
    let abortWith = (error: Error) => controller.abort(error);
    const onCallerAbort = () => abortWith(callerAbort(req.signal));
    const unlink = req.signal ? linkAbort(req.signal, onCallerAbort) : () => {};
    let handedOver = false;
    const started = performance.now();
    this.emit('request', event);
    try {
      // The signal may have fired between the caller's check and the link above.
      if (req.signal?.aborted) onCallerAbort();
      const res = await undiciRequest(url, {
        method: req.method,
        headers,
        body: payload,
        dispatcher: this.options.dispatcher ?? defaultDispatcher(),
        signal: controller.signal,
      });
      const resHeaders = flattenHeaders(res.headers);
      const ok = (res.statusCode >= 200 && res.statusCode < 300) || req.okStatuses?.includes(res.statusCode);
      let parsed: unknown;
      if (ok && req.responseType === 'stream') {
        clearTimeout(timer);
        const stream = streamBody(res.body, {
          encoding: resHeaders['content-encoding'],
          idleTimeoutMs: req.idleTimeoutMs,
          idleError: () =>
            new TimeoutError(
              `${summary.method} ${summary.path}: no data for ${req.idleTimeoutMs} ms`,
              summary,
            ),
          onClose: unlink,
        });
        abortWith = (error) => {
          controller.abort(error);
          stream.destroy(error);
        };
        handedOver = true;
        parsed = stream satisfies Readable;
      } else if (ok && req.responseType === 'none') {
        await res.body.dump();
      } else {
        const raw = decodeBuffer(Buffer.from(await res.body.arrayBuffer()), resHeaders['content-encoding']);
        parsed =
          ok && req.responseType === 'buffer'
            ? raw
            : parseBody(raw, resHeaders['content-type'], ok ? req.responseType : 'json');
      }
      this.emit('response', {
        ...event,
        status: res.statusCode,
        ms: performance.now() - started,
        requestId: requestIdFrom(resHeaders),
      });
      const backoffMs = res.statusCode >= 300 ? backoffDelayMs(retries, this.retry, this.options.random) : 0;
      // A 429 holds every request of this credential, retried or not. The pause starts before this
      // request gives its slot back, so that no queued request slips through in between.
      if (res.statusCode === 429) {
        const requested = serverRequestedDelayMs(resHeaders, Date.now(), 429);
        this.options.rateLimiter?.pauseFor(Math.min(requested ?? backoffMs, this.retry.maxRetryAfterMs));
      }
      return { status: res.statusCode, headers: resHeaders, body: parsed as T, backoffMs };
    } catch (error) {
      const failure = this.classifyFailure(error, controller.signal, summary);
      this.emit('failure', { ...event, error: failure, ms: performance.now() - started });
      throw failure;
    } finally {
      if (!handedOver) {
        clearTimeout(timer);
        unlink();
      }
      release?.();
    }
  }

  /** Waits for a rate-limiter slot; a caller abort while queued becomes an {@link AbortError}. */
  private async acquireSlot(signal: AbortSignal | undefined): Promise<(() => void) | undefined> {
    if (!this.options.rateLimiter) return undefined;
    try {
      return await this.options.rateLimiter.acquire(signal);
    } catch (error) {
      if (signal?.aborted)
        throw callerAbort(signal, 'request aborted by caller while waiting for the rate limiter');
      throw error;
    }
  }

  /** Turns whatever an attempt threw into a timeout, abort or connection error (or passes ours through). */
  private classifyFailure(error: unknown, signal: AbortSignal, summary: RequestSummary): Error {
    const reason: unknown = signal.aborted ? signal.reason : undefined;
    if (reason instanceof TimeoutError || reason instanceof AbortError) return reason;
    if (error instanceof VoxbridgeError) return error;
    const code = (error as { code?: unknown })?.code;
    // undici rejects a bad header or option before sending anything: a bug in the caller, never retried.
    if (typeof code === 'string' && code.startsWith('UND_ERR_INVALID')) return error as Error;
    const text = error instanceof Error ? error.message : String(error);
    const message = `${summary.method} ${summary.path} failed: ${text}${typeof code === 'string' ? ` (${code})` : ''}`;
    return new ConnectionError(this.scrub(message), summary, { cause: error });
  }

  private async buildHeaders(
    req: RequestOptions,
    summary: RequestSummary,
    crossOrigin: boolean,
  ): Promise<Record<string, string>> {
    const auth =
      req.skipAuth || !this.options.auth
        ? {}
        : await this.options.auth.headers({ method: req.method, path: summary.path });
    const shared = { ...this.options.headers };
    // Client-wide headers may carry a key (`X-Api-Key`); they must not travel to another origin.
    if (crossOrigin) for (const name of Object.keys(shared)) if (isSecretName(name)) delete shared[name];
    return {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      'user-agent': 'voxbridge/0.1 (+node)',
      ...shared,
      ...auth,
      ...req.headers,
    };
  }
}

/** The error a caller's abort turns into. */
function callerAbort(signal: AbortSignal | undefined, message = 'request aborted by caller'): AbortError {
  return new AbortError(message, { cause: signal?.reason });
}
