import type pg from 'pg';

/** The answer of {@link takeRate}. */
export interface RateGrant {
  granted: boolean;
  /** When refused, how long until enough tokens have accrued (ms); 0 when granted. */
  waitMs: number;
}

/**
 * Takes `count` tokens from a token bucket shared by every worker on the database (one bucket per
 * Playvox account, say): it refills at `perMinute` a minute, smoothly, and holds at most `burst` tokens
 * (default one second's share), so no window of any length holds more than its share plus `burst`.
 * The bucket row is locked for the update, and time is the database's clock, so workers never
 * disagree. Refused takes leave the bucket as it was, apart from the refill.
 */
export async function takeRate(
  db: pg.Pool | pg.ClientBase,
  bucket: string,
  perMinute: number,
  count = 1,
  burst = Math.max(1, perMinute / 60),
): Promise<RateGrant> {
  if (!(perMinute > 0)) throw new Error(`rate budget ${bucket}: perMinute must be > 0, got ${perMinute}`);
  if (!(count > 0) || count > burst)
    throw new Error(`rate budget ${bucket}: count must be > 0 and at most the burst ${burst}, got ${count}`);
  const perSecond = perMinute / 60;
  // A new bucket starts full; ON CONFLICT DO NOTHING makes the first takers race harmlessly.
  await db.query(
    'INSERT INTO rate_buckets (name, tokens, updated_at) VALUES ($1, $2, clock_timestamp()) ON CONFLICT (name) DO NOTHING',
    [bucket, burst],
  );
  const r = await db.query<{ granted: boolean; wait_s: number }>(
    `WITH now AS (SELECT clock_timestamp() AS t),
     cur AS (
       SELECT LEAST($3::float8, b.tokens + GREATEST(0, extract(epoch FROM now.t - b.updated_at)) * $4::float8) AS avail, now.t
       FROM rate_buckets b, now WHERE b.name = $1 FOR UPDATE OF b)
     UPDATE rate_buckets b SET tokens = cur.avail - CASE WHEN cur.avail >= $2::float8 THEN $2::float8 ELSE 0 END,
       updated_at = cur.t
     FROM cur WHERE b.name = $1
     RETURNING cur.avail >= $2::float8 AS granted, GREATEST(0, ($2::float8 - cur.avail) / $4::float8) AS wait_s`,
    [bucket, count, burst, perSecond],
  );
  const row = r.rows[0]!;
  return { granted: row.granted, waitMs: row.granted ? 0 : Math.ceil(row.wait_s * 1000) };
}
