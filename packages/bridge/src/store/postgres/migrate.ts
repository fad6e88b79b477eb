import type pg from 'pg';
import { SchemaTooNewError } from './errors.js';
import { connectPool } from './pool.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './schema.js';

/** What {@link migratePostgres} did. */
export interface MigrationResult {
  /** The schema version before. */
  from: number;
  /** The schema version after (the newest this voxbridge knows). */
  to: number;
  /** The versions this call applied (empty when another worker had already applied them). */
  applied: number[];
}

// Any fixed 64-bit number works; this one is "voxbridge" spelled in hex-ish so it is recognisable in
// pg_locks. Every voxbridge process of every version uses it, so they queue behind each other.
/** The advisory-lock key under which migrations run. */
export const MIGRATION_LOCK_KEY = 0x766f7862726467n.toString();

/**
 * Brings a database to the newest schema version, under `pg_advisory_lock` so that two workers
 * starting together never migrate at once: the second waits, then finds nothing to do. Each migration
 * runs in its own transaction with its row in `voxbridge_schema_migrations`. A database newer than this
 * code is refused with {@link SchemaTooNewError} and left untouched.
 */
export async function migratePostgres(
  target: string | pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  const pool = typeof target === 'string' ? await connectPool(target, { max: 1 }) : target;
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        return await migrateLocked(client, migrations);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  } finally {
    if (typeof target === 'string') await pool.end();
  }
}

/** The schema version a database is at (0: never migrated). */
export async function schemaVersion(client: pg.ClientBase | pg.Pool): Promise<number> {
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('voxbridge_schema_migrations')::text AS t",
  );
  if (!exists.rows[0]?.t) return 0;
  const row = await client.query<{ v: number | null }>(
    'SELECT MAX(version) AS v FROM voxbridge_schema_migrations',
  );
  return Number(row.rows[0]?.v ?? 0);
}

async function migrateLocked(
  client: pg.PoolClient,
  migrations: readonly Migration[],
): Promise<MigrationResult> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS voxbridge_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );
  const from = await schemaVersion(client);
  const known = migrations.length > 0 ? migrations[migrations.length - 1]!.version : 0;
  if (from > known) throw new SchemaTooNewError(from, known);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.sql);
      await client.query('INSERT INTO voxbridge_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(
        `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
      );
    }
    applied.push(migration.version);
  }
  return { from, to: Math.max(from, known), applied };
}

export { LATEST_VERSION };
