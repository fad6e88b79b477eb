import type { CallDetail, LiveVox } from '@voxbridge/livevox';
import type { WithProgress } from '../../progress.js';
import type { BridgeStore, InteractionRow } from '../../store/types.js';
import { identifyEvent, interactionKey, playvoxInteractionId } from '../ids.js';
import { assembleRecord, isVoiceComplete } from '../stages/assemble.js';

/**
 * Closing gaps from LiveVox's history. The Call Event Recovery report gives a past period's finished
 * interactions in Call Detail form; each row is turned back into the feed events it stands for, so the
 * assembler's own `assembleRecord` builds the record and the row enters the store as `ready` under the
 * same key and `interaction_id` the feed would have given it. The normal enrich → map → deliver stages
 * and the exactly-once delivery then handle it.
 */

/** The store's name (a checkpoint-shaped note) for the gaps the bridge closed. */
export const GAP_NOTE_STREAM = 'livevox:interaction-events:gap-closed';

/** What one backfill found and did. */
export interface BackfillResult {
  /** The period read, ISO. */
  from: string;
  to: string;
  /** Interactions the report listed. */
  found: number;
  /** Already in the store past assembly (delivered, or on their way): left alone. */
  alreadyStored: number;
  /** Of those, delivered already. */
  alreadyDelivered: number;
  /** Queued as `ready` (new, or completing a call the feed only partly saw); counted, not written, in a dry run. */
  queued: number;
  /** Calls the store held as `assembling` that the report's events were added to. */
  completed: number;
  /** Calls left `assembling` because their last events are the restarted feed's (`cutAt`). */
  waiting: number;
  /** Rows the report gave that name no interaction (no session id, unknown type). */
  unusable: number;
  /** Report pages read (1,000 rows each). */
  requests: number;
}

/** Options of {@link backfill}. */
export interface BackfillOptions extends WithProgress {
  /** Start (inclusive) and end (exclusive) of the period, in LiveVox's time. */
  from: Date | number | string;
  to: Date | number | string;
  /** Count only; write nothing. */
  dryRun?: boolean;
  /** Only these services (the feed's filter). */
  service?: string[];
  /** Only these interaction types (the feed's filter); all when absent. */
  interactionTypes?: string[];
  signal?: AbortSignal;
  /**
   * LiveVox time from which the feed carries the events (a restarted feed's first event): a call's
   * events from then on are left to the feed, so the two never both complete the same call.
   */
  cutAt?: number;
  /** The epoch ms the rows are stamped with (tests). */
  now?: number;
  /** The connection the rows belong to: its name goes into their Playvox ids (see `playvoxInteractionId`). */
  connection?: string;
}

const PAGE = 1000;
const CHUNK = 500;
const MINUTE = 60_000;

/** A value as the feed would carry it: nulls stay absent. */
const given = (value: unknown) => (value === null || value === undefined || value === '' ? undefined : value);

/**
 * The feed events a Call Event Recovery row stands for: CALL_START, CALL_TERMINATION and
 * CALL_DISPOSITION for a voice call (its call result on the termination, its term code on the
 * disposition, as the feed places them), one event for an SMS or an email.
 */
export function historyEvents(row: CallDetail): Array<Record<string, unknown>> {
  const common: Record<string, unknown> = {
    interactionType: row.interactionType,
    sessionId: row.sessionId,
    transactionId: row.transactionId,
    clientId: given(row.clientId),
    serviceId: given(row.serviceId),
    serviceName: given(row.serviceName),
    callCenterId: given(row.callCenterId),
    campaignId: given(row.campaignId),
    account: given(row.account),
    agentId: given(row.agentId),
    agentLoginId: given(row.agentLoginId),
    start: row.start,
  };
  for (const key of Object.keys(common)) if (common[key] === undefined) delete common[key];
  if (String(row.interactionType).toUpperCase() !== 'VOICE') {
    return [{ ...common, phoneNumber: given(row.phoneNumber), timestamp: row.start }];
  }
  const end = given(row.end);
  const disposition = given(row.disposition);
  const events: Array<Record<string, unknown>> = [
    {
      ...common,
      callEventType: 'CALL_START',
      callDirection: given(row.callDirection),
      phoneDialed: given(row.phoneNumber),
      timestamp: row.start,
    },
  ];
  if (end !== undefined)
    events.push({
      ...common,
      callEventType: 'CALL_TERMINATION',
      callDirection: given(row.callDirection),
      end,
      timestamp: end,
      duration: given(row.duration),
      transferHoldDuration: given(row.holdDuration),
      lvResult: given(row.lvResult),
      lvResultId: given(row.lvResultId),
    });
  if (disposition !== undefined || given(row.termCodeId) !== undefined)
    events.push({
      ...common,
      callEventType: 'CALL_DISPOSITION',
      timestamp: disposition ?? end ?? row.start,
      lvResult: given(row.termCode),
      lvResultId: given(row.termCodeId),
    });
  return events;
}

/**
 * A history row as a store row keyed as the feed's events would key it: `ready` with the assembler's
 * own record (so it maps exactly as a fed one would). With `cutAt`, events from that time on are left
 * out because the restarted feed carries them; a call missing some is left `assembling` with the rest.
 */
