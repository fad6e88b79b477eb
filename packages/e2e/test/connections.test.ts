/**
 * Several connections (tenants) in one process: two LiveVox accounts (two emulators, the same traffic,
 * so their session ids overlap) into one Playvox account with an integration each, and a third
 * connection whose Playvox credentials are wrong. Checked against the emulators' ground truth.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BridgeConnection,
  createLogger,
  parseConnections,
  type RunningConnections,
  startConnections,
} from '@voxbridge/bridge';
import { type LiveVoxEmulator, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { type PlayvoxEmulator, startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../bridge/test/helpers.js';
import { connectionEntry, idsOf, playvoxTruth } from './connections-truth.js';
import { e2eConfig, generateTraffic, putFaults, startQuietBridge, waitFor } from './e2e-helpers.js';
import { compare, EXACTLY_ONCE, expectedIds, heldIds, waitForAllDelivered } from './e2e-truth.js';
import { BUILT_BRIDGE, CLI_BIN, freePort, runCli, writeConfig } from './workers-helpers.js';

const quiet = () => createLogger({ level: 'silent', pretty: false });

/** Waits until every running connection's feed has its position (traffic after that is all read). */
async function positioned(running: RunningConnections): Promise<void> {
  await Promise.all(running.connections.map((c) => c.bridge?.pipeline.waitUntilPositioned()));
}

