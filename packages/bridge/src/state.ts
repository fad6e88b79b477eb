/**
 * `@voxbridge/bridge/state`: what a command that only reads or edits the bridge's state needs — the
 * configuration file, the connections it lists, each connection's store and the status reads — and
 * nothing more. It loads no API client, pipeline, metrics or logger, and the PostgreSQL driver only for
 * a PostgreSQL store, so `voxbridge status` starts in a fraction of the time the whole package takes.
 * Every name here is also exported by `@voxbridge/bridge`.
 * @packageDocumentation
 */

import type { PostgresStore } from './store/postgres/store.js';
import { SqliteStore } from './store/sqlite.js';
import type { BridgeStore } from './store/types.js';

export { type BridgeConnection, DEFAULT_CONNECTION, selectConnections } from './config/connections.js';
export { ConfigError, loadConnections } from './config/load.js';
export type { BridgeConfig } from './config/schema.js';
export { ERROR_KINDS, type ErrorKind, type LastErrors, readLastErrors } from './observability/errors.js';
export { INTERACTION_STREAM } from './qa/ids.js';
export { type ClosedGap, lastClosedGap } from './qa/sources/history.js';
export { connectionStoreChoice, ensureConnectionSchema } from './store/connection-store.js';
export { type OpenRetry, openStore, type StoreChoice, storeUrl } from './store/postgres/open.js';
export type { PostgresStore } from './store/postgres/store.js';
export { SqliteStore } from './store/sqlite.js';
export type { BridgeStore, SavedError, StoreCounts } from './store/types.js';

/**
 * The store as a {@link PostgresStore} (for its workers and stream leases), undefined for a SQLite
 * store. The PostgreSQL module is imported only for a store that is not SQLite, where opening it has
 * loaded that module already.
 */
export async function postgresStoreOf(store: BridgeStore): Promise<PostgresStore | undefined> {
  if (store instanceof SqliteStore) return undefined;
  const { PostgresStore } = await import('./store/postgres/store.js');
  return store instanceof PostgresStore ? store : undefined;
}
