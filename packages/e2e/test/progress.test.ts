/**
 * Progress of the long one-shot commands: `apply` (Playvox QA then WFM), `backfill`, `store copy` and
 * `dlq retry` report through `onProgress` as they go, monotone and ending at the total, against the
 * emulators and temporary stores; and the built CLI, piped, writes no terminal control sequences.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyAll,
  backfill,
  copySqliteToPostgres,
  type Progress,
  playvoxClient,
  SqliteStore,
  settleDeadLetters,
} from '@voxbridge/bridge';
import { LIVEVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-livevox';
import { startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { LiveVox } from '@voxbridge/livevox';
import { afterAll, describe, expect, it } from 'vitest';
import { baseConfig, tempDir } from '../../bridge/test/helpers.js';
import { row } from '../../bridge/test/store/contract.js';
import { testDatabase } from '../../bridge/test/store/postgres-server.js';
import { advanceLiveVox, postAdmin, sharedEmulators, startEmulators } from './e2e-helpers.js';
import { trackWorlds, worldClients, worldConfig } from './wfm-helpers.js';
import { BUILT_BRIDGE, CLI_BIN, runCli } from './workers-helpers.js';

const HOUR = 3_600_000;
// The escape that starts every terminal control sequence (colour, cursor movement, erase line).
const ESC = '\u001b';

/**
 * Checks a trace: the phases in order, each starting at 0, never going back or past a fixed total, and
 * ending at its total.
 */
function expectMonotone(trace: Progress[], phases: string[]): void {
  expect([...new Set(trace.map((p) => p.phase))]).toEqual(phases);
  for (const phase of phases) {
    const steps = trace.filter((p) => p.phase === phase);
    const total = steps[0]!.total;
    expect(steps[0]!.done, phase).toBe(0);
    for (const [i, step] of steps.entries()) {
      expect(step.total, phase).toBe(total);
      expect(step.done, phase).toBeLessThanOrEqual(total);
      if (i > 0) expect(step.done, phase).toBeGreaterThanOrEqual(steps[i - 1]!.done);
    }
    expect(steps.at(-1)!.done, phase).toBe(total);
  }
  // The phases follow one another: one does not start again after the next began.
  const order = trace.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
  expect(order).toEqual(phases);
}

describe('apply', () => {
  const tracked = trackWorlds();
  it('reports each Playvox QA step, then each WFM step; a dry run reports nothing', async () => {
    const world = await tracked.world({ gladly: true, livevox: true, users: [] });
    const playvox = await startPlayvoxEmulator();
    try {
      const config = worldConfig(world);
      config.playvox.baseUrl = playvox.url;
      const clients = { playvox: playvoxClient(config.playvox), wfm: worldClients(world, config) };
      const dry: Progress[] = [];
      await applyAll(config, clients, { dryRun: true, onProgress: (p) => dry.push(p) });
      expect(dry).toEqual([]);

      const trace: Progress[] = [];
      const result = await applyAll(config, clients, { onProgress: (p) => trace.push(p) });
      expect(result.changed).toBe(true);
      expectMonotone(trace, ['playvox-qa', 'playvox-wfm']);
      expect(trace.find((p) => p.phase === 'playvox-qa')!.total).toBe(result.qa!.plan.length);
      expect(trace.find((p) => p.phase === 'playvox-wfm')!.total).toBe(result.wfm!.plan.length);
      expect(result.wfm!.plan.length).toBeGreaterThan(10);
      expect(trace.filter((p) => p.phase === 'playvox-wfm')).toHaveLength(result.wfm!.plan.length + 1);
    } finally {
      await playvox.close();
    }
  });
});

