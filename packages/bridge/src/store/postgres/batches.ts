import type pg from 'pg';
import { type BatchDbRow, INTERACTION_COLUMNS, type InteractionDbRow, toBatchRow, toRow } from '../rows.js';
import type { BatchRow, BridgeStore, InteractionRow, NewDeadLetter } from '../types.js';
import { LeaseLostError } from './errors.js';
import { inTransaction } from './pool.js';
import { insertLetters, upsertInteractions } from './sql.js';

const BATCH_COLUMNS = 'batch_id, state, job_id, keys, created_at';

/**
 * The bulk batches of one worker. A batch belongs to the worker that opened it: only the owner may
 * record its job or close it (a worker that lost it gets {@link LeaseLostError} and its transaction
 * rolls back), and a batch whose owner stopped heartbeating is adopted by exactly one other worker.
 */
export class WorkerBatches {
  constructor(
    private readonly pool: pg.Pool,
    private readonly worker: string,
    /** A heartbeat older than this marks its worker dead. */
    private readonly leaseMs: number,
  ) {}

  /** Claims due `mapped` rows with `FOR UPDATE SKIP LOCKED` (concurrent claimers skip each other's rows). */
  async claim(batchId: string, limit: number, now: number): Promise<InteractionRow[]> {
    return inTransaction(this.pool, async (c) => {
      const r = await c.query<InteractionDbRow>(
        `WITH picked AS (
           SELECT key FROM interactions WHERE state = 'mapped' AND retry_at <= $1
           ORDER BY first_seen_at, key LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE interactions i SET state = 'sending', batch_id = $3, updated_at = $1
         FROM picked WHERE i.key = picked.key RETURNING ${INTERACTION_COLUMNS.replace(/(\w+)/g, 'i.$1')}`,
        [now, limit, batchId],
      );
      const rows = r.rows
        .map(toRow)
        .sort((a, b) => a.firstSeenAt - b.firstSeenAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      if (rows.length === 0) return rows;
      await c.query(
        `INSERT INTO batches (batch_id, state, job_id, keys, created_at, owner) VALUES ($1, 'sending', NULL, $2, $3, $4)`,
        [batchId, JSON.stringify(rows.map((row) => row.key)), now, this.worker],
      );
      return rows;
    });
  }

  /** Records the job of an owned batch. */
  async submitted(batchId: string, jobId: string, keys: string[]): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      const r = await c.query(
        "UPDATE batches SET state = 'submitted', job_id = $1 WHERE batch_id = $2 AND owner = $3",
        [jobId, batchId, this.worker],
      );
      if (r.rowCount === 0) throw this.batchLost(batchId);
      await c.query(
        "UPDATE interactions SET state = 'submitted', job_id = $1 WHERE key = ANY($2::text[]) AND state = 'sending'",
        [jobId, keys],
      );
    });
  }

  /** Closes an owned batch whose job finished. */
  async closeDelivered(...args: Parameters<BridgeStore['closeDeliveredBatch']>): Promise<void> {
    const [batchId, delivered, others, deadLetters, now] = args;
    await inTransaction(this.pool, async (c) => {
      await this.takeBatch(c, batchId);
      if (delivered.length > 0)
        await c.query(
          `UPDATE interactions i SET state = 'delivered', playvox_id = d.pv, delivered_at = $3, updated_at = $3,
             events = '[]', record = NULL, payload = NULL, batch_id = NULL, last_error = NULL
           FROM unnest($1::text[], $2::text[]) AS d(key, pv) WHERE i.key = d.key`,
          [delivered.map((d) => d.key), delivered.map((d) => d.playvoxId), now],
        );
      await upsertInteractions(c, others, false);
      await insertLetters(c, deadLetters, now);
    });
  }

  /** Closes an owned batch with the rows given. */
  async close(batchId: string, rows: InteractionRow[], deadLetters: NewDeadLetter[] = []): Promise<void> {
    const now = Date.now();
    await inTransaction(this.pool, async (c) => {
      await this.takeBatch(c, batchId);
      await upsertInteractions(c, rows, false);
      await insertLetters(c, deadLetters, now);
    });
  }

  /** Adopts the batches of dead workers, then lists this worker\'s, oldest first. */
  async open(): Promise<BatchRow[]> {
    await this.pool.query(
      `UPDATE batches SET owner = $1 WHERE batch_id IN (
         SELECT b.batch_id FROM batches b WHERE b.owner <> $1 AND NOT EXISTS (
           SELECT 1 FROM workers w WHERE w.worker = b.owner
             AND w.heartbeat_at > clock_timestamp() - $2::float8 * interval '1 millisecond')
         FOR UPDATE SKIP LOCKED)`,
      [this.worker, this.leaseMs],
    );
    const r = await this.pool.query<BatchDbRow>(
      `SELECT ${BATCH_COLUMNS} FROM batches WHERE owner = $1 ORDER BY created_at, batch_id`,
      [this.worker],
    );
    return r.rows.map(toBatchRow);
  }

  /** Removes a batch this worker owns, or throws when another worker adopted it (or it is gone). */
  private async takeBatch(c: pg.ClientBase, batchId: string): Promise<void> {
    const r = await c.query('DELETE FROM batches WHERE batch_id = $1 AND owner = $2', [batchId, this.worker]);
    if (r.rowCount === 0) throw this.batchLost(batchId);
  }

  private batchLost(batchId: string): LeaseLostError {
    return new LeaseLostError(
      `batch:${batchId}`,
      `no longer open for worker ${this.worker} (closed, or adopted by another worker after this one missed its heartbeats)`,
    );
  }
}
