/** Emulated rate limit settings (the `rateLimit` key of an emulator's config). */
export interface RateLimitConfig {
  /** Requests per window per credential; 0 means no limit. */
  requestsPerMinute: number;
  /** Window length. Default 60 000 ms. */
  windowMs?: number;
}

/** The decision for one request. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds at which the current window ends. */
  resetEpochSeconds: number;
  /** Seconds until a request will be allowed again (when not allowed). */
  retryAfterSeconds: number;
}

/** Fixed-window request counting per credential, like most SaaS APIs announce in `X-RateLimit-*`. */
export class WindowRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts one request for `credential` and says whether it is allowed. */
  check(credential: string, config: RateLimitConfig, now = Date.now()): RateLimitDecision | undefined {
    if (!config.requestsPerMinute || config.requestsPerMinute <= 0) return undefined;
    const windowMs = config.windowMs ?? 60_000;
    let window = this.windows.get(credential);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(credential, window);
    }
    const end = window.start + windowMs;
    const allowed = window.count < config.requestsPerMinute;
    if (allowed) window.count += 1;
    return {
      allowed,
      limit: config.requestsPerMinute,
      remaining: Math.max(0, config.requestsPerMinute - window.count),
      resetEpochSeconds: Math.ceil(end / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)),
    };
  }

  /** Forgets every window (all credentials start afresh). */
  reset(): void {
    this.windows.clear();
  }
}
