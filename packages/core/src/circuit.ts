import { EventEmitter } from 'node:events';
import { AbortError, ConnectionError, ValidationError } from './errors.js';
import { backoffDelayMs, DEFAULT_RETRY } from './retry.js';
import { linkAbort } from './signals.js';

/**
 * The state of a destination's circuit: `closed` (requests flow), `open` (requests fail fast until
 * `retryAt`), `half-open` (one probe request is in flight; every other request fails fast).
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** The value of `voxbridge_circuit_state{destination}` for each state (0 closed, 1 half-open, 2 open). */
export const CIRCUIT_STATE_VALUES: Readonly<Record<CircuitState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

/** Tunables of a {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** The destination's name in events, errors and metrics (`playvox-qa`, `livevox`). */
  destination: string;
  /** Consecutive failed attempts that open the circuit. Default 5. */
  failureThreshold?: number;
  /** Wait before the first probe after the circuit opens. Default 1 s. */
  baseDelayMs?: number;
  /** Longest wait between probes. Default 60 s. */
  maxDelayMs?: number;
  /** Source of randomness for the jitter (tests pass a fixed one). */
  random?: () => number;
  /** Clock in epoch ms (tests pass their own). */
  now?: () => number;
}

/** Emitted on every change of state, with the reason: log `open` once, `closed` once. */
export interface CircuitEvent {
  destination: string;
  /** The new state. */
  state: CircuitState;
  /** The state before. `half-open` → `open` means a probe failed. */
  previous: CircuitState;
  /** Why: the last failure (`status 503`, a connection error) when opening, `probe succeeded` when closing. */
  reason: string;
  /** Epoch ms when the circuit opened (the outage began, as the client saw it). */
  since: number;
  /** Epoch ms from which the next probe may go (only in `open`). */
  retryAt: number | undefined;
  /** The backoff drawn before that probe (only in `open`). */
  delayMs: number | undefined;
  /** Probes that failed since the circuit opened. */
  probes: number;
  /** Requests that failed fast since the circuit opened. */
  rejected: number;
}

/** A snapshot of a circuit, for `/readyz`, status and a once-a-minute summary line. */
export interface CircuitSnapshot {
  destination: string;
  state: CircuitState;
  /** Consecutive failed attempts counted so far (resets on any success). */
  failures: number;
  /** Epoch ms when the circuit opened; undefined while closed. */
  since: number | undefined;
  /** The last failure's reason, if any. */
  reason: string | undefined;
  /** Epoch ms from which the next probe may go (only in `open`). */
  retryAt: number | undefined;
  /** Probes that failed since the circuit opened. */
  probes: number;
  /** Requests that failed fast since the circuit opened. */
  rejected: number;
  /** Times the circuit opened since it was created. */
  opened: number;
}

/** Events of a {@link CircuitBreaker}. */
export interface CircuitBreakerEvents {
  change: [CircuitEvent];
}

/**
 * A request was not sent because its destination's circuit is open (or a probe is in flight). Nothing
 * reached the server. Wait until `retryAt` (or `await circuit.ready()`) before trying again.
 */
export class CircuitOpenError extends ConnectionError {
  override name = 'CircuitOpenError';
  /** Marks the error for callers that test codes (`error.code === 'CIRCUIT_OPEN'`). */
  readonly code = 'CIRCUIT_OPEN';
  /** The destination whose circuit is open. */
  readonly destination: string;
  /** Epoch ms when the circuit opened. */
  readonly since: number;
  /** The last failure's reason. */
  readonly reason: string;
  /** Epoch ms from which a probe may go; undefined while a probe is in flight. */
  readonly retryAt: number | undefined;

  constructor(snapshot: CircuitSnapshot, options?: { cause?: unknown }) {
    const when =
      snapshot.retryAt === undefined
        ? 'a probe is in flight'
        : `next probe at ${new Date(snapshot.retryAt).toISOString()}`;
    super(
      `circuit of ${snapshot.destination} is ${snapshot.state} since ${new Date(snapshot.since ?? 0).toISOString()} (${snapshot.reason ?? 'failures'}); ${when}`,
      undefined,
      options,
    );
    this.destination = snapshot.destination;
    this.since = snapshot.since ?? 0;
    this.reason = snapshot.reason ?? '';
    this.retryAt = snapshot.retryAt;
  }
}

/**
 * A circuit breaker for one destination. After `failureThreshold` consecutive failed attempts (5xx,
 * 429, network errors, timeouts) it opens: requests fail fast with {@link CircuitOpenError}, and once
 * `retryAt` has passed exactly one request goes through as a probe. A failed probe reopens the circuit
 * with the next jittered exponential backoff (the core's own `backoffDelayMs`, capped at `maxDelayMs`);
 * any success closes it. So during an outage the destination sees one request per backoff step.
 */
export class CircuitBreaker extends EventEmitter<CircuitBreakerEvents> {
  /** The destination's name. */
  readonly destination: string;
  private readonly threshold: number;
  private readonly backoff: {
    baseDelayMs: number;
    maxDelayMs: number;
    maxRetries: number;
    maxRetryAfterMs: number;
  };
  private readonly random: () => number;
  private readonly now: () => number;
  private current: CircuitState = 'closed';
  private failures = 0;
  private since: number | undefined;
  private reason: string | undefined;
  private retryAt: number | undefined;
  private delayMs: number | undefined;
  private probes = 0;
  private rejected = 0;
  private opened = 0;

