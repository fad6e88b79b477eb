import { createRequire } from 'node:module';
import type { HttpClient } from '@voxbridge/core';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { QUEUED_STATES } from '../store/rows.js';
import type { BridgeStore, InteractionState } from '../store/types.js';
import { CircuitWatch } from './circuits.js';
import { ErrorNotes } from './errors.js';
import { HttpMetrics } from './http-metrics.js';
import type { Logger } from './logger.js';
import {
  CONNECTION,
  CounterView,
  counterIn,
  GaugeView,
  gaugeIn,
  HistogramView,
  histogramIn,
  sourceOfStream,
  startAtZero,
} from './metric-kit.js';

// The states `voxbridge_interactions_queued` counts, exported here as before (they live with the store).
export { QUEUED_STATES };

const QA_STAGES = ['source', 'assemble', 'map', 'deliver'];
const INTERACTION_TYPES = ['VOICE', 'SMS', 'EMAIL'];

/** The version of this package, for `voxbridge_build_info`. */
function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Options of {@link BridgeMetrics}. */
export interface BridgeMetricsOptions {
  /** Node's process metrics (`process_*`, `nodejs_*`, prom-client's standard names). Default on. */
  processMetrics?: boolean;
  /** Where circuit changes are logged (one warning when one opens, one line when it closes). */
  logger?: Logger;
  /** How often a circuit that stays open is summed up in the log. Default 60 s (tests shorten it). */
  circuitSummaryMs?: number;
  /**
   * The registry to register in, shared by several connections of one process (`/metrics` serves it
   * once); process metrics and `voxbridge_build_info` are then registered by the first one only.
   */
  registry?: Registry;
  /** The `connection` label of every series this instance writes (default `default`). */
  connection?: string;
}

/**
 * The bridge's Prometheus metrics, in a registry of their own. Every name is `voxbridge_`-prefixed with
 * its unit; every series carries `connection`; pipeline metrics carry `pipeline` (`qa`, `wfm`), client
 * metrics `destination` (never a host or port). Counters start at 0 for their known label values.
 *
 * The properties are the QA pipeline's views: they add `connection` and `pipeline="qa"` to what the
 * pipeline passes, so its call sites name only what varies. The root README's "Metrics" section lists
 * every metric.
 */
export class BridgeMetrics {
  readonly registry: Registry;
  /** The connection whose series this instance writes. */
  readonly connection: string;
  /** `voxbridge_events_received_total{connection,pipeline,source}`: feed events stored (new ones). */
  readonly eventsReceived: CounterView<'stream', string>;
  /** `voxbridge_events_duplicate_total{connection,pipeline,source}`: feed events already stored. */
  readonly eventsDuplicate: CounterView<'stream', string>;
  /** `voxbridge_interactions_delivered_total{connection,pipeline,type}`: interactions Playvox QA holds. */
  readonly delivered: CounterView<'type', string>;
  /** `voxbridge_delivery_failures_total{connection,pipeline,outcome}`: `retry` or `dead` (last attempt). */
  readonly failed: CounterView<'final', string>;
  /** `voxbridge_dead_letters_total{connection,pipeline,source,stage}`: records moved to the dead-letter store. */
  readonly deadLettered: CounterView<'stage', string>;
  /** `voxbridge_feed_token_expired_total{connection,pipeline,source}`: feed restarts after a 24-hour gap. */
  readonly tokenExpired: CounterView<never, string>;
  /** `voxbridge_reconciled_total{connection,pipeline,outcome}`: unknown outcomes settled (`found`, `resent`). */
  readonly reconciled: CounterView<'outcome', string>;
  /** `voxbridge_late_updates_total{connection,pipeline}`: delivered interactions updated in place with late data. */
  readonly lateUpdates: CounterView<never, string>;
  /** `voxbridge_interactions_queued{connection,pipeline,state}`: interactions waiting, by state (never done ones). */
  readonly queueDepth: GaugeView<'state', string>;
  /** `voxbridge_dead_letters_stored{connection}`: dead letters in the store, waiting for a retry or a drop. */
  readonly deadLettersStored: Gauge<'connection'>;
  /** `voxbridge_oldest_queued_age_seconds{connection,pipeline}`: how long the oldest waiting interaction has waited. */
  readonly oldestQueuedAge: GaugeView<never, string>;
  /** `voxbridge_checkpoint_age_seconds{connection,pipeline,source}`: since the feed position was last saved. */
  readonly checkpointAge: GaugeView<never, string>;
  /** `voxbridge_end_to_end_latency_seconds{connection,pipeline}`: completing event → delivered in Playvox. */
  readonly latency: HistogramView<string>;
  /** HTTP requests of the clients, by destination and operation. */
  readonly http: HttpMetrics;
  /** Circuit breakers: `voxbridge_circuit_state{connection,destination}`, logs, `/readyz`. */
  readonly circuits: CircuitWatch;
  /** The last error of every kind (auth, token expiry, gap, dead letter, circuit, store), for `/readyz`. */
  readonly errors = new ErrorNotes();

