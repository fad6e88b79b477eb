import { playvoxInteractionId } from '@voxbridge/bridge';
import type { Playvox } from '@voxbridge/playvox';

/** The part of the LiveVox emulator's ground truth the summary reads. */
export interface LiveVoxTruth {
  counts: Record<string, number>;
  events: number;
  interactions?: Array<{
    type: string;
    sessionId: string;
    transactionId?: string | number;
    agentLoginId?: string | null;
    agentEmail?: string | null;
    recording?: { id: string; bytes: number } | null;
    /** The final term code's `lvResultId`, and whether the agent dispositioned late. */
    termCode?: number | null;
    lateDisposition?: boolean;
  }>;
}

/** Calls dispositioned late (after the bridge's grace period), each checked against Playvox. */
export interface LateUpdateSummary {
  /** Delivered calls whose disposition came late, per the LiveVox emulator's truth. */
  lateDispositions: number;
  /** Of those, calls whose Playvox interaction holds the final term code (`term_code`): updated in place. */
  updatedWithFinalTermCode: number;
  /** In-place updates the bridge recorded as applied (its store's count). */
  applied: number;
}

/** Recordings and agents, each checked against the LiveVox emulator's truth. */
export interface EvaluationSummary {
  /** Delivered calls the truth gives a recording. */
  recordingsExpected: number;
  /** Of those, calls whose Playvox interaction carries a comment attachment with the recording's size. */
  recordingsAttached: number;
  /** Delivered calls with an agent whose Playvox assignee is the agent's roster email. */
  agentsMatched: number;
  /** Calls with an agent that Playvox does not hold (their agent has no Playvox user: dead-lettered). */
  agentsWithoutUser: number;
}

/** The demo's end-of-run summary, read from the emulators' state. */
export interface QaSummary {
  generated: Record<string, number>;
  delivered: number;
  duplicates: number;
  missing: number;
  deadLettered: number;
  evaluation: EvaluationSummary;
  lateUpdates: LateUpdateSummary;
}

/**
 * Compares what the LiveVox emulator generated with what the Playvox emulator holds: every generated
 * interaction's id is derived the way the bridge derives it and looked up among the integration's
 * interactions; recordings and assignees are checked against the truth's recording and agent email.
 * `deadLettered` and `lateUpdatesApplied` are the figures only the bridge knows (its store).
 */
export async function summarizeQa(
  truth: LiveVoxTruth,
  playvox: Playvox,
  integrationId: string,
  deadLettered: number,
  lateUpdatesApplied = 0,
): Promise<QaSummary> {
  const held = new Map<string, number>();
  const details = new Map<string, { assignee: string; attachmentSizes: number[]; termCode: unknown }>();
  // include=all brings each interaction's comments in the same pages (⌈N/100⌉ requests).
  for await (const interaction of playvox.interactions.list(integrationId, {
    perPage: 100,
    include: 'all',
  })) {
    const id = String(interaction.interaction_id);
    held.set(id, (held.get(id) ?? 0) + 1);
    details.set(id, {
      assignee: interaction.assignee_id,
      attachmentSizes: (interaction.comments ?? []).flatMap((c) => (c.attachments ?? []).map((a) => a.size)),
      termCode: interaction.metadata.term_code,
    });
  }
  const evaluation: EvaluationSummary = {
    recordingsExpected: 0,
    recordingsAttached: 0,
    agentsMatched: 0,
    agentsWithoutUser: 0,
  };
  const lateUpdates: LateUpdateSummary = {
    lateDispositions: 0,
    updatedWithFinalTermCode: 0,
    applied: lateUpdatesApplied,
  };
  let delivered = 0;
  let duplicates = 0;
  let missing = 0;
  for (const interaction of truth.interactions ?? []) {
    const type = interaction.type.toUpperCase() as 'VOICE' | 'SMS' | 'EMAIL';
    const id = playvoxInteractionId({
      type,
      sessionId: interaction.sessionId,
      transactionId: type === 'VOICE' ? String(interaction.transactionId) : undefined,
    });
    const copies = held.get(id) ?? 0;
    if (copies > 0) delivered += 1;
    else missing += 1;
    duplicates += Math.max(0, copies - 1);
    const found = details.get(id);
    if (interaction.agentLoginId && !found) evaluation.agentsWithoutUser += 1;
    if (!found) continue;
    if (interaction.agentEmail && found.assignee === interaction.agentEmail) evaluation.agentsMatched += 1;
    if (interaction.lateDisposition) {
      lateUpdates.lateDispositions += 1;
      if (found.termCode === String(interaction.termCode)) lateUpdates.updatedWithFinalTermCode += 1;
    }
    if (interaction.recording) {
      evaluation.recordingsExpected += 1;
      if (found.attachmentSizes.includes(interaction.recording.bytes)) evaluation.recordingsAttached += 1;
    }
  }
  return { generated: truth.counts, delivered, duplicates, missing, deadLettered, evaluation, lateUpdates };
}
