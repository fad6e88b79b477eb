import { CIRCUIT_STATE_VALUES, type CircuitBreaker, type CircuitEvent } from '@voxbridge/core';
import type { Counter, Gauge, Registry } from 'prom-client';
import type { Logger } from './logger.js';
import { CONNECTION, counterIn, gaugeIn } from './metric-kit.js';

/** How often, at most, a circuit that stays open is summed up in the log. */
export const CIRCUIT_SUMMARY_INTERVAL_MS = 60_000;

/** An open (or probing) circuit as `/readyz` and `voxbridge status` report it. */
export interface OpenCircuit {
  destination: string;
  state: 'open' | 'half-open';
  /** ISO time the circuit opened. */
  since: string | undefined;
  /** The last failure: `status 503`, a connection error. */
  reason: string | undefined;
  /** ISO time of the next probe (undefined while a probe is in flight). */
  retryAt: string | undefined;
  /** Probes that failed since it opened. */
  probes: number;
  /** Requests that failed fast since it opened. */
  rejected: number;
}

const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/**
 * Watches the clients' circuit breakers: `voxbridge_circuit_state{connection,destination}` (0 closed,
 * 1 half-open, 2 open; the worst of a destination's breakers), `voxbridge_circuit_opened_total`, and the
 * log: one warning when a circuit opens, one line when it closes, and while it stays open a summary at
 * most once a minute — never a line per failed request.
 */
export class CircuitWatch {
  private readonly state: Gauge<'connection' | 'destination'>;
  private readonly opened: Counter<'connection' | 'destination'>;
  private readonly breakers = new Map<string, Set<CircuitBreaker>>();
  private logger: Logger | undefined;
  private summaryTimer: NodeJS.Timeout | undefined;

  constructor(
    registry: Registry,
    logger?: Logger,
    private readonly summaryIntervalMs = CIRCUIT_SUMMARY_INTERVAL_MS,
    /** The `connection` label of this watch's series. */
    private readonly connection: string = CONNECTION,
  ) {
    this.logger = logger;
    this.state = gaugeIn(
      registry,
      'voxbridge_circuit_state',
      "A destination's circuit breaker: 0 closed, 1 half-open (a probe is out), 2 open (requests fail fast)",
      ['connection', 'destination'],
    );
    this.opened = counterIn(
      registry,
      'voxbridge_circuit_opened_total',
      "Times a destination's circuit opened after consecutive failures (once per outage)",
      ['connection', 'destination'],
    );
  }

  /** Gives the watch a logger when it was made without one. */
  useLogger(logger: Logger): void {
    this.logger ??= logger;
  }

  /** Starts watching `breaker` (watching one twice is harmless). */
  watch(breaker: CircuitBreaker): void {
    const { destination } = breaker;
    const set = this.breakers.get(destination) ?? new Set<CircuitBreaker>();
    this.breakers.set(destination, set);
    if (set.has(breaker)) return;
    set.add(breaker);
    this.opened.inc({ connection: this.connection, destination }, 0);
    this.update(destination);
    breaker.on('change', (event) => this.changed(event));
  }

  /** The circuits that are not closed, with why: for `/readyz` and `status`. */
  openCircuits(): OpenCircuit[] {
    const out: OpenCircuit[] = [];
    for (const set of this.breakers.values())
      for (const breaker of set) {
        const s = breaker.snapshot();
        if (s.state === 'closed') continue;
        out.push({
          destination: s.destination,
          state: s.state,
          since: iso(s.since),
          reason: s.reason,
          retryAt: iso(s.retryAt),
          probes: s.probes,
          rejected: s.rejected,
        });
      }
    return out;
  }

  /** Stops the summary timer (the process is stopping). */
  stop(): void {
    clearInterval(this.summaryTimer);
    this.summaryTimer = undefined;
  }

  private changed(event: CircuitEvent): void {
    this.update(event.destination);
    const fields = { destination: event.destination, reason: event.reason };
    if (event.previous === 'closed' && event.state === 'open') {
      this.opened.inc({ connection: this.connection, destination: event.destination });
      this.logger?.warn(
        { ...fields, retryAt: iso(event.retryAt) },
        `circuit open: ${event.destination} keeps failing; requests fail fast and one probe at a time checks it (backoff up to 60 s)`,
      );
    } else if (event.state === 'closed') {
      this.logger?.info(
        {
          destination: event.destination,
          downForS: Math.round((Date.now() - event.since) / 1000),
          probes: event.probes,
          rejected: event.rejected,
        },
        `circuit closed: ${event.destination} answers again`,
      );
    }
    // Probes going out and failing are summed up below, not logged one by one.
    if (this.openCircuits().length > 0) this.startSummaries();
    else this.stop();
  }

  private update(destination: string): void {
    let worst = 0;
    for (const breaker of this.breakers.get(destination) ?? [])
      worst = Math.max(worst, CIRCUIT_STATE_VALUES[breaker.state]);
    this.state.set({ connection: this.connection, destination }, worst);
  }

  private startSummaries(): void {
    if (this.summaryTimer) return;
    this.summaryTimer = setInterval(() => {
      const open = this.openCircuits();
      if (open.length === 0) return this.stop();
      for (const circuit of open)
        this.logger?.warn(
          {
            destination: circuit.destination,
            openForS: circuit.since ? Math.round((Date.now() - Date.parse(circuit.since)) / 1000) : undefined,
            probes: circuit.probes,
            rejected: circuit.rejected,
            reason: circuit.reason,
            retryAt: circuit.retryAt,
          },
          `circuit still open: ${circuit.destination}`,
        );
    }, this.summaryIntervalMs);
    this.summaryTimer.unref();
  }
}