  constructor(options: BridgeMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    this.connection = options.connection ?? CONNECTION;
    const r = this.registry;
    const QA = { connection: this.connection, pipeline: 'qa' };
    // A registry shared by several connections gets the process-wide metrics once.
    if (!r.getSingleMetric('voxbridge_build_info')) {
      if (options.processMetrics !== false) collectDefaultMetrics({ register: r });
      new Gauge({
        name: 'voxbridge_build_info',
        help: 'Always 1: the voxbridge version and the Node.js version running it',
        labelNames: ['version', 'node'],
        registers: [r],
      }).set({ version: packageVersion(), node: process.version }, 1);
    }

    const received = counterIn(r, 'voxbridge_events_received_total', 'Feed events stored (new)', [
      'connection',
      'pipeline',
      'source',
    ]);
    const duplicates = counterIn(
      r,
      'voxbridge_events_duplicate_total',
      'Feed events already stored (deduplicated by event id)',
      ['connection', 'pipeline', 'source'],
    );
    const bySource = (labels: { stream?: string | number }) => ({ source: sourceOfStream(labels.stream) });
    this.eventsReceived = new CounterView(received, QA, bySource);
    this.eventsDuplicate = new CounterView(duplicates, QA, bySource);
    for (const counter of [received, duplicates]) startAtZero(counter, QA, { source: ['livevox'] });

    const delivered = counterIn(
      r,
      'voxbridge_interactions_delivered_total',
      'Interactions delivered to Playvox QA',
      ['connection', 'pipeline', 'type'],
    );
    this.delivered = new CounterView(delivered, QA);
    startAtZero(delivered, QA, { type: INTERACTION_TYPES });

    const failures = counterIn(
      r,
      'voxbridge_delivery_failures_total',
      'Failed delivery attempts: outcome retry (tried again later) or dead (the last attempt, dead-lettered)',
      ['connection', 'pipeline', 'outcome'],
    );
    this.failed = new CounterView(failures, QA, (labels: { final?: string | number }) => ({
      outcome: String(labels.final) === 'true' ? 'dead' : 'retry',
    }));
    startAtZero(failures, QA, { outcome: ['retry', 'dead'] });

    this.deadLettered = new CounterView(deadLettersCounter(r), { ...QA, source: 'livevox' });
    startAtZero(deadLettersCounter(r), { ...QA, source: 'livevox' }, { stage: QA_STAGES });

    const expired = counterIn(
      r,
      'voxbridge_feed_token_expired_total',
      'Feed restarts because the saved position was older than the 24 hours the feed keeps',
      ['connection', 'pipeline', 'source'],
    );
    this.tokenExpired = new CounterView(expired, { ...QA, source: 'livevox' });
    expired.inc({ ...QA, source: 'livevox' }, 0);

    const reconciled = counterIn(
      r,
      'voxbridge_reconciled_total',
      'Interactions whose unknown outcome was settled by asking Playvox: found there, or resent',
      ['connection', 'pipeline', 'outcome'],
    );
    this.reconciled = new CounterView(reconciled, QA);
    startAtZero(reconciled, QA, { outcome: ['found', 'resent'] });

    const late = counterIn(
      r,
      'voxbridge_late_updates_total',
      'Delivered interactions updated in place (PUT) with data that came late: a disposition or term code after the voice grace period',
      ['connection', 'pipeline'],
    );
    this.lateUpdates = new CounterView(late, QA);
    late.inc(QA, 0);

    const queued = gaugeIn(
      r,
      'voxbridge_interactions_queued',
      'Interactions on their way to Playvox, by state (delivered and dead ones are counters)',
      ['connection', 'pipeline', 'state'],
    );
    // Done states are counted by voxbridge_interactions_delivered_total and voxbridge_dead_letters_total.
    this.queueDepth = new GaugeView(queued, QA, (labels: { state?: string | number }) =>
      (QUEUED_STATES as readonly string[]).includes(String(labels.state))
        ? { state: String(labels.state) }
        : undefined,
    );
    for (const state of QUEUED_STATES) queued.set({ ...QA, state }, 0);

    this.deadLettersStored = gaugeIn(
      r,
      'voxbridge_dead_letters_stored',
      'Dead letters in the store, waiting to be retried or dropped',
      ['connection'],
    );
    this.oldestQueuedAge = new GaugeView(
      gaugeIn(
        r,
        'voxbridge_oldest_queued_age_seconds',
        'Seconds the oldest interaction still on its way to Playvox has waited since its first event (0 when none waits)',
        ['connection', 'pipeline'],
      ),
      QA,
    );
    this.checkpointAge = new GaugeView(
      gaugeIn(
        r,
        'voxbridge_checkpoint_age_seconds',
        'Seconds since the feed position was last saved (every answer of the feed saves it)',
        ['connection', 'pipeline', 'source'],
      ),
      { ...QA, source: 'livevox' },
    );
    this.latency = new HistogramView(
      histogramIn(
        r,
        'voxbridge_end_to_end_latency_seconds',
        'From the event that completed an interaction (SMS/email attempt, call disposition) reaching the bridge to its delivery in Playvox',
        ['connection', 'pipeline'],
        [
          0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300, 900,
          3600,
        ],
      ),
      QA,
    );
    this.http = new HttpMetrics(r, this.connection);
    this.circuits = new CircuitWatch(r, options.logger, options.circuitSummaryMs, this.connection);
  }

