import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { parseEventLetterKey } from './letters.js';
import {
  type BatchDbRow,
  type DeadLetterDbRow,
  type InteractionDbRow,
  META,
  metaNotes,
  retriedRow,
  toBatchRow,
  toDeadLetter,
  toParams,
  toRow,
  zeroQueueCounts,
  zeroStateCounts,
} from './rows.js';
import { SqliteEventLog } from './sqlite-events.js';
import { SqliteLateUpdates } from './sqlite-late.js';
import { currentOwner, RunLock, readOwner, StoreLockedError, StoreMissingError } from './sqlite-lock.js';
import { DEFAULT_PRUNE_EVERY_MS, type PruneResult, pruneSqlite } from './sqlite-retention.js';
import {
  BODY_PARAMS,
  migrateInteractionBodies,
  prepareStatements,
  SCHEMA,
  STATE_PARAMS,
  type Statements,
} from './sqlite-sql.js';
import { WalSync } from './sqlite-wal-sync.js';
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
  QueuedState,
  SavedError,
  SavedUserMap,
  StoreCounts,
  StoredEvent,
  WfmMemory,
  WfmRound,
} from './types.js';

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** File path, or `:memory:`. */
  path: string;
  /**
   * `batch` (default): every commit survives a process crash; the commit that opens a batch — the one
   * that must reach the disk before a bulk request goes out — also survives power loss, and flushes
   * every commit before it. `full`: every commit survives power loss (slower). `normal`: none is
   * forced to disk (fastest; exactly once then holds across process crashes, not power loss).
   */
  synchronous?: 'batch' | 'full' | 'normal';
  /**
   * Take the run lock (`voxbridge run`): a second process asking for it gets a {@link StoreLockedError}
   * naming the holder. Readers (`status`, `dlq`, the dashboard) leave it false.
   */
  lock?: boolean;
  /** Refuse a file that does not exist ({@link StoreMissingError}) instead of creating an empty store. */
  mustExist?: boolean;
  /**
   * Delete delivered interactions and processed events older than this (`store.retention`), at open
   * and every `pruneEveryMs`; dead letters stay until dropped. Absent: nothing is pruned.
   */
  retentionMs?: number;
  /** How often retention runs (default hourly). */
  pruneEveryMs?: number;
}

/**
 * The embedded SQLite implementation of {@link BridgeStore}. better-sqlite3 is synchronous: each method
 * runs its statements in one synchronous transaction (nothing else can interleave inside it) and
 * answers with a settled Promise, which is what the interface asks of every implementation.
 */
export class SqliteStore implements BridgeStore {
  private readonly db: Database.Database;
  private readonly synchronous: 'batch' | 'full' | 'normal';
  private readonly stmt: Statements;
  private readonly runLock: RunLock | undefined;
  private readonly pruneTimer: NodeJS.Timeout | undefined;
  private readonly late: SqliteLateUpdates;
  private readonly eventLog: SqliteEventLog;
  /** Syncs the WAL after the claim commit (`batch` mode on a file). */
  private readonly walSync: WalSync | undefined;
  /** True when this open created the file (`run` says where it put a new store). */
  readonly created: boolean;

