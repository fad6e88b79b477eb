import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectionStoreChoice,
  connectionStorePath,
  ensureConnectionSchema,
} from '../../src/store/connection-store.js';
import { PostgresUnreachableError } from '../../src/store/postgres/errors.js';
import { openStore } from '../../src/store/postgres/open.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import type { BridgeStore } from '../../src/store/types.js';
import { tempDir } from '../helpers.js';
import { testDatabase } from './postgres-server.js';

const db = await testDatabase();
const dir = tempDir('voxbridge-connection-store-');
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens one connection's store as `run` does: its schema first, then its own choice. */
async function open(choice: { path: string; url?: string }, connection: string): Promise<BridgeStore> {
  await ensureConnectionSchema(choice, connection, {});
  return openStore(connectionStoreChoice(choice, connection, {}), { worker: `test-${connection}` }, {});
}

/** Writes one event and its checkpoint to the interaction stream, and a note of the integration. */
async function write(store: BridgeStore, id: string): Promise<void> {
  await store.appendEvents('livevox:interaction-events', [{ eventId: id, payload: { id } }], `token-${id}`);
  await store.setIntegrationId(`integration-${id}`);
}

describe('where each connection keeps its state', () => {
  it('keeps the default connection at store.path and puts another beside it', () => {
    expect(connectionStorePath('/srv/vb/state.db', 'default')).toBe('/srv/vb/state.db');
    expect(connectionStorePath('/srv/vb/state.db', 'acme')).toBe('/srv/vb/state.acme.db');
    expect(connectionStorePath('/srv/vb/state', 'acme-eu')).toBe('/srv/vb/state.acme-eu');
    expect(connectionStoreChoice({ path: '/srv/vb/state.db' }, 'default', {})).toEqual({
      path: '/srv/vb/state.db',
      url: undefined,
    });
  });

  it('takes VOXBRIDGE_STORE_URL into the choice and gives a named connection its schema', () => {
    const env = { VOXBRIDGE_STORE_URL: 'postgres://vb:secret@db:5432/voxbridge' };
    expect(connectionStoreChoice({ path: 'x' }, 'default', env).url).toBe(env.VOXBRIDGE_STORE_URL);
    const url = new URL(connectionStoreChoice({ path: 'x' }, 'acme-eu', env).url!);
    expect(url.searchParams.get('options')).toBe('-c search_path="voxbridge_acme-eu"');
    expect(url.host).toBe('db:5432');
  });

  it('waits for an unreachable database before creating a schema, naming the host and never the password', async () => {
    const choice = { path: 'unused', url: 'postgres://vb:hunter22@127.0.0.1:1/voxbridge' };
    const retries: string[] = [];
    const signal = AbortSignal.timeout(700);
    const error = await ensureConnectionSchema(
      choice,
      'acme',
      {},
      {
        signal,
        initialDelayMs: 100,
        onRetry: (e) => retries.push(e.message),
      },
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(PostgresUnreachableError);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries[0]).toContain('127.0.0.1:1');
    expect(retries.join(' ')).not.toContain('hunter22');
  });

  it('keeps two SQLite connections apart', async () => {
    const choice = { path: join(dir, 'state.db') };
    const [main, acme] = [await open(choice, 'default'), await open(choice, 'acme')];
    await write(acme, 'a1');
    expect(await main.getCheckpoint('livevox:interaction-events')).toBeUndefined();
    expect((await acme.getCheckpoint('livevox:interaction-events'))?.token).toBe('token-a1');
    await Promise.all([main.close(), acme.close()]);
  });

  it.skipIf(!db)(
    'keeps PostgreSQL connections in schemas of one database, default in its own tables',
    async () => {
      const choice = { path: 'unused', url: db!.url };
      const stores = {
        main: await open(choice, 'default'),
        acme: await open(choice, 'acme'),
        acmeEu: await open(choice, 'acme-eu'),
      };
      await write(stores.main, 'm1');
      await write(stores.acme, 'a1');
      expect((await stores.acmeEu.counts()).events).toBe(0);
      expect(await stores.acmeEu.getIntegrationId()).toBeUndefined();
      expect(await stores.acme.getIntegrationId()).toBe('integration-a1');
      expect(await stores.main.getIntegrationId()).toBe('integration-m1');
      // The default connection's rows are where a store opened without connections finds them.
      const plain = await PostgresStore.open({ url: db!.url, worker: 'test-plain' });
      expect((await plain.getCheckpoint('livevox:interaction-events'))?.token).toBe('token-m1');
      const schemas = await plain.pool.query<{ nspname: string }>(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'voxbridge_%' ORDER BY nspname",
      );
      expect(schemas.rows.map((r) => r.nspname)).toEqual(['voxbridge_acme', 'voxbridge_acme-eu']);
      // Opening again (a restart, a second worker) finds the same schema and state.
      const again = await open(choice, 'acme');
      expect((await again.getCheckpoint('livevox:interaction-events'))?.token).toBe('token-a1');
      await Promise.all([...Object.values(stores), plain, again].map((s) => s.close()));
    },
  );
});
