import type { SeriesPoint } from './types.js';

/** Options of {@link SeriesRecorder}. */
export interface SeriesRecorderOptions {
  /** Width of one point. */
  bucketMs: number;
  /** How far back points are kept. */
  windowMs: number;
}

interface OpenBucket {
  at: number;
  events: number;
  delivered: number;
  dead: number;
  seconds: number;
}

const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * The hour-long time series of events, deliveries and dead letters, kept on the server so a page
 * opened later draws the whole hour at once. Samples (counts over some seconds) are summed into
 * fixed buckets aligned on the server's clock; a bucket becomes a point once a sample falls past it.
 */
export class SeriesRecorder {
  private readonly points: SeriesPoint[] = [];
  private open: OpenBucket | undefined;

  constructor(readonly options: SeriesRecorderOptions) {}

  /** The closed points of the window, oldest first. */
  history(): SeriesPoint[] {
    return [...this.points];
  }

  /**
   * Adds what happened over `seconds` up to `at`. Returns the point of a bucket this sample closed,
   * or undefined (the bucket is still open).
   */
  add(
    at: number,
    seconds: number,
    counts: { events: number; delivered: number; dead: number },
  ): SeriesPoint | undefined {
    const start = at - (at % this.options.bucketMs);
    let closed: SeriesPoint | undefined;
    if (this.open && this.open.at !== start) {
      closed = this.close(this.open);
      this.open = undefined;
    }
    this.open ??= { at: start, events: 0, delivered: 0, dead: 0, seconds: 0 };
    this.open.events += counts.events;
    this.open.delivered += counts.delivered;
    this.open.dead += counts.dead;
    this.open.seconds += seconds;
    return closed;
  }

  private close(bucket: OpenBucket): SeriesPoint {
    // A bucket that saw no elapsed time (the first sample) reads as zero, not as a division by zero.
    const per = (n: number) => (bucket.seconds > 0 ? round(n / bucket.seconds) : 0);
    const point: SeriesPoint = {
      at: bucket.at,
      eventsPerSecond: per(bucket.events),
      deliveredPerSecond: per(bucket.delivered),
      deadPerSecond: per(bucket.dead),
    };
    this.points.push(point);
    const oldest = bucket.at - this.options.windowMs;
    let drop = 0;
    while (drop < this.points.length && this.points[drop]!.at <= oldest) drop++;
    if (drop > 0) this.points.splice(0, drop);
    return point;
  }
}
