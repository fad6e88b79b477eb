import type { HttpClient } from '@voxbridge/core';
import type { Counter, Histogram, Registry } from 'prom-client';
import { CONNECTION, counterIn, histogramIn, startAtZero } from './metric-kit.js';

/** The `code` label's values: the status class, 429 on its own, `error` for no answer. */
export const HTTP_CODES = ['2xx', '3xx', '4xx', '429', '5xx', 'error'] as const;

/** Distinct operations kept per destination; further ones count as `other` (bounded series). */
const MAX_OPERATIONS = 64;

/** The `code` label of a status (0: no answer). */
export function statusCode(status: number): string {
  if (status === 429) return '429';
  if (status >= 200 && status < 600) return `${Math.floor(status / 100)}xx`;
  return 'error';
}

/**
 * The `operation` label of a request: the method and the path with its identifiers replaced by `:id`
 * and without the query (`POST /api/v1/integrations/:id/interactions/bulk`). A segment is an
 * identifier when it holds a digit (but is not a version such as `v1` or `v6.0`) or is long.
 */
export function operationName(method: string, path: string): string {
  const pathname = path.split('?')[0] ?? '';
  const segments = pathname.split('/').map((segment) => {
    if (segment === '') return segment;
    if (/^v\d+(\.\d+)*$/i.test(segment)) return segment;
    if (/\d/.test(segment) || segment.length > 32 || /[^A-Za-z0-9_.-]/.test(segment)) return ':id';
    return segment;
  });
  return `${method.toUpperCase()} ${segments.join('/') || '/'}`;
}

/**
 * The clients' HTTP metrics: `voxbridge_http_requests_total{connection,destination,code}`,
 * `voxbridge_http_request_duration_seconds{connection,destination,operation}` and
 * `voxbridge_http_retries_total{connection,destination}`. Labels name the destination, never a host.
 */
export class HttpMetrics {
  private readonly requests: Counter<'connection' | 'destination' | 'code'>;
  private readonly retries: Counter<'connection' | 'destination'>;
  private readonly duration: Histogram<'connection' | 'destination' | 'operation'>;
  private readonly operations = new Map<string, Set<string>>();
  private readonly observed = new WeakSet<HttpClient>();

  constructor(
    registry: Registry,
    /** The `connection` label of the clients this instance observes. */
    private readonly connection: string = CONNECTION,
  ) {
    this.requests = counterIn(
      registry,
      'voxbridge_http_requests_total',
      'HTTP attempts the clients made, by destination and status class (429 apart; error: no answer)',
      ['connection', 'destination', 'code'],
    );
    this.retries = counterIn(
      registry,
      'voxbridge_http_retries_total',
      'HTTP attempts the clients repeated (after a 5xx, a 429, a timeout or a connection error)',
      ['connection', 'destination'],
    );
    this.duration = histogramIn(
      registry,
      'voxbridge_http_request_duration_seconds',
      'Duration of the HTTP attempts that got an answer, by destination and operation',
      ['connection', 'destination', 'operation'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30],
    );
  }

  /** Counts the attempts of `http` under `destination` (a client observed twice counts once). */
  observe(http: HttpClient, destination: string): void {
    if (this.observed.has(http)) return;
    this.observed.add(http);
    const fixed = { connection: this.connection, destination };
    startAtZero(this.requests, fixed, { code: HTTP_CODES });
    this.retries.inc(fixed, 0);
    http.on('response', (e) => {
      this.requests.inc({ ...fixed, code: statusCode(e.status) });
      this.duration.observe(
        { ...fixed, operation: this.operation(destination, e.method, e.path) },
        e.ms / 1000,
      );
    });
    http.on('failure', () => this.requests.inc({ ...fixed, code: 'error' }));
    http.on('retry', (e) => {
      // A repeat after re-authentication (delay 0, status 401) is not a failure of the destination.
      if (e.delayMs > 0) this.retries.inc(fixed);
    });
  }

  private operation(destination: string, method: string, path: string): string {
    const name = operationName(method, path);
    const seen = this.operations.get(destination) ?? new Set<string>();
    this.operations.set(destination, seen);
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATIONS) return 'other';
    seen.add(name);
    return name;
  }
}
