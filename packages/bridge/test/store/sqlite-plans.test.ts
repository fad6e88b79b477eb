import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { PENDING_LATE_SQL } from '../../src/store/sqlite-late.js';
import { COUNT_QUEUED_SQL } from '../../src/store/sqlite-sql.js';
import { tempDir } from '../helpers.js';

describe('SQLite store: queries of every worker pass stay off the delivered history', () => {
  it('finds pending late updates from the pending late events, not by walking delivered interactions', async () => {
    const path = join(tempDir(), 'state.db');
    await new SqliteStore({ path }).close();
    const db = new Database(path, { readonly: true });
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${PENDING_LATE_SQL}`).all(0, 10) as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join('\n');
    db.close();
    expect(plan).toMatch(/SCAN late_events/);
    expect(plan).not.toMatch(/interactions_by_state/);
  });

  it('counts the queued interactions for the gauges from the state index, not by scanning every row', async () => {
    const path = join(tempDir(), 'state.db');
    await new SqliteStore({ path }).close();
    const db = new Database(path, { readonly: true });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${COUNT_QUEUED_SQL}`).all() as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join('\n');
    db.close();
    expect(plan).toMatch(/SEARCH interactions USING COVERING INDEX interactions_by_state \(state=\?\)/);
    expect(plan).not.toMatch(/SCAN/);
  });
});
