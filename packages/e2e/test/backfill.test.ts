import {
  INTERACTION_STREAM,
  lastClosedGap,
  liveVoxClient,
  playvoxClient,
  reconcile,
  startQaBridge,
} from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { keptLogger } from '../../bridge/test/helpers.js';
import {
  advanceLiveVox,
  busyHourThenQuiet,
  e2eConfig,
  postAdmin,
  sharedEmulators,
  startEmulators,
  startQuietBridge,
  waitFor,
} from './e2e-helpers.js';
import { EXACTLY_ONCE, expectedIds, heldIds, truthOf, waitForBridgeDone } from './e2e-truth.js';

// Issue 12 item 5: a bridge down for longer than LiveVox's 24 hours closes the gap by itself from the
// Call Event Recovery report, measured in LiveVox's time, and delivers exactly what is missing.

const HOUR = 3_600_000;

/** Emulators whose LiveVox clock stands still until the test moves it. */
const frozenEmulators = () => sharedEmulators(() => startEmulators({ frozen: true }));
const admin = (emulators: { livevox: { url: string } }, path: string, body: unknown) =>
  postAdmin(emulators.livevox.url, path, body);
const advance = (emulators: { livevox: { url: string } }, totalMs: number, stepMs?: number) =>
  advanceLiveVox(emulators.livevox.url, totalMs, stepMs);

describe('automatic backfill after a 30-hour outage', () => {
  const emulators = frozenEmulators();

  it('reads the gap from the history report and delivers every interaction once', async () => {
    const config = e2eConfig(emulators);
    const rates = { agents: 12, callsPerMinute: 1, smsPerMinute: 0.25, emailsPerMinute: 0.25, seed: 5 };
    const first = await startQuietBridge(config);
    await admin(emulators, 'traffic', rates);
    await advance(emulators, HOUR);
    await waitFor(
      async () => {
        // Calls in progress stay `assembling` across the outage: the backfill completes them.
        const i = (await first.store.counts()).interactions;
        return i.delivered > 20 && i.ready + i.mapped + i.sending + i.submitted === 0;
      },
      30_000,
      async () => JSON.stringify(await first.store.counts()),
    );
    const beforeOutage = (await first.store.counts()).interactions.delivered;
    await first.stop();

    // 30 hours without the bridge, traffic running all along.
    await advance(emulators, 30 * HOUR);

    const { logger, lines } = keptLogger('info');
    const second = await startQaBridge(config, { logger, serve: false });
    try {
      // The restarted feed needs events to learn LiveVox's current time: ten more minutes of traffic.
      await waitFor(
        () => lines.some((l) => /token expired/.test(l.msg)),
        20_000,
        () => 'no token-expired line',
      );
      await advance(emulators, 10 * 60_000, 60_000);
      await admin(emulators, 'traffic', { stop: true });
      await advance(emulators, 2 * HOUR); // calls in progress end and are dispositioned
      const expected = expectedIds(emulators.livevox);
      await waitForBridgeDone(second, expected.length, 90_000, {
        describe: async () =>
          JSON.stringify({
            expected: expected.length,
            counts: await second.store.counts(),
            dead: await second.store.listDeadLetters(3),
          }),
      });
      expect(await truthOf(config, expected)).toEqual(EXACTLY_ONCE);

      const closed = lines.find((l) => /closed the feed gap/.test(l.msg));
      expect(closed).toBeDefined();
      // Measured in LiveVox's time: the clock moved 30 h (plus the restart's minutes), the bridge's barely.
      expect(closed!.gapHours).toBeGreaterThan(29.9);
      expect(closed!.gapHours).toBeLessThan(30.5);
      const note = await lastClosedGap(second.store);
      expect(note).toMatchObject({ gapHours: closed!.gapHours, found: closed!.found });
      expect(note!.queued).toBeGreaterThan(1000);
      const figures = {
        expected: expected.length,
        deliveredBeforeOutage: beforeOutage,
        found: note!.found,
        alreadyStored: note!.alreadyStored,
        queued: note!.queued,
        completed: note!.completed,
        waiting: note!.waiting,
        requests: note!.requests,
        gapHours: note!.gapHours,
        deadLetters: (await second.store.listDeadLetters()).map((l) => l.reason),
      };
      process.stdout.write(`backfill figures: ${JSON.stringify(figures)}\n`);
      // Calls across the feed's restart are completed by the feed, not half-filled twice: no late events.
      expect(figures.deadLetters).toEqual([]);
      expect(await second.store.getCheckpoint(`${INTERACTION_STREAM}:gap-from`)).toBeUndefined();
    } finally {
      await second.stop();
    }
  }, 180_000);
});

