import type {
  BatchRow,
  DeadLetter,
  InteractionRow,
  InteractionState,
  QueueCounts,
  QueuedState,
  SavedError,
  SavedUserMap,
  StoredEvent,
  WfmMemory,
} from './types.js';

// The row codec both store implementations share: what a table row holds, how it reads back as what the
// store's callers see, and how the notes kept in `meta` are written and read. Only the SQL differs.

/**
 * Names of the typed values kept in the `meta` table. They are the names earlier versions used, so a
 * store file written by them reads the same.
 */
export const META = {
  integrationId: 'integrationId',
  /** The last error (of one kind: `lastError:<kind>`; without a kind, the one `status` shows first). */
  lastError: (kind?: string) => (kind ? `lastError:${kind}` : 'lastError'),
  runOwner: 'run:owner',
  webhookId: 'gladly:webhookId',
  openCalls: 'wfm:livevox:open-calls',
  openConversations: 'wfm:gladly:open-conversations',
  userMap: (source: string) => `wfm:users:${source}`,
} as const;

/** An `interactions` row as the database returns it (SQLite and PostgreSQL alike). */
export interface InteractionDbRow {
  key: string;
  type: string;
  state: string;
  interaction_id: string;
  events: string;
  first_seen_at: number;
  updated_at: number;
  record: string | null;
  payload: string | null;
  batch_id: string | null;
  job_id: string | null;
  attempts: number;
  retry_at: number;
  playvox_id: string | null;
  last_error: string | null;
  delivered_at: number | null;
  ready_at: number | null;
}

/** A `dead_letters` row as the database returns it. */
export interface DeadLetterDbRow {
  id: number;
  key: string | null;
  stage: string;
  reason: string;
  payload: string | null;
  created_at: number;
}

/** The columns of `interactions`, in the order of {@link toParams}. */
export const INTERACTION_COLUMNS =
  'key, type, state, interaction_id, events, first_seen_at, updated_at, record, payload, batch_id, job_id, attempts, retry_at, playvox_id, last_error, delivered_at, ready_at';

/**
 * The stored JSON text of objects the store read, so that writing them back stores that text instead
 * of serialising them again. Event payloads are read-only once stored (the pipeline copies before it
 * sorts, and builds records as new objects); an events array only grows (`push`), so its text is
 * valid while its length is the one remembered, and is extended with the new elements' text.
 */
const storedText = new WeakMap<object, string>();
const storedArray = new WeakMap<object, { length: number; text: string }>();

/** Remembers that `payload` was stored as `text` (what {@link parseStoredEvent} does for what it parses). */
export function rememberStoredText(payload: object, text: string): void {
  storedText.set(payload, text);
}

/** Parses a stored event payload and remembers its text for {@link eventsText}. */
export function parseStoredEvent(text: string): Record<string, unknown> {
  const payload = JSON.parse(text) as Record<string, unknown>;
  storedText.set(payload, text);
  return payload;
}

/** The JSON text of an interaction's events, reusing the stored text of what was read from the store. */
export function eventsText(events: Array<Record<string, unknown>>): string {
  const known = storedArray.get(events);
  if (known?.length === events.length) return known.text;
  const from = known && known.length < events.length ? known.length : 0;
  let text = from > 0 ? known!.text.slice(0, -1) : '[';
  for (let i = from; i < events.length; i++) {
    const event = events[i]!;
    text += `${i > 0 ? ',' : ''}${storedText.get(event) ?? JSON.stringify(event)}`;
  }
  text += ']';
  storedArray.set(events, { length: events.length, text });
  return text;
}

/** An interaction as the store's callers see it. */
export function toRow(db: InteractionDbRow): InteractionRow {
  const events = JSON.parse(db.events) as InteractionRow['events'];
  storedArray.set(events, { length: events.length, text: db.events });
  return {
    key: db.key,
    type: db.type as InteractionRow['type'],
    state: db.state as InteractionState,
    interactionId: db.interaction_id,
    events,
    firstSeenAt: db.first_seen_at,
    updatedAt: db.updated_at,
    record: db.record ? JSON.parse(db.record) : undefined,
    payload: db.payload ? JSON.parse(db.payload) : undefined,
    batchId: db.batch_id ?? undefined,
    jobId: db.job_id ?? undefined,
    attempts: db.attempts,
    retryAt: db.retry_at,
    playvoxId: db.playvox_id ?? undefined,
    lastError: db.last_error ?? undefined,
    deliveredAt: db.delivered_at ?? undefined,
    readyAt: db.ready_at ?? undefined,
  };
}

/** A dead letter as the store's callers see it. */
export function toDeadLetter(r: DeadLetterDbRow): DeadLetter {
  return {
    id: r.id,
    key: r.key ?? undefined,
    stage: r.stage as DeadLetter['stage'],
    reason: r.reason,
    payload: r.payload ? JSON.parse(r.payload) : undefined,
    createdAt: r.created_at,
  };
}

