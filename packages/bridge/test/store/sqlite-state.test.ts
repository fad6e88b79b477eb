import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { StoreLockedError, StoreMissingError } from '../../src/store/sqlite-lock.js';
import { parseDuration } from '../../src/store/sqlite-retention.js';
import type { InteractionRow } from '../../src/store/types.js';
import { tempDir } from '../helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('SQLite store location and run lock', () => {
  it('refuses a missing store when asked to, naming the path, and creates nothing', () => {
    const path = join(tempDir(), 'nested', 'state.db');
    expect(() => new SqliteStore({ path, mustExist: true })).toThrow(StoreMissingError);
    expect(() => new SqliteStore({ path, mustExist: true })).toThrow(`no store at ${path}`);
    expect(existsSync(path)).toBe(false);
  });

  it('says whether this open created the file', async () => {
    const path = join(tempDir(), 'state.db');
    const first = new SqliteStore({ path });
    expect(first.created).toBe(true);
    await first.close();
    const again = new SqliteStore({ path, mustExist: true });
    expect(again.created).toBe(false);
    await again.close();
  });

  it('lets one run hold the store, names it to a second, and lets readers in', async () => {
    const path = join(tempDir(), 'state.db');
    const run = new SqliteStore({ path, lock: true });
    await run.appendEvents('s', [{ eventId: 'e1', payload: { a: 1 } }]);
    let refused: unknown;
    try {
      new SqliteStore({ path, lock: true });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect((refused as Error).message).toContain(
      `the store ${path} is in use by another voxbridge run (pid ${process.pid}`,
    );
    const reader = new SqliteStore({ path, mustExist: true });
    expect((await reader.counts()).events).toBe(1);
    await reader.close();
    await run.close();
    const next = new SqliteStore({ path, lock: true });
    expect((await next.counts()).events).toBe(1);
    await next.close();
  });
});

describe('store.retention', () => {
  it('parses durations', () => {
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('90 m')).toBe(5_400_000);
    expect(parseDuration('seven days')).toBeUndefined();
  });

  it('keeps events no consumer has passed, undelivered interactions and dead letters', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const path = join(tempDir(), 'state.db');
    const store = new SqliteStore({ path });
    await store.appendEvents(
      's',
      [1, 2, 3].map((i) => ({ eventId: `e${i}`, payload: { i } })),
    );
    await store.saveCursor('assembler', 2);
    await store.saveInteractions([row('a', 'delivered', 0), row('b', 'mapped', 0), row('c', 'dead', 0)]);
    await store.deadLetter({ key: 'c', stage: 'map', reason: 'bad', payload: {} });
    // Late updates: those of the pruned interaction lose their events and base, keep their count.
    await store.saveLateBases([
      { key: 'a', record: {}, events: [] },
      { key: 'b', record: { kept: true }, events: [] },
    ]);
    await store.addLateEvents([
      { seq: 1, key: 'a', payload: {} },
      { seq: 2, key: 'b', payload: {} },
    ]);
    vi.setSystemTime(10_000);
    expect(store.prune(5_000)).toEqual({ events: 2, interactions: 1 });
    expect(await store.lateUpdateCounts()).toEqual({ applied: 0, pending: 1 });
    expect((await store.counts()).events).toBe(1);
    expect([...(await store.getInteractions(['a', 'b', 'c'])).keys()]).toEqual(['b', 'c']);
    expect((await store.listDeadLetters()).map((l) => l.key)).toEqual(['c']);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT key FROM late_updates WHERE base IS NOT NULL').all()).toEqual([{ key: 'b' }]);
    db.close();
  });

  it('keeps the file bounded over a simulated day at 100 calls a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.UTC(2026, 0, 1);
    vi.setSystemTime(start);
    const path = join(tempDir(), 'state.db');
    const retentionMs = parseDuration('1h')!;
    let store = new SqliteStore({ path, synchronous: 'normal', retentionMs });
    await store.deadLetter({ key: 'kept', stage: 'map', reason: 'stays until dropped', payload: { x: 1 } });
    const sizes: Record<number, number> = {};
    let seq = 0;
    for (let minute = 1; minute <= 24 * 60; minute++) {
      const now = start + minute * 60_000;
      vi.setSystemTime(now);
      const events = [];
      const rows: InteractionRow[] = [];
      for (let call = 0; call < 100; call++) {
        const id = `${minute}-${call}`;
        for (const type of ['CALL_START', 'CALL_TERMINATION', 'CALL_DISPOSITION'])
          events.push({ eventId: `${id}-${type}`, payload: callEvent(id, type) });
        rows.push(row(`VOICE:${id}`, 'delivered', now));
      }
      await store.appendEvents('livevox:interactions', events, `token-${minute}`);
      seq += events.length;
      await store.saveCursor('assembler', seq);
      await store.saveInteractions(rows);
      if (minute % 60 === 0) store.prune(now - retentionMs); // what the hourly timer does
      if (minute % 360 === 0) {
        await store.close(); // folds the WAL into the file, so the size is the file's
        sizes[minute / 60] = statSync(path).size;
        store = new SqliteStore({ path, synchronous: 'normal', retentionMs });
      }
    }
    const counts = await store.counts();
    expect(counts.deadLetters).toBe(1);
    expect(counts.interactions.delivered).toBeLessThanOrEqual(100 * 61);
    expect(counts.events).toBeLessThanOrEqual(300 * 61);
    await store.close();
    console.log(
      `store size after 6/12/18/24 simulated hours (retention 1h, 100 calls/min): ${JSON.stringify(sizes)} bytes`,
    );
    expect(sizes[24]!).toBeLessThanOrEqual(sizes[6]! * 1.1);
  }, 300_000);
});

function row(key: string, state: InteractionRow['state'], at: number): InteractionRow {
  return {
    key,
    type: 'VOICE',
    state,
    interactionId: `VOICE-${key}`,
    events: [],
    firstSeenAt: at,
    updatedAt: at,
    attempts: 1,
    retryAt: 0,
    ...(state === 'delivered' ? { deliveredAt: at, playvoxId: `pv-${key}` } : {}),
  };
}

/** An event about the size of a LiveVox feed event. */
function callEvent(id: string, eventType: string): Record<string, unknown> {
  return {
    eventType,
    interactionType: 'VOICE',
    sessionId: `U${id}AAAAAAAAAAAAAAAAAAAA`,
    transactionId: `T${id}`,
    timestamp: '2026-01-01T00:00:00.000Z',
    agentLoginId: 'agent017',
    serviceId: 1234567,
    phoneDialed: '+15550100123',
    lvResult: eventType === 'CALL_DISPOSITION' ? 'AGENT - SALE' : undefined,
    duration: 184,
  };
}
