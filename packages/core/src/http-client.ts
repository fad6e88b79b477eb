import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { type CircuitBreaker, CircuitOpenError } from './circuit.js';
import { dispatcherFor } from './dispatchers.js';
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
import { decodeBuffer, encodeBody, flattenHeaders, parseBody, parseText, streamBody } from './http-body.js';
import {
  authRequestOf,
  type Call,
  callerAbort,
  circuitFor,
  DEFAULT_HEADERS,
  failureReason,
  isThenable,
} from './http-call.js';
import type {
  AuthEvent,
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
import { AttemptSignal, linkAbort } from './signals.js';
import { type RequestTarget, TargetBuilder } from './url.js';

/** The answer of one attempt, before the policy decides what to do with it. */
interface AttemptResult<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
  /** The backoff drawn for this attempt (also used to pause the limiter on a 429 without a hint). */
  backoffMs: number;
}

const noop = () => {};

/**
 * The one HTTP client every voxbridge API client is built on: one retry, timeout, rate-limit, circuit,
 * error and redaction policy for all of them. The hot path is lean: the URL is joined as a string, the
 * redacted summary and event objects are built only when an error or a listener needs them, and each
 * attempt has one timer and one small abort handle.
 */
export class HttpClient extends EventEmitter<HttpClientEvents> {
  /** Base URL with a trailing slash. */
  readonly baseUrl: URL;
  /** The retry policy in force (defaults merged with the client's overrides). */
  readonly retry: RetryOptions;
  /**
   * The circuit breaker of this client's destination (`options.destination` or `options.circuit`);
   * undefined when none is configured. `circuit.state`, `circuit.snapshot()`, `circuit.ready()`.
   */
  readonly circuit: CircuitBreaker | undefined;
  private readonly options: HttpClientOptions;
  private readonly targets: TargetBuilder;
  private readonly dispatcher: Dispatcher;
  private readonly sameOriginHeaders: Record<string, string>;
  private readonly crossOriginHeaders: Record<string, string>;

  constructor(options: HttpClientOptions) {
    super();
    this.options = options;
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.targets = new TargetBuilder(this.baseUrl);
    this.dispatcher = options.dispatcher ?? dispatcherFor(options);
    this.sameOriginHeaders = { ...DEFAULT_HEADERS, ...options.headers };
    // Client-wide headers may carry a key (`X-Api-Key`); they must not travel to another origin.
    this.crossOriginHeaders = { ...this.sameOriginHeaders };
    for (const name of Object.keys(options.headers ?? {}))
      if (isSecretName(name)) delete this.crossOriginHeaders[name];
    this.circuit = circuitFor(options, this.baseUrl.host);
    this.circuit?.on('change', (event) => this.emit('circuit', event));
  }

  /** The limiter this client's requests go through, if any. */
  get rateLimiter(): RateLimiter | undefined {
    return this.options.rateLimiter;
  }

  /** Builds the absolute URL of a request. */
  url(path: string, query?: Record<string, QueryValue>): URL {
    return this.targets.url(path, query);
  }

