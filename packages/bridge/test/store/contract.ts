/**
 * The store contract: what every {@link BridgeStore} implementation must do, checked only through the
 * interface, so that the SQLite store and a later PostgreSQL store run the same suite unchanged.
 * Usage: `describeStoreContract('sqlite', async () => ({ store, cleanup }))` in a `*.test.ts` file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventLetterKey } from '../../src/store/letters.js';
import type { BridgeStore, InteractionRow, InteractionState } from '../../src/store/types.js';
import { describeLateUpdateContract } from './contract-late.js';

/** A fresh, empty store for one test, and how to dispose of it. */
export interface StoreHandle {
  store: BridgeStore;
  /** Closes what the factory opened and deletes its data (the store may already be closed). */
  cleanup(): Promise<void>;
  /** Closes the store and opens the same data again (for durability checks); optional. */
  reopen?(): Promise<BridgeStore>;
}

/** Makes a fresh store for each test. */
export type StoreFactory = () => Promise<StoreHandle>;

/** An interaction row with defaults, for tests. */
export function row(key: string, fields: Partial<InteractionRow> = {}): InteractionRow {
  return {
    key,
    type: 'SMS',
    state: 'ready',
    interactionId: `id-${key}`,
    events: [],
    firstSeenAt: 1_000,
    updatedAt: 1_000,
    attempts: 0,
    retryAt: 0,
    ...fields,
  };
}

const mappedPayload = (key: string) => ({
  interaction_id: `id-${key}`,
  assignee_id: 'agent@example.com',
  metadata: { channel: 'SMS' },
  comments: [],
});

