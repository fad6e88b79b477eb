import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { WalSync } from '../../src/store/sqlite-wal-sync.js';
import type { InteractionRow } from '../../src/store/types.js';
import { tempDir } from '../helpers.js';

describe('SQLite store: the claim commit synced off the event loop', () => {
  it('fails a sync it cannot make, and syncs once the file is there', async () => {
    const path = join(tempDir(), 'state.db-wal');
    const sync = new WalSync(path);
    await expect(sync.flush()).rejects.toThrow(/ENOENT/);
    writeFileSync(path, 'frames');
    await expect(sync.flush()).resolves.toBeUndefined();
    await sync.close();
  });

  it('claims in batch mode with the WAL of its own file, which another connection then sees', async () => {
    const path = join(tempDir(), 'state.db');
    const store = new SqliteStore({ path, synchronous: 'batch' });
    const row: InteractionRow = {
      key: 'SMS:1',
      type: 'SMS',
      state: 'mapped',
      interactionId: 'SMS-1',
      events: [],
      payload: { interaction_id: 'SMS-1', assignee_id: 'a', metadata: {}, comments: [] },
      firstSeenAt: 1,
      updatedAt: 1,
      attempts: 0,
      retryAt: 0,
    };
    await store.saveInteractions([row]);
    const claimed = await store.claimBatch('b1', 10, Date.now());
    expect(claimed.map((r) => [r.key, r.state, r.batchId])).toEqual([['SMS:1', 'sending', 'b1']]);
    expect(existsSync(`${path}-wal`)).toBe(true);
    const other = new SqliteStore({ path });
    expect((await other.openBatches()).map((b) => b.keys)).toEqual([['SMS:1']]);
    await other.close();
    await store.close();
  });
});
