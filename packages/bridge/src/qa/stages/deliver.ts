import { randomUUID } from 'node:crypto';
import type { BridgeConfig } from '../../config/schema.js';
import { countsAsAttempt, isCircuitOpen, retryDelayMs, surelyNotProcessed } from '../../delivery/policy.js';
import { LeaseLostError } from '../../store/postgres/errors.js';
import type { BatchRow, BridgeStore, DeadLetter, InteractionRow } from '../../store/types.js';
import type { BulkJobOutcome, QaSink } from '../ports.js';

/** What the metrics need to know about a delivered interaction. */
export type DeliveredItem = Pick<InteractionRow, 'key'> &
  Partial<Pick<InteractionRow, 'type' | 'readyAt' | 'firstSeenAt'>>;

/** A row's new state after a batch, with the dead letter to write when it is dead. */
interface RowOutcome {
  row: InteractionRow;
  letter?: Omit<DeadLetter, 'id' | 'createdAt'>;
}

/** What the deliverer reports to metrics and logs. */
export interface DeliveryEvents {
  delivered(items: DeliveredItem[]): void;
  failed(row: InteractionRow, reason: string, final: boolean): void;
  reconciled(found: number, resent: number, duplicates: number): void;
  error(error: unknown, context: string): void;
  /** A batch settled (its slot is free again). */
  settled?(): void;
  /** Another worker adopted a batch of this one (this one missed its heartbeats): it was dropped here. */
  adopted?(batchId: string, reason: string): void;
}

/**
 * The deliver stage. Exactly once rests on three rules:
 * 1. rows are claimed (marked `sending` under a batch id) in the store *before* the request goes out;
 * 2. a request that was surely not processed (4xx, 429, connection refused) puts its rows back;
 * 3. a batch whose outcome is unknown (a crash, a timeout, a 5xx, a cut connection) is reconciled by
 *    asking Playvox: job status when the job id was recorded, otherwise a lookup of the interaction
 *    ids once `reconcileSettleMs` has passed (the time Playvox needs to finish a queued job), and only
 *    what Playvox does not have is sent again.
 */
export class Deliverer {
  private readonly inFlight = new Set<string>();
  /** Typical time Playvox takes to finish a job (moving average): the first poll waits this long, so
   * a healthy job costs one read and the rate budget goes to bulk requests. */
  private jobEstimateMs = 50;
  /** Type and timestamps of the rows in flight, so that a finished job needs no read-back for metrics. */
  private readonly deliveredTimes = new Map<string, DeliveredItem>();
  private readonly tasks = new Set<Promise<void>>();

  constructor(
    private readonly store: BridgeStore,
    private readonly sink: QaSink,
    private readonly config: BridgeConfig['delivery'],
    private readonly events: DeliveryEvents,
  ) {}

  /** Batches in flight in this process. */
  get activeBatches(): number {
    return this.inFlight.size;
  }

  /** Starts as many new batches as the concurrency allows; returns how many started. */
  async fill(now = Date.now()): Promise<number> {
    let started = 0;
    while (this.inFlight.size < this.config.concurrency) {
      const batchId = randomUUID();
      const rows = await this.store.claimBatch(batchId, this.config.batchSize, now);
      if (rows.length === 0) break;
      this.track(batchId, this.send(batchId, rows));
      started += 1;
    }
    return started;
  }

  /** Resumes batches left open (by a crash, or by an ambiguous failure) that are not in flight here. */
  async recover(now = Date.now()): Promise<void> {
    for (const batch of await this.store.openBatches()) {
      if (this.inFlight.has(batch.batchId)) continue;
      if (batch.jobId) this.track(batch.batchId, this.awaitJob(batch.batchId, batch.jobId, batch.keys));
      else if (now - batch.createdAt >= this.config.reconcileSettleMs)
        this.track(batch.batchId, this.reconcile(batch));
    }
  }

