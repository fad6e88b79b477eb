import type { BridgeConfig } from '../config/schema.js';
import type { StreamOwner } from '../coordination/owner.js';
import { isCircuitOpen } from '../delivery/policy.js';
import { hours } from '../observability/errors.js';
import type { Logger } from '../observability/logger.js';
import { type BridgeMetrics, oldestQueuedAgeMs } from '../observability/metrics.js';
import type { HealthReport } from '../observability/server.js';
import { type EventSource, runSource } from '../sources/feed.js';
import type { BridgeStore, QueuedState } from '../store/types.js';
import { IDLE_POLL_MAX_MS, IDLE_QUIET_MAX_MS, IdleBackoff, Wakeup } from './idle-backoff.js';
import { INTERACTION_STREAM } from './ids.js';
import type { Enricher, QaSink } from './ports.js';
import { ASSEMBLE_CURSOR, assembleBatch, releaseStaleCalls } from './stages/assemble.js';
import { Deliverer } from './stages/deliver.js';
import { applyLateUpdates } from './stages/late-update.js';
import { mapRow, needsEnrichment, processReady } from './stages/process.js';

/** Everything the QA pipeline is built from. */
export interface QaPipelineParts {
  config: BridgeConfig;
  store: BridgeStore;
  source: EventSource;
  sink: QaSink;
  enricher?: Enricher;
  logger: Logger;
  metrics: BridgeMetrics;
  /**
   * Who reads the feed and assembles (several workers: the holder of the stream's lease, with a fenced
   * store). Without it this process always does. Delivery runs on every worker either way.
   */
  owner?: StreamOwner;
  /** The connection this pipeline serves (its name goes into Playvox ids; absent: `default`). */
  connection?: string;
}

/** Live figures for the terminal view and the dashboard. */
export interface PipelineProgress {
  eventsReceived: number;
  duplicates: number;
  delivered: number;
  deadLettered: number;
  /** Delivered interactions updated in place with data that came late (a disposition after the grace). */
  lateUpdates: number;
  lastError?: string;
  lastBatchAt?: number;
}

/** How {@link QaPipeline.stop} ended. */
export interface PipelineStopOutcome {
  /** False when the deadline came first. */
  settled: boolean;
  /** Batches still in flight at that moment (left open in the store). */
  unsettledBatches: number;
}

/**
 * The LiveVox → Playvox QA pipeline: source → durable store → assemble → enrich → map → deliver.
 * Two loops share the store: the source (network-bound, writes events and token) and the worker
 * (assembles, processes and delivers). All state is in the store, so a restart resumes where the last
 * transaction left off.
 */
export class QaPipeline {
  readonly progress: PipelineProgress = {
    eventsReceived: 0,
    duplicates: 0,
    delivered: 0,
    deadLettered: 0,
    lateUpdates: 0,
  };
  private readonly deliverer: Deliverer;
  private readonly sourceAbort = new AbortController();
  private stopping = false;
  /** Wakes the work loop: new events stored, or the stop. */
  private readonly workWakeup = new Wakeup();
  /** Wakes the deliver loop: rows mapped, a batch settled, or the stop. */
  private readonly deliverWakeup = new Wakeup();
  private deliverTask: Promise<void> | undefined;
  private sourceTask: Promise<void> | undefined;
  private sourceConnected = false;
  private stopped: Promise<PipelineStopOutcome> | undefined;
  /** The deliver loop's last look found the store quiet; `workRounds` (busy ones) tells a stale look. */
  private quiet = false;
  private workRounds = 0;

  constructor(private readonly parts: QaPipelineParts) {
    const { metrics, logger } = parts;
    this.deliverer = new Deliverer(parts.store, parts.sink, parts.config.delivery, {
      delivered: (items) => {
        const now = Date.now();
        for (const item of items) {
          metrics.delivered.inc({ type: item.type ?? 'unknown' });
          const since = item.readyAt ?? item.firstSeenAt;
          if (since !== undefined) metrics.latency.observe((now - since) / 1000);
        }
        this.progress.delivered += items.length;
      },
      failed: (row, reason, final) => {
        metrics.failed.inc({ final: String(final) });
        if (final) {
          metrics.deadLettered.inc({ stage: 'deliver' });
          this.progress.deadLettered += 1;
          logger.warn(
            { interaction: row.interactionId, reason },
            'interaction dead-lettered after its last delivery attempt',
          );
        }
      },
      reconciled: (found, resent, duplicates) => {
        metrics.reconciled.inc({ outcome: 'found' }, found);
        metrics.reconciled.inc({ outcome: 'resent' }, resent);
        logger.info({ found, resent, duplicates }, 'reconciled a batch whose outcome was unknown');
      },
      error: (error, context) => this.noteError(error, context),
      settled: () => this.deliverWakeup.wake(),
      adopted: (batchId, reason) =>
        logger.warn({ batchId, reason }, 'batch dropped: another worker adopted it'),
    });
  }

