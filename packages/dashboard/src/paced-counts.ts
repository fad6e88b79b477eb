import type { BridgeStore, StoreCounts } from '@voxbridge/bridge';

/** Options of {@link PacedCounts}. */
export interface PacedCountsOptions {
  /** The largest share of the time spent in full counts (default 0.01: 1 %). */
  share?: number;
  /** A monotonic clock in ms (default `performance.now`). */
  now?: () => number;
}

/**
 * The store's counts for a view sampled every second. The queued states and the dead letters are read
 * fresh at each call ({@link BridgeStore.queueCounts}, cheap whatever the history). The events and the
 * done states (delivered, dead) need a count of every row, which grows with the history (about 125 ms
 * at 2,000,000 events): that count is repeated only once `1 / share` times its last duration has
 * passed, so it takes at most `share` of the time. On a small store that is every call; on a large
 * one the events and done counts are some seconds old.
 */
export class PacedCounts {
  private full: { counts: StoreCounts; readAt: number; tookMs: number } | undefined;
  private reading: Promise<StoreCounts> | undefined;
  private readonly share: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<BridgeStore, 'counts' | 'queueCounts'>,
    options: PacedCountsOptions = {},
  ) {
    this.share = options.share ?? 0.01;
    this.now = options.now ?? (() => performance.now());
  }

  /** The counts: queued states and dead letters as of now, events and done states as of the last full count. */
  async counts(): Promise<StoreCounts> {
    const full = this.full;
    if (!full || this.now() - full.readAt >= full.tookMs / this.share) return this.readFull();
    const { queued, deadLetters } = await this.store.queueCounts();
    return { ...full.counts, interactions: { ...full.counts.interactions, ...queued }, deadLetters };
  }

  /** A full count; calls that meet one in progress share it. */
  private readFull(): Promise<StoreCounts> {
    this.reading ??= (async () => {
      const started = this.now();
      try {
        const counts = await this.store.counts();
        const readAt = this.now();
        this.full = { counts, readAt, tookMs: readAt - started };
        return counts;
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
