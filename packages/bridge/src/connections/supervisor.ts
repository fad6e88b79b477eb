import type { Logger } from '../observability/logger.js';

/** Where a connection is, for `/readyz`, the log and the dashboard. */
export interface ConnectionStatus {
  /** `starting` (first attempt), `running`, `failed` (waiting to try again) or `stopped`. */
  state: 'starting' | 'running' | 'failed' | 'stopped';
  /** Failed starts since the last success. */
  failures: number;
  /** The last start's error (secrets never reach it: the clients' errors name no credential). */
  error?: string;
  /** ISO time of the next attempt, while failed. */
  retryAt?: string;
}

/** Options of a {@link Supervisor}. */
export interface SupervisorOptions {
  /** Starts the connection; a rejection is a failed start. */
  start: () => Promise<void>;
  logger: Logger;
  /** First wait after a failed start, doubled after each further failure up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** Stops the retries. */
  signal?: AbortSignal;
}

/**
 * Starts one connection and, when that fails, starts it again with exponential backoff until it runs
 * or is cancelled, so that one tenant's bad credentials or missing service never stop the others.
 */
export class Supervisor {
  private current: ConnectionStatus = { state: 'starting', failures: 0 };
  private timer: NodeJS.Timeout | undefined;
  private cancelled = false;
  private readonly first: Promise<void>;
  /** The error of the latest failed start (what `failFast` rethrows). */
  lastError: unknown;

  constructor(
    readonly name: string,
    private readonly options: SupervisorOptions,
  ) {
    options.signal?.addEventListener('abort', () => this.cancel(), { once: true });
    this.first = this.attempt();
  }

  /** Settles once the first start has succeeded or failed (a failure is then retried in the background). */
  firstAttempt(): Promise<void> {
    return this.first;
  }

  /** The connection's state now. */
  status(): ConnectionStatus {
    return { ...this.current };
  }

  /** Stops retrying (a running connection is stopped by its owner). */
  cancel(): void {
    this.cancelled = true;
    clearTimeout(this.timer);
    this.current = { ...this.current, state: 'stopped', retryAt: undefined };
  }

  private async attempt(): Promise<void> {
    if (this.cancelled) return;
    try {
      await this.options.start();
      if (this.cancelled) return;
      if (this.current.failures > 0)
        this.options.logger.info({ failures: this.current.failures }, 'connection started after failures');
      this.current = { state: 'running', failures: 0 };
    } catch (error) {
      if (this.cancelled) return;
      const failures = this.current.failures + 1;
      const delay = Math.min(this.options.maxMs, this.options.baseMs * 2 ** (failures - 1));
      this.lastError = error;
      const message = (error as Error)?.message ?? String(error);
      this.current = {
        state: 'failed',
        failures,
        error: message,
        retryAt: new Date(Date.now() + delay).toISOString(),
      };
      this.options.logger.error(
        { err: { message }, failures, retryInMs: delay },
        'connection failed to start; the other connections run on, this one is tried again',
      );
      this.timer = setTimeout(() => void this.attempt(), delay);
      this.timer.unref();
    }
  }
}
