/** The `Playvox` client: options, base URL, auth, and the resources. */
import {
  HttpClient,
  type HttpClientOptions,
  type RateLimiter,
  type RetryOptions,
  rateLimiterFor,
  ValidationError,
} from '@voxbridge/core';
import { locationBaseUrl } from './location.js';
import { Comments } from './resources/comments.js';
import { Files } from './resources/files.js';
import { Integrations } from './resources/integrations.js';
import { Interactions } from './resources/interactions.js';
import { Campaigns, ListResource } from './resources/qa-data.js';
import { Teams, Users } from './resources/teams-users.js';
import { PlayvoxTransport } from './transport.js';
import type { Calibration, Coaching, Evaluation, LearningResult, Role, Scorecard } from './types.js';

/** Where the API lives: a Playvox subdomain, or any host root (an emulator, a proxy). */
export type PlayvoxLocation =
  | {
      /** `acme` → `https://acme.playvox.com/api/v1/`. */
      subdomain: string;
      baseUrl?: undefined;
    }
  | {
      /** A host root such as `http://127.0.0.1:4010`; the client adds `/api/v1/` itself. */
      baseUrl: string;
      subdomain?: undefined;
    };

/** Options of {@link Playvox}. */
export type PlayvoxOptions = PlayvoxLocation & {
  /** API User ID (the Basic auth user). */
  uid: string;
  /** API Key (the Basic auth password). Never logged, scrubbed from error messages. */
  key: string;
  /** undici dispatcher (proxy agent, custom pool). Default: core's shared keep-alive pool. */
  dispatcher?: HttpClientOptions['dispatcher'];
  /** Per-attempt timeout in ms. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt of a retry-safe request. Default 2 (core's policy). */
  maxRetries?: number;
  /** Other retry tunables of core's policy (`baseDelayMs`, `maxDelayMs`, `maxRetryAfterMs`). */
  retry?: Partial<RetryOptions>;
  /**
   * Requests per minute for this credential. Clients of the same host and uid share one limiter
   * (core's `rateLimiterFor`), so they spend one budget and pause together on a 429. Default: no
   * cap, but the shared pause on 429 still applies.
   */
  rateLimit?: number;
  /** A limiter to use instead of the shared one (overrides `rateLimit`). */
  rateLimiter?: RateLimiter;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /**
   * The destination's name for its circuit breaker (`playvox-qa`); turns the breaker on (core's
   * `destination` option).
   */
  destination?: string;
  /** Circuit breaker tunables, a `CircuitBreaker` to share, or `false` (core's `circuit` option). */
  circuit?: HttpClientOptions['circuit'];
};

/** Playvox's `/api/v1/` base URL for the options' subdomain or host root. */
export function playvoxBaseUrl(location: PlayvoxLocation): string {
  return locationBaseUrl(location, '.playvox.com', '/api/v1');
}

/**
 * Typed client of the Playvox QA REST API v1. Every request goes through one core `HttpClient`:
 * HTTP Basic auth (`uid:key`) on every request, DELETE included; JSON bodies; per-attempt timeouts;
 * retries of idempotent requests (GET, PUT, DELETE) on 408/429/5xx and network errors, honouring
 * `Retry-After`; creates (POST) sent once; a per-credential rate limiter.
 */
export class Playvox {
  /** The underlying HTTP client: subscribe to `request`, `response`, `retry` and `failure` events. */
  readonly http: HttpClient;
  /** The `/api/v1/` base URL requests go to. */
  readonly baseUrl: string;
  /** Coaching sessions (`GET coachings`). */
  readonly coachings: ListResource<Coaching>;
  /** Learning results (`GET learning-results`). */
  readonly learningResults: ListResource<LearningResult>;
  /** Calibrations (`GET calibrations`). */
  readonly calibrations: ListResource<Calibration>;
  /** Evaluations (`GET evaluations`). */
  readonly evaluations: ListResource<Evaluation>;
  /** Scorecards (`GET scorecards`). */
  readonly scorecards: ListResource<Scorecard>;
  /** Roles (`GET roles`). */
  readonly roles: ListResource<Role>;
  /** Performance campaigns, their variables, users and metrics. */
  readonly campaigns: Campaigns;
  /** Teams and their members. */
  readonly teams: Teams;
  /** Users. */
  readonly users: Users;
  /** Custom integrations and their metadata fields. */
  readonly integrations: Integrations;
  /** Interactions, bulk creates and bulk jobs. */
  readonly interactions: Interactions;
  /** Comments on interactions. */
  readonly comments: Comments;
  /** Files Playvox hosts, for comment attachments (`POST files`). */
  readonly files: Files;

  constructor(options: PlayvoxOptions) {
    if (typeof options?.uid !== 'string' || options.uid === '')
      throw new ValidationError('uid', 'must be a non-empty string');
    if (typeof options.key !== 'string' || options.key === '')
      throw new ValidationError('key', 'must be a non-empty string');
    if (
      options.rateLimit !== undefined &&
      !(typeof options.rateLimit === 'number' && options.rateLimit > 0 && Number.isFinite(options.rateLimit))
    ) {
      throw new ValidationError('rateLimit', 'must be a positive number of requests per minute');
    }
    if (
      options.maxRetries !== undefined &&
      !(Number.isInteger(options.maxRetries) && options.maxRetries >= 0)
    ) {
      throw new ValidationError('maxRetries', 'must be an integer of at least 0');
    }
    this.baseUrl = playvoxBaseUrl(options);
    const credential = Buffer.from(`${options.uid}:${options.key}`).toString('base64');
    const authorization = `Basic ${credential}`;
    const host = new URL(this.baseUrl).host;
    const rateLimiter =
      options.rateLimiter ??
      // The rate is part of the key so that a client never silently inherits another client's cap.
      rateLimiterFor(
        `playvox:${host}:${options.uid}:${options.rateLimit ?? 'uncapped'}`,
        options.rateLimit ? { requestsPerMinute: options.rateLimit } : {},
      );
    this.http = new HttpClient({
      baseUrl: this.baseUrl,
      dispatcher: options.dispatcher,
      timeoutMs: options.timeoutMs,
      retry: {
        ...options.retry,
        ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      },
      rateLimiter,
      auth: { headers: () => ({ authorization }) },
      headers: options.headers,
      secrets: () => [options.key, credential],
      destination: options.destination,
      circuit: options.circuit,
    });
    const transport = new PlayvoxTransport(this.http);
    this.coachings = new ListResource<Coaching>(transport, 'coachings');
    this.learningResults = new ListResource<LearningResult>(transport, 'learning-results');
    this.calibrations = new ListResource<Calibration>(transport, 'calibrations');
    this.evaluations = new ListResource<Evaluation>(transport, 'evaluations');
    this.scorecards = new ListResource<Scorecard>(transport, 'scorecards');
    this.roles = new ListResource<Role>(transport, 'roles');
    this.campaigns = new Campaigns(transport);
    this.teams = new Teams(transport);
    this.users = new Users(transport);
    this.integrations = new Integrations(transport);
    this.interactions = new Interactions(transport);
    this.comments = new Comments(transport);
    this.files = new Files(transport);
  }
}