  /**
   * Counts every request a client makes (`voxbridge_http_*`), notes its refused and expired
   * credentials, and watches its circuit breaker when it has one. `destination` defaults to the breaker's name; a client without either counts as `other`.
   */
  observeClient(http: HttpClient, destination?: string): void {
    const name = destination ?? http.circuit?.destination ?? 'other';
    this.http.observe(http, name);
    this.errors.observeClient(http, name);
    if (http.circuit) this.circuits.watch(http.circuit);
  }

  /** Gives circuit changes a logger after construction (the first one set wins). */
  useLogger(logger: Logger): void {
    this.circuits.useLogger(logger);
  }
}

/** `voxbridge_dead_letters_total{connection,pipeline,source,stage}`, shared by both pipelines. */
export function deadLettersCounter(registry: Registry) {
  return counterIn(
    registry,
    'voxbridge_dead_letters_total',
    'Records moved to the dead-letter store, by pipeline, source and the stage that gave up',
    ['connection', 'pipeline', 'source', 'stage'],
  );
}

/**
 * How long the oldest interaction still on its way to Playvox has waited since its first event (0 when
 * none waits), for `voxbridge_oldest_queued_age_seconds`. Reads one row per state that holds any.
 */
export async function oldestQueuedAgeMs(
  store: Pick<BridgeStore, 'interactionsInState'>,
  counts: Partial<Record<InteractionState, number>>,
  now: number,
): Promise<number> {
  let oldest = now;
  for (const state of QUEUED_STATES) {
    if (!counts[state]) continue;
    // A far `now`: a row waiting for its retry time must not hide.
    const [row] = await store.interactionsInState(state, 1, Number.MAX_SAFE_INTEGER);
    if (row && row.firstSeenAt < oldest) oldest = row.firstSeenAt;
  }
  return Math.max(0, now - oldest);
}
