import type { QUEUED_STATES } from './rows.js';

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

/**
 * A feed event that arrived after its interaction left assembly (a disposition after the voice grace
 * period, for example): kept until the delivered interaction is updated in place with it.
 */
export interface LateEvent extends Pick<StoredEvent, 'seq' | 'payload'> {
  /** The interaction it belongs to. (Its `seq` also makes a repeated write of it harmless.) */
  key: string;
}

/**
 * What an in-place update is rebuilt from: the record the interaction was last sent with (enriched and
 * unmasked) and the source events it was assembled from, so the update is mapped from the whole
 * record, exactly as a delivery is.
 */
export interface LateBase {
  key: string;
  record: Record<string, unknown>;
  events: Array<Record<string, unknown>>;
  /** True when the record holds late events only (the interaction was delivered complete, nothing kept). */
  partial?: boolean;
}

/** A delivered interaction with late events to send to Playvox as an update. */
export interface PendingLateUpdate {
  /** The interaction (`delivered`, with its `playvoxId`). */
  row: InteractionRow;
  /** Absent when the interaction was delivered complete (no base was kept): the update is partial. */
  base?: LateBase;
  /** Its late events not yet sent, oldest first. */
  events: LateEvent[];
  /** Failed tries of this update so far. */
  attempts: number;
}

/** How one late update ended, written by {@link BridgeStore.finishLateUpdate} atomically. */
export interface LateUpdateOutcome {
  key: string;
  /** The late events up to this seq are settled (removed). */
  throughSeq: number;
  /** The record and events the next late event builds on. */
  base?: LateBase;
  /** True when Playvox took the update (counted in `applied`). */
  applied: boolean;
  /** Stored when the update cannot be applied (refused for good). */
  deadLetter?: NewDeadLetter;
}

/** Late updates, for `voxbridge status`. */
export interface LateUpdateCounts {
  /** Updates Playvox took, since the store was created. */
  applied: number;
  /** Interactions with late events not sent yet (waiting for their delivery, or retrying). */
  pending: number;
}

/** The states of an interaction on its way to Playvox, not yet delivered or dead (`QUEUED_STATES`). */
export type QueuedState = (typeof QUEUED_STATES)[number];

/**
 * What the gauges read every second: the interactions on their way, by state, and the dead letters. It
 * reads only those rows, so its cost does not grow with the delivered history (see {@link StoreCounts}).
 */
export interface QueueCounts {
  queued: Record<QueuedState, number>;
  deadLetters: number;
}

/** Counts for `voxbridge status`. */
export interface StoreCounts {
  events: number;
  interactions: Record<InteractionState, number>;
  deadLetters: number;
}

/** A dead letter before the store gives it an id and a time. */
export type NewDeadLetter = Omit<DeadLetter, 'id' | 'createdAt'>;

/** A stream's saved feed position. */
export interface Checkpoint {
  token: string;
  /** Epoch ms of the save. */
  updatedAt: number;
}

/** The last error a pipeline noted, for `voxbridge status` and the dashboard of another process. */
export interface SavedError {
  /** ISO date-time. */
  at: string;
  message: string;
  /** The service it concerns (`playvox-qa`, `livevox`, …), when it concerns one. */
  destination?: string;
}

/** The WFM user an agent of a source is (what a user sync matched). */
export interface MappedUser {
  email: string;
  wfmUserId: number;
}

/** A source's agent → WFM user map as the last user sync left it. */
export interface SavedUserMap {
  /** Epoch ms of the sync. */
  at: number;
  users: Record<string, MappedUser>;
}

/** A LiveVox call an agent is on or wrapping up (its contact is closed when the agent leaves it). */
export interface OpenCall {
  contactId: string;
  serviceId: string;
  startMs: number;
  direction: 'inbound' | 'outbound' | undefined;
}

/**
 * What the WFM translators remember between events: LiveVox calls per agent id, Gladly conversations
 * (id → ISO creation time) whose close needs their start.
 */
export interface WfmMemory {
  openCalls: Record<string, OpenCall>;
  openConversations: Record<string, string>;
}

