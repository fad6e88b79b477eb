/**
 * Late data: a call whose agent dispositions after the bridge's voice grace period is delivered
 * without its disposition and then updated in place (PUT) once the disposition comes, exactly once in
 * effect, even when the bridge is SIGKILLed between the PUT and its record in the store.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyLateUpdates,
  type BridgeConfig,
  PlayvoxQaSink,
  playvoxClient,
  SqliteStore,
} from '@voxbridge/bridge';
import type { PlayvoxTruth } from '@voxbridge/emulator-playvox';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../bridge/test/helpers.js';
import { BRIDGE_BUILT, startBridgeChild, stopBridgeChild } from './bridge-child.js';
import {
  advanceLiveVox,
  e2eConfig,
  putFaults,
  sharedEmulators,
  startEmulators,
  startQuietBridge,
  waitFor,
  withFields,
} from './e2e-helpers.js';
import { expectedIds, heldIds } from './e2e-truth.js';
import { runCli } from './workers-helpers.js';

const MINUTE = 60_000;

/** The call data a late disposition brings, as metadata fields. */
const LATE_FIELDS = [
  { field: 'term_code', type: 'string', from: 'termCode' },
  { field: 'term_code_description', type: 'string', from: 'termCodeDescription' },
  { field: 'wrap_seconds', type: 'integer', from: 'wrapSeconds' },
];

/** A bridge configuration whose grace period is short (real time) and that maps the late fields. */
function lateConfig(emulators: ReturnType<typeof sharedEmulators>, graceMs: number): BridgeConfig {
  const base = e2eConfig(emulators);
  const fields = withFields(base, LATE_FIELDS);
  return e2eConfig(emulators, {
    ...fields,
    playvox: { ...fields.playvox, integration: base.playvox.integration },
    mapping: { ...fields.mapping, voiceGraceMs: graceMs },
    store: base.store,
  });
}

/**
 * Live calls on LiveVox's frozen clock: 20 minutes of traffic, then a drain that completes every call
 * but the late ones (short talk times), whose dispositions wait 30 simulated minutes for the test.
 */
async function startCalls(
  emulators: ReturnType<typeof sharedEmulators>,
): Promise<{ drained: Promise<void> }> {
  emulators.livevox.configure({
    simulation: {
      meanTalkMs: 60_000,
      lateDispositionShare: 0.3,
      lateDispositionDelayMs: 30 * MINUTE,
    },
  } as never);
  emulators.livevox.startTraffic({ agents: 6, callsPerMinute: 3, smsPerMinute: 0, emailsPerMinute: 0 });
  await advanceLiveVox(emulators.livevox.url, 20 * MINUTE, MINUTE);
  const drained = emulators.livevox.stopTraffic({ drain: true });
  await advanceLiveVox(emulators.livevox.url, 10 * MINUTE, MINUTE);
  return { drained };
}

/** The Playvox emulator's truth with every interaction's metadata. */
async function playvoxTruth(emulators: ReturnType<typeof sharedEmulators>): Promise<PlayvoxTruth> {
  return (await (
    await fetch(`${emulators.playvox.url}/_emulator/truth?details=true`)
  ).json()) as PlayvoxTruth;
}

/** What LiveVox says of the calls dispositioned late, keyed by the bridge's interaction id. */
function lateCalls(emulators: ReturnType<typeof sharedEmulators>) {
  const ids = expectedIds(emulators.livevox);
  const calls = emulators.livevox.truth().interactions ?? [];
  return new Map(calls.flatMap((c, i) => (c.lateDisposition ? [[ids[i]!, c] as const] : [])));
}

/** Checks Playvox against LiveVox: every late call carries its final term code and wrap time, updated once. */
async function expectLateCallsUpdated(emulators: ReturnType<typeof sharedEmulators>, config: BridgeConfig) {
  const late = lateCalls(emulators);
  const truth = await playvoxTruth(emulators);
  const held = await heldIds(config);
  expect([...held.values()].filter((n) => n > 1)).toEqual([]);
  expect(held.size).toBe(expectedIds(emulators.livevox).length);
  const byId = new Map((truth.details ?? []).map((d) => [d.interaction_id, d]));
  for (const [id, call] of late) {
    const held = byId.get(id)!;
    expect(held.metadata, id).toMatchObject({
      term_code: String(call.termCode),
      term_code_description: call.termCodeName,
      wrap_seconds: call.wrapSeconds,
    });
    expect(held.updates, id).toBe(1);
  }
  // Only the late calls were updated: the others went out complete.
  expect(truth.interactions.updated).toBe(late.size);
  return truth;
}

