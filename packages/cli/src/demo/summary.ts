import { playvoxInteractionId } from '@voxbridge/bridge';
import type { Playvox } from '@voxbridge/playvox';

/** The part of the LiveVox emulator's ground truth the summary reads. */
export interface LiveVoxTruth {
  counts: Record<string, number>;
  events: number;
  interactions?: Array<{ type: string; sessionId: string; transactionId?: string | number }>;
}

/** The demo's end-of-run summary, read from the emulators' state. */
export interface QaSummary {
  generated: Record<string, number>;
  delivered: number;
  duplicates: number;
  missing: number;
  deadLettered: number;
}

/**
 * Compares what the LiveVox emulator generated with what the Playvox emulator holds: every generated
 * interaction's id is derived the way the bridge derives it and looked up among the integration's
 * interactions. `deadLettered` is the one figure only the bridge knows (its dead-letter store).
 */
export async function summarizeQa(
  truth: LiveVoxTruth,
  playvox: Playvox,
  integrationId: string,
  deadLettered: number,
): Promise<QaSummary> {
  const held = new Map<string, number>();
  for await (const interaction of playvox.interactions.list(integrationId, {
    perPage: 100,
    fields: ['interaction_id'],
  })) {
    const id = String(interaction.interaction_id);
    held.set(id, (held.get(id) ?? 0) + 1);
  }
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
  }
  return { generated: truth.counts, delivered, duplicates, missing, deadLettered };
}