/** The parameters of the interaction upsert, in column order. */
export function toParams(row: InteractionRow): unknown[] {
  // A delivered row no longer needs its events and payload: keep the store small over long runs.
  const done = row.state === 'delivered';
  return [
    row.key,
    row.type,
    row.state,
    row.interactionId,
    done ? '[]' : eventsText(row.events),
    row.firstSeenAt,
    row.updatedAt,
    done || !row.record ? null : JSON.stringify(row.record),
    done || !row.payload ? null : JSON.stringify(row.payload),
    row.batchId ?? null,
    row.jobId ?? null,
    row.attempts,
    row.retryAt,
    row.playvoxId ?? null,
    row.lastError ?? null,
    row.deliveredAt ?? null,
    row.readyAt ?? null,
  ];
}

/** The columns of `dead_letters`. */
export const DEAD_COLUMNS = 'id, key, stage, reason, payload, created_at';

/** An `events` row as the database returns it. */
export interface EventDbRow {
  seq: number;
  event_id: string;
  stream: string;
  received_at: number;
  payload: string;
}

/** A stored event as the store's callers see it. */
export function toStoredEvent(r: EventDbRow): StoredEvent {
  return {
    seq: r.seq,
    eventId: r.event_id,
    stream: r.stream,
    receivedAt: r.received_at,
    payload: parseStoredEvent(r.payload),
  };
}

/** A `batches` row as the database returns it. */
export interface BatchDbRow {
  batch_id: string;
  state: string;
  job_id: string | null;
  keys: string;
  created_at: number;
}

/** An open batch as the store's callers see it. */
export function toBatchRow(r: BatchDbRow): BatchRow {
  return {
    batchId: r.batch_id,
    state: r.state as BatchRow['state'],
    ...(r.job_id === null ? {} : { jobId: r.job_id }),
    keys: JSON.parse(r.keys),
    createdAt: r.created_at,
  };
}

/** Every interaction state, in pipeline order. */
export const INTERACTION_STATES: readonly InteractionState[] = [
  'assembling',
  'ready',
  'mapped',
  'sending',
  'submitted',
  'delivered',
  'dead',
];

/** The states of an interaction still on its way to Playvox (the others, delivered and dead, are done). */
export const QUEUED_STATES = [
  'assembling',
  'ready',
  'mapped',
  'sending',
  'submitted',
] as const satisfies readonly InteractionState[];

/** The queued states as an SQL list, `('assembling', …)`: the constants of the stores' count query. */
export const QUEUED_STATES_SQL = `(${QUEUED_STATES.map((state) => `'${state}'`).join(', ')})`;

/** Each queued state at zero: the start of {@link QueueCounts.queued}. */
export function zeroQueueCounts(): Record<QueuedState, number> {
  return Object.fromEntries(QUEUED_STATES.map((state) => [state, 0])) as Record<QueuedState, number>;
}

/** Every interaction state, each at zero: the start of {@link StoreCounts.interactions}. */
export function zeroStateCounts(): Record<InteractionState, number> {
  return Object.fromEntries(INTERACTION_STATES.map((state) => [state, 0])) as Record<
    InteractionState,
    number
  >;
}

/** A dead row put back in play by `dlq retry`: ready to enrich and map again, its attempts forgotten. */
export function retriedRow(dead: InteractionRow, now: number): InteractionRow {
  return {
    ...dead,
    state: 'ready',
    attempts: 0,
    retryAt: 0,
    payload: undefined,
    lastError: undefined,
    updatedAt: now,
  };
}

/** How the notes kept as JSON text in `meta` are written (`…Text`) and read back (`parse…`). */
export const metaNotes = {
  /** The `meta` text of a {@link SavedError}. */
  lastErrorText(error: SavedError): string {
    const { at, message, destination } = error;
    return JSON.stringify(destination === undefined ? { at, message } : { at, message, destination });
  },

  /** A {@link SavedError} read from `meta`, or undefined when none is kept. */
  parseLastError(saved: string | undefined): SavedError | undefined {
    if (saved === undefined) return undefined;
    try {
      const parsed = JSON.parse(saved) as Partial<SavedError>;
      const error: SavedError = { at: String(parsed.at ?? ''), message: String(parsed.message ?? '') };
      if (typeof parsed.destination === 'string') error.destination = parsed.destination;
      return error;
    } catch {
      return { at: '', message: saved }; // written by hand or by an old version: shown as it is
    }
  },

  /** The `meta` text of a {@link SavedUserMap}. */
  userMapText(map: SavedUserMap): string {
    return JSON.stringify({ at: map.at, users: map.users });
  },

  /** A {@link SavedUserMap} read from `meta`, or undefined when none is kept. */
  parseUserMap(saved: string | undefined): SavedUserMap | undefined {
    return saved === undefined ? undefined : (JSON.parse(saved) as SavedUserMap);
  },

  /** The WFM translators' memory read from its two `meta` values (either may be missing). */
  parseWfmMemory(openCalls: string | undefined, openConversations: string | undefined): WfmMemory {
    return {
      openCalls: openCalls ? JSON.parse(openCalls) : {},
      openConversations: openConversations ? JSON.parse(openConversations) : {},
    };
  },
};