describe('several connections in one process', () => {
  let playvox: PlayvoxEmulator;
  let acmeLv: LiveVoxEmulator;
  let globexLv: LiveVoxEmulator;
  let file: string;
  let connections: BridgeConnection[];
  let running: RunningConnections | undefined;

  beforeAll(async () => {
    playvox = await startPlayvoxEmulator({ port: 0, config: { jobs: { delayMs: 20 } } as never });
    const start = (seed: number) =>
      startLiveVoxEmulator({ port: 0, seed, config: { feed: { waitMs: 200 } } as never });
    [acmeLv, globexLv] = [await start(7), await start(8)];
    const acme = connectionEntry('acme', acmeLv.url, playvox.url);
    // acme has no assignee fallback: its SMS and emails (no agent) are dead-lettered, in its store only.
    acme.mapping = { ...acme.mapping, assignee: { mode: 'login' } } as never;
    const raw = {
      store: { path: join(tempDir(), 'state.db') },
      server: { port: 0 },
      delivery: { reconcileSettleMs: 1000, retryBaseDelayMs: 50 },
      log: { level: 'silent' },
      connections: [
        acme,
        connectionEntry('globex', globexLv.url, playvox.url),
        connectionEntry('broken', globexLv.url, playvox.url, { key: 'not-the-key' }),
      ],
    };
    file = writeConfig(raw);
    connections = parseConnections(raw);
  });

  afterAll(async () => {
    await running?.stop().catch(() => undefined);
    await Promise.all([playvox?.close(), acmeLv?.close(), globexLv?.close()]);
  });

  it('delivers each connection into its own integration exactly once, while a broken one is retried and another one has its LiveVox down', async () => {
    running = await startConnections(connections, {
      logger: quiet(),
      retryBaseMs: 200,
      retryMaxMs: 1000,
    });
    await positioned(running);
    const [acme, globex, broken] = running.connections;
    // The same traffic seed in both accounts: their session ids are the same, their Playvox ids not.
    const traffic = { agents: 10, calls: 120, sms: 40, emails: 40, seed: 21 };
    await Promise.all([generateTraffic(acmeLv.url, traffic), generateTraffic(globexLv.url, traffic)]);
    const sessions = (lv: LiveVoxEmulator) =>
      new Set((lv.truth().interactions ?? []).map((i) => i.sessionId));
    const shared = [...sessions(acmeLv)].filter((s) => sessions(globexLv).has(s));
    expect(shared.length).toBeGreaterThan(0);

    await waitForAllDelivered(globex!.store, 200, 60_000);
    await waitForAllDelivered(acme!.store, 200, 60_000);
    // acme: what it dead-lettered (every SMS and email, calls without an agent) is held nowhere, the rest once.
    const letters = await acme!.store.listDeadLetters(1000);
    const dead = await acme!.store.getInteractions(letters.map((l) => l.key!));
    const deadIds = new Set([...dead.values()].map((row) => row.interactionId));
    expect(deadIds.size).toBe(letters.length);
    expect(deadIds.size).toBeGreaterThanOrEqual(80);
    const acmeIds = idsOf(acmeLv, 'acme').filter((id) => !deadIds.has(id));
    expect(compare(acmeIds, await heldIds(acme!.config))).toEqual(EXACTLY_ONCE);
    expect(compare(idsOf(globexLv, 'globex'), await heldIds(globex!.config))).toEqual(EXACTLY_ONCE);
    expect((await globex!.store.counts()).deadLetters).toBe(0);

    // Playvox's truth: two integrations, nothing held twice under one id anywhere.
    const truth = await playvoxTruth(playvox);
    expect(truth.interactions.duplicates).toEqual([]);
    expect(truth.interactions.total).toBe(acmeIds.length + 200);
    const byName = Object.fromEntries(truth.integrations.map((i) => [i.name, i.interactions]));
    expect(byName).toMatchObject({ 'LiveVox acme': acmeIds.length, 'LiveVox globex': 200 });

    // The broken connection failed at apply, is retried, and is named; the process stays ready.
    await waitFor(
      () => broken!.status().failures >= 2,
      10_000,
      () => JSON.stringify(broken!.status()),
    );
    expect(broken!.status()).toMatchObject({ state: 'failed' });
    expect(broken!.status().error).not.toContain('not-the-key');
    const health = running.health();
    expect(health.ready).toBe(true);
    expect(health.details.failing).toEqual(['broken']);
    const ready = await fetch(`${running.url}/readyz`);
    const body = (await ready.json()) as { details: { failing: string[]; connections: object } };
    expect(ready.status).toBe(200);
    expect(body.details.failing).toEqual(['broken']);
    expect(Object.keys(body.details.connections)).toEqual(['acme', 'globex', 'broken']);

    // One registry; every series carries its connection.
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    const delivered = (name: string) =>
      [
        ...metrics.matchAll(
          new RegExp(`voxbridge_interactions_delivered_total\\{connection="${name}",[^}]*\\} (\\d+)`, 'g'),
        ),
      ].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(delivered('acme')).toBe(acmeIds.length);
    expect(delivered('globex')).toBe(200);
    expect(metrics.match(/^voxbridge_build_info\{/gm)).toHaveLength(1);

    // globex's LiveVox goes down: acme goes on delivering; globex catches up when its service returns.
    await putFaults(globexLv.url, [
      { method: 'POST', path: '^/realtime/.*event/feed', probability: 1, status: 503 },
    ]);
    // The long poll already waiting when the fault came is answered first (empty): then every one fails.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const more = { agents: 10, calls: 30, sms: 0, emails: 0, seed: 22 };
    await Promise.all([generateTraffic(acmeLv.url, more), generateTraffic(globexLv.url, more)]);
    await waitFor(
      async () => {
        const { interactions: i, deadLetters } = await acme!.store.counts();
        return i.delivered + deadLetters === 230 && i.assembling + i.ready + i.mapped === 0;
      },
      60_000,
      async () => JSON.stringify(await acme!.store.counts()),
    );
    expect((await globex!.store.counts()).interactions.delivered).toBe(200);
    expect(running.health().details.connections).toMatchObject({ acme: { ready: true } });
    await putFaults(globexLv.url, []);
    await waitForAllDelivered(globex!.store, 230, 60_000);
    expect(compare(idsOf(globexLv, 'globex'), await heldIds(globex!.config))).toEqual(EXACTLY_ONCE);
    expect((await playvoxTruth(playvox)).interactions.duplicates).toEqual([]);
    await running.stop();
    running = undefined;
  }, 120_000);

  it.skipIf(!existsSync(BUILT_BRIDGE))(
    'status, dlq and check act per connection (--connection)',
    async () => {
      const one = await runCli(['status', '-c', file, '--connection', 'globex', '--json']);
      expect(one.code).toBe(0);
      const parsed = JSON.parse(one.stdout) as { connections: Array<Record<string, unknown>> };
      expect(parsed.connections).toHaveLength(1);
      expect(parsed.connections[0]).toMatchObject({ connection: 'globex', deadLetters: 0 });
      expect((parsed.connections[0]!.interactions as { delivered: number }).delivered).toBe(230);

      const all = await runCli(['status', '-c', file]);
      expect(all.code).toBe(0);
      const lines = all.stdout.trim().split('\n');
      expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['acme', 'globex', 'broken']);
      expect(lines[1]).toContain('delivered 230');

      const unknown = await runCli(['status', '-c', file, '--connection', 'initech']);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('no connection is named "initech" (known: acme, globex, broken)');

      const acmeLetters = await runCli([
        'dlq',
        'list',
        '-c',
        file,
        '--connection',
        'acme',
        '--json',
        '--limit',
        '1000',
      ]);
      const letters = (JSON.parse(acmeLetters.stdout) as { connections: { acme: unknown[] } }).connections
        .acme;
      const acmeStatus = await runCli(['status', '-c', file, '--connection', 'acme', '--json']);
      const acmeDead = (JSON.parse(acmeStatus.stdout) as { connections: Array<{ deadLetters: number }> })
        .connections[0]!.deadLetters;
      expect(acmeDead).toBeGreaterThanOrEqual(80);
      expect(letters).toHaveLength(acmeDead);
      const globexLetters = await runCli(['dlq', 'list', '-c', file, '--connection', 'globex']);
      expect(globexLetters.stdout).toBe('connection globex: the dead-letter store is empty\n');
      // check: every connection's checks under its name; the broken one's Playvox login fails.
      const check = await runCli(['check', '-c', file, '--json']);
      expect(check.code).toBe(1);
      const checks = (JSON.parse(check.stdout) as { checks: Array<{ check: string; ok: boolean }> }).checks;
      const failed = checks.filter((c) => !c.ok).map((c) => c.check);
      expect(failed).toEqual(['broken/playvox-qa']);
      expect(checks.map((c) => c.check)).toContain('globex/store');

      // backfill and reconcile work on one connection: the one named, from its own LiveVox and store.
      const period = ['--from', new Date(globexLv.clock.now() - 3_600_000).toISOString()];
      period.push('--to', new Date(globexLv.clock.now() + 60_000).toISOString());
      const unnamed = await runCli(['backfill', '-c', file, ...period, '--dry-run']);
      expect(unnamed.code).not.toBe(0);
      expect(unnamed.stderr).toContain('backfill: --connection is required, the file has 3 connections');
      const backfill = await runCli([
        'backfill',
        '-c',
        file,
        '--connection',
        'globex',
        ...period,
        '--dry-run',
        '--json',
      ]);
      expect(backfill.code, backfill.stderr).toBe(0);
      const counts = JSON.parse(backfill.stdout) as { found: number; alreadyStored: number; queued: number };
      // Everything globex's LiveVox reports for the hour is already in globex's store: nothing to queue.
      expect(counts.found).toBeGreaterThan(0);
      expect(counts).toMatchObject({ alreadyStored: counts.found, queued: 0 });

      const drop = await runCli(['dlq', 'drop', 'all', '-c', file]);
      expect(drop.code).not.toBe(0);
      expect(drop.stderr).toContain('--connection is required');
    },
    60_000,
  );

  it.skipIf(!existsSync(BUILT_BRIDGE))(
    "the standalone dashboard shows the connection --connection names, from that connection's store",
    async () => {
      const several = await runCli(['dashboard', '-c', file, '--no-livevox', '--port', '0']);
      expect(several.code).not.toBe(0);
      expect(several.stderr).toContain('dashboard: --connection is required, the file has 3 connections');
      const port = await freePort();
      const token = 'dashboard-test-token';
      const dashboard = spawn(
        process.execPath,
        [
          CLI_BIN,
          'dashboard',
          '-c',
          file,
          '--connection',
          'globex',
          '--no-livevox',
          '--port',
          String(port),
          '--token',
          token,
          '--poll-interval',
          '500',
        ],
        { stdio: 'ignore' },
      );
      try {
        let health: { delivered?: number } | null = null;
        await waitFor(
          async () => {
            const res = await fetch(`http://127.0.0.1:${port}/dashboard/state`, {
              headers: { 'x-dashboard-token': token },
            }).catch(() => undefined);
            if (!res?.ok) return false;
            health = ((await res.json()) as { health: { delivered?: number } | null }).health;
            return health !== null;
          },
          30_000,
          () => 'the dashboard never served a health sample',
        );
        // globex's own store: its 230 deliveries, none of acme's.
        expect(health).toMatchObject({ delivered: 230 });
      } finally {
        dashboard.kill('SIGTERM');
        await new Promise((resolve) => dashboard.once('exit', resolve));
      }
    },
    60_000,
  );

  it.skipIf(!existsSync(BUILT_BRIDGE))('names a missing connections[i].name when run starts', async () => {
    const bad = writeConfig({
      connections: [
        connectionEntry('acme', acmeLv.url, playvox.url),
        { ...connectionEntry('x', globexLv.url, playvox.url), name: undefined },
      ],
    });
    const run = await runCli(['run', '-c', bad]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('connections[1].name: is required');
  });
});

describe.skipIf(!existsSync(BUILT_BRIDGE))('run on a file without connections:', () => {
  it('still fails at start on bad credentials (a tenant would be retried instead)', async () => {
    const playvox = await startPlayvoxEmulator({ port: 0 });
    const livevox = await startLiveVoxEmulator({ port: 0 });
    try {
      const { name: _name, ...sections } = connectionEntry('x', livevox.url, playvox.url, {
        key: 'not-the-key',
      });
      const file = writeConfig({
        ...sections,
        store: { path: join(tempDir(), 'state.db') },
        server: { port: 0 },
      });
      const run = await runCli(['run', '-c', file]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).not.toContain('not-the-key');
    } finally {
      await Promise.all([playvox.close(), livevox.close()]);
    }
  });
});

describe('the default connection after the upgrade', () => {
  let playvox: PlayvoxEmulator;
  let livevox: LiveVoxEmulator;

  beforeAll(async () => {
    playvox = await startPlayvoxEmulator({ port: 0, config: { jobs: { delayMs: 20 } } as never });
    livevox = await startLiveVoxEmulator({ port: 0, seed: 9, config: { feed: { waitMs: 200 } } as never });
  });
  afterAll(async () => {
    await Promise.all([playvox?.close(), livevox?.close()]);
  });

  it('keeps its store, streams and ids: a store written before connections delivers nothing twice, also once tenants are added', async () => {
    const config = e2eConfig({ livevox, playvox, close: async () => {} });
    // Before: the single-connection bridge as it always ran.
    const before = await startQuietBridge(config);
    await generateTraffic(livevox.url, { agents: 5, calls: 60, sms: 20, emails: 20, seed: 3 });
    await waitForAllDelivered(before.store, 100, 60_000);
    await before.stop();

    // After: the same file through the connections runtime, then more traffic.
    const [only] = parseConnections(JSON.parse(JSON.stringify(config)));
    expect(only!.name).toBe('default');
    const after = await startConnections([only!], { logger: quiet(), serve: false });
    await positioned(after);
    const store = after.connections[0]!.store;
    await generateTraffic(livevox.url, { agents: 5, calls: 60, sms: 20, emails: 20, seed: 4 });
    await waitForAllDelivered(store, 200, 60_000);
    await after.stop();

    // Then tenants are added: the same sections become the entry named default, beside a new one.
    const {
      livevox: lv,
      playvox: pv,
      mapping,
      recordings,
      privacy,
      ...shared
    } = JSON.parse(JSON.stringify(config));
    const tenants = parseConnections({
      ...shared,
      connections: [
        { name: 'default', livevox: lv, playvox: pv, mapping, recordings, privacy },
        connectionEntry('newco', livevox.url, playvox.url),
      ],
    });
    const withTenants = await startConnections(tenants, { logger: quiet(), serve: false });
    await positioned(withTenants);
    await generateTraffic(livevox.url, { agents: 5, calls: 60, sms: 20, emails: 20, seed: 5 });
    await waitForAllDelivered(withTenants.connections[0]!.store, 300, 60_000);
    await withTenants.stop();

    expect(compare(expectedIds(livevox), await heldIds(config))).toEqual(EXACTLY_ONCE);
    expect((await playvoxTruth(playvox)).interactions.duplicates).toEqual([]);
    // The default entry's integration is the one it always had; no file of a connection named default.
    const integrations = (await playvoxTruth(playvox)).integrations;
    expect(integrations.find((i) => i.name === config.playvox.integration.name)?.interactions).toBe(300);
    expect(existsSync(config.store.path.replace(/\.db$/, '.default.db'))).toBe(false);
  }, 120_000);
});
