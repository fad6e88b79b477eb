import type { RateLimiterStats } from '@voxbridge/core';
import type { BridgeTotals, BridgeView, LatencyTotals } from './bridge-view.js';
import { circuitFigures, DEFAULT_USER_SYNC_INTERVAL_MS, type WfmMemory, wfmFigures } from './figures.js';
import { Repeater } from './repeater.js';
import { SeriesRecorder, type SeriesRecorderOptions } from './series.js';
import type { DashboardLogger, HealthSample, RateLimitFigures, SeriesHistory, SeriesPoint } from './types.js';

/** Options of {@link HealthSampler}. */
export interface HealthSamplerOptions {
  intervalMs: number;
  /** The time series kept for pages (bucket width and window). */
  series: SeriesRecorderOptions;
  onSample: (sample: HealthSample) => void;
  /** Called with each point of the time series as its bucket closes. */
  onPoint?: (point: SeriesPoint) => void;
  logger?: DashboardLogger;
}

interface Previous {
  at: number;
  totals: BridgeTotals;
  latency: LatencyTotals | undefined;
  admitted: number | undefined;
  deadLetters: number;
}

const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Per-second rate of a total between two samples; a total that went down (events pruned) counts as 0. */
const ratePerSecond = (now: number, before: number, seconds: number): number =>
  seconds > 0 ? round(Math.max(0, now - before) / seconds) : 0;

function rateLimitFigures(stats: RateLimiterStats, admittedPerSecond: number, now: number): RateLimitFigures {
  const limited = Number.isFinite(stats.ratePerSecond) && stats.ratePerSecond > 0;
  return {
    ratePerSecond: limited ? round(stats.ratePerSecond) : null,
    admittedPerSecond,
    usedPercent: limited ? round(Math.min(100, (admittedPerSecond / stats.ratePerSecond) * 100), 1) : null,
    queued: stats.queued,
    inFlight: stats.inFlight,
    pausedSeconds: stats.pausedUntil > now ? round((stats.pausedUntil - now) / 1000, 1) : 0,
  };
}

/**
 * Samples a {@link BridgeView} at a fixed interval: per-second rates from the differences of its
 * totals, the latency of the deliveries since the last sample, and the gauges as they are. It keeps the
 * last hour's time series so that a page opened later draws its chart at once.
 */
export class HealthSampler {
  /** The last sample, or undefined before the first. */
  latest: HealthSample | undefined;
  private readonly series: SeriesRecorder;
  private readonly wfmMemory: WfmMemory = { webhooksReceived: null, lastWebhookAt: null };
  private previous: Previous | undefined;
  private lastLatency: number | null = null;
  private readonly repeater: Repeater;
  private failing = false;

  constructor(
    private readonly view: BridgeView,
    private readonly options: HealthSamplerOptions,
  ) {
    this.series = new SeriesRecorder(options.series);
    this.repeater = new Repeater(() => this.sampleAndHandOver(), options.intervalMs);
  }

  /** The time series, oldest first, stamped with the server's clock. */
  history(): SeriesHistory {
    return {
      serverTime: Date.now(),
      bucketMs: this.series.options.bucketMs,
      windowMs: this.series.options.windowMs,
      points: this.series.history(),
    };
  }

  /** Takes a first sample now, then one every interval. */
  start(): void {
    this.repeater.start();
  }

  /** Stops sampling; resolves once a sample in progress has finished. */
  stop(): Promise<void> {
    return this.repeater.stop();
  }

  /** Takes one sample (and records it as the latest). */
  async sampleOnce(): Promise<HealthSample> {
    const view = this.view;
    const at = Date.now();
    const totals = await view.totals();
    const counts = await view.counts();
    const latency = view.latencyTotals ? await view.latencyTotals() : undefined;
    const limiter = view.rateLimit?.();
    const previous = this.previous;
    const seconds = previous ? (at - previous.at) / 1000 : 0;
    if (latency && previous?.latency && latency.count > previous.latency.count) {
      this.lastLatency = round(
        (latency.sumSeconds - previous.latency.sumSeconds) / (latency.count - previous.latency.count),
      );
    }
    const admittedPerSecond =
      limiter && previous?.admitted !== undefined
        ? ratePerSecond(limiter.admitted, previous.admitted, seconds)
        : 0;
    const checkpointAge = await view.checkpointAgeMs();
    const oldest = await view.oldestWaitingMs();
    const circuits = view.circuits?.();
    const wfmStats = view.wfm?.();
    const rate = (now: number, before: number | undefined) =>
      before === undefined ? 0 : ratePerSecond(now, before, seconds);
    const sample: HealthSample = {
      at,
      eventsPerSecond: rate(totals.eventsReceived, previous?.totals.eventsReceived),
      deliveredPerSecond: rate(totals.delivered, previous?.totals.delivered),
      eventsReceived: totals.eventsReceived,
      delivered: totals.delivered,
      oldestWaitingSeconds: oldest === undefined ? null : round(oldest / 1000, 1),
      latencySeconds: this.lastLatency,
      checkpointAgeSeconds: checkpointAge === undefined ? null : round(checkpointAge / 1000, 1),
      queue: counts.interactions,
      deadLetters: counts.deadLetters,
      deadPerSecond: rate(counts.deadLetters, previous?.deadLetters),
      rateLimit: limiter ? rateLimitFigures(limiter, admittedPerSecond, at) : null,
      wfmUnmatched: view.wfmUnmatched?.() ?? null,
      ...(circuits && circuits.length > 0 ? { circuits: circuits.map(circuitFigures) } : {}),
      workers: view.workers?.() ?? [],
      ...(view.connections ? { connections: view.connections() } : {}),
      wfm: wfmStats
        ? wfmFigures(wfmStats, this.wfmMemory, at, view.userSyncIntervalMs ?? DEFAULT_USER_SYNC_INTERVAL_MS)
        : null,
      lastError: (await view.lastError?.()) ?? null,
    };
    this.latest = sample;
    if (previous) {
      const point = this.series.add(at, seconds, {
        events: Math.max(0, totals.eventsReceived - previous.totals.eventsReceived),
        delivered: Math.max(0, totals.delivered - previous.totals.delivered),
        dead: Math.max(0, counts.deadLetters - previous.deadLetters),
      });
      if (point && this.repeater.isRunning) this.options.onPoint?.(point);
    }
    this.previous = { at, totals, latency, admitted: limiter?.admitted, deadLetters: counts.deadLetters };
    return sample;
  }

  private async sampleAndHandOver(): Promise<void> {
    try {
      const sample = await this.sampleOnce();
      if (this.failing) this.options.logger?.info({}, 'dashboard: bridge figures readable again');
      this.failing = false;
      if (this.repeater.isRunning) this.options.onSample(sample);
    } catch (error) {
      // A store closed under us or locked for long: say so once, keep trying.
      if (!this.failing) {
        this.failing = true;
        this.options.logger?.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'dashboard: cannot read the bridge figures',
        );
      }
    }
  }
}
