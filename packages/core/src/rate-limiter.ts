import { ValidationError } from './errors.js';
import { sleep } from './retry.js';
import { linkAbort } from './signals.js';

/** Limits of one credential. Leave a field out (or set a rate to 0) for no limit of that kind. */
export interface RateLimiterOptions {
  /** Sustained request rate; 0 means no limit. */
  requestsPerSecond?: number;
  /** Sustained request rate, per minute (used when `requestsPerSecond` is not given); 0 means no limit. */
  requestsPerMinute?: number;
  /** Requests that may start at once after an idle spell. Default: one second's worth (at least 1). */
  burst?: number;
  /** Requests in flight at once. */
  maxConcurrent?: number;
}

/** A snapshot of a limiter, for metrics and dashboards. */
export interface RateLimiterStats {
  queued: number;
  inFlight: number;
  /** Epoch ms until which every request is paused after a 429 (0 when not paused). */
  pausedUntil: number;
  /** Requests admitted so far. */
  admitted: number;
  /** Times {@link RateLimiter.pauseFor} was called. */
  pauses: number;
  /** Configured rate per second (Infinity when unlimited). */
  ratePerSecond: number;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
  /** Unlinks the waiter from the caller's signal once it is admitted. */
  unlink: () => void;
}

/**
 * A token bucket with a concurrency cap and a global pause, shared by every request made with one
 * credential. A 429 pauses the whole queue (not only the request that got it), so a burst of queued
 * requests does not all run into the same limit.
 */
export class RateLimiter {
  private readonly ratePerMs: number;
  private readonly capacity: number;
  private readonly maxConcurrent: number;
  private tokens: number;
  private lastRefill = Date.now();
  private inFlight = 0;
  private pausedUntil = 0;
  private admitted = 0;
  private pauses = 0;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: RateLimiterOptions = {}) {
    validateOptions(options);
    const perSecond =
      options.requestsPerSecond || (options.requestsPerMinute ? options.requestsPerMinute / 60 : Infinity);
    this.ratePerMs = perSecond / 1000;
    this.capacity = options.burst ?? (Number.isFinite(perSecond) ? Math.max(1, perSecond) : Infinity);
    this.tokens = this.capacity;
    this.maxConcurrent = options.maxConcurrent ?? Infinity;
  }

  /** Waits for a turn; call the returned function when the request is finished. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, unlink: () => {} };
      if (signal) {
        waiter.unlink = linkAbort(signal, () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          if (this.queue.length === 0) this.cancelTimer();
          reject(signal.reason);
        });
      }
      this.queue.push(waiter);
      this.drain();
    });
  }

  /**
   * Admits at once when nobody waits, no pause holds and a token and a concurrency slot are free;
   * returns undefined otherwise (then wait with {@link acquire}). Saves a promise per request on the
   * hot path; admission order is kept because it never jumps a queue.
   */
  tryAcquire(): (() => void) | undefined {
    if (this.queue.length > 0 || this.inFlight >= this.maxConcurrent) return undefined;
    const now = Date.now();
    if (now < this.pausedUntil) return undefined;
    if (Number.isFinite(this.ratePerMs)) {
      this.refill(now);
      if (this.tokens < 1) return undefined;
      this.tokens -= 1;
    }
    this.inFlight += 1;
    this.admitted += 1;
    return this.releaser();
  }

  /** Runs `task` under the limiter. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Holds every queued and future request for `ms` (used on a 429). Requests already running go on. */
  pauseFor(ms: number): void {
    if (!(ms > 0)) return;
    this.pauses += 1;
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.tokens = Math.min(this.tokens, 0);
    if (this.queue.length > 0) this.schedule(this.pausedUntil - Date.now());
  }

  /** Resolves when the limiter is not paused (used by callers that wait outside the queue). */
  async waitUntilResumed(signal?: AbortSignal): Promise<void> {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await sleep(wait, signal);
  }

  /** A snapshot for metrics. */
  stats(): RateLimiterStats {
    return {
      queued: this.queue.length,
      inFlight: this.inFlight,
      pausedUntil: this.pausedUntil > Date.now() ? this.pausedUntil : 0,
      admitted: this.admitted,
      pauses: this.pauses,
      ratePerSecond: this.ratePerMs * 1000,
    };
  }

  private refill(now: number): void {
    if (Number.isFinite(this.ratePerMs)) {
      this.tokens = Math.min(
        this.capacity,
        this.tokens + Math.max(0, now - this.lastRefill) * this.ratePerMs,
      );
    }
    this.lastRefill = now;
  }

  private drain(): void {
    const now = Date.now();
    this.refill(now);
    while (this.queue.length > 0) {
      if (now < this.pausedUntil) {
        this.schedule(this.pausedUntil - now);
        return;
      }
      if (this.inFlight >= this.maxConcurrent) return;
      if (Number.isFinite(this.ratePerMs) && this.tokens < 1) {
        this.schedule(Math.ceil((1 - this.tokens) / this.ratePerMs));
        return;
      }
      const waiter = this.queue.shift()!;
      waiter.unlink();
      if (Number.isFinite(this.ratePerMs)) this.tokens -= 1;
      this.inFlight += 1;
      this.admitted += 1;
      waiter.resolve(this.releaser());
    }
    this.cancelTimer();
  }

  /** The function that gives one admitted request's slot back (once, however often it is called). */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (this.queue.length > 0) this.drain();
    };
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Wakes the queue after `ms`. The timer is not unref'd: it exists only while requests wait, and a
   * process must not exit with requests still queued.
   */
  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.drain();
      },
      Math.min(Math.max(1, ms), 2 ** 31 - 1),
    );
  }
}

function validateOptions(options: RateLimiterOptions): void {
  for (const field of ['requestsPerSecond', 'requestsPerMinute'] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new ValidationError(field, 'must be a finite number >= 0 (0 means no limit)');
    }
  }
  for (const field of ['burst', 'maxConcurrent'] as const) {
    const value = options[field];
    if (value !== undefined && !(value >= 1)) throw new ValidationError(field, 'must be at least 1');
  }
}

const registry = new Map<string, RateLimiter>();

/**
 * The limiter for one credential, created on first use. Clients built with the same key share it,
 * so two clients of one account respect one budget. `options` apply only when the limiter is created;
 * later calls with the same key get the existing limiter unchanged.
 */
export function rateLimiterFor(key: string, options: RateLimiterOptions = {}): RateLimiter {
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = new RateLimiter(options);
    registry.set(key, limiter);
  }
  return limiter;
}
