import { NotFoundError } from '@voxbridge/core';
import type { BridgeConfig } from '../../config/schema.js';
import type { BridgeStore, InteractionRow, LateBase } from '../../store/types.js';
import type { Enricher } from '../ports.js';
import { needsCompletion } from './complete.js';
import { deliveredIncomplete } from './late-update.js';
import { MappingError, mapRecord } from './map.js';

/** A ready row mapped to its payload, or the dead letter that replaces it. */
export type MapOutcome =
  | { row: InteractionRow; letter?: undefined }
  | { row: InteractionRow; letter: { key: string; stage: 'map'; reason: string; payload: unknown } };

/** Maps a ready row (its record already enriched) to `mapped`, or to `dead` with the reason. */
export function mapRow(
  config: BridgeConfig,
  row: InteractionRow,
  record: Record<string, unknown> = row.record ?? {},
): MapOutcome {
  try {
    const payload = mapRecord(config, row.interactionId, record);
    return {
      row: { ...row, record, payload, state: 'mapped', attempts: 0, retryAt: 0, updatedAt: Date.now() },
    };
  } catch (error) {
    // Mapping is pure: whatever it throws comes from this record, so the record alone is dead-lettered
    // (an unexpected error must not stall the assembler or the whole pass).
    const reason =
      error instanceof MappingError ? error.message : `unexpected mapping error: ${(error as Error).message}`;
    return {
      row: { ...row, record, state: 'dead', lastError: reason, updatedAt: Date.now() },
      letter: { key: row.key, stage: 'map', reason, payload: record },
    };
  }
}

/** True when a row of this type goes to Playvox without an enrichment call. */
export function needsEnrichment(config: BridgeConfig, row: Pick<InteractionRow, 'type'>): boolean {
  return (
    (row.type === 'VOICE' && (config.livevox.enrich.contextData || config.livevox.enrich.postCall)) ||
    needsCompletion(config, row.type)
  );
}

/** What one processing pass did. */
export interface ProcessResult {
  mapped: number;
  deadLettered: number;
  deferred: number;
}

/** Runs `work` over `items` with at most `limit` at once. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

/**
 * The enrich and map stages for one batch of `ready` interactions: voice calls get their context data
 * (and post-call data when enabled), then every record is mapped to the integration's metadata. A
 * record that cannot be mapped goes to the dead-letter store with the reason; an enrichment that
 * fails transiently is retried with backoff, and dead-lettered after the last attempt.
 */
export async function processReady(
  store: BridgeStore,
  config: BridgeConfig,
  enricher: Enricher | undefined,
  limit = 500,
  now = Date.now(),
): Promise<ProcessResult> {
  const rows = await store.interactionsInState('ready', limit, now);
  const result: ProcessResult = { mapped: 0, deadLettered: 0, deferred: 0 };
  const updated: InteractionRow[] = [];
  const bases: LateBase[] = [];
  await eachLimited(rows, config.livevox.enrich.concurrency, async (row) => {
    let record = { ...row.record };
    if (enricher && needsEnrichment(config, row)) {
      try {
        // A record back from a wait (recording, Playvox user) already has its context data.
        const voice = row.type === 'VOICE' && record.context === undefined;
        if (voice && config.livevox.enrich.contextData) record.context = await enricher.contextData(record);
        if (voice && config.livevox.enrich.postCall && enricher.postCall) {
          const postCall = await enricher.postCall(record);
          if (postCall) record.postCall = postCall;
        }
        if (enricher.complete && needsCompletion(config, row.type)) {
          const done = await enricher.complete(record, Date.now());
          record = done.record;
          if (done.dead !== undefined) {
            const reason = done.dead;
            await store.deadLetter(
              { key: row.key, stage: 'map', reason, payload: record },
              { ...row, record, state: 'dead', lastError: reason, updatedAt: Date.now() },
            );
            result.deadLettered += 1;
            return;
          }
          if (done.retryAt !== undefined) {
            // Waiting is not failing: the attempts (kept for errors) are not spent.
            updated.push({
              ...row,
              record,
              retryAt: done.retryAt,
              lastError: done.reason,
              updatedAt: Date.now(),
            });
            result.deferred += 1;
            return;
          }
        }
      } catch (error) {
        if (!(error instanceof NotFoundError)) {
          const attempts = row.attempts + 1;
          const reason = `enrich: ${(error as Error).message}`;
          if (attempts >= config.delivery.maxAttempts) {
            await store.deadLetter(
              {
                key: row.key,
                stage: 'enrich',
                reason: `${reason} (after ${attempts} attempts)`,
                payload: record,
              },
              { ...row, attempts },
            );
            result.deadLettered += 1;
          } else {
            updated.push({
              ...row,
              record, // keeps what was done (an upload's URL) for the next attempt
              attempts,
              retryAt: Date.now() + 1000 * 2 ** attempts,
              lastError: reason,
              updatedAt: Date.now(),
            });
            result.deferred += 1;
          }
          return;
        }
      }
    }
    const outcome = mapRow(config, row, record);
    if (outcome.letter) {
      await store.deadLetter(outcome.letter, outcome.row);
      result.deadLettered += 1;
    } else {
      updated.push(outcome.row);
      // Sent without its disposition: what a late disposition's update is rebuilt from.
      if (deliveredIncomplete(row)) bases.push({ key: row.key, record, events: row.events });
      result.mapped += 1;
    }
  });
  // Bases first: a crash in between leaves the row ready, and mapping it again writes the same base.
  if (bases.length > 0) await store.saveLateBases(bases);
  if (updated.length > 0) await store.saveInteractions(updated);
  return result;
}
