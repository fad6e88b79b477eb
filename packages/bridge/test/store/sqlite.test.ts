import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('sqlite (file)', async () => {
  const dir = tempDir('voxbridge-store-');
  const path = join(dir, 'state.db');
  let store = new SqliteStore({ path, synchronous: 'normal' });
  return {
    store,
    reopen: async () => {
      await store.close();
      store = new SqliteStore({ path, synchronous: 'normal' });
      return store;
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeStoreContract('sqlite (memory)', async () => {
  const store = new SqliteStore({ path: ':memory:' });
  return { store, cleanup: () => store.close() };
});
