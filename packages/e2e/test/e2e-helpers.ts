import { join } from 'node:path';
import { type BridgeConfig, parseConfig, playvoxClient, playvoxInteractionId } from '@voxbridge/bridge';
import {
  LIVEVOX_DEFAULT_CREDENTIALS,
  type LiveVoxEmulator,
  startLiveVoxEmulator,
} from '@voxbridge/emulator-livevox';
import {
  PLAYVOX_DEFAULT_CREDENTIALS,
  type PlayvoxEmulator,
  startPlayvoxEmulator,
} from '@voxbridge/emulator-playvox';
import { baseConfig, tempDir } from '../../bridge/test/helpers.js';

/** Both emulators, started for one test file. */
export interface Emulators {
  livevox: LiveVoxEmulator;
  playvox: PlayvoxEmulator;
  close(): Promise<void>;
}

/** Starts the LiveVox and Playvox emulators on loopback with short waits. */
export async function startEmulators(): Promise<Emulators> {
  const playvox = await startPlayvoxEmulator({ port: 0, config: { jobs: { delayMs: 20 } } as never });
  const livevox = await startLiveVoxEmulator({
    port: 0,
    seed: 7,
    config: { feed: { waitMs: 200 } } as never,
  });
  return {
    livevox,
    playvox,
    close: async () => void (await Promise.all([livevox.close(), playvox.close()])),
  };
}

/** A bridge configuration pointed at the emulators, with a fresh store. */
export function e2eConfig(emulators: Emulators, overrides: Record<string, unknown> = {}): BridgeConfig {
  const raw = baseConfig();
  return parseConfig({
    ...raw,
    livevox: { baseUrl: emulators.livevox.url, ...LIVEVOX_DEFAULT_CREDENTIALS, feed: { count: 1000 } },
    playvox: {
      ...(raw.playvox as object),
      baseUrl: emulators.playvox.url,
      ...PLAYVOX_DEFAULT_CREDENTIALS,
      integration: { name: `LiveVox ${Math.random().toString(36).slice(2)}` },
    },
    mapping: {
      ...(raw.mapping as object),
      fields: [...(raw.mapping as { fields: unknown[] }).fields].map((f) => ({
        ...(f as object),
        from: (f as { from: string }).from === 'timestamp' ? 'start|timestamp' : (f as { from: string }).from,
      })),
    },
    delivery: { reconcileSettleMs: 1000, retryBaseDelayMs: 50 },
    store: { path: join(tempDir(), 'state.db') },
    server: { port: 0 },
    log: { level: 'silent' },
    // Volume and fault tests measure delivery; the recordings tests turn recordings on.
    recordings: { mode: 'off' },
    ...overrides,
  });
}

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

/** Polls `check` until it returns true or `timeoutMs` passes (then throws with `describe()`). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string | Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
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
