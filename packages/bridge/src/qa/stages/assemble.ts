import type { BridgeStore, DeadLetter, InteractionRow, LateEvent, StoredEvent } from '../../store/types.js';
import { identifyEvent, interactionKey, playvoxInteractionId } from '../ids.js';
import { setOwnField } from './own-field.js';

/** The cursor the assembler keeps in the store. */
export const ASSEMBLE_CURSOR = 'assemble';

/** Rank of a voice event in call order (start, termination, disposition); other events come first. */
const VOICE_RANK: Record<string, number> = { CALL_START: 0, CALL_TERMINATION: 1, CALL_DISPOSITION: 2 };
const rankOf = (event: Record<string, unknown>) => VOICE_RANK[String(event.callEventType)] ?? -1;

/**
 * Joins an interaction's events into one record: voice events in call order (start, termination,
 * disposition), later non-empty values over earlier ones, so the disposition's nulls never erase what
 * the start said.
 */
export function assembleRecord(row: Pick<InteractionRow, 'type' | 'events'>): Record<string, unknown> {
  const events = [...row.events].sort((a, b) => rankOf(a) - rankOf(b));
  const record: Record<string, unknown> = {};
  for (const event of events) {
    for (const name in event) {
      const value = event[name];
      if (value !== null && value !== undefined && value !== '' && value !== 'null')
        setOwnField(record, name, value);
    }
  }
  // LiveVox writes `Email` and `SMS` and `VOICE`; the record always carries the normalized type.
  record.interactionType = row.type;
  record.callEventTypes = row.events.map((e) => e.callEventType).filter(Boolean);
  if (row.type === 'VOICE') Object.assign(record, callData(row.events));
  return record;
}

const present = (value: unknown) =>
  value !== null && value !== undefined && value !== '' && value !== 'null' ? value : undefined;

/** Seconds between two times, when both are there. */
function secondsBetween(from: unknown, to: unknown): number | undefined {
  const a = typeof from === 'string' ? Date.parse(from) : Number.NaN;
  const b = typeof to === 'string' ? Date.parse(to) : Number.NaN;
  return Number.isFinite(a) && Number.isFinite(b) && b >= a ? Math.round((b - a) / 1000) : undefined;
}

/**
 * What the evaluator needs beside the raw fields, each from the event that reports it (the merge keeps
 * only the last `lvResult`): the call result of the termination, the agent's term code and its
 * description from the disposition, the times, the seconds LiveVox gives (call, IVR, transfer hold;
 * wrap from termination to disposition), direction and a transfer flag (a second agent on the call). Absent values stay absent.
 */