  /** Starts both loops. */
  start(): void {
    const { owner } = this.parts;
    const read = (store: BridgeStore, signal: AbortSignal) =>
      Promise.all([this.read(store, signal), this.work(store, signal)]).then(() => undefined);
    this.sourceTask = owner
      ? owner.run(INTERACTION_STREAM, read, this.sourceAbort.signal)
      : read(this.parts.store, this.sourceAbort.signal);
    this.deliverTask = this.deliver();
  }

  /** Reads the feed into `store` until `signal` aborts (stop, or the stream's lease lost). */
  private read(store: BridgeStore, signal: AbortSignal): Promise<void> {
    const { source, metrics, logger } = this.parts;
    return runSource(
      INTERACTION_STREAM,
      store,
      source,
      {
        stored: (batch) => {
          this.sourceConnected = true;
          // The series start at 0, so an empty answer (every 10 s per idle connection) adds nothing.
          if (batch.inserted > 0) metrics.eventsReceived.inc({ stream: INTERACTION_STREAM }, batch.inserted);
          if (batch.duplicates > 0)
            metrics.eventsDuplicate.inc({ stream: INTERACTION_STREAM }, batch.duplicates);
          if (batch.invalid > 0) metrics.deadLettered.inc({ stage: 'source' }, batch.invalid);
          this.progress.eventsReceived += batch.inserted;
          this.progress.duplicates += batch.duplicates;
          this.progress.deadLettered += batch.invalid;
          this.progress.lastBatchAt = Date.now();
        },
        tokenExpired: ({ savedAt, lastEventAt }) => {
          metrics.tokenExpired.inc();
          // LiveVox judges the age in its own time; the gap's length in that time follows in gapClosed.
          metrics.errors.note(
            'gap',
            `the interaction feed's position was older than the 24 hours LiveVox keeps: the feed restarted from now and the gap is read from the Call Event Recovery report`,
            'livevox',
          );
          // The gap's length is known in LiveVox's time only once the restarted feed gives events.
          logger.warn(
            {
              savedAt: savedAt ? new Date(savedAt).toISOString() : undefined,
              lastEventAt: lastEventAt === undefined ? undefined : new Date(lastEventAt).toISOString(),
            },
            'feed token expired (older than the 24 hours LiveVox keeps): restarting the feed from now; the gap is read from the Call Event Recovery report once the feed gives its first events',
          );
        },
        gapClosed: ({ from, to, result }) => {
          metrics.errors.note(
            'gap',
            `the interaction feed had a ${hours(to - from)} h gap in LiveVox's time (${new Date(from).toISOString()} → ${new Date(to).toISOString()}); it was filled from the Call Event Recovery report`,
            'livevox',
          );
          logger.warn(
            { gapHours: hours(to - from), ...(result as object) },
            'closed the feed gap from the Call Event Recovery report',
          );
        },
        error: (error) => this.noteError(error, 'reading the interaction feed'),
      },
      signal,
      () => this.workWakeup.wake(),
    ).finally(() => {
      this.sourceConnected = false;
    });
  }

  /**
   * Stops reading and finishes the batches in flight, waiting at most `timeoutMs` (default
   * `shutdown.timeoutMs`), so a Playvox that does not answer cannot hold the stop for `jobTimeoutMs`.
   * What is still unsettled then stays claimed in the store (open batches, checkpointed feed) and is
   * reconciled by the next start. Calling it again returns the same outcome.
   */
  stop(options: { timeoutMs?: number } = {}): Promise<PipelineStopOutcome> {
    this.stopped ??= this.stopWithin(options.timeoutMs ?? this.parts.config.shutdown.timeoutMs);
    return this.stopped;
  }

