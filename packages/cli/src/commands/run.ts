import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CONNECTION, loadConnections, startConnections } from '@voxbridge/bridge';
import { attachDashboard } from '@voxbridge/dashboard';
import type { Command } from 'commander';
import { wfmUnmatched } from '../demo/wfm.js';
import { configCommand, portOption } from '../options.js';
import { armShutdownWatchdog, listenForShutdown } from '../signals.js';

/** Extra time the watchdog allows after `shutdown.timeoutMs` for closing the server and the store. */
const CLOSE_GRACE_MS = 10_000;

/** Options of `voxbridge run`. */
export interface RunOptions {
  config: string;
  port?: number;
  printToken: boolean;
}

/** `voxbridge run`: the pipelines, the health/metrics server and the dashboard until SIGINT/SIGTERM. */
export function registerRun(program: Command): void {
  configCommand(
    program,
    'run',
    'run the LiveVox → Playvox QA pipeline (and the WFM connector when configured) until SIGINT/SIGTERM',
  )
    .option(
      '--port <n>',
      'serve /metrics, /healthz, /readyz on this port (overrides server.port)',
      portOption,
    )
    .option(
      '--print-token',
      'print the dashboard URL with its token on stdout (it is always in the token file)',
      false,
    )
    .action((options: RunOptions) => runBridge(options));
}

/**
 * Runs until the first SIGINT/SIGTERM, then finishes the work in flight within `shutdown.timeoutMs`,
 * closes everything and exits 0. A second signal exits at once (see signals.ts). A failure at start
 * (a taken port, an unreachable service) closes what was started and rejects.
 */
export async function runBridge(options: RunOptions): Promise<void> {
  // Listening from the very start: a SIGTERM while the store or Playvox is still being reached is kept.
  const shutdown = listenForShutdown();
  const list = loadConnections(options.config);
  const shared = list[0]!.config;
  const all = await startConnections(list, {
    signal: shutdown.signal,
    // A file without connections: fails at start as it always did; tenants are retried, the others run.
    failFast: list.length === 1 && list[0]!.name === DEFAULT_CONNECTION,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  const { logger } = all;
  let closeDashboard: (() => Promise<void>) | undefined;
  try {
    // The dashboard's figures are the first running connection's; its Connections tile lists them all.
    const shown = all.connections.find((c) => c.bridge);
    if (shown?.bridge) {
      const connector = shown.wfm;
      const { dashboard, url } = attachDashboard(
        { ...shown.bridge, url: all.url, addRoute: all.addRoute },
        {
          wfmUnmatched: () => wfmUnmatched(connector),
          wfm: () => connector?.stats(),
          // Several tenants: the Connections tile lists every one, a failing one included.
          ...(all.connections.length > 1 || shown.name !== DEFAULT_CONNECTION
            ? {
                connections: () =>
                  all.connections.map((c) => ({
                    name: c.name,
                    state: c.status().state,
                    ready: c.bridge?.pipeline.health().ready ?? false,
                    delivered: c.bridge?.pipeline.progress.delivered ?? 0,
                    error: c.status().error ?? null,
                  })),
              }
            : {}),
        },
      );
      closeDashboard = () => dashboard.close();
      if (url) {
        const file = writeTokenFile(shared.store.path, url);
        // The token never reaches the log: the log gets the URL without it and the file's path.
        logger.info(
          {
            dashboard: url.replace(/token=[^&]+/, 'token=[REDACTED]'),
            tokenFile: file,
            connection: shown.name,
          },
          'dashboard served; its URL with the token is in the token file',
        );
        process.stdout.write(
          options.printToken ? `dashboard: ${url}\n` : `dashboard URL with token: ${file}\n`,
        );
      }
    }
  } catch (error) {
    await closeDashboard?.().catch(() => undefined);
    await all.stop().catch(() => undefined);
    throw error;
  }
  const signal = await shutdown.requested;
  const timeoutMs = shared.shutdown.timeoutMs;
  logger.info(
    { signal, timeoutMs },
    'stopping: finishing the work in flight (a second signal exits at once)',
  );
  armShutdownWatchdog(timeoutMs + CLOSE_GRACE_MS);
  await closeDashboard?.().catch(() => undefined);
  const outcome = await all.stop({ timeoutMs });
  logger.info(
    { settled: outcome.settled, unsettledBatches: outcome.unsettledBatches },
    outcome.settled
      ? 'stopped: all work in flight settled'
      : 'stopped at the deadline: unsettled batches are reconciled at the next start',
  );
  // Requests still pending after the deadline (a Playvox that does not answer) must not keep us alive.
  process.exit(0);
}

/**
 * Writes the dashboard URL (it carries the token) to `dashboard-url` beside the store, readable by
 * this user only (mode 0600), and returns the file's absolute path.
 */
export function writeTokenFile(storePath: string, url: string): string {
  const dir = storePath === ':memory:' ? process.cwd() : dirname(resolve(storePath));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'dashboard-url');
  writeFileSync(file, `${url}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an older file keeps its mode on rewrite
  return file;
}
