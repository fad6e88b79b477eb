import { basename, dirname, extname, join } from 'node:path';
import { DEFAULT_CONNECTION } from '../config/connections.js';
import { PostgresUnreachableError } from './postgres/errors.js';
import { type OpenRetry, type StoreChoice, storeUrl } from './postgres/open.js';

/**
 * Where each connection keeps its state. The store interface is one tenant's (one integration id, one
 * queue of batches, one dead-letter list), so each connection gets a namespace of its own below it,
 * beside the others in the one configured store:
 *
 * - the `default` connection keeps exactly today's place (the `store.path` file, PostgreSQL's own
 *   tables), so an upgraded deployment finds its checkpoints and delivers nothing twice;
 * - another connection `acme` gets, on SQLite, the file beside it with its name before the extension
 *   (`state.db` → `state.acme.db`) and, on PostgreSQL, the schema `voxbridge_acme` of the same database
 *   (created on first use, migrated like the default tables under the same advisory lock).
 *
 * Its checkpoints, streams and leases, interactions, batches, dead letters and WFM state are therefore
 * apart from every other connection's by construction, whatever the implementation underneath.
 */

/** The PostgreSQL schema that holds a (non-default) connection's tables. */
export function connectionSchema(connection: string): string {
  return `voxbridge_${connection}`;
}

/** The SQLite file of a (non-default) connection: its name before the extension of `store.path`. */
export function connectionStorePath(path: string, connection: string): string {
  if (connection === DEFAULT_CONNECTION || path === ':memory:') return path;
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.${connection}${ext}`);
}

/** `url` with its sessions' `search_path` set to the connection's schema (the driver's `options`). */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path="${schema}"`);
  return parsed.toString();
}

/**
 * The store choice of one connection: the configured one for `default`, else the connection's own file
 * or schema. The result names its URL itself, so open it with an empty environment (`VOXBRIDGE_STORE_URL`
 * is already applied here).
 */
export function connectionStoreChoice(
  choice: StoreChoice,
  connection: string,
  env: NodeJS.ProcessEnv = process.env,
): StoreChoice {
  const url = storeUrl(choice, env);
  if (!url) return { ...choice, url: undefined, path: connectionStorePath(choice.path, connection) };
  if (connection === DEFAULT_CONNECTION) return { ...choice, url };
  return { ...choice, url: withSearchPath(url, connectionSchema(connection)) };
}

/**
 * Creates the connection's PostgreSQL schema if it is missing (nothing to do for `default` or SQLite).
 * A database that cannot be reached throws `PostgresUnreachableError` (host, never the password), or,
 * with `retry`, is waited for with the same backoff as the store itself (1 s doubling to 30 s).
 */
export async function ensureConnectionSchema(
  choice: StoreChoice,
  connection: string,
  env: NodeJS.ProcessEnv = process.env,
  retry?: OpenRetry,
): Promise<void> {
  const url = storeUrl(choice, env);
  if (!url || connection === DEFAULT_CONNECTION) return;
  let delay = retry?.initialDelayMs ?? 1_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await createSchema(url, connectionSchema(connection));
    } catch (error) {
      if (!retry || !(error instanceof PostgresUnreachableError) || retry.signal?.aborted) throw error;
      retry.onRetry?.(error, attempt, delay);
      if (await waitUnlessAborted(delay, retry.signal)) throw error;
      delay = Math.min(delay * 2, retry.maxDelayMs ?? 30_000);
    }
  }
}

async function createSchema(url: string, schema: string): Promise<void> {
  // The PostgreSQL driver is loaded only for a PostgreSQL store (commands on SQLite start faster).
  const { connectPool } = await import('./postgres/pool.js');
  const pool = await connectPool(url, { max: 1 });
  try {
    // The name is a checked slug; quoting keeps `-` and a leading digit legal in the identifier.
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two workers creating it at once: one wins, the other sees the unique violation; both go on.
    if ((error as { code?: string }).code !== '23505') throw error;
  } finally {
    await pool.end();
  }
}

/** Waits `ms`; true when `signal` aborted the wait. */
function waitUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
