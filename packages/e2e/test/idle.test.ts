/**
 * An idle pipeline polls its store rarely (issue 14: 100 connections in one process, CPU ≤ 2 %), yet
 * events that arrive after a long quiet spell are delivered at once: the feed wakes the loops.
 */
import { join } from 'node:path';
import { createLogger, type RunningBridge, SqliteStore, startQaBridge } from '@voxbridge/bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../bridge/test/helpers.js';
import { type Emulators, e2eConfig, generateTraffic, startEmulators, waitFor } from './e2e-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A SQLite store whose method calls are counted, but for `appendEvents`: the feed saves its token with
 * every long poll (every 200 ms against the test's emulator), which is the source's pace, not the loops'.
 */
function countedStore(path: string): { store: SqliteStore; calls: () => number } {
  let calls = 0;
  const inner = new SqliteStore({ path });
  const store = new Proxy(inner, {
    get(target, name) {
      const value = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (name !== 'appendEvents') calls += 1;
        return value.apply(target, args);
      };
    },
  });
  return { store, calls: () => calls };
}

describe('an idle pipeline', () => {
  let emulators: Emulators;
  let bridge: RunningBridge | undefined;

  beforeAll(async () => {
    emulators = await startEmulators({ seed: 11 });
  });
  afterAll(async () => {
    await bridge?.stop();
    await emulators?.close();
  });

  it('polls its store a few times in 10 quiet seconds, and delivers new traffic at once', async () => {
    const counted = countedStore(join(tempDir(), 'state.db'));
    bridge = await startQaBridge(e2eConfig(emulators), {
      logger: createLogger({ level: 'silent', pretty: false }),
      serve: false,
      store: counted.store,
    });
    await bridge.pipeline.waitUntilPositioned();
    await sleep(16_000); // the loops back off to their longest sleep (10 s)
    const before = counted.calls();
    await sleep(10_000);
    const quiet = counted.calls() - before;
    // Polling every 100 ms (assembling) and 200 ms (delivering) made several hundred calls here.
    expect(quiet).toBeLessThan(30);
    const started = Date.now();
    await generateTraffic(emulators.livevox.url, { agents: 5, calls: 0, sms: 20, emails: 0, seed: 3 });
    await waitFor(() => emulators.playvox.store.truth().interactions.total >= 20, 15_000);
    // Woken by the feed, not by the next poll of a backed-off loop.
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 60_000);
});
