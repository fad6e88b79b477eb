import type { PlayvoxWfm, WfmContactEvent, WfmInboundItemResult } from '@voxbridge/playvox';
import type { WfmSource } from '../../config/wfm-defaults.js';
import { sendIsolated } from '../../delivery/policy.js';
import type { WfmMetrics } from '../../observability/wfm-metrics.js';
import type { DeliveryStats } from '../../observability/wfm-stats.js';
import { eventLetterKey } from '../../store/letters.js';
import type { BridgeStore, StoredEvent } from '../../store/types.js';
import type { DeadReason, Translation, Translator } from '../stages/translate.js';

/** What a consumer of one stored stream needs. */
export interface ConsumerDeps {
  source: WfmSource;
  stream: string;
  /** The consumer's cursor name in the store. */
  cursor: string;
  /** The WFM integration alias events are sent to. */
  alias: string;
  store: BridgeStore;
  wfm: PlayvoxWfm;
  translator: Translator;
  metrics: WfmMetrics;
  batchSize: number;
  /** Events younger than this (since they were stored) wait for the next round. */
  settleMs: number;
  /** Called with the agents of a batch the user map lacks, before the batch is translated. */
  ensureUsers?(agentIds: string[], signal: AbortSignal): Promise<void>;
  /** Whether the user map knows an agent. */
  knowsAgent?(agentId: string): boolean;
}

/** What one round did: the figures a source's delivery adds up (consumed: the cursor moved past them). */
export interface ConsumeOutcome extends DeliveryStats {
  /** When events are stored but still settling: how long until the oldest is ready. */
  settlingMs?: number;
}

type Letter = { reason: DeadReason; detail: string; stored: StoredEvent; stage: 'map' | 'deliver' };

/**
 * One round of a WFM consumer: reads stored events after its cursor, translates them, sends statuses
 * and contacts to WFM, and only then moves the cursor (so a crash re-sends, and WFM ignores the repeated
 * eventIds: exactly once). Events that cannot be translated, name an unknown user or are refused by WFM
 * go to the dead-letter store with the reason. A failure leaves the cursor where it was.
 */
export async function consumeBatch(deps: ConsumerDeps, signal: AbortSignal): Promise<ConsumeOutcome> {
  const outcome: ConsumeOutcome = {
    consumed: 0,
    statuses: 0,
    contacts: 0,
    duplicates: 0,
    unmatched: 0,
    deadLettered: 0,
  };
  const cutoff = Date.now() - deps.settleMs;
  const read = await deps.store.eventsAfterCursor(deps.cursor, deps.stream, deps.batchSize);
  const ready: StoredEvent[] = [];
  for (const event of read) {
    if (event.receivedAt > cutoff) break;
    ready.push(event);
  }
  if (ready.length === 0) {
    if (read[0]) outcome.settlingMs = Math.max(1, read[0].receivedAt - cutoff);
    return outcome;
  }
  if (deps.ensureUsers && deps.knowsAgent) {
    const unknown = [...new Set(ready.flatMap((event) => deps.translator.agentsOf(event)))].filter(
      (id) => !deps.knowsAgent!(id),
    );
    if (unknown.length > 0) await deps.ensureUsers(unknown, signal);
  }
  const statuses: Array<Extract<Translation, { kind: 'status' }> & { order: number }> = [];
  const contacts: Array<{ event: WfmContactEvent; stored: StoredEvent }> = [];
  const letters: Letter[] = [];
  const bySourceEvent = new Map<string, StoredEvent>();
  try {
    for (const [order, stored] of ready.entries()) {
      for (const translation of await deps.translator.translate(stored, signal)) {
        if (translation.kind === 'status') {
          statuses.push({ ...translation, order });
          bySourceEvent.set(translation.event.eventId, stored);
        } else if (translation.kind === 'contact') {
          contacts.push({ event: translation.event, stored });
        } else {
          letters.push({ reason: translation.reason, detail: translation.detail, stored, stage: 'map' });
        }
      }
    }
    // Same agent, same instant: logins first, logouts last (WFM orders ties by arrival).
    statuses.sort((a, b) => a.atMs - b.atMs || a.rank - b.rank || a.order - b.order);
    const statusEvents = statuses.map((status) => status.event);
    const sentStatuses = await sendIsolated(statusEvents, (batch) =>
      deps.wfm.sendAgentStatuses(deps.alias, batch, { signal }),
    );
    const sentContacts = await sendIsolated(
      contacts.map((contact) => contact.event),
      (batch) => deps.wfm.sendContacts(deps.alias, batch, { signal }),
    );
    for (const { item, error } of sentStatuses.rejected)
      letters.push({
        reason: 'rejected',
        detail: `WFM refused status ${item.eventId}: ${error}`,
        stored: bySourceEvent.get(item.eventId)!,
        stage: 'deliver',
      });
    for (const { item, error } of sentContacts.rejected) {
      const stored = contacts.find((contact) => contact.event === item)!.stored;
      letters.push({
        reason: 'rejected',
        detail: `WFM refused contact event ${item.eventId}: ${error}`,
        stored,
        stage: 'deliver',
      });
    }
    tally(deps, 'status', sentStatuses.results, outcome);
    tally(deps, 'contact', sentContacts.results, outcome);
  } catch (error) {
    deps.translator.rollback();
    throw error;
  }
  // Dead letters, the translator's memory and the cursor move together: a crash before this commit
  // sends the batch again (WFM drops the repeated eventIds), never half of its bookkeeping.
  try {
    await deps.store.finishWfmRound({
      cursor: deps.cursor,
      seq: ready[ready.length - 1]!.seq,
      deadLetters: letters.map((letter) => ({
        // Names the stored event, so that `dlq retry` can put it back on its stream.
        key: eventLetterKey(letter.stored.stream, letter.stored.eventId),
        stage: letter.stage,
        reason: `wfm/${deps.source} ${letter.reason}: ${letter.detail}`,
        payload: letter.stored.payload,
      })),
      memory: deps.translator.pending(),
    });
  } catch (error) {
    deps.translator.rollback();
    throw error;
  }
  deps.translator.commit();
  for (const letter of letters) deps.metrics.deadLettered.inc({ source: deps.source, reason: letter.reason });
  outcome.deadLettered = letters.length;
  outcome.consumed = ready.length;
  return outcome;
}

function tally(
  deps: ConsumerDeps,
  kind: 'status' | 'contact',
  results: WfmInboundItemResult[],
  outcome: ConsumeOutcome,
): void {
  for (const result of results) {
    if (result.outcome === 'duplicate') {
      outcome.duplicates += 1;
      deps.metrics.duplicates.inc({ source: deps.source });
      continue;
    }
    if (kind === 'status') {
      outcome.statuses += 1;
      deps.metrics.statusesSent.inc({ source: deps.source });
    } else {
      outcome.contacts += 1;
      deps.metrics.contactsSent.inc({ source: deps.source });
    }
    if (result.match !== undefined && result.match !== 'matched') {
      outcome.unmatched += 1;
      deps.metrics.unmatched.inc({ source: deps.source, kind, reason: result.match });
    }
  }
}
