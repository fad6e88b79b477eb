import { join } from 'node:path';
import { type InteractionRow, SqliteStore } from '@voxbridge/bridge';
import { PacedCounts } from '@voxbridge/dashboard';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

function row(key: string, state: InteractionRow['state']): InteractionRow {
  const now = Date.now();
  return {
    key,
    state,
    interactionId: key,
    type: 'SMS',
    events: [],
    firstSeenAt: now,
    updatedAt: now,
    attempts: 0,
    retryAt: 0,
  };
}

describe('PacedCounts: full counts at most 1 % of the time, queued states always current', () => {
  let store: SqliteStore | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it('re-reads events and done states once 100 times the last full count has passed', async () => {
    store = new SqliteStore({ path: join(tempDir(), 'state.db') });
    let clock = 0;
    let fullReads = 0;
    // Each full count "takes" 50 ms on the test's clock, as one of a large store would.
    const timed = {
      counts: async () => {
        fullReads += 1;
        clock += 50;
        return store!.counts();
      },
      queueCounts: () => store!.queueCounts(),
    };
    const paced = new PacedCounts(timed, { now: () => clock });
    await store.saveInteractions([row('a', 'ready'), row('b', 'delivered')]);
    expect((await paced.counts()).interactions).toMatchObject({ ready: 1, delivered: 1 });
    expect(fullReads).toBe(1);

    await store.saveInteractions([row('a', 'mapped'), row('c', 'delivered')]);
    await store.deadLetter({ stage: 'deliver', reason: 'refused', payload: {} });
    clock += 4_999;
    const between = await paced.counts();
    expect(fullReads).toBe(1);
    // Queued states and dead letters are current; the delivered count is the last full count's.
    expect(between.interactions).toMatchObject({ ready: 0, mapped: 1, delivered: 1 });
    expect(between.deadLetters).toBe(1);

    clock += 1;
    expect((await paced.counts()).interactions).toMatchObject({ mapped: 1, delivered: 2 });
    expect(fullReads).toBe(2);
  });

  it('shares one full count between calls that meet it in progress', async () => {
    store = new SqliteStore({ path: join(tempDir(), 'state.db') });
    let fullReads = 0;
    const paced = new PacedCounts({
      counts: () => {
        fullReads += 1;
        return store!.counts();
      },
      queueCounts: () => store!.queueCounts(),
    });
    const [first, second] = await Promise.all([paced.counts(), paced.counts()]);
    expect(fullReads).toBe(1);
    expect(second).toEqual(first);
  });
});
