export type { Lease, LeaseInfo, WorkerInfo } from './coordination.js';
export {
  describePostgresUrl,
  LeaseLostError,
  PostgresUnreachableError,
  redactPostgresUrl,
  SchemaTooNewError,
} from './errors.js';
export { LATEST_VERSION, type MigrationResult, migratePostgres, schemaVersion } from './migrate.js';
export { PostgresStore, type PostgresStoreOptions } from './store.js';
