/** A sleep that a signal ends early and that {@link Waker.wake} cuts short. */
export class Waker {
  private pending: (() => void) | undefined;
  private woken = false;

  /** Waits `ms`, or less when woken or aborted. A wake before the sleep makes the next sleep return at once. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.woken || signal.aborted) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.pending = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.pending = done;
    });
  }

  /** Ends the current sleep, or the next one if none is running. */
  wake(): void {
    if (this.pending) this.pending();
    else this.woken = true;
  }
}

/** Options of {@link runPeriodically}. */
export interface PeriodicOptions {
  intervalMs: number;
  signal: AbortSignal;
  /** Called with each failure; the task runs again after a backoff (1 s doubling, at most the interval). */
  onError(error: unknown): void;
  /** Wakes the loop before its interval is up (a webhook delivery, a test). */
  waker?: Waker;
}

/**
 * Runs `task` now and then every `intervalMs` until the signal aborts. The interval is counted from the
 * end of a run, so runs never overlap; after a failure the next run comes sooner (backoff from 1 s).
 */
export async function runPeriodically(
  task: (signal: AbortSignal) => Promise<void>,
  options: PeriodicOptions,
): Promise<void> {
  const waker = options.waker ?? new Waker();
  let backoffMs = Math.min(1000, options.intervalMs);
  while (!options.signal.aborted) {
    let wait = options.intervalMs;
    try {
      await task(options.signal);
      backoffMs = Math.min(1000, options.intervalMs);
    } catch (error) {
      if (options.signal.aborted) return;
      options.onError(error);
      wait = backoffMs;
      backoffMs = Math.min(options.intervalMs, backoffMs * 2);
    }
    await waker.sleep(wait, options.signal);
  }
}
