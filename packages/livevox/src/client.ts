import {
  HttpClient,
  type HttpClientEvents,
  type HttpClientOptions,
  type HttpResponse,
  RateLimiter,
  type RateLimiterOptions,
  type RequestOptions,
  type RetryOptions,
  rateLimiterFor,
  ValidationError,
} from '@voxbridge/core';
import { ContextDataApi } from './context.js';
import { RealtimeApi } from './realtime.js';
import { type FeedTuning, resolveFeedTuning } from './realtime-feeds.js';
import { ReportingApi } from './reporting.js';
import { type LiveVoxCredentials, LiveVoxSession } from './session.js';

/** LiveVox environments, each with its own API host. */
export type LiveVoxRegion = 'na3' | 'na4' | 'na5' | 'na6';

/** The API host of each environment. NA3 is the bare `api.livevox.com`; there is no `api.na3` host. */
export const LIVEVOX_REGION_URLS: Readonly<Record<LiveVoxRegion, string>> = {
  na3: 'https://api.livevox.com',
  na4: 'https://api.na4.livevox.com',
  na5: 'https://api.na5.livevox.com',
  na6: 'https://api.na6.livevox.com',
};

/** Listeners for the {@link HttpClient} events, by event name. */
export type LiveVoxEventListeners = {
  [E in keyof HttpClientEvents]?: (...args: HttpClientEvents[E]) => void;
};

/** Options of {@link LiveVox}. */
export interface LiveVoxOptions extends LiveVoxCredentials {
  /** Host root of the API (`https://api.na4.livevox.com`, or an emulator's `http://127.0.0.1:4020`). Wins over `region`. */
  baseUrl?: string;
  /** The environment, when `baseUrl` is not given. */
  region?: LiveVoxRegion;
  /** undici dispatcher (proxy agent, custom pool). Default: the core's shared keep-alive agent. */
  dispatcher?: HttpClientOptions['dispatcher'];
  /** Per-attempt timeout of ordinary requests. Default 30 s. Feeds have their own (see `feed`). */
  timeoutMs?: number;
  /** Retries after the first attempt. Shorthand for `retry.maxRetries`. Default 2. */
  maxRetries?: number;
  /** Retry policy overrides. */
  retry?: Partial<RetryOptions>;
  /**
   * Client-side rate limit: options for the limiter shared by every client of this host and user, a
   * limiter of your own, or `false` for none. Default: a shared limiter without a rate, which still
   * pauses every request of the credential when one gets a 429.
   */
  rateLimit?: RateLimiterOptions | RateLimiter | false;
  /** Timing of the event feeds. */
  feed?: FeedTuning;
  /** Listeners for the `request`, `response`, `retry` and `failure` events. */
  on?: LiveVoxEventListeners;
  /**
   * The destination's name for its circuit breaker (`livevox`); turns the breaker on (core's
   * `destination` option).
   */
  destination?: string;
  /** Circuit breaker tunables, a `CircuitBreaker` to share, or `false` (core's `circuit` option). */
  circuit?: HttpClientOptions['circuit'];
}

/**
 * Typed client of the LiveVox Session, Context Data and Real-Time Reporting APIs.
 *
 * ```ts
 * const lv = new LiveVox({ region: 'na4', accessToken, clientName, userName, password });
 * for await (const batch of lv.realtime.agentEvents.feed({ token: saved })) { … save(batch.token); }
 * ```
 */
export class LiveVox {
  /** The HTTP client every call goes through (retries, timeouts, rate limit, events). */
  readonly http: HttpClient;
  /** The API session: lazy login, re-login on 401, `validate()`, `logout()`. */
  readonly session: LiveVoxSession;
  /** The Context Data API. */
  readonly context: ContextDataApi;
  /** The Real-Time Reporting API. */
  readonly realtime: RealtimeApi;
  /** The Reporting API methods for recordings and past periods. */
  readonly reporting: ReportingApi;

  /** Checks the options; nothing is sent until the first call. */
  constructor(options: LiveVoxOptions) {
    const baseUrl = resolveBaseUrl(options);
    for (const field of ['accessToken', 'clientName', 'userName', 'password'] as const) {
      if (typeof options[field] !== 'string' || options[field] === '')
        throw new ValidationError(field, 'is required (a non-empty string)');
    }
    const { accessToken, clientName, userName, password, agent } = options;
    this.session = new LiveVoxSession(
      { accessToken, clientName, userName, password, agent },
      () => this.http,
    );
    this.http = new HttpClient({
      baseUrl,
      dispatcher: options.dispatcher,
      timeoutMs: options.timeoutMs,
      retry:
        options.maxRetries === undefined
          ? options.retry
          : { ...options.retry, maxRetries: options.maxRetries },
      rateLimiter: resolveRateLimiter(
        options.rateLimit,
        `livevox ${new URL(baseUrl).origin} ${clientName} ${userName}`,
      ),
      auth: this.session.strategy(),
      secrets: () => this.session.secrets(),
      destination: options.destination,
      circuit: options.circuit,
    });
    for (const [event, listener] of Object.entries(options.on ?? {})) {
      if (listener) this.http.on(event as keyof HttpClientEvents, listener as (...args: unknown[]) => void);
    }
    const send = <T>(request: RequestOptions): Promise<HttpResponse<T>> => this.http.request<T>(request);
    this.context = new ContextDataApi(send);
    this.realtime = new RealtimeApi(send, resolveFeedTuning(options.feed, options.timeoutMs));
    this.reporting = new ReportingApi(send);
  }

  /** Adds a listener for an {@link HttpClient} event (`request`, `response`, `retry`, `failure`). */
  on<E extends keyof HttpClientEvents>(event: E, listener: (...args: HttpClientEvents[E]) => void): this {
    this.http.on(event, listener as never);
    return this;
  }

  /** Removes a listener added with {@link LiveVox.on}. */
  off<E extends keyof HttpClientEvents>(event: E, listener: (...args: HttpClientEvents[E]) => void): this {
    this.http.off(event, listener as never);
    return this;
  }
}

function resolveBaseUrl(options: LiveVoxOptions): string {
  if (options.baseUrl !== undefined) {
    try {
      const url = new URL(options.baseUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    } catch {
      throw new ValidationError('baseUrl', 'must be an http(s) URL such as https://api.na4.livevox.com');
    }
    return options.baseUrl;
  }
  if (options.region === undefined)
    throw new ValidationError('baseUrl', 'give baseUrl or region (na3, na4, na5, na6)');
  if (!Object.hasOwn(LIVEVOX_REGION_URLS, options.region))
    throw new ValidationError('region', 'must be one of na3, na4, na5, na6');
  return LIVEVOX_REGION_URLS[options.region];
}

function resolveRateLimiter(option: LiveVoxOptions['rateLimit'], key: string): RateLimiter | undefined {
  if (option === false) return undefined;
  if (option instanceof RateLimiter) return option;
  return rateLimiterFor(key, option ?? {});
}
