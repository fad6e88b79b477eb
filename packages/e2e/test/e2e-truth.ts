/**
 * The ground truth of the QA e2e tests and the one check against it: the interaction ids LiveVox
 * generated, the copies Playvox holds, and what is missing, duplicated or unexpected.
 */
import {
  type BridgeConfig,
  playvoxClient,
  playvoxInteractionId,
  type RunningBridge,
} from '@voxbridge/bridge';
import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { waitFor } from './e2e-helpers.js';

/** The interaction ids the bridge must deliver for everything the LiveVox emulator generated. */
export function expectedIds(livevox: LiveVoxEmulator): string[] {
  return (livevox.truth().interactions ?? []).map((i) =>
    playvoxInteractionId({
      type: i.type.toUpperCase() as 'VOICE' | 'SMS' | 'EMAIL',
      sessionId: i.sessionId,
      transactionId: i.type === 'VOICE' ? String(i.transactionId) : undefined,
    }),
  );
}

/** interaction_id → copies held by the Playvox emulator for the configuration's integration. */
export async function heldIds(config: BridgeConfig): Promise<Map<string, number>> {
  const playvox = playvoxClient(config.playvox);
  const held = new Map<string, number>();
  for await (const integration of playvox.integrations.list({
    query: { name: config.playvox.integration.name },
  })) {
    for await (const interaction of playvox.interactions.list(integration._id, {
      perPage: 100,
      fields: ['interaction_id'],
    })) {
      const id = String(interaction.interaction_id);
      held.set(id, (held.get(id) ?? 0) + 1);
    }
  }
  return held;
}

/** A store's counts, as far as {@link waitForAllDelivered} reads them. */
interface CountingStore {
  counts(): Promise<{
    interactions: { delivered: number; mapped: number; sending: number; submitted: number; ready: number };
    deadLetters: number;
  }>;
}

/** Waits until `store` holds `count` interactions delivered (or dead-lettered) and none under way. */
export async function waitForAllDelivered(
  store: CountingStore,
  count: number,
  timeoutMs: number,
): Promise<void> {
  await waitFor(
    async () => {
      const { interactions: i, deadLetters } = await store.counts();
      return i.delivered + deadLetters >= count && i.mapped + i.sending + i.submitted + i.ready === 0;
    },
    timeoutMs,
    async () => `not everything delivered: ${JSON.stringify(await store.counts())}`,
  );
}

/**
 * Waits until the in-process bridge has delivered `count` interactions (with `deadLetters`, delivered
 * or dead-lettered) and its pipeline is idle; on a timeout, says `describe()` (by default, the counts).
 */
export async function waitForBridgeDone(
  bridge: RunningBridge,
  count: number,
  timeoutMs: number,
  options: { deadLetters?: boolean; describe?: () => Promise<string> } = {},
): Promise<void> {
  await waitFor(
    async () => {
      const { interactions, deadLetters } = await bridge.store.counts();
      const done = interactions.delivered + (options.deadLetters ? deadLetters : 0);
      return done >= count && (await bridge.pipeline.isIdle());
    },
    timeoutMs,
    options.describe ?? (async () => JSON.stringify(await bridge.store.counts())),
  );
}

/** What {@link truthOf} finds when Playvox holds each expected interaction exactly once. */
export const EXACTLY_ONCE = { missing: [], duplicated: [], unexpected: [] } as const;

/** The truth check: what the configuration's Playvox integration holds, compared with `expected`. */
export async function truthOf(
  config: BridgeConfig,
  expected: string[],
): Promise<{ missing: string[]; duplicated: string[]; unexpected: string[] }> {
  return compare(expected, await heldIds(config));
}

/** Compares what Playvox holds with the expected ids: missing, duplicated and unexpected ids. */
export function compare(
  expected: string[],
  held: Map<string, number>,
): { missing: string[]; duplicated: string[]; unexpected: string[] } {
  const want = new Set(expected);
  return {
    missing: expected.filter((id) => !held.has(id)),
    duplicated: [...held].filter(([, n]) => n > 1).map(([id]) => id),
    unexpected: [...held.keys()].filter((id) => !want.has(id)),
  };
}
