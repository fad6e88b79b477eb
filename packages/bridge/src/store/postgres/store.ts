import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import {
  DEAD_COLUMNS,
  type DeadLetterDbRow,
  INTERACTION_COLUMNS,
  type InteractionDbRow,
  META,
  metaNotes,
  toDeadLetter,
  toRow,
} from '../rows.js';
import type {
  BatchRow,
  BridgeStore,
  Checkpoint,
  DeadLetter,
  EventInput,
  InteractionRow,
  InteractionState,
  LateBase,
  LateEvent,
  LateUpdateCounts,
  LateUpdateOutcome,
  NewDeadLetter,
  PendingLateUpdate,
  QueueCounts,
  SavedError,
  SavedUserMap,
  StoreCounts,
  StoredEvent,
  WfmMemory,
  WfmRound,
} from '../types.js';
import { WorkerBatches } from './batches.js';
import * as coordination from './coordination.js';
import { countAll, countQueue, insertEvents, readEvents } from './events.js';
import { fencedView } from './fenced.js';
import * as late from './late.js';
import { retryDeadLetter } from './letters.js';
import { migratePostgres, schemaVersion } from './migrate.js';
import { connectPool, inTransaction } from './pool.js';
import { type RateGrant, takeRate } from './rate.js';
import { LATEST_VERSION } from './schema.js';
import { insertLetters, saveCursor, setMeta, upsertInteractions } from './sql.js';

/** Options of {@link PostgresStore.open}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** This process's id in the worker registry (default `<host>:<pid>:<random>`). */
  worker?: string;
  /**
   * A worker whose heartbeat is older than this is taken for dead: its open batches are adopted by the
   * next worker that lists open batches (default 15 000 ms, `coordination.leaseSeconds`).
   */
  leaseMs?: number;
  /** How often the store heartbeats (default a third of `leaseMs`). */
  heartbeatMs?: number;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Apply pending migrations at open (default true); false refuses a database not at the latest version. */
  migrate?: boolean;
}

/**
 * The PostgreSQL implementation of {@link BridgeStore}, for several bridge processes on one database.
 * Each multi-step method is one transaction. Delivery work is shared: `claimBatch` takes rows with
 * `FOR UPDATE SKIP LOCKED`, each batch belongs to the worker that opened it, and `openBatches` hands a
 * worker its own batches plus those of workers whose heartbeat stopped (adopted once, by one worker).
 * Streams are owned through leases with fencing tokens ({@link acquireLease}, {@link fenced}).
 */
