import Database from 'better-sqlite3';
import type pg from 'pg';
import type { WithProgress } from '../../progress.js';
import { eventRowsWithText } from '../sqlite-events.js';
import { hasInlineBodies, INTERACTION_WITH_BODY } from '../sqlite-sql.js';
import { migratePostgres } from './migrate.js';
import { connectPool, inTransaction } from './pool.js';

/** What {@link copySqliteToPostgres} moved, rows per table (the late-update tables when the file has them). */
export type CopyResult = Record<(typeof COPIED)[number]['table'], number> &
  Partial<Record<(typeof COPIED_WHEN_PRESENT)[number]['table'], number>>;

/** One table to copy. */
type CopiedTable = (typeof COPIED)[number] | (typeof COPIED_WHEN_PRESENT)[number];

/** The owner given to copied batches: no worker has that id, so the first worker to start adopts them. */
export const COPIED_BATCH_OWNER = 'copied-from-sqlite';

// Column lists and PostgreSQL array types, table by table; ids and sequence numbers are kept, because
// cursors point at event seqs and `dlq retry` at letter ids.
const COPIED = [
  { table: 'events', columns: 'seq bigint, event_id text, stream text, received_at bigint, payload text' },
  { table: 'checkpoints', columns: 'stream text, token text, updated_at bigint' },
  { table: 'cursors', columns: 'name text, seq bigint' },
  {
    table: 'interactions',
    columns:
      'key text, type text, state text, interaction_id text, events text, first_seen_at bigint, updated_at bigint, record text, payload text, batch_id text, job_id text, attempts integer, retry_at bigint, playvox_id text, last_error text, delivered_at bigint, ready_at bigint',
  },
  { table: 'batches', columns: 'batch_id text, state text, job_id text, keys text, created_at bigint' },
  {
    table: 'dead_letters',
    columns: 'id bigint, key text, stage text, reason text, payload text, created_at bigint',
  },
  { table: 'meta', columns: 'name text, value text' },
] as const;

// Late updates (events after delivery, the bases updates are rebuilt from): a store file written before
// they existed lacks these tables, which its next open would create empty, so they are copied when there.
const COPIED_WHEN_PRESENT = [
  { table: 'late_events', columns: 'seq bigint, key text, payload text' },
  {
    table: 'late_updates',
    columns: 'key text, base text, updates integer, attempts integer, retry_at bigint, last_error text',
  },
] as const;

const CHUNK = 2_000;

/**
 * Copies a stopped single-node deployment's SQLite store into a PostgreSQL database (migrated first):
 * events (the dedup window), checkpoints, cursors, interactions, open batches, dead letters and notes,
 * in one transaction, keeping sequence numbers and ids. The next `run` on PostgreSQL resumes where the
 * SQLite one stopped, with nothing lost or repeated. Refuses a target that already holds state.
 * Progress (phase `copy`) counts the rows written, of all tables, as each chunk of 2,000 is inserted.
 */
export async function copySqliteToPostgres(
  sqlitePath: string,
  target: string | pg.Pool,
  options: WithProgress = {},
): Promise<CopyResult> {
  let source: Database.Database;
  try {
    source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(
      `store copy --from ${sqlitePath}: cannot open the SQLite store: ${(error as Error).message}`,
    );
  }
  const pool = typeof target === 'string' ? await connectPool(target, { max: 2 }) : target;
  try {
    const missing = COPIED.filter(({ table }) => !hasTable(source, table));
    if (missing.length > 0)
      throw new Error(
        `store copy --from ${sqlitePath}: not a voxbridge store (no table ${missing.map((m) => m.table).join(', ')})`,
      );
    await migratePostgres(pool);
    return await inTransaction(pool, async (c) => {
      await refuseNonEmpty(c);
      const result = {} as CopyResult;
      const rows = { done: 0, total: options.onProgress ? countRows(source) : 0 };
      const report = options.onProgress
        ? (copied: number) => {
            rows.done += copied;
            options.onProgress?.({ done: rows.done, total: rows.total, phase: 'copy', unit: 'rows' });
          }
        : undefined;
      report?.(0);
      for (const { table, columns } of copiedTables(source))
        result[table] = await copyTable(source, c, table, columns, report);
      // New events and letters continue after the copied ones.
      await c.query("SELECT setval('events_seq_seq', GREATEST((SELECT MAX(seq) FROM events), 1))");
      await c.query("SELECT setval('dead_letters_id_seq', GREATEST((SELECT MAX(id) FROM dead_letters), 1))");
      return result;
    });
  } finally {
    source.close();
    if (typeof target === 'string') await pool.end();
  }
}

/** The tables to copy: every table of {@link COPIED}, and those of a newer store where the file has them. */
function copiedTables(source: Database.Database): CopiedTable[] {
  return [...COPIED, ...COPIED_WHEN_PRESENT.filter(({ table }) => hasTable(source, table))];
}

/** Rows to copy, over every table (only counted when someone asks for progress). */
function countRows(source: Database.Database): number {
  let total = 0;
  for (const { table } of copiedTables(source))
    total += (source.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return total;
}

function hasTable(source: Database.Database, table: string): boolean {
  return (
    source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined
  );
}

async function refuseNonEmpty(c: pg.ClientBase): Promise<void> {
  const held: string[] = [];
  for (const { table } of COPIED) {
    const r = await c.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${table}`);
    if (r.rows[0]!.n > 0) held.push(`${r.rows[0]!.n} ${table}`);
  }
  if (held.length > 0)
    throw new Error(
      `store copy: the target database already holds voxbridge state (${held.join(', ')}); copy into an empty database`,
    );
}

async function copyTable(
  source: Database.Database,
  c: pg.ClientBase,
  table: string,
  columns: string,
  onCopied?: (rows: number) => void,
): Promise<number> {
  const defs = columns.split(', ').map((d) => d.split(' ') as [string, string]);
  const names = defs.map(([name]) => name);
  const target = table === 'batches' ? [...names, 'owner'] : names;
  const unnest = defs.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const select = table === 'batches' ? `*, $${defs.length + 1}::text` : '*';
  let copied = 0;
  let chunk: Array<Record<string, unknown>> = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const params: unknown[] = names.map((name) => chunk.map((r) => r[name] ?? null));
    if (table === 'batches') params.push(COPIED_BATCH_OWNER);
    await c.query(
      `INSERT INTO ${table} (${target.join(', ')}) SELECT ${select} FROM unnest(${unnest})`,
      params,
    );
    copied += chunk.length;
    onCopied?.(chunk.length);
    chunk = [];
  };
  // Events keep their text compressed in chunks in the file (`sqlite-events.ts`): read each one's text.
  // An interaction's body is a row of its own there (`interaction_bodies`), unless the file is older.
  const rows =
    table === 'events'
      ? eventRowsWithText(source)
      : table === 'interactions' && !hasInlineBodies(source)
        ? source.prepare(`SELECT ${INTERACTION_WITH_BODY}`).iterate()
        : source.prepare(`SELECT ${names.join(', ')} FROM ${table}`).iterate();
  for (const r of rows) {
    chunk.push(r as Record<string, unknown>);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return copied;
}
