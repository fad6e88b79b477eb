import type { RateLimiterStats } from '@voxbridge/core';
import type { BridgeTotals, BridgeView, LatencyTotals } from './bridge-view.js';
import type { DashboardLogger, HealthSample, RateLimitFigures } from './types.js';

/** One point of the throughput chart. */
export interface ThroughputPoint {
  /** Epoch ms. */
  at: number;
  eventsPerSecond: number;
  deliveredPerSecond: number;
}

/** Options of {@link HealthSampler}. */
export interface HealthSamplerOptions {
  intervalMs: number;
  /** Points of throughput history kept for newly opened pages. */
  historyLength: number;
  onSample: (sample: HealthSample) => void;
  logger?: DashboardLogger;
}

interface Previous {
  at: number;
  totals: BridgeTotals;
  latency: LatencyTotals | undefined;
  admitted: number | undefined;
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
 * totals, the latency of the deliveries since the last sample, and the gauges as they are. It keeps a
 * short throughput history so that a page opened later draws its chart at once.
 */
export class HealthSampler {
  /** The last sample, or undefined before the first. */
  latest: HealthSample | undefined;
  private readonly points: ThroughputPoint[] = [];
  private previous: Previous | undefined;
  private lastLatency: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private running = false;
  private failing = false;

  constructor(
    private readonly view: BridgeView,
    private readonly options: HealthSamplerOptions,
  ) {}

  /** The throughput history, oldest first. */
  history(): ThroughputPoint[] {
    return [...this.points];
  }

  /** Takes a first sample now, then one every interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  /** Stops sampling; resolves once a sample in progress has finished. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
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
    const sample: HealthSample = {
      at,
      eventsPerSecond: previous
        ? ratePerSecond(totals.eventsReceived, previous.totals.eventsReceived, seconds)
        : 0,
      deliveredPerSecond: previous ? ratePerSecond(totals.delivered, previous.totals.delivered, seconds) : 0,
      eventsReceived: totals.eventsReceived,
      delivered: totals.delivered,
      oldestWaitingSeconds: oldest === undefined ? null : round(oldest / 1000, 1),
      latencySeconds: this.lastLatency,
      checkpointAgeSeconds: checkpointAge === undefined ? null : round(checkpointAge / 1000, 1),
      queue: counts.interactions,
      deadLetters: counts.deadLetters,
      rateLimit: limiter ? rateLimitFigures(limiter, admittedPerSecond, at) : null,
      wfmUnmatched: view.wfmUnmatched?.() ?? null,
      lastError: (await view.lastError?.()) ?? null,
    };
    this.previous = { at, totals, latency, admitted: limiter?.admitted };
    this.latest = sample;
    this.points.push({
      at,
      eventsPerSecond: sample.eventsPerSecond,
      deliveredPerSecond: sample.deliveredPerSecond,
    });
    if (this.points.length > this.options.historyLength)
      this.points.splice(0, this.points.length - this.options.historyLength);
    return sample;
  }

  private tick(): void {
    this.inFlight = this.sampleOnce()
      .then((sample) => {
        if (this.failing) this.options.logger?.info({}, 'dashboard: bridge figures readable again');
        this.failing = false;
        if (this.running) this.options.onSample(sample);
      })
      .catch((error: unknown) => {
        // A store closed under us or locked for long: say so once, keep trying.
        if (!this.failing) {
          this.failing = true;
          this.options.logger?.warn(
            { error: error instanceof Error ? error.message : String(error) },
            'dashboard: cannot read the bridge figures',
          );
        }
      })
      .finally(() => {
        this.inFlight = undefined;
        if (this.running) this.timer = setTimeout(() => this.tick(), this.options.intervalMs);
      });
  }
}