export function callData(events: Array<Record<string, unknown>>): Record<string, unknown> {
  const of = (type: string) => events.find((e) => e.callEventType === type);
  const start = of('CALL_START');
  const end = of('CALL_TERMINATION');
  const disposition = of('CALL_DISPOSITION');
  const out: Record<string, unknown> = {
    startAt: present(start?.start) ?? present(end?.start) ?? present(disposition?.start),
    endAt: present(end?.end),
    dispositionAt: present(disposition?.timestamp),
    direction: present(start?.callDirection) ?? present(end?.callDirection),
    durationSeconds: present(end?.duration),
    ivrSeconds: present(end?.roundedIvrDuration),
    holdSeconds: present(end?.transferHoldDuration),
    wrapSeconds: secondsBetween(end?.end, disposition?.timestamp),
    disposition: present(end?.lvResult),
    dispositionId: present(end?.lvResultId),
    termCode: present(disposition?.lvResultId),
    termCodeDescription: present(disposition?.lvResult),
    transferred:
      end === undefined
        ? undefined
        : // `operatorTransfer` is the dialer handing the call to an agent; a second agent is a transfer.
          present(end.agent2Id ?? start?.agent2Id ?? disposition?.agent2Id) !== undefined,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/** True when a voice call has both its termination and its disposition. */
export function isVoiceComplete(events: Array<Record<string, unknown>>): boolean {
  const kinds = new Set(events.map((e) => e.callEventType));
  return kinds.has('CALL_TERMINATION') && kinds.has('CALL_DISPOSITION');
}

/** What one assembler pass did. */
export interface AssembleResult {
  events: number;
  ready: number;
  deadLettered: number;
  /** Ready rows the `finish` hook already mapped in the same transaction. */
  mapped: number;
  /** Ready rows the `finish` hook dead-lettered (they could not be mapped). */
  mapDeadLettered: number;
  /** Events for interactions already past assembly, kept for an in-place update (`late-update.ts`). */
  late: number;
}

/**
 * Optionally finishes a row that just became ready inside the assembler's transaction (mapping it
 * when it needs no enrichment), saving a write and a read. Returns undefined to leave it `ready`.
 */
export type FinishReady = (
  row: InteractionRow,
) => { row: InteractionRow; letter?: Omit<DeadLetter, 'id' | 'createdAt'> } | undefined;

/**
 * One unit of work: reads stored events after the assembler's cursor, joins them into interactions
 * (SMS and email are ready at once; a voice call when terminated and disposed), and saves rows and
 * cursor together. Events that name no interaction go to the dead-letter store with the reason.
 */
export async function assembleBatch(
  store: BridgeStore,
  stream: string,
  limit = 2000,
  now = Date.now(),
  finish?: FinishReady,
  /** The connection whose name goes into new rows' Playvox ids (absent: `default`). */
  connection?: string,
): Promise<AssembleResult> {
  const events = await store.eventsAfterCursor(ASSEMBLE_CURSOR, stream, limit);
  if (events.length === 0)
    return { events: 0, ready: 0, deadLettered: 0, mapped: 0, mapDeadLettered: 0, late: 0 };
  const letters: Array<Omit<DeadLetter, 'id' | 'createdAt'>> = [];
  let mapped = 0;
  let mapDeadLettered = 0;
  const byKey = new Map<
    string,
    { identity: Exclude<ReturnType<typeof identifyEvent>, { error: string }>; events: StoredEvent[] }
  >();
  let deadLettered = 0;
  for (const event of events) {
    const identity = identifyEvent(event.payload);
    if ('error' in identity) {
      await store.deadLetter({ stage: 'assemble', reason: identity.error, payload: event.payload });
      deadLettered += 1;
      continue;
    }
    const key = interactionKey(identity);
    const entry = byKey.get(key) ?? { identity, events: [] };
    entry.events.push(event);
    byKey.set(key, entry);
  }
  const existing = await store.getInteractions([...byKey.keys()]);
  const late: LateEvent[] = [];
  const rows: InteractionRow[] = [];
  let ready = 0;
  for (const [key, { identity, events: newEvents }] of byKey) {
    const row: InteractionRow = existing.get(key) ?? {
      key,
      type: identity.type,
      state: 'assembling',
      interactionId: playvoxInteractionId(identity, connection),
      events: [],
      firstSeenAt: newEvents[0]!.receivedAt,
      updatedAt: now,
      attempts: 0,
      retryAt: 0,
    };
    if (row.state !== 'assembling') {
      // A late event for an interaction already on its way or sent (a disposition after the grace
      // period): kept, and once Playvox holds the interaction it is updated in place, never sent twice.
      for (const event of newEvents) late.push({ seq: event.seq, key, payload: event.payload });
      continue;
    }
    row.events.push(...newEvents.map((e) => e.payload));
    row.updatedAt = now;
    if (row.type !== 'VOICE' || isVoiceComplete(row.events)) {
      row.state = 'ready';
      row.readyAt = newEvents[newEvents.length - 1]!.receivedAt;
      row.record = assembleRecord(row);
      // The record now holds everything; later writes need not carry the raw events again.
      row.events = [];
      ready += 1;
      const finished = finish?.(row);
      if (finished) {
        rows.push(finished.row);
        if (finished.letter) {
          letters.push(finished.letter);
          mapDeadLettered += 1;
        } else mapped += 1;
        continue;
      }
    }
    rows.push(row);
  }
  // Before the cursor moves: a crash in between writes them again, which their seq makes harmless.
  if (late.length > 0) await store.addLateEvents(late);
  await store.saveAssembly(rows, ASSEMBLE_CURSOR, events[events.length - 1]!.seq, letters);
  return { events: events.length, ready, deadLettered, mapped, mapDeadLettered, late: late.length };
}

/**
 * Releases voice calls that waited longer than the grace period with what they have. Their events stay
 * on the row: at mapping they become the base a late disposition's update is assembled from.
 */
export async function releaseStaleCalls(
  store: BridgeStore,
  graceMs: number,
  now = Date.now(),
): Promise<number> {
  const stale = await store.staleAssembling(now - graceMs, 1000);
  for (const row of stale) {
    row.state = 'ready';
    row.readyAt = now;
    row.record = assembleRecord(row);
    row.updatedAt = now;
  }
  if (stale.length > 0) await store.saveInteractions(stale);
  return stale.length;
}
