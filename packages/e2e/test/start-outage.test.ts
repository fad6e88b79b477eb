import { startQaBridge } from '@voxbridge/bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compare,
  type Emulators,
  e2eConfig,
  expectedIds,
  heldIds,
  startEmulators,
  waitFor,
} from './e2e-helpers.js';

// The chaos suite found that a bridge restarted while Playvox is down exited at once (applying the
// integration failed), which a supervisor turns into a crash loop that leaves the LiveVox feed unread.
// Now a bridge whose store knows the integration id starts anyway and applies once Playvox answers.

async function faults(url: string, method: 'PUT' | 'DELETE', rules?: unknown): Promise<void> {
  const res = await fetch(`${url}/_emulator/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(rules === undefined ? {} : { body: JSON.stringify(rules) }),
  });
  expect(res.status).toBe(200);
}

describe('starting while Playvox is down', () => {
  let emulators: Emulators;
  beforeAll(async () => {
    emulators = await startEmulators();
  });
  afterAll(async () => {
    await emulators.close();
  });

  it('refuses to start on a new store (no integration to deliver to), naming the failure', async () => {
    await faults(emulators.playvox.url, 'PUT', [{ path: '^/api/', status: 503 }]);
    try {
      await expect(startQaBridge(e2eConfig(emulators), { serve: false })).rejects.toThrow(/503/);
    } finally {
      await faults(emulators.playvox.url, 'DELETE');
    }
  }, 60_000);

  it('starts on the integration it applied before, reads LiveVox, and delivers exactly once when Playvox returns', async () => {
    const config = e2eConfig(emulators);
    const first = await startQaBridge(config, { serve: false });
    const integrationId = first.apply.integrationId;
    await first.stop();

    await faults(emulators.playvox.url, 'PUT', [{ path: '^/api/', status: 503 }]);
    const bridge = await startQaBridge(config, { serve: false });
    try {
      expect(bridge.apply).toEqual({ plan: [], integrationId, applied: false });
      await bridge.pipeline.waitUntilPositioned();
      const traffic = await fetch(`${emulators.livevox.url}/_emulator/traffic`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agents: 10, calls: 60, sms: 20, emails: 20, seed: 5 }),
      });
      expect(traffic.status).toBe(200);
      const expected = expectedIds(emulators.livevox);
      // The feed is read during the outage: events reach the store while nothing can be delivered.
      await waitFor(async () => (await bridge.store.counts()).events > 0, 30_000);
      expect((await bridge.store.counts()).interactions.delivered).toBe(0);
      await faults(emulators.playvox.url, 'DELETE');
      await waitFor(
        async () =>
          (await bridge.store.counts()).interactions.delivered >= expected.length &&
          (await bridge.pipeline.isIdle()),
        120_000,
      );
    } finally {
      await faults(emulators.playvox.url, 'DELETE');
      await bridge.stop();
    }
    expect(compare(expectedIds(emulators.livevox), await heldIds(config))).toEqual({
      missing: [],
      duplicated: [],
      unexpected: [],
    });
  }, 180_000);
});
