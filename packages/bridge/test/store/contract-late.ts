/**
 * The late-update part of the store contract (see contract.ts, which runs it for every store): late
 * events are kept once each, wait for their interaction's delivery, and settle atomically.
 */
import { describe, expect, it } from 'vitest';
import type { BridgeStore, InteractionRow } from '../../src/store/types.js';

/** An interaction row with defaults, for tests (as contract.ts's `row`). */
type RowMaker = (key: string, fields?: Partial<InteractionRow>) => InteractionRow;

const disposition = (code: string) => ({ callEventType: 'CALL_DISPOSITION', lvResultId: code });

/** Runs the late-update contract; `current` gives the test's store (it may be reopened). */
export function describeLateUpdateContract(current: () => BridgeStore, row: RowMaker): void {
  describe('late updates', () => {
    const delivered = async (key: string) => {
      const store = current();
      await store.saveInteractions([
        row(key, {
          type: 'VOICE',
          state: 'mapped',
          payload: { interaction_id: `id-${key}`, assignee_id: 'a', metadata: {}, comments: [] },
        }),
      ]);
      const claimed = await store.claimBatch(`batch-${key}`, 10, 10_000);
      await store.batchSubmitted(`batch-${key}`, `job-${key}`, [key]);
      await store.closeDeliveredBatch(
        `batch-${key}`,
        claimed.map((r) => ({ key: r.key, playvoxId: `pv-${r.key}` })),
        [],
        [],
        10_000,
      );
    };

    it('keeps each late event once, and offers it only once its interaction is delivered', async () => {
      const store = current();
      await store.saveInteractions([row('k', { type: 'VOICE', state: 'ready' })]);
      await store.addLateEvents([{ seq: 7, key: 'k', payload: disposition('701') }]);
      // A pass repeated after a crash writes the same seq again: ignored.
      await store.addLateEvents([{ seq: 7, key: 'k', payload: disposition('999') }]);
      expect(await store.pendingLateUpdates(10)).toEqual([]);
      expect(await store.lateUpdateCounts()).toEqual({ applied: 0, pending: 1 });
      await store.saveInteractions([row('k', { type: 'VOICE', state: 'mapped', payload: undefined })]);
      await delivered('k');
      const [pending, ...others] = await store.pendingLateUpdates(10);
      expect(others).toEqual([]);
      expect(pending!.row).toMatchObject({ key: 'k', state: 'delivered', playvoxId: 'pv-k' });
      expect(pending!.events).toEqual([{ seq: 7, key: 'k', payload: disposition('701') }]);
      expect(pending!.base).toBeUndefined();
      expect(pending!.attempts).toBe(0);
    });

    it('gives the saved base with the events, oldest first, and settles through a seq atomically', async () => {
      const store = current();
      const base = { key: 'v', record: { agent: 'x' }, events: [{ callEventType: 'CALL_START' }] };
      await store.saveLateBases([base]);
      await delivered('v');
      await store.addLateEvents([
        { seq: 12, key: 'v', payload: disposition('702') },
        { seq: 11, key: 'v', payload: { callEventType: 'CALL_TERMINATION' } },
      ]);
      const [pending] = await store.pendingLateUpdates(10);
      expect(pending!.base).toEqual(base);
      expect(pending!.events.map((e) => e.seq)).toEqual([11, 12]);
      // Another event arrives while the update is in flight: settling through 12 leaves it pending.
      await store.addLateEvents([{ seq: 20, key: 'v', payload: disposition('703') }]);
      const next = { key: 'v', record: { agent: 'x', termCode: '702' }, events: [] };
      await store.finishLateUpdate({ key: 'v', throughSeq: 12, base: next, applied: true });
      const [again] = await store.pendingLateUpdates(10);
      expect(again!.base).toEqual(next);
      expect(again!.events.map((e) => e.seq)).toEqual([20]);
      expect(await store.lateUpdateCounts()).toEqual({ applied: 1, pending: 1 });
      await store.finishLateUpdate({ key: 'v', throughSeq: 20, applied: true });
      expect(await store.pendingLateUpdates(10)).toEqual([]);
      expect(await store.lateUpdateCounts()).toEqual({ applied: 2, pending: 0 });
      // Settling without a base keeps the one saved.
      await store.addLateEvents([{ seq: 30, key: 'v', payload: disposition('704') }]);
      expect((await store.pendingLateUpdates(10))[0]!.base).toEqual(next);
    });

    it('puts a failed update off until its retry time, counting the tries', async () => {
      const store = current();
      await delivered('r');
      await store.addLateEvents([{ seq: 3, key: 'r', payload: disposition('705') }]);
      await store.deferLateUpdate('r', 1, 50_000, 'Playvox answered 404');
      expect(await store.pendingLateUpdates(10, 49_999)).toEqual([]);
      const [due] = await store.pendingLateUpdates(10, 50_000);
      expect(due!.attempts).toBe(1);
    });

    it('settles a refused update with its dead letter, not counted as applied', async () => {
      const store = current();
      await delivered('d');
      await store.addLateEvents([{ seq: 4, key: 'd', payload: disposition('706') }]);
      await store.finishLateUpdate({
        key: 'd',
        throughSeq: 4,
        applied: false,
        deadLetter: { key: 'd', stage: 'deliver', reason: 'refused', payload: {} },
      });
      expect(await store.lateUpdateCounts()).toEqual({ applied: 0, pending: 0 });
      expect((await store.listDeadLetters()).map((l) => [l.key, l.reason])).toEqual([['d', 'refused']]);
    });
  });
}
