import type { HttpClient } from '@voxbridge/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The bridge's Prometheus metrics, in a registry of their own. */
export class BridgeMetrics {
  readonly registry = new Registry();
  readonly eventsReceived = new Counter({
    name: 'voxbridge_events_received_total',
    help: 'Feed events received',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });
  readonly eventsDuplicate = new Counter({
    name: 'voxbridge_events_duplicate_total',
    help: 'Feed events already stored (deduplicated by eventId)',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });
  readonly delivered = new Counter({
    name: 'voxbridge_interactions_delivered_total',
    help: 'Interactions delivered to Playvox',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly failed = new Counter({
    name: 'voxbridge_interactions_failed_total',
    help: 'Delivery failures (retried or dead-lettered)',
    labelNames: ['final'] as const,
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'voxbridge_dead_letters_total',
    help: 'Records moved to the dead-letter store',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });
  readonly tokenExpired = new Counter({
    name: 'voxbridge_feed_token_expired_total',
    help: 'Feed restarts because the saved token was older than 24 h',
    registers: [this.registry],
  });
  readonly reconciled = new Counter({
    name: 'voxbridge_reconciled_total',
    help: 'Interactions whose unknown outcome was settled by asking Playvox',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'voxbridge_queue_depth',
    help: 'Interactions per pipeline state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly checkpointAge = new Gauge({
    name: 'voxbridge_checkpoint_age_seconds',
    help: 'Seconds since the feed token was last saved',
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'voxbridge_end_to_end_latency_seconds',
    help: 'From the event that completed an interaction (SMS/email attempt, call disposition) reaching the bridge to its delivery in Playvox',
    buckets: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'voxbridge_http_requests_total',
    help: 'HTTP requests made by the clients',
    labelNames: ['host', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'voxbridge_http_request_duration_seconds',
    help: 'HTTP request duration by host',
    labelNames: ['host'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'voxbridge_' });
  }

  /** Counts every request a client makes, by host and status (0 for a failure without an answer). */
  observeClient(http: HttpClient): void {
    http.on('response', (e) => {
      this.httpRequests.inc({ host: e.host, status: String(e.status) });
      this.httpDuration.observe({ host: e.host }, e.ms / 1000);
    });
    http.on('failure', (e) => this.httpRequests.inc({ host: e.host, status: '0' }));
  }
}