/** The end of one WFM consumer round, written by {@link BridgeStore.finishWfmRound} atomically. */
export interface WfmRound {
  /** The consumer's cursor and the last stored event it finished. */
  cursor: string;
  seq: number;
  /** Events WFM did not take, with the reason. */
  deadLetters: NewDeadLetter[];
  /** Translator memory to save with the cursor (the parts left out stay as they are). */
  memory?: Partial<WfmMemory>;
}

/**
 * The bridge's durable state behind one Promise-returning interface, for both pipelines. The SQLite
 * implementation is embedded; a networked store (PostgreSQL, several bridge processes) implements the
 * same methods. Every method that changes several things does so atomically, so no caller relies on
 * reading and then writing in between: the store is the unit of consistency.
 */
export interface BridgeStore {
  // --- Events and checkpoints (the sources' side) ---

  /**
   * Stores new events (ignoring eventIds already stored) and the feed token covering them, atomically.
   * Without a token (a webhook delivery), the stream's checkpoint is left as it is.
   */
  appendEvents(
    stream: string,
    events: EventInput[],
    token?: string,
  ): Promise<{ inserted: number; duplicates: number }>;
  /** The saved feed position of a stream. */
  getCheckpoint(stream: string): Promise<Checkpoint | undefined>;
  /** Forgets a stream's token (an expired token restarts the feed from now). */
  clearCheckpoint(stream: string): Promise<void>;
  /** Events of `stream` after a cursor's position, oldest first (each stream has its own consumers). */
  eventsAfterCursor(cursor: string, stream: string, limit: number): Promise<StoredEvent[]>;
  /** Moves a consumer's cursor (a stage that read events with {@link eventsAfterCursor} and finished them). */
  saveCursor(cursor: string, seq: number): Promise<void>;

  // --- QA interactions ---

  /** Interactions by key (missing keys are absent from the map). */
  getInteractions(keys: string[]): Promise<Map<string, InteractionRow>>;
  /** Writes rows (and dead letters) and moves a cursor, atomically (the assembler's unit of work). */
  saveAssembly(
    rows: InteractionRow[],
    cursor: string,
    seq: number,
    deadLetters?: NewDeadLetter[],
  ): Promise<void>;
  /** Rows in a state whose `retryAt` has passed (at `now`, default the current time), oldest first. */
  interactionsInState(state: InteractionState, limit: number, now?: number): Promise<InteractionRow[]>;
  /** Rows in `assembling` whose first event arrived before `before`. */
  staleAssembling(before: number, limit: number): Promise<InteractionRow[]>;
  /** Writes rows (any fields), atomically. */
  saveInteractions(rows: InteractionRow[]): Promise<void>;

  // --- Late updates (events that arrive after their interaction left assembly) ---

  /** Stores late events; a seq already stored is ignored (the assembler may repeat a pass after a crash). */
  addLateEvents(events: LateEvent[]): Promise<void>;
  /** Keeps what interactions delivered incomplete (a voice call released without its disposition) build on. */
  saveLateBases(bases: LateBase[]): Promise<void>;
  /**
   * Delivered interactions (with a Playvox id) that have late events and whose retry time has passed
   * (at `now`, default the current time), oldest late event first; interactions not delivered yet wait.
   */
  pendingLateUpdates(limit: number, now?: number): Promise<PendingLateUpdate[]>;
  /** Settles a late update: removes its events through `throughSeq`, saves the base, counts it, atomically. */
  finishLateUpdate(outcome: LateUpdateOutcome): Promise<void>;
  /** Puts a late update off until `retryAt` with the reason and its failed tries so far. */
  deferLateUpdate(key: string, attempts: number, retryAt: number, lastError: string): Promise<void>;
  /** Updates applied and interactions with late events pending. */
  lateUpdateCounts(): Promise<LateUpdateCounts>;

  // --- QA bulk batches ---

