import { hostname } from 'node:os';
import {
  type BridgeStore,
  type DeadLetter,
  INTERACTION_STREAM,
  type InteractionState,
  type RunningBridge,
  type StoreCounts,
  type WfmConnectorStats,
} from '@voxbridge/bridge';
import type { CircuitSnapshot, HttpClient, RateLimiterStats } from '@voxbridge/core';
import { PacedCounts } from './paced-counts.js';
import type { ConnectionFigures, WorkerFigures } from './types.js';

/** Running totals the dashboard turns into per-second rates. */
export interface BridgeTotals {
  eventsReceived: number;
  delivered: number;
}

/** Running totals of the end-to-end latency of deliveries (a histogram's sum and count). */
export interface LatencyTotals {
  sumSeconds: number;
  count: number;
}

/**
 * What the dashboard reads from a bridge: small on purpose, so that it can be served by a running
 * bridge ({@link bridgeViewOf}) or from the store file alone ({@link storeBridgeView}).
 */
export interface BridgeView {
  /** Events received and interactions delivered so far. */
  totals(): BridgeTotals | Promise<BridgeTotals>;
  /**
   * Events stored, interactions per state, dead letters. Sampled every second: the queued states and the
   * dead letters are current, the events and done states may be some seconds old on a large store
   * ({@link PacedCounts}).
   */
  counts(): Promise<StoreCounts>;
  /** Milliseconds since the feed position was last saved; undefined before the first save. */
  checkpointAgeMs(): Promise<number | undefined>;
  /** Age of the oldest complete interaction not delivered yet, in ms; undefined when none waits. */
  oldestWaitingMs(): Promise<number | undefined>;
  /** Totals of the end-to-end latency histogram, when the bridge runs in this process. */
  latencyTotals?(): LatencyTotals | Promise<LatencyTotals>;
  /** The Playvox client's rate limiter, when the bridge runs in this process. */
  rateLimit?(): RateLimiterStats | undefined;
  /** The last error the pipeline noted. */
  lastError?(): string | undefined | Promise<string | undefined>;
  /** WFM statuses that matched no task (from the WFM connector, when one runs). */
  wfmUnmatched?(): number | undefined;
  /** The WFM connector's live figures, when one runs in this process. */
  wfm?(): WfmConnectorStats | undefined;
  /** The connector's user sync interval (for "next user sync"). Default one hour. */
  readonly userSyncIntervalMs?: number;
  /** Snapshots of the clients' circuit breakers; undefined or empty when none is configured. */
  circuits?(): CircuitSnapshot[] | undefined;
  /** The bridge's workers, when the view knows them. */
  workers?(): WorkerFigures[];
  /** Every connection of the process, when it runs several. */
  connections?(): ConnectionFigures[];
  /** The oldest dead letters, at most `limit`. */
  listDeadLetters(limit: number): Promise<DeadLetter[]>;
  /** Puts a dead letter's interaction back into the pipeline; false when the id is unknown. */
  retryDeadLetter(id: number): Promise<boolean>;
  /** Deletes a dead letter for good; false when the id is unknown. */
  dropDeadLetter(id: number): Promise<boolean>;
}

/** Options shared by the adapters. */
export interface BridgeViewOptions {
  /** WFM statuses that matched no Playvox WFM task, from the WFM connector. */
  wfmUnmatched?: () => number | undefined;
  /** The WFM connector's `stats()`, for the WFM panel. */
  wfm?: () => WfmConnectorStats | undefined;
  /** The connector's user sync interval (`gladly.users.syncIntervalMs`). Default one hour. */
  userSyncIntervalMs?: number;
  /** Every connection of the process, when it runs several (`voxbridge run` with `connections:`). */
  connections?: () => ConnectionFigures[];
}

/** The circuit snapshots of the clients that have a breaker. */
function circuitsOf(clients: Array<{ http: HttpClient }>): CircuitSnapshot[] {
  return clients.flatMap(({ http }) => (http.circuit ? [http.circuit.snapshot()] : []));
}

/** States in which an interaction is complete and on its way to Playvox. */
const WAITING_STATES: InteractionState[] = ['ready', 'mapped', 'sending', 'submitted'];

