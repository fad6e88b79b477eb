import { describe, expect, it } from 'vitest';
import {
  e2eConfig,
  generateTraffic,
  putFaults,
  sharedEmulators,
  startQuietBridge,
  withFields,
} from './e2e-helpers.js';
import { EXACTLY_ONCE, expectedIds, truthOf, waitForBridgeDone } from './e2e-truth.js';

describe('LiveVox → Playvox QA, end to end over HTTP', () => {
  const emulators = sharedEmulators();

  it('delivers 5,000 interactions of all three types exactly once', async () => {
    const config = e2eConfig(emulators);
    const bridge = await startQuietBridge(config);
    await generateTraffic(emulators.livevox.url, {
      agents: 40,
      calls: 3000,
      sms: 1000,
      emails: 1000,
      seed: 11,
    });
    const expected = expectedIds(emulators.livevox);
    expect(expected).toHaveLength(5000);
    await waitForBridgeDone(bridge, 5000, 40_000, {
      describe: async () =>
        JSON.stringify({
          counts: await bridge.store.counts(),
          progress: bridge.pipeline.progress,
          dead: await bridge.store.listDeadLetters(3),
        }),
    });
    await bridge.stop();
    expect(await truthOf(config, expected)).toEqual(EXACTLY_ONCE);
    const truth = emulators.livevox.truth({ summary: true } as never);
    expect(truth.counts).toMatchObject({ VOICE: 3000, SMS: 1000, EMAIL: 1000 });
  });
});

describe('LiveVox → Playvox QA under faults', () => {
  const emulators = sharedEmulators();

  it('loses and duplicates nothing through 5xx, 429 with Retry-After, connection resets, cut bodies and slow answers', async () => {
    const config = e2eConfig(emulators);
    const bridge = await startQuietBridge(config);
    const faults = [
      // Bulk requests: a 503 (ambiguous: reconciled by lookup), a reset and a cut body (both ambiguous).
      { method: 'POST', path: '/bulk/interactions$', probability: 0.15, status: 503 },
      { method: 'POST', path: '/bulk/interactions$', probability: 0.1, drop: true },
      { method: 'POST', path: '/bulk/interactions$', probability: 0.1, truncate: true },
      // Job reads and lookups: rate limited with Retry-After, and slow.
      { method: 'GET', path: '^/api/v1/jobs/', probability: 0.2, status: 429, retryAfter: 1 },
      { method: 'GET', path: '^/api/v1/integrations/[^/]+/interactions$', probability: 0.2, delayMs: 300 },
    ];
    const lvFaults = [
      // One of each kind for certain (a fast drain makes few feed requests), then more at random.
      { method: 'POST', path: '^/realtime/.*event/feed', times: 1, status: 502 },
      { method: 'POST', path: '^/realtime/.*event/feed', times: 1, drop: true },
      { method: 'POST', path: '^/realtime/.*event/feed', probability: 0.15, status: 502 },
      { method: 'POST', path: '^/realtime/.*event/feed', probability: 0.1, drop: true },
      // Context Data reads (`GET /context/call/{session}/{txId}/{account}`): retried, never lost.
      { method: 'GET', path: '^/context/(v[^/]+/)?call/', probability: 0.1, status: 500 },
    ];
    await putFaults(emulators.playvox.url, faults);
    await putFaults(emulators.livevox.url, lvFaults);
    await generateTraffic(emulators.livevox.url, { agents: 30, calls: 900, sms: 300, emails: 300, seed: 12 });
    const expected = expectedIds(emulators.livevox);
    await waitForBridgeDone(bridge, expected.length, 90_000, {
      describe: async () =>
        JSON.stringify({
          counts: await bridge.store.counts(),
          lastError: bridge.pipeline.progress.lastError,
        }),
    });
    const deadLetters = (await bridge.store.counts()).deadLetters;
    // The ambiguous failures really happened and were settled by asking Playvox, not by resending.
    const reconciled = (await bridge.metrics.reconciled.get()).values.reduce((sum, v) => sum + v.value, 0);
    expect(reconciled).toBeGreaterThan(0);
    await bridge.stop();
    // Every kind of LiveVox fault happened, on the Context Data path too (its path once matched nothing).
    const lvRules = (await (await fetch(`${emulators.livevox.url}/_emulator/faults`)).json()) as Array<{
      path: string;
      status?: number;
      drop?: boolean;
      applied: number;
    }>;
    const kind = (r: { path: string; status?: number; drop?: boolean }) =>
      `${r.path} ${r.drop ? 'drop' : r.status}`;
    const fired = new Set(lvRules.filter((r) => r.applied > 0).map(kind));
    expect([...new Set(lvFaults.map(kind))].filter((k) => !fired.has(k))).toEqual([]);
    for (const url of [emulators.playvox.url, emulators.livevox.url])
      await fetch(`${url}/_emulator/faults`, { method: 'DELETE' });
    const stats = (await (await fetch(`${emulators.playvox.url}/_emulator/stats`)).json()) as {
      faults: number;
    };
    expect(stats.faults).toBeGreaterThan(0);
    expect(await truthOf(config, expected)).toEqual(EXACTLY_ONCE);
    expect(deadLetters).toBe(0);
  });

  it('dead-letters records that cannot be mapped, with a readable reason, and delivers the rest', async () => {
    const config = e2eConfig(emulators, {});
    // Make `duration_seconds` required: SMS and email attempts have no duration, so they cannot be mapped.
    const strict = {
      ...config,
      playvox: {
        ...config.playvox,
        integration: { ...config.playvox.integration, name: `${config.playvox.integration.name} strict` },
        metadata: config.playvox.metadata.map((f) =>
          f.fieldId === 'duration_seconds' ? { ...f, required: true } : f,
        ),
      },
    };
    const bridge = await startQuietBridge(strict);
    await generateTraffic(emulators.livevox.url, { agents: 10, calls: 50, sms: 20, emails: 10, seed: 13 });
    await waitForBridgeDone(bridge, 80, 60_000, { deadLetters: true });
    const letters = await bridge.store.listDeadLetters();
    expect(letters).toHaveLength(30);
    expect(new Set(letters.map((l) => l.stage))).toEqual(new Set(['map']));
    expect(letters[0]!.reason).toBe(
      'metadata.duration_seconds: is required, but record field "duration" is empty',
    );
    expect((await bridge.store.counts()).interactions.delivered).toBe(50);
    await bridge.stop();
  });
});

