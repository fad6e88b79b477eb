import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { Agent, type Dispatcher, request as undiciRequest } from 'undici';
import { AbortError, ApiError, ConnectionError, type RequestSummary, TimeoutError } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import {
  DEFAULT_RETRY,
  type RetryOptions,
  backoffDelayMs,
  isRetrySafe,
  isRetryableStatus,
  neverReachedServer,
  serverRequestedDelayMs,
  sleep,
} from './retry.js';
import { redactUrl, scrubSecrets } from './redact.js';

/** HTTP methods the clients use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** A query value; arrays become repeated parameters, `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

/** How a client authenticates; one strategy per credential. */
export interface AuthStrategy {
  /** Headers to add to the request (for example `Authorization`). */
  headers(request: { method: string; path: string }): Record<string, string> | Promise<Record<string, string>>;
  /**
   * Called when a request got 401. Return true after refreshing the credential (a new session, a new
   * token) to have the request repeated once with fresh headers.
   */
  onUnauthorized?(): Promise<boolean>;
}

/** Options of one request. */
export interface RequestOptions {
  method: HttpMethod;
  /** Path relative to the client's base URL (`teams/12`), or absolute from the host root (`/session/login`). */
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
  signal?: AbortSignal;
  /** How to read the body. Default `json` (empty bodies become `undefined`). */
  responseType?: 'json' | 'text' | 'buffer' | 'stream' | 'none';
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
  /** Attempts made, retries included. */
  attempts: number;
}

/** Emitted before each attempt. */
export interface RequestEvent {
  method: string;
  host: string;
  /** Path and query, secrets redacted. */
  path: string;
  attempt: number;
}
/** Emitted after each attempt that got an answer (any status). */
export interface ResponseEvent extends RequestEvent {
  status: number;
  ms: number;
  requestId: string | undefined;
}
/** Emitted before a retry. */
export interface RetryEvent extends RequestEvent {
  delayMs: number;
  reason: string;
}

/** Events an {@link HttpClient} emits, for logs and metrics. */
export interface HttpClientEvents {
  request: [RequestEvent];
  response: [ResponseEvent];
  retry: [RetryEvent];
  /** Emitted when an attempt failed without an answer (named so that it never throws like 'error'). */
  failure: [RequestEvent & { error: Error; ms: number }];
}

/** Options shared by every client built on the core. */
export interface HttpClientOptions {
  /** Base URL every relative path is resolved against (`https://acme.playvox.com/api/v1/`). */
  baseUrl: string;
  /** undici dispatcher (a proxy agent, a mock agent, a custom pool). Default: a shared keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /** Retry policy overrides. */
  retry?: Partial<RetryOptions>;
  rateLimiter?: RateLimiter;
  auth?: AuthStrategy;
  /** Headers sent on every request. */
  headers?: Record<string, string>;
  /** Secret values (password, key) to scrub from error messages in case a server echoes them. */
  secrets?: () => Iterable<string | undefined>;
  /** Source of randomness for jitter (tests pass a fixed one). */
  random?: () => number;
}

let sharedAgent: Agent | undefined;
/** The keep-alive pool used when no dispatcher is injected. */
export function defaultDispatcher(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 64, pipelining: 1 });
  return sharedAgent;
}

/**
 * The one HTTP client every voxbridge API client is built on: one retry, timeout, rate-limit, error
 * and redaction policy for all of them.
 */
