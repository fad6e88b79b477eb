import { hostname } from 'node:os';
import Database from 'better-sqlite3';

/** A SQLite store already used by a running `voxbridge run`; names the file and, when known, the owner. */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
  constructor(
    readonly path: string,
    owner: RunOwner | undefined,
  ) {
    super(
      `the store ${path} is in use by another voxbridge run${owner ? ` (pid ${owner.pid} on ${owner.host}, since ${owner.since})` : ''}; stop it first, or give this run its own store.path`,
    );
  }
}

/** A store file that does not exist where a command looked for it. */
export class StoreMissingError extends Error {
  override name = 'StoreMissingError';
  constructor(readonly path: string) {
    super(
      `no store at ${path}: \`voxbridge run\` creates it there (store.path is relative to the configuration file's folder)`,
    );
  }
}

/** Who holds a store's run lock, as written next to it. */
export interface RunOwner {
  pid: number;
  host: string;
  since: string;
}

/** The owner record a new run lock writes. */
export function currentOwner(): RunOwner {
  return { pid: process.pid, host: hostname(), since: new Date().toISOString() };
}

/**
 * The run lock of a store file: an exclusive lock the operating system holds on `<path>.lock` for as
 * long as this process keeps the connection open. The kernel drops it when the process dies in any
 * way — SIGKILL, out of memory, power cut of a container — so a stale lock is never left behind and a
 * later run simply takes it; a pid written in a file could not tell a dead owner from a recycled pid
 * (pid 1 in every container). `status`, `dlq` and the dashboard read the store without taking it.
 */
export class RunLock {
  private readonly db: Database.Database;

  private constructor(db: Database.Database) {
    this.db = db;
  }

  /** Takes the lock, or returns false when another process (or connection) holds it. */
  static tryAcquire(path: string): RunLock | undefined {
    const db = new Database(`${path}.lock`);
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('journal_mode = DELETE');
      // EXCLUSIVE locking mode keeps the lock after the first write until the connection closes.
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS held (at INTEGER)');
      db.exec('COMMIT');
      return new RunLock(db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return undefined;
      throw error;
    }
  }

  /** Gives the lock back (closing the store does it; so does the process ending). */
  release(): void {
    if (this.db.open) this.db.close();
  }
}

/** The owner a running `voxbridge run` wrote into the store, for the "in use" error. */
export function readOwner(path: string, metaName: string): RunOwner | undefined {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT value FROM meta WHERE name = ?').get(metaName) as
        | { value: string }
        | undefined;
      return row ? (JSON.parse(row.value) as RunOwner) : undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined; // an unreadable owner record still leaves a clear error without it
  }
}
