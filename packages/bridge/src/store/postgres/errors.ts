/** Where a PostgreSQL URL points, without its credentials: `host:port/database`. */
export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user?: string;
}

/**
 * The host, port and database of a `postgres://` URL (never the password). Throws an error naming the
 * setting, not the URL, when it is not one: the URL may hold a password.
 */
export function describePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('store.url: not a URL (expected postgres://user:password@host:port/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new Error(
      `store.url: scheme ${JSON.stringify(parsed.protocol)} is not postgres: or postgresql: (expected postgres://user:password@host:port/database)`,
    );
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    database: database || decodeURIComponent(parsed.username) || 'postgres',
    ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
  };
}

/** The URL with its password replaced by `***`, for logs and errors. */
export function redactPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** PostgreSQL could not be reached or refused the login; the message names host:port and database. */
export class PostgresUnreachableError extends Error {
  override readonly name = 'PostgresUnreachableError';
  constructor(
    readonly target: PostgresTarget,
    /** The driver's error code (ECONNREFUSED, 28P01, …) when it gave one. */
    readonly code: string | undefined,
    reason: string,
  ) {
    super(
      `cannot reach PostgreSQL at ${target.host}:${target.port}, database ${JSON.stringify(target.database)}${
        target.user ? ` as user ${JSON.stringify(target.user)}` : ''
      }: ${reason}`,
    );
  }
}

/**
 * Turns a connection failure into a {@link PostgresUnreachableError}. The driver's message is kept (it
 * says what went wrong) but scrubbed of the password, in case a driver ever echoes it.
 */
export function unreachable(url: string, error: unknown): PostgresUnreachableError {
  const target = describePostgresUrl(url);
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // describePostgresUrl has already accepted the URL
  }
  const err = error as { code?: unknown; message?: unknown; errors?: Array<{ message?: unknown }> };
  // An AggregateError (IPv4 and IPv6 both refused) has an empty message and the reasons inside.
  let reason = String(err?.message ?? error);
  if (!reason && Array.isArray(err?.errors)) reason = err.errors.map((e) => String(e.message)).join('; ');
  if (password) reason = reason.split(password).join('***');
  return new PostgresUnreachableError(target, typeof err?.code === 'string' ? err.code : undefined, reason);
}

/** The database's schema is newer than this voxbridge: refuse to touch it. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `database schema is at version ${databaseVersion}, this voxbridge knows up to ${knownVersion}: upgrade voxbridge`,
    );
  }
}

/**
 * A write was fenced off: the lease (or the batch) it relied on now belongs to another worker, or
 * expired. The worker must stop working on that stream (or batch) and acquire it again.
 */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(
    /** The stream (or `batch:<id>`) whose ownership was lost. */
    readonly resource: string,
    reason: string,
  ) {
    super(`${resource}: ${reason}`);
  }
}