  constructor(options: SqliteStoreOptions) {
    const file = options.path !== ':memory:';
    this.created = file && !existsSync(options.path);
    if (this.created && options.mustExist) throw new StoreMissingError(options.path);
    if (file) mkdirSync(dirname(options.path), { recursive: true });
    this.runLock = options.lock && file ? RunLock.tryAcquire(options.path) : undefined;
    if (options.lock && file && !this.runLock)
      throw new StoreLockedError(options.path, readOwner(options.path, META.runOwner));
    try {
      this.db = new Database(options.path);
    } catch (error) {
      this.runLock?.release();
      throw error;
    }
    // A new file gives free pages back to the disk when asked (`incremental_vacuum` at prune and at the
    // worker's close): a backlog's working rows are large until delivery, and without this the file
    // would keep the size of the largest backlog it ever held. A file from before keeps its mode.
    if (this.created || !file) this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.pragma('journal_mode = WAL');
    this.synchronous = options.synchronous ?? 'batch';
    this.walSync = this.synchronous === 'batch' && file ? new WalSync(`${options.path}-wal`) : undefined;
    this.db.pragma(`synchronous = ${this.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    migrateInteractionBodies(this.db);
    this.eventLog = new SqliteEventLog(this.db);
    this.stmt = prepareStatements(this.db);
    this.late = new SqliteLateUpdates(this.db, (letters, now) => this.insertLetters(letters, now));
    if (this.runLock) this.stmt.setMeta.run(META.runOwner, JSON.stringify(currentOwner()));
    const retentionMs = options.retentionMs;
    if (retentionMs !== undefined) {
      this.prune(Date.now() - retentionMs);
      this.pruneTimer = setInterval(
        () => this.db.open && this.prune(Date.now() - retentionMs),
        options.pruneEveryMs ?? DEFAULT_PRUNE_EVERY_MS,
      );
      this.pruneTimer.unref();
    }
  }

  /**
   * Deletes what `store.retention` no longer keeps: delivered interactions delivered before `before`,
   * and events received before it that every consumer has passed. Dead letters (and the interactions
   * they name) stay until dropped; freed pages are reused, so the file stops growing.
   */
  prune(before: number): PruneResult {
    const result = pruneSqlite(this.db, before, this.eventLog);
    this.giveBackFreePages();
    return result;
  }

  async appendEvents(
    stream: string,
    events: EventInput[],
    token?: string,
  ): Promise<{ inserted: number; duplicates: number }> {
    const now = Date.now();
    const { inserted, fresh } = this.db.transaction(() => {
      const appended = this.eventLog.append(stream, events, now);
      if (token !== undefined) this.stmt.saveCheckpoint.run(stream, token, now);
      return appended;
    })();
    this.eventLog.remember(stream, fresh);
    return { inserted, duplicates: events.length - inserted };
  }

  async saveCursor(cursor: string, seq: number): Promise<void> {
    this.stmt.saveCursor.run(cursor, seq);
  }

  async getCheckpoint(stream: string): Promise<Checkpoint | undefined> {
    const row = this.stmt.getCheckpoint.get(stream) as { token: string; updated_at: number } | undefined;
    return row ? { token: row.token, updatedAt: row.updated_at } : undefined;
  }

  async clearCheckpoint(stream: string): Promise<void> {
    this.stmt.clearCheckpoint.run(stream);
  }

  async eventsAfterCursor(cursor: string, stream: string, limit: number): Promise<StoredEvent[]> {
    const position = (this.stmt.getCursor.get(cursor) as { seq: number } | undefined)?.seq ?? 0;
    return this.eventLog.readAfter(stream, position, limit);
  }

  async getInteractions(keys: string[]): Promise<Map<string, InteractionRow>> {
    const out = new Map<string, InteractionRow>();
    if (keys.length === 0) return out;
    // One set-based read for the whole batch, not a SELECT per key.
    for (const row of this.stmt.getInteractionSet.all(JSON.stringify(keys)) as InteractionDbRow[])
      out.set(row.key, toRow(row));
    return out;
  }

  async saveAssembly(
    rows: InteractionRow[],
    cursor: string,
    seq: number,
    deadLetters: NewDeadLetter[] = [],
  ): Promise<void> {
    this.db.transaction(() => {
      this.writeRows(rows, deadLetters, Date.now());
      this.stmt.saveCursor.run(cursor, seq);
    })();
  }

  async interactionsInState(
    state: InteractionState,
    limit: number,
    now = Date.now(),
  ): Promise<InteractionRow[]> {
    return (this.stmt.inState.all(state, now, limit) as InteractionDbRow[]).map(toRow);
  }

  async staleAssembling(before: number, limit: number): Promise<InteractionRow[]> {
    return (this.stmt.staleAssembling.all(before, limit) as InteractionDbRow[]).map(toRow);
  }

  async saveInteractions(rows: InteractionRow[]): Promise<void> {
    this.db.transaction(() => {
      for (const row of rows) this.writeRow(row);
    })();
  }

  async addLateEvents(events: LateEvent[]): Promise<void> {
    this.late.add(events);
  }

  async saveLateBases(bases: LateBase[]): Promise<void> {
    this.late.saveBases(bases);
  }

  async pendingLateUpdates(limit: number, now = Date.now()): Promise<PendingLateUpdate[]> {
    return this.late.pending(limit, now);
  }

  async finishLateUpdate(outcome: LateUpdateOutcome): Promise<void> {
    this.late.finish(outcome);
  }

  async deferLateUpdate(key: string, attempts: number, retryAt: number, lastError: string): Promise<void> {
    this.late.defer(key, attempts, retryAt, lastError);
  }

  async lateUpdateCounts(): Promise<LateUpdateCounts> {
    return this.late.counts();
  }

  async claimBatch(batchId: string, limit: number, now: number): Promise<InteractionRow[]> {
    // Exactly-once commit point: this is the one commit that must be on disk before the bulk request
    // leaves (in `batch` mode the WAL is synced after it, with every NORMAL commit before it; see
    // WalSync). Were it lost to a power cut, the restart would find the rows still `mapped` and send them
    // again under a new batch, while Playvox already holds them. Every other commit may be lost to a
    // power cut without harm: events are read again from the older checkpoint (deduplicated by event id),
    // assembly and mapping are redone from the events, and a batch whose `submitted`/`delivered` commit
    // is lost is still open, so the next start reconciles it with Playvox (job, or lookup by interaction
    // id) instead of sending it again. A failed sync fails the claim: the batch stays open, unsent, and
    // is reconciled like any other.
    const rows = this.db.transaction(() => {
      const rows = (this.stmt.inState.all('mapped', now, limit) as InteractionDbRow[]).map(toRow);
      if (rows.length === 0) return rows;
      const keys = JSON.stringify(rows.map((r) => r.key));
      this.stmt.insertBatch.run(batchId, keys, now);
      this.stmt.markSending.run(batchId, now, keys);
      return rows.map((row): InteractionRow => ({ ...row, state: 'sending', batchId, updatedAt: now }));
    })();
    if (rows.length > 0) await this.walSync?.flush();
    return rows;
  }

  async batchSubmitted(batchId: string, jobId: string, keys: string[]): Promise<void> {
    this.db.transaction(() => {
      this.stmt.batchSubmitted.run(jobId, batchId);
      this.stmt.markSubmitted.run(jobId, JSON.stringify(keys));
    })();
  }

  async closeDeliveredBatch(
    batchId: string,
    delivered: Array<{ key: string; playvoxId: string }>,
    others: InteractionRow[],
    deadLetters: NewDeadLetter[],
    now: number,
  ): Promise<void> {
    this.db.transaction(() => {
      for (const d of delivered) {
        this.stmt.markDelivered.run(now, d.playvoxId, now, d.key);
        this.stmt.deleteBody.run(d.key);
      }
      this.writeRows(others, deadLetters, now);
      this.stmt.deleteBatch.run(batchId);
    })();
  }

  async closeBatch(
    batchId: string,
    rows: InteractionRow[],
    deadLetters: NewDeadLetter[] = [],
  ): Promise<void> {
    this.db.transaction(() => {
      this.writeRows(rows, deadLetters, Date.now());
      this.stmt.deleteBatch.run(batchId);
    })();
  }

  async openBatches(): Promise<BatchRow[]> {
    return (this.stmt.openBatches.all() as BatchDbRow[]).map(toBatchRow);
  }

  async deadLetter(letter: NewDeadLetter, row?: InteractionRow): Promise<void> {
    const now = Date.now();
    this.db.transaction(() => {
      this.insertLetters([letter], now);
      if (row) this.writeRow({ ...row, state: 'dead', lastError: letter.reason, updatedAt: now });
    })();
  }

  async listDeadLetters(limit = 1000): Promise<DeadLetter[]> {
    return (this.stmt.listDead.all(limit) as DeadLetterDbRow[]).map(toDeadLetter);
  }

  async retryDeadLetter(id: number): Promise<boolean> {
    return this.db.transaction(() => {
      const letter = this.stmt.getDead.get(id) as DeadLetterDbRow | undefined;
      if (!letter?.key) return false; // nothing names what to re-drive: the letter stays until dropped
      const event = parseEventLetterKey(letter.key);
      if (event) {
        // A WFM event: put it back on its stream under a new row (its id is already taken by the
        // original, which dedup keeps); the consumer sends it again with its own event id.
        if (letter.payload === null) return false;
        this.stmt.insertEvent.run(`${event.eventId}#retry-${id}`, event.stream, Date.now(), letter.payload);
      } else {
        const row = this.stmt.getInteraction.get(letter.key) as InteractionDbRow | undefined;
        if (row?.state !== 'dead') return false;
        this.writeRow(retriedRow(toRow(row), Date.now()));
      }
      this.stmt.deleteDead.run(id);
      return true;
    })();
  }

  async dropDeadLetter(id: number): Promise<boolean> {
    return this.stmt.deleteDead.run(id).changes > 0;
  }

  async getIntegrationId(): Promise<string | undefined> {
    return this.meta(META.integrationId);
  }

  async setIntegrationId(id: string): Promise<void> {
    this.stmt.setMeta.run(META.integrationId, id);
  }

  async getLastError(kind?: string): Promise<SavedError | undefined> {
    return metaNotes.parseLastError(this.meta(META.lastError(kind)));
  }

  async setLastError(error: SavedError, kind?: string): Promise<void> {
    this.stmt.setMeta.run(META.lastError(kind), metaNotes.lastErrorText(error));
  }

  async getUserMap(source: string): Promise<SavedUserMap | undefined> {
    return metaNotes.parseUserMap(this.meta(META.userMap(source)));
  }

  async saveUserMap(source: string, map: SavedUserMap): Promise<void> {
    this.stmt.setMeta.run(META.userMap(source), metaNotes.userMapText(map));
  }

  async getWebhookId(): Promise<string | undefined> {
    return this.meta(META.webhookId);
  }

  async setWebhookId(id: string): Promise<void> {
    this.stmt.setMeta.run(META.webhookId, id);
  }

  async getWfmMemory(): Promise<WfmMemory> {
    return metaNotes.parseWfmMemory(this.meta(META.openCalls), this.meta(META.openConversations));
  }

  async finishWfmRound(round: WfmRound): Promise<void> {
    const now = Date.now();
    this.db.transaction(() => {
      this.insertLetters(round.deadLetters, now);
      if (round.memory?.openCalls)
        this.stmt.setMeta.run(META.openCalls, JSON.stringify(round.memory.openCalls));
      if (round.memory?.openConversations)
        this.stmt.setMeta.run(META.openConversations, JSON.stringify(round.memory.openConversations));
      this.stmt.saveCursor.run(round.cursor, round.seq);
    })();
  }

  async counts(): Promise<StoreCounts> {
    const interactions = zeroStateCounts();
    for (const row of this.stmt.countStates.all() as Array<{ state: InteractionState; n: number }>)
      interactions[row.state] = row.n;
    return {
      events: (this.stmt.countEvents.get() as { n: number }).n,
      interactions,
      deadLetters: (this.stmt.countDead.get() as { n: number }).n,
    };
  }

  async queueCounts(): Promise<QueueCounts> {
    const queued = zeroQueueCounts();
    for (const row of this.stmt.countQueued.all() as Array<{ state: QueuedState; n: number }>)
      queued[row.state] = row.n;
    return { queued, deadLetters: (this.stmt.countDead.get() as { n: number }).n };
  }

  async pruneEvents(before: number): Promise<number> {
    return this.eventLog.pruneBefore(before);
  }

  async close(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.walSync?.close();
    if (this.db.open) {
      if (this.runLock) {
        this.stmt.deleteMeta.run(META.runOwner);
        this.giveBackFreePages();
      }
      this.db.close();
    }
    this.runLock?.release();
  }

  /**
   * Truncates the file's free pages (stores created with `auto_vacuum = INCREMENTAL`; others keep them
   * for reuse). Only the worker (the run lock's holder) and retention call it: it takes the write lock.
   */
  private giveBackFreePages(): void {
    if (this.db.pragma('auto_vacuum', { simple: true }) === 2) this.db.pragma('incremental_vacuum');
  }

  private meta(name: string): string | undefined {
    return (this.stmt.getMeta.get(name) as { value: string } | undefined)?.value;
  }

  /** Writes interaction rows and dead letters (inside the caller's transaction). */
  private writeRows(rows: InteractionRow[], letters: NewDeadLetter[], now: number): void {
    for (const row of rows) this.writeRow(row);
    this.insertLetters(letters, now);
  }

  /** Writes an interaction's state row and its body (none once delivered), inside the caller's transaction. */
  private writeRow(row: InteractionRow): void {
    const p = toParams(row);
    this.stmt.upsertInteraction.run(STATE_PARAMS.map((i) => p[i]));
    if (row.state === 'delivered') this.stmt.deleteBody.run(row.key);
    else this.stmt.upsertBody.run(BODY_PARAMS.map((i) => p[i]));
  }

  private insertLetters(letters: NewDeadLetter[], now: number): void {
    for (const l of letters)
      this.stmt.insertDead.run(l.key ?? null, l.stage, l.reason, JSON.stringify(l.payload ?? null), now);
  }
}