  constructor(options: CircuitBreakerOptions) {
    super();
    if (typeof options?.destination !== 'string' || options.destination === '')
      throw new ValidationError('destination', 'must be a non-empty string');
    for (const field of ['failureThreshold', 'baseDelayMs', 'maxDelayMs'] as const) {
      const value = options[field];
      if (value !== undefined && !(Number.isFinite(value) && value >= 1))
        throw new ValidationError(`circuit.${field}`, `must be a finite number >= 1, got ${String(value)}`);
    }
    this.destination = options.destination;
    this.threshold = options.failureThreshold ?? 5;
    this.backoff = {
      ...DEFAULT_RETRY,
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
    };
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    // Every client sharing this breaker relays its events.
    this.setMaxListeners(0);
  }

  /** The current state. */
  get state(): CircuitState {
    return this.current;
  }

  /** Throws {@link CircuitOpenError} when a request could not go now; claims nothing. */
  check(): void {
    if (this.current === 'closed') return;
    if (this.current === 'open' && this.now() >= (this.retryAt ?? 0)) return;
    this.rejected += 1;
    throw new CircuitOpenError(this.snapshot());
  }

  /**
   * Admits one attempt: returns true when it is the probe, false in the closed state; throws
   * {@link CircuitOpenError} when the circuit is open and not yet due, or a probe is already in flight.
   * Report the attempt's outcome with {@link succeeded}, {@link failed} or {@link abandoned}.
   */
  admit(): boolean {
    if (this.current === 'closed') return false;
    if (this.current === 'open' && this.now() >= (this.retryAt ?? 0)) {
      this.change('half-open', 'probe');
      return true;
    }
    this.rejected += 1;
    throw new CircuitOpenError(this.snapshot());
  }

  /** The attempt got an answer that shows the destination works: any success closes the circuit. */
  succeeded(probe: boolean): void {
    this.failures = 0;
    if (this.current !== 'closed') this.change('closed', probe ? 'probe succeeded' : 'request succeeded');
  }

  /** The attempt failed (5xx, 429, network error, timeout); `reason` names why, without secrets. */
  failed(probe: boolean, reason: string): void {
    this.failures += 1;
    this.reason = reason;
    if (this.current === 'closed') {
      if (this.failures >= this.threshold) this.open(reason);
    } else if (probe && this.current === 'half-open') {
      this.probes += 1;
      this.open(reason);
    }
    // A failure of a request sent before the circuit opened changes nothing: the probe decides.
  }

  /** The attempt ended without a verdict (the caller aborted): a probe's turn goes to the next request. */
  abandoned(probe: boolean): void {
    if (!probe || this.current !== 'half-open') return;
    this.retryAt = this.now();
    this.delayMs = 0;
    this.change('open', 'probe abandoned by its caller');
  }

  /**
   * Resolves when a request may go: at once while closed, at `retryAt` while open (the next request
   * becomes the probe), after the probe's verdict while half-open. Rejects with an {@link AbortError}
   * when `signal` aborts. Waiting here instead of retrying in a loop is how a caller backs off.
   */
  async ready(signal?: AbortSignal): Promise<void> {
    while (this.current !== 'closed') {
      if (signal?.aborted) throw new AbortError('wait for the circuit aborted', { cause: signal.reason });
      if (this.current === 'open') {
        const wait = (this.retryAt ?? 0) - this.now();
        if (wait <= 0) return;
        await this.waitForChange(signal, wait);
        if (this.current === 'open' && this.now() >= (this.retryAt ?? 0)) return;
      } else {
        await this.waitForChange(signal);
      }
    }
  }

  /** A snapshot for status, `/readyz` and metrics. */
  snapshot(): CircuitSnapshot {
    return {
      destination: this.destination,
      state: this.current,
      failures: this.failures,
      since: this.current === 'closed' ? undefined : this.since,
      reason: this.reason,
      retryAt: this.current === 'open' ? this.retryAt : undefined,
      probes: this.probes,
      rejected: this.rejected,
      opened: this.opened,
    };
  }

  private open(reason: string): void {
    const now = this.now();
    if (this.current === 'closed') {
      this.since = now;
      this.probes = 0;
      this.rejected = 0;
      this.opened += 1;
    }
    this.delayMs = backoffDelayMs(this.probes, this.backoff, this.random);
    this.retryAt = now + this.delayMs;
    this.change('open', reason);
  }

  private change(state: CircuitState, reason: string): void {
    const previous = this.current;
    this.current = state;
    this.emit('change', {
      destination: this.destination,
      state,
      previous,
      reason,
      since: this.since ?? this.now(),
      retryAt: state === 'open' ? this.retryAt : undefined,
      delayMs: state === 'open' ? this.delayMs : undefined,
      probes: this.probes,
      rejected: this.rejected,
    });
  }

  /** Resolves on the next change of state, or after `timeoutMs`; rejects when `signal` aborts. */
  private waitForChange(signal: AbortSignal | undefined, timeoutMs?: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        this.off('change', done);
        unlink();
        resolve();
      };
      const unlink = signal
        ? linkAbort(signal, () => {
            clearTimeout(timer);
            this.off('change', done);
            reject(new AbortError('wait for the circuit aborted', { cause: signal.reason }));
          })
        : () => {};
      this.on('change', done);
      if (timeoutMs !== undefined) timer = setTimeout(done, Math.min(timeoutMs, 2 ** 31 - 1));
    });
  }
}
