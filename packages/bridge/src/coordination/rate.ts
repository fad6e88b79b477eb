import { RateLimiter } from '@voxbridge/core';
import type { PostgresStore } from '../store/postgres/store.js';

/**
 * A client rate limiter whose budget is a token bucket in the database, shared by every worker of one
 * Playvox account (`takeRate`): together they never exceed `requestsPerMinute`, smoothly. A request
 * first takes its token from the shared bucket (waiting as long as the database says), then goes
 * through the local limiter, which still pauses every request of this process on a 429.
 */
export class SharedRateLimiter extends RateLimiter {
  constructor(
    private readonly store: PostgresStore,
    /** The bucket's name (one per Playvox account). */
    readonly bucket: string,
    private readonly perMinute: number,
  ) {
    super({});
  }

  /** Always undefined: every request must take its token from the shared bucket first. */
  override tryAcquire(): (() => void) | undefined {
    return undefined;
  }

  /** Waits for a token of the shared bucket, then for this process's turn. */
  override async acquire(signal?: AbortSignal): Promise<() => void> {
    let failingSince: number | undefined;
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      let waitMs: number;
      try {
        const grant = await this.store.takeRate(this.bucket, this.perMinute);
        failingSince = undefined;
        if (grant.granted) break;
        waitMs = grant.waitMs;
      } catch (error) {
        // The database is away: wait for it a while rather than overspend the account's budget.
        failingSince ??= Date.now();
        if (Date.now() - failingSince > 30_000) throw error;
        waitMs = 1000;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitMs)));
    }
    return super.acquire(signal);
  }
}