export function historyRow(
  detail: CallDetail,
  now: number,
  cutAt?: number,
  connection?: string,
):
  | { row: InteractionRow; events: Array<Record<string, unknown>> }
  | { error: string; events: Array<Record<string, unknown>> } {
  const all = historyEvents(detail);
  const identity = identifyEvent(all[0]!);
  if ('error' in identity) return { error: identity.error, events: all };
  const events = cutAt === undefined ? all : all.filter((e) => !(Date.parse(String(e.timestamp)) >= cutAt));
  const row: InteractionRow = {
    key: interactionKey(identity),
    type: identity.type,
    state: 'assembling',
    interactionId: playvoxInteractionId(identity, connection),
    events,
    firstSeenAt: now,
    updatedAt: now,
    attempts: 0,
    retryAt: 0,
  };
  return { row: settle(row, now), events };
}

/** Makes a row `ready` (record assembled, raw events dropped) when it is complete, as the assembler does. */
function settle(row: InteractionRow, now: number): InteractionRow {
  if (row.type === 'VOICE' && !isVoiceComplete(row.events)) return row;
  return { ...row, state: 'ready', readyAt: now, record: assembleRecord(row), events: [] };
}

/** A held `assembling` row completed with the history events of the kinds it lacks. */
function merge(held: InteractionRow, events: Array<Record<string, unknown>>, now: number): InteractionRow {
  const kinds = new Set(held.events.map((e) => e.callEventType));
  const extra = events.filter((e) => !kinds.has(e.callEventType));
  return settle({ ...held, events: [...held.events, ...extra], updatedAt: now }, now);
}

/**
 * Reads `[from, to)` from the Call Event Recovery report and queues, as `ready`, every interaction the
 * store does not hold yet. An interaction the store already took past assembly (delivered, or on its
 * way) is left alone, which is what keeps delivery exactly once; a voice call still `assembling` (the
 * feed saw only part of it) gets the report's events of the kinds it lacks. Rows are written 500 at a
 * time.
 */
export async function backfill(
  store: BridgeStore,
  livevox: LiveVox,
  options: BackfillOptions,
): Promise<BackfillResult> {
  const now = options.now ?? Date.now();
  const types = options.interactionTypes?.map((t) => t.toUpperCase());
  const result: BackfillResult = {
    from: new Date(options.from).toISOString(),
    to: new Date(options.to).toISOString(),
    found: 0,
    alreadyStored: 0,
    alreadyDelivered: 0,
    queued: 0,
    completed: 0,
    waiting: 0,
    unusable: 0,
    requests: 0,
  };
  let pending = new Map<string, { row: InteractionRow; events: Array<Record<string, unknown>> }>();
  let seen = 0;
  // Progress is the share of the period read, in minutes of LiveVox time: the report has no row count.
  const from = new Date(options.from).getTime();
  const minutes = Math.max(0, Math.ceil((new Date(options.to).getTime() - from) / MINUTE)) || 0;
  let covered = 0;
  const report = (done: number) =>
    options.onProgress?.({ done, total: minutes, phase: 'backfill', unit: 'minutes' });
  report(0);
  const flush = async () => {
    if (pending.size === 0) return;
    const existing = await store.getInteractions([...pending.keys()]);
    const rows: InteractionRow[] = [];
    for (const [key, built] of pending) {
      const held = existing.get(key);
      if (held && held.state !== 'assembling') {
        result.alreadyStored += 1;
        if (held.state === 'delivered') result.alreadyDelivered += 1;
        continue;
      }
      const row = held ? merge(held, built.events, now) : built.row;
      if (held) result.completed += 1;
      if (row.state === 'ready') result.queued += 1;
      else result.waiting += 1;
      rows.push(row);
    }
    if (!options.dryRun && rows.length > 0) await store.saveInteractions(rows);
    pending = new Map();
    report(covered);
  };
  for await (const detail of livevox.reporting.callHistory({
    from: options.from,
    to: options.to,
    service: options.service,
    pageSize: PAGE,
    signal: options.signal,
  })) {
    if (seen++ % PAGE === 0) result.requests += 1;
    const startedMinute = Math.floor((Number(detail.startedAt) - from) / MINUTE);
    if (Number.isFinite(startedMinute)) covered = Math.min(minutes, Math.max(covered, startedMinute));
    if (types && !types.includes(String(detail.interactionType).toUpperCase())) continue;
    result.found += 1;
    const built = historyRow(detail, now, options.cutAt, options.connection);
    if ('error' in built) {
      result.unusable += 1;
      if (!options.dryRun)
        await store.deadLetter({ stage: 'source', reason: `history: ${built.error}`, payload: detail });
      continue;
    }
    pending.set(built.row.key, built);
    if (pending.size >= CHUNK) await flush();
  }
  await flush();
  report(minutes);
  if (result.requests === 0) result.requests = 1;
  return result;
}

/** The last gap the bridge closed, as {@link noteGapClosed} saved it. */
export interface ClosedGap extends BackfillResult {
  /** Hours between the last stored event and the feed's restart, in LiveVox's time. */
  gapHours: number;
  /** ISO time of the backfill (bridge clock). */
  closedAt: string;
}

/** Records a closed gap in the store (for `voxbridge status` and the dashboard of another process). */
export async function noteGapClosed(store: BridgeStore, gap: ClosedGap): Promise<void> {
  await store.appendEvents(GAP_NOTE_STREAM, [], JSON.stringify(gap));
}

/** The last gap the bridge closed, if any. */
export async function lastClosedGap(store: BridgeStore): Promise<ClosedGap | undefined> {
  const note = await store.getCheckpoint(GAP_NOTE_STREAM);
  if (!note) return undefined;
  try {
    return JSON.parse(note.token) as ClosedGap;
  } catch {
    return undefined;
  }
}