  /** Sends a request under the retry, timeout, rate-limit and circuit policy and returns the parsed answer. */
  async request<T = unknown>(req: RequestOptions): Promise<HttpResponse<T>> {
    const target = this.targets.build(req.path, req.query);
    const crossOrigin = target.crossOrigin;
    if (crossOrigin && !req.skipAuth) {
      throw new ValidationError('path', `must stay on ${this.baseUrl.origin} unless skipAuth is set`);
    }
    let summary: RequestSummary | undefined;
    const call: Call = { req, target, crossOrigin, summary: () => (summary ??= this.summarize(req, target)) };
    const maxRetries = req.maxRetries ?? this.retry.maxRetries;
    const safe = isRetrySafe(req.method, req.retrySafe);
    let retries = 0;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw callerAbort(req.signal);
      let res: AttemptResult<T>;
      try {
        res = await this.attempt<T>(call, attempt, retries);
      } catch (error) {
        if (!(error instanceof ConnectionError) || error instanceof CircuitOpenError) throw error;
        // A request that never left (connection refused) can be repeated even when it is not idempotent.
        if (!(safe || neverReachedServer(error.cause)) || retries >= maxRetries) throw error;
        await this.waitToRetry(
          call,
          attempt,
          backoffDelayMs(retries++, this.retry, this.options.random),
          error.message,
        );
        continue;
      }
      const unauthorized = res.status === 401 && !req.okStatuses?.includes(401);
      if (unauthorized && !reauthenticated && !req.skipAuth && this.options.auth?.onUnauthorized) {
        reauthenticated = true;
        if (await this.authWork(call, attempt, this.options.auth.onUnauthorized(authRequestOf(call)))) {
          this.emitAuth(call, attempt, 401, 'refreshed');
          if (this.listenerCount('retry') > 0)
            this.emit('retry', {
              ...this.event(call, attempt),
              delayMs: 0,
              reason: 'status 401: credentials refreshed',
            });
          continue;
        }
      }
      if ((res.status >= 200 && res.status < 300) || req.okStatuses?.includes(res.status)) {
        return { status: res.status, headers: res.headers, body: res.body, attempts: attempt };
      }
      const error = this.apiError(res.status, res.body, res.headers, call.summary());
      if (res.status === 401 || res.status === 403) this.emitAuth(call, attempt, res.status, 'refused');
      const requested = serverRequestedDelayMs(res.headers, Date.now(), res.status);
      if (!isRetryableStatus(res.status) || !safe || retries >= maxRetries) throw error;
      // A wait longer than the policy honours ends the retries; `error.retryAfterMs` tells the caller.
      if (requested !== undefined && requested > this.retry.maxRetryAfterMs) throw error;
      retries++;
      await this.waitToRetry(call, attempt, requested ?? res.backoffMs, `status ${res.status}`);
    }
  }

  /** Shorthand for a JSON request that returns only the body. */
  async json<T = unknown>(req: RequestOptions): Promise<T> {
    return (await this.request<T>(req)).body;
  }

  /** Emits `auth` (only when someone listens). */
  private emitAuth(call: Call, attempt: number, status: number, outcome: AuthEvent['outcome']): void {
    if (this.listenerCount('auth') > 0) this.emit('auth', { ...this.event(call, attempt), status, outcome });
  }

  /** Awaits the auth strategy's work (a login, a token) and reports a refused credential as `auth`. */
  private async authWork<T>(call: Call, attempt: number, work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      const status = error instanceof ApiError ? error.status : undefined;
      if (status === 401 || status === 403) this.emitAuth(call, attempt, status, 'refused');
      throw error;
    }
  }

  private event(call: Call, attempt: number): RequestEvent {
    return { method: call.req.method, host: call.target.host, path: call.summary().path, attempt };
  }

  private summarize(req: RequestOptions, target: RequestTarget): RequestSummary {
    // Only a query can hold a secret parameter; a secret can sit in a path segment too (LiveVox puts the
    // session id there), so known values are scrubbed either way.
    const path = target.path.includes('?')
      ? redactUrl(target.origin + target.path).slice(target.origin.length)
      : target.path;
    return { method: req.method, host: target.host, path: this.scrub(path) };
  }

  private async waitToRetry(call: Call, attempt: number, delayMs: number, reason: string): Promise<void> {
    if (this.listenerCount('retry') > 0)
      this.emit('retry', { ...this.event(call, attempt), delayMs, reason });
    try {
      await sleep(delayMs, call.req.signal);
    } catch {
      throw callerAbort(call.req.signal, 'request aborted by caller while waiting to retry');
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
   * One attempt: one timer and one abort handle (linked to the caller's signal, unlinked at the end)
   * bound the headers and the body. Auth headers are built before taking a rate-limiter slot, so that a
   * login made by the auth strategy never waits for a slot this very request holds. An open circuit
   * fails the attempt before anything is built or queued.
   */
  private async attempt<T>(call: Call, attempt: number, retries: number): Promise<AttemptResult<T>> {
    const { req, target } = call;
    this.circuit?.check();
    const built = this.buildHeaders(call);
    const headers = built instanceof Promise ? await this.authWork(call, attempt, built) : built;
    const payload = encodeBody(req.body, req.contentType, headers);
    const limiter = this.options.rateLimiter;
    const release = limiter
      ? (limiter.tryAcquire() ?? (await this.acquireSlot(limiter, req.signal)))
      : undefined;
    let probe = false;
    try {
      // Checked again with the slot held: the circuit may have opened while this request queued.
      probe = this.circuit?.admit() ?? false;
    } catch (error) {
      release?.();
      throw error;
    }
    if (this.listenerCount('request') > 0) {
      try {
        this.emit('request', this.event(call, attempt));
      } catch (error) {
        // A throwing listener ends the request; the slot and the probe's turn go back first.
        release?.();
        this.circuit?.abandoned(probe);
        throw error;
      }
    }
    const signal = new AttemptSignal();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      const summary = call.summary();
      signal.abort(
        new TimeoutError(`${summary.method} ${summary.path} timed out after ${timeoutMs} ms`, summary),
      );
    }, timeoutMs);
    // While the body streams to the caller, an abort must also fail the stream the caller reads.
    let abortWith = (error: Error) => signal.abort(error);
    const onCallerAbort = () => abortWith(callerAbort(req.signal));
    const unlink = req.signal ? linkAbort(req.signal, onCallerAbort) : noop;
    let handedOver = false;
    const started = performance.now();
    try {
      // The signal may have fired between the caller's check and the link above.
      if (req.signal?.aborted) onCallerAbort();
      const res = await this.dispatcher.request({
        origin: target.origin,
        path: target.path,
        method: req.method,
        headers,
        body: payload,
        // undici takes an EventEmitter-shaped signal; AttemptSignal is the minimal one.
        signal: signal as unknown as EventEmitter,
      });
      const status = res.statusCode;
      const resHeaders = flattenHeaders(res.headers);
      const ok = (status >= 200 && status < 300) || req.okStatuses?.includes(status);
      let parsed: unknown;
      if (ok && req.responseType === 'stream') {
        clearTimeout(timer);
        const stream = streamBody(res.body, {
          encoding: resHeaders['content-encoding'],
          idleTimeoutMs: req.idleTimeoutMs,
          idleError: () =>
            new TimeoutError(
              `${call.summary().method} ${call.summary().path}: no data for ${req.idleTimeoutMs} ms`,
              call.summary(),
            ),
          onClose: unlink,
        });
        abortWith = (error) => {
          signal.abort(error);
          stream.destroy(error);
        };
        handedOver = true;
        parsed = stream satisfies Readable;
      } else if (ok && req.responseType === 'none') {
        await res.body.dump();
      } else {
        const encoding = resHeaders['content-encoding'];
        const type = ok ? req.responseType : 'json';
        if (!encoding && type !== 'buffer') {
          // The lean path: one string from undici, parsed once, no intermediate Buffer copy.
          parsed = parseText(await res.body.text(), resHeaders['content-type'], type);
        } else {
          const raw = decodeBuffer(Buffer.from(await res.body.arrayBuffer()), encoding);
          parsed = type === 'buffer' ? raw : parseBody(raw, resHeaders['content-type'], type);
        }
      }
      if (this.listenerCount('response') > 0) {
        const ms = performance.now() - started;
        this.emit('response', {
          ...this.event(call, attempt),
          status,
          ms,
          requestId: requestIdFrom(resHeaders),
        });
      }
      if (status >= 500 || status === 429) this.circuit?.failed(probe, `status ${status}`);
      else this.circuit?.succeeded(probe);
      const backoffMs = status >= 300 ? backoffDelayMs(retries, this.retry, this.options.random) : 0;
      // A 429 holds every request of this credential, retried or not. The pause starts before this
      // request gives its slot back, so that no queued request slips through in between.
      if (status === 429) {
        const requested = serverRequestedDelayMs(resHeaders, Date.now(), 429);
        limiter?.pauseFor(Math.min(requested ?? backoffMs, this.retry.maxRetryAfterMs));
      }
      return { status, headers: resHeaders, body: parsed as T, backoffMs };
    } catch (error) {
      const failure = this.classifyFailure(error, signal, call);
      if (this.circuit) {
        if (failure instanceof ConnectionError) this.circuit.failed(probe, failureReason(failure));
        else this.circuit.abandoned(probe);
      }
      if (this.listenerCount('failure') > 0)
        this.emit('failure', {
          ...this.event(call, attempt),
          error: failure,
          ms: performance.now() - started,
        });
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
  private async acquireSlot(limiter: RateLimiter, signal: AbortSignal | undefined): Promise<() => void> {
    try {
      return await limiter.acquire(signal);
    } catch (error) {
      if (signal?.aborted)
        throw callerAbort(signal, 'request aborted by caller while waiting for the rate limiter');
      throw error;
    }
  }

  /** Turns whatever an attempt threw into a timeout, abort or connection error (or passes ours through). */
  private classifyFailure(error: unknown, signal: AttemptSignal, call: Call): Error {
    const reason: unknown = signal.aborted ? signal.reason : undefined;
    if (reason instanceof TimeoutError || reason instanceof AbortError) return reason;
    if (error instanceof VoxbridgeError) return error;
    const code = (error as { code?: unknown })?.code;
    // undici rejects a bad header or option before sending anything: a bug in the caller, never retried.
    if (typeof code === 'string' && code.startsWith('UND_ERR_INVALID')) return error as Error;
    const text = error instanceof Error ? error.message : String(error);
    const summary = call.summary();
    const message = `${summary.method} ${summary.path} failed: ${text}${typeof code === 'string' ? ` (${code})` : ''}`;
    return new ConnectionError(this.scrub(message), summary, { cause: error });
  }

  /** The request's headers; synchronous unless the auth strategy returns a promise. */
  private buildHeaders(call: Call): Record<string, string> | Promise<Record<string, string>> {
    const { req } = call;
    const auth =
      req.skipAuth || !this.options.auth ? undefined : this.options.auth.headers(authRequestOf(call));
    if (auth !== undefined && isThenable(auth))
      return Promise.resolve(auth).then((resolved) => this.mergeHeaders(call, resolved));
    return this.mergeHeaders(call, auth);
  }

  private mergeHeaders(call: Call, auth: Record<string, string> | undefined): Record<string, string> {
    return Object.assign(
      {},
      call.crossOrigin ? this.crossOriginHeaders : this.sameOriginHeaders,
      auth,
      call.req.headers,
    );
  }
}