async function checkpointAge(store: BridgeStore, now: number): Promise<number | undefined> {
  const checkpoint = await store.getCheckpoint(INTERACTION_STREAM);
  return checkpoint ? Math.max(0, now - checkpoint.updatedAt) : undefined;
}

async function oldestWaiting(store: BridgeStore, now: number): Promise<number | undefined> {
  let oldest = Number.POSITIVE_INFINITY;
  for (const state of WAITING_STATES) {
    // The store orders by first_seen_at; an open retry time must not hide a row, hence the far `now`.
    const row = (await store.interactionsInState(state, 1, Number.MAX_SAFE_INTEGER))[0];
    if (row && row.firstSeenAt < oldest) oldest = row.firstSeenAt;
  }
  return Number.isFinite(oldest) ? Math.max(0, now - oldest) : undefined;
}

/**
 * The view of a bridge running in this process: totals from the pipeline's live progress, latency
 * from its Prometheus histogram, the Playvox client's rate limiter, and its store.
 */
export function bridgeViewOf(running: RunningBridge, options: BridgeViewOptions = {}): BridgeView {
  const { store, pipeline, metrics, playvox } = running;
  const paced = new PacedCounts(store);
  return {
    totals: () => ({
      eventsReceived: pipeline.progress.eventsReceived,
      delivered: pipeline.progress.delivered,
    }),
    counts: () => paced.counts(),
    checkpointAgeMs: () => checkpointAge(store, Date.now()),
    oldestWaitingMs: () => oldestWaiting(store, Date.now()),
    latencyTotals: async () => {
      const histogram = await metrics.latency.get();
      let sumSeconds = 0;
      let count = 0;
      for (const value of histogram.values) {
        if (value.metricName?.endsWith('_sum')) sumSeconds += value.value;
        else if (value.metricName?.endsWith('_count')) count += value.value;
      }
      return { sumSeconds, count };
    },
    rateLimit: () => playvox.http.rateLimiter?.stats(),
    lastError: () => pipeline.progress.lastError,
    wfmUnmatched: options.wfmUnmatched,
    wfm: options.wfm,
    ...(options.connections ? { connections: options.connections } : {}),
    userSyncIntervalMs: options.userSyncIntervalMs ?? running.config.gladly?.users.syncIntervalMs,
    circuits: () => circuitsOf([playvox, running.livevox]),
    // One worker per process today; a store shared by several workers will report them all here.
    workers: () => [
      {
        id: `${hostname()}:${process.pid}`,
        lastBatchAt: pipeline.progress.lastBatchAt ?? null,
        eventsReceived: pipeline.progress.eventsReceived,
        delivered: pipeline.progress.delivered,
      },
    ],
    listDeadLetters: (limit) => store.listDeadLetters(limit),
    retryDeadLetter: (id) => store.retryDeadLetter(id),
    dropDeadLetter: (id) => store.dropDeadLetter(id),
  };
}

/**
 * The view of a bridge through its store alone (`voxbridge dashboard`, next to a `voxbridge run` in
 * another process): totals are the stored events and delivered interactions, the last error is the
 * one the pipeline saved in the store; latency and rate-limit figures are not available.
 */
export function storeBridgeView(store: BridgeStore, options: BridgeViewOptions = {}): BridgeView {
  const paced = new PacedCounts(store);
  return {
    totals: async () => {
      const counts = await paced.counts();
      return { eventsReceived: counts.events, delivered: counts.interactions.delivered };
    },
    counts: () => paced.counts(),
    checkpointAgeMs: () => checkpointAge(store, Date.now()),
    oldestWaitingMs: () => oldestWaiting(store, Date.now()),
    lastError: async () => {
      const saved = await store.getLastError();
      return saved?.message ? `${saved.at} ${saved.message}`.trim() : undefined;
    },
    wfmUnmatched: options.wfmUnmatched,
    wfm: options.wfm,
    userSyncIntervalMs: options.userSyncIntervalMs,
    listDeadLetters: (limit) => store.listDeadLetters(limit),
    retryDeadLetter: (id) => store.retryDeadLetter(id),
    dropDeadLetter: (id) => store.dropDeadLetter(id),
  };
}
