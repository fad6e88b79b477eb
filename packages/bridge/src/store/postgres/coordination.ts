import type pg from 'pg';
import { LeaseLostError } from './errors.js';

/** A stream held by one worker, with the fencing token its writes must carry. */
export interface Lease {
  stream: string;
  worker: string;
  /** Grows with every new owner of any stream: a stale holder's token is always smaller. */
  token: number;
}

/** A stream's current owner, for `voxbridge status`. */
export interface LeaseInfo extends Lease {
  /** Epoch ms. */
  acquiredAt: number;
  /** Epoch ms (database clock) after which another worker may take the stream. */
  expiresAt: number;
}

/** A worker in the registry. */
export interface WorkerInfo {
  worker: string;
  host: string;
  pid?: number;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms of the last heartbeat (database clock). */
  heartbeatAt: number;
  /** Streams whose unexpired lease it holds. */
  leases: string[];
}

// Lease times use the database's clock (clock_timestamp()), so workers whose clocks disagree still
// agree on who holds a lease.
/**
 * Takes a stream when it is free, expired, or already this worker's; the token changes only when the
 * owner changes. Undefined when another worker holds an unexpired lease.
 */
export async function acquireLease(
  db: pg.Pool | pg.ClientBase,
  stream: string,
  worker: string,
  ttlMs: number,
): Promise<Lease | undefined> {
  const result = await db.query<{ token: number }>(
    `INSERT INTO leases (stream, worker, token, acquired_at, expires_at)
     VALUES ($1, $2, nextval('lease_tokens'), clock_timestamp(), clock_timestamp() + $3::float8 * interval '1 millisecond')
     ON CONFLICT (stream) DO UPDATE SET
       token = CASE WHEN leases.worker = excluded.worker THEN leases.token ELSE excluded.token END,
       acquired_at = CASE WHEN leases.worker = excluded.worker THEN leases.acquired_at ELSE excluded.acquired_at END,
       worker = excluded.worker, expires_at = excluded.expires_at
     WHERE leases.worker = excluded.worker OR leases.expires_at <= clock_timestamp()
     RETURNING token`,
    [stream, worker, ttlMs],
  );
  const token = result.rows[0]?.token;
  return token === undefined ? undefined : { stream, worker, token };
}

/**
 * Extends a lease by `ttlMs` from now; false when it is no longer this holder's (another worker took
 * it). A lease that expired but that nobody took is renewed: no other writer can have used it.
 */
export async function renewLease(db: pg.Pool | pg.ClientBase, lease: Lease, ttlMs: number): Promise<boolean> {
  const result = await db.query(
    `UPDATE leases SET expires_at = clock_timestamp() + $4::float8 * interval '1 millisecond'
     WHERE stream = $1 AND worker = $2 AND token = $3`,
    [lease.stream, lease.worker, lease.token, ttlMs],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Gives a stream up at once (a clean shutdown), so another worker need not wait for the expiry. */
export async function releaseLease(db: pg.Pool | pg.ClientBase, lease: Lease): Promise<void> {
  await db.query('DELETE FROM leases WHERE stream = $1 AND worker = $2 AND token = $3', [
    lease.stream,
    lease.worker,
    lease.token,
  ]);
}

/**
 * Checks, inside a write's transaction, that `lease` is still current and unexpired, and holds the
 * lease row until the transaction ends (an acquirer waits for this write, so no write lands after a
 * takeover). Throws {@link LeaseLostError} otherwise, and the caller's transaction rolls back.
 */
export async function checkFence(client: pg.ClientBase, lease: Lease): Promise<void> {
  const result = await client.query<{ token: number; worker: string; live: boolean }>(
    'SELECT token, worker, expires_at > clock_timestamp() AS live FROM leases WHERE stream = $1 FOR SHARE',
    [lease.stream],
  );
  const current = result.rows[0];
  if (!current)
    throw new LeaseLostError(
      lease.stream,
      `lease token ${lease.token} is stale: the stream has no lease now`,
    );
  if (current.token !== lease.token)
    throw new LeaseLostError(
      lease.stream,
      `lease token ${lease.token} is stale: worker ${current.worker} holds the stream with token ${current.token}`,
    );
  if (!current.live)
    throw new LeaseLostError(lease.stream, `lease token ${lease.token} expired before this write`);
}

/** Records that a worker is alive (and registers it the first time). */
export async function heartbeat(
  db: pg.Pool | pg.ClientBase,
  worker: string,
  host: string,
  pid?: number,
): Promise<void> {
  await db.query(
    `INSERT INTO workers (worker, host, pid, started_at, heartbeat_at)
     VALUES ($1, $2, $3, clock_timestamp(), clock_timestamp())
     ON CONFLICT (worker) DO UPDATE SET host = excluded.host, pid = excluded.pid, heartbeat_at = excluded.heartbeat_at`,
    [worker, host, pid ?? null],
  );
}

/** Removes a worker from the registry (a clean shutdown: its batches can be adopted at once). */
export async function deregister(db: pg.Pool | pg.ClientBase, worker: string): Promise<void> {
  await db.query('DELETE FROM workers WHERE worker = $1', [worker]);
}

const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

/** The registered workers with the streams each holds, most recent heartbeat first. */
export async function listWorkers(db: pg.Pool | pg.ClientBase): Promise<WorkerInfo[]> {
  const result = await db.query<{
    worker: string;
    host: string;
    pid: number | null;
    started_at: number;
    heartbeat_at: number;
    leases: string[] | null;
  }>(
    `SELECT w.worker, w.host, w.pid, ${ms('w.started_at')} AS started_at, ${ms('w.heartbeat_at')} AS heartbeat_at,
       (SELECT array_agg(l.stream ORDER BY l.stream) FROM leases l
         WHERE l.worker = w.worker AND l.expires_at > clock_timestamp()) AS leases
     FROM workers w ORDER BY w.heartbeat_at DESC, w.worker`,
  );
  return result.rows.map((r) => ({
    worker: r.worker,
    host: r.host,
    ...(r.pid === null ? {} : { pid: r.pid }),
    startedAt: Math.round(r.started_at),
    heartbeatAt: Math.round(r.heartbeat_at),
    leases: r.leases ?? [],
  }));
}

/** Every stream's lease (expired ones too: their stream waits for a new owner). */
export async function listLeases(db: pg.Pool | pg.ClientBase): Promise<LeaseInfo[]> {
  const result = await db.query<{
    stream: string;
    worker: string;
    token: number;
    acquired_at: number;
    expires_at: number;
  }>(
    `SELECT stream, worker, token, ${ms('acquired_at')} AS acquired_at, ${ms('expires_at')} AS expires_at
     FROM leases ORDER BY stream`,
  );
  return result.rows.map((r) => ({
    stream: r.stream,
    worker: r.worker,
    token: r.token,
    acquiredAt: Math.round(r.acquired_at),
    expiresAt: Math.round(r.expires_at),
  }));
}
