import { existsSync } from 'node:fs';
import { connectionStoreChoice, createLogger, liveVoxClient, openStore, storeUrl } from '@voxbridge/bridge';
import { createDashboard, serveDashboard, storeBridgeView } from '@voxbridge/dashboard';
import type { Command } from 'commander';
import { oneConnection } from '../connections.js';
import { configCommand, integerOption, portOption } from '../options.js';
import { waitForShutdown } from '../signals.js';

/** Options of `voxbridge dashboard`. */
export interface DashboardCommandOptions {
  config: string;
  /** The connection to show (`connections[i].name`); required when the file lists several. */
  connection?: string;
  /** Default: `server.host` of the configuration. */
  host?: string;
  port: number;
  /** Default: `server.dashboardToken` of the configuration, else a random one. */
  token?: string;
  pollInterval: number;
  /** False with `--no-livevox`: the bridge state only. */
  livevox: boolean;
}

/**
 * `voxbridge dashboard --config voxbridge.yaml`: the dashboard on its own HTTP server, away from the
 * bridge process. It reads the bridge's state from the store file (WAL mode lets it read while
 * `voxbridge run` writes) and polls LiveVox itself with the configuration's credentials.
 */
export function registerDashboard(program: Command): void {
  configCommand(
    program,
    'dashboard',
    'serve the live dashboard on its own: the LiveVox wallboard, and the bridge state read from its store file',
    { connection: 'the connection to show (required when the file lists several)' },
  )
    .option(
      '--host <host>',
      'address to bind (default: server.host of the configuration); off loopback the page needs the token',
    )
    .option('--port <port>', 'port to bind (0: a free one)', portOption, 9465)
    .option(
      '--token <token>',
      'dashboard token (default: server.dashboardToken of the configuration, else a random one)',
    )
    .option(
      '--poll-interval <ms>',
      'pause between two LiveVox polls',
      integerOption({ min: 500, max: 600_000 }),
      5000,
    )
    .option('--no-livevox', 'show only the bridge state, without polling LiveVox')
    .action((options: DashboardCommandOptions) => runDashboard(options));
}

/** Runs the standalone dashboard until SIGINT/SIGTERM (or `signal`). */
export async function runDashboard(options: DashboardCommandOptions, signal?: AbortSignal): Promise<void> {
  const { name, config } = oneConnection('dashboard', options.config, options.connection);
  // Each connection keeps its state apart (`default`: the configured store itself).
  const storeChoice = connectionStoreChoice(config.store, name);
  if (!storeUrl(storeChoice) && storeChoice.path !== ':memory:' && !existsSync(storeChoice.path)) {
    throw new Error(
      `${storeChoice.path}: no bridge store there yet; start the bridge first (voxbridge run --config ${options.config})`,
    );
  }
  const logger = createLogger({ level: config.log.level, destination: process.stderr });
  // The configured store, PostgreSQL included (store.url or VOXBRIDGE_STORE_URL); a SQLite file must exist.
  const store = await openStore(storeChoice, { sqlite: { mustExist: true } });
  const livevox = options.livevox ? liveVoxClient(config.livevox, config.tls) : undefined;
  const host = options.host ?? config.server.host;
  const dashboard = createDashboard({
    livevox,
    bridge: storeBridgeView(store),
    token: options.token ?? config.server.dashboardToken,
    host,
    pollIntervalMs: options.pollInterval,
    logger,
  });
  let served: Awaited<ReturnType<typeof serveDashboard>>;
  try {
    served = await serveDashboard({ dashboard, host, port: options.port });
  } catch (error) {
    await dashboard.close();
    await store.close();
    throw error;
  }
  // The URL carries the token: it goes to the terminal only, never to the log.
  process.stdout.write(`voxbridge dashboard: ${served.pageUrl}\n`);
  await waitForShutdown(signal);
  await served.close();
  await livevox?.session.logout().catch(() => undefined);
  await store.close();
}