describe('late dispositions update the delivered interaction in place', () => {
  const emulators = sharedEmulators(() => startEmulators({ frozen: true }));

  it('delivers a call without its late disposition, then updates it once: no dead letter, no duplicate', async () => {
    const config = lateConfig(emulators, 1500);
    const bridge = await startQuietBridge(config);
    try {
      const { drained } = await startCalls(emulators);
      const total = expectedIds(emulators.livevox).length;
      // The late calls go out after the grace period, without a disposition.
      await waitFor(async () => (await bridge.store.counts()).interactions.delivered === total, 60_000);
      const late = lateCalls(emulators);
      expect(late.size).toBeGreaterThan(0);
      for (const [id] of late)
        expect(
          (await playvoxTruth(emulators)).details!.find((d) => d.interaction_id === id)!.metadata,
        ).not.toHaveProperty('term_code');
      // The dispositions come.
      await advanceLiveVox(emulators.livevox.url, 40 * MINUTE, MINUTE);
      await drained;
      await waitFor(
        async () => (await bridge.store.lateUpdateCounts()).applied === late.size,
        60_000,
        async () => `late updates: ${JSON.stringify(await bridge.store.lateUpdateCounts())}`,
      );
      const truth = await expectLateCallsUpdated(emulators, config);
      process.stdout.write(
        `late update figures: ${JSON.stringify({ calls: total, lateDispositions: late.size, ...truth.interactions })}\n`,
      );
      expect(await bridge.store.lateUpdateCounts()).toEqual({ applied: late.size, pending: 0 });
      expect((await bridge.store.counts()).deadLetters).toBe(0);
      expect(bridge.pipeline.progress.lateUpdates).toBe(late.size);
      const scrape = await bridge.metrics.registry.metrics();
      expect(scrape).toContain(
        `voxbridge_late_updates_total{connection="default",pipeline="qa"} ${late.size}`,
      );
    } finally {
      await bridge.stop();
    }
  });
});