export class HttpClient extends EventEmitter<HttpClientEvents> {
  /** Base URL with a trailing slash. */
  readonly baseUrl: URL;
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
    const summary: RequestSummary = { method: req.method, host: url.host, path: redactUrl(url.toString()).slice(url.origin.length) };
    const maxRetries = req.maxRetries ?? this.retry.maxRetries;
    const safe = isRetrySafe(req.method, req.retrySafe);
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw new AbortError('request aborted by caller', { cause: req.signal.reason });
      const event: RequestEvent = { method: req.method, host: summary.host, path: summary.path, attempt };
      let delayMs: number | undefined;
      let reason: string;
      try {
        const res = await this.attempt<T>(req, url, summary, event);
        if (res.status === 401 && !reauthenticated && !req.skipAuth && this.options.auth?.onUnauthorized) {
          reauthenticated = true;
          if (await this.options.auth.onUnauthorized()) {
            attempt--;
            continue;
          }
        }
        if ((res.status >= 200 && res.status < 300) || req.okStatuses?.includes(res.status)) {
          return { ...res, attempts: attempt };
        }
        const error = this.apiError(res.status, res.body, res.headers, summary);
        const requested = serverRequestedDelayMs(res.headers);
        if (res.status === 429 && requested !== undefined) this.options.rateLimiter?.pauseFor(Math.min(requested, this.retry.maxRetryAfterMs));
        if (!isRetryableStatus(res.status) || !safe || attempt > maxRetries) throw error;
        if (requested !== undefined && requested > this.retry.maxRetryAfterMs) throw error;
        delayMs = requested ?? backoffDelayMs(attempt - 1, this.retry, this.options.random);
        if (res.status === 429 && requested === undefined) this.options.rateLimiter?.pauseFor(delayMs);
        reason = `status ${res.status}`;
      } catch (error) {
        if (error instanceof ApiError || error instanceof AbortError) throw error;
        if (!(error instanceof ConnectionError)) throw error;
        const canRepeat = safe || neverReachedServer(error.cause);
        if (!canRepeat || attempt > maxRetries) throw error;
        delayMs = backoffDelayMs(attempt - 1, this.retry, this.options.random);
        reason = error.message;
      }
      this.emit('retry', { ...event, delayMs, reason });
      try {
        await sleep(delayMs, req.signal);
      } catch {
        throw new AbortError('request aborted by caller while waiting to retry');
      }
    }
  }

  /** Shorthand for a JSON request that returns only the body. */
  async json<T = unknown>(req: RequestOptions): Promise<T> {
    return (await this.request<T>(req)).body;
  }

  private apiError(status: number, body: unknown, headers: Record<string, string>, summary: RequestSummary): ApiError {
    const error = ApiError.from(status, body, headers, summary);
    if (this.options.secrets) error.message = scrubSecrets(error.message, this.options.secrets());
    return error;
  }

  /** One attempt: a fresh AbortController (linked to the caller's signal) bounds headers and body. */
  private async attempt<T>(req: RequestOptions, url: URL, summary: RequestSummary, event: RequestEvent): Promise<{ status: number; headers: Record<string, string>; body: T }> {
    const release = this.options.rateLimiter ? await this.options.rateLimiter.acquire(req.signal) : undefined;
    const controller = new AbortController();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => controller.abort(new TimeoutError(`${summary.method} ${summary.path} timed out after ${timeoutMs} ms`, summary)), timeoutMs);
    const onCallerAbort = () => controller.abort(new AbortError('request aborted by caller'));
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const started = performance.now();
    let streaming = false;
    this.emit('request', event);
    try {
      const headers = await this.buildHeaders(req, summary);
      const body = encodeBody(req, headers);
      const res = await undiciRequest(url, {
        method: req.method,
        headers,
        body,
        dispatcher: this.options.dispatcher ?? defaultDispatcher(),
        signal: controller.signal,
      });
      const resHeaders = flattenHeaders(res.headers);
      const ok = (res.statusCode >= 200 && res.statusCode < 300) || req.okStatuses?.includes(res.statusCode);
      let parsed: unknown;
      if (ok && req.responseType === 'stream') {
        streaming = true;
        clearTimeout(timer);
        parsed = decodeStream(res.body, resHeaders['content-encoding']);
      } else if (ok && req.responseType === 'none') {
        await res.body.dump();
      } else {
        const raw = decodeBuffer(Buffer.from(await res.body.arrayBuffer()), resHeaders['content-encoding']);
        parsed = ok && req.responseType === 'buffer' ? raw : parseBody(raw, resHeaders['content-type'], ok ? req.responseType : 'json');
      }
      this.emit('response', { ...event, status: res.statusCode, ms: performance.now() - started, requestId: resHeaders['x-request-id'] });
      return { status: res.statusCode, headers: resHeaders, body: parsed as T };
    } catch (error) {
      const reason = controller.signal.reason;
      const failure =
        reason instanceof TimeoutError || reason instanceof AbortError
          ? reason
          : error instanceof ConnectionError || error instanceof AbortError
            ? error
            : error instanceof Error && (error.name === 'SyntaxError' || error.name === 'ValidationError')
              ? error
              : new ConnectionError(`${summary.method} ${summary.path} failed: ${(error as Error).message}`, summary, { cause: error });
      this.emit('failure', { ...event, error: failure as Error, ms: performance.now() - started });
      throw failure;
    } finally {
      if (!streaming) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
      release?.();
    }
  }

  private async buildHeaders(req: RequestOptions, summary: RequestSummary): Promise<Record<string, string>> {
    const auth = req.skipAuth || !this.options.auth ? {} : await this.options.auth.headers({ method: req.method, path: summary.path });
    return {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      'user-agent': 'voxbridge/0.1 (+node)',
      ...this.options.headers,
      ...auth,
      ...req.headers,
    };
  }
}

function encodeBody(req: RequestOptions, headers: Record<string, string>): string | Buffer | undefined {
  if (req.body === undefined) return undefined;
  if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) {
    headers['content-type'] = req.contentType ?? 'application/octet-stream';
    return req.body;
  }
  headers['content-type'] = req.contentType ?? 'application/json';
  return JSON.stringify(req.body);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decodeBuffer(raw: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || raw.length === 0) return raw;
  if (encoding.includes('gzip')) return gunzipSync(raw);
  if (encoding.includes('deflate')) return inflateSync(raw);
  if (encoding.includes('br')) return brotliDecompressSync(raw);
  return raw;
}

function decodeStream(body: Readable, encoding: string | undefined): Readable {
  if (!encoding) return body;
  const decoder = encoding.includes('gzip') ? createGunzip() : encoding.includes('deflate') ? createInflate() : encoding.includes('br') ? createBrotliDecompress() : undefined;
  if (!decoder) return body;
  body.on('error', (error) => decoder.destroy(error));
  decoder.on('close', () => body.destroy());
  return body.pipe(decoder);
}

function parseBody(raw: Buffer, contentType: string | undefined, responseType: RequestOptions['responseType']): unknown {
  const text = raw.toString('utf8');
  if (responseType === 'text') return text;
  if (text.trim() === '') return undefined;
  if (contentType && !contentType.includes('json') && responseType !== 'json') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
