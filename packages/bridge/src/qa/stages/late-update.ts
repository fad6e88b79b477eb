import { NotFoundError } from '@voxbridge/core';
import type { BridgeConfig } from '../../config/schema.js';
import { countsAsAttempt, isRefusal, retryDelayMs } from '../../delivery/policy.js';
import type { BridgeStore, LateBase, NewDeadLetter, PendingLateUpdate } from '../../store/types.js';
import type { Enricher, QaSink } from '../ports.js';
import { assembleRecord, isVoiceComplete } from './assemble.js';
import { MappingError, mapMetadata } from './map.js';

/**
 * Late data: an event (a disposition, a termination) that reaches the bridge after its interaction
 * left assembly is not sent as a second interaction. The interaction, once delivered, is updated in
 * place with `PUT integrations/{id}/interactions/{_id}`: its record is assembled again from every
 * event (the base kept at delivery plus the late ones), its Context Data and Post-Call Data read
 * again, and its metadata mapped as at delivery. A PUT of the same values changes nothing, so a crash
 * between the PUT and its record in the store only repeats it: exactly once in effect.
 */

/** What one pass over the pending late updates did. */
export interface LateUpdateResult {
  applied: number;
  deferred: number;
  deadLettered: number;
}

/** True when a voice row goes to Playvox without its termination or disposition (released after the grace). */
export function deliveredIncomplete(row: { type: string; events: Array<Record<string, unknown>> }): boolean {
  return row.type === 'VOICE' && row.events.length > 0 && !isVoiceComplete(row.events);
}

/**
 * The record an update sends: the base record's enrichment (agent's Playvox user, service name,
 * recording) with the call data assembled again from every event. Without a base (the interaction
 * was delivered complete, so nothing was kept) it is the late events' own record.
 */
export function updatedRecord(
  type: PendingLateUpdate['row']['type'],
  base: LateBase | undefined,
  late: Array<Record<string, unknown>>,
): { record: Record<string, unknown>; events: Array<Record<string, unknown>> } {
  const events = [...(base?.events ?? []), ...late];
  return { record: { ...(base?.record ?? {}), ...assembleRecord({ type, events }) }, events };
}

/** Reads Context Data and Post-Call Data again (they may have come after delivery too); absent ones are kept. */
async function refreshEnrichment(
  config: BridgeConfig,
  enricher: Enricher | undefined,
  record: Record<string, unknown>,
): Promise<void> {
  if (!enricher || record.interactionType !== 'VOICE') return;
  try {
    if (config.livevox.enrich.contextData) record.context = await enricher.contextData(record);
    if (config.livevox.enrich.postCall && enricher.postCall) {
      const postCall = await enricher.postCall(record);
      if (postCall) record.postCall = postCall;
    }
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}

/**
 * Sends the late updates that are due: delivered interactions with late events, at most `limit`, one
 * at a time (they are few). A PUT that fails for a while (404 while Playvox settles, 429, 5xx, the
 * connection) is retried with backoff and dead-lettered only after `delivery.maxAttempts`; one that
 * Playvox refuses (400, 422: the values themselves) or that cannot be mapped goes to the dead-letter
 * store at once. The interaction itself stays delivered either way.
 */
export async function applyLateUpdates(
  store: BridgeStore,
  config: BridgeConfig,
  sink: QaSink,
  enricher: Enricher | undefined,
  limit = 50,
  now = Date.now(),
): Promise<LateUpdateResult> {
  const result: LateUpdateResult = { applied: 0, deferred: 0, deadLettered: 0 };
  if (!sink.updateInteraction) return result;
  for (const pending of await store.pendingLateUpdates(limit, now)) {
    const { row, base, events } = pending;
    const partial = base === undefined || base.partial === true;
    const throughSeq = events[events.length - 1]!.seq;
    const next = updatedRecord(
      row.type,
      base,
      events.map((e) => e.payload),
    );
    const letter = (stage: NewDeadLetter['stage'], reason: string): NewDeadLetter => ({
      key: row.key,
      stage,
      reason: `late update of ${row.interactionId}: ${reason}`,
      payload: events.map((e) => e.payload),
    });
    let metadata: Record<string, unknown>;
    try {
      // Without a base the record lacks the call's ids and account that the enrichment reads by.
      if (!partial) await refreshEnrichment(config, enricher, next.record);
      metadata = mapMetadata(config, next.record, { partial });
    } catch (error) {
      if (!(error instanceof MappingError)) {
        await defer(store, config, pending, `enrich: ${(error as Error).message}`, result, letter);
        continue;
      }
      await store.finishLateUpdate({
        key: row.key,
        throughSeq,
        applied: false,
        deadLetter: letter('map', error.message),
      });
      result.deadLettered += 1;
      continue;
    }
    const newBase: LateBase = {
      key: row.key,
      record: next.record,
      events: next.events,
      ...(partial ? { partial } : {}),
    };
    if (Object.keys(metadata).length === 0) {
      // Nothing the mapping sends changed: the events are kept in the base for the next late one.
      await store.finishLateUpdate({ key: row.key, throughSeq, base: newBase, applied: false });
      continue;
    }
    try {
      await sink.updateInteraction(row.playvoxId!, metadata);
    } catch (error) {
      const reason = (error as Error).message;
      if (isRefusal(error)) {
        await store.finishLateUpdate({
          key: row.key,
          throughSeq,
          applied: false,
          deadLetter: letter('deliver', `Playvox refused it: ${reason}`),
        });
        result.deadLettered += 1;
      } else await defer(store, config, pending, reason, result, letter, countsAsAttempt(error));
      continue;
    }
    await store.finishLateUpdate({ key: row.key, throughSeq, base: newBase, applied: true });
    result.applied += 1;
  }
  return result;
}

/** Retries later with backoff, or dead-letters after the last attempt. */
async function defer(
  store: BridgeStore,
  config: BridgeConfig,
  pending: PendingLateUpdate,
  reason: string,
  result: LateUpdateResult,
  letter: (stage: NewDeadLetter['stage'], reason: string) => NewDeadLetter,
  counts = true,
): Promise<void> {
  const attempts = pending.attempts + (counts ? 1 : 0);
  if (attempts >= config.delivery.maxAttempts) {
    const { events } = pending;
    await store.finishLateUpdate({
      key: pending.row.key,
      throughSeq: events[events.length - 1]!.seq,
      applied: false,
      deadLetter: letter('deliver', `${reason} (after ${attempts} attempts)`),
    });
    result.deadLettered += 1;
    return;
  }
  // A 429 or an open circuit spends no attempt, but still waits (the budget or the outage passes).
  const delay = retryDelayMs(Math.max(1, attempts), config.delivery.retryBaseDelayMs);
  await store.deferLateUpdate(pending.row.key, attempts, Date.now() + delay, reason);
  result.deferred += 1;
}