describe('backfill', () => {
  const emulators = sharedEmulators(() => startEmulators({ seed: 11, frozen: true }));
  it('reports the minutes of the period read, ending at the whole period', async () => {
    const from = emulators.livevox.clock.now();
    await postAdmin(emulators.livevox.url, 'traffic', { agents: 30, callsPerMinute: 12, smsPerMinute: 2 });
    await advanceLiveVox(emulators.livevox.url, 2 * HOUR);
    await postAdmin(emulators.livevox.url, 'traffic', { stop: true });
    await advanceLiveVox(emulators.livevox.url, HOUR);
    const livevox = new LiveVox({ baseUrl: emulators.livevox.url, ...LIVEVOX_DEFAULT_CREDENTIALS });
    const store = new SqliteStore({ path: join(tempDir('voxbridge-progress-'), 'state.db') });
    try {
      const period = { from, to: from + 2 * HOUR };
      const quiet = await backfill(store, livevox, { ...period, dryRun: true });
      const trace: Progress[] = [];
      const counted = await backfill(store, livevox, {
        ...period,
        dryRun: true,
        onProgress: (p) => trace.push(p),
      });
      // Reporting changes nothing in what is done.
      expect(counted).toEqual(quiet);
      expect(counted.found).toBeGreaterThan(1000);
      expectMonotone(trace, ['backfill']);
      expect(trace[0]).toEqual({ done: 0, total: 120, phase: 'backfill', unit: 'minutes' });
      // Several chunks of 500 rows: the bar moves before the end.
      expect(trace.some((p) => p.done > 0 && p.done < 120)).toBe(true);
    } finally {
      await store.close();
      await livevox.session.logout().catch(() => undefined);
    }
  });
});

/** A SQLite store holding `count` dead QA interactions, each with its dead letter. */
async function storeWithDeadLetters(count: number): Promise<{ store: SqliteStore; path: string }> {
  const path = join(tempDir('voxbridge-progress-'), 'state.db');
  const store = new SqliteStore({ path });
  for (let i = 0; i < count; i += 1) {
    const key = `dead-${i}`;
    await store.deadLetter(
      { key, stage: 'map', reason: 'no assignee', payload: { i } },
      row(key, { state: 'dead' }),
    );
  }
  return { store, path };
}

describe('dlq retry', () => {
  it('reports each record, and one that is gone still counts towards the total', async () => {
    const { store } = await storeWithDeadLetters(40);
    try {
      const ids = (await store.listDeadLetters()).map((letter) => letter.id);
      const trace: Progress[] = [];
      const settled = await settleDeadLetters(store, 'retry', [...ids, 999_999], {
        onProgress: (p) => trace.push(p),
      });
      expect(settled).toEqual({ settled: 40, total: 41 });
      expectMonotone(trace, ['retry']);
      expect(trace).toHaveLength(42);
      expect(trace.at(-1)).toEqual({ done: 41, total: 41, phase: 'retry', unit: 'records' });
      expect((await store.counts()).deadLetters).toBe(0);
    } finally {
      await store.close();
    }
  });

  it.skipIf(!existsSync(CLI_BIN) || !existsSync(BUILT_BRIDGE))(
    'the built CLI, piped, prints its summary and no control sequence',
    async () => {
      const { store, path } = await storeWithDeadLetters(300);
      await store.close();
      const file = join(path, '..', 'voxbridge.yaml');
      writeFileSync(file, JSON.stringify({ ...baseConfig(), store: { path } }));
      const run = await runCli(['dlq', 'retry', 'all', '-c', file]);
      expect(run.stderr).not.toContain(ESC);
      expect(run.stdout).not.toContain(ESC);
      expect(run.stdout).toBe('retried 300 of 300\n');
      expect(run.code).toBe(0);
      const refused = await runCli(['dlq', 'retry', '12abc', '-c', file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('dlq retry: "12abc" is not a dead-letter id');
      expect(refused.stderr).not.toContain(ESC);
    },
  );
});

const db = await testDatabase();
afterAll(async () => {
  await db?.drop();
});

describe('store copy', () => {
  it.skipIf(!db)('reports the rows written over every table, ending at their sum', async () => {
    const { store, path } = await storeWithDeadLetters(50);
    // More events than one insert chunk (2,000), so the count moves inside a table.
    for (let batch = 0; batch < 5; batch += 1)
      await store.appendEvents(
        'livevox:interactions',
        Array.from({ length: 1000 }, (_, i) => ({ eventId: `e${batch}-${i}`, payload: { i } })),
        `token-${batch}`,
      );
    await store.close();
    const trace: Progress[] = [];
    const counts = await copySqliteToPostgres(path, db!.url, { onProgress: (p) => trace.push(p) });
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect(counts.events).toBe(5000);
    expectMonotone(trace, ['copy']);
    expect(trace.at(-1)).toEqual({ done: rows, total: rows, phase: 'copy', unit: 'rows' });
    expect(trace.some((p) => p.done > 0 && p.done < 5000)).toBe(true);
  });
});
