import {
  connectionStoreChoice,
  copySqliteToPostgres,
  describePostgresUrl,
  ensureConnectionSchema,
  type MigrationResult,
  migratePostgres,
  storeUrl,
} from '@voxbridge/bridge';
import type { Command } from 'commander';
import { connectionsOf, named } from '../connections.js';
import { configCommand, EVERY_CONNECTION } from '../options.js';
import { progressDisplay } from '../progress.js';

/** `voxbridge store migrate` and `voxbridge store copy`: the PostgreSQL store's maintenance commands. */
export function registerStoreCommands(program: Command): void {
  const store = program.command('store').description('the PostgreSQL store: migrate it, move onto it');
  configCommand(
    store,
    'migrate',
    'apply the pending schema migrations of the configured PostgreSQL store (under the advisory lock); with connections:, of every connection',
    { connection: EVERY_CONNECTION, json: 'print JSON' },
  ).action(async (options: { config: string; connection?: string; json: boolean }) => {
    const connections = connectionsOf(options.config, options.connection);
    const url = storeUrl(connections[0]!.config.store);
    if (!url)
      throw new Error(
        `store migrate: ${options.config} names no PostgreSQL store (set store.url or VOXBRIDGE_STORE_URL); SQLite needs no migration command`,
      );
    const { host, port, database } = describePostgresUrl(url);
    const eachNamed = named(connections);
    const results: Array<MigrationResult & { connection: string }> = [];
    // Each connection's state is a schema of its own (default: the database's own tables).
    for (const { name, config } of connections) {
      await ensureConnectionSchema(config.store, name);
      const result = await migratePostgres(connectionStoreChoice(config.store, name).url!);
      results.push({ connection: name, ...result });
      if (options.json) continue;
      const where = `${host}:${port}/${database}${eachNamed ? ` (connection ${name})` : ''}`;
      process.stdout.write(
        result.applied.length === 0
          ? `${where}: schema already at version ${result.to}; nothing to do\n`
          : `${where}: schema ${result.from} -> ${result.to} (applied ${result.applied.join(', ')})\n`,
      );
    }
    if (!options.json) return;
    const { connection: _default, ...single } = results[0]!;
    process.stdout.write(`${JSON.stringify(eachNamed ? { connections: results } : single)}\n`);
  });
  store
    .command('copy')
    .description('move a stopped single-node deployment (SQLite file) onto an empty PostgreSQL database')
    .requiredOption('--from <file>', 'the SQLite store, e.g. ./.voxbridge/state.db')
    .requiredOption('--to <url>', 'postgres://user:password@host:port/database')
    .option('--json', 'print JSON', false)
    .action(async (options: { from: string; to: string; json: boolean }) => {
      const { host, port, database } = describePostgresUrl(options.to);
      const started = Date.now();
      // The URL is never printed: it may hold a password.
      if (!options.json)
        process.stderr.write(`copying ${options.from} -> ${host}:${port}/${database} (one transaction)…\n`);
      const progress = progressDisplay({ json: options.json });
      const counts = await copySqliteToPostgres(options.from, options.to, {
        onProgress: progress.onProgress,
      }).finally(() => progress.done());
      const ms = Date.now() - started;
      if (options.json)
        return void process.stdout.write(
          `${JSON.stringify({ from: options.from, to: { host, port, database }, ms, counts })}\n`,
        );
      process.stdout.write(
        `copied in ${(ms / 1000).toFixed(1)} s: ${Object.entries(counts)
          .map(([table, n]) => `${table} ${n}`)
          .join(', ')}\n`,
      );
    });
}