export class PostgresStore implements BridgeStore {
  /** This process's id in the worker registry; owner of the batches it opens. */
  readonly worker: string;
  private readonly leaseMs: number;
  private readonly batches: WorkerBatches;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    /** The connection pool (for tools and tests that read the database directly). */
    readonly pool: pg.Pool,
    options: PostgresStoreOptions,
  ) {
    this.worker = options.worker ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.batches = new WorkerBatches(pool, this.worker, this.leaseMs);
  }

  /**
   * Connects, migrates (under the advisory lock), registers this worker and starts its heartbeat.
   * Throws `PostgresUnreachableError` (host:port and database, no password) or `SchemaTooNewError`.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = await connectPool(options.url, { max: options.poolSize ?? 10 });
    try {
      if (options.migrate === false) {
        const version = await schemaVersion(pool);
        if (version !== LATEST_VERSION)
          throw new Error(
            `database schema is at version ${version}, this voxbridge needs ${LATEST_VERSION}: run voxbridge store migrate`,
          );
      } else await migratePostgres(pool);
      const store = new PostgresStore(pool, options);
      await store.beat();
      const every = options.heartbeatMs ?? Math.max(1, Math.floor(store.leaseMs / 3));
      // A missed beat (database away) is retried at the next tick; the pipelines see the outage themselves.
      store.timer = setInterval(() => store.beat().catch(() => {}), every);
      store.timer.unref();
      return store;
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
  }

  // --- Coordination (PostgreSQL only) ---

  /** Takes `stream` for `worker` for `ttlMs`; undefined while another worker holds it. */
  acquireLease(stream: string, worker: string, ttlMs: number): Promise<coordination.Lease | undefined> {
    return coordination.acquireLease(this.pool, stream, worker, ttlMs);
  }
  /** Extends a lease; false when another worker has taken the stream. */
  renewLease(lease: coordination.Lease, ttlMs: number): Promise<boolean> {
    return coordination.renewLease(this.pool, lease, ttlMs);
  }
  /** Gives a stream up at once. */
  releaseLease(lease: coordination.Lease): Promise<void> {
    return coordination.releaseLease(this.pool, lease);
  }
  /**
   * This store as a {@link BridgeStore} whose position writes (checkpoints, cursors, assemblies, WFM
   * rounds) check `lease` in their transaction and throw {@link LeaseLostError} once it is stale.
   */
  fenced(lease: coordination.Lease): BridgeStore {
    return fencedView(this, lease);
  }
  /** Records that `worker` on `host` is alive (the store heartbeats for itself; this is for tools). */
  heartbeat(worker: string, host: string): Promise<void> {
    return coordination.heartbeat(this.pool, worker, host);
  }
  /** The worker registry, with the streams each holds. */
  listWorkers(): Promise<coordination.WorkerInfo[]> {
    return coordination.listWorkers(this.pool);
  }
  /** Every stream's owner. */
  listLeases(): Promise<coordination.LeaseInfo[]> {
    return coordination.listLeases(this.pool);
  }
  /** Takes tokens from a rate budget shared by every worker on the database (see {@link takeRate}). */
  takeRate(bucket: string, perMinute: number, count?: number, burst?: number): Promise<RateGrant> {
    return takeRate(this.pool, bucket, perMinute, count, burst);
  }

  // --- Events and checkpoints ---

  /** As {@link BridgeStore.appendEvents}; with `fence`, refused once that lease is stale. */
  async appendEvents(
    stream: string,
    events: EventInput[],
    token?: string,
    fence?: coordination.Lease,
  ): Promise<{ inserted: number; duplicates: number }> {
    return inTransaction(this.pool, async (c) => {
      if (fence) await coordination.checkFence(c, fence);
      return insertEvents(c, stream, events, token, Date.now());
    });
  }

  async getCheckpoint(stream: string): Promise<Checkpoint | undefined> {
    const r = await this.pool.query<{ token: string; updated_at: number }>(
      'SELECT token, updated_at FROM checkpoints WHERE stream = $1',
      [stream],
    );
    const row = r.rows[0];
    return row ? { token: row.token, updatedAt: row.updated_at } : undefined;
  }

  /** As {@link BridgeStore.clearCheckpoint}; with `fence`, refused once that lease is stale. */
  async clearCheckpoint(stream: string, fence?: coordination.Lease): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      if (fence) await coordination.checkFence(c, fence);
      await c.query('DELETE FROM checkpoints WHERE stream = $1', [stream]);
    });
  }

  eventsAfterCursor(cursor: string, stream: string, limit: number): Promise<StoredEvent[]> {
    return readEvents(this.pool, cursor, stream, limit);
  }

  /** As {@link BridgeStore.saveCursor}; with `fence`, refused once that lease is stale. */
  async saveCursor(cursor: string, seq: number, fence?: coordination.Lease): Promise<void> {
    if (!fence) return saveCursor(this.pool, cursor, seq);
    await inTransaction(this.pool, async (c) => {
      await coordination.checkFence(c, fence);
      await saveCursor(c, cursor, seq);
    });
  }

  // --- QA interactions ---

  async getInteractions(keys: string[]): Promise<Map<string, InteractionRow>> {
    const out = new Map<string, InteractionRow>();
    if (keys.length === 0) return out;
    const r = await this.pool.query<InteractionDbRow>(
      `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE key = ANY($1::text[])`,
      [keys],
    );
    for (const row of r.rows) out.set(row.key, toRow(row));
    return out;
  }

  /** As {@link BridgeStore.saveAssembly} (rows in a batch or delivered are left as they are); fenced with `fence`. */
  async saveAssembly(
    rows: InteractionRow[],
    cursor: string,
    seq: number,
    deadLetters: NewDeadLetter[] = [],
    fence?: coordination.Lease,
  ): Promise<void> {
    const now = Date.now();
    await inTransaction(this.pool, async (c) => {
      if (fence) await coordination.checkFence(c, fence);
      await upsertInteractions(c, rows, true);
      await insertLetters(c, deadLetters, now);
      await saveCursor(c, cursor, seq);
    });
  }

  async interactionsInState(
    state: InteractionState,
    limit: number,
    now = Date.now(),
  ): Promise<InteractionRow[]> {
    const r = await this.pool.query<InteractionDbRow>(
      `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE state = $1 AND retry_at <= $2
       ORDER BY first_seen_at, key LIMIT $3`,
      [state, now, limit],
    );
    return r.rows.map(toRow);
  }

  async staleAssembling(before: number, limit: number): Promise<InteractionRow[]> {
    const r = await this.pool.query<InteractionDbRow>(
      `SELECT ${INTERACTION_COLUMNS} FROM interactions WHERE state = 'assembling' AND first_seen_at < $1
       ORDER BY first_seen_at, key LIMIT $2`,
      [before, limit],
    );
    return r.rows.map(toRow);
  }

  /**
   * As {@link BridgeStore.saveInteractions}, except that a stored row in a batch (`sending`,
   * `submitted`) or `delivered` is left as it is: another worker claimed or delivered it after this
   * one read it, and only the batch methods move such rows.
   */
  async saveInteractions(rows: InteractionRow[]): Promise<void> {
    if (rows.length === 0) return;
    await inTransaction(this.pool, (c) => upsertInteractions(c, rows, true));
  }

  // --- Late updates (see late.ts) ---

  addLateEvents(events: LateEvent[]): Promise<void> {
    return late.addLateEvents(this.pool, events);
  }
  saveLateBases(bases: LateBase[]): Promise<void> {
    return late.saveLateBases(this.pool, bases);
  }
  pendingLateUpdates(limit: number, now = Date.now()): Promise<PendingLateUpdate[]> {
    return late.pendingLateUpdates(this.pool, limit, now);
  }
  finishLateUpdate(outcome: LateUpdateOutcome): Promise<void> {
    return late.finishLateUpdate(this.pool, outcome);
  }
  deferLateUpdate(key: string, attempts: number, retryAt: number, lastError: string): Promise<void> {
    return late.deferLateUpdate(this.pool, key, attempts, retryAt, lastError);
  }
  lateUpdateCounts(): Promise<LateUpdateCounts> {
    return late.lateUpdateCounts(this.pool);
  }

  // --- QA bulk batches (see batches.ts) ---

  claimBatch(batchId: string, limit: number, now: number): Promise<InteractionRow[]> {
    return this.batches.claim(batchId, limit, now);
  }
  batchSubmitted(batchId: string, jobId: string, keys: string[]): Promise<void> {
    return this.batches.submitted(batchId, jobId, keys);
  }
  closeDeliveredBatch(...args: Parameters<BridgeStore['closeDeliveredBatch']>): Promise<void> {
    return this.batches.closeDelivered(...args);
  }
  closeBatch(batchId: string, rows: InteractionRow[], deadLetters: NewDeadLetter[] = []): Promise<void> {
    return this.batches.close(batchId, rows, deadLetters);
  }
  /**
   * This worker's open batches, oldest first, after adopting those of workers whose heartbeat is older
   * than `leaseMs` (each orphan goes to exactly one adopter).
   */
  openBatches(): Promise<BatchRow[]> {
    return this.batches.open();
  }

  // --- Dead letters ---

  async deadLetter(letter: NewDeadLetter, row?: InteractionRow): Promise<void> {
    const now = Date.now();
    await inTransaction(this.pool, async (c) => {
      await insertLetters(c, [letter], now);
      if (row)
        await upsertInteractions(
          c,
          [{ ...row, state: 'dead', lastError: letter.reason, updatedAt: now }],
          true,
        );
    });
  }

  async listDeadLetters(limit = 1000): Promise<DeadLetter[]> {
    const r = await this.pool.query<DeadLetterDbRow>(
      `SELECT ${DEAD_COLUMNS} FROM dead_letters ORDER BY id LIMIT $1`,
      [limit],
    );
    return r.rows.map(toDeadLetter);
  }

  retryDeadLetter(id: number): Promise<boolean> {
    return retryDeadLetter(this.pool, id);
  }

  async dropDeadLetter(id: number): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM dead_letters WHERE id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }

  // --- Notes and WFM state ---

  getIntegrationId(): Promise<string | undefined> {
    return this.meta(META.integrationId);
  }
  async setIntegrationId(id: string): Promise<void> {
    await setMeta(this.pool, META.integrationId, id);
  }
  async getLastError(kind?: string): Promise<SavedError | undefined> {
    return metaNotes.parseLastError(await this.meta(META.lastError(kind)));
  }
  async setLastError(error: SavedError, kind?: string): Promise<void> {
    await setMeta(this.pool, META.lastError(kind), metaNotes.lastErrorText(error));
  }
  async getUserMap(source: string): Promise<SavedUserMap | undefined> {
    return metaNotes.parseUserMap(await this.meta(META.userMap(source)));
  }
  async saveUserMap(source: string, map: SavedUserMap): Promise<void> {
    await setMeta(this.pool, META.userMap(source), metaNotes.userMapText(map));
  }
  getWebhookId(): Promise<string | undefined> {
    return this.meta(META.webhookId);
  }
  async setWebhookId(id: string): Promise<void> {
    await setMeta(this.pool, META.webhookId, id);
  }
  async getWfmMemory(): Promise<WfmMemory> {
    const [openCalls, openConversations] = await Promise.all([
      this.meta(META.openCalls),
      this.meta(META.openConversations),
    ]);
    return metaNotes.parseWfmMemory(openCalls, openConversations);
  }

  /** As {@link BridgeStore.finishWfmRound}; with `fence`, refused once that lease is stale. */
  async finishWfmRound(round: WfmRound, fence?: coordination.Lease): Promise<void> {
    const now = Date.now();
    await inTransaction(this.pool, async (c) => {
      if (fence) await coordination.checkFence(c, fence);
      await insertLetters(c, round.deadLetters, now);
      if (round.memory?.openCalls) await setMeta(c, META.openCalls, JSON.stringify(round.memory.openCalls));
      if (round.memory?.openConversations)
        await setMeta(c, META.openConversations, JSON.stringify(round.memory.openConversations));
      await saveCursor(c, round.cursor, round.seq);
    });
  }

  // --- Housekeeping ---

  counts(): Promise<StoreCounts> {
    return countAll(this.pool);
  }

  queueCounts(): Promise<QueueCounts> {
    return countQueue(this.pool);
  }

  async pruneEvents(before: number): Promise<number> {
    const r = await this.pool.query(
      'DELETE FROM events WHERE received_at < $1 AND seq <= (SELECT COALESCE(MIN(seq), 0) FROM cursors)',
      [before],
    );
    return r.rowCount ?? 0;
  }

  /** Stops the heartbeat, leaves the worker registry (its batches can be adopted at once) and ends the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await coordination.deregister(this.pool, this.worker).catch(() => {});
    await this.pool.end();
  }

  private beat(): Promise<void> {
    return coordination.heartbeat(this.pool, this.worker, hostname(), process.pid);
  }

  private async meta(name: string): Promise<string | undefined> {
    const r = await this.pool.query<{ value: string }>('SELECT value FROM meta WHERE name = $1', [name]);
    return r.rows[0]?.value;
  }
}
