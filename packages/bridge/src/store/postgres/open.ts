import { SqliteStore } from '../sqlite.js';
import type { BridgeStore } from '../types.js';
import { PostgresStore, type PostgresStoreOptions } from './store.js';

/** The `store:` section of the configuration, as far as choosing a store goes. */
export interface StoreChoice {
  /** SQLite file (the embedded default). */
  path: string;
  synchronous?: 'batch' | 'full' | 'normal';
  /** `postgres://user:password@host:port/database`: PostgreSQL instead of the file. */
  url?: string;
}

/** The PostgreSQL URL that applies: `VOXBRIDGE_STORE_URL` first, then `store.url`; undefined for SQLite. */
export function storeUrl(choice: StoreChoice, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.VOXBRIDGE_STORE_URL?.trim();
  return fromEnv || choice.url || undefined;
}

/**
 * Opens the store the configuration names: PostgreSQL when a URL applies (see {@link storeUrl}),
 * migrated under the advisory lock; otherwise the SQLite file at `store.path`.
 */
export async function openStore(
  choice: StoreChoice,
  options: Omit<PostgresStoreOptions, 'url'> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<BridgeStore> {
  const url = storeUrl(choice, env);
  if (url) return PostgresStore.open({ ...options, url });
  return new SqliteStore({ path: choice.path, synchronous: choice.synchronous });
}