describe('voxbridge reconcile', () => {
  const emulators = frozenEmulators();

  it('finds nothing after a clean run, then lists planted differences exactly, and --fix delivers the missing one once', async () => {
    const config = e2eConfig(emulators);
    const bridge = await startQuietBridge(config);
    try {
      const from = emulators.livevox.clock.now();
      await busyHourThenQuiet(emulators.livevox.url, {
        agents: 8,
        callsPerMinute: 2,
        smsPerMinute: 1,
        emailsPerMinute: 1,
      });
      const to = emulators.livevox.clock.now();
      const expected = expectedIds(emulators.livevox);
      const settled = () => waitForBridgeDone(bridge, expected.length, 30_000);
      await settled();
      const playvox = playvoxClient(config.playvox);
      const parts = { config, store: bridge.store, livevox: liveVoxClient(config.livevox), playvox };

      // A clean run: the history report's records map to what the feed delivered, field for field.
      const clean = await reconcile(parts, { from, to });
      expect(clean).toMatchObject({ expected: expected.length, held: expected.length });
      expect({ missing: clean.missing, duplicated: clean.duplicated, different: clean.different }).toEqual({
        missing: [],
        duplicated: [],
        different: [],
      });
      expect(clean.requests.playvox).toBe(Math.ceil(expected.length / 100));

      // Plant three differences through Playvox's API: one deleted, one created twice, one field changed.
      const integrationId = (await bridge.store.getIntegrationId())!;
      const voice = expected.filter((id) => id.startsWith('VOICE-'));
      const [gone, twice, changed] = [voice[0]!, voice[1]!, voice[2]!];
      const copies = new Map<string, Record<string, unknown>>();
      for await (const item of playvox.interactions.list(integrationId, {
        query: { interaction_id: { $in: [gone, twice, changed] } },
      }))
        copies.set(String(item.interaction_id), item as Record<string, unknown>);
      await playvox.interactions.delete(integrationId, String(copies.get(gone)!._id));
      const original = copies.get(twice)!;
      await playvox.interactions.create(integrationId, {
        interactionId: twice,
        assigneeId: String(original.assignee_id ?? 'agent@example.com'),
        metadata: original.metadata as Record<string, string | number>,
      });
      await playvox.interactions.update(integrationId, String(copies.get(changed)!._id), {
        duration_seconds: 99_999,
      });

      const planted = await reconcile(parts, { from, to });
      expect(planted.missing).toEqual([gone]);
      expect(planted.duplicated).toEqual([{ interactionId: twice, copies: 2 }]);
      expect(planted.different).toEqual([
        {
          interactionId: changed,
          fields: [{ field: 'duration_seconds', expected: expect.any(Number), held: 99_999 }],
        },
      ]);

      // --fix queues the missing one (the store thinks it delivered); the running pipeline sends it once.
      const fixed = await reconcile(parts, { from, to, fix: true });
      expect(fixed.fixed).toEqual({ queued: 1, inFlight: 0 });
      await settled();
      const after = await reconcile(parts, { from, to });
      expect(after.missing).toEqual([]);
      expect(after.duplicated).toEqual([{ interactionId: twice, copies: 2 }]);
      const held = await heldIds(config);
      expect(held.get(gone)).toBe(1);
    } finally {
      await bridge.stop();
    }
  }, 90_000);
});
