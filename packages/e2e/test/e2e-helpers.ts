/**
 * The set-up of the QA e2e tests: both emulators (per file or per describe), traffic, the bridge's
 * configuration, and the one polling helper. The ground truth and its check are in e2e-truth.ts.
 */
import { join } from 'node:path';
import {
  type BridgeConfig,
  createLogger,
  parseConfig,
  type RunningBridge,
  startQaBridge,
} from '@voxbridge/bridge';
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
import { afterAll, beforeAll } from 'vitest';
import { baseConfig, tempDir } from '../../bridge/test/helpers.js';

// Tests written before the truth had a module of its own still import it from here.
export { compare, expectedIds, heldIds } from './e2e-truth.js';

/** Both emulators, started for one test file. */
export interface Emulators {
  livevox: LiveVoxEmulator;
  playvox: PlayvoxEmulator;
  close(): Promise<void>;
}

/**
 * Starts the LiveVox and Playvox emulators on loopback with short waits; `frozen`: LiveVox's clock
 * stands still until the test moves it ({@link advanceLiveVox}).
 */
export async function startEmulators(options: { seed?: number; frozen?: boolean } = {}): Promise<Emulators> {
  const playvox = await startPlayvoxEmulator({ port: 0, config: { jobs: { delayMs: 20 } } as never });
  const livevox = await startLiveVoxEmulator({
    port: 0,
    seed: options.seed ?? 7,
    ...(options.frozen ? { speed: 1e-9 } : {}),
    config: { feed: { waitMs: 200 } } as never,
  });
  return {
    livevox,
    playvox,
    close: async () => void (await Promise.all([livevox.close(), playvox.close()])),
  };
}

/**
 * Starts both emulators (with `start`, {@link startEmulators} by default) before the enclosing
 * `describe`'s tests and closes them after all of them (registered first, so the file's own `afterAll`
 * hooks run before the emulators close). The object returned reads the running emulators, so tests and
 * hooks use it as they would the started ones.
 */
export function sharedEmulators(start: () => Promise<Emulators> = () => startEmulators()): Emulators {
  let started: Emulators | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): Emulators => {
    if (!started) throw new Error('the emulators are not started: use them in a test or a hook');
    return started;
  };
  return {
    get livevox() {
      return current().livevox;
    },
    get playvox() {
      return current().playvox;
    },
    close: () => current().close(),
  };
}

/** Sends `body` as JSON to an emulator's admin API; anything but 200 throws with its answer. */
async function admin(url: string, method: 'POST' | 'PUT', body: unknown): Promise<void> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${new URL(url).pathname}: ${res.status} ${text}`);
}

/** Posts `body` to an emulator's `/_emulator/<path>` (traffic, clock, …); anything but 200 throws. */
export function postAdmin(url: string, path: string, body: unknown): Promise<void> {
  return admin(`${url}/_emulator/${path}`, 'POST', body);
}

/** Posts a backlog of completed interactions to the LiveVox emulator (its `/_emulator/traffic`). */
export function generateTraffic(livevoxUrl: string, body: Record<string, number>): Promise<void> {
  return postAdmin(livevoxUrl, 'traffic', body);
}

/** Moves a frozen LiveVox emulator's clock by `totalMs` in steps (what falls due in a step runs at once). */
export async function advanceLiveVox(
  livevoxUrl: string,
  totalMs: number,
  stepMs = 10 * 60_000,
): Promise<void> {
  for (let moved = 0; moved < totalMs; moved += stepMs)
    await postAdmin(livevoxUrl, 'clock', { advanceMs: Math.min(stepMs, totalMs - moved) });
}

/** Rates of simulated live traffic (`POST /_emulator/traffic`). */
export interface TrafficRates {
  agents: number;
  callsPerMinute: number;
  smsPerMinute: number;
  emailsPerMinute: number;
}

/**
 * On a frozen LiveVox clock: live traffic at `rates` for one simulated hour, then a quiet hour in
 * which every call of the busy one ends and is dispositioned.
 */
export async function busyHourThenQuiet(livevoxUrl: string, rates: TrafficRates): Promise<void> {
  const hour = 3_600_000;
  await postAdmin(livevoxUrl, 'traffic', rates);
  await advanceLiveVox(livevoxUrl, hour);
  await postAdmin(livevoxUrl, 'traffic', { stop: true });
  await advanceLiveVox(livevoxUrl, hour);
}

/** Replaces an emulator's fault rules (its `/_emulator/faults`); `[]` clears them. */
export function putFaults(url: string, rules: readonly unknown[]): Promise<void> {
  return admin(`${url}/_emulator/faults`, 'PUT', rules);
}

/** One Playvox metadata field the mapping fills from a record field (`from`). */
export interface ExtraField {
  field: string;
  type: string;
  from: string;
}

/** Overrides of {@link e2eConfig} that add `fields` to `base`'s Playvox metadata and mapping. */
export function withFields(
  base: BridgeConfig,
  fields: readonly ExtraField[],
): { playvox: BridgeConfig['playvox']; mapping: BridgeConfig['mapping'] } {
  return {
    playvox: {
      ...base.playvox,
      metadata: [...base.playvox.metadata, ...fields.map(({ field, type }) => ({ fieldId: field, type }))],
    } as BridgeConfig['playvox'],
    mapping: {
      ...base.mapping,
      fields: [...base.mapping.fields, ...fields.map(({ field, from }) => ({ field, from }))],
    } as BridgeConfig['mapping'],
  };
}

/** The QA bridge in this process, logging nothing and serving no HTTP, once its feed is positioned. */
export async function startQuietBridge(config: BridgeConfig): Promise<RunningBridge> {
  const bridge = await startQaBridge(config, {
    logger: createLogger({ level: 'silent', pretty: false }),
    serve: false,
  });
  await bridge.pipeline.waitUntilPositioned();
  return bridge;
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

/**
 * The one polling helper of the e2e tests: checks `check` every `intervalMs` until it returns true, or
 * throws once `timeoutMs` has passed, with what `describe()` says (by default, that it timed out).
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string | Promise<string> = () => 'the condition never held',
  intervalMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