  private async stopWithin(timeoutMs: number): Promise<PipelineStopOutcome> {
    this.stopping = true;
    this.sourceAbort.abort();
    this.workWakeup.wake();
    this.deliverWakeup.wake();
    const finished = (async () => {
      await Promise.allSettled([this.sourceTask, this.deliverTask]);
      await this.deliverer.drain();
      return true;
    })();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = await Promise.race([finished, deadline]);
    clearTimeout(timer);
    const unsettledBatches = this.deliverer.activeBatches;
    if (!settled)
      this.parts.logger.warn(
        { timeoutMs, unsettledBatches },
        'shutdown deadline reached: the unsettled batches stay in the store and are reconciled at the next start',
      );
    return { settled, unsettledBatches };
  }

  /**
   * Resolves once the feed holds a position (its first token is saved). LiveVox serves a new feed only
   * the events created after its first request, so whoever starts traffic should wait for this.
   */
  async waitUntilPositioned(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.parts.store.getCheckpoint(INTERACTION_STREAM))) {
      if (Date.now() > deadline)
        throw new Error(
          `the LiveVox feed gave no token within ${timeoutMs} ms${this.progress.lastError ? ` (last error: ${this.progress.lastError})` : ''}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** True when nothing stored is still waiting to reach Playvox. */
  async isIdle(): Promise<boolean> {
    if (this.deliverer.activeBatches > 0) return false;
    if ((await this.parts.store.eventsAfterCursor(ASSEMBLE_CURSOR, INTERACTION_STREAM, 1)).length > 0)
      return false;
    const { queued } = await this.parts.store.queueCounts();
    if (!isEmpty(queued)) return false;
    // Late events of delivered interactions still to send (those of dead-lettered ones wait for a retry).
    return (await this.parts.store.pendingLateUpdates(1, Number.MAX_SAFE_INTEGER)).length === 0;
  }

  /** For `/healthz` and `/readyz`. */
  health(): HealthReport {
    const { owner } = this.parts;
    // With several workers only the stream's owner reads the feed; the others are ready when the
    // database answers. A database away makes every worker unready.
    const reading = owner ? owner.owns(INTERACTION_STREAM) : true;
    return {
      live: !this.stopping,
      ready: !this.stopping && (owner?.healthy ?? true) && (!reading || this.sourceConnected),
      details: {
        sourceConnected: this.sourceConnected,
        ...(owner?.coordinated ? { streamsHeld: owner.streams(), databaseReachable: owner.healthy } : {}),
        activeBatches: this.deliverer.activeBatches,
        lastError: this.progress.lastError,
      },
    };
  }

  private noteError(error: unknown, context: string): void {
    const message = error instanceof Error ? error.message : String(error);
    this.progress.lastError = `${context}: ${message}`;
    // Saved for `voxbridge status` in another process; a store that cannot take it is logged below.
    this.parts.store
      .setLastError({ at: new Date().toISOString(), message: this.progress.lastError })
      .catch(() => undefined);
    // An open circuit's fail-fast is logged by the circuit watch (once when it opens, then once a minute).
    if (isCircuitOpen(error)) this.parts.logger.debug({ err: { name: error.name, message } }, context);
    else this.parts.logger.warn({ err: { name: (error as Error)?.name, message } }, context);
  }

  /** Assembles, enriches and maps into `store`; wakes on new events; ends when `signal` aborts. */
  private async work(store: BridgeStore, signal: AbortSignal): Promise<void> {
    const { config, enricher, metrics } = this.parts;
    // Up to 30 s while the deliver loop found the store quiet, as the README says of both loops.
    const backoff = new IdleBackoff(100, IDLE_POLL_MAX_MS, IDLE_QUIET_MAX_MS);
    while (!this.stopping && !signal.aborted) {
      try {
        let busy = false;
        const assembled = await assembleBatch(
          store,
          INTERACTION_STREAM,
          2000,
          Date.now(),
          (row) => (needsEnrichment(config, row) ? undefined : mapRow(config, row)),
          this.parts.connection,
        );
        if (assembled.deadLettered > 0) {
          metrics.deadLettered.inc({ stage: 'assemble' }, assembled.deadLettered);
          this.progress.deadLettered += assembled.deadLettered;
        }
        if (assembled.mapDeadLettered > 0) {
          metrics.deadLettered.inc({ stage: 'map' }, assembled.mapDeadLettered);
          this.progress.deadLettered += assembled.mapDeadLettered;
        }
        if (assembled.mapped > 0) this.deliverWakeup.wake();
        busy ||= assembled.events > 0;
        busy ||= (await releaseStaleCalls(store, config.mapping.voiceGraceMs)) > 0;
        const processed = await processReady(store, config, enricher, 2000);
        if (processed.deadLettered > 0) {
          metrics.deadLettered.inc({ stage: 'map' }, processed.deadLettered);
          this.progress.deadLettered += processed.deadLettered;
        }
        if (processed.mapped > 0) this.deliverWakeup.wake();
        busy ||= processed.mapped + processed.deadLettered > 0;
        busy ||= (await this.updateLate(store)) > 0;
        if (busy) {
          this.workRounds += 1;
          this.quiet = false;
          backoff.next(true);
        } else await this.workWakeup.sleep(backoff.next(false, this.quiet));
      } catch (error) {
        if (signal.aborted) break; // the lease went to another worker: not this worker's error
        this.noteError(error, 'pipeline worker');
        await this.workWakeup.sleep(1000);
      }
    }
  }

  /** Sends the late updates that are due (not while Playvox's circuit is open); returns how many settled. */
  private async updateLate(store: BridgeStore): Promise<number> {
    const { config, sink, enricher, metrics } = this.parts;
    if ((sink.retryInMs?.(Date.now()) ?? 0) > 0) return 0;
    const late = await applyLateUpdates(store, config, sink, enricher);
    if (late.applied > 0) {
      metrics.lateUpdates.inc(late.applied);
      this.progress.lateUpdates += late.applied;
    }
    if (late.deadLettered > 0) {
      metrics.deadLettered.inc({ stage: 'deliver' }, late.deadLettered);
      this.progress.deadLettered += late.deadLettered;
    }
    return late.applied + late.deadLettered;
  }

  /** Delivers mapped interactions and settles open batches; wakes when work is mapped or a batch settles. */
  private async deliver(): Promise<void> {
    let lastRecover = 0;
    let lastGauges = 0;
    const backoff = new IdleBackoff(200, IDLE_POLL_MAX_MS, IDLE_QUIET_MAX_MS);
    while (!this.stopping) {
      let busy = true;
      let quiet = false;
      try {
        const now = Date.now();
        const workRounds = this.workRounds;
        if (now - lastGauges >= 1000) {
          quiet = isEmpty(await this.updateGauges());
          lastGauges = now;
        }
        // Playvox's circuit is open: nothing can be delivered or reconciled until its next probe is due,
        // so wait for it rather than re-reading every open batch each second (issue 13: 40-256 req/s).
        const waitMs = this.parts.sink.retryInMs?.(now) ?? 0;
        if (waitMs > 0) {
          await this.deliverWakeup.sleep(Math.min(waitMs, 1000));
          continue;
        }
        if (now - lastRecover >= 1000) {
          await this.deliverer.recover(now);
          lastRecover = now;
        }
        // Batches in flight are settled by their own tasks; the loop polls quickly only while any run.
        busy = (await this.deliverer.fill(now)) > 0 || this.deliverer.activeBatches > 0;
        // Late updates wait on delivered rows, which the counts do not show as on their way.
        quiet &&=
          !busy && (await this.parts.store.pendingLateUpdates(1, Number.MAX_SAFE_INTEGER)).length === 0;
        this.quiet = quiet && workRounds === this.workRounds;
      } catch (error) {
        this.quiet = false;
        this.noteError(error, 'pipeline deliverer');
      }
      await this.deliverWakeup.sleep(backoff.next(busy, this.quiet));
    }
  }

  /** Sets the queue, dead-letter and feed gauges; returns the queued counts it read. */
  private async updateGauges(): Promise<Record<QueuedState, number>> {
    const { store, metrics } = this.parts;
    // Only the queued rows and the dead letters: a count of every row grew with the history (125 ms a
    // second at 2,000,000 events and 670,000 delivered interactions), and the gauges ignore it.
    const counts = await store.queueCounts();
    for (const [state, n] of Object.entries(counts.queued)) metrics.queueDepth.set({ state }, n);
    metrics.deadLettersStored.set({ connection: metrics.connection }, counts.deadLetters);
    metrics.oldestQueuedAge.set((await oldestQueuedAgeMs(store, counts.queued, Date.now())) / 1000);
    const checkpoint = await store.getCheckpoint(INTERACTION_STREAM);
    if (checkpoint) metrics.checkpointAge.set((Date.now() - checkpoint.updatedAt) / 1000);
    return counts.queued;
  }
}

/** Whether no interaction is on its way. */
function isEmpty(queued: Record<QueuedState, number>): boolean {
  return Object.values(queued).every((n) => n === 0);
}
