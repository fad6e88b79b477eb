import pg from 'pg';
import { describePostgresUrl, unreachable } from './errors.js';

/** Options of {@link connectPool}. */
export interface PoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** How long to wait for a connection, ms (default 10 000). */
  connectionTimeoutMs?: number;
}

const INT8_OID = 20;

// BIGINT columns hold epoch milliseconds and sequence numbers, far below 2^53: read them as numbers
// (node-postgres returns strings by default), for this pool only.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A connection pool on `url`, checked by one round trip. A database that cannot be reached (or refuses
 * the login) gives a {@link PostgresUnreachableError} naming host:port and database, never the password.
 */
export async function connectPool(url: string, options: PoolOptions = {}): Promise<pg.Pool> {
  describePostgresUrl(url); // a malformed URL fails here, with a message that does not repeat it
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    types,
  });
  // An idle connection that the server drops emits 'error' on the pool; unhandled, it would end the
  // process. The next query gets a fresh connection (or the error, which reaches its caller).
  pool.on('error', () => {});
  // The same for a connection dropped while checked out between two queries: without a listener its
  // 'error' event would be an uncaught exception. The query in flight (or the next one) still fails.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw unreachable(url, error);
  }
  return pool;
}

/** Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dead: destroy it rather than return it to the pool.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
