import { afterAll, describe, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { describeStoreContract } from './contract.js';
import { testDatabase, truncateAll } from './postgres-server.js';

const db = await testDatabase();
afterAll(async () => {
  await db?.drop();
});

if (db) {
  describeStoreContract('postgres', async () => {
    await truncateAll(db.url);
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