describe('the late-update stage against the Playvox emulator', () => {
  const emulators = sharedEmulators(() => startEmulators({ frozen: true }));

  it('updates only what late events fill when nothing was kept, and waits after a 404 instead of dead-lettering', async () => {
    const config = lateConfig(emulators, 600_000);
    const bridge = await startQuietBridge(config); // applies the integration, then is not needed
    const integrationId = bridge.apply.integrationId!;
    await bridge.stop();
    const playvox = playvoxClient(config.playvox);
    const sink = new PlayvoxQaSink(playvox, integrationId);
    const store = new SqliteStore({ path: ':memory:' });
    try {
      const playvoxId = await playvox.interactions.create(integrationId, {
        interactionId: 'VOICE-complete-1',
        assigneeId: 'agent@example.com',
        metadata: { call_start: '2026-12-03T07:00:00.000Z', channel: 'VOICE', agent_login: 'A1' },
      });
      const delivered = (key: string, id: string) => ({
        key,
        type: 'VOICE' as const,
        state: 'delivered' as const,
        interactionId: key,
        events: [],
        firstSeenAt: 1,
        updatedAt: 1,
        attempts: 0,
        retryAt: 0,
        playvoxId: id,
      });
      await store.saveInteractions([
        delivered('VOICE-complete-1', playvoxId),
        delivered('VOICE-gone-1', 'ffffffffffffffffffffffff'),
      ]);
      const disposition = { callEventType: 'CALL_DISPOSITION', lvResultId: 705, lvResult: 'Promise To Pay' };
      await store.addLateEvents([
        { seq: 1, key: 'VOICE-complete-1', payload: disposition },
        { seq: 2, key: 'VOICE-gone-1', payload: disposition },
      ]);
      const result = await applyLateUpdates(store, config, sink, undefined);
      expect(result).toEqual({ applied: 1, deferred: 1, deadLettered: 0 });
      const held = (await playvoxTruth(emulators)).details!.find((d) => d._id === playvoxId)!;
      // The values it had stay; the late ones are added (no default fills what the events leave out).
      expect(held.metadata).toEqual({
        call_start: '2026-12-03T07:00:00.000Z',
        channel: 'VOICE',
        agent_login: 'A1',
        term_code: '705',
        term_code_description: 'Promise To Pay',
      });
      // The 404 waits for its retry time, one attempt spent, with no dead letter.
      expect(await store.pendingLateUpdates(10)).toEqual([]);
      const [waiting] = await store.pendingLateUpdates(10, Number.MAX_SAFE_INTEGER);
      expect(waiting).toMatchObject({ attempts: 1, row: { key: 'VOICE-gone-1' } });
      expect(await store.listDeadLetters()).toEqual([]);
      expect(await store.lateUpdateCounts()).toEqual({ applied: 1, pending: 1 });
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!BRIDGE_BUILT)(
  'a bridge killed between the PUT and its record (needs the built bridge)',
  () => {
    const emulators = sharedEmulators(() => startEmulators({ frozen: true }));
    let child: ChildProcess | undefined;
    afterEach(async () => {
      if (child) await stopBridgeChild(child, 'SIGKILL');
    });

    it('is restarted and still ends with the right metadata, each update once in effect, no duplicate', async () => {
      const config = lateConfig(emulators, 1500);
      const configFile = join(tempDir(), 'voxbridge.yaml');
      // Many attempts: the cut answers below must not dead-letter the update before the kill.
      writeFileSync(
        configFile,
        JSON.stringify({ ...config, delivery: { ...config.delivery, maxAttempts: 50 } }),
      );
      child = await startBridgeChild(configFile);
      const { drained } = await startCalls(emulators);
      const total = expectedIds(emulators.livevox).length;
      const store = () => new SqliteStore({ path: config.store.path! });
      const delivered = async () => {
        const reader = store();
        try {
          return (await reader.counts()).interactions.delivered;
        } finally {
          await reader.close();
        }
      };
      await waitFor(
        async () => (await delivered()) === total,
        60_000,
        async () => `delivered ${await delivered()} of ${total}`,
      );
      const late = lateCalls(emulators);
      expect(late.size).toBeGreaterThan(0);
      // Playvox applies every PUT but cuts its answer: the bridge never learns that its update landed.
      await putFaults(emulators.playvox.url, [{ method: 'PUT', path: '/interactions/', truncate: true }]);
      await advanceLiveVox(emulators.livevox.url, 40 * MINUTE, MINUTE);
      await drained;
      // Once an update has landed (the circuit breaker then holds the others back), the bridge is killed.
      await waitFor(
        async () => (await playvoxTruth(emulators)).interactions.updated >= 1,
        60_000,
        async () => `updated in Playvox: ${JSON.stringify((await playvoxTruth(emulators)).interactions)}`,
      );
      await stopBridgeChild(child, 'SIGKILL');
      const before = store();
      expect((await before.lateUpdateCounts()).applied).toBe(0);
      await before.close();

      await putFaults(emulators.playvox.url, []);
      child = await startBridgeChild(configFile);
      const applied = async () => {
        const reader = store();
        try {
          return await reader.lateUpdateCounts();
        } finally {
          await reader.close();
        }
      };
      await waitFor(
        async () => (await applied()).applied === late.size,
        60_000,
        async () => `after the restart: ${JSON.stringify(await applied())}`,
      );
      const truth = await expectLateCallsUpdated(emulators, config);
      // The restarted bridge sent the landed update again: Playvox held the values already.
      expect(truth.interactions.unchangedUpdates).toBeGreaterThanOrEqual(1);
      expect(await applied()).toEqual({ applied: late.size, pending: 0 });
      const reader = store();
      expect((await reader.counts()).deadLetters).toBe(0);
      await reader.close();
      // `voxbridge status` reads the same figures from the store, beside the running bridge.
      const status = await runCli(['status', '--json', '--config', configFile]);
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout).lateUpdates).toEqual({ applied: late.size, pending: 0 });
      const text = await runCli(['status', '--config', configFile]);
      expect(text.stdout).toContain(`late updates      applied ${late.size}, pending 0`);
    }, 240_000);
  },
);
