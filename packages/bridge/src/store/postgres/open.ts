import { SqliteStore, type SqliteStoreOptions } from '../sqlite.js';
import type { BridgeStore } from '../types.js';
import { PostgresUnreachableError } from './errors.js';
import type { PostgresStoreOptions } from './store.js';

/** How {@link openStore} waits for a PostgreSQL server that cannot be reached yet. */
export interface OpenRetry {
  /** Told of each failed attempt before the wait (log it: the message names host:port, not the password). */
  onRetry?(error: PostgresUnreachableError, attempt: number, delayMs: number): void;
  /** Stops waiting: the last error is thrown. */
  signal?: AbortSignal;
  /** First wait, doubled after each failure up to `maxDelayMs` (defaults 1 000 and 30 000 ms). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

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
 * migrated under the advisory lock, waiting for an unreachable server with backoff when `retry` is
 * given; otherwise the SQLite file at `store.path`.
 */
export async function openStore(
  choice: StoreChoice,
  options: Omit<PostgresStoreOptions, 'url'> & {
    retry?: OpenRetry;
    /** For the SQLite file: the run lock, refusing a missing file, retention. */
    sqlite?: Omit<SqliteStoreOptions, 'path' | 'synchronous'>;
  } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<BridgeStore> {
  const url = storeUrl(choice, env);
  if (!url) return new SqliteStore({ ...options.sqlite, path: choice.path, synchronous: choice.synchronous });
  // Imported here so that a command on a SQLite store never loads the PostgreSQL driver.
  const { PostgresStore } = await import('./store.js');
  const { retry, sqlite: _sqlite, ...storeOptions } = options;
  if (!retry) return PostgresStore.open({ ...storeOptions, url });
  // A server that is down at start is waited for with backoff (a process that exits at once would be
  // restarted in a tight loop by its supervisor). Other errors (schema too new, bad URL) are final.
  let delay = retry.initialDelayMs ?? 1_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await PostgresStore.open({ ...storeOptions, url });
    } catch (error) {
      if (!(error instanceof PostgresUnreachableError) || retry.signal?.aborted) throw error;
      retry.onRetry?.(error, attempt, delay);
      const stopped = await wait(delay, retry.signal);
      if (stopped) throw error;
      delay = Math.min(delay * 2, retry.maxDelayMs ?? 30_000);
    }
  }
}

/** Waits `ms`; true when `signal` aborted the wait. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
