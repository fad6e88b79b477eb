import {
  HttpClient,
  type HttpClientOptions,
  type RateLimiterOptions,
  type RetryOptions,
  rateLimiterFor,
  ValidationError,
} from '@voxbridge/core';
import { EventsResource } from './events-api.js';
import { ExportsResource } from './exports.js';
import { ReportsResource } from './reports.js';
import { AgentsResource, ConversationsResource, InboxesResource, TeamsResource } from './resources.js';
import { GladlyTransport } from './transport.js';
import { WebhooksResource } from './webhooks.js';

/** Where the organisation lives: its name (`acme` → `https://acme.gladly.com/api/v1`) or a host root. */
export type GladlyTarget = { org: string; sandbox?: boolean } | { baseUrl: string };

/** An API user: the agent's email and an API token (sent as HTTP Basic credentials). */
export interface GladlyCredentials {
  email: string;
  apiToken: string;
}

/** Options of a {@link Gladly} client. */
export interface GladlyOptions {
  /** undici dispatcher (proxy agent, custom pool). */
  dispatcher?: HttpClientOptions['dispatcher'];
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /** Retry policy overrides (the core policy: 2 retries, Retry-After honoured). */
  retry?: Partial<RetryOptions>;
  /** The organisation's request budget. Default {@link GLADLY_RATE_LIMIT}. Applies when the limiter is first created. */
  rateLimit?: RateLimiterOptions;
  /** The report budget. Default {@link GLADLY_REPORT_RATE_LIMIT}. Applies when the limiter is first created. */
  reportRateLimit?: RateLimiterOptions;
  /** Timeout of a report request (reports take a while to generate). Default 120 s. */
  reportTimeoutMs?: number;
  /** Longest silence on an Events API stream before it is given up. Default 60 s; 0 for none. */
  eventsIdleTimeoutMs?: number;
  /** Clock used to check that `startAt` is within the last 24 hours. Default `Date.now`. */
  now?: () => number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * The destination's name for its circuit breaker (`gladly`); turns the breaker on (core's
   * `destination` option).
   */
  destination?: string;
  /** Circuit breaker tunables, a `CircuitBreaker` to share, or `false` (core's `circuit` option). */
  circuit?: HttpClientOptions['circuit'];
}

/**
 * Gladly allows 10 requests per second per organisation (and HTTP method). The client spends 9 a
 * second, one at a time, so that network jitter cannot push an eleventh request into one second.
 */
export const GLADLY_RATE_LIMIT: Readonly<RateLimiterOptions> = Object.freeze({
  requestsPerSecond: 9,
  burst: 1,
});

/** Gladly allows 10 report POSTs a minute and 2 at once; the client spends 9 a minute, one at a time. */
export const GLADLY_REPORT_RATE_LIMIT: Readonly<RateLimiterOptions> = Object.freeze({
  requestsPerMinute: 9,
  burst: 1,
  maxConcurrent: 2,
});

const ORG_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The API base URL of a target: `https://{org}.gladly.com/api/v1` (`.qa` for the sandbox), or `{baseUrl}/api/v1`. */
export function gladlyBaseUrl(target: GladlyTarget): string {
  if ('baseUrl' in target) {
    let url: URL;
    try {
      url = new URL(target.baseUrl);
    } catch {
      throw new ValidationError('baseUrl', 'must be an absolute URL such as https://acme.gladly.com');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new ValidationError('baseUrl', 'must be an http(s) URL');
    const path = url.pathname.replace(/\/+$/, '');
    return `${url.origin}${path.endsWith('/api/v1') ? path : `${path}/api/v1`}`;
  }
  if (typeof target.org !== 'string' || !ORG_NAME.test(target.org))
    throw new ValidationError(
      'org',
      'must be the organisation name of {org}.gladly.com (letters, digits, hyphens)',
    );
  return `https://${target.org.toLowerCase()}.gladly.${target.sandbox ? 'qa' : 'com'}/api/v1`;
}

/**
 * The Gladly API client: agents, teams, inboxes, conversations and their items, the Events API,
 * webhooks and the work-session report. Built on the core HttpClient (retries, timeouts, typed errors);
 * requests share the organisation's rate limiter, reports a second one.
 */
export class Gladly {
  /** The underlying HTTP client (listen to its `request`/`response`/`retry` events for logs and metrics). */
  readonly http: HttpClient;
  /** `…/api/v1` */
  readonly baseUrl: string;
  /** `GET /agents`, `GET /agents/{id}`. */
  readonly agents: AgentsResource;
  /** `GET /teams`, `GET /teams/{id}`. */
  readonly teams: TeamsResource;
  /** `GET /inboxes`, `GET /inboxes/{id}`. */
  readonly inboxes: InboxesResource;
  /** Conversations and their items. */
  readonly conversations: ConversationsResource;
  /** The Events API (`GET /events`, streamed JSON lines). */
  readonly events: EventsResource;
  /** Webhook CRUD. */
  readonly webhooks: WebhooksResource;
  /** The work-session report. */
  readonly reports: ReportsResource;
  /** The Export API: export jobs and their JSON-lines files (history beyond the Events API's 24 hours). */
  readonly exports: ExportsResource;

  constructor(target: GladlyTarget, credentials: GladlyCredentials, options: GladlyOptions = {}) {
    if (typeof credentials?.email !== 'string' || credentials.email.trim() === '')
      throw new ValidationError('email', 'must be the API user’s agent email');
    if (typeof credentials.apiToken !== 'string' || credentials.apiToken === '')
      throw new ValidationError('apiToken', 'must be a non-empty API token');
    this.baseUrl = gladlyBaseUrl(target);
    const host = new URL(this.baseUrl).host;
    const authorization = `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`;
    const secrets = () => [credentials.apiToken, authorization.slice(6)];
    this.http = new HttpClient({
      baseUrl: this.baseUrl,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      // The limit is per organisation, shared by all its tokens: the key is the organisation's host.
      rateLimiter: rateLimiterFor(`gladly:${host}`, options.rateLimit ?? GLADLY_RATE_LIMIT),
      auth: { headers: () => ({ authorization }) },
      secrets,
      destination: options.destination,
      circuit: options.circuit,
    });
    const transport = new GladlyTransport(
      this.http,
      rateLimiterFor(`gladly-reports:${host}`, options.reportRateLimit ?? GLADLY_REPORT_RATE_LIMIT),
      options.now ?? Date.now,
      {
        reportTimeoutMs: options.reportTimeoutMs ?? 120_000,
        eventsIdleTimeoutMs: options.eventsIdleTimeoutMs ?? 60_000,
      },
      secrets,
    );
    this.agents = new AgentsResource(transport);
    this.teams = new TeamsResource(transport);
    this.inboxes = new InboxesResource(transport);
    this.conversations = new ConversationsResource(transport);
    this.events = new EventsResource(transport);
    this.webhooks = new WebhooksResource(transport);
    this.reports = new ReportsResource(transport);
    this.exports = new ExportsResource(transport);
  }
}
