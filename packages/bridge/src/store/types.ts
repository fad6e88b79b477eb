/** The interaction types the QA pipeline carries. */
export type InteractionType = 'VOICE' | 'SMS' | 'EMAIL';

/**
 * Where an interaction is in the pipeline:
 * `assembling` (voice, waiting for more events) → `ready` (complete; to enrich and map) → `mapped`
 * (payload built; to deliver) → `sending` (in a bulk request whose answer is not recorded yet) →
 * `submitted` (job id known) → `delivered`; or `dead` (in the dead-letter store).
 */
export type InteractionState =
  | 'assembling'
  | 'ready'
  | 'mapped'
  | 'sending'
  | 'submitted'
  | 'delivered'
  | 'dead';

/** A feed event as stored, with its position in the store. */
export interface StoredEvent {
  seq: number;
  eventId: string;
  stream: string;
  receivedAt: number;
  payload: Record<string, unknown>;
}

/** A new event for {@link BridgeStore.appendEvents}. */
export interface EventInput {
  eventId: string;
  payload: Record<string, unknown>;
}

/** The item sent to Playvox for one interaction. */
export interface DeliveryPayload {
  interaction_id: string;
  assignee_id: string;
  metadata: Record<string, unknown>;
  comments: Array<{ body: string; type: string; author_id: string; added_at?: string }>;
}

/** One interaction as the store keeps it. */
export interface InteractionRow {
  /** Stable key derived from the source ids (`VOICE:<sessionId>:<transactionId>`). */
  key: string;
  type: InteractionType;
  state: InteractionState;
  /** The `interaction_id` sent to Playvox. */
  interactionId: string;
  /** The source events joined so far, in arrival order. */
  events: Array<Record<string, unknown>>;
  /** Epoch ms of the first event's arrival (the start of end-to-end latency). */
  firstSeenAt: number;
  /** Epoch ms of the last change. */
  updatedAt: number;
  /** Epoch ms at which the event that completed the interaction reached the bridge (latency starts here). */
  readyAt?: number;
  /** The assembled (and enriched) record the mapping reads. */
  record?: Record<string, unknown>;
  payload?: DeliveryPayload;
  batchId?: string;
  jobId?: string;
  attempts: number;
  /** Epoch ms before which the row is not picked again (backoff). */
  retryAt: number;
  playvoxId?: string;
  lastError?: string;
  deliveredAt?: number;
}

/** A bulk request in flight or waiting for its job. */
export interface BatchRow {
  batchId: string;
  state: 'sending' | 'submitted';
  jobId?: string;
  keys: string[];
  createdAt: number;
}

/** A record the pipeline could not process, with the reason. */
export interface DeadLetter {
  id: number;
  /** The interaction key, or undefined for an event that never became an interaction. */
  key?: string;
  stage: 'source' | 'assemble' | 'enrich' | 'map' | 'deliver';
  reason: string;
  payload: unknown;
  createdAt: number;
}

/** Counts for `voxbridge status`. */
export interface StoreCounts {
  events: number;
  interactions: Record<InteractionState, number>;
  deadLetters: number;
}

/**
 * The bridge's durable state behind one interface. The SQLite implementation is embedded; the SQL
 * stays portable (no SQLite-only syntax) so that a PostgreSQL store for several bridge processes can
 * implement the same interface.
 */
export interface BridgeStore {
  /**
   * Stores new events (ignoring eventIds already stored) and the feed token covering them, atomically.
   * Without a token (a webhook delivery), the stream's checkpoint is left as it is.
   */
  appendEvents(
    stream: string,
    events: EventInput[],
    token?: string,
  ): { inserted: number; duplicates: number };
  /** Moves a consumer's cursor (a stage that read events with {@link eventsAfterCursor} and finished them). */
  saveCursor(cursor: string, seq: number): void;
  /** The saved feed position of a stream. */
  getCheckpoint(stream: string): { token: string; updatedAt: number } | undefined;
  /** Forgets a stream's token (an expired token restarts the feed from now). */
  clearCheckpoint(stream: string): void;
  /** Events of `stream` after a cursor's position, oldest first (each stream has its own consumers). */
  eventsAfterCursor(cursor: string, stream: string, limit: number): StoredEvent[];
  /** Interactions by key (missing keys are absent from the map). */
  getInteractions(keys: string[]): Map<string, InteractionRow>;
  /** Writes rows (and dead letters) and moves a cursor, atomically (the assembler's unit of work). */
  saveAssembly(
    rows: InteractionRow[],
    cursor: string,
    seq: number,
    deadLetters?: Array<Omit<DeadLetter, 'id' | 'createdAt'>>,
  ): void;
  /** Rows in a state whose `retryAt` has passed, oldest first. */
  interactionsInState(state: InteractionState, limit: number, now?: number): InteractionRow[];
  /** Rows in `assembling` whose first event arrived before `before`. */
  staleAssembling(before: number, limit: number): InteractionRow[];
  /** Writes rows (any fields), atomically. */
  saveInteractions(rows: InteractionRow[]): void;
  /** Marks rows `sending` under a new batch, atomically: from here a crash leaves a batch to reconcile. */
  openBatch(batchId: string, keys: string[], now: number): void;
  /** Records the job id of a batch whose request was accepted (and marks its rows `submitted`). */
  batchSubmitted(batchId: string, jobId: string, keys: string[]): void;
  /**
   * Closes a batch whose job finished: the created rows become `delivered` (a light update, without
   * reading them back), the other rows are written as given, with their dead letters; atomically.
   */
  closeDeliveredBatch(
    batchId: string,
    delivered: Array<{ key: string; playvoxId: string }>,
    others: InteractionRow[],
    deadLetters: Array<Omit<DeadLetter, 'id' | 'createdAt'>>,
    now: number,
  ): void;
  /** Removes a batch and writes its rows' outcomes and dead letters, atomically. */
  closeBatch(
    batchId: string,
    rows: InteractionRow[],
    deadLetters?: Array<Omit<DeadLetter, 'id' | 'createdAt'>>,
  ): void;
  /** Batches not closed yet. */
  openBatches(): BatchRow[];
  /** Moves a row to the dead-letter store with the reason, atomically. */
  deadLetter(letter: Omit<DeadLetter, 'id' | 'createdAt'>, row?: InteractionRow): void;
  listDeadLetters(limit?: number): DeadLetter[];
  /**
   * Takes a dead letter out and re-drives it: a QA interaction goes back to `ready`, a WFM event back
   * onto its stream. False (and the letter stays) when it is not there or names nothing to re-drive.
   */
  retryDeadLetter(id: number): boolean;
  /** Deletes a dead letter for good; false if it is not there. */
  dropDeadLetter(id: number): boolean;
  counts(): StoreCounts;
  /** Small named values (integration id, last error). */
  getMeta(name: string): string | undefined;
  setMeta(name: string, value: string): void;
  /** Deletes processed events stored before `before` (the dedup window is 24 h). */
  pruneEvents(before: number): number;
  close(): void;
}
