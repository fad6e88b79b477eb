import { startQaBridge } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { keptLogger } from '../../bridge/test/helpers.js';
import { e2eConfig, sharedEmulators, waitFor } from './e2e-helpers.js';
import { EXACTLY_ONCE, expectedIds, truthOf, waitForBridgeDone } from './e2e-truth.js';

// Issue 13 ("Why" item 2): during a Playvox outage the bridge sent 40-256 requests and 14-70 warnings a
// second. With the destination's circuit breaker and a deliver loop that waits for its probe, an outage
// of OUTAGE_S seconds costs a bounded number of requests and log lines, and everything is delivered
// exactly once when Playvox returns.

const OUTAGE_S = 10;

async function admin(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe('a Playvox outage', () => {
  const emulators = sharedEmulators();

  it(`costs a bounded number of requests and warnings for ${OUTAGE_S} s, then delivers everything exactly once`, async () => {
    const config = e2eConfig(emulators);
    const { logger, lines } = keptLogger('info');
    const bridge = await startQaBridge(config, { logger });
    try {
      await bridge.pipeline.waitUntilPositioned();
      // Playvox answers every API request 503 from now on (the admin API stays up to count them).
      await admin(emulators.playvox.url, 'PUT', 'faults', [{ path: '^/api/', status: 503 }]);
      const outageStart = Date.now();
      await admin(emulators.livevox.url, 'POST', 'traffic', {
        agents: 20,
        calls: 300,
        sms: 100,
        emails: 100,
        seed: 21,
      });
      const expected = expectedIds(emulators.livevox);

      await waitFor(async () => bridge.metrics.circuits.openCircuits().length > 0, 20_000);
      const ready = (await (await fetch(`${bridge.url}/readyz`)).json()) as {
        details: { openCircuits: Array<{ destination: string; reason: string; state: string }> };
      };
      expect(ready.details.openCircuits).toEqual([
        expect.objectContaining({ destination: 'playvox-qa', reason: 'status 503' }),
      ]);
      const scrape = await (await fetch(`${bridge.url}/metrics`)).text();
      expect(scrape).toMatch(
        /^voxbridge_circuit_state\{connection="default",destination="playvox-qa"\} [12]$/m,
      );
      expect(scrape).toContain(
        'voxbridge_circuit_opened_total{connection="default",destination="playvox-qa"} 1',
      );

      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, outageStart + OUTAGE_S * 1000 - Date.now())),
      );
      const [rule] = (await admin(emulators.playvox.url, 'GET', 'faults')) as Array<{ applied: number }>;
      const requests = rule!.applied;
      const warnings = lines.filter((l) => l.level >= 40 && l.time >= outageStart);
      await admin(emulators.playvox.url, 'DELETE', 'faults');
      const outageEnd = Date.now();
      const seconds = (outageEnd - outageStart) / 1000;
      console.info(
        `outage of ${seconds.toFixed(1)} s: ${requests} Playvox requests (${(requests / seconds).toFixed(1)}/s), ` +
          `${warnings.length} warnings: ${JSON.stringify(warnings.map((w) => w.msg))}`,
      );
      // Before the circuit opens: 5 failed attempts, plus what the 4 delivery slots already had in
      // flight (each with its retries). Then one probe per backoff step (0.5-1 s, 1-2 s, 2-4 s, 4-8 s …):
      // at most 4 in 10 s. Bound: 5 + 4 × 3 + 4 = 21, rounded up to 25.
      expect(requests).toBeLessThanOrEqual(25);
      // One warning per batch whose outcome a 503 left unknown before the circuit opened (at most the 4
      // delivery slots), one when it opened; failed probes and fast-fails are summed up once a minute.
      expect(warnings.filter((w) => String(w.msg).startsWith('circuit open')).length).toBe(1);
      expect(warnings.length).toBeLessThanOrEqual(6);

      await waitForBridgeDone(bridge, expected.length, 90_000, {
        describe: async () =>
          JSON.stringify({
            counts: await bridge.store.counts(),
            circuits: bridge.metrics.circuits.openCircuits(),
            lastError: bridge.pipeline.progress.lastError,
          }),
      });
      const closed = lines.filter((l) => String(l.msg).startsWith('circuit closed'));
      expect(closed).toHaveLength(1);
      expect(closed[0]!.time - outageEnd).toBeLessThanOrEqual(61_000);
      expect(bridge.metrics.circuits.openCircuits()).toEqual([]);
      expect(await (await fetch(`${bridge.url}/metrics`)).text()).toContain(
        'voxbridge_circuit_state{connection="default",destination="playvox-qa"} 0',
      );
      expect((await bridge.store.counts()).deadLetters).toBe(0);
    } finally {
      await bridge.stop();
    }
    expect(await truthOf(config, expectedIds(emulators.livevox))).toEqual(EXACTLY_ONCE);
  }, 150_000);
});