  /** Resolves when every batch in flight has settled. */
  async drain(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  private track(batchId: string, work: Promise<void>): void {
    this.inFlight.add(batchId);
    const task = work
      .catch((error) => {
        // The batch went to another worker, which reconciles it with Playvox: nothing more to do here.
        if (error instanceof LeaseLostError) this.events.adopted?.(batchId, error.message);
        else this.events.error(error, `batch ${batchId}`);
      })
      .finally(() => {
        this.inFlight.delete(batchId);
        this.tasks.delete(task);
        this.events.settled?.();
      });
    this.tasks.add(task);
  }

  private async send(batchId: string, rows: InteractionRow[]): Promise<void> {
    for (const row of rows)
      this.deliveredTimes.set(row.key, {
        key: row.key,
        type: row.type,
        readyAt: row.readyAt,
        firstSeenAt: row.firstSeenAt,
      });
    let jobId: string;
    try {
      jobId = await this.sink.submitBulk(rows.map((r) => r.payload!));
    } catch (error) {
      if (surelyNotProcessed(error)) {
        const reason = error instanceof Error ? error.message : String(error);
        const counts = countsAsAttempt(error);
        for (const row of rows) this.deliveredTimes.delete(row.key);
        await this.closeWithOutcomes(
          batchId,
          rows.map((row) => this.retryOrDie(row, reason, counts)),
        );
        return;
      }
      // Unknown outcome: leave the batch open; recover() reconciles it after the settle time.
      // A failed probe while Playvox's circuit stays open: the circuit watch sums the outage up (one
      // warning when it opens, then once a minute) instead of a warning per batch.
      if ((this.sink.retryInMs?.(Date.now()) ?? 0) === 0)
        this.events.error(error, `bulk request of batch ${batchId} (outcome unknown, will reconcile)`);
      return;
    }
    await this.store.batchSubmitted(
      batchId,
      jobId,
      rows.map((r) => r.key),
    );
    await this.awaitJob(
      batchId,
      jobId,
      rows.map((r) => r.key),
    );
  }

  private async awaitJob(batchId: string, jobId: string, keys: string[]): Promise<void> {
    const submitted = Date.now();
    const deadline = submitted + this.config.jobTimeoutMs;
    let outcome: BulkJobOutcome | undefined;
    await new Promise((resolve) => setTimeout(resolve, this.jobEstimateMs));
    for (let poll = 0; Date.now() < deadline; poll++) {
      try {
        outcome = await this.sink.job(jobId);
      } catch (error) {
        // An open circuit sent nothing and is logged once by the circuit watch, not once per poll.
        if (!isCircuitOpen(error)) this.events.error(error, `reading job ${jobId}`);
        outcome = undefined;
      }
      if (outcome && (outcome.status === 'completed' || outcome.status === 'failed')) {
        // Done at the first look: the wait may have been longer than needed, so try a shorter one next
        // time; otherwise move the estimate towards what the job really took.
        const tookMs = Date.now() - submitted;
        this.jobEstimateMs =
          poll === 0
            ? Math.max(5, Math.round(this.jobEstimateMs * 0.8))
            : Math.min(10_000, Math.round(0.7 * this.jobEstimateMs + 0.3 * tookMs));
        break;
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(2000, Math.max(10, this.jobEstimateMs / 2) * 2 ** Math.min(poll, 8))),
      );
    }
    if (!outcome || (outcome.status !== 'completed' && outcome.status !== 'failed')) return; // stays open; recover() polls again
    const byIndex = new Map(keys.map((key, index) => [index, key]));
    const created = new Map(outcome.created.map((c) => [byIndex.get(c.index)!, c.playvoxId]));
    const failed = new Map(outcome.failed.map((f) => [byIndex.get(f.index)!, f.reason]));
    const now = Date.now();
    // Only the rows that were not created are read back; created ones get a light update.
    const others = [
      ...(await this.store.getInteractions(keys.filter((key) => !created.has(key)))).values(),
    ].map((row) =>
      this.retryOrDie(
        row,
        failed.get(row.key) ?? 'the job reported neither a result nor an error for this item',
        true,
      ),
    );
    const delivered = [...created].map(([key, playvoxId]) => ({ key, playvoxId }));
    await this.store.closeDeliveredBatch(
      batchId,
      delivered,
      others.map((o) => o.row),
      others.flatMap((o) => (o.letter ? [o.letter] : [])),
      now,
    );
    this.reportFailures(others);
    this.events.delivered(delivered.map((d) => this.deliveredTimes.get(d.key) ?? { key: d.key }));
    for (const d of delivered) this.deliveredTimes.delete(d.key);
  }

  /** Writes a batch's outcomes (dead letters included) and closes it in one transaction. */
  private async closeWithOutcomes(batchId: string, outcomes: RowOutcome[]): Promise<void> {
    const letters = outcomes.flatMap((o) => (o.letter ? [o.letter] : []));
    await this.store.closeBatch(
      batchId,
      outcomes.map((o) => o.row),
      letters,
    );
    this.reportFailures(outcomes);
  }

  private reportFailures(outcomes: RowOutcome[]): void {
    for (const outcome of outcomes) {
      if (outcome.row.state === 'dead') this.events.failed(outcome.row, outcome.row.lastError ?? '', true);
      else if (outcome.row.state === 'mapped')
        this.events.failed(outcome.row, outcome.row.lastError ?? '', false);
    }
  }

  private async reconcile(batch: BatchRow): Promise<void> {
    const rows = [...(await this.store.getInteractions(batch.keys)).values()];
    const found = await this.sink.findInteractions(rows.map((r) => r.interactionId));
    const now = Date.now();
    let delivered = 0;
    let duplicates = 0;
    const updated = rows.map((row): InteractionRow => {
      const ids = found.get(row.interactionId) ?? [];
      if (ids.length > 1) duplicates += ids.length - 1;
      if (ids.length > 0) {
        delivered += 1;
        return { ...row, state: 'delivered', playvoxId: ids[0], deliveredAt: now, updatedAt: now };
      }
      return { ...row, state: 'mapped', batchId: undefined, updatedAt: now };
    });
    await this.store.closeBatch(batch.batchId, updated);
    this.events.delivered(updated.filter((r) => r.state === 'delivered'));
    this.events.reconciled(delivered, rows.length - delivered, duplicates);
  }

  /** Puts a failed row back with backoff, or dead-letters it after the last attempt. */
  private retryOrDie(row: InteractionRow, reason: string, countsAsAttempt: boolean): RowOutcome {
    const attempts = row.attempts + (countsAsAttempt ? 1 : 0);
    const now = Date.now();
    if (attempts >= this.config.maxAttempts) {
      return {
        row: { ...row, attempts, state: 'dead', batchId: undefined, lastError: reason, updatedAt: now },
        letter: {
          key: row.key,
          stage: 'deliver',
          reason: `Playvox refused it ${attempts} times; last: ${reason}`,
          payload: row.payload,
        },
      };
    }
    const delay = countsAsAttempt ? retryDelayMs(attempts, this.config.retryBaseDelayMs) : 0;
    return {
      row: {
        ...row,
        attempts,
        state: 'mapped',
        batchId: undefined,
        retryAt: now + delay,
        lastError: reason,
        updatedAt: now,
      },
    };
  }
}
