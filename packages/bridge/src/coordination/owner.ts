import type { Lease } from '../store/postgres/coordination.js';
import { LeaseLostError } from '../store/postgres/errors.js';
import { PostgresStore } from '../store/postgres/store.js';
import type { BridgeStore } from '../store/types.js';

/** Work on one stream while this worker owns it; `signal` aborts when the lease is lost or on stop. */
export type StreamWork = (store: BridgeStore, signal: AbortSignal) => Promise<void>;

/** What a {@link StreamOwner} reports (logs, metrics). */
export interface OwnerEvents {
  /** This worker took `stream` (`waitedMs`: how long it tried before it got it). */
  acquired?(stream: string, token: number, waitedMs: number): void;
  /** This worker lost `stream` (another worker took it, or the database was away past the lease). */
  lost?(stream: string, reason: string): void;
  /** The database could not be reached for a renewal or an acquisition. */
  error?(error: unknown, stream: string): void;
}

/** Options of {@link StreamOwner}. */
export interface StreamOwnerOptions {
  /** `coordination.leaseSeconds` in ms: a lease not renewed for this long may be taken over. */
  leaseMs: number;
  /** `coordination.renewSeconds` in ms: how often a held lease is renewed and a free one tried. */
  renewMs: number;
  events?: OwnerEvents;
}

/**
 * Runs each stream's work on exactly one worker at a time. On PostgreSQL a stream is held through a
 * lease with a fencing token (`store.fenced(lease)` is the store the work gets, so a worker that lost
 * the lease can no longer move the stream's checkpoint or cursors); the lease is renewed every
 * `renewMs`, and the work is aborted when a renewal fails or the database stays away past the lease.
 * A worker without the lease retries every `renewMs`, so a dead owner's stream is taken over within
 * `leaseMs + renewMs`. On SQLite (one process) the lease is always held and the work runs as it is.
 */
export class StreamOwner {
  private readonly held = new Map<string, Lease | true>();
  private lastContact = Date.now();
  private reachable = true;

  constructor(
    private readonly store: BridgeStore,
    private readonly options: StreamOwnerOptions,
  ) {}

  /** Whether streams are shared with other workers (a PostgreSQL store). */
  get coordinated(): boolean {
    return this.store instanceof PostgresStore;
  }

  /** False while the database cannot be reached (readiness turns red). */
  get healthy(): boolean {
    return this.reachable;
  }

  /** The streams this worker holds now. */
  streams(): string[] {
    return [...this.held.keys()].sort();
  }

  /** True when this worker holds `stream` now. */
  owns(stream: string): boolean {
    return this.held.has(stream);
  }

  /** Runs `work` whenever this worker holds `stream`, until `signal` aborts (then the lease is released). */
  async run(stream: string, work: StreamWork, signal: AbortSignal): Promise<void> {
    const store = this.store;
    if (!(store instanceof PostgresStore)) {
      this.held.set(stream, true);
      try {
        await work(store, signal);
      } finally {
        this.held.delete(stream);
      }
      return;
    }
    let waitingSince = Date.now();
    while (!signal.aborted) {
      let lease: Lease | undefined;
      try {
        lease = await store.acquireLease(stream, store.worker, this.options.leaseMs);
        this.contact(true);
      } catch (error) {
        this.contact(false);
        this.options.events?.error?.(error, stream);
      }
      if (!lease) {
        await sleep(this.options.renewMs, signal);
        continue;
      }
      this.options.events?.acquired?.(stream, lease.token, Date.now() - waitingSince);
      this.held.set(stream, lease);
      const reason = await this.hold(store, lease, work, signal);
      this.held.delete(stream);
      if (signal.aborted) {
        await store.releaseLease(lease).catch(() => undefined);
        return;
      }
      this.options.events?.lost?.(stream, reason);
      waitingSince = Date.now();
      await sleep(this.options.renewMs, signal);
    }
  }

  /** Runs the work with a fenced store, renewing the lease, until the work ends; says why it ended. */
  private async hold(
    store: PostgresStore,
    lease: Lease,
    work: StreamWork,
    stop: AbortSignal,
  ): Promise<string> {
    const lost = new AbortController();
    let reason = 'the work ended';
    const lose = (why: string) => {
      if (lost.signal.aborted) return;
      reason = why;
      lost.abort(new LeaseLostError(lease.stream, why));
    };
    let renewedAt = Date.now();
    const timer = setInterval(() => {
      store
        .renewLease(lease, this.options.leaseMs)
        .then((kept) => {
          this.contact(true);
          if (kept) renewedAt = Date.now();
          else lose('another worker holds the stream now');
        })
        .catch((error) => {
          this.contact(false);
          this.options.events?.error?.(error, lease.stream);
          // Past the lease another worker may own the stream: stop before it could start.
          if (Date.now() - renewedAt >= this.options.leaseMs - this.options.renewMs)
            lose('the database was unreachable for the length of the lease');
        });
    }, this.options.renewMs);
    const signal = AbortSignal.any([stop, lost.signal]);
    try {
      await work(abortOnLoss(store.fenced(lease), lose), signal);
    } catch (error) {
      if (error instanceof LeaseLostError) lose(error.message);
      else reason = `the work failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      clearInterval(timer);
    }
    return reason;
  }

  private contact(ok: boolean): void {
    if (ok) this.lastContact = Date.now();
    // One failed call is a blip; unreachable for a renewal period is an outage.
    this.reachable = ok || Date.now() - this.lastContact < this.options.renewMs * 2;
  }
}

/** The fenced store, except that a write refused by the fence also aborts the stream's work at once. */
function abortOnLoss(store: BridgeStore, lose: (why: string) => void): BridgeStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (result instanceof Promise)
          return result.catch((error: unknown) => {
            if (error instanceof LeaseLostError) lose(error.message);
            throw error;
          });
        return result;
      };
    },
  });
}

/** Waits `ms` or until `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