describe('LiveVox → Playvox QA over SSE', () => {
  const emulators = sharedEmulators();

  it('positions the stream before the first event and delivers everything exactly once', async () => {
    const base = e2eConfig(emulators);
    const config = {
      ...base,
      livevox: { ...base.livevox, feed: { ...base.livevox.feed, transport: 'sse' as const } },
    };
    const bridge = await startQuietBridge(config);
    await generateTraffic(emulators.livevox.url, { agents: 10, calls: 300, sms: 100, emails: 100, seed: 14 });
    const expected = expectedIds(emulators.livevox);
    await waitForBridgeDone(bridge, expected.length, 60_000);
    await bridge.stop();
    expect(await truthOf(config, expected)).toEqual(EXACTLY_ONCE);
  });
});

describe('LiveVox Context Data in the mapping (context.*)', () => {
  const emulators = sharedEmulators();

  it('maps context.<key> to metadata, keeps a key without a value as an empty string, leaves absent keys out', async () => {
    const config = e2eConfig(
      emulators,
      withFields(e2eConfig(emulators), [
        { field: 'customer_tier', type: 'string', from: 'context.CustomerTier' },
        { field: 'ivr_path', type: 'string', from: 'context.IVRPath' },
        { field: 'callback', type: 'string', from: 'context.CallbackRequested' },
      ]),
    );
    const bridge = await startQuietBridge(config);
    await generateTraffic(emulators.livevox.url, { agents: 10, calls: 80, seed: 15 });
    const truth = emulators.livevox.truth().interactions ?? [];
    await waitForBridgeDone(bridge, truth.length, 60_000);
    const livevox = bridge.livevox;
    const playvox = bridge.playvox;
    const metadata = new Map<string, Record<string, unknown>>();
    for await (const interaction of playvox.interactions.list(bridge.apply.integrationId!, { perPage: 100 }))
      metadata.set(String(interaction.interaction_id), interaction.metadata);
    const seen = { withContext: 0, emptyKept: 0, without: 0 };
    for (const call of truth) {
      const id = `VOICE-${call.sessionId}-${call.transactionId}`;
      const held = metadata.get(id);
      expect(held, id).toBeDefined();
      const context = await livevox.context.call
        .get({ session: call.sessionId, transactionId: call.transactionId!, account: String(call.account) })
        .catch(() => new Map<string, string | undefined>());
      if (context.size === 0) {
        expect(held).not.toHaveProperty('customer_tier');
        seen.without += 1;
        continue;
      }
      expect(held!.customer_tier).toBe(context.get('CustomerTier'));
      expect(held!.ivr_path).toBe(context.get('IVRPath'));
      if (context.has('CallbackRequested')) {
        expect(context.get('CallbackRequested')).toBeUndefined();
        expect(held!.callback).toBe('');
        seen.emptyKept += 1;
      } else expect(held).not.toHaveProperty('callback');
      seen.withContext += 1;
    }
    await bridge.stop();
    expect(seen.withContext).toBeGreaterThan(10);
    expect(seen.emptyKept).toBeGreaterThan(0);
    expect(seen.without).toBeGreaterThan(10);
  });
});