  /**
   * Takes up to `limit` `mapped` rows whose retry time has passed and marks them `sending` under a new
   * batch, atomically, and returns them (empty: nothing to send, no batch). From here a crash leaves a
   * batch to reconcile. Two callers never receive the same row.
   */
  claimBatch(batchId: string, limit: number, now: number): Promise<InteractionRow[]>;
  /** Records the job id of a batch whose request was accepted (and marks its rows `submitted`). */
  batchSubmitted(batchId: string, jobId: string, keys: string[]): Promise<void>;
  /**
   * Closes a batch whose job finished: the created rows become `delivered` (a light update, without
   * reading them back), the other rows are written as given, with their dead letters; atomically.
   */
  closeDeliveredBatch(
    batchId: string,
    delivered: Array<{ key: string; playvoxId: string }>,
    others: InteractionRow[],
    deadLetters: NewDeadLetter[],
    now: number,
  ): Promise<void>;
  /** Removes a batch and writes its rows' outcomes and dead letters, atomically. */
  closeBatch(batchId: string, rows: InteractionRow[], deadLetters?: NewDeadLetter[]): Promise<void>;
  /** Batches not closed yet, oldest first. */
  openBatches(): Promise<BatchRow[]>;

  // --- Dead letters ---

  /** Stores a dead letter and, when given, writes its row as `dead` with the reason, atomically. */
  deadLetter(letter: NewDeadLetter, row?: InteractionRow): Promise<void>;
  /** The oldest dead letters, at most `limit` (default 1000). */
  listDeadLetters(limit?: number): Promise<DeadLetter[]>;
  /**
   * Takes a dead letter out and re-drives it, atomically: a QA interaction goes back to `ready`, a WFM
   * event back onto its stream. False (and the letter stays) when it is not there or names nothing to
   * re-drive.
   */
  retryDeadLetter(id: number): Promise<boolean>;
  /** Deletes a dead letter for good; false if it is not there. */
  dropDeadLetter(id: number): Promise<boolean>;

  // --- Notes of the running pipelines ---

  /** The Playvox QA integration id the QA pipeline delivers to. */
  getIntegrationId(): Promise<string | undefined>;
  /** Records the integration id (`startQaBridge` after `apply`). */
  setIntegrationId(id: string): Promise<void>;
  /**
   * The last error a pipeline noted (read by `voxbridge status` and the dashboard); with `kind`, the
   * last error of that kind (`auth`, `gap`, `store`, … — see `observability/errors.ts`), kept apart.
   */
  getLastError(kind?: string): Promise<SavedError | undefined>;
  /** Replaces the last error (of `kind`, when given). */
  setLastError(error: SavedError, kind?: string): Promise<void>;

  // --- WFM state ---

  /** A source's agent → WFM user map as the last user sync saved it. */
  getUserMap(source: string): Promise<SavedUserMap | undefined>;
  /** Replaces a source's user map. */
  saveUserMap(source: string, map: SavedUserMap): Promise<void>;
  /** The id of the Gladly webhook the bridge created. */
  getWebhookId(): Promise<string | undefined>;
  /** Records the Gladly webhook's id (created or found by its URL). */
  setWebhookId(id: string): Promise<void>;
  /** What the WFM translators remembered at the end of their last finished round. */
  getWfmMemory(): Promise<WfmMemory>;
  /** Ends a WFM consumer round: dead letters, translator memory and cursor, atomically. */
  finishWfmRound(round: WfmRound): Promise<void>;

  // --- Housekeeping ---

  /**
   * Events stored, interactions per state, dead letters. It counts every stored row (about 60 ms per
   * million on SQLite): for `status` and the dashboard, not for a loop; see {@link queueCounts}.
   */
  counts(): Promise<StoreCounts>;
  /** Interactions on their way, by state, and dead letters: cheap whatever the history. */
  queueCounts(): Promise<QueueCounts>;
  /** Deletes events stored before `before` that every cursor has passed (the dedup window is 24 h). */
  pruneEvents(before: number): Promise<number>;
  /** Releases the store (file handle, connections); closing twice is harmless. */
  close(): Promise<void>;
}