/** Runs the store contract against the stores `factory` makes. */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`BridgeStore contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: BridgeStore;
    beforeEach(async () => {
      handle = await factory();
      store = handle.store;
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    describe('events and checkpoints', () => {
      it('stores each eventId once and reports the duplicates', async () => {
        const first = await store.appendEvents('s', [
          { eventId: 'a', payload: { n: 1 } },
          { eventId: 'b', payload: { n: 2 } },
        ]);
        expect(first).toEqual({ inserted: 2, duplicates: 0 });
        const again = await store.appendEvents('s', [
          { eventId: 'b', payload: { n: 99 } },
          { eventId: 'c', payload: { n: 3 } },
        ]);
        expect(again).toEqual({ inserted: 1, duplicates: 1 });
        const events = await store.eventsAfterCursor('reader', 's', 10);
        expect(events.map((e) => [e.eventId, e.payload])).toEqual([
          ['a', { n: 1 }],
          ['b', { n: 2 }],
          ['c', { n: 3 }],
        ]);
        expect(events.every((e) => e.stream === 's' && typeof e.receivedAt === 'number')).toBe(true);
        expect(events[0]!.seq).toBeLessThan(events[1]!.seq);
      });

      it('saves the token with the events, and keeps it when a batch has none', async () => {
        expect(await store.getCheckpoint('s')).toBeUndefined();
        await store.appendEvents('s', [{ eventId: 'a', payload: {} }], 'token-1');
        expect((await store.getCheckpoint('s'))?.token).toBe('token-1');
        await store.appendEvents('s', [{ eventId: 'b', payload: {} }]);
        expect((await store.getCheckpoint('s'))?.token).toBe('token-1');
        // A batch of duplicates still moves the position.
        await store.appendEvents('s', [{ eventId: 'a', payload: {} }], 'token-2');
        const checkpoint = await store.getCheckpoint('s');
        expect(checkpoint?.token).toBe('token-2');
        expect(checkpoint!.updatedAt).toBeGreaterThan(0);
        expect(await store.getCheckpoint('other')).toBeUndefined();
        await store.clearCheckpoint('s');
        expect(await store.getCheckpoint('s')).toBeUndefined();
      });

      it('reads each stream after each cursor, oldest first, within the limit', async () => {
        await store.appendEvents('s1', [
          { eventId: 'a', payload: {} },
          { eventId: 'b', payload: {} },
        ]);
        await store.appendEvents('s2', [{ eventId: 'x', payload: {} }]);
        await store.appendEvents('s1', [{ eventId: 'c', payload: {} }]);
        const firstTwo = await store.eventsAfterCursor('r', 's1', 2);
        expect(firstTwo.map((e) => e.eventId)).toEqual(['a', 'b']);
        await store.saveCursor('r', firstTwo[1]!.seq);
        expect((await store.eventsAfterCursor('r', 's1', 10)).map((e) => e.eventId)).toEqual(['c']);
        // Another cursor has its own position; another stream its own events.
        expect((await store.eventsAfterCursor('other', 's1', 10)).map((e) => e.eventId)).toEqual([
          'a',
          'b',
          'c',
        ]);
        expect((await store.eventsAfterCursor('r', 's2', 10)).map((e) => e.eventId)).toEqual(['x']);
      });
    });

    describe('interactions', () => {
      it('returns only the keys it has', async () => {
        await store.saveInteractions([row('k1'), row('k2', { type: 'VOICE', state: 'assembling' })]);
        const found = await store.getInteractions(['k1', 'missing', 'k2']);
        expect([...found.keys()].sort()).toEqual(['k1', 'k2']);
        expect(found.get('k2')).toMatchObject({ type: 'VOICE', state: 'assembling', interactionId: 'id-k2' });
      });

      it('round-trips every field of a row', async () => {
        const full = row('k', {
          state: 'mapped',
          events: [{ callEventType: 'CALL_START' }],
          record: { a: 1 },
          payload: mappedPayload('k'),
          attempts: 2,
          retryAt: 5,
          lastError: 'boom',
          readyAt: 900,
          jobId: 'j',
          batchId: 'b',
          playvoxId: 'p',
        });
        await store.saveInteractions([full]);
        expect((await store.getInteractions(['k'])).get('k')).toEqual(full);
      });

      it('writes rows, dead letters and the cursor of an assembly together', async () => {
        await store.appendEvents('s', [
          { eventId: 'a', payload: {} },
          { eventId: 'b', payload: {} },
        ]);
        const [, second] = await store.eventsAfterCursor('assemble', 's', 10);
        await store.saveAssembly([row('k1'), row('k2', { state: 'assembling' })], 'assemble', second!.seq, [
          { stage: 'assemble', reason: 'names no interaction', payload: { eventId: 'x' } },
        ]);
        expect(await store.eventsAfterCursor('assemble', 's', 10)).toEqual([]);
        expect((await store.getInteractions(['k1', 'k2'])).size).toBe(2);
        const letters = await store.listDeadLetters();
        expect(letters).toHaveLength(1);
        expect(letters[0]).toMatchObject({
          stage: 'assemble',
          reason: 'names no interaction',
          payload: { eventId: 'x' },
        });
        expect(letters[0]!.key).toBeUndefined();
      });

      it('lists rows of a state once their retry time has passed, oldest first', async () => {
        await store.saveInteractions([
          row('late', { firstSeenAt: 3_000 }),
          row('early', { firstSeenAt: 1_000 }),
          row('waiting', { firstSeenAt: 2_000, retryAt: 10_000 }),
          row('other', { state: 'mapped' }),
        ]);
        const keys = async (now: number, limit = 10) =>
          (await store.interactionsInState('ready', limit, now)).map((r) => r.key);
        expect(await keys(5_000)).toEqual(['early', 'late']);
        expect(await keys(10_000)).toEqual(['early', 'waiting', 'late']);
        expect(await keys(10_000, 1)).toEqual(['early']);
        // Without `now`, the current time decides.
        expect((await store.interactionsInState('ready', 10)).map((r) => r.key)).toEqual([
          'early',
          'waiting',
          'late',
        ]);
      });

      it('finds voice calls still assembling after their grace period', async () => {
        await store.saveInteractions([
          row('old', { state: 'assembling', firstSeenAt: 1_000 }),
          row('new', { state: 'assembling', firstSeenAt: 9_000 }),
          row('ready', { firstSeenAt: 500 }),
        ]);
        expect((await store.staleAssembling(5_000, 10)).map((r) => r.key)).toEqual(['old']);
      });

      it('forgets the events, record and payload of a delivered row', async () => {
        await store.saveInteractions([
          row('k', {
            state: 'delivered',
            events: [{ a: 1 }],
            record: { a: 1 },
            payload: mappedPayload('k'),
            playvoxId: 'p1',
            deliveredAt: 7,
          }),
        ]);
        const saved = (await store.getInteractions(['k'])).get('k')!;
        expect(saved).toMatchObject({ state: 'delivered', events: [], playvoxId: 'p1', deliveredAt: 7 });
        expect(saved.record).toBeUndefined();
        expect(saved.payload).toBeUndefined();
      });
    });

    describe('batches', () => {
      const mapped = (key: string, fields: Partial<InteractionRow> = {}) =>
        row(key, { state: 'mapped', payload: mappedPayload(key), ...fields });

      it('claims due mapped rows into a batch, and no row twice', async () => {
        await store.saveInteractions([
          mapped('a', { firstSeenAt: 1 }),
          mapped('b', { firstSeenAt: 2 }),
          mapped('c', { firstSeenAt: 3 }),
          mapped('later', { firstSeenAt: 0, retryAt: 50_000 }),
        ]);
        const claimed = await store.claimBatch('b1', 2, 10_000);
        expect(claimed.map((r) => r.key)).toEqual(['a', 'b']);
        expect(claimed[0]).toMatchObject({ state: 'sending', batchId: 'b1', payload: mappedPayload('a') });
        const next = await store.claimBatch('b2', 10, 10_000);
        expect(next.map((r) => r.key)).toEqual(['c']);
        expect(await store.claimBatch('b3', 10, 10_000)).toEqual([]);
        const batches = await store.openBatches();
        expect(batches.map((b) => [b.batchId, b.state, b.keys, b.jobId])).toEqual([
          ['b1', 'sending', ['a', 'b'], undefined],
          ['b2', 'sending', ['c'], undefined],
        ]);
        expect(batches[0]!.createdAt).toBe(10_000);
        expect((await store.counts()).interactions).toMatchObject({ sending: 3, mapped: 1 });
      });

      it('never gives the same row to two claims running at once', async () => {
        await store.saveInteractions(
          Array.from({ length: 20 }, (_, i) => mapped(`k${i}`, { firstSeenAt: i })),
        );
        const claims = await Promise.all(
          Array.from({ length: 5 }, (_, i) => store.claimBatch(`b${i}`, 6, 10_000)),
        );
        const keys = claims.flatMap((rows) => rows.map((r) => r.key));
        expect(keys).toHaveLength(20);
        expect(new Set(keys).size).toBe(20);
        expect((await store.openBatches()).length).toBe(claims.filter((c) => c.length > 0).length);
      });

      it('records the job of a submitted batch', async () => {
        await store.saveInteractions([mapped('a'), mapped('b')]);
        await store.claimBatch('b1', 10, 10_000);
        await store.batchSubmitted('b1', 'job-1', ['a', 'b']);
        expect(await store.openBatches()).toMatchObject([
          { batchId: 'b1', state: 'submitted', jobId: 'job-1' },
        ]);
        const rows = await store.getInteractions(['a', 'b']);
        expect([...rows.values()].map((r) => [r.state, r.jobId])).toEqual([
          ['submitted', 'job-1'],
          ['submitted', 'job-1'],
        ]);
      });

      it('closes a finished job: created rows delivered, the others as given, with their letters', async () => {
        await store.saveInteractions([mapped('a'), mapped('b'), mapped('c')]);
        const [, b, c] = await store.claimBatch('b1', 10, 10_000);
        await store.batchSubmitted('b1', 'job-1', ['a', 'b', 'c']);
        await store.closeDeliveredBatch(
          'b1',
          [{ key: 'a', playvoxId: 'pv-a' }],
          [
            { ...b!, state: 'mapped', batchId: undefined, attempts: 1, lastError: 'refused' },
            { ...c!, state: 'dead', batchId: undefined, lastError: 'refused for good' },
          ],
          [{ key: 'c', stage: 'deliver', reason: 'refused for good', payload: c!.payload }],
          20_000,
        );
        expect(await store.openBatches()).toEqual([]);
        const rows = await store.getInteractions(['a', 'b', 'c']);
        expect(rows.get('a')).toMatchObject({ state: 'delivered', playvoxId: 'pv-a', deliveredAt: 20_000 });
        expect(rows.get('a')!.payload).toBeUndefined();
        expect(rows.get('a')!.batchId).toBeUndefined();
        expect(rows.get('b')).toMatchObject({ state: 'mapped', attempts: 1, lastError: 'refused' });
        expect(rows.get('c')).toMatchObject({ state: 'dead' });
        expect(await store.listDeadLetters()).toMatchObject([{ key: 'c', stage: 'deliver' }]);
      });

      it('closes a batch with the rows and letters given', async () => {
        await store.saveInteractions([mapped('a')]);
        const [a] = await store.claimBatch('b1', 10, 10_000);
        await store.closeBatch('b1', [{ ...a!, state: 'mapped', batchId: undefined, retryAt: 30_000 }]);
        expect(await store.openBatches()).toEqual([]);
        expect((await store.getInteractions(['a'])).get('a')).toMatchObject({
          state: 'mapped',
          retryAt: 30_000,
        });
        // The row waits for its retry time before it can be claimed again.
        expect(await store.claimBatch('b2', 10, 20_000)).toEqual([]);
        expect((await store.claimBatch('b3', 10, 30_000)).map((r) => r.key)).toEqual(['a']);
      });
    });

    describe('dead letters', () => {
      it('dead-letters a row with its reason, and lists letters oldest first within the limit', async () => {
        await store.saveInteractions([row('k')]);
        await store.deadLetter({ key: 'k', stage: 'map', reason: 'no channel', payload: { a: 1 } }, row('k'));
        await store.deadLetter({ stage: 'source', reason: 'no eventId', payload: { b: 2 } });
        expect((await store.getInteractions(['k'])).get('k')).toMatchObject({
          state: 'dead',
          lastError: 'no channel',
        });
        const letters = await store.listDeadLetters();
        expect(letters.map((l) => [l.key, l.stage, l.reason, l.payload])).toEqual([
          ['k', 'map', 'no channel', { a: 1 }],
          [undefined, 'source', 'no eventId', { b: 2 }],
        ]);
        expect(letters[0]!.id).not.toBe(letters[1]!.id);
        expect(letters[0]!.createdAt).toBeGreaterThan(0);
        expect(await store.listDeadLetters(1)).toHaveLength(1);
      });

      it('retries a QA interaction: back to ready with a fresh count, and the letter gone', async () => {
        await store.deadLetter(
          { key: 'k', stage: 'deliver', reason: 'refused', payload: {} },
          row('k', { state: 'mapped', attempts: 5, retryAt: 99, payload: mappedPayload('k') }),
        );
        const [letter] = await store.listDeadLetters();
        expect(await store.retryDeadLetter(letter!.id)).toBe(true);
        const saved = (await store.getInteractions(['k'])).get('k')!;
        expect(saved).toMatchObject({ state: 'ready', attempts: 0, retryAt: 0 });
        expect(saved.lastError).toBeUndefined();
        expect(saved.payload).toBeUndefined();
        expect(await store.listDeadLetters()).toEqual([]);
        expect(await store.retryDeadLetter(letter!.id)).toBe(false);
      });

      it('retries a WFM event by putting it back on its stream, once', async () => {
        await store.appendEvents('gladly:events', [{ eventId: 'g1', payload: { id: 'g1' } }]);
        const [stored] = await store.eventsAfterCursor('wfm', 'gladly:events', 10);
        await store.saveCursor('wfm', stored!.seq);
        await store.deadLetter({
          key: eventLetterKey('gladly:events', 'g1'),
          stage: 'deliver',
          reason: 'refused',
          payload: stored!.payload,
        });
        const [letter] = await store.listDeadLetters();
        expect(await store.retryDeadLetter(letter!.id)).toBe(true);
        const again = await store.eventsAfterCursor('wfm', 'gladly:events', 10);
        expect(again.map((e) => e.payload)).toEqual([{ id: 'g1' }]);
        expect(again[0]!.eventId).not.toBe('g1');
        expect(await store.listDeadLetters()).toEqual([]);
      });

      it('keeps a letter that names nothing to re-drive, and drops letters for good', async () => {
        await store.deadLetter({ stage: 'source', reason: 'no eventId', payload: {} });
        await store.saveInteractions([row('alive')]);
        await store.deadLetter({ key: 'alive', stage: 'map', reason: 'x', payload: {} });
        const [anonymous, notDead] = await store.listDeadLetters();
        expect(await store.retryDeadLetter(anonymous!.id)).toBe(false);
        // The row is not dead (it was re-driven some other way): nothing to retry.
        expect(await store.retryDeadLetter(notDead!.id)).toBe(false);
        expect(await store.listDeadLetters()).toHaveLength(2);
        expect(await store.dropDeadLetter(anonymous!.id)).toBe(true);
        expect(await store.dropDeadLetter(anonymous!.id)).toBe(false);
        expect(await store.retryDeadLetter(123_456)).toBe(false);
        expect((await store.listDeadLetters()).map((l) => l.id)).toEqual([notDead!.id]);
      });
    });

    describe('notes and WFM state', () => {
      it('keeps the integration id and the last error', async () => {
        expect(await store.getIntegrationId()).toBeUndefined();
        expect(await store.getLastError()).toBeUndefined();
        await store.setIntegrationId('int-1');
        await store.setIntegrationId('int-2');
        await store.setLastError({ at: '2026-01-01T00:00:00.000Z', message: 'feed: timeout' });
        expect(await store.getIntegrationId()).toBe('int-2');
        expect(await store.getLastError()).toEqual({
          at: '2026-01-01T00:00:00.000Z',
          message: 'feed: timeout',
        });
      });

      it('keeps the last error of each kind apart from the last error', async () => {
        expect(await store.getLastError('auth')).toBeUndefined();
        await store.setLastError({ at: '2026-01-01T00:00:00.000Z', message: 'feed: timeout' });
        const refused = { at: '2026-01-02T00:00:00.000Z', message: 'GET x: 401', destination: 'gladly' };
        await store.setLastError(refused, 'auth');
        await store.setLastError({ at: '2026-01-03T00:00:00.000Z', message: 'locked' }, 'store');
        expect(await store.getLastError('auth')).toEqual(refused);
        expect(await store.getLastError('store')).toEqual({
          at: '2026-01-03T00:00:00.000Z',
          message: 'locked',
        });
        expect(await store.getLastError('gap')).toBeUndefined();
        expect((await store.getLastError())?.message).toBe('feed: timeout');
      });

      it('keeps a user map per source and the webhook id', async () => {
        expect(await store.getUserMap('gladly')).toBeUndefined();
        const map = { at: 42, users: { agent1: { email: 'a@example.com', wfmUserId: 7 } } };
        await store.saveUserMap('gladly', map);
        expect(await store.getUserMap('gladly')).toEqual(map);
        expect(await store.getUserMap('livevox')).toBeUndefined();
        await store.saveUserMap('gladly', { at: 43, users: {} });
        expect(await store.getUserMap('gladly')).toEqual({ at: 43, users: {} });
        expect(await store.getWebhookId()).toBeUndefined();
        await store.setWebhookId('wh-1');
        expect(await store.getWebhookId()).toBe('wh-1');
      });

      it('finishes a WFM round: letters, memory and cursor together; memory left out stays', async () => {
        expect(await store.getWfmMemory()).toEqual({ openCalls: {}, openConversations: {} });
        await store.appendEvents('lv', [
          { eventId: 'e1', payload: {} },
          { eventId: 'e2', payload: {} },
        ]);
        const [e1] = await store.eventsAfterCursor('wfm:lv', 'lv', 10);
        const call = { contactId: 'c1', serviceId: 's1', startMs: 5, direction: 'inbound' as const };
        await store.finishWfmRound({
          cursor: 'wfm:lv',
          seq: e1!.seq,
          deadLetters: [
            { key: eventLetterKey('lv', 'e1'), stage: 'map', reason: 'unknown user', payload: {} },
          ],
          memory: { openCalls: { agent1: call }, openConversations: { conv1: '2026-01-01T00:00:00.000Z' } },
        });
        expect((await store.eventsAfterCursor('wfm:lv', 'lv', 10)).map((e) => e.eventId)).toEqual(['e2']);
        expect(await store.listDeadLetters()).toMatchObject([{ stage: 'map', reason: 'unknown user' }]);
        expect(await store.getWfmMemory()).toEqual({
          openCalls: { agent1: call },
          openConversations: { conv1: '2026-01-01T00:00:00.000Z' },
        });
        const [, e2] = await store.eventsAfterCursor('r', 'lv', 10);
        await store.finishWfmRound({
          cursor: 'wfm:lv',
          seq: e2!.seq,
          deadLetters: [],
          memory: { openCalls: {} },
        });
        expect(await store.getWfmMemory()).toEqual({
          openCalls: {},
          openConversations: { conv1: '2026-01-01T00:00:00.000Z' },
        });
        await store.finishWfmRound({ cursor: 'wfm:lv', seq: e2!.seq, deadLetters: [] });
        expect((await store.getWfmMemory()).openConversations).toEqual({ conv1: '2026-01-01T00:00:00.000Z' });
        expect(await store.eventsAfterCursor('wfm:lv', 'lv', 10)).toEqual([]);
      });
    });

    describeLateUpdateContract(() => store, row);

    describe('housekeeping', () => {
      it('counts events, interactions per state and dead letters', async () => {
        const zero: Record<InteractionState, number> = {
          assembling: 0,
          ready: 0,
          mapped: 0,
          sending: 0,
          submitted: 0,
          delivered: 0,
          dead: 0,
        };
        expect(await store.counts()).toEqual({ events: 0, interactions: zero, deadLetters: 0 });
        await store.appendEvents('s', [
          { eventId: 'a', payload: {} },
          { eventId: 'b', payload: {} },
        ]);
        await store.saveInteractions([row('r1'), row('r2'), row('m', { state: 'mapped' })]);
        await store.deadLetter({ stage: 'source', reason: 'x', payload: {} });
        expect(await store.counts()).toEqual({
          events: 2,
          interactions: { ...zero, ready: 2, mapped: 1 },
          deadLetters: 1,
        });
      });

      it('counts the queued interactions by state and the dead letters, never the done ones', async () => {
        await store.saveInteractions([
          row('r1'),
          row('r2'),
          row('m', { state: 'mapped' }),
          row('d1', { state: 'delivered' }),
          row('d2', { state: 'delivered' }),
          row('x', { state: 'dead' }),
        ]);
        await store.deadLetter({ stage: 'deliver', reason: 'x', payload: {} });
        expect(await store.queueCounts()).toEqual({
          queued: { assembling: 0, ready: 2, mapped: 1, sending: 0, submitted: 0 },
          deadLetters: 1,
        });
        expect((await store.counts()).interactions).toMatchObject({ delivered: 2, dead: 1, ready: 2 });
      });

      it('prunes only old events that every cursor has passed', async () => {
        await store.appendEvents('s', [
          { eventId: 'a', payload: {} },
          { eventId: 'b', payload: {} },
          { eventId: 'c', payload: {} },
        ]);
        const [, b] = await store.eventsAfterCursor('fast', 's', 10);
        const future = Date.now() + 60_000;
        // No cursor yet: nothing is known to be processed.
        expect(await store.pruneEvents(future)).toBe(0);
        await store.saveCursor('fast', b!.seq + 1);
        await store.saveCursor('slow', b!.seq);
        // Too recent: the dedup window keeps them.
        expect(await store.pruneEvents(0)).toBe(0);
        expect(await store.pruneEvents(future)).toBe(2);
        expect((await store.eventsAfterCursor('none', 's', 10)).map((e) => e.eventId)).toEqual(['c']);
        // A pruned eventId is no longer deduplicated, which is why only old events go.
        expect(await store.counts()).toMatchObject({ events: 1 });
      });

      it('keeps everything across a close and a reopen', async () => {
        if (!handle.reopen) return;
        await store.appendEvents('s', [{ eventId: 'a', payload: { n: 1 } }], 'tok');
        await store.saveInteractions([row('k', { state: 'mapped', payload: mappedPayload('k') })]);
        await store.claimBatch('b1', 10, 10_000);
        await store.setWebhookId('wh');
        store = await handle.reopen();
        expect((await store.getCheckpoint('s'))?.token).toBe('tok');
        expect(await store.appendEvents('s', [{ eventId: 'a', payload: {} }])).toEqual({
          inserted: 0,
          duplicates: 1,
        });
        expect(await store.openBatches()).toMatchObject([{ batchId: 'b1', keys: ['k'] }]);
        expect(await store.getWebhookId()).toBe('wh');
      });
    });
  });
}
