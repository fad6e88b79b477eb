export type { Lease, LeaseInfo, WorkerInfo } from './coordination.js';
export { COPIED_BATCH_OWNER, type CopyResult, copySqliteToPostgres } from './copy.js';
export {
  describePostgresUrl,
  LeaseLostError,
  PostgresUnreachableError,
  redactPostgresUrl,
  SchemaTooNewError,
} from './errors.js';
export { LATEST_VERSION, type MigrationResult, migratePostgres, schemaVersion } from './migrate.js';
export { type OpenRetry, openStore, type StoreChoice, storeUrl } from './open.js';
export type { RateGrant } from './rate.js';
export { PostgresStore, type PostgresStoreOptions } from './store.js';
