import { afterAll, describe, it } from 'vitest';
import { STATE_TABLES } from '../../src/store/postgres/schema.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { describeStoreContract } from './contract.js';
import { testDatabase } from './postgres-server.js';

const db = await testDatabase();
afterAll(async () => {
  await db?.drop();
});

/** Empties every table between tests (the schema stays: migrations ran once for the file). */
async function truncate(url: string): Promise<void> {
  const store = await PostgresStore.open({ url, poolSize: 1 });
  await store.pool.query(`TRUNCATE ${STATE_TABLES.join(', ')} RESTART IDENTITY`);
  await store.close();
}

if (db) {
  describeStoreContract('postgres', async () => {
    await truncate(db.url);
    let store = await PostgresStore.open({ url: db.url, poolSize: 4 });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await PostgresStore.open({ url: db.url, poolSize: 4 });
        return store;
      },
      cleanup: () => store.close(),
    };
  });
} else {
  describe.skip('BridgeStore contract: postgres (no PostgreSQL server: see the warning above)', () => {
    it('runs against a real server', () => {});
  });
}
