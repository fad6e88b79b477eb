/**
 * `voxbridge backfill` and `voxbridge reconcile` — the built CLI in child processes, against the
 * LiveVox and Playvox emulators and a store a bridge filled first.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, parseConfig, startQaBridge } from '@voxbridge/bridge';
import { LIVEVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-livevox';
import { PLAYVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-playvox';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, tempDir } from '../../bridge/test/helpers.js';
import {
  advanceLiveVox,
  busyHourThenQuiet,
  postAdmin,
  sharedEmulators,
  startEmulators,
  waitFor,
} from './e2e-helpers.js';
import { BUILT_BRIDGE, CLI_BIN, runCli } from './workers-helpers.js';

const built = existsSync(CLI_BIN) && existsSync(BUILT_BRIDGE);
const HOUR = 3_600_000;

const cli = (args: string[]) => runCli(args);
const admin = (emulators: { livevox: { url: string } }, path: string, body: unknown) =>
  postAdmin(emulators.livevox.url, path, body);
const advance = (emulators: { livevox: { url: string } }, totalMs: number) =>
  advanceLiveVox(emulators.livevox.url, totalMs);

describe.skipIf(!built)('voxbridge backfill and reconcile (built CLI, emulators)', () => {
  const emulators = sharedEmulators(() => startEmulators({ seed: 3, frozen: true }));
  let file: string;
  beforeAll(async () => {
    const { livevox, playvox } = emulators;
    const raw = baseConfig();
    const dir = tempDir('voxbridge-backfill-');
    file = join(dir, 'voxbridge.yaml');
    const config = {
      ...raw,
      livevox: { baseUrl: livevox.url, ...LIVEVOX_DEFAULT_CREDENTIALS, feed: { count: 1000 } },
      playvox: {
        ...(raw.playvox as object),
        baseUrl: playvox.url,
        ...PLAYVOX_DEFAULT_CREDENTIALS,
        integration: { name: 'LiveVox backfill CLI' },
      },
      delivery: { reconcileSettleMs: 1000, retryBaseDelayMs: 50 },
      store: { path: join(dir, 'state.db') },
      server: { port: 0 },
      log: { level: 'silent' },
      recordings: { mode: 'off' },
    };
    writeFileSync(file, JSON.stringify(config));
  });

  it('counts, queues once, and reconcile lists what Playvox misses', async () => {
    const config = parseConfig(JSON.parse((await import('node:fs')).readFileSync(file, 'utf8')));
    const t0 = new Date(emulators.livevox.clock.now()).toISOString();
    const bridge = await startQaBridge(config, { logger: createLogger({ level: 'silent' }), serve: false });
    await bridge.pipeline.waitUntilPositioned();
    // One hour the bridge delivers, then one hour while it is stopped.
    await busyHourThenQuiet(emulators.livevox.url, {
      agents: 6,
      callsPerMinute: 1,
      smsPerMinute: 0.5,
      emailsPerMinute: 0.5,
    });
    const delivered = emulators.livevox.truth().interactions!.length;
    await waitFor(
      async () =>
        (await bridge.store.counts()).interactions.delivered >= delivered && (await bridge.pipeline.isIdle()),
      30_000,
      async () => JSON.stringify(await bridge.store.counts()),
    );
    await bridge.stop();
    await admin(emulators, 'traffic', { callsPerMinute: 1, smsPerMinute: 0.5, emailsPerMinute: 0.5 });
    await advance(emulators, HOUR);
    await admin(emulators, 'traffic', { stop: true });
    await advance(emulators, HOUR);
    const t2 = new Date(emulators.livevox.clock.now()).toISOString();
    const total = emulators.livevox.truth().interactions!.length;
    expect(total).toBeGreaterThan(delivered);

    const period = ['--from', t0, '--to', t2, '-c', file];
    const dry = await cli(['backfill', ...period, '--dry-run', '--json']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      found: total,
      alreadyDelivered: delivered,
      alreadyStored: delivered,
      queued: total - delivered,
      requests: 1,
    });

    // Reconcile before the backfill: Playvox misses exactly the second hour's interactions (exit 2).
    const before = await cli(['reconcile', ...period, '--json']);
    expect(before.code).toBe(2);
    const report = JSON.parse(before.stdout);
    expect(report).toMatchObject({ expected: total, held: delivered, duplicated: [], different: [] });
    expect(report.missing).toHaveLength(total - delivered);
    expect(report.requests.playvox).toBe(Math.ceil(total / 100));

    const real = await cli(['backfill', ...period]);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(new RegExp(`queued +${total - delivered}\\b`));
    const again = await cli(['backfill', ...period, '--dry-run', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ found: total, alreadyStored: total, queued: 0 });

    // The next run delivers what was queued; reconcile then finds nothing (exit 0).
    const next = await startQaBridge(config, { logger: createLogger({ level: 'silent' }), serve: false });
    try {
      await waitFor(
        async () => (await next.store.counts()).interactions.delivered >= total,
        30_000,
        async () => JSON.stringify(await next.store.counts()),
      );
    } finally {
      await next.stop();
    }
    const after = await cli(['reconcile', ...period]);
    expect(after.stdout).toMatch(/missing +0\nduplicated 0\ndifferent +0/);
    expect(after.code).toBe(0);

    const bad = await cli(['backfill', '--from', 'yesterday', '--to', t2, '-c', file]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('must be an ISO 8601 time such as 2026-01-05T00:00:00Z, got "yesterday"');
  }, 120_000);
});
